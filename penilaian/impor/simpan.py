"""Import surveys from a baseline workbook: check the whole file against the database, then
write its lokasi, RT units and draft surveys in one transaction (issue 5).

    laporan = impor_periksa(berkas=f, kabupaten_kota=kota)               # writes nothing
    laporan = impor_simpan(berkas=f, kabupaten_kota=kota, pengguna=u)    # all or nothing

Reading, per-row checks, scoring and the consistency flags are in `impor_baca` (pure). Here:
kelurahan by name or Kemendagri code, lokasi by kode or name, RT units by (kelurahan, RT, RW),
the existing survey of the same lokasi and year (only a draf may be overwritten), and the writes.

Decisions (also in docs/impor.md):
- Only the columns a file has change an existing lokasi or unit; kelurahan are added, never
  removed. A survey's scoring inputs (the 16 criteria, Format Numerik sheets, legalitas,
  pertimbangan lain) are replaced by the file's as a whole, so the stored result is the one
  the report showed; its descriptive fields (tanggal, surveyor) only when given.
- A kawasan of RT units: every survey in the file must carry a row for each of its units (an
  import does not remove units), and its header numbers become the sums of the units (§7).
- History: one RiwayatPerubahan per created or changed lokasi and per created or changed
  survey, naming the file; unchanged records get none.
- Thousands of rows: read-only workbook, one query per kind of record, and multi-row INSERT /
  UPDATE statements (bulk_update's CASE expressions take seconds for 10,000 rows).
"""

from __future__ import annotations

from collections import Counter, defaultdict, namedtuple
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from decimal import Decimal
from typing import IO, Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from lokasi import riwayat
from lokasi import services as lokasi_services
from lokasi.models import (
    KabupatenKota,
    Kelurahan,
    Lokasi,
    Pengguna,
    RiwayatPerubahan,
    UnitSurvei,
)
from penilaian import rumus, services
from penilaian.impor import baca as impor_baca
from penilaian.impor.baca import Baris, GrupLokasi, Laporan, Masalah, Survei
from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian, Status

# Penilaian fields a file sets; the scoring inputs are replaced even when blank.
FIELD_MASUKAN = {
    "status_penguasaan": "status_penguasaan",
    "kesesuaian_rtr": "kesesuaian_rtr",
    "strategis": "strategis",
    "kepadatan_penduduk": "kepadatan_penduduk",
    "potensi_sosekbud": "potensi_sosekbud",
}
FIELD_KETERANGAN = {
    "tanggal_survei": "tanggal_survei",
    "surveyor": "surveyor_nama",
    "instansi_surveyor": "surveyor_instansi",
}
# Lokasi fields a file may set directly (the header numbers follow its rows or its units).
FIELD_LOKASI = [
    "nama",
    "kode",
    "luas_sk_ha",
    "lintang",
    "bujur",
    "rt_rw",
    "permasalahan",
    "potensi",
]
_KOLOM_LOKASI = {"nama": "nama_lokasi", "kode": "kode_lokasi"}
KEPALA_LOKASI = {
    "luas_verifikasi_ha": "luas_verifikasi_ha",
    "jumlah_bangunan": "jumlah_bangunan",
    "jumlah_kk": "jumlah_kk",
    "panjang_jalan_ideal_m": "panjang_jalan_ideal_m",
    "panjang_drainase_ideal_m": "panjang_drainase_ideal_m",
    "penduduk_laki_laki": "penduduk_laki_laki",
    "penduduk_perempuan": "penduduk_perempuan",
}
KEPALA_UNIT = {**KEPALA_LOKASI, "luas_verifikasi_ha": "luas_ha"}
# The counts of a written import (a check counts lokasi_baru, lokasi_diperbarui … instead).
JUMLAH_TERSIMPAN = (
    "lokasi_dibuat",
    "lokasi_diubah",
    "lokasi_tetap",
    "unit_dibuat",
    "unit_diperbarui",
    "penilaian_dibuat",
    "penilaian_diubah",
    "penilaian_tetap",
)
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
    return _rencanakan(berkas, kabupaten_kota, tahun_bawaan, nama_berkas).laporan


