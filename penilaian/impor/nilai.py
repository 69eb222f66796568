"""Score the surveys of a workbook with the rules and flag the old results they contradict.

Pure (the rules `rumus` and `kalkulator`, no Django). A survey's Format Numerik sheets are built
from its rows (blank header numbers fall back on the stored lokasi or unit), scored by
`rumus.hitung` as the batch calculator builds its input, and every old result on its rows that
the result does not reproduce becomes a `Tanda` (docs/impor.md, "Hasil lama yang berbeda").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from kumuh.xlsx_baca import Masalah, tampil
from penilaian import kalkulator, rumus
from penilaian.impor.baca import Baris
from penilaian.impor.kelompok import Survei
from penilaian.impor.kolom import WAJIB_UNIT_BARU
from penilaian.impor.laporan import Tanda

# The header numbers a sheet starts from (services.angka_kepala).
KEPALA = rumus.NUMERIK_UMUM


def nilai_survei(
    survei: Survei,
    *,
    kategori_kota: str,
    luas_sk_ha: Decimal | None,
    kepala: Mapping[tuple[str, int], Mapping[str, Any]],
    hitung: bool = True,
) -> list[Masalah]:
    """Build each row's numerik sheet, score the survey with the rules and flag old results.

    `kepala[row.tempat]` holds the header numbers (with penduduk_laki_laki/perempuan) of the
    existing lokasi or RT unit a row updates: a blank cell keeps them, as a new survey starts
    from them. `luas_sk_ha` is the lokasi's luas SK after the import (kewenangan falls back on
    it, as services.susun_masukan does). Sets survei.lembar, .hasil and .tanda; returns the
    problems, none when it scored. With hitung=False only the sheets are built and checked:
    the import scores what it stored instead (services.hitung_ulang) and flags from that.
    """
    masalah: list[Masalah] = []
    survei.lembar, survei.hasil, survei.tanda = [], None, []
    for b in survei.baris:
        lembar, galat = _lembar_numerik(b, kepala.get(b.tempat))
        survei.lembar.append((b, lembar))
        masalah += galat
    if survei.rusak or masalah:
        return masalah  # the cells themselves are wrong: scoring would only repeat it
    for b, lembar in survei.lembar:
        if b.per_unit:
            masalah += _periksa_bagian(b, lembar)
    if masalah or not hitung:
        return masalah
    hasil = skor(survei, kategori_kota=kategori_kota, luas_sk_ha=luas_sk_ha)
    if isinstance(hasil, list):
        return hasil
    tandai(survei, Hasil.dari_rumus(hasil))
    return []


def skor(
    survei: Survei, *, kategori_kota: str, luas_sk_ha: Decimal | None
) -> rumus.HasilPenilaian | list[Masalah]:
    """Score a survey whose sheets are built: the rules' result, or its problems by cell."""
    try:
        return rumus.hitung(
            masukan_survei(survei, kategori_kota=kategori_kota, luas_sk_ha=luas_sk_ha)
        )
    except rumus.KesalahanMasukan as e:
        return [_masalah_rumus(survei, k) for k in e.kesalahan]


@dataclass(frozen=True)
class Hasil:
    """The results old ones are compared with: from the rules, or as the import stored them."""

    nilai_kekumuhan: int
    tingkat_kekumuhan: str
    nilai_pertimbangan_lain: int
    tingkat_pertimbangan_lain: str
    legalitas: str
    klasifikasi: str | None
    prioritas: int | None
    pola_penanganan: str | None
    kewenangan: str | None

    @property
    def kumuh(self) -> bool:
        return self.tingkat_kekumuhan != rumus.TingkatKekumuhan.TIDAK_KUMUH.value

    @property
    def label_prioritas(self) -> str | None:
        return rumus.label_prioritas(self.klasifikasi, self.prioritas)

    @classmethod
    def dari_rumus(cls, h: rumus.HasilPenilaian) -> Hasil:
        return cls(
            h.nilai_kekumuhan,
            h.tingkat_kekumuhan.value,
            h.nilai_pertimbangan_lain,
            h.tingkat_pertimbangan_lain,
            h.legalitas.value,
            h.klasifikasi,
            h.prioritas,
            h.pola_penanganan.value if h.pola_penanganan else None,
            h.kewenangan.value if h.kewenangan else None,
        )


