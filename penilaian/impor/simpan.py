"""Write a checked workbook: its lokasi, RT units and draft surveys, all or nothing (issue 5).

    laporan = impor_simpan(berkas=f, kabupaten_kota=kota, pengguna=u)    # all or nothing

The file is checked again inside the transaction (`rencana.rencanakan`, rows locked), then:

- Only the columns a file has change an existing lokasi or unit; kelurahan are added, never
  removed. A survey's scoring inputs (the 16 criteria, Format Numerik sheets, legalitas,
  pertimbangan lain) are replaced by the file's as a whole, so the stored result is the one
  the report showed; its descriptive fields (tanggal, surveyor) only when given.
- A kawasan of RT units: its header numbers become the sums of the units (§7).
- History goes through `lokasi.riwayat` with the snapshots the forms take
  (`riwayat.nilai_potret`, `services.nilai_potret_penilaian`): one entry per created or
  changed lokasi and survey, naming the file; unchanged records get none.
- Thousands of rows: multi-row INSERT / UPDATE statements (`kumuh.massal`).
"""

from __future__ import annotations

from collections import Counter, defaultdict, namedtuple
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.db import connection, transaction

from kumuh import massal
from lokasi import riwayat
from lokasi import services as lokasi_services
from lokasi.models import KabupatenKota, Lokasi, Pengguna, UnitSurvei
from penilaian import ringkasan, rumus, services
from penilaian.impor.baca import Baris
from penilaian.impor.kelompok import Survei
from penilaian.impor.laporan import Laporan
from penilaian.impor.nilai import Hasil, skor, tandai
from penilaian.impor.rencana import (
    Rencana,
    RencanaLokasi,
    jumlah_rencana,
    laporkan_hasil,
    rencanakan,
    urut_survei,
    urutan,
)
from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian

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
            rencana = rencanakan(
                berkas, kabupaten_kota, tahun_bawaan, nama_berkas, kunci=True, hitung=False
            )
            if rencana.laporan.sah:
                _tulis(rencana, pengguna, nama_berkas)
    except _Batal as e:
        return e.laporan
    return rencana.laporan


# --- writing -----------------------------------------------------------------------------------


def _tulis(rencana: Rencana, pengguna: Pengguna | None, nama_berkas: str) -> None:
    jejak = riwayat.Jurnal(pengguna=pengguna, keterangan=f"lewat impor {nama_berkas}".rstrip())
    jumlah: Counter[str] = Counter()
    # The priority list's narrow table: once for the whole file, and for every lokasi of it,
    # as the bulk writes (kelurahan links, rows) send no signals.
    with ringkasan.tunda():
        _tulis_lokasi(rencana, jejak, jumlah)
        _tulis_survei(rencana, jejak, jumlah)
        ringkasan.segarkan(r.lokasi.pk for r in rencana.lokasi if r.lokasi and r.lokasi.pk)
    jejak.simpan()
    rencana.laporan.tersimpan = True
    rencana.laporan.jumlah = {k: jumlah[k] for k in JUMLAH_TERSIMPAN}
    laporkan_hasil(rencana)


def _tulis_lokasi(rencana: Rencana, jejak: riwayat.Jurnal, jumlah: Counter[str]) -> None:
    """Create or update the lokasi and RT units: the file's values and, for a kawasan of units,
    the sums of its units (penilaian.md §7, as lokasi.services.hitung_ulang_dari_unit sets them)."""
    baru: list[Lokasi] = []
    diubah: list[Lokasi] = []
    for r in rencana.lokasi:
        if r.lokasi is None:
            r.lokasi = Lokasi(
                kabupaten_kota=rencana.kabupaten_kota,
                dibuat_oleh=jejak.pengguna,
                diubah_oleh=jejak.pengguna,
            )
            baru.append(r.lokasi)
        else:
            r.sebelum = _potret_lokasi(r.lokasi, _nama_kelurahan(rencana, r.kelurahan_ada))
            diubah.append(r.lokasi)
        _isi_lokasi(r)
        for ru in r.unit.values():
            if ru.unit is None:
                ru.unit = UnitSurvei(kelurahan=ru.kelurahan, rt=ru.rt, rw=ru.rw)
            for kolom, nama in KEPALA_UNIT.items():
                if kolom in ru.baris.nilai:
                    setattr(ru.unit, nama, ru.baris.nilai[kolom])
            _penduduk_unit(ru.unit, ru.baris)
        if r.unit:
            _kawasan_dari_unit(r.lokasi, [ru.unit for ru in r.unit.values()])
        if r.sebelum:
            kelurahan = _nama_kelurahan(rencana, _kelurahan_sesudah(r))
            sesudah = _potret_lokasi(r.lokasi, kelurahan)
            if jejak.catat(obj=r.lokasi, tindakan="diubah", sebelum=r.sebelum, sesudah=sesudah):
                r.lokasi.versi += 1
                r.lokasi.diubah_oleh, r.lokasi.diubah_pada = jejak.pengguna, jejak.waktu
                jumlah["lokasi_diubah"] += 1
            else:
                jumlah["lokasi_tetap"] += 1
    massal.sisip_objek(Lokasi, baru)
    field_lokasi = [*FIELD_LOKASI, *lokasi_services.ANGKA_DARI_UNIT, "penduduk_laki_laki"]
    field_lokasi += ["penduduk_perempuan", "penduduk_tanpa_rincian", "versi", "diubah_oleh"]
    field_lokasi += ["diubah_pada"]
    massal.perbarui(Lokasi, diubah, list(dict.fromkeys(field_lokasi)))
    for lokasi in baru:
        jejak.catat(obj=lokasi, tindakan="dibuat", sebelum={}, sesudah={})
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
                # A unit form opened before the import must not write over what it brought.
                ru.unit.versi += 1
                unit_diubah.append(ru.unit)
    massal.sisip_objek(UnitSurvei, unit_baru)
    massal.perbarui(
        UnitSurvei, unit_diubah, [*KEPALA_UNIT.values(), "penduduk_tanpa_rincian", "versi"]
    )
    jumlah["unit_dibuat"], jumlah["unit_diperbarui"] = len(unit_baru), len(unit_diubah)
    _kelurahan_tambah(rencana)


