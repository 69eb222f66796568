"""Numbers as Indonesians read them: decimal comma, terbilang, DMS coordinates, dates.

One implementation shared by HTML templates, PDF and Excel exports, so this module imports
nothing from Django. Every function that formats a figure returns "–" for a missing value
(None or an empty string), so a blank cell never crashes a report.

Conventions (as in a Surat Keputusan penetapan lokasi kumuh):

- figures: dot for thousands, comma for decimals, rounding half up ("1.234,50");
- terbilang: the integer part is read as a number, the decimals digit by digit after "koma",
  and exactly the digits shown in the figure are read, trailing zeros included:
  "85,10 (delapan puluh lima koma satu nol)";
- negative numbers are read with "minus".

num2words(lang="id") is not used: it reads 1.001.000 as "satu juta satu ribu" instead of
"satu juta seribu", says "min" for negatives and reads 0.1 + 0.2 as seventeen digits.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

KOSONG = "–"

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# date.weekday(): Monday is 0.
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_ANGKA = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)
# Large scales, biggest first; anything beyond kuadriliun is read as a multiple of it.
_SKALA = (
    (10**15, "kuadriliun"),
    (10**12, "triliun"),
    (10**9, "miliar"),
    (10**6, "juta"),
)

# (non-negative, negative) hemisphere per axis.
_ARAH = {"lintang": ("LU", "LS"), "bujur": ("BT", "BB")}

Angka = Decimal | int | float | str


def _kosong(nilai: object) -> bool:
    return nilai is None or nilai == ""


def _desimal(nilai: Angka) -> Decimal:
    """Convert to a finite Decimal without inheriting binary float noise."""
    if isinstance(nilai, Decimal):
        d = nilai
    elif isinstance(nilai, float):
        # A double carries 15 reliable significant digits; going through them turns
        # 0.1 + 0.2 into 0.3 rather than 0.30000000000000004.
        d = Decimal(format(nilai, ".15g"))
    else:
        try:
            d = Decimal(str(nilai).strip())
        except InvalidOperation:
            raise ValueError(f"bukan angka: {nilai!r}") from None
    if not d.is_finite():
        raise ValueError(f"bukan angka terhingga: {nilai!r}")
    return d


def _bulatkan(d: Decimal, tempat: int) -> Decimal:
    """Round half up to `tempat` decimal places."""
    with localcontext() as ctx:
        # The default 28-digit precision makes quantize fail on very large values.
        ctx.prec = max(ctx.prec, d.adjusted() + tempat + 2)
        return d.quantize(Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP)


def _tempat_tampak(d: Decimal) -> int:
    """Return how many decimal places the value itself shows (Decimal("85.10") → 2)."""
    eksponen = d.as_tuple().exponent
    assert isinstance(eksponen, int)  # finite, checked by _desimal
    return max(0, -eksponen)


def format_desimal(nilai: Angka | None, tempat: int = 2) -> str:
    """Format with dot thousands and decimal comma, rounded half up: 1234.5 → "1.234,50"."""
    if _kosong(nilai):
        return KOSONG
    if tempat < 0:
        raise ValueError("tempat tidak boleh negatif")
    d = _bulatkan(_desimal(nilai), tempat)
    # Python groups with "," and separates decimals with "."; swap them through a placeholder.
    teks = f"{abs(d):,.{tempat}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    # Compare the rounded value so that -0.001 prints "0,00", not "-0,00".
    return f"-{teks}" if d < 0 else teks


def format_bilangan(n: Angka | None) -> str:
    """Format a whole number with dot thousands: 12345 → "12.345" (fractions rounded half up)."""
    return format_desimal(n, 0)


def format_rupiah(nilai: Angka | None) -> str:
    """Format an amount of money: 1250000 → "Rp 1.250.000" (sen are not printed)."""
    if _kosong(nilai):
        return "–"
    teks = format_desimal(nilai, 0)
    return f"-Rp {teks[1:]}" if teks.startswith("-") else f"Rp {teks}"


def format_hektar(nilai: Angka | None) -> str:
    """Format an area in hectares with two decimals: 1234.56 → "1.234,56"."""
    return format_desimal(nilai, 2)


def _baca_bulat(n: int) -> str:
    """Read a non-negative integer in Indonesian words."""
    if n < 10:
        return _ANGKA[n]
    if n == 10:
        return "sepuluh"
    if n == 11:
        return "sebelas"
    if n < 20:
        return f"{_ANGKA[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_ANGKA[puluh]} puluh" + (f" {_ANGKA[sisa]}" if sisa else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        depan = "seratus" if ratus == 1 else f"{_ANGKA[ratus]} ratus"
        return depan + (f" {_baca_bulat(sisa)}" if sisa else "")
    if n < 10**6:
        ribu, sisa = divmod(n, 1000)
        # Only a thousands group of exactly one is "seribu"; 101.000 is "seratus satu ribu".
        depan = "seribu" if ribu == 1 else f"{_baca_bulat(ribu)} ribu"
        return depan + (f" {_baca_bulat(sisa)}" if sisa else "")
    for besar, nama in _SKALA:
        if n >= besar:
            kali, sisa = divmod(n, besar)
            # Large scales always take "satu": "satu juta", never "sejuta", in formal text.
            return f"{_baca_bulat(kali)} {nama}" + (f" {_baca_bulat(sisa)}" if sisa else "")
    raise AssertionError(n)  # unreachable: every n >= 10**6 matches a scale


def terbilang(nilai: Angka | None, tempat: int | None = None) -> str:
    """Read a number in Indonesian words: 85.09 → "delapan puluh lima koma nol sembilan".

    With `tempat`, round half up to that many decimals first and read all of them, so
    `terbilang(Decimal("85.10"), 2)` is "delapan puluh lima koma satu nol". Without it, read
    the digits the value shows: a Decimal keeps its trailing zeros, a float is trimmed to its
    15 significant digits (0.1 + 0.2 reads "nol koma tiga").
    """
    if _kosong(nilai):
        return KOSONG
    d = _desimal(nilai)
    if tempat is not None:
        if tempat < 0:
            raise ValueError("tempat tidak boleh negatif")
        d = _bulatkan(d, tempat)
    bulat, _, pecahan = format(abs(d), "f").partition(".")
    kata = _baca_bulat(int(bulat))
    if pecahan:
        kata += " koma " + " ".join(_ANGKA[int(c)] for c in pecahan)
    # Compare the value, not the sign bit: Decimal("-0.00") reads "nol koma nol nol".
    return f"minus {kata}" if d < 0 else kata


def dengan_terbilang(
    nilai: Angka | None, satuan: str | None = None, tempat: int | None = None
) -> str:
    """Write the figure with its words: "85,09 (delapan puluh lima koma nol sembilan) hektar".

    Without `tempat` the figure shows as many decimals as the value does (see `terbilang`),
    so figure and words always agree.
    """
    if _kosong(nilai):
        return KOSONG
    d = _desimal(nilai)
    if tempat is None:
        tempat = _tempat_tampak(d)
    teks = f"{format_desimal(d, tempat)} ({terbilang(d, tempat)})"
    return f"{teks} {satuan}" if satuan else teks


def dms(derajat_desimal: Angka | None, sumbu: str) -> str:
    """Write decimal degrees as degrees, minutes, seconds: -7.771308 → 7° 46' 16,71" LS.

    `sumbu` is "lintang" (LU/LS) or "bujur" (BT/BB). Seconds have two decimals, rounded half
    up; a value that rounds to zero (the equator, the prime meridian) is LU or BT.
    """
    if sumbu not in _ARAH:
        raise ValueError(f"sumbu harus 'lintang' atau 'bujur', bukan {sumbu!r}")
    if _kosong(derajat_desimal):
        return KOSONG
    d = _desimal(derajat_desimal)
    # Round the total seconds before splitting, so 59,995" carries into the next minute
    # (and 59' 60" into the next degree) instead of printing 60,00".
    detik_total = _bulatkan(abs(d) * 3600, 2)
    derajat, sisa = divmod(detik_total, 3600)
    menit, detik = divmod(sisa, 60)
    negatif = d < 0 and detik_total > 0
    arah = _ARAH[sumbu][negatif]
    return f"{int(derajat)}° {int(menit)}' {format_desimal(detik, 2)}\" {arah}"


def tanggal_indonesia(d: date | None) -> str:
    """Write a date the Indonesian way: "25 November 2026"."""
    if d is None:
        return KOSONG
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def hari_tanggal_indonesia(d: date | None) -> str:
    """Write a date with its weekday: "Rabu, 25 November 2026"."""
    if d is None:
        return KOSONG
    return f"{HARI[d.weekday()]}, {tanggal_indonesia(d)}"
