"""Pages of the collaboration stages per lokasi and the Pokja's intervention criteria/scores."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kolaborasi import aturan
from kolaborasi.akses import boleh_isi, boleh_putuskan, wajib_isi, wajib_putuskan
from kolaborasi.models import KriteriaIntervensi, TahapKolaborasi
from kolaborasi.pks import daftar, services
from kolaborasi.pks.forms import KriteriaForm, NilaiForm, TahapForm
from kolaborasi.pks.views import berkas_post, isian_post
from lokasi.akses import get_lokasi_for_user
from lokasi.models import KabupatenKota, Pengguna
from penilaian.models import Penilaian


def _kabkota(request: HttpRequest) -> KabupatenKota:
    """The city shown: the user's own, or the one a verifier picked (first in scope)."""
    u = request.user
    terjangkau = u.kabkota_terjangkau().order_by("nama")
    pilihan = request.GET.get("kabkota", "")
    if pilihan.isdecimal():
        return get_object_or_404(terjangkau, pk=int(pilihan))
    if u.kabupaten_kota_id:
        return get_object_or_404(terjangkau, pk=u.kabupaten_kota_id)
    kota = terjangkau.first()
    if kota is None:
        raise Http404(_("Tidak ada kabupaten/kota dalam lingkup Anda."))
    return kota


def _kriteria_for_user(pengguna: Pengguna, pk: int) -> KriteriaIntervensi:
    return get_object_or_404(
        KriteriaIntervensi.objects.filter(
            kabupaten_kota__in=pengguna.kabkota_terjangkau()
        ).select_related("kabupaten_kota"),
        pk=pk,
    )


@login_required
@require_GET
def tahap_daftar(request: HttpRequest) -> HttpResponse:
    kabkota = _kabkota(request)
    urut = request.GET.get("urut", "prioritas")
    urut = urut if urut in daftar.URUTAN_TAHAP else "prioritas"
    kriteria, baris = daftar.daftar_tahap(
        Penilaian.objects.untuk(request.user), kabupaten_kota=kabkota, urut=urut
    )
    konteks = {
        "kabkota": kabkota,
        "pilihan_kabkota": request.user.kabkota_terjangkau().order_by("nama"),
        "kriteria": kriteria,
        "baris": baris,
        "tahap": aturan.TAHAP,
        "urut": urut,
        "boleh_isi": boleh_isi(request.user, kabkota),
        "boleh_putuskan": boleh_putuskan(request.user, kabkota),
    }
    return render(request, "kolaborasi/tahap_daftar.html", konteks)


@login_required
@require_http_methods(["GET", "POST"])
def tahap_ubah(request: HttpRequest, lokasi_pk: int) -> HttpResponse:
    lokasi = get_lokasi_for_user(request.user, lokasi_pk)
    wajib_isi(request.user, lokasi.kabupaten_kota)
    ada = {t.tahap: t for t in lokasi.tahap_kolaborasi.all()}
    forms = [
        (kode, label, ada.get(kode), TahapForm(
            isian_post(request), berkas_post(request), prefix=kode,
            initial=_awal(ada.get(kode)),
        ))
        for kode, label in aturan.TAHAP.items()
    ]  # fmt: skip
    if request.method == "POST" and all(f.is_valid() for *_x, f in forms):
        services.tahap_simpan(
            lokasi=lokasi, pengguna=request.user,
            isian={kode: f.cleaned_data for kode, _l, _t, f in forms},
        )  # fmt: skip
        messages.success(request, _("Tahap kolaborasi %(lokasi)s disimpan.") % {"lokasi": lokasi})
        return redirect("kolaborasi:tahap_daftar")
    return render(request, "kolaborasi/tahap_form.html", {"lokasi": lokasi, "forms": forms})


def _awal(tahap: TahapKolaborasi | None) -> dict:
    if tahap is None:
        return {}
    return {"mulai": tahap.mulai, "selesai": tahap.selesai, "bukti": tahap.bukti}


@login_required
@require_GET
def tahap_dokumen(request: HttpRequest, pk: int) -> FileResponse:
    tahap = get_object_or_404(
        TahapKolaborasi.objects.filter(
            lokasi__kabupaten_kota__in=request.user.kabkota_terjangkau()
        ),
        pk=pk,
    )
    if not tahap.dokumen:
        raise Http404(_("Tahap ini belum punya dokumen."))
    try:
        handle = tahap.dokumen.open("rb")
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
    respons = FileResponse(
        handle, as_attachment=True, filename=tahap.dokumen.name.rsplit("/", 1)[-1]
    )
    respons["X-Content-Type-Options"] = "nosniff"
    return respons


@login_required
@require_http_methods(["GET", "POST"])
def kriteria_tambah(request: HttpRequest) -> HttpResponse:
    wajib_putuskan(request.user)
    kriteria = KriteriaIntervensi(kabupaten_kota=request.user.kabupaten_kota)
    return _form_kriteria(request, kriteria)


@login_required
@require_http_methods(["GET", "POST"])
def kriteria_ubah(request: HttpRequest, pk: int) -> HttpResponse:
    kriteria = _kriteria_for_user(request.user, pk)
    wajib_putuskan(request.user, kriteria.kabupaten_kota)
    return _form_kriteria(request, kriteria)


def _form_kriteria(request: HttpRequest, kriteria: KriteriaIntervensi) -> HttpResponse:
    form = KriteriaForm(isian_post(request), instance=kriteria)
    if request.method == "POST" and form.is_valid():
        services.kriteria_simpan(kriteria=form.instance, pengguna=request.user)
        messages.success(request, _("Kriteria %(nama)s disimpan.") % {"nama": kriteria.nama})
        return redirect("kolaborasi:tahap_daftar")
    return render(
        request, "kolaborasi/tahap_kriteria_form.html", {"form": form, "kriteria": kriteria}
    )


@login_required
@require_POST
def kriteria_hapus(request: HttpRequest, pk: int) -> HttpResponse:
    kriteria = _kriteria_for_user(request.user, pk)
    services.kriteria_hapus(kriteria=kriteria, pengguna=request.user)
    messages.success(request, _("Kriteria %(nama)s dihapus.") % {"nama": kriteria.nama})
    return redirect("kolaborasi:tahap_daftar")


@login_required
@require_http_methods(["GET", "POST"])
def nilai_ubah(request: HttpRequest, lokasi_pk: int) -> HttpResponse:
    lokasi = get_lokasi_for_user(request.user, lokasi_pk)
    wajib_putuskan(request.user, lokasi.kabupaten_kota)
    kriteria = list(KriteriaIntervensi.objects.filter(kabupaten_kota=lokasi.kabupaten_kota))
    awal = dict(lokasi.nilai_intervensi.values_list("kriteria_id", "nilai"))
    form = NilaiForm(isian_post(request), kriteria=kriteria, awal=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.nilai_simpan(lokasi=lokasi, pengguna=request.user, nilai=form.nilai())
        except ValidationError as e:
            for pesan in e.messages:
                form.add_error(None, pesan)
        else:
            messages.success(request, _("Nilai %(lokasi)s disimpan.") % {"lokasi": lokasi})
            return redirect(reverse("kolaborasi:tahap_daftar") + "?urut=pokja")
    return render(request, "kolaborasi/tahap_nilai_form.html", {"form": form, "lokasi": lokasi})
