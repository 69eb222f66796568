"""Survey pages: list, start, detail, the Format Isian form with its live panel, workflow."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lokasi import riwayat
from lokasi.models import Lokasi
from penilaian import rumus, services
from penilaian.akses import get_penilaian_for_user
from penilaian.forms import AlurForm, IsianForm, PenilaianBaruForm, PenilaianForm
from penilaian.models import Penilaian, Status

PER_HALAMAN = 25


@login_required
@require_GET
def daftar(request: HttpRequest) -> HttpResponse:
    qs = (
        Penilaian.objects.untuk(request.user)
        .select_related("lokasi")
        .order_by("-tahun", "lokasi__nama")
    )
    status = request.GET.get("status", "")
    if status in Status.values:
        qs = qs.filter(status=status)
    tahun = request.GET.get("tahun", "")
    if tahun.isdigit():
        qs = qs.filter(tahun=int(tahun))
    halaman = Paginator(qs, PER_HALAMAN).get_page(request.GET.get("halaman"))
    boleh_buat = request.user.boleh_kelola_lokasi
    konteks = {
        "halaman": halaman,
        "status_pilihan": Status.choices,
        "status": status,
        "tahun": tahun,
        "baru_form": PenilaianBaruForm(
            initial={"tahun": timezone.localdate().year},
            lokasi_qs=Lokasi.objects.filter(kabupaten_kota_id=request.user.kabupaten_kota_id),
        )
        if boleh_buat
        else None,
    }
    return render(request, "penilaian/penilaian_daftar.html", konteks)


@login_required
@require_POST
def buat(request: HttpRequest) -> HttpResponse:
    lokasi_qs = Lokasi.objects.untuk(request.user)
    form = PenilaianBaruForm(request.POST, lokasi_qs=lokasi_qs)
    if not form.is_valid():
        for nama, galat in form.errors.items():
            messages.error(request, f"{form.fields[nama].label}: {' '.join(galat)}")
        return redirect("penilaian:daftar")
    penilaian = services.penilaian_buat(
        lokasi=form.cleaned_data["lokasi"], pengguna=request.user, tahun=form.cleaned_data["tahun"]
    )
    return redirect("penilaian:isi", pk=penilaian.pk)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = get_penilaian_for_user(request.user, pk)
    konteks = {
        "penilaian": penilaian,
        "hasil": _ringkasan_hasil(penilaian),
        "kekurangan": kekurangan_terbaca(penilaian.kekurangan),
        "langkah": penilaian.langkah.select_related("pengguna"),
        "tombol": [
            (ke, Status(ke).label) for ke in services.langkah_berikut(penilaian, request.user)
        ],
        "alur_form": AlurForm(),
        "boleh_isi": penilaian.boleh_diubah
        and request.user.boleh_kelola_lokasi
        and request.user.kabupaten_kota_id == penilaian.lokasi.kabupaten_kota_id,
        "riwayat": riwayat.untuk(penilaian)[:30],
    }
    return render(request, "penilaian/penilaian_detail.html", konteks)


def _ringkasan_hasil(penilaian: Penilaian) -> list[dict]:
    """Per aspect: its criteria with %, score and source, and the aspect's score sum."""
    persen = penilaian.hasil.get("persen", {})
    skor = penilaian.hasil.get("skor", {})
    sumber = penilaian.hasil.get("sumber", {})
    volume = penilaian.hasil.get("volume", {})
    skor_aspek = penilaian.hasil.get("skor_aspek", {})
    return [
        {
            "aspek": aspek,
            "skor": skor_aspek.get(str(aspek.kode)),
            "kriteria": [
                {
                    "k": rumus.KRITERIA_PER_KODE[kode],
                    "persen": persen.get(kode),
                    "skor": skor.get(kode),
                    "sumber": sumber.get(kode, ""),
                    "volume": volume.get(kode),
                }
                for kode in aspek.kriteria
            ],
        }
        for aspek in rumus.ASPEK
    ]


def _get_untuk_isi(request: HttpRequest, pk: int) -> Penilaian:
    penilaian = get_penilaian_for_user(request.user, pk)
    services.wajib_operator(request.user, penilaian.lokasi)
    if not penilaian.boleh_diubah:
        raise PermissionDenied(_("Hanya penilaian berstatus draf yang boleh diubah."))
    return penilaian


def _muat(penilaian: Penilaian) -> Penilaian:
    return (
        Penilaian.objects.select_related("lokasi__kabupaten_kota", "diubah_oleh")
        .prefetch_related("isian", "numerik__unit")
        .get(pk=penilaian.pk)
    )