class _Batal(Exception):
    """Roll the import back: scoring what was stored found problems (the report lists them)."""

    def __init__(self, laporan: Laporan) -> None:
        self.laporan = laporan


def impor_simpan(
    *,
    berkas: str | IO[bytes],
    kabupaten_kota: KabupatenKota,
    pengguna: Pengguna | None,
    tahun_bawaan: int | None = None,
    nama_berkas: str = "",
) -> Laporan:
    """Check the file again and, only when nothing is wrong, write all of it.

    The check runs inside the transaction, on rows locked for update, so what is written is
    what the database holds now, not what it held when the preview was made. Each survey is
    scored once, by services.hitung_ulang from the rows just written; the old results are
    compared with what it stored. A survey it cannot score rolls everything back.
    """
    try:
        with transaction.atomic():
            rencana = _rencanakan(
                berkas, kabupaten_kota, tahun_bawaan, nama_berkas, kunci=True, hitung=False
            )
            if rencana.laporan.sah:
                _tulis(rencana, pengguna, nama_berkas)
    except _Batal as e:
        return e.laporan
    return rencana.laporan


def _rencanakan(
    berkas: str | IO[bytes],
    kabupaten_kota: KabupatenKota,
    tahun_bawaan: int | None,
    nama_berkas: str,
    *,
    kunci: bool = False,
    hitung: bool = True,
) -> Rencana:
    bacaan = impor_baca.baca_buku(berkas, tahun_bawaan=tahun_bawaan)
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
    grup, masalah = impor_baca.kelompokkan(bacaan.baris)
    laporan.masalah += masalah
    _cocokkan(rencana, grup, kunci=kunci)
    for r in rencana.lokasi:
        for survei in r.grup.survei.values():
            laporan.masalah += impor_baca.nilai_survei(
                survei,
                kategori_kota=kabupaten_kota.kategori,
                luas_sk_ha=_luas_sk(r),
                kepala=_kepala(r, survei),
                hitung=hitung,
            )
    laporan.masalah.sort(key=_urutan)
    _laporkan_hasil(rencana)
    laporan.jumlah = _jumlah_rencana(rencana)
    return rencana


def _laporkan_hasil(rencana: Rencana) -> None:
    laporan = rencana.laporan
    laporan.tanda = sorted(
        (t for r in rencana.lokasi for s in r.grup.survei.values() for t in s.tanda),
        key=_urutan,
    )
    laporan.survei = [_baris_laporan(r, s) for r in rencana.lokasi for s in _urut_survei(r)]
    laporan.jumlah[BEDA] = len({(t.lembar, t.baris) for t in laporan.tanda})


def _urutan(m: Masalah | impor_baca.Tanda) -> tuple:
    return (m.lembar, m.baris or 0, len(m.kolom), m.kolom)


def _urut_survei(r: RencanaLokasi) -> list[Survei]:
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
        per_nama[impor_baca.normal_nama(lokasi.nama)].append(lokasi)

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
            elif any(not x.kode for x in per_nama.get(impor_baca.normal_nama(g.nama), [])):
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
            self.per_nama[impor_baca.normal_nama(k.nama)].append(k)
            self.kecamatan.add(impor_baca.normal_nama(k.kecamatan.nama))

    def cari(self, teks: str, baris: Baris) -> Kelurahan | Masalah:
        """The kelurahan a cell names (by code or name, within the row's kecamatan if given)."""
        kolom = baris.kolom_kelurahan
        kecamatan = baris.nilai.get("kecamatan", "")
        if impor_baca.POLA_KODE_KELURAHAN.match(teks):
            if teks in self.per_kode:
                return self.per_kode[teks]
            return baris.masalah(kolom, f"kode kelurahan {teks} tidak ada di {self.nama_kota}")
        calon = self.per_nama.get(impor_baca.normal_nama(teks), [])
        disebut = [k.strip() for k in kecamatan.split(",") if k.strip()]
        kec = {impor_baca.normal_nama(k) for k in disebut}
        if kec:
            if tidak_ada := [k for k in disebut if impor_baca.normal_nama(k) not in self.kecamatan]:
                nama = ", ".join(tidak_ada)
                return baris.masalah("kecamatan", f"kecamatan {nama} tidak ada di {self.nama_kota}")
            di_kec = [k for k in calon if impor_baca.normal_nama(k.kecamatan.nama) in kec]
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


