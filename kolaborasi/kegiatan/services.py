"""Writes of kegiatan (fields, effects, funding, status) with their history, and the data the
remaining-volume check needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError, QuerySet, Sum
from django.utils.translation import gettext as _

from kolaborasi import aturan
from kolaborasi.akses import wajib_isi, wajib_putuskan
from kolaborasi.kegiatan import aturan_kegiatan
from kolaborasi.models import EfekKegiatan, Kegiatan, PemangkuKepentingan, PendanaanKegiatan
from lokasi import riwayat
from lokasi.models import Lokasi, Pengguna, UnitSurvei
from penilaian import rumus
from penilaian.models import Penilaian, Status
from penilaian.prioritas import penilaian_terakhir
from penilaian.services import masukan_dari

FIELDS_RIWAYAT = [
    "lokasi", "unit", "program", "nama", "sub_lingkup", "biaya", "penanggung_jawab",
    "dasar_dokumen", "catatan",
]  # fmt: skip
# Recorded as the page shows them: a choice by its label, a year without a thousands dot.
FIELDS_PILIHAN = ["ruang_lingkup", "pelaksana", "dasar", "status"]
FIELDS_TAHUN = ["tahun", "tahun_awal_rencana"]


@dataclass(frozen=True)
class Efek:
    """One effect row as the form gives it."""

    kriteria: str
    volume: Decimal
    lokasi: Lokasi
    unit: UnitSurvei | None = None


@dataclass(frozen=True)
class Dana:
    """One source's share as the form gives it."""

    sumber: str
    jumlah: Decimal
    pemangku: PemangkuKepentingan | None = None


def _teks_efek(efek: Iterable[EfekKegiatan | Efek]) -> str:
    baris = []
    for e in efek:
        tempat = f"{e.lokasi}" + (f", {e.unit}" if e.unit else "")
        satuan = rumus.KRITERIA_PER_KODE[e.kriteria].satuan
        baris.append(f"{e.kriteria}: {aturan_kegiatan.tampil_volume(e.volume)} {satuan} ({tempat})")
    return "; ".join(sorted(baris))


def _teks_dana(dana: Iterable[PendanaanKegiatan | Dana]) -> str:
    urutan = list(aturan.SUMBER_DANA)
    baris = sorted(dana, key=lambda d: urutan.index(d.sumber))
    return "; ".join(
        f"{aturan.SUMBER_DANA[d.sumber]}: {riwayat.teks(d.jumlah)}"
        + (f" ({d.pemangku})" if d.pemangku else "")
        for d in baris
    )


def potret_kegiatan(kegiatan: Kegiatan) -> dict[str, str]:
    """Snapshot the kegiatan's fields, effects and funding for its history."""
    efek = kegiatan.efek.select_related("lokasi", "unit") if kegiatan.pk else []
    dana = kegiatan.pendanaan.select_related("pemangku") if kegiatan.pk else []
    label = dict(riwayat.label_field(Kegiatan, (*FIELDS_PILIHAN, *FIELDS_TAHUN)))
    tambahan = {
        **{label[f]: getattr(kegiatan, f"get_{f}_display")() for f in FIELDS_PILIHAN},
        **{label[f]: str(getattr(kegiatan, f) or "") for f in FIELDS_TAHUN},
    }
    return riwayat.potret(
        kegiatan,
        FIELDS_RIWAYAT,
        **{k: (lambda v=v: v) for k, v in tambahan.items()},
        **{_("efek"): lambda: _teks_efek(efek), _("pendanaan"): lambda: _teks_dana(dana)},
    )


def _periksa(kegiatan: Kegiatan, efek: list[Efek], dana: list[Dana]) -> None:
    """Refuse what the form should already have refused (a service is called by others too)."""
    kota = kegiatan.kabupaten_kota_id
    galat = aturan_kegiatan.galat_pendanaan(kegiatan.biaya, {d.sumber: d.jumlah for d in dana})
    if galat:
        raise ValidationError({"biaya": galat})
    if kegiatan.lokasi_id and kegiatan.lokasi.kabupaten_kota_id != kota:
        raise ValidationError({"lokasi": _("Lokasi harus di kabupaten/kota kegiatan.")})
    if kegiatan.unit_id and kegiatan.unit.lokasi_id != kegiatan.lokasi_id:
        raise ValidationError({"unit": _("Unit RT harus unit dari lokasi kegiatan.")})
    pj = kegiatan.penanggung_jawab
    if pj is not None and pj.kabupaten_kota_id != kota:
        raise ValidationError({"penanggung_jawab": _("Penanggung jawab harus pemangku kota ini.")})
    if len({d.sumber for d in dana}) != len(dana):
        raise ValidationError(_("Satu sumber dana hanya boleh muncul sekali."))
    for e in efek:
        if e.lokasi.kabupaten_kota_id != kota:
            raise ValidationError(_("Lokasi efek harus di kabupaten/kota kegiatan."))
        if kegiatan.lokasi_id and e.lokasi.pk != kegiatan.lokasi_id:
            raise ValidationError(_("Efek kegiatan berlokasi harus di lokasi kegiatan itu."))
        if e.unit and e.unit.lokasi_id != e.lokasi.pk:
            raise ValidationError(_("Unit RT efek harus unit lokasi efek itu."))
    for d in dana:
        if d.pemangku and d.pemangku.kabupaten_kota_id != kota:
            raise ValidationError(_("Pemberi dana harus pemangku kabupaten/kota ini."))