def masukan_survei(
    survei: Survei, *, kategori_kota: str, luas_sk_ha: Decimal | None
) -> rumus.MasukanPenilaian:
    """The rules' input, built as the batch calculator builds it from a JSON record.

    A kawasan of RT units is scored from the sums of their sheets (§7), as stored surveys are.
    """
    if survei.per_unit:
        numerik = rumus.jumlahkan_unit([lembar for _, lembar in survei.lembar])
    else:
        numerik = survei.lembar[0][1]
    d = survei.data
    rekaman = {
        "kategori_kota": kategori_kota,
        "persen": survei.persen,
        "numerik": numerik,
        "legalitas": {k: d.get(k) for k in kalkulator.KUNCI_LEGALITAS},
        "pertimbangan_lain": {k: d.get(k) for k in kalkulator.KUNCI_PERTIMBANGAN_LAIN},
    }
    pita = {k: v for k, v in survei.pita.items() if k not in survei.persen}
    return replace(kalkulator.masukan_dari_rekaman(rekaman), pita=pita, luas_ha=luas_sk_ha)


def _lembar_numerik(
    b: Baris, kepala: Mapping[str, Any] | None
) -> tuple[dict[str, Decimal], list[Masalah]]:
    masalah: list[Masalah] = []
    lembar: dict[str, Any] = {}
    for k in KEPALA:
        if kepala and (v := kepala.get(k)) is not None:
            lembar[k] = v  # stored with the sheet's own decimals (lokasi.models LUAS, PANJANG)
    lembar.update({k: b.nilai[k] for k in rumus.NUMERIK_FIELDS if k in b.nilai})
    lk, pr = b.nilai.get("penduduk_laki_laki"), b.nilai.get("penduduk_perempuan")
    if (lk is None) != (pr is None):
        kurang = "penduduk_perempuan" if pr is None else "penduduk_laki_laki"
        masalah.append(b.masalah(kurang, "isi penduduk_laki_laki dan penduduk_perempuan bersama"))
    elif lk is not None:
        jumlah = lk + pr
        if "jumlah_penduduk" in b.nilai and b.nilai["jumlah_penduduk"] != jumlah:
            masalah.append(
                b.masalah("jumlah_penduduk", f"({b.nilai['jumlah_penduduk']}) tidak sama dengan "
                          f"penduduk laki-laki + perempuan ({jumlah})")
            )  # fmt: skip
        lembar["jumlah_penduduk"] = jumlah
    if b.per_unit and kepala is None:
        for k in WAJIB_UNIT_BARU:
            if k not in lembar:
                masalah.append(b.masalah(k, "wajib diisi untuk unit RT baru"))
        if "jumlah_penduduk" not in lembar and "penduduk_perempuan" not in b.rusak:
            # A total alone is enough (issue 10 item 11): many KOTAKU files give no split.
            masalah.append(
                b.masalah("jumlah_penduduk", "wajib diisi untuk unit RT baru (atau "
                          "penduduk_laki_laki dan penduduk_perempuan)")
            )  # fmt: skip
    elif (
        b.per_unit
        and lk is None
        and "jumlah_penduduk" in b.nilai
        and kepala.get("penduduk_laki_laki") is not None
    ):
        # A unit that stores a split keeps it: a different bare total would contradict it.
        tersimpan = kepala["penduduk_laki_laki"] + kepala["penduduk_perempuan"]
        if b.nilai["jumlah_penduduk"] != tersimpan:
            masalah.append(
                b.masalah("jumlah_penduduk", "unit RT menyimpan penduduk laki-laki dan "
                          "perempuan: isi penduduk_laki_laki dan penduduk_perempuan")
            )  # fmt: skip
    return lembar, masalah


def _periksa_bagian(b: Baris, lembar: Mapping[str, Any]) -> list[Masalah]:
    """A part larger than its whole in one RT (its sum with the others could hide it)."""
    masalah = []
    for k in rumus.KRITERIA:
        batas = k.batas_bagian or (None if k.cara is rumus.CaraHitung.KEKURANGAN else k.pembagi)
        if batas and k.bagian in lembar and batas in lembar and lembar[k.bagian] > lembar[batas]:
            masalah.append(
                b.masalah(k.bagian, f"({tampil(Decimal(lembar[k.bagian]))}) lebih besar dari "
                          f"{batas} ({tampil(Decimal(lembar[batas]))}) di RT ini")
            )  # fmt: skip
    return masalah