def _jumlah_rencana(rencana: Rencana) -> dict[str, int]:
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


# --- writing -----------------------------------------------------------------------------------


def _tulis(rencana: Rencana, pengguna: Pengguna | None, nama_berkas: str) -> None:
    jejak = _Riwayat(pengguna, timezone.now(), f"lewat impor {nama_berkas}".rstrip())
    jumlah: Counter[str] = Counter()
    _tulis_lokasi(rencana, jejak, jumlah)
    _tulis_survei(rencana, jejak, jumlah)
    jejak.simpan()
    rencana.laporan.tersimpan = True
    rencana.laporan.jumlah = {k: jumlah[k] for k in JUMLAH_TERSIMPAN}
    _laporkan_hasil(rencana)


def _tulis_lokasi(rencana: Rencana, jejak: _Riwayat, jumlah: Counter[str]) -> None:
    """Create or update the lokasi and RT units: the file's values and, for a kawasan of units,
    the sums of its units (penilaian.md §7, as lokasi.services.hitung_ulang_dari_unit sets them)."""
    baru: list[Lokasi] = []
    diubah: list[Lokasi] = []
    for r in rencana.lokasi:
        if r.lokasi is None:
            r.lokasi = Lokasi(kabupaten_kota=rencana.kabupaten_kota, diubah_oleh=jejak.pengguna)
            baru.append(r.lokasi)
        else:
            r.sebelum = jejak.potret_lokasi(r.lokasi, _nama_kelurahan(rencana, r.kelurahan_ada))
            diubah.append(r.lokasi)
        _isi_lokasi(r)
        for ru in r.unit.values():
            if ru.unit is None:
                ru.unit = UnitSurvei(kelurahan=ru.kelurahan, rt=ru.rt, rw=ru.rw)
            for kolom, nama in KEPALA_UNIT.items():
                if kolom in ru.baris.nilai:
                    setattr(ru.unit, nama, ru.baris.nilai[kolom])
        if r.unit:
            _kawasan_dari_unit(r.lokasi, [ru.unit for ru in r.unit.values()])
        if r.sebelum:
            kelurahan = _nama_kelurahan(rencana, _kelurahan_sesudah(r))
            if jejak.ubah(r.lokasi, "diubah", r.sebelum, jejak.potret_lokasi(r.lokasi, kelurahan)):
                r.lokasi.versi += 1
                r.lokasi.diubah_oleh, r.lokasi.diubah_pada = jejak.pengguna, jejak.waktu
                jumlah["lokasi_diubah"] += 1
            else:
                jumlah["lokasi_tetap"] += 1
    _sisip_objek(Lokasi, baru)
    field_lokasi = [*FIELD_LOKASI, *lokasi_services.ANGKA_DARI_UNIT, "penduduk_laki_laki"]
    field_lokasi += ["penduduk_perempuan", "versi", "diubah_oleh", "diubah_pada"]
    _perbarui(Lokasi, diubah, list(dict.fromkeys(field_lokasi)))
    for lokasi in baru:
        jejak.buat(lokasi)
    jumlah["lokasi_dibuat"] = len(baru)

    unit_baru: list[UnitSurvei] = []
    unit_diubah: list[UnitSurvei] = []
    for r in rencana.lokasi:
        for ru in r.unit.values():
            assert ru.unit is not None
            if ru.unit.pk is None:
                ru.unit.lokasi = r.lokasi
                unit_baru.append(ru.unit)
            else:
                unit_diubah.append(ru.unit)
    _sisip_objek(UnitSurvei, unit_baru)
    _perbarui(UnitSurvei, unit_diubah, list(KEPALA_UNIT.values()))
    jumlah["unit_dibuat"], jumlah["unit_diperbarui"] = len(unit_baru), len(unit_diubah)
    _kelurahan_tambah(rencana)


