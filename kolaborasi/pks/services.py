"""Writes of pledges, PKS, stages and the Pokja's intervention criteria and scores.

Each function checks the right again (defence in depth), writes in one transaction and records
the change history through `lokasi.riwayat`, the one writer of history.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kolaborasi import aturan
from kolaborasi.akses import wajib_isi, wajib_putuskan
from kolaborasi.models import (
    Ikrar,
    Kegiatan,
    KriteriaIntervensi,
    NilaiIntervensi,
    PerjanjianKerjaSama,
    Pertemuan,
    TahapKolaborasi,
)
from kolaborasi.pks import kaidah
from lokasi import riwayat
from lokasi.models import Lokasi, Pengguna

FIELD_RIWAYAT_PKS = [
    "nomor",
    "tanggal",
    "pihak_pertama",
    "pemangku",
    "ruang_lingkup",
    "jenis_sumberdaya",
    "nilai",
    "volume",
    "mulai",
    "selesai",
    "dokumen",
    "status",
    "dilaporkan_pada",
]
FIELD_RIWAYAT_IKRAR = ["pemangku", "jenis_sumberdaya", "nilai", "uraian", "kegiatan", "pertemuan",
                       "tanggal"]  # fmt: skip
FIELD_RIWAYAT_TAHAP = ["mulai", "selesai", "bukti", "dokumen"]
JENIS_PERTEMUAN_POKJA = frozenset({"pokja_rutin", "pokja_monitoring"})


def potret_pks(pks: PerjanjianKerjaSama) -> dict[str, str]:
    """Return the PKS as its history shows it, with the kegiatan and lokasi it covers."""
    hasil = riwayat.potret(
        pks,
        FIELD_RIWAYAT_PKS,
        kegiatan=lambda: ", ".join(sorted(k.nama for k in pks.kegiatan.all())),
        lokasi=lambda: ", ".join(sorted(lok.nama for lok in pks.lokasi.all())),
    )
    hasil[str(PerjanjianKerjaSama._meta.get_field("status").verbose_name)] = (
        pks.get_status_display()
    )
    hasil[str(PerjanjianKerjaSama._meta.get_field("jenis_sumberdaya").verbose_name)] = (
        pks.get_jenis_sumberdaya_display()
    )
    return hasil


def _kunci(pks: PerjanjianKerjaSama, versi_awal: int | None) -> None:
    """Raise the version by compare-and-set; refuse when someone saved in between."""
    diperbarui = PerjanjianKerjaSama.objects.filter(pk=pks.pk, versi=versi_awal).update(
        versi=F("versi") + 1
    )
    if not diperbarui:
        raise riwayat.KonflikPerubahan(
            PerjanjianKerjaSama.objects.select_related("diubah_oleh").get(pk=pks.pk),
            _("perjanjian kerja sama"),
        )
    pks.versi = (versi_awal or 0) + 1


@transaction.atomic
def pks_simpan(
    *,
    pks: PerjanjianKerjaSama,
    pengguna: Pengguna,
    versi_awal: int | None,
    kegiatan: Iterable[Kegiatan],
    lokasi: Iterable[Lokasi],
) -> PerjanjianKerjaSama:
    """Create or update a PKS's data (not its status); refuse a concurrent change."""
    wajib_isi(pengguna, pks.kabupaten_kota)
    if aturan.jenis_internal(pks.pemangku.jenis):
        raise ValidationError(_("Pihak kedua harus pemangku kepentingan eksternal."))
    _wajib_kota_sama(pks.kabupaten_kota_id, kegiatan, lokasi)
    pks.diubah_oleh = pengguna
    baru = pks.pk is None
    if baru:
        sebelum: dict[str, str] = {}
        pks.dibuat_oleh = pengguna
        pks.versi = 1
        pks.status = "draf"
        pks.dilaporkan_pada = None
        pks.save()
    else:
        sebelum = potret_pks(PerjanjianKerjaSama.objects.get(pk=pks.pk))
        _kunci(pks, versi_awal)
        # Status and reporting change through their own steps, never through the data form.
        pks.save(update_fields=[f for f in _field_data() if f not in ("status", "dilaporkan_pada")])
    pks.kegiatan.set(kegiatan)
    pks.lokasi.set(lokasi)
    riwayat.catat(
        obj=pks,
        pengguna=pengguna,
        tindakan="dibuat" if baru else "diubah",
        sebelum=sebelum,
        sesudah=potret_pks(pks),
    )
    return pks


def _field_data() -> list[str]:
    return [*FIELD_RIWAYAT_PKS, "diubah_oleh", "diubah_pada", "versi"]


def _wajib_kota_sama(kabkota_id: int, kegiatan: Iterable[Kegiatan], lokasi: Iterable[Lokasi]):
    if any(k.kabupaten_kota_id != kabkota_id for k in kegiatan) or any(
        lok.kabupaten_kota_id != kabkota_id for lok in lokasi
    ):
        raise ValidationError(_("Kegiatan dan lokasi harus milik kabupaten/kota yang sama."))