@login_required
@require_http_methods(["GET", "POST"])
def isi(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = _muat(_get_untuk_isi(request, pk))
    form = PenilaianForm(request.POST or None, instance=penilaian)
    isian_form = IsianForm(request.POST or None, request.FILES or None, penilaian=penilaian)
    if request.method == "POST" and form.is_valid() and isian_form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "versi"}
        try:
            services.penilaian_simpan(
                penilaian=penilaian,
                pengguna=request.user,
                versi_awal=form.cleaned_data["versi"],
                isian=services.Isian(
                    data=data, pita=isian_form.pita(), numerik=isian_form.numerik()
                ),
                foto=isian_form.foto(),
            )
        except riwayat.KonflikPerubahan as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, _("Penilaian disimpan sebagai draf."))
            if "ajukan" in request.POST:
                return redirect(f"{penilaian.get_absolute_url()}#alur")
            return redirect(penilaian)
    panel_ = _panel(penilaian, form, isian_form)
    skor = {r["kode"]: r for r in panel_["kriteria"]}
    aspek = isian_form.kriteria()
    for grup in aspek:
        for r in grup["kriteria"]:
            r["hasil"] = skor.get(r["k"].kode)
    konteks = {
        "penilaian": penilaian,
        "form": form,
        "isian_form": isian_form,
        "aspek": aspek,
        "panel": panel_,
    }
    return render(request, "penilaian/penilaian_isi.html", konteks)


@login_required
@require_POST
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The live score panel (htmx): compute from what the form holds now, save nothing."""
    penilaian = _muat(_get_untuk_isi(request, pk))
    form = PenilaianForm(request.POST, instance=penilaian)
    isian_form = IsianForm(request.POST, penilaian=penilaian)
    konteks = {"penilaian": penilaian, "panel": _panel(penilaian, form, isian_form), "oob": True}
    return render(request, "penilaian/penilaian_isi.html#panel", konteks)


LABEL_BAGIAN = {
    "legalitas.status_penguasaan": _("Kejelasan status penguasaan lahan"),
    "legalitas.kesesuaian_rtr": _("Kesesuaian dengan RTR"),
    "pertimbangan_lain.strategis": _("Nilai strategis lokasi"),
    "pertimbangan_lain.kepadatan_penduduk": _("Kepadatan penduduk"),
    "pertimbangan_lain.potensi_sosekbud": _("Kondisi sosial, ekonomi dan budaya"),
    "kategori_kota": _("Kategori kota (diatur admin)"),
}


def kekurangan_terbaca(daftar: list[dict]) -> list[dict]:
    """Name the rules' field paths as the form labels them (the calculator keeps the paths)."""
    hasil = []
    for k in daftar:
        field, pesan = k["field"], k["pesan"].replace("persen.", _("pilihan isian "))
        bagian = field.split(".")
        if bagian[0] == "numerik" and len(bagian) == 2:
            label = rumus.NUMERIK_FIELDS.get(bagian[1], field)
        elif bagian[0] == "unit" and len(bagian) == 3:
            label = _("unit ke-%(n)s: %(f)s") % {
                "n": int(bagian[1]) + 1,
                "f": rumus.NUMERIK_FIELDS.get(bagian[2], bagian[2]),
            }
        elif bagian[0] == "persen" and len(bagian) == 2:
            label = _("Kriteria %(kode)s") % {"kode": bagian[1]}
        else:
            label = LABEL_BAGIAN.get(field, field)
        hasil.append({"field": label, "pesan": pesan})
    return hasil


def per_kriteria(
    pita: dict[str, str], numerik: dict[int | None, dict[str, Decimal | None]]
) -> list[dict]:
    """Each criterion's % and score from what is typed so far, even while others are missing.

    A key counts once every sheet has it (a kawasan's value is the sum of its units').
    """
    jumlah: dict[str, Decimal] = {}
    for kunci in rumus.NUMERIK_FIELDS:
        nilai = [lembar.get(kunci) for lembar in numerik.values()]
        if nilai and all(v is not None for v in nilai):
            jumlah[kunci] = sum(nilai, Decimal(0))
    hasil = []
    for k in rumus.KRITERIA:
        if pita.get(k.kode):
            hasil.append({"kode": k.kode, "persen": None, "pita": pita[k.kode],
                          "skor": rumus.skor_dari_pita(pita[k.kode])})  # fmt: skip
            continue
        persen = rumus.persen_kriteria(k.kode, jumlah)
        try:
            skor = rumus.skor_dari_persen(persen) if persen is not None else None
        except ValueError:  # above 100 %: a part larger than its whole, listed as kekurangan
            skor = None
        hasil.append({"kode": k.kode, "persen": persen, "pita": "", "skor": skor})
    return hasil