def _tulis_survei(rencana: Rencana, jejak: _Riwayat, jumlah: Counter[str]) -> None:
    """Create the surveys, overwrite the drafts the file changes, leave the others alone.

    Results are computed once, by services.hitung_ulang from the rows just written, as every
    save computes them (the rows are handed over in memory rather than read back); the old
    results are compared with what it stored.
    """
    survei_semua = [(r, s) for r in rencana.lokasi for s in _urut_survei(r)]
    tersimpan = _tersimpan(survei_semua)
    tulis: list[tuple[RencanaLokasi, Survei, _Tersimpan | None]] = []
    for r, s in survei_semua:
        t = tersimpan.get(_pk_lama(r, s))
        if t is not None and t.sama_dengan(r, s):
            impor_baca.tandai(s, t.hasil)
            jumlah["penilaian_tetap"] += 1
        else:
            tulis.append((r, s, t))
    baru: list[Penilaian] = []
    for r, s, t in tulis:
        if t is None:
            p = Penilaian(lokasi=r.lokasi, tahun=s.tahun, dibuat_oleh=jejak.pengguna)
            baru.append(p)
        else:
            p = t.objek
            unit = {ru.unit.pk: ru.unit for ru in r.unit.values() if ru.unit is not None}
            lembar = [(unit.get(u), nilai) for u, nilai in t.lembar.items()]
            t.potret = jejak.potret_penilaian(t.nilai, t.pita, lembar)
        r.penilaian[s.tahun] = p
        _isi_penilaian(p, s)
        p.diubah_oleh, p.diubah_pada = jejak.pengguna, jejak.waktu
    _sisip_objek(Penilaian, baru)
    _tulis_isian(tulis)
    ditimpa = [t.pk for _, _, t in tulis if t is not None]
    NumerikPenilaian.objects.filter(penilaian__in=ditimpa).delete()
    numerik = {id(s): _lembar_numerik(r, s) for r, s, _ in tulis}
    kolom = ["penilaian_id", "unit_id", *rumus.NUMERIK_FIELDS]
    _sisip(
        NumerikPenilaian,
        kolom,
        [tuple(getattr(n, k) for k in kolom) for lembar in numerik.values() for n in lembar],
    )

    gagal = []
    for r, s, t in tulis:
        p = r.penilaian[s.tahun]
        _beri_baris(p, r.lokasi, s, numerik[id(s)])
        services.hitung_ulang(p)
        if p.kekurangan:
            gagal.append((r, s, p))
            continue
        impor_baca.tandai(s, _hasil(p))
        if t is None:
            jejak.buat(p)
            jumlah["penilaian_dibuat"] += 1
        elif jejak.ubah(p, "diubah", t.potret, jejak.potret_penilaian(p, s.pita, numerik[id(s)])):
            p.versi += 1
            jumlah["penilaian_diubah"] += 1
        else:  # the same inputs, scored again (the file changed the lokasi's luas SK)
            jumlah["penilaian_tetap"] += 1
    if gagal:
        _batalkan(rencana, gagal)
    # Every field: whatever services.hitung_ulang sets (now or later) is written.
    field_penilaian = [f.name for f in Penilaian._meta.concrete_fields if not f.primary_key]
    _perbarui(Penilaian, [r.penilaian[s.tahun] for r, s, _ in tulis], field_penilaian)


def _batalkan(rencana: Rencana, gagal: list[tuple[RencanaLokasi, Survei, Penilaian]]) -> None:
    """Report the surveys the stored rows do not score, by cell, and roll everything back.

    The check before writing does not score (that is done once, after writing); a file that
    passed the preview only gets here when the database changed in between (a lokasi's header
    numbers that blank cells fall back on, the kab/kota's category).
    """
    laporan = rencana.laporan
    for r, s, p in gagal:
        hasil = impor_baca.skor(
            s, kategori_kota=rencana.kabupaten_kota.kategori, luas_sk_ha=r.lokasi.luas_sk_ha
        )
        if isinstance(hasil, list) and hasil:
            laporan.masalah += hasil
        else:  # the rules' own reading of the stored rows
            laporan.masalah += [
                s.baris[0].masalah(None, f"{k['field']}: {k['pesan']}") for k in p.kekurangan
            ]
    laporan.masalah.sort(key=_urutan)
    laporan.jumlah = _jumlah_rencana(rencana)
    raise _Batal(laporan)


