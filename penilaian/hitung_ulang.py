"""Rescore many surveys at once after a rules change (`manage.py hitung_ulang_semua`).

Reads the inputs in a few queries (surveys with their lokasi's luas SK and kab/kota category,
the bands chosen, the Format Numerik sheets), computes with `hasil_survei.hasil_survei` — the
function `services.hitung_ulang` calls on every save — and writes only the surveys whose
results changed, with one history entry each, all in one transaction: either every survey is
rescored or none. The workers send back rows ready for the database (JSON as text, the history
already formatted); this process writes each part while they compute the next.

What it leaves alone, on purpose:
- inputs, `versi` and `diubah_oleh`/`diubah_pada`: nothing a person typed changed, so a form
  open on a draft still saves (and recomputes) without a conflict; the history entry (no user,
  "dihitung ulang") says what the rules changed;
- issued SK: they print `SKLokasi.data` and `SK.daerah_beku`, frozen when issued, never the
  survey rows (see docs/sk.md);
- finished peninjauan ulang (`hasil_beku`), frozen the same way.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from kumuh import massal
from lokasi import riwayat
from lokasi.models import RiwayatPerubahan
from penilaian import ringkasan, rumus
from penilaian.hasil_survei import FIELD_HASIL, BahanSurvei, hasil_survei
from penilaian.models import IsianKriteria, NumerikPenilaian, Penilaian

_FIELD_BACA = [
    "pk",
    "status_penguasaan",
    "kesesuaian_rtr",
    "strategis",
    "kepadatan_penduduk",
    "potensi_sosekbud",
    "lokasi__luas_sk_ha",
    "lokasi__kabupaten_kota__kategori",
    *FIELD_HASIL,
]
# The results a person reads, as the history records them (the rest of `hasil` — volumes, unit
# scores — follows from these and the unchanged inputs).
_FIELD_RIWAYAT = [f for f in FIELD_HASIL if f not in ("hasil", "kekurangan")]
_FIELD_JSON = {"hasil", "kekurangan"}
TINDAKAN = "dihitung ulang"
# Below this many surveys worker processes cost more to start than they save.
PROSES_MULAI = 4000
PER_TUGAS = 1500  # surveys per worker task, and per write


@dataclass(frozen=True)
class Ringkasan:
    diperiksa: int
    berubah: int
    riwayat: int
    # Per phase: baca (read), hitung (waiting for the formula beyond the writing it overlaps),
    # tulis (writing, while the workers compute the next parts); they add up to the run.
    detik: dict[str, float] = field(default_factory=dict)


def hitung_ulang_semua(
    *,
    penilaian: QuerySet[Penilaian] | None = None,
    alasan: str = "",
    proses: int | None = None,
    periksa: bool = False,
) -> Ringkasan:
    """Rescore the given surveys (all by default); write and record only what changed.

    `proses`: worker processes for the formula (None: up to 2 for large runs, else none).
    `periksa`: count what would change, then roll everything back.
    """
    qs = Penilaian.objects.all() if penilaian is None else penilaian
    mulai = time.perf_counter()
    with _kunci_tulis(), transaction.atomic():
        # Locked first (PostgreSQL; SQLite holds its write lock from BEGIN IMMEDIATE): a save
        # begins by bumping the survey's versi, so none can slip in between reading the inputs
        # and writing results computed from them.
        baris = list(qs.select_for_update(of=("self",)).order_by("pk").values_list(*_FIELD_BACA))
        pk = [b[0] for b in baris]
        pita, lembar = _baca_isian(None if penilaian is None else qs, pk)
        bahan = [
            BahanSurvei(
                kategori_kota=b[7],
                luas_sk_ha=b[6],
                status_penguasaan=b[1],
                kesesuaian_rtr=b[2],
                strategis=b[3],
                kepadatan_penduduk=b[4],
                potensi_sosekbud=b[5],
                pita=pita.get(b[0], {}),
                lembar=lembar.get(b[0], ()),
            )
            for b in baris
        ]
        lama = [b[8:] for b in baris]
        del baris, pita, lembar
        baca = time.perf_counter() - mulai
        tulis = _Tulis(keterangan=f"({alasan})" if alasan else "")
        # Each part is written as soon as the workers send it, while they compute the next.
        # Closed before the transaction ends, also on an error: the workers stop first.
        with contextlib.closing(_yang_berubah(pk, bahan, lama, proses)) as bagian_bagian:
            for bagian in bagian_bagian:
                tulis.tambah(bagian)
        if tulis.berubah:
            # What follows the narrow table (the dashboard's flags) in one pass (≈ 0.1 s).
            awal_kabar = time.perf_counter()
            ringkasan.kabari(None)
            tulis.detik += time.perf_counter() - awal_kabar
        if periksa:
            transaction.set_rollback(True)
        selesai = time.perf_counter()
    # The commit is writing too (on SQLite with a rollback journal, most of the disk writing).
    tulis.detik += time.perf_counter() - selesai
    total = time.perf_counter() - mulai
    detik = {"baca": baca, "hitung": total - baca - tulis.detik, "tulis": tulis.detik}
    return Ringkasan(diperiksa=len(pk), berubah=tulis.berubah, riwayat=tulis.riwayat, detik=detik)


class _Tulis:
    """Writes the changed results a part at a time: the surveys, their history entries (one
    moment and one wording for the whole run, as a `riwayat.Jurnal`) and the priority list's
    narrow table (the bulk writes send no signals)."""

    def __init__(self, *, keterangan: str) -> None:
        ct = ContentType.objects.get_for_model(Penilaian).pk
        waktu = RiwayatPerubahan._meta.get_field("waktu").get_db_prep_save(
            timezone.now(), connection
        )
        # content_type, pengguna (none: the rules changed, not a person), waktu, tindakan.
        self.awal_riwayat = (ct, None, waktu, f"{TINDAKAN} {keterangan}".rstrip())
        self.berubah = self.riwayat = 0
        self.detik = 0.0

    def tambah(self, bagian: _Bagian) -> None:
        mulai = time.perf_counter()
        hasil, riwayat_baru, ringkas = bagian
        massal.perbarui_siap(Penilaian, list(FIELD_HASIL), "id", hasil)
        massal.sisip_siap(
            RiwayatPerubahan,
            ["content_type", "pengguna", "waktu", "tindakan", "object_id", "perubahan"],
            [(*self.awal_riwayat, *r) for r in riwayat_baru],
        )
        ringkasan.perbarui_hasil(ringkas, kabari_sekarang=False)  # once at the end
        self.berubah += len(hasil)
        self.riwayat += len(riwayat_baru)
        self.detik += time.perf_counter() - mulai


def _baca_isian(
    saring: QuerySet[Penilaian] | None, pk: list[int]
) -> tuple[dict[int, dict[str, str]], dict[int, list[tuple[int | None, dict[str, Decimal]]]]]:
    """The bands chosen and the numerik sheets of the surveys, keyed by survey (two queries)."""
    if not pk:
        return {}, {}
    # An unfiltered run reads the whole tables; a filtered one through a subquery.
    pilih = {} if saring is None else {"penilaian__in": saring.values("pk")}
    pita: dict[int, dict[str, str]] = {}
    # A blank band means "from Format Numerik": only the chosen ones matter to the formula.
    for p, kode, nilai in (
        IsianKriteria.objects.filter(**pilih)
        .exclude(pita="")
        .values_list("penilaian_id", "kode", "pita")
    ):
        pita.setdefault(p, {})[kode] = nilai
    lembar: dict[int, list[tuple[int | None, dict[str, Decimal]]]] = {}
    kunci = list(rumus.NUMERIK_FIELDS)
    for b in (
        NumerikPenilaian.objects.filter(**pilih)
        .order_by("pk")
        .values_list("penilaian_id", "unit_id", *kunci)
    ):
        nilai = {k: v for k, v in zip(kunci, b[2:], strict=True) if v is not None}
        lembar.setdefault(b[0], []).append((b[1], nilai))
    return pita, lembar


# The surveys of the run being computed: worker processes are forked with it, so the inputs
# are never pickled (only the changed results come back, ready for the database).
_KERJA: tuple[Sequence[int], Sequence[BahanSurvei], Sequence[tuple]] | None = None

# A part of the changed results, each list ready for its bulk write: the surveys' FIELD_HASIL
# values then pk (JSON as text); history entries (pk, JSON text of {label: [old, new]}); the
# narrow table's rows (`ringkasan.baris_hasil`).
_Bagian = tuple[list[tuple], list[tuple[int, str]], list[tuple]]


def _yang_berubah(
    pk: Sequence[int], bahan: Sequence[BahanSurvei], lama: Sequence[tuple], proses: int | None
) -> Iterator[_Bagian]:
    """The changed results of the surveys whose stored results differ from the formula's,
    a part (PER_TUGAS surveys) at a time, in order."""
    global _KERJA
    if proses is None:
        proses = min(2, os.cpu_count() or 1) if len(bahan) >= PROSES_MULAI else 1
    _KERJA = (pk, bahan, lama)
    awal = range(0, len(bahan), PER_TUGAS)
    akhir = [min(a + PER_TUGAS, len(bahan)) for a in awal]
    try:
        if proses <= 1:
            yield from map(_berubah_rentang, awal, akhir)
            return
        # fork: the workers start with the inputs already in memory and run only the pure
        # formula and the formatting; they never touch this process's database connection.
        konteks = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=proses, mp_context=konteks) as pool:
            yield from pool.map(_berubah_rentang, awal, akhir)
    finally:
        _KERJA = None


def _berubah_rentang(awal: int, akhir: int) -> _Bagian:
    assert _KERJA is not None
    pk, bahan, lama = _KERJA
    hasil, riwayat_baru, ringkas = [], [], []
    jurnal = riwayat.Jurnal(pengguna=None)  # its remembered formatting of values only
    for i in range(awal, akhir):
        baru = hasil_survei(bahan[i])
        sebelum = dict(zip(FIELD_HASIL, lama[i], strict=True))
        if baru == sebelum:
            continue
        hasil.append((*(_siap(f, baru[f]) for f in FIELD_HASIL), pk[i]))
        # What riwayat.Jurnal.catat records: the labels that differ, formatted.
        if beda := riwayat.perubahan(potret(sebelum), potret(baru), jurnal.teks):
            riwayat_baru.append((pk[i], json.dumps(beda)))
        ringkas.append(ringkasan.baris_hasil(pk[i], baru))
    return hasil, riwayat_baru, ringkas


def _siap(nama: str, nilai: object) -> object:
    # Serialised here, once, as JSONField stores it (json.dumps; None is SQL NULL): the writer
    # sends text.
    return json.dumps(nilai) if nama in _FIELD_JSON and nilai is not None else nilai


def potret(nilai: Mapping[str, object]) -> dict[str, object]:
    """{label: value} of the results the history shows: the scalar results, each criterion's
    score, and the gaps that keep a survey from being scored (percentages, volumes and unit
    scores stay in `hasil`: they follow from the unchanged inputs)."""
    hasil = riwayat.nilai_potret(nilai, _FIELD_RIWAYAT, model=Penilaian)
    skor = (nilai.get("hasil") or {}).get("skor", {})
    for kode in rumus.KODE_KRITERIA:
        hasil[f"skor {kode}"] = skor.get(kode)
    hasil["kekurangan isian"] = "; ".join(
        f"{k['field']}: {k['pesan']}" for k in nilai.get("kekurangan") or []
    )
    return hasil


@contextlib.contextmanager
def _kunci_tulis() -> Iterator[None]:
    """On SQLite, begin the transaction with the write lock (BEGIN IMMEDIATE): a reader that
    upgrades later fails at once when a request holds the lock (see kumuh/sqlite.py)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    connection.ensure_connection()
    semula = connection.transaction_mode
    connection.transaction_mode = "IMMEDIATE"
    try:
        yield
    finally:
        connection.transaction_mode = semula