_AWALAN_RUMUS = re.compile(r"\b(numerik|legalitas|pertimbangan_lain|pita)\.")


def _istilah_berkas(pesan: str) -> str:
    """Say the rules' field paths as the file's column names."""
    pesan = re.sub(r"\bpersen\.(\w+)", r"kolom \1", pesan)
    pesan = _AWALAN_RUMUS.sub("", pesan)
    return pesan.replace("ya (true) atau tidak (false)", "+ atau − (ya atau tidak)")


def _masalah_rumus(survei: Survei, k: rumus.Kesalahan) -> Masalah:
    bagian = k.field.split(".")
    pesan = _istilah_berkas(k.pesan)
    if bagian[0] == "unit" and len(bagian) == 3:
        return survei.lembar[int(bagian[1])][0].masalah(bagian[2], pesan)
    b = survei.baris[0]
    if bagian[0] == "kategori_kota":
        return b.masalah(None, f"kategori kota kabupaten/kota ini belum diatur admin: {pesan}")
    kunci = "luas_sk_ha" if k.field == "luas_ha" else bagian[-1]
    if survei.per_unit and bagian[0] == "numerik":
        pesan += " (jumlah semua RT lokasi ini)"
    return b.masalah(kunci, pesan)


def _teks_hasil(nilai: Any) -> str:
    return "–" if nilai in (None, "") else str(nilai)


def tandai(survei: Survei, hasil: Hasil) -> list[Tanda]:
    """Flag every old result of the survey's rows that `hasil` does not reproduce (item 3)."""
    survei.hasil = hasil
    survei.tanda = []
    for b, lembar in survei.lembar:
        if any(k.endswith("_lama") for k in b.nilai):
            survei.tanda += _Banding(hasil, b, lembar).semua()
    return survei.tanda


