"""Writes of the stakeholder registry, the Pokja/Forum PKP and their meetings.

Every write checks the right again (defence in depth), records history through
`lokasi.riwayat` and, for records with `versi`, refuses a save that another user overtook.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils.translation import gettext as _

from kolaborasi.akses import wajib_isi, wajib_putuskan
from kolaborasi.models import (
    Keanggotaan,
    Kehadiran,
    KeputusanPertemuan,
    LampiranPertemuan,
    LembagaPKP,
    PemangkuKepentingan,
    Pertemuan,
)
from kolaborasi.pemangku import jadwal
from lokasi import riwayat
from lokasi.models import Pengguna

FIELD_PEMANGKU = [
    "nama", "jenis", "kompetensi_psu", "kompetensi_sosial", "kompetensi_ekonomi",
    "dasar_nomor", "dasar_tanggal", "alamat", "kontak_nama", "kontak_jabatan", "telepon",
    "email", "catatan", "aktif",
]  # fmt: skip
FIELD_LEMBAGA = [
    "jenis", "nomor_sk", "tanggal_sk", "dokumen_sk", "masa_mulai", "masa_selesai",
    "rencana_kerja", "rencana_mulai", "rencana_selesai", "anggaran_operasional",
    "tahun_anggaran",
]  # fmt: skip
FIELD_PERTEMUAN = [
    "jenis", "lembaga", "tanggal", "tempat", "agenda", "sumber_informasi", "temuan", "ringkasan",
]  # fmt: skip


def _simpan_terkunci[M: Model](
    obj: M, *, pengguna: Pengguna, versi_awal: int | None, fields: list[str], jenis: str
) -> M:
    """Create or update a `Tercatat` record with its history; refuse an overtaken save."""
    model = type(obj)
    obj.diubah_oleh = pengguna
    if obj.pk is None:
        obj.dibuat_oleh = pengguna
        obj.versi = 1
        obj.save()
        riwayat.catat(
            obj=obj, pengguna=pengguna, tindakan="dibuat", sebelum={},
            sesudah=riwayat.potret(obj, fields),
        )  # fmt: skip
        return obj
    sebelum = riwayat.potret(model.objects.get(pk=obj.pk), fields)
    # Compare-and-set on the version: a concurrent save makes this update match no row.
    if not model.objects.filter(pk=obj.pk, versi=versi_awal).update(versi=F("versi") + 1):
        raise riwayat.KonflikPerubahan(
            model.objects.select_related("diubah_oleh").get(pk=obj.pk), jenis
        )
    obj.versi = (versi_awal or 0) + 1
    obj.save()
    riwayat.catat(
        obj=obj, pengguna=pengguna, tindakan="diubah", sebelum=sebelum,
        sesudah=riwayat.potret(obj, fields),
    )  # fmt: skip
    return obj


# --- pemangku kepentingan -----------------------------------------------------------------------


def cek_pemangku(pemangku: PemangkuKepentingan) -> None:
    """Refuse a lembaga kemasyarakatan without the number of its Keputusan Camat/Lurah."""
    if pemangku.jenis == "lembaga_kemasyarakatan" and not pemangku.dasar_nomor.strip():
        raise ValidationError(
            {
                "dasar_nomor": _(
                    "Lembaga kemasyarakatan dibentuk dengan Keputusan Camat/Lurah: isi nomor "
                    "keputusannya."
                )
            }
        )


@transaction.atomic
def pemangku_simpan(
    *, pemangku: PemangkuKepentingan, pengguna: Pengguna, versi_awal: int | None
) -> PemangkuKepentingan:
    """Create or update a stakeholder; refuse when it changed since `versi_awal` was read."""
    wajib_isi(pengguna, pemangku.kabupaten_kota)
    cek_pemangku(pemangku)
    if pemangku.pk and not pemangku.internal:
        # Else turning a member into an external party would slip it into the Pokja.
        pokja = pemangku.keanggotaan.filter(lembaga__jenis=LembagaPKP.Jenis.POKJA)
        if pokja.exists():
            raise ValidationError(
                {
                    "jenis": _(
                        "%(nama)s masih anggota Pokja PKP, yang hanya beranggotakan unsur "
                        "internal: keluarkan dulu dari Pokja sebelum mengubahnya menjadi "
                        "pemangku eksternal."
                    )
                    % {"nama": pemangku.nama}
                }
            )
    return _simpan_terkunci(
        pemangku, pengguna=pengguna, versi_awal=versi_awal, fields=FIELD_PEMANGKU,
        jenis=_("pemangku kepentingan"),
    )  # fmt: skip


# --- Pokja PKP and Forum PKP --------------------------------------------------------------------


def cek_lembaga(lembaga: LembagaPKP) -> None:
    """Refuse a rencana kerja shorter than a year or ending before it starts (001:71)."""
    galat = {}
    if lembaga.rencana_mulai and lembaga.rencana_selesai:
        if not jadwal.rencana_cukup(lembaga.rencana_mulai, lembaga.rencana_selesai):
            galat["rencana_selesai"] = _(
                "Rencana kerja Pokja/Forum paling sedikit 1 (satu) tahun: selesai paling cepat "
                "sehari sebelum ulang tahun tanggal mulai."
            )
    elif lembaga.rencana_mulai or lembaga.rencana_selesai:
        galat["rencana_selesai"] = _("Isi tanggal mulai dan selesai rencana kerja keduanya.")
    if lembaga.masa_mulai and lembaga.masa_selesai and lembaga.masa_selesai < lembaga.masa_mulai:
        galat["masa_selesai"] = _("Masa tugas selesai tidak boleh sebelum mulai.")
    if galat:
        raise ValidationError(galat)


@transaction.atomic
def lembaga_simpan(
    *, lembaga: LembagaPKP, pengguna: Pengguna, versi_awal: int | None
) -> LembagaPKP:
    """Create or update a Pokja/Forum PKP; refuse when it changed since `versi_awal`."""
    wajib_putuskan(pengguna, lembaga.kabupaten_kota)
    cek_lembaga(lembaga)
    if lembaga.pk and lembaga.jenis == LembagaPKP.Jenis.POKJA:
        _cek_anggota_internal(lembaga.anggota.select_related("pemangku"))
    return _simpan_terkunci(
        lembaga, pengguna=pengguna, versi_awal=versi_awal, fields=FIELD_LEMBAGA,
        jenis=_("Pokja/Forum PKP"),
    )  # fmt: skip


def _cek_anggota_internal(anggota: Iterable[Keanggotaan]) -> None:
    luar = [a.pemangku.nama for a in anggota if not a.pemangku.internal]
    if luar:
        raise ValidationError(
            _(
                "Anggota Pokja PKP hanya dari unsur internal Pemda (Perangkat Daerah, BUMD, "
                "lembaga kemasyarakatan); %(nama)s adalah pemangku eksternal."
            )
            % {"nama": ", ".join(luar)}
        )


def _catat_anggota(lembaga: LembagaPKP, pengguna: Pengguna, tindakan: str, a: Keanggotaan):
    teks = f"{a.nama} — {a.jabatan} ({a.pemangku.nama})"
    riwayat.catat(
        obj=lembaga, pengguna=pengguna, tindakan=tindakan,
        sebelum={_("anggota"): teks if tindakan == "anggota dikeluarkan" else ""},
        sesudah={_("anggota"): teks if tindakan == "anggota ditambah" else ""},
    )  # fmt: skip


@transaction.atomic
def anggota_tambah(
    *,
    lembaga: LembagaPKP,
    pengguna: Pengguna,
    pemangku: PemangkuKepentingan,
    nama: str,
    jabatan: str,
    jabatan_asal: str = "",
    mulai: date | None = None,
    selesai: date | None = None,
) -> Keanggotaan:
    """Add a member; a Pokja PKP takes internal stakeholders only (000:72)."""
    wajib_putuskan(pengguna, lembaga.kabupaten_kota)
    if pemangku.kabupaten_kota_id != lembaga.kabupaten_kota_id:
        raise ValidationError(_("Unsur anggota harus pemangku kepentingan kabupaten/kota ini."))
    if lembaga.jenis == LembagaPKP.Jenis.POKJA and not pemangku.internal:
        raise ValidationError(
            _(
                "%(nama)s adalah pemangku eksternal (%(jenis)s): anggota Pokja PKP hanya dari "
                "unsur internal Pemda (Perangkat Daerah, BUMD, lembaga kemasyarakatan). Pihak "
                "luar bergabung lewat Forum PKP."
            )
            % {"nama": pemangku.nama, "jenis": pemangku.get_jenis_display()}
        )
    if mulai and selesai and selesai < mulai:
        raise ValidationError(_("Keanggotaan selesai tidak boleh sebelum mulai."))
    anggota = Keanggotaan.objects.create(
        lembaga=lembaga, pemangku=pemangku, nama=nama, jabatan=jabatan,
        jabatan_asal=jabatan_asal, mulai=mulai, selesai=selesai,
    )  # fmt: skip
    _catat_anggota(lembaga, pengguna, "anggota ditambah", anggota)
    return anggota


@transaction.atomic
def anggota_hapus(*, anggota: Keanggotaan, pengguna: Pengguna) -> None:
    """Remove a member (attendance rows keep the name they were recorded with)."""
    lembaga = anggota.lembaga
    wajib_putuskan(pengguna, lembaga.kabupaten_kota)
    _catat_anggota(lembaga, pengguna, "anggota dikeluarkan", anggota)
    anggota.delete()


# --- pertemuan ----------------------------------------------------------------------------------


def cek_pertemuan(pertemuan: Pertemuan) -> None:
    """Refuse a Pokja meeting held by the Forum (or the other way round) or another city's."""
    lembaga = pertemuan.lembaga
    if lembaga is None:
        return
    if lembaga.kabupaten_kota_id != pertemuan.kabupaten_kota_id:
        raise ValidationError({"lembaga": _("Pokja/Forum harus milik kabupaten/kota ini.")})
    harus = {"pokja_rutin": LembagaPKP.Jenis.POKJA, "pokja_monitoring": LembagaPKP.Jenis.POKJA,
             "forum": LembagaPKP.Jenis.FORUM}.get(pertemuan.jenis)  # fmt: skip
    if harus and lembaga.jenis != harus:
        raise ValidationError(
            {
                "lembaga": _("%(jenis)s diadakan oleh %(harus)s, bukan %(lembaga)s.")
                % {
                    "jenis": pertemuan.get_jenis_display(),
                    "harus": LembagaPKP.Jenis(harus).label,
                    "lembaga": lembaga.get_jenis_display(),
                }
            }
        )


