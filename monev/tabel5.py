"""Tabel 5 — Formulasi Hasil Peninjauan Ulang (seed 002:1507-1579), as plain data.

Pure (no Django): kondisi awal is the survey the SK froze; penanganan is the sum of **realised**
effect volumes in (t, t+n] by any party; kondisi akhir is computed with
`penilaian.penanganan.terapkan` (V_akhir = max(0, V_awal − H), % over the baseline
denominators), or taken from a newer survey when there is one — then the computed and the
surveyed values are both kept, so the difference per criterion can be shown.

Rows follow Tabel 3 (16 criteria, the seed copy's missing and mis-scored rows are not
reproduced, spec §2.1); per aspect TOTAL (Σ nilai) and RATA-RATA (mean of the % of **all** its
criteria, §3.2); RATA-RATA KEKUMUHAN SEKTORAL = mean of the 7 aspect averages; KONTRIBUSI
PENANGANAN per the city's reading of the truncated footnote (§3.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from penilaian import rumus
from penilaian.penanganan import HasilPenanganan, terapkan

SERATUS = Decimal(100)
DUA_DESIMAL = Decimal("0.01")
# §3.3 reading (C): the sektoral mean below which no criterion scores (25 % − 0,01).
BATAS_SEKTORAL_C = Decimal("24.99")
# The three PARAMETER rows Tabel 5 prints under each criterion, with their SKOR.
PITA_PARAMETER = (("76% - 100%", 5), ("51% - 75%", 3), ("25% - 50%", 1))
BACAAN = ("a", "b", "c")


@dataclass(frozen=True)
class Kondisi:
    volume: Decimal | None
    persen: Decimal | None
    nilai: int


@dataclass(frozen=True)
class BarisTabel5:
    kode: str
    aspek: int
    nama: str
    parameter: tuple[tuple[str, int], ...]  # ("76% - 100% area tidak terlayani …", 5) …
    satuan: str
    awal: Kondisi
    penanganan: Decimal
    akhir: Kondisi  # what the table prints (surveyed when a new survey exists)
    akhir_hitung: Kondisi  # always the computed one, for the reconciliation
    melebihi: bool  # more handled than the baseline volume

    @property
    def perubahan(self) -> str:
        """Return the row's change of score, e.g. "5 → 0", or "" when unchanged."""
        if self.awal.nilai == self.akhir.nilai:
            return ""
        return f"{self.awal.nilai} → {self.akhir.nilai}"


@dataclass(frozen=True)
class RingkasAspek:
    kode: int
    nama: str
    total_awal: int
    total_akhir: int
    rata_awal: Decimal | None
    rata_akhir: Decimal | None


@dataclass(frozen=True)
class Tabel5:
    baris: tuple[BarisTabel5, ...]
    aspek: tuple[RingkasAspek, ...]
    total_awal: int
    total_akhir: int
    tingkat_awal: str
    tingkat_akhir: str
    sektoral_awal: Decimal | None
    sektoral_akhir: Decimal | None
    kontribusi: Decimal | None  # percent, 0–100
    bacaan: str
    dari_survei_baru: bool
    peringatan: tuple[str, ...]

    @property
    def perubahan_tingkat(self) -> str:
        """The change of tingkat always printed beside the kontribusi: "Kumuh Ringan → Tidak
        Kumuh", or the tingkat alone when it stayed."""
        if self.tingkat_awal == self.tingkat_akhir:
            return f"{self.tingkat_awal} (tetap)"
        return f"{self.tingkat_awal} → {self.tingkat_akhir}"

    @property
    def keputusan(self) -> str:
        """The re-review's decision for the lokasi: keluar, turun tingkat or tetap (§2.8)."""
        if self.tingkat_akhir == rumus.TingkatKekumuhan.TIDAK_KUMUH:
            return "keluar"
        if self.total_akhir < self.total_awal and self.tingkat_akhir != self.tingkat_awal:
            return "turun"
        return "tetap"


def _bulat(d: Decimal) -> Decimal:
    return d.quantize(DUA_DESIMAL, ROUND_HALF_UP)


def rata_rata(nilai: list[Decimal | None]) -> Decimal | None:
    """Mean of the known percentages, rounded half up to 2 decimals; None when none is known."""
    ada = [n for n in nilai if n is not None]
    if not ada:
        return None
    return _bulat(sum(ada, Decimal(0)) / len(ada))