_FIELD_HASIL_BANDING = [f.name for f in fields(impor_baca.Hasil)]


def _hasil(p: Penilaian | dict) -> impor_baca.Hasil:
    """A stored survey's results, as the flags compare them."""
    d = p if isinstance(p, dict) else {f: getattr(p, f) for f in _FIELD_HASIL_BANDING}
    return impor_baca.Hasil(**{f: d[f] if d[f] != "" else None for f in _FIELD_HASIL_BANDING})


@dataclass
class _Tersimpan:
    """An existing draft as plain values (its criteria and sheets too, not loaded as objects):
    enough to compare it with the file and to write its history; `objek` is written back."""

    pk: int
    nilai: dict[str, Any]
    pita: dict[str, str]
    lembar: dict[int | None, dict[str, Any]]
    objek: Penilaian
    potret: dict[str, Any] = field(default_factory=dict)

    @property
    def hasil(self) -> impor_baca.Hasil:
        return _hasil(self.nilai)

    def sama_dengan(self, r: RencanaLokasi, s: Survei) -> bool:
        """Complete, and the file repeats its inputs exactly (so its results stand)."""
        berkas = {nama: s.data.get(kolom) for kolom, nama in FIELD_MASUKAN.items()}
        berkas |= {nama: s.data[k] for k, nama in FIELD_KETERANGAN.items() if k in s.data}
        return (
            self.nilai["nilai_kekumuhan"] is not None
            and not self.nilai["kekurangan"]
            and not r.luas_berubah
            and all(self.nilai[k] == v for k, v in berkas.items())
            and self.pita == s.pita
            and self.lembar == {_unit_id(r, b): dict(n) for b, n in s.lembar}
        )


def _tersimpan(survei_semua: list[tuple[RencanaLokasi, Survei]]) -> dict[int, _Tersimpan]:
    """The existing drafts the file names, as plain values and objects (three queries)."""
    per_pk = {_pk_lama(r, s): r for r, s in survei_semua if s.tahun in r.penilaian}
    if not per_pk:
        return {}
    semua = list(per_pk)
    # Not the stored `hasil` (a few kB of JSON each): hitung_ulang replaces it before any write.
    nama = [f.attname for f in Penilaian._meta.concrete_fields if f.name != "hasil"]
    hasil = {}
    for baris in Penilaian.objects.filter(pk__in=semua).values_list(*nama):
        nilai = dict(zip(nama, baris, strict=True))
        objek = Penilaian.from_db(connection.alias, nama, baris)  # written back if it changes
        hasil[objek.pk] = _Tersimpan(objek.pk, nilai, {}, {}, objek)
    isian = IsianKriteria.objects.filter(penilaian__in=semua).exclude(pita="")
    for pk, kode, pita in isian.values_list("penilaian_id", "kode", "pita"):
        hasil[pk].pita[kode] = pita
    numerik = NumerikPenilaian.objects.filter(penilaian__in=semua)
    for d in numerik.values("penilaian_id", "unit_id", *rumus.NUMERIK_FIELDS):
        isi = {k: v for k in rumus.NUMERIK_FIELDS if (v := d[k]) is not None}
        hasil[d["penilaian_id"]].lembar[d["unit_id"]] = isi
    return hasil


def _lembar_numerik(r: RencanaLokasi, s: Survei) -> list[NumerikPenilaian]:
    p = r.penilaian[s.tahun]
    hasil = []
    for b, lembar in s.lembar:
        n = NumerikPenilaian(penilaian_id=p.pk, **lembar)
        if b.per_unit:
            n.unit = r.unit[r.unit_baris[b.tempat]].unit
        hasil.append(n)
    return hasil


_Pita = namedtuple("_Pita", "kode pita")
_CACHE_ISIAN = IsianKriteria._meta.get_field("penilaian").remote_field.cache_name
_CACHE_NUMERIK = NumerikPenilaian._meta.get_field("penilaian").remote_field.cache_name


