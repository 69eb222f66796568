"""A survey's stored results from its inputs as plain values: the one computation behind every
stored score (pure, no Django).

`services.hitung_ulang` (a save, the import, the demo) and `manage.py hitung_ulang_semua`
(every survey after a rules change) both call `hasil_survei`, so a bulk rescore stores exactly
what a save would. Plain values also travel to worker processes (`hasil_banyak`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from penilaian import rumus

# The Penilaian fields `hasil_survei` sets: whatever it returns is what gets stored.
FIELD_HASIL: tuple[str, ...] = (
    "nilai_kekumuhan",
    "tingkat_kekumuhan",
    "nilai_pertimbangan_lain",
    "tingkat_pertimbangan_lain",
    "legalitas",
    "klasifikasi",
    "prioritas",
    "pola_penanganan",
    "kewenangan",
    "hasil",
    "kekurangan",
)


@dataclass(frozen=True)
class BahanSurvei:
    """What a survey's results depend on: its kab/kota's category, its lokasi's luas SK, its
    legalitas and pertimbangan lain answers, its bands and its Format Numerik sheets."""

    kategori_kota: str | None
    luas_sk_ha: Decimal | None
    status_penguasaan: bool | None = None
    kesesuaian_rtr: bool | None = None
    strategis: bool | None = None
    kepadatan_penduduk: Decimal | None = None
    potensi_sosekbud: bool | None = None
    pita: Mapping[str, str] = field(default_factory=dict)  # kode → band; "" or absent: numerik
    # (RT unit id or None for the whole lokasi, {numerik key: value}) in the rows' order.
    lembar: Sequence[tuple[int | None, Mapping[str, Decimal | None]]] = ()


def susun_masukan(
    bahan: BahanSurvei, numerik: Mapping[int | None, Mapping[str, Decimal | None]]
) -> rumus.MasukanPenilaian:
    """Build the rules' input; a kawasan's numerik is the sum of its units' sheets (§7)."""
    # No fallback to the lokasi's header numbers here: a sheet starts prefilled with them
    # (angka_kepala), so a blank the operator leaves is a real gap, reported as such.
    per_unit = [
        {k: v for k, v in nilai.items() if v is not None}
        for unit, nilai in numerik.items()
        if unit is not None
    ]
    if per_unit:
        numerik_lokasi = rumus.jumlahkan_unit(per_unit)
    else:
        numerik_lokasi = {k: v for k, v in numerik.get(None, {}).items() if v is not None}
    return rumus.MasukanPenilaian(
        kategori_kota=bahan.kategori_kota,
        pita={k: v for k, v in bahan.pita.items() if v},
        numerik=numerik_lokasi,
        status_penguasaan=bahan.status_penguasaan,
        kesesuaian_rtr=bahan.kesesuaian_rtr,
        strategis=bahan.strategis,
        kepadatan_penduduk=bahan.kepadatan_penduduk,
        potensi_sosekbud=bahan.potensi_sosekbud,
        luas_ha=bahan.luas_sk_ha,
    )


def hasil_survei(bahan: BahanSurvei) -> dict[str, object]:
    """Return {Penilaian field: value} of every FIELD_HASIL, computed by `rumus`.

    Incomplete inputs give blank results and the gaps in `kekurangan`.
    """
    try:
        masukan = susun_masukan(bahan, dict(bahan.lembar))
        hasil = rumus.hitung(masukan)
    except rumus.KesalahanMasukan as e:
        return {
            **HASIL_KOSONG,
            "hasil": {},
            "kekurangan": [{"field": k.field, "pesan": k.pesan} for k in e.kesalahan],
        }
    return {
        "nilai_kekumuhan": hasil.nilai_kekumuhan,
        "tingkat_kekumuhan": hasil.tingkat_kekumuhan.value,
        "nilai_pertimbangan_lain": hasil.nilai_pertimbangan_lain,
        "tingkat_pertimbangan_lain": hasil.tingkat_pertimbangan_lain.value,
        "legalitas": hasil.legalitas.value,
        "klasifikasi": hasil.klasifikasi or "",
        "prioritas": hasil.prioritas,
        "pola_penanganan": hasil.pola_penanganan.value if hasil.pola_penanganan else "",
        "kewenangan": hasil.kewenangan.value if hasil.kewenangan else "",
        "hasil": {
            "persen": {k: angka(v) for k, v in hasil.persen.items()},
            "skor": hasil.skor,
            "sumber": hasil.sumber,
            "skor_aspek": {str(k): v for k, v in hasil.skor_aspek.items()},
            "kepadatan_penduduk": angka(hasil.kepadatan_penduduk),
            "skor_pertimbangan": hasil.skor_pertimbangan,
            "volume": _volume(masukan),
            # The luas SK used when there is no luas verifikasi (kewenangan, §8): the SK prints
            # the survey's areas, not the lokasi's header edited later.
            "luas_sk_ha": angka(masukan.luas_ha),
            "unit": _hasil_unit(bahan.lembar),
        },
        "kekurangan": [],
    }


# The results of a survey the rules cannot score yet (hasil and kekurangan set apart).
HASIL_KOSONG: dict[str, object] = {
    "nilai_kekumuhan": None,
    "tingkat_kekumuhan": "",
    "nilai_pertimbangan_lain": None,
    "tingkat_pertimbangan_lain": "",
    "legalitas": "",
    "klasifikasi": "",
    "prioritas": None,
    "pola_penanganan": "",
    "kewenangan": "",
}


def hasil_banyak(daftar: Sequence[BahanSurvei]) -> list[dict[str, object]]:
    """`hasil_survei` of each, in order (one task of a worker process)."""
    return [hasil_survei(b) for b in daftar]


def angka(nilai: Decimal | None) -> str | None:
    """A Decimal as stored in the JSON results (plain digits, every decimal kept)."""
    return None if nilai is None else format(nilai, "f")


def _volume(masukan: rumus.MasukanPenilaian) -> dict[str, str | None]:
    hasil = {}
    for k in rumus.KRITERIA:
        try:
            hasil[k.kode] = angka(rumus.volume(k, masukan.numerik))
        except (KeyError, ValueError, TypeError):
            hasil[k.kode] = None
    return hasil


def _hasil_unit(
    lembar: Sequence[tuple[int | None, Mapping[str, Decimal | None]]],
) -> dict[str, dict]:
    """Score each RT unit on its own for the profile (§7); a unit with gaps is left out."""
    hasil = {}
    for unit, nilai in lembar:
        if unit is None:
            continue
        try:
            h = rumus.hitung_unit(nilai)
        except rumus.KesalahanMasukan:
            continue
        hasil[str(unit)] = {
            "nilai_kekumuhan": h.nilai_kekumuhan,
            "tingkat_kekumuhan": h.tingkat_kekumuhan.value,
            "skor": h.skor,
            "persen": {k: angka(v) for k, v in h.persen.items()},
        }
    return hasil
