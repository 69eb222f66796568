"""Writes to the inventory that span models or must not silently overwrite another user's work."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import models, transaction
from django.db.models import F, ProtectedError, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lokasi import riwayat
from lokasi.akses import wajib_kelola_lokasi
from lokasi.models import (
    DokumenLokasi,
    FotoLokasi,
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Pengguna,
    Provinsi,
    TipologiLokasi,
    UnitSurvei,
)

# The kawasan's header numbers that come from its RT units when it has any (penilaian.md §7).
ANGKA_DARI_UNIT = (
    "luas_verifikasi_ha",
    "jumlah_bangunan",
    "penduduk_laki_laki",
    "penduduk_perempuan",
    "jumlah_kk",
    "panjang_jalan_ideal_m",
    "panjang_drainase_ideal_m",
)
_SUMBER_UNIT = {"luas_verifikasi_ha": "luas_ha"}
# What the change history of a lokasi records: every field a user can type.
FIELD_RIWAYAT = [
    "kode",
    "nama",
    "rt_rw",
    "luas_sk_ha",
    "lintang",
    "bujur",
    "batas",
    "permasalahan",
    "potensi",
    *ANGKA_DARI_UNIT,
]


def potret_lokasi(lokasi: Lokasi) -> dict[str, str]:
    return riwayat.potret(
        lokasi,
        FIELD_RIWAYAT,
        **{
            "kelurahan/desa": lambda: ", ".join(sorted(k.nama for k in lokasi.kelurahan.all())),
            "tipologi": lambda: ", ".join(sorted(lokasi.daftar_tipologi)),
        },
    )


@transaction.atomic
def lokasi_simpan(
    *,
    lokasi: Lokasi,
    pengguna: Pengguna,
    versi_awal: int | None,
    kelurahan: Iterable,
    tipologi: Iterable[str],
    foto_baru=None,
) -> Lokasi:
    """Create or update a lokasi; refuse when it changed since `versi_awal` was read."""
    wajib_kelola_lokasi(pengguna, lokasi.kabupaten_kota)
    lokasi.diubah_oleh = pengguna
    baru = lokasi.pk is None
    if baru:
        sebelum: dict[str, str] = {}
        lokasi.dibuat_oleh = pengguna
        lokasi.versi = 1
        lokasi.save()
    else:
        sebelum = potret_lokasi(Lokasi.objects.get(pk=lokasi.pk))
        # Compare-and-set on the version: a concurrent save makes this update match no row.
        diperbarui = Lokasi.objects.filter(pk=lokasi.pk, versi=versi_awal).update(
            versi=F("versi") + 1
        )
        if not diperbarui:
            raise riwayat.KonflikPerubahan(
                Lokasi.objects.select_related("diubah_oleh").get(pk=lokasi.pk), "lokasi"
            )
        lokasi.versi = versi_awal + 1
        lokasi.save()
    lokasi.kelurahan.set(kelurahan)
    _set_tipologi(lokasi, tipologi)
    if foto_baru:
        FotoLokasi.objects.create(lokasi=lokasi, berkas=foto_baru, diunggah_oleh=pengguna)
    if lokasi.unit_survei.exists():
        hitung_ulang_dari_unit(lokasi)
    riwayat.catat(
        obj=lokasi,
        pengguna=pengguna,
        tindakan="dibuat" if baru else "diubah",
        sebelum=sebelum,
        sesudah=potret_lokasi(lokasi),
    )
    return lokasi


def _set_tipologi(lokasi: Lokasi, tipologi: Iterable[str]) -> None:
    baru = set(tipologi)
    lama = set(lokasi.tipologi_set.values_list("kode", flat=True))
    lokasi.tipologi_set.filter(kode__in=lama - baru).delete()
    TipologiLokasi.objects.bulk_create(
        [TipologiLokasi(lokasi=lokasi, kode=k) for k in sorted(baru - lama)]
    )


def hitung_ulang_dari_unit(lokasi: Lokasi) -> None:
    """Set the kawasan's numbers and RT/RW to the sums of its units (never averages)."""
    units = list(lokasi.unit_survei.select_related("kelurahan"))
    if not units:
        return
    jumlah = lokasi.unit_survei.aggregate(
        **{f: Sum(_SUMBER_UNIT.get(f, f)) for f in ANGKA_DARI_UNIT}
    )
    for field, nilai in jumlah.items():
        setattr(lokasi, field, nilai)
    penduduk_kawasan(lokasi, units)
    lokasi.rt_rw = ringkas_rt_rw((u.rt, u.rw) for u in units)
    lokasi.save(update_fields=[*ANGKA_DARI_UNIT, "penduduk_tanpa_rincian", "rt_rw"])
    lokasi.kelurahan.add(*{u.kelurahan_id for u in units})


