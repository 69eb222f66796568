"""Writes of surveys: recompute results from inputs, keep history, refuse stale saves, workflow."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lokasi import riwayat
from lokasi.models import Lokasi, Pengguna, UnitSurvei
from penilaian import akses, hasil_survei, rumus
from penilaian.models import (
    FIELD_ISIAN,
    IsianKriteria,
    LangkahAlur,
    NumerikPenilaian,
    Penilaian,
    Status,
)
from penilaian.models.survei import YANG_ADA, label_yang_ada

FIELD_RIWAYAT = [*FIELD_ISIAN, "nilai_kekumuhan", "tingkat_kekumuhan", "klasifikasi", "prioritas"]


@dataclass(frozen=True)
class Isian:
    """Everything the survey form collects, as plain values (see forms.PenilaianForm)."""

    data: Mapping[str, object]  # Penilaian model fields
    pita: Mapping[str, str]  # kode → band ("" = from numerik)
    numerik: Mapping[int | None, Mapping[str, Decimal | None]]  # unit pk (None: kawasan) → values
    # kode → {IsianKriteria field: value}: the "yang ada" checklist and the note, not scored
    lain: Mapping[str, Mapping[str, object]] = field(default_factory=dict)


# --- computing -------------------------------------------------------------------------------


def masukan_dari(penilaian: Penilaian) -> rumus.MasukanPenilaian:
    """Build the rules' input from a stored survey (its isian and numerik rows)."""
    return susun_masukan(
        penilaian,
        pita={i.kode: i.pita for i in penilaian.isian.all() if i.pita},
        numerik={b.unit_id: b.nilai() for b in penilaian.numerik.all()},
    )


def susun_masukan(
    penilaian: Penilaian,
    *,
    pita: Mapping[str, str],
    numerik: Mapping[int | None, Mapping[str, Decimal | None]],
) -> rumus.MasukanPenilaian:
    """Build the rules' input from a survey's fields and the given bands and numerik sheets.

    The live panel calls this with what the form holds, unsaved; saving calls it with the
    stored rows. A kawasan's numerik is the sum of its units' sheets (§7).
    """
    return hasil_survei.susun_masukan(bahan_dari(penilaian, pita=pita), numerik)


def bahan_dari(
    penilaian: Penilaian,
    *,
    pita: Mapping[str, str],
    lembar: Sequence[tuple[int | None, Mapping[str, Decimal | None]]] = (),
) -> hasil_survei.BahanSurvei:
    """The plain inputs of a survey's results (see hasil_survei.BahanSurvei)."""
    lokasi = penilaian.lokasi
    return hasil_survei.BahanSurvei(
        kategori_kota=lokasi.kabupaten_kota.kategori,
        luas_sk_ha=lokasi.luas_sk_ha,
        status_penguasaan=penilaian.status_penguasaan,
        kesesuaian_rtr=penilaian.kesesuaian_rtr,
        strategis=penilaian.strategis,
        kepadatan_penduduk=penilaian.kepadatan_penduduk,
        potensi_sosekbud=penilaian.potensi_sosekbud,
        pita=pita,
        lembar=lembar,
    )


def hitung_ulang(penilaian: Penilaian) -> None:
    """Recompute and set the stored results from the inputs (does not save).

    The computation is `hasil_survei.hasil_survei`, which `hitung_ulang_semua` calls too.
    """
    bahan = bahan_dari(
        penilaian,
        pita={i.kode: i.pita for i in penilaian.isian.all() if i.pita},
        lembar=[(b.unit_id, b.nilai()) for b in penilaian.numerik.all()],
    )
    for nama, nilai in hasil_survei.hasil_survei(bahan).items():
        setattr(penilaian, nama, nilai)


def potret_penilaian(penilaian: Penilaian) -> dict[str, str]:
    """Return {label: text} of what a survey's history records (its isian and numerik loaded)."""
    isian = list(penilaian.isian.all())
    pita = {i.kode: i.pita for i in isian}
    lain = {i.kode: {"yang_ada": i.yang_ada, "catatan": i.catatan} for i in isian}
    lembar = [(b.unit if b.unit_id else None, b.nilai()) for b in penilaian.numerik.all()]
    nilai = nilai_potret_penilaian(penilaian, pita=pita, lembar=lembar, lain=lain)
    return {label: riwayat.teks(v) for label, v in nilai.items()}


