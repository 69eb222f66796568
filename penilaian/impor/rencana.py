"""Match a checked workbook with the database: kelurahan by name or Kemendagri code, lokasi by
kode or name, RT units by (kelurahan, RT, RW), and the existing survey of the same lokasi and
year (only a draf may be overwritten). The result is a `Rencana`, the plan `simpan.py` writes.

    laporan = impor_periksa(berkas=f, kabupaten_kota=kota)   # the preview: writes nothing

One query per kind of record for the whole file, not per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings

from kumuh.xlsx_baca import Batas, Masalah
from lokasi.models import KabupatenKota, Kelurahan, Lokasi, UnitSurvei
from penilaian import services
from penilaian.impor import baca, kelompok
from penilaian.impor.baca import Baris
from penilaian.impor.kelompok import GrupLokasi, Survei, normal_nama
from penilaian.impor.laporan import Laporan, Tanda
from penilaian.impor.nilai import nilai_survei
from penilaian.models import Penilaian, Status

BEDA = "baris_berbeda_dengan_hasil_lama"


# --- the plan: the file matched with the database ----------------------------------------------


@dataclass
class RencanaUnit:
    kelurahan: Kelurahan
    rt: str
    rw: str
    unit: UnitSurvei | None  # existing
    baris: Baris  # the row of the latest year: its header numbers win


@dataclass
class RencanaLokasi:
    grup: GrupLokasi
    lokasi: Lokasi | None  # existing
    kelurahan: dict[int, Kelurahan] = field(default_factory=dict)
    unit: dict[tuple[int, str, str], RencanaUnit] = field(default_factory=dict)
    # Unit of each RT row (by its place in the file).
    unit_baris: dict[tuple[str, int], tuple[int, str, str]] = field(default_factory=dict)
    # Existing survey per year in the file, if any (the latest of that lokasi and year).
    penilaian: dict[int, Penilaian] = field(default_factory=dict)
    # What the database holds for an existing lokasi.
    unit_ada: list[UnitSurvei] = field(default_factory=list)
    kelurahan_ada: set[int] = field(default_factory=set)
    sebelum: dict[str, Any] = field(default_factory=dict)  # history snapshot before writing
    luas_berubah: bool = False  # the file changes the luas SK (kewenangan may follow)


@dataclass
class Rencana:
    kabupaten_kota: KabupatenKota
    laporan: Laporan
    lokasi: list[RencanaLokasi] = field(default_factory=list)
    wilayah: _Wilayah | None = None


def impor_periksa(
    *,
    berkas: str | IO[bytes],
    kabupaten_kota: KabupatenKota,
    tahun_bawaan: int | None = None,
    nama_berkas: str = "",
) -> Laporan:
    """Check the whole file and say what an import would do; write nothing."""
    return rencanakan(berkas, kabupaten_kota, tahun_bawaan, nama_berkas).laporan


def rencanakan(
    berkas: str | IO[bytes],
    kabupaten_kota: KabupatenKota,
    tahun_bawaan: int | None,
    nama_berkas: str,
    *,
    kunci: bool = False,
    hitung: bool = True,
) -> Rencana:
    """Read, group and match the file and check every survey; the report is in the plan.

    `kunci`: lock the matched rows for update (inside the import's transaction). `hitung`:
    score each survey (the preview); the import scores what it stored instead.
    """
    batas = Batas(baris=settings.IMPOR_BARIS_MAKS, sel=settings.IMPOR_SEL_MAKS)
    bacaan = baca.baca_buku(berkas, tahun_bawaan=tahun_bawaan, batas=batas)
    laporan = Laporan(
        nama_berkas=nama_berkas,
        lembar=bacaan.lembar,
        jumlah_baris=len(bacaan.baris),
        masalah=list(bacaan.masalah),
        peringatan=list(bacaan.peringatan),
    )
    rencana = Rencana(kabupaten_kota, laporan)
    if not bacaan.baris:
        return rencana
    grup, masalah = kelompok.kelompokkan(bacaan.baris)
    laporan.masalah += masalah
    _cocokkan(rencana, grup, kunci=kunci)
    for r in rencana.lokasi:
        for survei in r.grup.survei.values():
            laporan.masalah += nilai_survei(
                survei,
                kategori_kota=kabupaten_kota.kategori,
                luas_sk_ha=_luas_sk(r),
                kepala=_kepala(r, survei),
                hitung=hitung,
            )
    laporan.masalah.sort(key=urutan)
    laporkan_hasil(rencana)
    laporan.jumlah = jumlah_rencana(rencana)
    return rencana


def laporkan_hasil(rencana: Rencana) -> None:
    """Put the surveys' flags, their summary lines and the flagged rows' count in the report."""
    laporan = rencana.laporan
    laporan.tanda = sorted(
        (t for r in rencana.lokasi for s in r.grup.survei.values() for t in s.tanda),
        key=urutan,
    )
    laporan.survei = [_baris_laporan(r, s) for r in rencana.lokasi for s in urut_survei(r)]
    laporan.jumlah[BEDA] = len({(t.lembar, t.baris) for t in laporan.tanda})


def urutan(m: Masalah | Tanda) -> tuple:
    """Sort findings as the file reads: sheet, row, column (B before AA)."""
    return (m.lembar, m.baris or 0, len(m.kolom), m.kolom)


def urut_survei(r: RencanaLokasi) -> list[Survei]:
    """A lokasi's surveys, oldest year first."""
    return [r.grup.survei[t] for t in sorted(r.grup.survei)]


def _cocokkan(rencana: Rencana, grup: list[GrupLokasi], *, kunci: bool) -> None:
    """Match every lokasi, kelurahan, unit and survey of the file with the database."""
    kk = rencana.kabupaten_kota
    masalah = rencana.laporan.masalah
    wilayah = rencana.wilayah = _Wilayah(kk)
    semua = Lokasi.objects.filter(kabupaten_kota=kk).order_by("pk")
    if kunci:
        semua = semua.select_for_update()
    per_kode: dict[str, Lokasi] = {}
    per_nama: dict[str, list[Lokasi]] = defaultdict(list)
    for lokasi in semua:
        lokasi.kabupaten_kota = kk  # read by every survey's scoring: no query per lokasi
        if lokasi.kode:
            per_kode[lokasi.kode.casefold()] = lokasi
        per_nama[normal_nama(lokasi.nama)].append(lokasi)

    dipakai: dict[int, GrupLokasi] = {}
    for g in grup:
        lokasi = _cari_lokasi(g, per_kode, per_nama, masalah, rencana.laporan.peringatan)
        if lokasi is not None and (lain := dipakai.setdefault(lokasi.pk, g)) is not g:
            pesan = (
                f"menunjuk lokasi yang sama dengan {lain.baris[0].label} ({lokasi.nama}); "
                "tulis lokasi itu dengan kode dan nama yang sama di semua barisnya"
            )
            masalah.append(g.baris[0].masalah(None, pesan))
        rencana.lokasi.append(RencanaLokasi(g, lokasi))

    _muat_unit_dan_kelurahan([r for r in rencana.lokasi if r.lokasi is not None])
    ada = [r.lokasi.pk for r in rencana.lokasi if r.lokasi is not None]
    penilaian = Penilaian.objects.filter(lokasi__in=ada).order_by("tahun", "pk")
    if kunci:
        penilaian = penilaian.select_for_update()
    terakhir: dict[tuple[int, int], Penilaian] = {
        (p.lokasi_id, p.tahun): p for p in penilaian.only("pk", "lokasi_id", "tahun", "status")
    }
    for r in rencana.lokasi:
        _cocokkan_wilayah(r, wilayah, masalah)
        _cocokkan_unit(r, masalah)
        for tahun, survei in r.grup.survei.items():
            if r.lokasi is None or (p := terakhir.get((r.lokasi.pk, tahun))) is None:
                continue
            if p.status != Status.DRAF:
                masalah.append(
                    survei.baris[0].masalah(
                        "tahun", f"penilaian {r.lokasi.nama} tahun {tahun} berstatus "
                        f"{Status(p.status).label}; hanya penilaian draf yang boleh ditimpa "
                        "impor. Kembalikan ke draf lebih dulu, atau impor dengan tahun lain"
                    )
                )  # fmt: skip
            r.penilaian[tahun] = p


def _cari_lokasi(
    g: GrupLokasi,
    per_kode: dict[str, Lokasi],
    per_nama: dict[str, list[Lokasi]],
    masalah: list[Masalah],
    peringatan: list[Masalah],
) -> Lokasi | None:
    pertama = g.baris[0]
    if g.kunci[0] == "kode":
        lokasi = per_kode.get(g.kunci[1])
        if lokasi is None:
            if not g.nama:
                masalah.append(pertama.masalah("nama_lokasi", f"lokasi berkode {g.kode} belum ada; "
                                               "lokasi baru perlu nama_lokasi"))  # fmt: skip
            elif any(not x.kode for x in per_nama.get(normal_nama(g.nama), [])):
                peringatan.append(
                    pertama.masalah("kode_lokasi", f"lokasi baru {g.label} akan dibuat, padahal "
                                    f"sudah ada lokasi bernama {g.nama} tanpa kode")
                )  # fmt: skip
        return lokasi
    calon = per_nama.get(g.kunci[1], [])
    if len(calon) > 1:
        masalah.append(
            pertama.masalah("nama_lokasi", f"ada {len(calon)} lokasi bernama {g.nama} di kabupaten/"
                            "kota ini; isi kode_lokasi untuk memilih salah satunya")
        )  # fmt: skip
        return None
    return calon[0] if calon else None


class _Wilayah:
    """The kab/kota's kelurahan by Kemendagri code and by name, for matching cells."""

    def __init__(self, kabupaten_kota: KabupatenKota) -> None:
        self.nama_kota = str(kabupaten_kota)
        self.per_kode: dict[str, Kelurahan] = {}
        self.per_pk: dict[int, Kelurahan] = {}
        self.per_nama: dict[str, list[Kelurahan]] = defaultdict(list)
        self.kecamatan: set[str] = set()
        for k in Kelurahan.objects.filter(kecamatan__kabupaten_kota=kabupaten_kota).select_related(
            "kecamatan"
        ):
            self.per_kode[k.kode] = k
            self.per_pk[k.pk] = k
            self.per_nama[normal_nama(k.nama)].append(k)
            self.kecamatan.add(normal_nama(k.kecamatan.nama))

    def cari(self, teks: str, baris: Baris) -> Kelurahan | Masalah:
        """The kelurahan a cell names (by code or name, within the row's kecamatan if given)."""
        kolom = baris.kolom_kelurahan
        kecamatan = baris.nilai.get("kecamatan", "")
        if baca.POLA_KODE_KELURAHAN.match(teks):
            if teks in self.per_kode:
                return self.per_kode[teks]
            return baris.masalah(kolom, f"kode kelurahan {teks} tidak ada di {self.nama_kota}")
        calon = self.per_nama.get(normal_nama(teks), [])
        disebut = [k.strip() for k in kecamatan.split(",") if k.strip()]
        kec = {normal_nama(k) for k in disebut}
        if kec:
            if tidak_ada := [k for k in disebut if normal_nama(k) not in self.kecamatan]:
                nama = ", ".join(tidak_ada)
                return baris.masalah("kecamatan", f"kecamatan {nama} tidak ada di {self.nama_kota}")
            di_kec = [k for k in calon if normal_nama(k.kecamatan.nama) in kec]
            if calon and not di_kec:
                return baris.masalah(kolom, f"kelurahan {teks} tidak ada di kecamatan {kecamatan}")
            calon = di_kec
        if not calon:
            return baris.masalah(kolom, f"kelurahan {teks} tidak ada di {self.nama_kota}")
        if len(calon) > 1:
            nama_kec = ", ".join(sorted(k.kecamatan.nama for k in calon))
            return baris.masalah(
                kolom, f"kelurahan {teks} ada di {len(calon)} kecamatan ({nama_kec}); isi "
                "kolom kecamatan atau pakai kode kelurahan"
            )  # fmt: skip
        return calon[0]


def _muat_unit_dan_kelurahan(daftar: Sequence[RencanaLokasi]) -> None:
    # Two queries for all the file's lokasi, not two per lokasi.
    per_pk = {r.lokasi.pk: r for r in daftar if r.lokasi is not None}
    for u in UnitSurvei.objects.filter(lokasi__in=list(per_pk)).select_related("kelurahan"):
        per_pk[u.lokasi_id].unit_ada.append(u)
    through = Lokasi.kelurahan.through
    for lokasi_id, kelurahan_id in through.objects.filter(lokasi_id__in=list(per_pk)).values_list(
        "lokasi_id", "kelurahan_id"
    ):
        per_pk[lokasi_id].kelurahan_ada.add(kelurahan_id)


def _cocokkan_wilayah(r: RencanaLokasi, wilayah: _Wilayah, masalah: list[Masalah]) -> None:
    gagal = False
    for b in r.grup.baris:
        if b.per_unit:
            continue
        for teks in b.kelurahan:
            hasil = wilayah.cari(teks, b)
            if isinstance(hasil, Masalah):
                masalah.append(hasil)
                gagal = True
            else:
                r.kelurahan[hasil.pk] = hasil
    pertama = r.grup.baris[0]
    baru_tanpa_kelurahan = r.lokasi is None and not r.grup.per_unit and not r.kelurahan
    if baru_tanpa_kelurahan and not gagal and "kelurahan" not in pertama.rusak:
        masalah.append(pertama.masalah("kelurahan", "lokasi baru perlu kelurahan"))
    # Units: each RT row names its kelurahan, or the lokasi has exactly one. The latest year's
    # row of a unit is the one whose header numbers the unit takes.
    satu = wilayah.per_pk.get(next(iter(r.kelurahan_ada))) if len(r.kelurahan_ada) == 1 else None
    for _, survei in sorted(r.grup.survei.items()):
        for b in survei.baris:
            if not b.per_unit or {"rt", "rw", "kelurahan"} & b.rusak:
                continue
            if b.kelurahan:
                hasil = wilayah.cari(b.kelurahan[0], b)
            elif satu is not None:
                hasil = satu
            else:
                hasil = b.masalah("kelurahan", "baris unit RT perlu kelurahan")
            if isinstance(hasil, Masalah):
                masalah.append(hasil)
                b.rusak.add("kelurahan")
                continue
            kunci = (hasil.pk, b.nilai["rt"], b.nilai["rw"])
            r.unit_baris[b.tempat] = kunci
            r.unit.setdefault(kunci, RencanaUnit(hasil, kunci[1], kunci[2], None, b)).baris = b


def _cocokkan_unit(r: RencanaLokasi, masalah: list[Masalah]) -> None:
    ada = {(u.kelurahan_id, u.rt, u.rw): u for u in r.unit_ada}
    if r.lokasi is not None and ada and not r.grup.per_unit:
        for b in r.grup.baris:
            masalah.append(
                b.masalah("rt", f"lokasi {r.lokasi.nama} punya {len(ada)} unit RT; nilainya "
                          "diisi per RT (satu baris per RT dengan rt dan rw)")
            )  # fmt: skip
        return
    for kunci, rencana_unit in r.unit.items():
        rencana_unit.unit = ada.get(kunci)
    if not r.grup.per_unit:
        return
    semua = set(ada) | set(r.unit)
    for tahun, survei in r.grup.survei.items():
        di_survei: dict[tuple[int, str, str], Baris] = {}
        for b in survei.baris:
            if (kunci := r.unit_baris.get(b.tempat)) is None:
                continue
            if (lain := di_survei.setdefault(kunci, b)) is not b:
                pesan = f"baris ganda: RT {kunci[1]}/RW {kunci[2]} sudah ada di {lain.label}"
                masalah.append(b.masalah("rt", pesan))
                b.rusak.add("rt")
        if any(b.per_unit and b.tempat not in r.unit_baris for b in survei.baris):
            continue  # a kelurahan is already reported
        for kunci in sorted(semua - set(di_survei), key=lambda k: (k[2], k[1])):
            nama_unit = _nama_unit(r, kunci)
            masalah.append(
                survei.baris[0].masalah("rt", f"{nama_unit} adalah unit lokasi {r.grup.label} "
                                        f"tetapi tidak ada barisnya untuk tahun {tahun}; "
                                        "tambahkan barisnya (impor tidak menghapus unit RT)")
            )  # fmt: skip


def _nama_unit(r: RencanaLokasi, kunci: tuple[int, str, str]) -> str:
    if kunci in r.unit:
        kel = r.unit[kunci].kelurahan
    else:
        kel = next(u.kelurahan for u in r.unit_ada if u.kelurahan_id == kunci[0])
    return f"RT {kunci[1]}/RW {kunci[2]} {kel.nama}"


def _luas_sk(r: RencanaLokasi) -> Decimal | None:
    if "luas_sk_ha" in r.grup.data:
        return r.grup.data["luas_sk_ha"]
    return r.lokasi.luas_sk_ha if r.lokasi is not None else None


def _kepala(r: RencanaLokasi, survei: Survei) -> dict[tuple[str, int], dict[str, Any]]:
    """Header numbers of the existing lokasi or unit each row updates (blank cells keep them)."""
    hasil: dict[tuple[str, int], dict[str, Any]] = {}
    for b in survei.baris:
        if b.per_unit:
            kunci = r.unit_baris.get(b.tempat)
            unit = r.unit[kunci].unit if kunci else None
            if unit is not None:
                hasil[b.tempat] = {
                    **services.angka_kepala(unit),
                    "penduduk_laki_laki": unit.penduduk_laki_laki,
                    "penduduk_perempuan": unit.penduduk_perempuan,
                }
        elif r.lokasi is not None:
            hasil[b.tempat] = services.angka_kepala(r.lokasi)
    return hasil


def _baris_laporan(r: RencanaLokasi, s: Survei) -> dict[str, Any]:
    h = s.hasil
    return {
        "lokasi": r.grup.nama or (r.lokasi.nama if r.lokasi else ""),
        "kode": r.grup.kode or (r.lokasi.kode if r.lokasi else ""),
        "tahun": s.tahun,
        "baris": ", ".join(str(b.nomor) for b in s.baris[:6]) + ("…" if len(s.baris) > 6 else ""),
        "unit": sum(1 for b in s.baris if b.per_unit),
        "lokasi_baru": r.lokasi is None,
        "penilaian_baru": s.tahun not in r.penilaian,
        "nilai_kekumuhan": h.nilai_kekumuhan if h else None,
        "tingkat_kekumuhan": h.tingkat_kekumuhan if h else "",
        "label_prioritas": (h.label_prioritas or "") if h else "",
        "tanda": len(s.tanda),
    }


def jumlah_rencana(rencana: Rencana) -> dict[str, int]:
    """Count what an import would create and update (a written import counts otherwise)."""
    unit_baru = sum(1 for r in rencana.lokasi for u in r.unit.values() if u.unit is None)
    unit = sum(len(r.unit) for r in rencana.lokasi)
    survei = sum(len(r.grup.survei) for r in rencana.lokasi)
    survei_lama = sum(len(r.penilaian) for r in rencana.lokasi)
    lokasi_baru = sum(1 for r in rencana.lokasi if r.lokasi is None)
    return {
        "lokasi_baru": lokasi_baru,
        "lokasi_diperbarui": len(rencana.lokasi) - lokasi_baru,
        "unit_baru": unit_baru,
        "unit_diperbarui": unit - unit_baru,
        "penilaian_baru": survei - survei_lama,
        "penilaian_diperbarui": survei_lama,
        BEDA: len({(t.lembar, t.baris) for t in rencana.laporan.tanda}),
    }
