"""The survey form's live score panel: score what the form holds now, list what is missing.

Views call `untuk_form` (the Format Isian page and its htmx refresh) and `ringkasan_hasil`
(the detail page); the parts below it take plain values so they are tested without forms.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from penilaian import rumus, services
from penilaian.models import Penilaian

if TYPE_CHECKING:
    from penilaian.forms import IsianForm, PenilaianForm

Numerik = Mapping[int | None, Mapping[str, Decimal | None]]

# The rules name fields by path; these paths have no form field of the same name.
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


def per_kriteria(pita: Mapping[str, str], numerik: Numerik) -> list[dict]:
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


def hitung(
    penilaian: Penilaian, *, data: Mapping[str, object], pita: Mapping[str, str], numerik: Numerik
) -> dict:
    """Score a survey as if its fields held `data` and its sheets `pita`/`numerik`; save nothing.

    `data` is the survey form's cleaned values; `numerik` maps unit pk (None: kawasan) to a sheet.
    """
    kriteria = per_kriteria(pita, numerik)
    # A copy, so the stored survey (and the form's instance) keep their values.
    sementara = Penilaian(
        **{f.attname: getattr(penilaian, f.attname) for f in Penilaian._meta.concrete_fields}
    )
    sementara.lokasi = penilaian.lokasi
    for nama, nilai in data.items():
        if nama != "versi":
            setattr(sementara, nama, nilai)
    try:
        hasil = rumus.hitung(services.susun_masukan(sementara, pita=pita, numerik=numerik))
    except rumus.KesalahanMasukan as e:
        kekurangan = [{"field": k.field, "pesan": k.pesan} for k in e.kesalahan]
        return {"hasil": None, "kekurangan": kekurangan_terbaca(kekurangan), "kriteria": kriteria}
    return {"hasil": hasil_rumus(hasil), "kekurangan": [], "kriteria": kriteria}


def tersimpan(penilaian: Penilaian) -> dict:
    """The panel of the stored survey, before the form is touched."""
    return {
        "hasil": hasil_tersimpan(penilaian),
        "kekurangan": kekurangan_terbaca(penilaian.kekurangan),
        "kriteria": per_kriteria(
            {i.kode: i.pita for i in penilaian.isian.all()},
            {b.unit_id: b.nilai() for b in penilaian.numerik.all()},
        ),
    }


def untuk_form(penilaian: Penilaian, form: PenilaianForm, isian_form: IsianForm) -> dict:
    """The panel for the survey page: stored values, the form's errors, or its live score."""
    if not form.is_bound:
        return tersimpan(penilaian)
    sah_form, sah_isian = form.is_valid(), isian_form.is_valid()
    if not (sah_form and sah_isian):
        galat = [
            {"field": f.fields[n].label if n in f.fields else n, "pesan": " ".join(g)}
            for f in (form, isian_form)
            for n, g in f.errors.items()
            if n != "__all__"
        ]
        return {"hasil": None, "kekurangan": galat, "kriteria": []}
    return hitung(
        penilaian, data=form.cleaned_data, pita=isian_form.pita(), numerik=isian_form.numerik()
    )


def tandai_kriteria(aspek: list[dict], panel: dict) -> list[dict]:
    """Attach each criterion's live result to the form's rows (aspect groups), in place."""
    skor = {r["kode"]: r for r in panel["kriteria"]}
    for grup in aspek:
        for r in grup["kriteria"]:
            r["hasil"] = skor.get(r["k"].kode)
    return aspek


def hasil_rumus(hasil: rumus.HasilPenilaian) -> dict:
    """The panel's result block from a fresh computation."""
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


def hasil_tersimpan(penilaian: Penilaian) -> dict | None:
    """The panel's result block from a stored complete survey (None while incomplete)."""
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


def ringkasan_hasil(penilaian: Penilaian) -> list[dict]:
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