def _beri_baris(p: Penilaian, lokasi: Lokasi, s: Survei, numerik: list[NumerikPenilaian]) -> None:
    """Hand a survey the rows just written, as prefetch_related would have loaded them.

    services.hitung_ulang reads `penilaian.isian.all()` and `penilaian.numerik.all()`: those
    return this cache instead of querying. Of the criteria only the ones with a band matter to
    it (a blank band means "from Format Numerik"), so only those are handed over.
    """
    p.lokasi = lokasi
    p._prefetched_objects_cache = {
        _CACHE_ISIAN: [_Pita(kode, pita) for kode, pita in s.pita.items()],
        _CACHE_NUMERIK: numerik,
    }


def _pk_lama(r: RencanaLokasi, s: Survei) -> int | None:
    p = r.penilaian.get(s.tahun)
    return p.pk if p is not None else None


def _isi_lokasi(r: RencanaLokasi) -> None:
    lokasi, data = r.lokasi, r.grup.data
    assert lokasi is not None
    if "luas_sk_ha" in data and data["luas_sk_ha"] != lokasi.luas_sk_ha:
        r.luas_berubah = True
    for nama in FIELD_LOKASI:
        kolom = _KOLOM_LOKASI.get(nama, nama)
        if kolom in data and not (nama == "rt_rw" and r.grup.per_unit):
            setattr(lokasi, nama, data[kolom])
    if (b := r.grup.baris_terakhir()) is not None:
        for kolom, nama in KEPALA_LOKASI.items():
            if kolom in b.nilai:
                setattr(lokasi, nama, b.nilai[kolom])


def _kawasan_dari_unit(lokasi: Lokasi, unit: list[UnitSurvei]) -> None:
    for nama in lokasi_services.ANGKA_DARI_UNIT:
        sumber = KEPALA_UNIT.get(nama, nama)
        setattr(lokasi, nama, sum(getattr(u, sumber) for u in unit))
    lokasi.rt_rw = lokasi_services.ringkas_rt_rw((u.rt, u.rw) for u in unit)


def _kelurahan_sesudah(r: RencanaLokasi) -> set[int]:
    """The lokasi's kelurahan after the import: its own, its rows' and its units' (never less)."""
    return {*r.kelurahan_ada, *r.kelurahan, *(ru.kelurahan.pk for ru in r.unit.values())}


def _nama_kelurahan(rencana: Rencana, pk: set[int]) -> str:
    assert rencana.wilayah is not None
    return ", ".join(sorted(rencana.wilayah.per_pk[k].nama for k in pk))


def _kelurahan_tambah(rencana: Rencana) -> None:
    """Link each lokasi to the kelurahan of its rows and of its units (never unlink)."""
    through = Lokasi.kelurahan.through
    pasangan = {
        (r.lokasi.pk, k) for r in rencana.lokasi for k in _kelurahan_sesudah(r) - r.kelurahan_ada
    }
    through.objects.bulk_create(
        [through(lokasi_id=lokasi, kelurahan_id=kel) for lokasi, kel in sorted(pasangan)]
    )


def _isi_penilaian(p: Penilaian, s: Survei) -> None:
    for kolom, nama in FIELD_MASUKAN.items():
        setattr(p, nama, s.data.get(kolom))
    for kolom, nama in FIELD_KETERANGAN.items():
        if kolom in s.data:
            setattr(p, nama, s.data[kolom])


def _tulis_isian(tulis: list[tuple[RencanaLokasi, Survei, _Tersimpan | None]]) -> None:
    """16 criteria per new survey; an overwritten draft's bands set from the file (a criterion
    the file leaves to Format Numerik loses its old band; photos and notes stay)."""
    baris = []
    per_pita: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r, s, t in tulis:
        p, pita = r.penilaian[s.tahun], s.pita
        if t is None:
            baris += [(p.pk, kode, pita.get(kode, ""), "", "") for kode in rumus.KODE_KRITERIA]
            continue
        for kode in rumus.KODE_KRITERIA:
            if t.pita.get(kode, "") != pita.get(kode, ""):
                per_pita[(kode, pita.get(kode, ""))].append(p.pk)
    _sisip(IsianKriteria, ["penilaian_id", "kode", "pita", "foto", "keterangan"], baris)
    for (kode, pita), pk in per_pita.items():
        for awal in range(0, len(pk), 500):
            bagian = pk[awal : awal + 500]
            IsianKriteria.objects.filter(penilaian_id__in=bagian, kode=kode).update(pita=pita)