def penduduk_kawasan(lokasi: Lokasi, units: Iterable[UnitSurvei]) -> None:
    """Set a kawasan's population from its units: the split when every unit has one, else the
    total alone (a sum of some units' split would understate it; issue 10 item 11)."""
    units = list(units)
    if all(u.penduduk_laki_laki is not None and u.penduduk_perempuan is not None for u in units):
        lokasi.penduduk_laki_laki = sum(u.penduduk_laki_laki for u in units)
        lokasi.penduduk_perempuan = sum(u.penduduk_perempuan for u in units)
        lokasi.penduduk_tanpa_rincian = None
    else:
        lokasi.penduduk_laki_laki = lokasi.penduduk_perempuan = None
        lokasi.penduduk_tanpa_rincian = sum(u.jumlah_penduduk for u in units)


def ringkas_rt_rw(pasangan: Iterable[tuple[str, str]]) -> str:
    """Write units as the SK writes them: `RT 001, 002 / RW 003; RT 004 / RW 005`."""
    per_rw: dict[str, list[str]] = defaultdict(list)
    for rt, rw in pasangan:
        if rt not in per_rw[rw]:
            per_rw[rw].append(rt)
    bagian = []
    for rw in sorted(per_rw, key=_urut_angka):
        rts = ", ".join(sorted(per_rw[rw], key=_urut_angka))
        bagian.append(f"RT {rts} / RW {rw}")
    return "; ".join(bagian)


def _urut_angka(teks: str) -> tuple[int, str]:
    return (int(teks), teks) if teks.isdecimal() else (10**6, teks)


@transaction.atomic
def unit_simpan(
    *, unit: UnitSurvei, pengguna: Pengguna, versi_awal: int | None = None
) -> UnitSurvei:
    """Save one RT unit and bring its kawasan's sums up to date in the same transaction.

    A change of a stored unit is refused (riwayat.KonflikPerubahan) when the unit changed or
    went since `versi_awal` was read; `None` skips the check (demo data, scripts).
    """
    lokasi = Lokasi.objects.select_for_update().get(pk=unit.lokasi_id)
    wajib_kelola_lokasi(pengguna, lokasi.kabupaten_kota)
    if unit.pk is not None and versi_awal is not None:
        # Compare-and-set, as lokasi_simpan: a concurrent save makes this match no row.
        if not UnitSurvei.objects.filter(pk=unit.pk, versi=versi_awal).update(versi=F("versi") + 1):
            raise riwayat.KonflikPerubahan(_lokasi_dengan_pengubah(lokasi), _("unit %s") % unit)
        unit.versi = versi_awal + 1
    elif unit.pk is not None:
        unit.versi = F("versi") + 1
    sebelum = potret_lokasi(lokasi)
    tindakan = f"unit {unit} " + ("ditambahkan" if unit.pk is None else "diubah")
    unit.save()
    if isinstance(unit.versi, F):
        unit.refresh_from_db(fields=["versi"])
    _setelah_unit_berubah(lokasi, pengguna, tindakan, sebelum)
    return unit


def _lokasi_dengan_pengubah(lokasi: Lokasi) -> Lokasi:
    # Every unit change is recorded on its lokasi (diubah_oleh, diubah_pada, history), so the
    # kawasan's last changer is the one the refused user has to talk to.
    return Lokasi.objects.select_related("diubah_oleh").get(pk=lokasi.pk)


def _setelah_unit_berubah(lokasi: Lokasi, pengguna: Pengguna, tindakan: str, sebelum) -> None:
    hitung_ulang_dari_unit(lokasi)
    Lokasi.objects.filter(pk=lokasi.pk).update(
        versi=F("versi") + 1, diubah_oleh=pengguna, diubah_pada=timezone.now()
    )
    riwayat.catat(
        obj=lokasi,
        pengguna=pengguna,
        tindakan=tindakan,
        sebelum=sebelum,
        sesudah=potret_lokasi(lokasi),
    )


class UnitDipakai(Exception):
    """An RT unit that survey data refers to: deleting it would take the survey's sheets."""


def penghalang_hapus(obj: models.Model) -> dict[str, int]:
    """Return {what: how many} of the records that protect `obj` from deletion.

    Read from the model's reverse relations (PROTECT/RESTRICT), so lokasi names no app above
    it: a survey's numerik sheets (penilaian) protect their RT unit this way.
    """
    hasil = {}
    for rel in obj._meta.related_objects:
        if rel.on_delete not in (models.PROTECT, models.RESTRICT) or rel.many_to_many:
            continue
        jumlah = rel.related_model._base_manager.filter(**{rel.field.name: obj}).count()
        if jumlah:
            hasil[str(rel.related_model._meta.verbose_name_plural)] = jumlah
    return hasil