def nilai_potret_penilaian(
    penilaian: Penilaian | Mapping[str, object],
    *,
    pita: Mapping[str, str],
    lembar: Iterable[tuple[UnitSurvei | None, Mapping[str, object]]],
    lain: Mapping[str, Mapping[str, object]] | None = None,
) -> dict[str, object]:
    """Return {label: raw value} of a survey's history: its fields, bands and numerik sheets.

    The survey may be a `values()` row; `lembar` is [(RT unit or None, {numerik key: value})];
    `lain` is {kode: {"yang_ada": [keys], "catatan": text}}. Without `lain` (the import, which
    never writes checklists or notes) they read as blank both before and after, so they never
    show as a change. The form (through `potret_penilaian`) and the import both snapshot with this.
    """
    hasil = riwayat.nilai_potret(penilaian, FIELD_RIWAYAT, model=Penilaian)
    hasil |= {f"pilihan {kode}": pita.get(kode, "") for kode in rumus.KODE_KRITERIA}
    lain = lain or {}
    # Checklists as words: riwayat.teks has no reading for a list of keys.
    for kode, (pertanyaan, _pilihan) in YANG_ADA.items():
        dipilih = lain.get(kode, {}).get("yang_ada") or []
        hasil[f"{kode} {pertanyaan}"] = ", ".join(label_yang_ada(kode, dipilih))
    for kode in rumus.KODE_KRITERIA:
        hasil[f"catatan {kode}"] = lain.get(kode, {}).get("catatan") or ""
    for unit, nilai in lembar:
        awalan = f"RT {unit.rt}/RW {unit.rw}: " if unit is not None else ""
        for kunci, label in rumus.NUMERIK_FIELDS.items():
            hasil[f"{awalan}{label}"] = nilai.get(kunci)
    return hasil


# --- writing ---------------------------------------------------------------------------------


@transaction.atomic
def penilaian_buat(
    *, lokasi: Lokasi, pengguna: Pengguna, tahun: int, token: uuid.UUID | None = None
) -> Penilaian:
    """Start a draft survey of a lokasi, with a numerik sheet per RT unit (or one for all).

    `token` comes from the form: the same form sent again returns the survey it started.
    """
    akses.wajib_mulai(pengguna, lokasi)
    nilai = {"lokasi": lokasi, "tahun": tahun, "dibuat_oleh": pengguna, "diubah_oleh": pengguna}
    if token is None:
        penilaian = Penilaian.objects.create(**nilai)
    else:
        try:
            # The unique (lokasi, tahun, token) decides between the twin requests, even when
            # they run at the same moment: the second gets the survey the first started.
            with transaction.atomic():
                penilaian = Penilaian.objects.create(**nilai, token_buat=token)
        except IntegrityError:
            return Penilaian.objects.get(lokasi=lokasi, tahun=tahun, token_buat=token)
    units = list(lokasi.unit_survei.all())
    NumerikPenilaian.objects.bulk_create(
        [NumerikPenilaian(penilaian=penilaian, unit=u, **angka_kepala(u)) for u in units]
        or [NumerikPenilaian(penilaian=penilaian, **angka_kepala(lokasi))]
    )
    IsianKriteria.objects.bulk_create(
        [IsianKriteria(penilaian=penilaian, kode=k) for k in rumus.KODE_KRITERIA]
    )
    hitung_ulang(penilaian)
    penilaian.save()
    riwayat.catat(obj=penilaian, pengguna=pengguna, tindakan="dibuat", sebelum={}, sesudah={})
    return penilaian


def angka_kepala(sumber: Lokasi | UnitSurvei) -> dict[str, Decimal | int | None]:
    """Prefill a numerik sheet with the header numbers of its RT unit or lokasi."""
    luas = sumber.luas_ha if isinstance(sumber, UnitSurvei) else sumber.luas_verifikasi_ha
    return {
        "luas_verifikasi_ha": luas,
        "jumlah_bangunan": sumber.jumlah_bangunan,
        "jumlah_penduduk": sumber.jumlah_penduduk,
        "jumlah_kk": sumber.jumlah_kk,
        "panjang_jalan_ideal_m": sumber.panjang_jalan_ideal_m,
        "panjang_drainase_ideal_m": sumber.panjang_drainase_ideal_m,
    }


@transaction.atomic
def penilaian_simpan(
    *, penilaian: Penilaian, pengguna: Pengguna, versi_awal: int, isian: Isian, foto=None
) -> Penilaian:
    """Save the inputs of a draft, recompute its results, record what changed.

    Refuses (riwayat.KonflikPerubahan) when the survey changed since `versi_awal` was read.
    """
    akses.wajib_isi(pengguna, penilaian)
    diperbarui = Penilaian.objects.filter(
        pk=penilaian.pk, versi=versi_awal, status=Status.DRAF
    ).update(versi=F("versi") + 1)
    if not diperbarui:
        raise riwayat.KonflikPerubahan(
            Penilaian.objects.select_related("diubah_oleh").get(pk=penilaian.pk), "penilaian"
        )
    sebelum = potret_penilaian(_segar(penilaian.pk))
    for baris in penilaian.isian.all():
        if baris.kode in isian.pita:
            pita = isian.pita[baris.kode] or ""
            if pita != baris.pita:
                baris.persen = None  # an imported percentage no longer describes the band
            baris.pita = pita
        if foto and foto.get(baris.kode):
            baris.foto = foto[baris.kode]
        if baris.kode in isian.lain:
            for nama, nilai in isian.lain[baris.kode].items():
                setattr(baris, nama, nilai)
            baris.clean()  # a checklist holds only its criterion's options
        baris.save()
    for baris in penilaian.numerik.all():
        nilai = isian.numerik.get(baris.unit_id, {})
        for kunci in rumus.NUMERIK_FIELDS:
            if kunci in nilai:
                setattr(baris, kunci, nilai[kunci])
        baris.save()
    penilaian = _segar(penilaian.pk)
    for nama, nilai in isian.data.items():
        setattr(penilaian, nama, nilai)
    hitung_ulang(penilaian)
    penilaian.versi = versi_awal + 1
    penilaian.diubah_oleh = pengguna
    penilaian.save()
    riwayat.catat(
        obj=penilaian,
        pengguna=pengguna,
        tindakan="diubah",
        sebelum=sebelum,
        sesudah=potret_penilaian(penilaian),
    )
    return penilaian


