"""Read a survey workbook into rows: the survey's own cell readers, and the checks of a row
across its cells (RT with RW, lintang with bujur, one kelurahan per RT row, a year).

Pure (`kumuh.xlsx_baca`, the rules and `lokasi.geo`, no Django). A workbook has one row per
lokasi, or one row per RT unit of a lokasi (penilaian.md §7; those rows carry `rt` and `rw`).
The columns and their spellings are in `kolom.py`.

    bacaan = baca_buku(berkas, tahun_bawaan=2025)   # rows and per-cell problems
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import IO
from zoneinfo import ZoneInfo

from kumuh import xlsx_baca
from kumuh.xlsx_baca import (
    KOSONG,
    PEMBACA,
    TAHUN_MAKS,
    TAHUN_MIN,
    Bacaan,
    Masalah,
    Skema,
    TidakTerbaca,
    bukan_negatif,
    desimal,
    normal_judul,
    teks,
)
from lokasi import geo
from penilaian import rumus
from penilaian.impor.kolom import HASIL_LAMA, KOLOM, LEMBAR_BUKAN_DATA, TEMPAT_DESIMAL

__all__ = ["TAHUN_MAKS", "TAHUN_MIN", "Bacaan", "Baris", "baca_buku"]

POLA_KODE_KELURAHAN = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
_POLA_DMS = re.compile(
    r"^\s*(\d+(?:[.,]\d+)?)\s*°\s*(?:(\d+(?:[.,]\d+)?)\s*['’′]\s*)?"
    r"(?:(\d+(?:[.,]\d+)?)\s*(?:\"|''|”|″)\s*)?(LU|LS|BT|BB|N|S|E|W)\s*$",
    re.IGNORECASE,
)
_POLA_LABEL_PRIORITAS = re.compile(r"^([ABC][1-6])\s*/\s*([1-9])$")

# The project's TIME_ZONE: "today" as the Dinas sees it.
WIB = ZoneInfo("Asia/Jakarta")


@dataclass
class Baris(xlsx_baca.Baris):
    """One data row of a survey workbook: a lokasi, or one RT unit of it."""

    @property
    def per_unit(self) -> bool:
        return "rt" in self.nilai or "rw" in self.nilai

    @property
    def kolom_kelurahan(self) -> str:
        """The column naming the row's kelurahan: the Kemendagri code when given."""
        return "kode_kelurahan" if "kode_kelurahan" in self.nilai else "kelurahan"

    @property
    def kelurahan(self) -> tuple[str, ...]:
        return self.nilai.get(self.kolom_kelurahan, ())


# --- the survey's cell readers ---------------------------------------------------------------


def _baca_luas_sk(nilai: object, _: str) -> Decimal:
    return bukan_negatif(nilai, TEMPAT_DESIMAL["ha"], bulatkan=True)


def _baca_kepadatan(nilai: object, _: str) -> Decimal:
    # Rounded as the rules round it (§3), so the stored value scores the same.
    return rumus.bulatkan(bukan_negatif(nilai, None))


def _baca_kode(nilai: object, _: str) -> str:
    isi = teks(nilai)
    if len(isi) > 30:
        raise TidakTerbaca(f"paling panjang 30 karakter ({len(isi)})")
    return isi


def _baca_kelurahan(nilai: object, _: str) -> tuple[str, ...]:
    return tuple(b.strip() for b in re.split(r"[,;\n]", teks(nilai)) if b.strip() not in KOSONG)


def _baca_rt(nilai: object, _: str) -> str:
    isi = re.sub(r"^(rt|rw)\.?\s*", "", teks(nilai), flags=re.IGNORECASE)
    if not isi.isdecimal() or len(isi.lstrip("0")) > 3:
        raise TidakTerbaca(f"harus nomor, misalnya 003 ({teks(nilai)!r})")
    return isi.lstrip("0").zfill(3)  # as the unit form stores it


def _koordinat(nilai: object, sumbu: str) -> Decimal:
    isi = teks(nilai)
    if m := _POLA_DMS.match(isi):
        derajat, menit, detik = (Decimal((x or "0").replace(",", ".")) for x in m.group(1, 2, 3))
        if max(derajat, menit, detik) > 360:  # before any arithmetic on a 400-digit degree
            raise TidakTerbaca(f"bukan koordinat ({xlsx_baca.kutip(isi)})")
        d = derajat + menit / 60 + detik / 3600
        arah = m[4].upper()
        if (sumbu == "lintang") != (arah in {"LU", "LS", "N", "S"}):
            raise TidakTerbaca(f"arah {arah} bukan arah {sumbu}")
        if arah in {"LS", "S", "BB", "W"}:
            d = -d
    else:
        try:
            d = desimal(nilai)
        except TidakTerbaca:
            raise TidakTerbaca(
                f"bukan koordinat ({isi!r}); tulis derajat desimal atau 7° 46' 16,71\" LS"
            ) from None
    return d.quantize(Decimal("0.000001"), ROUND_HALF_UP)  # Lokasi keeps 6 decimals