def _panel(penilaian: Penilaian, form: PenilaianForm, isian_form: IsianForm) -> dict:
    """Score the form's current values; list what keeps it from scoring."""
    if not form.is_bound:
        return {
            "hasil": _hasil_tersimpan(penilaian),
            "kekurangan": kekurangan_terbaca(penilaian.kekurangan),
            "kriteria": per_kriteria(
                {i.kode: i.pita for i in penilaian.isian.all()},
                {b.unit_id: b.nilai() for b in penilaian.numerik.all()},
            ),
        }
    sah_form, sah_isian = form.is_valid(), isian_form.is_valid()
    galat_form = [
        {"field": form.fields[n].label if n in form.fields else n, "pesan": " ".join(g)}
        for f in (form, isian_form)
        for n, g in f.errors.items()
        if n != "__all__"
    ]
    if not (sah_form and sah_isian):
        return {"hasil": None, "kekurangan": galat_form, "kriteria": []}
    kriteria = per_kriteria(isian_form.pita(), isian_form.numerik())
    sementara = Penilaian(
        **{f.attname: getattr(penilaian, f.attname) for f in Penilaian._meta.concrete_fields}
    )
    sementara.lokasi = penilaian.lokasi
    for nama, nilai in form.cleaned_data.items():
        if nama != "versi":
            setattr(sementara, nama, nilai)
    try:
        masukan = services.susun_masukan(
            sementara, pita=isian_form.pita(), numerik=isian_form.numerik()
        )
        hasil = rumus.hitung(masukan)
    except rumus.KesalahanMasukan as e:
        return {
            "hasil": None,
            "kekurangan": kekurangan_terbaca(
                [{"field": k.field, "pesan": k.pesan} for k in e.kesalahan]
            ),
            "kriteria": kriteria,
        }
    return {"hasil": _hasil_rumus(hasil), "kekurangan": [], "kriteria": kriteria}


def _hasil_rumus(hasil: rumus.HasilPenilaian) -> dict:
    return {
        "skor_aspek": [(a, hasil.skor_aspek[a.kode]) for a in rumus.ASPEK],
        "skor": hasil.skor,
        "persen": hasil.persen,
        "nilai_kekumuhan": hasil.nilai_kekumuhan,
        "tingkat_kekumuhan": hasil.tingkat_kekumuhan.value,
        "nilai_pertimbangan_lain": hasil.nilai_pertimbangan_lain,
        "tingkat_pertimbangan_lain": hasil.tingkat_pertimbangan_lain.value,
        "legalitas": hasil.legalitas.value,
        "label_prioritas": hasil.label_prioritas,
        "pola_penanganan": hasil.pola_penanganan.value if hasil.pola_penanganan else "",
        "kewenangan": hasil.kewenangan.value if hasil.kewenangan else "",
        "kepadatan_penduduk": hasil.kepadatan_penduduk,
    }


def _hasil_tersimpan(penilaian: Penilaian) -> dict | None:
    if not penilaian.lengkap:
        return None
    skor_aspek = penilaian.hasil.get("skor_aspek", {})
    return {
        "skor_aspek": [(a, skor_aspek.get(str(a.kode))) for a in rumus.ASPEK],
        "skor": penilaian.hasil.get("skor", {}),
        "persen": penilaian.hasil.get("persen", {}),
        "nilai_kekumuhan": penilaian.nilai_kekumuhan,
        "tingkat_kekumuhan": penilaian.tingkat_kekumuhan,
        "nilai_pertimbangan_lain": penilaian.nilai_pertimbangan_lain,
        "tingkat_pertimbangan_lain": penilaian.tingkat_pertimbangan_lain,
        "legalitas": penilaian.legalitas,
        "label_prioritas": penilaian.label_prioritas,
        "pola_penanganan": penilaian.pola_penanganan,
        "kewenangan": penilaian.kewenangan,
        "kepadatan_penduduk": penilaian.hasil.get("kepadatan_penduduk"),
    }


@login_required
@require_POST
def alur(request: HttpRequest, pk: int) -> HttpResponse:
    penilaian = get_penilaian_for_user(request.user, pk)
    form = AlurForm(request.POST)
    if not form.is_valid() or form.cleaned_data["ke"] not in Status.values:
        messages.error(request, _("Langkah alur tidak dikenal."))
        return redirect(penilaian)
    try:
        services.penilaian_pindah(
            penilaian=penilaian,
            pengguna=request.user,
            ke=form.cleaned_data["ke"],
            catatan=form.cleaned_data["catatan"],
        )
    except ValueError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request, _("Status penilaian: %(s)s.") % {"s": Status(form.cleaned_data["ke"]).label}
        )
    return redirect(penilaian)


@login_required
@require_GET
def foto(request: HttpRequest, pk: int, kode: str) -> FileResponse:
    penilaian = get_penilaian_for_user(request.user, pk)
    isian = penilaian.isian.filter(kode=kode).first()
    if not isian or not isian.foto:
        raise Http404(_("Foto tidak ada."))
    try:
        return FileResponse(isian.foto.open("rb"), filename=isian.foto.name.rsplit("/", 1)[-1])
    except FileNotFoundError as e:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from e