def _pesan_dipakai(unit: UnitSurvei, penghalang: dict[str, int]) -> str:
    rincian = ", ".join(f"{n} {nama}" for nama, n in penghalang.items())
    return _(
        "Unit %(unit)s tidak dapat dihapus: datanya dipakai oleh %(rincian)s penilaian. Unit "
        "hanya dihapus bila salah dimasukkan dan belum disurvei; ubah angkanya bila perlu."
    ) % {"unit": unit, "rincian": rincian}


@transaction.atomic
def unit_hapus(*, unit: UnitSurvei, pengguna: Pengguna) -> None:
    """Remove a unit entered by mistake; the kawasan's sums follow.

    Refused (UnitDipakai, with the reason) while survey data refers to the unit.
    """
    lokasi = Lokasi.objects.select_for_update().get(pk=unit.lokasi_id)
    wajib_kelola_lokasi(pengguna, lokasi.kabupaten_kota)
    if penghalang := penghalang_hapus(unit):
        raise UnitDipakai(_pesan_dipakai(unit, penghalang))
    sebelum = potret_lokasi(lokasi)
    nama = str(unit)
    try:
        with transaction.atomic():
            unit.delete()
    except ProtectedError as e:  # a sheet that arrived after the check above
        jumlah: dict[str, int] = defaultdict(int)
        for obj in e.protected_objects:
            jumlah[str(obj._meta.verbose_name_plural)] += 1
        raise UnitDipakai(_pesan_dipakai(unit, jumlah)) from e
    _setelah_unit_berubah(lokasi, pengguna, f"unit {nama} dihapus", sebelum)


def foto_tambah(*, lokasi: Lokasi, pengguna: Pengguna, berkas, keterangan: str = "") -> FotoLokasi:
    wajib_kelola_lokasi(pengguna, lokasi.kabupaten_kota)
    return FotoLokasi.objects.create(
        lokasi=lokasi, berkas=berkas, keterangan=keterangan, diunggah_oleh=pengguna
    )


def dokumen_tambah(
    *, lokasi: Lokasi, pengguna: Pengguna, berkas, jenis: str, judul: str
) -> DokumenLokasi:
    wajib_kelola_lokasi(pengguna, lokasi.kabupaten_kota)
    return DokumenLokasi.objects.create(
        lokasi=lokasi, berkas=berkas, jenis=jenis, judul=judul, diunggah_oleh=pengguna
    )


@transaction.atomic
def wilayah_impor(*, baris: list) -> dict[str, tuple[int, int]]:
    """Create or update regions from parsed Kemendagri rows (parents come first).

    Return (created, updated) counts per level. A kab/kota's kategori is only set when the
    file gives one, so a re-import never resets a category the admin chose.
    """
    jumlah: dict[str, list[int]] = {}
    induk: dict[str, object] = {}
    for b in baris:
        if b.tingkat == "provinsi":
            model, nilai = Provinsi, {"nama": b.nama}
        elif b.tingkat == "kabupaten_kota":
            model, nilai = KabupatenKota, {"nama": b.nama, "jenis": b.jenis}
            nilai["provinsi"] = induk.get(b.kode_induk) or Provinsi.objects.get(kode=b.kode_induk)
            if b.kategori:
                nilai["kategori"] = b.kategori
        elif b.tingkat == "kecamatan":
            model, nilai = Kecamatan, {"nama": b.nama}
            nilai["kabupaten_kota"] = induk.get(b.kode_induk) or KabupatenKota.objects.get(
                kode=b.kode_induk
            )
        else:
            model, nilai = Kelurahan, {"nama": b.nama, "jenis": b.jenis}
            nilai["kecamatan"] = induk.get(b.kode_induk) or Kecamatan.objects.get(kode=b.kode_induk)
        obj, baru = model.objects.update_or_create(kode=b.kode, defaults=nilai)
        induk[b.kode] = obj
        hitung = jumlah.setdefault(b.tingkat, [0, 0])
        hitung[0 if baru else 1] += 1
    return {k: (v[0], v[1]) for k, v in jumlah.items()}


def kode_wilayah_tersedia() -> frozenset[str]:
    """Return every region code already stored (parents a partial code list may refer to)."""
    return frozenset(
        [
            *Provinsi.objects.values_list("kode", flat=True),
            *KabupatenKota.objects.values_list("kode", flat=True),
            *Kecamatan.objects.values_list("kode", flat=True),
        ]
    )
