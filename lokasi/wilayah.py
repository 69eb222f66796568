"""Parse the Kemendagri code list (CSV `kode,nama`): pure, no Django."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

# Permendagri 72/2019 and its successors: 2 digits per provinsi, 2 per kab/kota, 2 per
# kecamatan, 4 per kelurahan/desa (1xxx kelurahan, 2xxx desa), joined by dots.
POLA_KODE = {
    "provinsi": re.compile(r"^\d{2}$"),
    "kabupaten_kota": re.compile(r"^\d{2}\.\d{2}$"),
    "kecamatan": re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    "kelurahan": re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}
KATEGORI = {"metropolitan", "besar", "sedang", "kecil"}


@dataclass(frozen=True)
class BarisWilayah:
    baris: int
    tingkat: str
    kode: str
    nama: str
    kategori: str = ""

    @property
    def kode_induk(self) -> str:
        return self.kode.rsplit(".", 1)[0]

    @property
    def jenis(self) -> str:
        """Return kota/kabupaten for a kab/kota, kelurahan/desa for a village."""
        if self.tingkat == "kabupaten_kota":
            return "kota" if self.nama.lower().startswith("kota ") else "kabupaten"
        if self.tingkat == "kelurahan":
            return "kelurahan" if self.kode.rsplit(".", 1)[1].startswith("1") else "desa"
        return ""


class WilayahTidakValid(ValueError):
    def __init__(self, galat: list[str]) -> None:
        self.galat = galat
        super().__init__("\n".join(galat))


def baca_csv(teks: str, kode_tersedia: frozenset[str] = frozenset()) -> list[BarisWilayah]:
    """Parse and check every row; raise WilayahTidakValid listing all problems.

    A row's parent must be in the file or among `kode_tersedia` (already in the database).
    """
    pembaca = csv.DictReader(io.StringIO(teks.lstrip("\ufeff")))
    kolom = {(k or "").strip().lower() for k in pembaca.fieldnames or []}
    if not {"kode", "nama"} <= kolom:
        raise WilayahTidakValid(["Baris 1: kolom wajib 'kode' dan 'nama' tidak ditemukan."])
    hasil: list[BarisWilayah] = []
    galat: list[str] = []
    dilihat: dict[str, int] = {}
    for i, mentah in enumerate(pembaca, start=2):
        baris = {(k or "").strip().lower(): (v or "").strip() for k, v in mentah.items()}
        kode, nama = baris.get("kode", ""), baris.get("nama", "")
        kategori = baris.get("kategori", "").lower()
        tingkat = next((t for t, pola in POLA_KODE.items() if pola.match(kode)), None)
        if tingkat is None:
            galat.append(f"Baris {i}: kode '{kode}' bukan kode Kemendagri (contoh 33.75.01.1001).")
            continue
        if not nama:
            galat.append(f"Baris {i}: nama wilayah {kode} kosong.")
            continue
        if kategori and kategori not in KATEGORI:
            galat.append(
                f"Baris {i}: kategori '{kategori}' tidak dikenal "
                "(metropolitan, besar, sedang atau kecil)."
            )
            continue
        if kode in dilihat:
            galat.append(f"Baris {i}: kode {kode} sudah ada di baris {dilihat[kode]}.")
            continue
        dilihat[kode] = i
        hasil.append(BarisWilayah(i, tingkat, kode, nama, kategori))
    return _cek_induk(hasil, galat, kode_tersedia)


def _cek_induk(
    hasil: list[BarisWilayah], galat: list[str], kode_tersedia: frozenset[str]
) -> list[BarisWilayah]:
    kode_ada = {b.kode for b in hasil} | kode_tersedia
    for b in hasil:
        if b.tingkat != "provinsi" and b.kode_induk not in kode_ada:
            galat.append(
                f"Baris {b.baris}: induk {b.kode_induk} dari {b.kode} {b.nama} "
                "tidak ada di berkas maupun di basis data."
            )
    if galat:
        raise WilayahTidakValid(galat)
    urutan = list(POLA_KODE)
    return sorted(hasil, key=lambda b: (urutan.index(b.tingkat), b.kode))