def _baca_kriteria(nilai: object, format_angka: str) -> tuple[str, Decimal | str]:
    """Return ("persen", 80) or ("pita", "76-100")."""
    if isinstance(nilai, str) and not re.fullmatch(r"\s*[\d.,]+\s*%?\s*", nilai):
        try:
            return "pita", rumus.normalkan_pita(nilai)
        except ValueError:
            raise TidakTerbaca(
                f"isi persen 0–100 atau pilihan {', '.join(rumus.PITA_SKOR)} ({nilai.strip()!r})"
            ) from None
    return "persen", xlsx_baca.baca_persen(nilai, format_angka)


def _baca_skor_ya_tidak(nilai: object, _: str) -> bool:
    if isinstance(nilai, int | float) and not isinstance(nilai, bool) and nilai in (5, 1):
        return nilai == 5  # Tabel 3 C scores: 5 yes, 1 no
    return xlsx_baca.ya_tidak(nilai, pilihan_lain=", 5 atau 1")


def _pilih(nilai: object, pilihan: list[str], nama: str) -> str:
    # "Sedang" names "Kumuh Sedang", as lists shorten it.
    ejaan = {}
    for p in pilihan:
        ejaan.setdefault(p, p)
        ejaan.setdefault(p.removeprefix("Kumuh "), p)
    return xlsx_baca.pilih(nilai, ejaan, f"{nama} lama")


def _baca_bilangan_lama(nama: str, batas: tuple[int, int]) -> xlsx_baca.Pembaca:
    def baca(nilai: object, _: str) -> int:
        d = desimal(nilai)
        if d != d.to_integral_value() or not batas[0] <= d <= batas[1]:
            raise TidakTerbaca(f"{nama} lama harus {batas[0]}–{batas[1]} ({teks(nilai)})")
        return int(d)

    return baca


def _baca_tingkat_lama(nilai: object, _: str) -> str:
    if normal_judul(nilai) in {"tidak", "bukankumuh"}:
        return rumus.TingkatKekumuhan.TIDAK_KUMUH.value
    return _pilih(nilai, [t.value for t in rumus.TingkatKekumuhan], "tingkat kekumuhan")


def _baca_legalitas_lama(nilai: object, _: str) -> str:
    if normal_judul(nilai) in {"ilegal", "illegal"}:
        return rumus.Legalitas.TIDAK_LEGAL.value
    return _pilih(nilai, [x.value for x in rumus.Legalitas], "legalitas")


def _baca_klasifikasi_lama(nilai: object, _: str) -> str:
    isi = teks(nilai).upper().replace(" ", "")
    if isi not in rumus.PRIORITAS:
        raise TidakTerbaca(f"klasifikasi lama harus A1 … C6 ({teks(nilai)!r})")
    return isi


def _baca_prioritas_lama(nilai: object, _: str) -> tuple[str | None, int]:
    """Return (klasifikasi or None, prioritas) from `5` or the list's `B3/ 5`."""
    isi = teks(nilai).upper()
    if m := _POLA_LABEL_PRIORITAS.match(isi.replace(" ", "")):
        return m[1], int(m[2])
    if isi.isdecimal() and 1 <= int(isi) <= 9:
        return None, int(isi)
    raise TidakTerbaca(f"prioritas lama harus 1–9 atau seperti B1/ 2 ({teks(nilai)!r})")


def _pembaca_pilihan(nama: str, pilihan: type) -> xlsx_baca.Pembaca:
    return lambda nilai, _: _pilih(nilai, [p.value for p in pilihan], nama)