@transaction.atomic
def pertemuan_simpan(
    *, pertemuan: Pertemuan, pengguna: Pengguna, versi_awal: int | None
) -> Pertemuan:
    """Create or update a meeting; refuse when it changed since `versi_awal` was read."""
    wajib_isi(pengguna, pertemuan.kabupaten_kota)
    cek_pertemuan(pertemuan)
    return _simpan_terkunci(
        pertemuan, pengguna=pengguna, versi_awal=versi_awal, fields=FIELD_PERTEMUAN,
        jenis=_("pertemuan"),
    )  # fmt: skip


@transaction.atomic
def kehadiran_anggota(
    *, pertemuan: Pertemuan, pengguna: Pengguna, hadir: Iterable[Keanggotaan]
) -> None:
    """Record the lembaga's members as present (the chosen ones) or absent (the others)."""
    wajib_isi(pengguna, pertemuan.kabupaten_kota)
    if pertemuan.lembaga is None:
        raise ValidationError(_("Pertemuan ini tidak terkait Pokja/Forum: tambahkan peserta."))
    hadir_pk = {a.pk for a in hadir}
    ada = {k.anggota_id: k for k in pertemuan.kehadiran.filter(anggota__isnull=False)}
    baru, ubah = [], []
    for a in pertemuan.lembaga.anggota.select_related("pemangku"):
        if a.pk in ada:
            k = ada[a.pk]
            if k.hadir != (a.pk in hadir_pk):
                k.hadir = a.pk in hadir_pk
                ubah.append(k)
        else:
            baru.append(
                Kehadiran(
                    pertemuan=pertemuan,
                    anggota=a,
                    nama=a.nama,
                    instansi=a.pemangku.nama,
                    hadir=a.pk in hadir_pk,
                )
            )
    Kehadiran.objects.bulk_create(baru)
    Kehadiran.objects.bulk_update(ubah, ["hadir"])