@transaction.atomic
def kegiatan_simpan(
    *,
    kegiatan: Kegiatan,
    pengguna: Pengguna,
    versi_awal: int | None,
    efek: Iterable[Efek],
    pendanaan: Iterable[Dana],
) -> Kegiatan:
    """Create or update a kegiatan with its effects and funding (replaced as a whole).

    Refuse (riwayat.KonflikPerubahan) when it changed since `versi_awal` was read, and
    (ValidationError) funding that does not sum to the biaya.
    """
    wajib_isi(pengguna, kegiatan.kabupaten_kota)
    efek, pendanaan = list(efek), [d for d in pendanaan if d.jumlah]
    _periksa(kegiatan, efek, pendanaan)
    baru = kegiatan.pk is None
    kegiatan.diubah_oleh = pengguna
    if baru:
        sebelum: dict[str, str] = {}
        kegiatan.dibuat_oleh = pengguna
        kegiatan.versi = 1
        kegiatan.save()
    else:
        sebelum = potret_kegiatan(Kegiatan.objects.get(pk=kegiatan.pk))
        # Compare-and-set on the version: a concurrent save makes this update match no row.
        if not Kegiatan.objects.filter(pk=kegiatan.pk, versi=versi_awal).update(
            versi=F("versi") + 1
        ):
            raise riwayat.KonflikPerubahan(
                Kegiatan.objects.select_related("diubah_oleh").get(pk=kegiatan.pk),
                _("kegiatan"),
            )
        kegiatan.versi = versi_awal + 1
        kegiatan.save()
        kegiatan.pendanaan.all().delete()
    _ganti_efek(kegiatan, efek)
    PendanaanKegiatan.objects.bulk_create(
        PendanaanKegiatan(kegiatan=kegiatan, sumber=d.sumber, jumlah=d.jumlah, pemangku=d.pemangku)
        for d in pendanaan
    )
    riwayat.catat(
        obj=kegiatan,
        pengguna=pengguna,
        tindakan="dibuat" if baru else "diubah",
        sebelum=sebelum,
        sesudah=potret_kegiatan(kegiatan),
    )
    return kegiatan


def _ganti_efek(kegiatan: Kegiatan, efek: list[Efek]) -> None:
    """Replace the kegiatan's effects, keeping the rows of the same (lokasi, unit, kriteria).

    Kept, not recreated: later steps (monitoring's realised volumes) point at an effect row and
    protect it; only an effect really taken off is deleted, and refused while data points at it.
    """
    lama: dict[tuple[int, int | None, str], list[EfekKegiatan]] = {}
    for e in kegiatan.efek.select_related("lokasi").order_by("pk") if kegiatan.pk else []:
        lama.setdefault((e.lokasi_id, e.unit_id, e.kriteria), []).append(e)
    baru = []
    for e in efek:
        sama = lama.get((e.lokasi.pk, e.unit.pk if e.unit else None, e.kriteria))
        if sama:
            tetap = sama.pop(0)
            if tetap.volume != e.volume:
                tetap.volume = e.volume
                tetap.save(update_fields=["volume"])
        else:
            baru.append(
                EfekKegiatan(
                    kegiatan=kegiatan, kriteria=e.kriteria, volume=e.volume, lokasi=e.lokasi,
                    unit=e.unit,
                )
            )  # fmt: skip
    for sisa in (e for daftar in lama.values() for e in daftar):
        try:
            sisa.delete()
        except ProtectedError as galat:
            raise ValidationError(
                _("Efek %(k)s di %(l)s sudah dipakai data lain (misalnya realisasi pemantauan) "
                  "sehingga tidak dapat dihapus; ubah volumenya saja.")
                % {"k": sisa.kriteria, "l": sisa.lokasi}
            ) from galat  # fmt: skip
    EfekKegiatan.objects.bulk_create(baru)


class StatusBerubah(Exception):
    """The kegiatan's status moved (or it reached the end) since the user saw it."""


# Conditions of a status step, by the state stepped into: each returns an Indonesian refusal or
# None. Higher apps register theirs (monev: selesai needs realised volumes and evidence) so that
# kolaborasi needs no import of them.
SYARAT_LANGKAH: dict[str, list[Callable[[Kegiatan], str | None]]] = {}


def daftarkan_syarat(status: str, syarat: Callable[[Kegiatan], str | None]) -> None:
    """Register a condition of stepping into `status` (once, however often it is called)."""
    daftar = SYARAT_LANGKAH.setdefault(status, [])
    if syarat not in daftar:
        daftar.append(syarat)