@transaction.atomic
def pks_ubah_status(
    *, pks: PerjanjianKerjaSama, pengguna: Pengguna, status: str, versi_awal: int | None
) -> PerjanjianKerjaSama:
    """Move a PKS one step along its states (Pokja or Dinas admin decides)."""
    wajib_putuskan(pengguna, pks.kabupaten_kota)
    if not kaidah.boleh_pindah_pks(pks.status, status):
        raise ValidationError(
            _("Status %(dari)s tidak dapat diubah menjadi %(ke)s.")
            % {
                "dari": aturan.label(aturan.STATUS_PKS, pks.status),
                "ke": aturan.label(aturan.STATUS_PKS, status),
            }
        )
    if status == "ditandatangani" and pks.tanggal is None:
        raise ValidationError(_("Isi tanggal PKS sebelum menandainya ditandatangani."))
    sebelum = potret_pks(pks)
    _kunci(pks, versi_awal)
    pks.status = status
    pks.diubah_oleh = pengguna
    pks.save(update_fields=["status", "diubah_oleh", "diubah_pada", "versi"])
    riwayat.catat(
        obj=pks, pengguna=pengguna, tindakan=_("status diubah"), sebelum=sebelum,
        sesudah=potret_pks(pks),
    )  # fmt: skip
    return pks


@transaction.atomic
def pks_unggah_dokumen(
    *, pks: PerjanjianKerjaSama, pengguna: Pengguna, dokumen, versi_awal: int | None
) -> PerjanjianKerjaSama:
    """Attach the signed scan to a PKS at any state (it usually comes after signing)."""
    wajib_isi(pengguna, pks.kabupaten_kota)
    sebelum = potret_pks(pks)
    _kunci(pks, versi_awal)
    pks.dokumen = dokumen
    pks.diubah_oleh = pengguna
    pks.save(update_fields=["dokumen", "diubah_oleh", "diubah_pada", "versi"])
    riwayat.catat(
        obj=pks, pengguna=pengguna, tindakan=_("dokumen diunggah"), sebelum=sebelum,
        sesudah=potret_pks(pks),
    )  # fmt: skip
    return pks


def pertemuan_pokja(pks: PerjanjianKerjaSama):
    """Return the Pokja meetings of the PKS's city where it may be reported (on or after it)."""
    qs = Pertemuan.objects.filter(
        kabupaten_kota_id=pks.kabupaten_kota_id, jenis__in=JENIS_PERTEMUAN_POKJA
    )
    if pks.tanggal:
        qs = qs.filter(tanggal__gte=pks.tanggal)
    return qs.order_by("-tanggal", "-pk")


@transaction.atomic
def pks_lapor(
    *,
    pks: PerjanjianKerjaSama,
    pengguna: Pengguna,
    pertemuan: Pertemuan,
    versi_awal: int | None,
) -> PerjanjianKerjaSama:
    """Record the Pokja meeting where a signed PKS was reported (000:283)."""
    wajib_isi(pengguna, pks.kabupaten_kota)
    if (
        pertemuan.kabupaten_kota_id != pks.kabupaten_kota_id
        or pertemuan.jenis not in JENIS_PERTEMUAN_POKJA
    ):
        raise ValidationError(_("Pilih rapat Pokja PKP kabupaten/kota ini."))
    if not kaidah.boleh_lapor(
        status=pks.status, tanggal_pks=pks.tanggal, tanggal_rapat=pertemuan.tanggal
    ):
        raise ValidationError(
            _("PKS dilaporkan setelah ditandatangani, pada rapat yang tidak lebih awal dari "
              "tanggal PKS.")
        )  # fmt: skip
    sebelum = potret_pks(pks)
    _kunci(pks, versi_awal)
    pks.dilaporkan_pada = pertemuan
    pks.diubah_oleh = pengguna
    pks.save(update_fields=["dilaporkan_pada", "diubah_oleh", "diubah_pada", "versi"])
    riwayat.catat(
        obj=pks, pengguna=pengguna, tindakan=_("dilaporkan ke Pokja"), sebelum=sebelum,
        sesudah=potret_pks(pks),
    )  # fmt: skip
    return pks


@transaction.atomic
def ikrar_simpan(*, ikrar: Ikrar, pengguna: Pengguna) -> Ikrar:
    """Record a pledge of an external party (typically at a Forum PKP session)."""
    wajib_isi(pengguna, ikrar.kabupaten_kota)
    if aturan.jenis_internal(ikrar.pemangku.jenis):
        raise ValidationError(_("Ikrar dicatat dari pemangku kepentingan eksternal."))
    for terkait in (ikrar.pemangku, ikrar.kegiatan, ikrar.pertemuan):
        if terkait is not None and terkait.kabupaten_kota_id != ikrar.kabupaten_kota_id:
            raise ValidationError(_("Data terkait harus milik kabupaten/kota yang sama."))
    baru = ikrar.pk is None
    sebelum = {} if baru else riwayat.potret(Ikrar.objects.get(pk=ikrar.pk), FIELD_RIWAYAT_IKRAR)
    ikrar.save()
    riwayat.catat(
        obj=ikrar, pengguna=pengguna, tindakan="dibuat" if baru else "diubah", sebelum=sebelum,
        sesudah=riwayat.potret(ikrar, FIELD_RIWAYAT_IKRAR),
    )  # fmt: skip
    return ikrar