def _segar(pk: int) -> Penilaian:
    """Reload a survey with its bands and numerik sheets."""
    return (
        Penilaian.objects.select_related("lokasi__kabupaten_kota")
        .prefetch_related("isian", "numerik__unit")
        .get(pk=pk)
    )


# --- workflow --------------------------------------------------------------------------------


class LangkahDidahului(Exception):
    """The survey left the status the user saw before their step arrived (a colleague took a
    step first: approved it, sent it back, submitted it). The message says who and when."""

    def __init__(self, penilaian: Penilaian, ke: str) -> None:
        self.penilaian = penilaian
        super().__init__(
            _(
                "Penilaian ini sudah berstatus %(status)s: %(oleh)s memindahkannya pada "
                "%(waktu)s, setelah Anda membuka halaman ini. Langkah Anda (%(ke)s) tidak "
                "dijalankan; periksa keadaannya sekarang."
            )
            % {**_pelaku_terakhir(penilaian), "ke": Status(ke).label}
        )


def _pelaku_terakhir(penilaian: Penilaian) -> dict[str, str]:
    """Who took the survey's last workflow step (or last changed it) and when, as text."""
    langkah = penilaian.langkah.select_related("pengguna").order_by("-waktu", "-pk").first()
    pengguna = langkah.pengguna if langkah else penilaian.diubah_oleh
    waktu = langkah.waktu if langkah else penilaian.diubah_pada
    return {
        "status": Status(penilaian.status).label,
        "oleh": (pengguna.get_full_name() or pengguna.username) if pengguna else _("pengguna lain"),
        "waktu": timezone.localtime(waktu).strftime("%d-%m-%Y %H:%M"),
    }


def pesan_bukan_draf(penilaian: Penilaian) -> str:
    """Why a survey form opened as a draft can no longer be saved: who moved it on, when."""
    return _(
        "Penilaian ini sudah berstatus %(status)s: %(oleh)s memindahkannya pada %(waktu)s, "
        "setelah Anda membuka formulir. Hanya draf yang dapat diubah, jadi isian Anda belum "
        "disimpan; isian itu masih ada di formulir ini. Salin yang perlu, lalu minta penilaian "
        "dikembalikan ke draf bila harus diubah."
    ) % _pelaku_terakhir(penilaian)


@transaction.atomic
def penilaian_pindah(
    *, penilaian: Penilaian, pengguna: Pengguna, ke: str, catatan: str = "", dari: str = ""
) -> Penilaian:
    """Move a survey one workflow step, or back to draf with a reason.

    `dari` is the status the user's page showed: when the survey has left it since, the step
    is refused with LangkahDidahului (who moved it) rather than as a step the role may not take.
    """
    penilaian = Penilaian.objects.select_for_update().get(pk=penilaian.pk)
    if dari and dari != penilaian.status and dari in Status.values:
        # Only a step the user could have taken from what they saw: any other stays a 403.
        seperti_dilihat = copy.copy(penilaian)
        seperti_dilihat.status = dari
        if akses.boleh_pindah(pengguna, seperti_dilihat, ke):
            raise LangkahDidahului(penilaian, ke)
    dari = penilaian.status
    akses.wajib_pindah(pengguna, penilaian, ke)
    if ke == Status.DRAF:
        if not catatan.strip():
            raise ValueError(_("Alasan pengembalian wajib diisi."))
        penilaian.alasan_dikembalikan = catatan.strip()
    elif dari == Status.DRAF:
        if not penilaian.lengkap:
            raise ValueError(
                _("Penilaian belum lengkap: %(n)s isian masih kurang.")
                % {"n": len(penilaian.kekurangan)}
            )
        penilaian.alasan_dikembalikan = ""
    penilaian.status = ke
    penilaian.versi = F("versi") + 1
    penilaian.diubah_oleh = pengguna
    penilaian.save(
        update_fields=["status", "versi", "diubah_oleh", "diubah_pada", "alasan_dikembalikan"]
    )
    LangkahAlur.objects.create(
        penilaian=penilaian, dari=dari, ke=ke, pengguna=pengguna, catatan=catatan.strip()
    )
    penilaian.refresh_from_db()
    return penilaian