class _Banding:
    """Compare one row's old results with the survey's (and, on an RT row, the RT's) result."""

    def __init__(self, hasil: Hasil, b: Baris, lembar: dict[str, Any]) -> None:
        self.h, self.b, self.lama = hasil, b, b.nilai
        self.tanda: list[Tanda] = []
        # nilai and tingkat kekumuhan on an RT row are the RT's own (KOTAKU baselines score
        # each RT); an RT whose criteria are not all in Format Numerik has no score of its own.
        self.kondisi = (hasil.nilai_kekumuhan, hasil.tingkat_kekumuhan)
        self.asal_kondisi = "dari baris ini"
        if b.per_unit:
            self.asal_kondisi = "untuk kawasan (RT ini tidak dapat dinilai sendiri)"
            if {"nilai_kekumuhan_lama", "tingkat_kekumuhan_lama"} & self.lama.keys():
                try:
                    unit = rumus.hitung_unit(lembar)
                except rumus.KesalahanMasukan:
                    pass
                else:
                    self.kondisi = (unit.nilai_kekumuhan, unit.tingkat_kekumuhan.value)
                    self.asal_kondisi = "untuk RT ini"
        self.asal = "untuk kawasan" if b.per_unit else "dari baris ini"

    def semua(self) -> list[Tanda]:
        h, lama = self.h, self.lama
        nilai, tingkat = lama.get("nilai_kekumuhan_lama"), lama.get("tingkat_kekumuhan_lama")
        self.banding("nilai_kekumuhan", nilai, self.kondisi[0], self.asal_kondisi)
        self.banding(
            "tingkat_kekumuhan",
            tingkat,
            self.kondisi[1],
            self.asal_kondisi,
            _catatan_tingkat(nilai, tingkat),
        )
        pl, tingkat_pl = (
            lama.get("nilai_pertimbangan_lain_lama"),
            lama.get("tingkat_pertimbangan_lain_lama"),
        )
        self.banding("nilai_pertimbangan_lain", pl, h.nilai_pertimbangan_lain)
        self.banding(
            "tingkat_pertimbangan_lain",
            tingkat_pl,
            h.tingkat_pertimbangan_lain,
            catatan=_catatan_tingkat_pl(pl, tingkat_pl),
        )
        legal = lama.get("legalitas_lama")
        self.banding("legalitas", legal, h.legalitas)
        klas, kolom_klas = lama.get("klasifikasi_lama"), "klasifikasi_lama"
        prio = None
        if "prioritas_lama" in lama:
            klas_label, prio = lama["prioritas_lama"]  # "B3/ 5" carries both
            if klas is None and klas_label is not None:
                klas, kolom_klas = klas_label, "prioritas_lama"
        if not h.kumuh and (klas or prio):
            self.tidak_kumuh_terdaftar(klas, prio, kolom_klas)
        else:
            catatan = _catatan_klasifikasi(tingkat, tingkat_pl, legal, klas)
            self.banding("klasifikasi", klas, h.klasifikasi, catatan=catatan, kolom=kolom_klas)
            self.banding("prioritas", prio, h.prioritas, catatan=_catatan_prioritas(klas, prio))
        self.banding("pola_penanganan", lama.get("pola_penanganan_lama"), h.pola_penanganan)
        self.banding("kewenangan", lama.get("kewenangan_lama"), h.kewenangan)
        return self.tanda

    def banding(
        self,
        jenis: str,
        lama: Any,
        dihitung: Any,
        asal: str = "",
        catatan: str = "",
        kolom: str = "",
    ) -> None:
        if lama is None or lama == dihitung:
            return
        nama = jenis.replace("_", " ")
        pesan = f"{nama} lama {_teks_hasil(lama)}, dihitung {asal or self.asal} "
        pesan += _teks_hasil(dihitung) + (f" ({catatan})" if catatan else "")
        self.tambah(kolom or f"{jenis}_lama", jenis, lama, dihitung, pesan)

    def tidak_kumuh_terdaftar(self, klas: str | None, prio: int | None, kolom_klas: str) -> None:
        label = rumus.label_prioritas(klas, prio) if klas and prio else klas or f"prioritas {prio}"
        pesan = (
            f"lokasi ini Tidak Kumuh menurut rumus (nilai {self.h.nilai_kekumuhan}) tetapi "
            f"berkas lama memasukkannya ke daftar sebagai {label}"
        )
        kolom = kolom_klas if klas else "prioritas_lama"
        self.tambah(kolom, "tidak_kumuh_terdaftar", label, self.h.tingkat_kekumuhan, pesan)

    def tambah(self, kunci: str, jenis: str, lama: Any, dihitung: Any, pesan: str) -> None:
        huruf, judul = self.b.kolom.get(kunci, ("", kunci))
        self.tanda.append(
            Tanda(
                self.b.lembar,
                self.b.nomor,
                huruf,
                judul,
                jenis,
                _teks_hasil(lama),
                _teks_hasil(dihitung),
                pesan,
            )
        )


# Where an old file contradicts Tabel 4 itself (the source's "Ngropoh" row: 5 is Rendah, not
# Sedang), say so: the old row is wrong whatever its inputs were.
def _catatan_tingkat(nilai: int | None, tingkat: str | None) -> str:
    if nilai is None or tingkat is None or rumus.tingkat_dari_nilai(nilai).value == tingkat:
        return ""
    return (
        f"menurut Tabel 4 nilai lama {nilai} sendiri pun berarti {rumus.tingkat_dari_nilai(nilai)}"
    )


def _catatan_tingkat_pl(nilai: int | None, tingkat: str | None) -> str:
    if nilai is None or tingkat is None:
        return ""
    seharusnya = rumus.tingkat_pertimbangan_dari_nilai(nilai).value
    return "" if seharusnya == tingkat else (
        f"menurut Tabel 4 nilai lama {nilai} sendiri pun berarti {seharusnya}")  # fmt: skip


def _catatan_klasifikasi(
    tingkat: str | None, tingkat_pl: str | None, legal: str | None, klas: str | None
) -> str:
    if None in (tingkat, tingkat_pl, legal, klas):
        return ""
    seharusnya = rumus.klasifikasi(tingkat, tingkat_pl, legal)
    if seharusnya == klas:
        return ""
    lama = f"{tingkat}, {tingkat_pl} dan {legal} pada berkas lama"
    return f"menurut Tabel 4 {lama} sendiri pun {seharusnya or 'tidak berklasifikasi'}"


def _catatan_prioritas(klas: str | None, prioritas: int | None) -> str:
    if klas is None or prioritas is None or rumus.PRIORITAS[klas] == prioritas:
        return ""
    return f"menurut Tabel 4 klasifikasi lama {klas} sendiri pun prioritas {rumus.PRIORITAS[klas]}"
