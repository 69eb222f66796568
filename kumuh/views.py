"""Project-level pages that belong to no single app."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

# What each later area will hold, so a user who opens it knows what is coming and where the
# work stands today. Replaced by the real app pages as their issues land.
AREA = {
    "monev": {
        "judul": "Monitoring dan evaluasi",
        "isi": [
            "Pemantauan kegiatan dan evaluasi tahunan.",
            "Peninjauan ulang dengan kontribusi penanganan.",
            "Dasbor kota menuju nol hektar kumuh.",
        ],
    },
}


@login_required
@require_GET
def area_berikutnya(request: HttpRequest, area: str) -> HttpResponse:
    return render(request, "area_berikutnya.html", {"area": AREA[area], "kode_area": area})
