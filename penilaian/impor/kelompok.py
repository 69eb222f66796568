"""Group a workbook's rows into lokasi and their surveys (one per year), and report what
contradicts across rows: a lokasi's values must agree on all its rows, a survey's on its RT rows.

Pure (no Django).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kumuh.xlsx_baca import Masalah, tampil
from penilaian import rumus
from penilaian.impor.baca import Baris
from penilaian.impor.kolom import KOLOM_LOKASI, KOLOM_SURVEI
from penilaian.impor.laporan import Tanda

if TYPE_CHECKING:
    from penilaian.impor.nilai import Hasil


def normal_nama(teks: str) -> str:
    """Compare names of lokasi, kelurahan and kecamatan without case or extra spaces."""
    return " ".join(unicodedata.normalize("NFKC", teks).casefold().split())


def kunci_unit(baris: Baris) -> tuple[str, str, str]:
    """(kelurahan as written, RT, RW) of an RT row; rencana.py resolves the kelurahan."""
    kelurahan = baris.kelurahan
    return (normal_nama(kelurahan[0]) if kelurahan else "", baris.nilai["rt"], baris.nilai["rw"])


@dataclass
class Survei:
    """The rows of one lokasi in one year: a lokasi row, or one row per RT unit."""

    lokasi: GrupLokasi
    tahun: int
    baris: list[Baris] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # KOLOM_SURVEI values, merged
    # Set by nilai_survei: the numerik sheet of each row, the results and the flags.
    lembar: list[tuple[Baris, dict[str, Decimal]]] = field(default_factory=list)
    hasil: Hasil | None = None
    tanda: list[Tanda] = field(default_factory=list)
    asal: dict[str, tuple[Baris, Any]] = field(default_factory=dict, repr=False)

    @property
    def per_unit(self) -> bool:
        return self.lokasi.per_unit

    @property
    def persen(self) -> dict[str, Decimal]:
        return {
            kode: nilai[1]
            for kode in rumus.KODE_KRITERIA
            if (nilai := self.data.get(kode)) and nilai[0] == "persen"
        }

    @property
    def pita(self) -> dict[str, str]:
        """The Format Isian band stored per criterion: as given, or the band of its persen.

        The model keeps a band, not a percentage; the band's score is the percentage's.
        """
        hasil = {}
        for kode in rumus.KODE_KRITERIA:
            if nilai := self.data.get(kode):
                jenis, isi = nilai
                hasil[kode] = (
                    isi if jenis == "pita" else PITA_SKOR_BALIK[rumus.skor_dari_persen(isi)]
                )
        return hasil

    @property
    def rusak(self) -> bool:
        """A cell of these rows could not be read: already reported, so not scored."""
        return any(b.rusak - {"nama_lokasi"} for b in self.baris)


PITA_SKOR_BALIK: dict[int, str] = {skor: pita for pita, skor in rumus.PITA_SKOR.items()}


@dataclass
class GrupLokasi:
    """All rows naming one lokasi (by kode, else by name), with its surveys by year."""

    kunci: tuple[str, str]
    baris: list[Baris] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # KOLOM_LOKASI values, merged
    survei: dict[int, Survei] = field(default_factory=dict)

    @property
    def kode(self) -> str:
        return self.data.get("kode_lokasi", "")

    @property
    def nama(self) -> str:
        return self.data.get("nama_lokasi", "")

    @property
    def label(self) -> str:
        return f"{self.nama} ({self.kode})" if self.kode and self.nama else self.nama or self.kode

    @property
    def per_unit(self) -> bool:
        return any(b.per_unit for b in self.baris)

    def unit_terakhir(self) -> dict[tuple[str, str, str], Baris]:
        """Each RT unit's row of the latest year (its header numbers win)."""
        hasil: dict[tuple[str, str, str], Baris] = {}
        for tahun in sorted(self.survei):
            for b in self.survei[tahun].baris:
                if b.per_unit:
                    hasil[kunci_unit(b)] = b
        return hasil

    def baris_terakhir(self) -> Baris | None:
        """The lokasi row of the latest year (its header numbers go to the lokasi)."""
        for tahun in sorted(self.survei, reverse=True):
            for b in self.survei[tahun].baris:
                if not b.per_unit:
                    return b
        return None