@transaction.atomic
def ikrar_hapus(*, ikrar: Ikrar, pengguna: Pengguna) -> None:
    """Delete a pledge recorded by mistake (its history entry keeps what it was)."""
    wajib_isi(pengguna, ikrar.kabupaten_kota)
    sebelum = riwayat.potret(ikrar, FIELD_RIWAYAT_IKRAR)
    # Blank "after" values: `catat` compares what the "after" snapshot holds.
    riwayat.catat(
        obj=ikrar, pengguna=pengguna, tindakan="dihapus", sebelum=sebelum,
        sesudah=dict.fromkeys(sebelum, ""),
    )  # fmt: skip
    ikrar.delete()


@transaction.atomic
def tahap_simpan(
    *,
    lokasi: Lokasi,
    pengguna: Pengguna,
    isian: Mapping[str, Mapping],
) -> list[TahapKolaborasi]:
    """Save the six stages of a lokasi from {tahap: {mulai, selesai, bukti, dokumen}}."""
    wajib_isi(pengguna, lokasi.kabupaten_kota)
    ada = {t.tahap: t for t in lokasi.tahap_kolaborasi.all()}
    hasil = []
    for kode in aturan.TAHAP:
        data = isian.get(kode)
        if data is None:
            continue
        tahap = ada.get(kode) or TahapKolaborasi(lokasi=lokasi, tahap=kode)
        sebelum = riwayat.potret(tahap, FIELD_RIWAYAT_TAHAP) if tahap.pk else {}
        tahap.mulai, tahap.selesai = data.get("mulai"), data.get("selesai")
        tahap.bukti = data.get("bukti") or ""
        if data.get("dokumen"):
            tahap.dokumen = data["dokumen"]
        kosong = not (tahap.mulai or tahap.selesai or tahap.bukti or tahap.dokumen)
        if tahap.pk is None and kosong:
            continue
        baru = tahap.pk is None
        tahap.save()
        riwayat.catat(
            obj=tahap, pengguna=pengguna, tindakan="dibuat" if baru else "diubah",
            sebelum=sebelum, sesudah=riwayat.potret(tahap, FIELD_RIWAYAT_TAHAP),
        )  # fmt: skip
        hasil.append(tahap)
    return hasil


@transaction.atomic
def kriteria_simpan(*, kriteria: KriteriaIntervensi, pengguna: Pengguna) -> KriteriaIntervensi:
    """Create or update one of the Pokja's intervention criteria."""
    wajib_putuskan(pengguna, kriteria.kabupaten_kota)
    field = ["nama", "uraian", "bobot", "nilai_maks", "urutan"]
    sebelum = (
        riwayat.potret(KriteriaIntervensi.objects.get(pk=kriteria.pk), field) if kriteria.pk else {}
    )
    baru = kriteria.pk is None
    kriteria.save()
    # A lower maximum makes higher stored scores meaningless: cap them.
    kriteria.nilai.filter(nilai__gt=kriteria.nilai_maks).update(nilai=kriteria.nilai_maks)
    riwayat.catat(
        obj=kriteria, pengguna=pengguna, tindakan="dibuat" if baru else "diubah",
        sebelum=sebelum, sesudah=riwayat.potret(kriteria, field),
    )  # fmt: skip
    return kriteria


@transaction.atomic
def kriteria_hapus(*, kriteria: KriteriaIntervensi, pengguna: Pengguna) -> None:
    """Delete a criterion with its scores."""
    wajib_putuskan(pengguna, kriteria.kabupaten_kota)
    kriteria.delete()


@transaction.atomic
def nilai_simpan(
    *,
    lokasi: Lokasi,
    pengguna: Pengguna,
    nilai: Mapping[KriteriaIntervensi, int | None],
) -> None:
    """Set the Pokja's scores of a lokasi; None removes a score."""
    wajib_putuskan(pengguna, lokasi.kabupaten_kota)
    for kriteria, angka in nilai.items():
        if kriteria.kabupaten_kota_id != lokasi.kabupaten_kota_id:
            raise ValidationError(_("Kriteria milik kabupaten/kota lain."))
        if angka is None:
            NilaiIntervensi.objects.filter(kriteria=kriteria, lokasi=lokasi).delete()
            continue
        if not 0 <= angka <= kriteria.nilai_maks:
            raise ValidationError(
                _("Nilai %(kriteria)s harus 0 sampai %(maks)s.")
                % {"kriteria": kriteria.nama, "maks": kriteria.nilai_maks}
            )
        NilaiIntervensi.objects.update_or_create(
            kriteria=kriteria, lokasi=lokasi, defaults={"nilai": angka, "dinilai_oleh": pengguna}
        )
