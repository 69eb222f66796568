"""Pure rules of pengaduan masyarakat (spec kolaborasi-monev.md §2.10): the order of the
handling steps, the tracking code and the distance that makes two complaints duplicates."""

from __future__ import annotations

import math
import secrets

# The handling steps in order (002:822-826 pengawasan: cek lapangan, evaluasi terhadap
# perizinan, standar teknis dan kelaikan fungsi, rekomendasi); none may be skipped.
DITERIMA = "diterima"
TRIASE = "triase"
CEK_LAPANGAN = "cek_lapangan"
EVALUASI = "evaluasi"
REKOMENDASI = "rekomendasi"
SELESAI = "selesai"
TAHAP = (DITERIMA, TRIASE, CEK_LAPANGAN, EVALUASI, REKOMENDASI, SELESAI)

# 32 symbols without the look-alikes 0/O and 1/I, so a code read aloud or copied by hand
# survives; 10 of them give 50 bits, far beyond what a rate-limited guesser can try.
ABJAD_KODE = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PANJANG_KODE = 10

# Two open complaints this close describe the same place (the 100 m).
JARAK_DUPLIKAT_M = 100.0
JARI_BUMI_M = 6_371_008.8  # mean Earth radius (IUGG)
METER_PER_DERAJAT_LINTANG = math.pi * JARI_BUMI_M / 180


def tahap_berikut(status: str) -> str | None:
    """Return the step after `status`, or None when handling is finished."""
    i = TAHAP.index(status)
    return TAHAP[i + 1] if i + 1 < len(TAHAP) else None


def buat_kode() -> str:
    """Return a fresh unguessable tracking code."""
    return "".join(secrets.choice(ABJAD_KODE) for _ in range(PANJANG_KODE))


def rapikan_kode(teks: str) -> str:
    """Return a typed code as stored: upper case, without spaces or dashes."""
    return "".join(teks.split()).replace("-", "").upper()


def jarak_m(lintang1: float, bujur1: float, lintang2: float, bujur2: float) -> float:
    """Return the great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lintang1), math.radians(lintang2)
    dp = p2 - p1
    dl = math.radians(bujur2 - bujur1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * JARI_BUMI_M * math.asin(min(1.0, math.sqrt(a)))


def kotak(lintang: float, bujur: float, jarak: float) -> tuple[float, float, float, float]:
    """Return (min lat, max lat, min lon, max lon) of a box holding every point within `jarak`
    metres, so the database narrows the candidates before the exact distance is computed."""
    d_lintang = jarak / METER_PER_DERAJAT_LINTANG
    d_bujur = jarak / (METER_PER_DERAJAT_LINTANG * max(math.cos(math.radians(lintang)), 1e-6))
    return lintang - d_lintang, lintang + d_lintang, bujur - d_bujur, bujur + d_bujur