PEMBACA_SURVEI: dict[str, xlsx_baca.Pembaca] = {
    **PEMBACA,
    "kode": _baca_kode,
    "kelurahan": _baca_kelurahan,
    "rt": _baca_rt,
    "luas_sk": _baca_luas_sk,
    "luas": xlsx_baca.pembaca_angka(TEMPAT_DESIMAL["ha"], bulatkan=True),
    "panjang": xlsx_baca.pembaca_angka(TEMPAT_DESIMAL["m"], bulatkan=True),
    "lintang": lambda nilai, _: _koordinat(nilai, "lintang"),
    "bujur": lambda nilai, _: _koordinat(nilai, "bujur"),
    "kriteria": _baca_kriteria,
    "plus_minus": xlsx_baca.baca_ya_tidak,
    "ya_tidak": _baca_skor_ya_tidak,
    "kepadatan": _baca_kepadatan,
    "nilai_lama": _baca_bilangan_lama("nilai kekumuhan", (0, rumus.NILAI_KEKUMUHAN_MAKS)),
    "nilai_pl_lama": _baca_bilangan_lama(
        "nilai pertimbangan lain", (3, rumus.NILAI_PERTIMBANGAN_MAKS)
    ),
    "tingkat_lama": _baca_tingkat_lama,
    "tingkat_pl_lama": _pembaca_pilihan("tingkat pertimbangan", rumus.TingkatPertimbangan),
    "legalitas_lama": _baca_legalitas_lama,
    "klasifikasi_lama": _baca_klasifikasi_lama,
    "prioritas_lama": _baca_prioritas_lama,
    "pola_lama": _pembaca_pilihan("pola penanganan", rumus.PolaPenanganan),
    "kewenangan_lama": _pembaca_pilihan("kewenangan", rumus.Kewenangan),
}

SKEMA = Skema(
    KOLOM,
    PEMBACA_SURVEI,
    identitas=("nama_lokasi", "kode_lokasi"),
    # An old result that cannot be read is only a warning: it is compared, never imported.
    jenis_peringatan=frozenset(k.jenis for k in KOLOM if k.kelompok == HASIL_LAMA),
    akibat_peringatan="tidak dibandingkan",
    jenis_format=frozenset({"kriteria"}),
    jenis_tanda=frozenset({"plus_minus", "ya_tidak"}),  # a dash there means (−)
    lembar_bukan_data=LEMBAR_BUKAN_DATA,
    kelas_baris=Baris,
)


def baca_buku(
    berkas: str | IO[bytes],
    *,
    tahun_bawaan: int | None = None,
    batas: xlsx_baca.Batas | None = None,
) -> Bacaan:
    """Read every data sheet of a survey workbook, read-only and row by row.

    `tahun_bawaan` is the year of rows that give neither tahun nor tanggal_survei; a workbook
    over `batas` (settings IMPOR_BARIS_MAKS, IMPOR_SEL_MAKS) is refused unread.
    """
    return xlsx_baca.baca_buku(
        berkas,
        SKEMA,
        periksa_baris=lambda baris: _periksa_baris(baris, tahun_bawaan),
        batas=batas,
    )


def _periksa_baris(baris: Baris, tahun_bawaan: int | None) -> list[Masalah]:
    masalah: list[Masalah] = []
    if ("rt" in baris.nilai) != ("rw" in baris.nilai) and not {"rt", "rw"} & baris.rusak:
        kurang = "rw" if "rt" in baris.nilai else "rt"
        masalah.append(baris.masalah(kurang, "baris unit RT perlu rt dan rw sekaligus"))
        baris.rusak.add(kurang)
    if ("lintang" in baris.nilai) != ("bujur" in baris.nilai):
        if not {"lintang", "bujur"} & baris.rusak:
            kurang = "bujur" if "lintang" in baris.nilai else "lintang"
            masalah.append(baris.masalah(kurang, "isi lintang dan bujur bersama-sama"))
            baris.rusak.add(kurang)
    elif "lintang" in baris.nilai:
        try:
            geo.cek_titik(baris.nilai["lintang"], baris.nilai["bujur"], nama="lokasi")
        except geo.GeoTidakValid as e:
            masalah.append(baris.masalah("lintang", str(e)))
            baris.rusak.add("lintang")
    if len(baris.kelurahan) > 1 and baris.per_unit:
        masalah.append(
            baris.masalah(baris.kolom_kelurahan, "baris unit RT hanya boleh satu kelurahan")
        )
        baris.rusak.add("kelurahan")
    tanggal = baris.nilai.get("tanggal_survei")
    if tanggal is not None and tanggal > datetime.now(WIB).date():
        # As the survey form (penilaian.models.survei.cek_tanggal_survei): a survey records
        # what was seen, so a later date is a typo.
        masalah.append(
            baris.masalah("tanggal_survei", f"tanggal survei {tanggal:%d-%m-%Y} belum lewat; "
                          "tanggal survei tidak boleh sesudah hari ini")
        )  # fmt: skip
        baris.rusak.add("tanggal_survei")
        del baris.nilai["tanggal_survei"]
    if "tahun" not in baris.nilai and "tahun" not in baris.rusak:
        if "tanggal_survei" in baris.nilai:
            baris.nilai["tahun"] = baris.nilai["tanggal_survei"].year
        elif tahun_bawaan is not None:
            baris.nilai["tahun"] = tahun_bawaan
        else:
            masalah.append(
                baris.masalah("tahun", "tahun wajib diisi (atau isi tanggal_survei, atau "
                              "pilih tahun saat mengunggah)")
            )  # fmt: skip
    return masalah