def _sama(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return normal_nama(a) == normal_nama(b)
    return a == b


def _tampil_nilai(nilai: Any) -> str:
    if isinstance(nilai, tuple) and len(nilai) == 2 and nilai[0] in {"persen", "pita"}:
        nilai = nilai[1]
    if isinstance(nilai, bool):
        return "+" if nilai else "−"
    if isinstance(nilai, Decimal):
        return tampil(nilai)
    if isinstance(nilai, date):
        return nilai.strftime("%d-%m-%Y")
    return str(nilai)


def _gabung(
    tujuan: dict[str, Any], asal: dict[str, tuple[Baris, Any]], baris: Baris, kunci: str,
    alasan: str,
) -> Masalah | None:  # fmt: skip
    """Take the row's value unless another row already gave a different one."""
    if kunci not in baris.nilai:
        return None
    nilai = baris.nilai[kunci]
    if kunci not in tujuan:
        tujuan[kunci] = nilai
        asal[kunci] = (baris, nilai)
        return None
    if _sama(tujuan[kunci], nilai):
        return None
    lain = asal[kunci][0]
    di = f"baris {lain.nomor}" + ("" if lain.lembar == baris.lembar else f" lembar {lain.lembar}")
    beda = f"{_tampil_nilai(tujuan[kunci])} / {_tampil_nilai(nilai)}"
    return baris.masalah(kunci, f"berbeda dengan {di} ({beda}): {alasan}")


def kelompokkan(baris: Iterable[Baris]) -> tuple[list[GrupLokasi], list[Masalah]]:
    """Group rows by lokasi and year; report what contradicts across rows.

    Lokasi-level values (nama, luas SK, koordinat …) must agree across a lokasi's rows and
    survey-level values (surveyor, legalitas, pertimbangan lain, persen per criterion) across a
    survey's rows; a blank cell agrees with anything.
    """
    masalah: list[Masalah] = []
    grup: dict[tuple[str, str], GrupLokasi] = {}
    asal_lokasi: dict[tuple[str, str], dict[str, tuple[Baris, Any]]] = {}
    for b in baris:
        if "kode_lokasi" in b.nilai:
            kunci = ("kode", b.nilai["kode_lokasi"].casefold())
        elif "nama_lokasi" in b.nilai:
            kunci = ("nama", normal_nama(b.nilai["nama_lokasi"]))
        else:
            continue  # reported while reading
        g = grup.setdefault(kunci, GrupLokasi(kunci))
        asal = asal_lokasi.setdefault(kunci, {})
        g.baris.append(b)
        for k in ("kode_lokasi", *KOLOM_LOKASI):
            if k == "rt_rw" and b.per_unit:
                continue  # a kawasan of RT units gets its RT/RW from them
            alasan = "satu lokasi satu nilai"
            if k == "luas_sk_ha" and b.per_unit:
                alasan += "; luas tiap RT diisi di kolom luas_verifikasi_ha"
            if m := _gabung(g.data, asal, b, k, alasan):
                masalah.append(m)
                b.rusak.add(k)
    dengan_kode = {normal_nama(g.nama): g for g in grup.values() if g.kunci[0] == "kode" and g.nama}
    for g in grup.values():
        if g.kunci[0] == "nama" and (lain := dengan_kode.get(g.kunci[1])):
            for b in g.baris:
                masalah.append(
                    b.masalah("kode_lokasi", f"lokasi {g.nama} diberi kode {lain.kode} di baris "
                              f"{lain.baris[0].nomor}; isi kode_lokasi di semua barisnya")
                )  # fmt: skip
                b.rusak.add("kode_lokasi")
        if g.per_unit and (lokasi_saja := [b for b in g.baris if not b.per_unit]):
            contoh = next(b for b in g.baris if b.per_unit)
            for b in lokasi_saja:
                masalah.append(
                    b.masalah("rt", f"lokasi {g.label} dinilai per RT (baris {contoh.nomor}); "
                              "baris tanpa rt dan rw tidak boleh dicampur dengannya")
                )  # fmt: skip
                b.rusak.add("rt")
        for b in g.baris:
            if "tahun" in b.nilai:
                _tambah_ke_survei(g, b, masalah)
    return list(grup.values()), masalah


def _tambah_ke_survei(g: GrupLokasi, b: Baris, masalah: list[Masalah]) -> None:
    s = g.survei.get(b.nilai["tahun"])
    if s is None:
        s = g.survei[b.nilai["tahun"]] = Survei(g, b.nilai["tahun"])
    for lain in s.baris:
        if lain.per_unit == b.per_unit and (not b.per_unit or kunci_unit(lain) == kunci_unit(b)):
            apa = f"RT {b.nilai['rt']}/RW {b.nilai['rw']} " if b.per_unit else ""
            masalah.append(
                b.masalah(None, f"baris ganda: {apa}lokasi {g.label} tahun {s.tahun} sudah ada "
                          f"di {lain.label}")
            )  # fmt: skip
            return
    s.baris.append(b)
    for k in KOLOM_SURVEI:
        if m := _gabung(s.data, s.asal, b, k, "satu nilai per survei, bukan per RT"):
            masalah.append(m)
            b.rusak.add(k)
    # RTs are often surveyed on several days by several people: the survey takes the latest
    # date and lists the distinct names (as far as Penilaian's 150 characters go).
    if tanggal := b.nilai.get("tanggal_survei"):
        s.data["tanggal_survei"] = max(tanggal, s.data.get("tanggal_survei", tanggal))
    for k in ("surveyor", "instansi_surveyor"):
        if (nama := b.nilai.get(k)) and nama not in s.data.get(k, "").split(", "):
            gabung = f"{s.data[k]}, {nama}" if k in s.data else nama
            s.data[k] = gabung if len(gabung) <= 150 else s.data[k]