def tamu_tambah(*, pertemuan: Pertemuan, pengguna: Pengguna, nama: str, instansi: str = ""):
    """Add a guest (not a member) who attended."""
    wajib_isi(pengguna, pertemuan.kabupaten_kota)
    return Kehadiran.objects.create(pertemuan=pertemuan, nama=nama, instansi=instansi)


def kehadiran_hapus(*, kehadiran: Kehadiran, pengguna: Pengguna) -> None:
    wajib_isi(pengguna, kehadiran.pertemuan.kabupaten_kota)
    kehadiran.delete()


@transaction.atomic
def keputusan_tambah(
    *,
    pertemuan: Pertemuan,
    pengguna: Pengguna,
    uraian: str,
    penanggung_jawab: str = "",
    tenggat: date | None = None,
) -> KeputusanPertemuan:
    """Record a decision or follow-up of the meeting, in the meeting's history too."""
    wajib_isi(pengguna, pertemuan.kabupaten_kota)
    keputusan = KeputusanPertemuan.objects.create(
        pertemuan=pertemuan, uraian=uraian, penanggung_jawab=penanggung_jawab, tenggat=tenggat
    )
    riwayat.catat(
        obj=pertemuan, pengguna=pengguna, tindakan="keputusan ditambah", sebelum={},
        sesudah={_("keputusan"): f"{uraian} — {penanggung_jawab or '–'}"},
    )  # fmt: skip
    return keputusan


@transaction.atomic
def keputusan_status(*, keputusan: KeputusanPertemuan, pengguna: Pengguna, status: str) -> None:
    """Mark a decision done or open again, in the meeting's history."""
    pertemuan = keputusan.pertemuan
    wajib_isi(pengguna, pertemuan.kabupaten_kota)
    if status not in KeputusanPertemuan.Status.values:
        raise ValidationError(_("Status keputusan tidak dikenal."))
    lama = keputusan.get_status_display()
    keputusan.status = status
    keputusan.save(update_fields=["status"])
    riwayat.catat(
        obj=pertemuan, pengguna=pengguna, tindakan="status keputusan",
        sebelum={keputusan.uraian[:60]: lama},
        sesudah={keputusan.uraian[:60]: keputusan.get_status_display()},
    )  # fmt: skip


def lampiran_tambah(*, pertemuan: Pertemuan, pengguna: Pengguna, judul: str, berkas):
    """Attach a file to the meeting."""
    wajib_isi(pengguna, pertemuan.kabupaten_kota)
    return LampiranPertemuan.objects.create(
        pertemuan=pertemuan, judul=judul, berkas=berkas, diunggah_oleh=pengguna
    )
