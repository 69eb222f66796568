"""Template filters for numbers as Indonesians read them (one implementation: kumuh.angka)."""

from django import template

from kumuh import angka

register = template.Library()


@register.filter
def desimal(nilai, tempat: int = 2) -> str:
    """`{{ x|desimal }}` → 1.234,56; `{{ x|desimal:4 }}` for more places."""
    return angka.format_desimal(nilai, int(tempat))


@register.filter
def hektar(nilai) -> str:
    return angka.format_hektar(nilai)


@register.filter
def bilangan(nilai) -> str:
    return "–" if nilai in (None, "") else angka.format_bilangan(nilai)


@register.filter
def rupiah(nilai) -> str:
    """`{{ biaya|rupiah }}` → Rp 1.250.000.000."""
    return angka.format_rupiah(None if nilai == "" else nilai)


@register.filter
def lintang_dms(nilai) -> str:
    return angka.dms(nilai, "lintang")


@register.filter
def bujur_dms(nilai) -> str:
    return angka.dms(nilai, "bujur")


@register.filter
def terbilang(nilai, satuan: str = "") -> str:
    """`{{ n|terbilang:"lokasi" }}` → 12 (dua belas) lokasi."""
    return angka.dengan_terbilang(nilai, satuan or None)


@register.filter
def tanggal_id(nilai) -> str:
    return "–" if nilai is None else angka.tanggal_indonesia(nilai)
