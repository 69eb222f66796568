"""Writes of the peninjauan ulang: start a review of an issued SK, conclude it, the city's
Tabel 5 settings."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lokasi.models import Pengguna
from monev.akses import wajib_putuskan
from monev.models import PengaturanMonev, PeninjauanLokasi, PeninjauanUlang
from penilaian.models import SK, Penilaian
from penilaian.models.survei import STATUS_DISETUJUI
from penilaian.sk import services as services_sk

# Perwal (002:524-546): a peninjauan ulang at least every five years after the SK.
TAHUN_JATUH_TEMPO = 5


def jatuh_tempo(sk: SK) -> date | None:
    """Return the date the SK's review is due: its tanggal + 5 years (28 Feb for 29 Feb)."""
    if sk.tanggal is None:
        return None
    try:
        return sk.tanggal.replace(year=sk.tanggal.year + TAHUN_JATUH_TEMPO)
    except ValueError:
        return sk.tanggal.replace(year=sk.tanggal.year + TAHUN_JATUH_TEMPO, day=28)


@transaction.atomic
def peninjauan_buat(*, sk: SK, pengguna: Pengguna, tahun: int) -> PeninjauanUlang:
    """Start the review of an issued SK for year t+n: one PeninjauanLokasi per SK lokasi,
    each linked to the newest approved survey made after the one the SK froze."""
    wajib_putuskan(pengguna, sk.kabupaten_kota)
    if sk.status != SK.Status.DITETAPKAN:
        raise ValidationError(_("Hanya SK yang sudah ditetapkan yang dapat ditinjau ulang."))
    if tahun <= sk.tahun:
        raise ValidationError(
            {"tahun": _("Tahun peninjauan harus sesudah tahun SK (%(t)s).") % {"t": sk.tahun}}
        )
    if PeninjauanUlang.objects.filter(sk=sk, tahun=tahun).exists():
        raise ValidationError(
            {"tahun": _("Peninjauan ulang SK ini untuk tahun %(t)s sudah ada.") % {"t": tahun}}
        )
    peninjauan = PeninjauanUlang.objects.create(
        kabupaten_kota=sk.kabupaten_kota,
        sk=sk,
        tahun=tahun,
        tanggal=timezone.localdate(),
        dibuat_oleh=pengguna,
        diubah_oleh=pengguna,
    )
    sk_lokasi = list(sk.lokasi_beku.select_related("penilaian").order_by("nomor"))
    terbaru: dict[int, Penilaian] = {}
    kandidat = Penilaian.objects.filter(
        lokasi_id__in=[s.lokasi_id for s in sk_lokasi],
        status__in=STATUS_DISETUJUI,
        tahun__lte=tahun,
    ).order_by("lokasi_id", "-tahun", "-pk")
    for p in kandidat.only("pk", "lokasi_id", "tahun"):
        terbaru.setdefault(p.lokasi_id, p)
    PeninjauanLokasi.objects.bulk_create(
        PeninjauanLokasi(
            peninjauan=peninjauan,
            sk_lokasi=s,
            penilaian_baru=_lebih_baru(terbaru.get(s.lokasi_id), s.penilaian),
        )
        for s in sk_lokasi
    )
    return peninjauan


def _lebih_baru(p: Penilaian | None, awal: Penilaian) -> Penilaian | None:
    """A survey made after the frozen one (a later year, or the same year entered later)."""
    if p is None or p.pk == awal.pk or (p.tahun, p.pk) < (awal.tahun, awal.pk):
        return None
    return p


def peninjauan_selesai(*, peninjauan: PeninjauanUlang, pengguna: Pengguna) -> PeninjauanUlang:
    """Conclude the review (its results are then what the draft Keputusan reads)."""
    wajib_putuskan(pengguna, peninjauan.kabupaten_kota)
    if peninjauan.status == PeninjauanUlang.Status.SELESAI:
        raise ValidationError(_("Peninjauan ulang ini sudah selesai."))
    peninjauan.status = PeninjauanUlang.Status.SELESAI
    peninjauan.diubah_oleh = pengguna
    peninjauan.versi += 1
    peninjauan.save(update_fields=["status", "diubah_oleh", "diubah_pada", "versi"])
    return peninjauan


@transaction.atomic
def keputusan_buat(*, peninjauan: PeninjauanUlang, pengguna: Pengguna) -> SK:
    """Start the draft Keputusan hasil peninjauan ulang of a concluded review: a draft SK over
    the reviewed SK's lokasi that revokes it once issued (Perwal Pasal 40 ayat (6)).

    One per review: asking again returns the draft already made (a double click, a colleague).
    """
    peninjauan = PeninjauanUlang.objects.select_for_update().get(pk=peninjauan.pk)
    if peninjauan.keputusan_id is not None:
        return peninjauan.keputusan
    if peninjauan.status != PeninjauanUlang.Status.SELESAI:
        raise ValidationError(
            _("Nyatakan peninjauan ulang selesai dahulu; draf keputusan disusun dari hasilnya.")
        )
    sk = services_sk.sk_buat(
        pengguna=pengguna,
        tahun=peninjauan.tahun,
        menggantikan=peninjauan.sk,
        jenis=SK.Jenis.PENINJAUAN,
    )
    peninjauan.keputusan = sk
    peninjauan.save(update_fields=["keputusan"])
    return sk


def pengaturan_simpan(
    *, pengguna: Pengguna, kabupaten_kota, bacaan_kontribusi: str, catatan_kaki: str
) -> PengaturanMonev:
    """Save the city's reading of the kontribusi footnote and the footnote it prints."""
    wajib_putuskan(pengguna, kabupaten_kota)
    if bacaan_kontribusi not in PengaturanMonev.Bacaan.values:
        raise ValidationError({"bacaan_kontribusi": _("Pilihan bacaan tidak dikenal.")})
    pengaturan, _dibuat = PengaturanMonev.objects.update_or_create(
        kabupaten_kota=kabupaten_kota,
        defaults={"bacaan_kontribusi": bacaan_kontribusi, "catatan_kaki": catatan_kaki},
    )
    return pengaturan