def kontribusi(
    sektoral_awal: Decimal | None,
    sektoral_akhir: Decimal | None,
    total_akhir: int,
    bacaan: str,
) -> Decimal | None:
    """Kontribusi penanganan in percent (002:1577 and the three readings of its footnote).

    (a) (S_awal − S_akhir) / S_awal × 100; (b) 100 when S_akhir < 25, else (a);
    (c) 100 when the total akhir < 16, else (S_awal − S_akhir) / (S_awal − 24,99) × 100.
    Clipped to 0–100; None when it cannot be computed (no mean, or a zero denominator).
    """
    if bacaan not in BACAAN:
        raise ValueError(f"bacaan kontribusi tidak dikenal: {bacaan!r}")
    if sektoral_awal is None or sektoral_akhir is None:
        return None
    if bacaan == "b" and sektoral_akhir < rumus.BATAS_SKOR_1:
        return SERATUS
    if bacaan == "c" and total_akhir < rumus.BATAS_KUMUH_RINGAN:
        return SERATUS
    pembagi = sektoral_awal - BATAS_SEKTORAL_C if bacaan == "c" else sektoral_awal
    if pembagi <= 0:
        return None
    hasil = (sektoral_awal - sektoral_akhir) / pembagi * SERATUS
    return _bulat(min(max(hasil, Decimal(0)), SERATUS))


def susun(
    masukan_awal: rumus.MasukanPenilaian,
    penanganan: Mapping[str, Decimal],
    *,
    hasil_baru: rumus.HasilPenilaian | None = None,
    numerik_baru: Mapping[str, Decimal] | None = None,
    bacaan: str = "a",
) -> Tabel5:
    """Build Tabel 5 of one lokasi: its baseline input, the realised volumes per criterion, and
    a newer survey's result (and numerik, for its volumes) when there is one."""
    hitung: HasilPenanganan = terapkan(masukan_awal, penanganan)
    awal = hitung.awal
    akhir = hasil_baru or hitung.akhir
    baris = []
    for k, b in zip(rumus.KRITERIA, hitung.baris, strict=True):
        akhir_hitung = Kondisi(b.volume_akhir, b.persen_akhir, b.nilai_akhir)
        if hasil_baru is not None:
            volume_baru = _volume(k, numerik_baru)
            tampil = Kondisi(volume_baru, hasil_baru.persen[k.kode], hasil_baru.skor[k.kode])
        else:
            tampil = akhir_hitung
        baris.append(
            BarisTabel5(
                kode=k.kode,
                aspek=k.aspek,
                nama=k.nama,
                parameter=tuple((f"{p} {k.parameter}", s) for p, s in PITA_PARAMETER),
                satuan=k.satuan,
                awal=Kondisi(b.volume_awal, b.persen_awal, b.nilai_awal),
                penanganan=b.penanganan,
                akhir=tampil,
                akhir_hitung=akhir_hitung,
                melebihi=b.melebihi,
            )
        )
    aspek = tuple(
        RingkasAspek(
            kode=a.kode,
            nama=a.nama,
            total_awal=awal.skor_aspek[a.kode],
            total_akhir=akhir.skor_aspek[a.kode],
            rata_awal=rata_rata([b.awal.persen for b in baris if b.aspek == a.kode]),
            rata_akhir=rata_rata([b.akhir.persen for b in baris if b.aspek == a.kode]),
        )
        for a in rumus.ASPEK
    )
    sektoral_awal = rata_rata([a.rata_awal for a in aspek])
    sektoral_akhir = rata_rata([a.rata_akhir for a in aspek])
    return Tabel5(
        baris=tuple(baris),
        aspek=aspek,
        total_awal=awal.nilai_kekumuhan,
        total_akhir=akhir.nilai_kekumuhan,
        tingkat_awal=str(awal.tingkat_kekumuhan),
        tingkat_akhir=str(akhir.tingkat_kekumuhan),
        sektoral_awal=sektoral_awal,
        sektoral_akhir=sektoral_akhir,
        kontribusi=kontribusi(sektoral_awal, sektoral_akhir, akhir.nilai_kekumuhan, bacaan),
        bacaan=bacaan,
        dari_survei_baru=hasil_baru is not None,
        peringatan=hitung.peringatan,
    )


def _volume(k: rumus.Kriteria, numerik: Mapping[str, Decimal] | None) -> Decimal | None:
    if not numerik:
        return None
    try:
        return rumus.volume(k, numerik)
    except (KeyError, ValueError, TypeError):
        return None