@transaction.atomic
def kegiatan_lanjutkan(
    *, kegiatan: Kegiatan, pengguna: Pengguna, dari: str, periksa_syarat: bool = True
) -> Kegiatan:
    """Move the kegiatan one state on from `dari` (the state the user saw), with history.

    Refuse (ValidationError) a step whose registered conditions (SYARAT_LANGKAH) are not met;
    `periksa_syarat=False` only for demo history whose evidence is loaded afterwards.
    """
    wajib_putuskan(pengguna, kegiatan.kabupaten_kota)
    berikut = aturan.status_berikut(dari) if dari in aturan.STATUS_KEGIATAN else None
    if berikut is not None and periksa_syarat:
        alasan = [a for syarat in SYARAT_LANGKAH.get(berikut, []) if (a := syarat(kegiatan))]
        if alasan:
            raise ValidationError(alasan)
    if berikut is None or not Kegiatan.objects.filter(pk=kegiatan.pk, status=dari).update(
        status=berikut, versi=F("versi") + 1, diubah_oleh=pengguna
    ):
        raise StatusBerubah(
            _("Status kegiatan sudah berubah sejak halaman dibuka; muat ulang halaman.")
        )
    kegiatan.refresh_from_db()
    riwayat.catat(
        obj=kegiatan,
        pengguna=pengguna,
        tindakan=_("status"),
        sebelum={_("status"): aturan.STATUS_KEGIATAN[dari]},
        sesudah={_("status"): aturan.STATUS_KEGIATAN[berikut]},
    )
    return kegiatan


# --- remaining volume ----------------------------------------------------------------------


def dasar_survei(penilaian: Penilaian) -> dict[str, aturan_kegiatan.DasarSurvei]:
    """Read each criterion's volume from a survey as the SK does (bands have none)."""
    masukan = masukan_dari(penilaian)
    hasil = {}
    for k in rumus.KRITERIA:
        volume = None
        if k.kode not in masukan.pita:
            try:
                volume = rumus.volume(k, masukan.numerik)
            except (KeyError, ValueError, TypeError, ArithmeticError):
                volume = None
        hasil[k.kode] = aturan_kegiatan.DasarSurvei(tahun=penilaian.tahun, volume=volume)
    return hasil


def sisa_volume(kegiatan: Kegiatan) -> list[aturan_kegiatan.SisaVolume]:
    """Check the kegiatan's effects against its lokasi's remaining volume (constant queries)."""
    efek = list(kegiatan.efek.select_related("lokasi"))
    if not efek:
        return []
    rencana: dict[tuple[int, str], Decimal] = {}
    nama: dict[int, str] = {}
    for e in efek:
        kunci = (e.lokasi_id, e.kriteria)
        rencana[kunci] = rencana.get(kunci, Decimal(0)) + e.volume
        nama[e.lokasi_id] = e.lokasi.nama
    lokasi_ids = set(nama)
    survei = (
        penilaian_terakhir(
            Penilaian.objects.filter(lokasi__in=lokasi_ids),
            status=[Status.TERVERIFIKASI_PUSAT],
        )
        .select_related("lokasi__kabupaten_kota")
        .prefetch_related("isian", "numerik")
    )
    dasar = {(p.lokasi_id, kode): d for p in survei for kode, d in dasar_survei(p).items()}
    lain = (
        EfekKegiatan.objects.filter(lokasi__in=lokasi_ids, kriteria__in={k for _l, k in rencana})
        .exclude(kegiatan=kegiatan)
        .exclude(kegiatan__status="usulan")
        .values_list("lokasi_id", "kriteria", "kegiatan__tahun", "volume")
    )
    return aturan_kegiatan.periksa_sisa(
        rencana=rencana,
        nama_lokasi=nama,
        satuan={k.kode: k.satuan for k in rumus.KRITERIA},
        dasar=dasar,
        lain=lain,
    )


def peringatan_volume(kegiatan: Kegiatan) -> list[str]:
    """Return the remaining-volume messages worth showing (over the remainder, or unchecked)."""
    return [p.pesan for p in sisa_volume(kegiatan) if p.pesan]


def ringkasan_efek(efek: Iterable[EfekKegiatan]) -> str:
    return aturan_kegiatan.ringkas_efek((e.kriteria, e.volume, e.satuan) for e in efek)


def total_per_sumber(kegiatan: QuerySet[Kegiatan]) -> list[tuple[str, Decimal]]:
    """Sum the funding of a set of kegiatan by source, in the database, in SUMBER_DANA order."""
    baris = dict(
        PendanaanKegiatan.objects.filter(kegiatan__in=kegiatan.order_by().values("pk"))
        .order_by()
        .values("sumber")
        .annotate(total=Sum("jumlah"))
        .values_list("sumber", "total")
    )
    return [(label, baris[kode]) for kode, label in aturan.SUMBER_DANA.items() if kode in baris]