def _unit_id(r: RencanaLokasi, b: Baris) -> int | None:
    if not b.per_unit:
        return None
    unit = r.unit[r.unit_baris[b.tempat]].unit
    return unit.pk if unit is not None else None


class _Riwayat:
    """Change history of the imported records (RiwayatPerubahan), written in one statement.

    Entries read like those of lokasi.riwayat.catat with the snapshots of riwayat.potret and
    services.potret_penilaian (same labels, same formatting), but the snapshots hold raw values
    and only the values that differ are formatted: for 10,000 records, formatting and label
    lookups of every field took seconds.
    """

    def __init__(self, pengguna: Pengguna | None, waktu: datetime, tindakan: str) -> None:
        self.pengguna, self.waktu, self.tindakan = pengguna, waktu, tindakan
        self.baris: list[tuple] = []
        self.jenis: dict[type, int] = {}
        self.label_lokasi = _label(Lokasi, lokasi_services.FIELD_RIWAYAT)
        self.label_penilaian = _label(Penilaian, services.FIELD_RIWAYAT)
        self._teks_cache: dict[tuple, str] = {}

    def teks(self, nilai: Any) -> str:
        """riwayat's text of a value, remembered: surveys repeat the same counts and lengths."""
        if isinstance(nilai, dict | list):
            return riwayat.teks(nilai)
        # By type and text: Decimal("1.2") and Decimal("1.20") are equal but print differently.
        kunci = (type(nilai), str(nilai))
        if (teks := self._teks_cache.get(kunci)) is None:
            teks = self._teks_cache[kunci] = riwayat.teks(nilai)
        return teks

    def potret_lokasi(self, lokasi: Lokasi, kelurahan: str) -> dict[str, Any]:
        """lokasi.services.potret_lokasi (tipologi aside: an import never changes it)."""
        hasil = {label: getattr(lokasi, f) for f, label in self.label_lokasi}
        return hasil | {"kelurahan/desa": kelurahan}

    def potret_penilaian(
        self, p: Penilaian | Mapping[str, Any], pita: Mapping[str, str], lembar: list
    ) -> dict[str, Any]:
        """A survey given as an object or as values, with its bands and its sheets as
        [(unit or None, {numerik key: value})] or as NumerikPenilaian objects."""
        ambil = p.get if isinstance(p, Mapping) else lambda f: getattr(p, f)
        hasil = {label: ambil(f) for f, label in self.label_penilaian}
        hasil |= {f"pilihan {kode}": pita.get(kode, "") for kode in rumus.KODE_KRITERIA}
        for isi in lembar:
            unit, nilai = isi if isinstance(isi, tuple) else (isi.unit, isi.nilai())
            awalan = f"RT {unit.rt}/RW {unit.rw}: " if unit is not None else ""
            for kunci, label in rumus.NUMERIK_FIELDS.items():
                hasil[f"{awalan}{label}"] = nilai.get(kunci)
        return hasil

    def _tipe(self, obj: models.Model) -> int:
        model = type(obj)
        if model not in self.jenis:
            self.jenis[model] = ContentType.objects.get_for_model(model).pk
        return self.jenis[model]

    def _tambah(self, obj: models.Model, tindakan: str, perubahan: dict) -> None:
        pengguna = self.pengguna.pk if self.pengguna else None
        tindakan = f"{tindakan} {self.tindakan}"
        self.baris.append((self._tipe(obj), obj.pk, pengguna, self.waktu, tindakan, perubahan))

    def buat(self, obj: models.Model) -> None:
        self._tambah(obj, "dibuat", {})

    def ubah(self, obj: models.Model, tindakan: str, sebelum: dict, sesudah: dict) -> bool:
        """Record the values that differ, as text; return whether any did."""
        beda = {
            label: [self.teks(sebelum.get(label)), self.teks(baru)]
            for label, baru in sesudah.items()
            if not _sama(sebelum.get(label), baru)
        }
        if beda:
            self._tambah(obj, tindakan, beda)
        return bool(beda)

    def simpan(self) -> None:
        _sisip(
            RiwayatPerubahan,
            ["content_type", "object_id", "pengguna", "waktu", "tindakan", "perubahan"],
            self.baris,
        )


