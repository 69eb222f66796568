"""Pages of kegiatan: the filtered list with totals by source, detail, add/edit, next status."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kolaborasi import aturan
from kolaborasi.akses import (
    boleh_isi,
    boleh_putuskan,
    get_kegiatan_for_user,
    wajib_isi,
)
from kolaborasi.kegiatan import aturan_kegiatan, services
from kolaborasi.kegiatan.forms import (
    FilterKegiatanForm,
    KegiatanForm,
    baca_efek,
    efek_formset,
    galat_baris,
)
from kolaborasi.models import Kegiatan
from lokasi import riwayat

PER_HALAMAN = 25
RIWAYAT_TAMPIL = 30


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    semua = Kegiatan.objects.untuk(request.user)
    tahun = sorted(set(semua.order_by().values_list("tahun", flat=True).distinct()))
    filter_form = FilterKegiatanForm(
        request.GET or None, kabkota=request.user.kabkota_terjangkau(), tahun=tahun
    )
    qs = filter_form.saring(semua)
    halaman = Paginator(
        qs.select_related("lokasi")
        .prefetch_related("efek")
        .order_by("tahun", "program", "nama", "pk"),
        PER_HALAMAN,
    ).get_page(request.GET.get("halaman"))
    for k in halaman.object_list:
        k.ringkasan_efek = services.ringkasan_efek(k.efek.all())
        k.jumlah_lokasi_efek = len({e.lokasi_id for e in k.efek.all()})
    query = request.GET.copy()
    query.pop("halaman", None)
    konteks = {
        "filter_form": filter_form,
        "halaman": halaman,
        "jumlah": halaman.paginator.count,
        "total_biaya": qs.aggregate(total=Sum("biaya"))["total"],
        "total_sumber": services.total_per_sumber(qs),
        "boleh_tambah": boleh_isi(request.user),
        "query_tanpa_halaman": query.urlencode(),
    }
    if request.htmx and request.htmx.target == "hasil-kegiatan":
        return render(request, "kolaborasi/kegiatan_daftar.html#hasil", konteks)
    return render(request, "kolaborasi/kegiatan_daftar.html", konteks)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    kegiatan = get_kegiatan_for_user(request.user, pk)
    pendanaan = list(kegiatan.pendanaan.select_related("pemangku"))
    urutan = list(aturan.SUMBER_DANA)
    pendanaan.sort(key=lambda d: urutan.index(d.sumber))
    efek = list(kegiatan.efek.select_related("lokasi", "unit").order_by("lokasi__nama", "kriteria"))
    for e in efek:
        e.volume_tampil = aturan_kegiatan.tampil_volume(e.volume)
    konteks = {
        "kegiatan": kegiatan,
        "efek": efek,
        "pendanaan": pendanaan,
        "total_dana": aturan.jumlah(d.jumlah for d in pendanaan),
        "galat_dana": aturan_kegiatan.galat_pendanaan(
            kegiatan.biaya, {d.sumber: d.jumlah for d in pendanaan}
        ),
        "peringatan": services.peringatan_volume(kegiatan),
        "status_berikut": aturan.status_berikut(kegiatan.status),
        "label_status": aturan.STATUS_KEGIATAN,
        "boleh_ubah": boleh_isi(request.user, kegiatan.kabupaten_kota),
        "boleh_putuskan": boleh_putuskan(request.user, kegiatan.kabupaten_kota),
        "riwayat": riwayat.untuk(kegiatan)[:RIWAYAT_TAMPIL],
    }
    if konteks["status_berikut"]:
        konteks["label_berikut"] = aturan.STATUS_KEGIATAN[konteks["status_berikut"]]
    return render(request, "kolaborasi/kegiatan_detail.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def tambah(request: HttpRequest) -> HttpResponse:
    wajib_isi(request.user)
    kegiatan = Kegiatan(kabupaten_kota=request.user.kabupaten_kota)
    return _form(request, kegiatan)


@login_required
@require_http_methods(["GET", "POST"])
def ubah(request: HttpRequest, pk: int) -> HttpResponse:
    kegiatan = get_kegiatan_for_user(request.user, pk)
    wajib_isi(request.user, kegiatan.kabupaten_kota)
    return _form(request, kegiatan)


def _form(request: HttpRequest, kegiatan: Kegiatan) -> HttpResponse:
    kota, nama_tersimpan = kegiatan.kabupaten_kota, kegiatan.nama
    data = request.POST if request.method == "POST" else None
    tambah_baris = data is not None and "tambah_efek" in data
    form = KegiatanForm(data, instance=kegiatan, kabupaten_kota=kota)
    efek = efek_formset(data, kegiatan=kegiatan, kabkota=kota, tambah=int(tambah_baris))
    if data is not None and not tambah_baris:
        form_sah, efek_sah = form.is_valid(), efek.is_valid()
        baris = baca_efek(efek, form.cleaned_data.get("lokasi")) if form_sah and efek_sah else []
        if form_sah and efek_sah and not any(f.errors for f in efek.forms):
            baru = kegiatan.pk is None
            try:
                services.kegiatan_simpan(
                    kegiatan=form.instance,
                    pengguna=request.user,
                    versi_awal=form.cleaned_data["versi"],
                    efek=baris,
                    pendanaan=form.dana(),
                )
            except riwayat.KonflikPerubahan as e:
                form.add_error(None, str(e))
            except ValidationError as e:
                form.add_error(None, e)
            else:
                pesan = _("Kegiatan %(nama)s disimpan.") % {"nama": kegiatan.nama}
                messages.success(request, (_("Kegiatan baru: ") + pesan) if baru else pesan)
                for p in services.peringatan_volume(kegiatan):
                    messages.warning(request, p)
                return redirect(kegiatan)
    konteks = {
        "form": form,
        "efek": efek,
        "galat_efek": galat_baris(efek) if data is not None and not tambah_baris else [],
        "kegiatan": kegiatan,
        "nama_tersimpan": nama_tersimpan,
    }
    return render(request, "kolaborasi/kegiatan_form.html", konteks)


@login_required
@require_POST
def lanjutkan(request: HttpRequest, pk: int) -> HttpResponse:
    kegiatan = get_kegiatan_for_user(request.user, pk)
    try:
        services.kegiatan_lanjutkan(
            kegiatan=kegiatan, pengguna=request.user, dari=request.POST.get("dari", "")
        )
    except services.StatusBerubah as e:
        messages.error(request, str(e))
    except ValidationError as e:
        for pesan in e.messages:
            messages.error(request, pesan)
    else:
        messages.success(
            request,
            _("Status kegiatan menjadi %(status)s.")
            % {"status": aturan.STATUS_KEGIATAN[kegiatan.status]},
        )
    return redirect(kegiatan)