def _tulis_survei(rencana: Rencana, jejak: riwayat.Jurnal, jumlah: Counter[str]) -> None:
    """Create the surveys, overwrite the drafts the file changes, leave the others alone.

    Results are computed once, by services.hitung_ulang from the rows just written, as every
    save computes them (the rows are handed over in memory rather than read back); the old
    results are compared with what it stored.
    """
    survei_semua = [(r, s) for r in rencana.lokasi for s in urut_survei(r)]
    tersimpan = _tersimpan(survei_semua)
    tulis: list[tuple[RencanaLokasi, Survei, _Tersimpan | None]] = []
    for r, s in survei_semua:
        t = tersimpan.get(_pk_lama(r, s))
        if t is not None and t.sama_dengan(r, s):
            tandai(s, t.hasil)
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
            t.potret = services.nilai_potret_penilaian(t.nilai, pita=t.pita, lembar=lembar)
        r.penilaian[s.tahun] = p
        _isi_penilaian(p, s)
        p.diubah_oleh, p.diubah_pada = jejak.pengguna, jejak.waktu
    massal.sisip_objek(Penilaian, baru)
    _tulis_isian(tulis)
    ditimpa = [t.pk for _, _, t in tulis if t is not None]
    NumerikPenilaian.objects.filter(penilaian__in=ditimpa).delete()
    numerik = {id(s): _lembar_numerik(r, s) for r, s, _ in tulis}
    kolom = ["penilaian_id", "unit_id", *rumus.NUMERIK_FIELDS]
    massal.sisip(
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
        tandai(s, _hasil(p))
        if t is None:
            jejak.catat(obj=p, tindakan="dibuat", sebelum={}, sesudah={})
            jumlah["penilaian_dibuat"] += 1
        elif jejak.catat(
            obj=p, tindakan="diubah", sebelum=t.potret, sesudah=_potret(p, s, numerik)
        ):
            p.versi += 1
            jumlah["penilaian_diubah"] += 1
        else:  # the same inputs, scored again (the file changed the lokasi's luas SK)
            jumlah["penilaian_tetap"] += 1
    if gagal:
        _batalkan(rencana, gagal)
    # Every field: whatever services.hitung_ulang sets (now or later) is written.
    field_penilaian = [f.name for f in Penilaian._meta.concrete_fields if not f.primary_key]
    massal.perbarui(Penilaian, [r.penilaian[s.tahun] for r, s, _ in tulis], field_penilaian)


def _batalkan(rencana: Rencana, gagal: list[tuple[RencanaLokasi, Survei, Penilaian]]) -> None:
    """Report the surveys the stored rows do not score, by cell, and roll everything back.

    The check before writing does not score (that is done once, after writing); a file that
    passed the preview only gets here when the database changed in between (a lokasi's header
    numbers that blank cells fall back on, the kab/kota's category).
    """
    laporan = rencana.laporan
    for r, s, p in gagal:
        hasil = skor(
            s, kategori_kota=rencana.kabupaten_kota.kategori, luas_sk_ha=r.lokasi.luas_sk_ha
        )
        if isinstance(hasil, list) and hasil:
            laporan.masalah += hasil
        else:  # the rules' own reading of the stored rows
            laporan.masalah += [
                s.baris[0].masalah(None, f"{k['field']}: {k['pesan']}") for k in p.kekurangan
            ]
    laporan.masalah.sort(key=urutan)
    laporan.jumlah = jumlah_rencana(rencana)
    raise _Batal(laporan)


_FIELD_HASIL_BANDING = [f.name for f in fields(Hasil)]


def _hasil(p: Penilaian | dict) -> Hasil:
    """A stored survey's results, as the flags compare them."""
    d = p if isinstance(p, dict) else {f: getattr(p, f) for f in _FIELD_HASIL_BANDING}
    return Hasil(**{f: d[f] if d[f] != "" else None for f in _FIELD_HASIL_BANDING})


@dataclass
class _Tersimpan:
    """An existing draft as plain values (its criteria and sheets too, not loaded as objects):
    enough to compare it with the file and to write its history; `objek` is written back."""

    pk: int
    nilai: dict[str, Any]
    pita: dict[str, str]
    lembar: dict[int | None, dict[str, Any]]
    objek: Penilaian
    persen: dict[str, Decimal] = field(default_factory=dict)
    potret: dict[str, Any] = field(default_factory=dict)

    @property
    def hasil(self) -> Hasil:
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
            and self.persen == _persen(s)
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
    for pk, kode, pita, persen in isian.values_list("penilaian_id", "kode", "pita", "persen"):
        hasil[pk].pita[kode] = pita
        if persen is not None:
            hasil[pk].persen[kode] = persen
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
        if "penduduk_laki_laki" in b.nilai:
            lokasi.penduduk_tanpa_rincian = None  # the split now known replaces a bare total


def _penduduk_unit(unit: UnitSurvei, b: Baris) -> None:
    """A split given replaces a bare total; a total alone is kept as such on a unit without a
    split (a unit with one keeps it: nilai._lembar_numerik refuses a total contradicting it)."""
    if "penduduk_laki_laki" in b.nilai:
        unit.penduduk_tanpa_rincian = None
    elif unit.penduduk_laki_laki is None and "jumlah_penduduk" in b.nilai:
        unit.penduduk_tanpa_rincian = b.nilai["jumlah_penduduk"]


def _kawasan_dari_unit(lokasi: Lokasi, unit: list[UnitSurvei]) -> None:
    for nama in lokasi_services.ANGKA_DARI_UNIT:
        if nama.startswith("penduduk_"):
            continue  # below: a split only when every unit has one
        sumber = KEPALA_UNIT.get(nama, nama)
        setattr(lokasi, nama, sum(getattr(u, sumber) for u in unit))
    lokasi_services.penduduk_kawasan(lokasi, unit)
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
    """16 criteria per new survey; an overwritten draft's bands and percentages set from the
    file (a criterion the file leaves to Format Numerik loses its old band, one given as a band
    its old percentage; photos and notes stay)."""
    baris = []
    per_pita: dict[tuple[str, str, Decimal | None], list[int]] = defaultdict(list)
    kolom = ["penilaian_id", "kode", "pita", "persen", "foto", "keterangan"]
    for r, s, t in tulis:
        p, pita, persen = r.penilaian[s.tahun], s.pita, _persen(s)
        if t is None:
            baris += [
                (p.pk, kode, pita.get(kode, ""), persen.get(kode), "", "")
                for kode in rumus.KODE_KRITERIA
            ]
            continue
        for kode in rumus.KODE_KRITERIA:
            lama = (t.pita.get(kode, ""), t.persen.get(kode))
            baru = (pita.get(kode, ""), persen.get(kode))
            if lama != baru:
                per_pita[(kode, *baru)].append(p.pk)
    massal.sisip(IsianKriteria, kolom, baris)
    for (kode, pita, persen), pk in per_pita.items():
        isian = IsianKriteria.objects.filter(kode=kode)
        massal.perbarui_potongan(isian, "penilaian_id", pk, pita=pita, persen=persen)


_TEMPAT_PERSEN = Decimal(1).scaleb(-IsianKriteria._meta.get_field("persen").decimal_places)


def _persen(s: Survei) -> dict[str, Decimal]:
    """The file's percentages as IsianKriteria.persen stores them (so equal ones compare so)."""
    return {k: v.quantize(_TEMPAT_PERSEN, ROUND_HALF_UP) for k, v in s.persen.items()}


def _unit_id(r: RencanaLokasi, b: Baris) -> int | None:
    if not b.per_unit:
        return None
    unit = r.unit[r.unit_baris[b.tempat]].unit
    return unit.pk if unit is not None else None


def _potret_lokasi(lokasi: Lokasi, kelurahan: str) -> dict[str, Any]:
    """The raw values of lokasi.services.potret_lokasi (its tipologi aside: an import never
    changes it), with the kelurahan named from memory."""
    nilai = riwayat.nilai_potret(lokasi, lokasi_services.FIELD_RIWAYAT)
    return nilai | {"kelurahan/desa": kelurahan}


def _potret(p: Penilaian, s: Survei, numerik: dict[int, list[NumerikPenilaian]]) -> dict:
    """The raw values of services.potret_penilaian of a survey just written."""
    lembar = [(n.unit, n.nilai()) for n in numerik[id(s)]]
    return services.nilai_potret_penilaian(p, pita=s.pita, lembar=lembar)