def _sama(a: Any, b: Any) -> bool:
    """Equal as history shows them: blank is blank, 1.25 is 1.2500."""
    return a == b or (a in (None, "") and b in (None, ""))


def _label(model: type[models.Model], fields: list[str]) -> list[tuple[str, str]]:
    return [(f, str(model._meta.get_field(f).verbose_name)) for f in fields]


# --- many rows in few statements ---------------------------------------------------------------

_DISIAPKAN = (models.JSONField, models.DateField)  # values the driver cannot take as they are


def _siapkan(kolom: list[models.Field]) -> list[Any]:
    return [f.get_db_prep_save if isinstance(f, _DISIAPKAN) else None for f in kolom]


def _sisip_objek(model: type[models.Model], objek: Sequence[models.Model]) -> None:
    """bulk_create of new objects, setting their pk, without compiling every value separately
    (which takes Django about a second per 10,000 rows of 30 columns): multi-row INSERT …
    RETURNING, as bulk_create itself does on SQLite ≥ 3.35 and PostgreSQL."""
    if not objek:
        return
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objek)
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = [f for f in meta.concrete_fields if not f.primary_key]
    siap = _siapkan(kolom)
    satu = f"({', '.join(['%s'] * len(kolom))})"
    awal = f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in kolom)}) VALUES "
    per_batch = min(1000, (connection.features.max_query_params or 2**16 - 1) // len(kolom))
    for mulai in range(0, len(objek), per_batch):
        bagian = objek[mulai : mulai + per_batch]
        nilai = []
        for o in bagian:
            for f, s in zip(kolom, siap, strict=True):
                v = f.pre_save(o, add=True)  # sets auto_now(_add) dates, as save() does
                nilai.append(s(v, connection) if s else v)
        sql = f"{awal}{', '.join([satu] * len(bagian))} RETURNING {qn(meta.pk.column)}"
        with connection.cursor() as kursor:
            kursor.execute(sql, nilai)
            for o, (pk,) in zip(bagian, kursor.fetchall(), strict=True):
                o.pk = pk
                o._state.adding, o._state.db = False, connection.alias


def _sisip(model: type[models.Model], fields: list[str], baris: Sequence[Sequence[Any]]) -> None:
    """INSERT rows given as tuples of plain values (ids not returned): one prepared statement."""
    if not baris:
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = [meta.get_field(f) for f in fields]
    siap = _siapkan(kolom)
    sql = (
        f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in kolom)}) "
        f"VALUES ({', '.join(['%s'] * len(kolom))})"
    )
    if any(siap):
        baris = [
            [s(v, connection) if s else v for s, v in zip(siap, b, strict=True)] for b in baris
        ]
    with connection.cursor() as kursor:
        kursor.executemany(sql, baris)


def _perbarui(model: type[models.Model], objek: Sequence[models.Model], fields: list[str]) -> None:
    """UPDATE each object's `fields` with its own values: one prepared statement for all."""
    if not objek:
        return
    meta, qn = model._meta, connection.ops.quote_name
    kolom = [meta.get_field(f) for f in fields]
    siap = _siapkan(kolom)
    sql = (
        f"UPDATE {qn(meta.db_table)} SET {', '.join(f'{qn(f.column)} = %s' for f in kolom)} "
        f"WHERE {qn(meta.pk.column)} = %s"
    )
    nilai = [
        [
            s(getattr(o, f.attname), connection) if s else getattr(o, f.attname)
            for f, s in zip(kolom, siap, strict=True)
        ]
        + [o.pk]
        for o in objek
    ]
    with connection.cursor() as kursor:
        kursor.executemany(sql, nilai)
