"""Table rows rendered in Python where a page draws many cells: the same HTML as the template
loop they replace, without the template engine's cost per cell (docs/kinerja/produksi.md)."""

from django import template
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# After a cell, as the loop it replaces in templates/penilaian/prioritas_daftar.html laid them
# out (a special column's cell was followed by two line breaks), so the page stays byte for byte.
_ANTARA = "\n          "


def _teks(nilai: object) -> str:
    # What {{ nilai }} prints: localized, then escaped unless already safe.
    return conditional_escape(localize(nilai))


@register.simple_tag
def sel_prioritas(baris) -> SafeString:
    """The cells of one row of the priority list (penilaian.prioritas.BarisPrioritas): 50 rows of
    18 columns on every view of the list; the name links to the lokasi, RT/RW is cut to 60
    characters with the whole text in its title, the priority carries its colour swatch."""
    sel = []
    for kolom, teks in baris.sel:
        kunci = kolom.kunci
        if kunci == "nama":
            url = conditional_escape(reverse("lokasi:detail", args=[baris.lokasi_pk]))
            sel.append(f'<td><a href="{url}">{_teks(teks)}</a></td>')
        elif kunci == "rt_rw":
            sel.append(
                f'<td class="rtrw" title="{_teks(baris.rt_rw)}">'
                f"{_teks(truncatechars(teks, 60))}</td>"
            )
        elif kunci == "prioritas":
            sel.append(
                f'<td class="{_teks(kolom.kelas_css)}"><span class="contoh-warna prioritas-'
                f'{_teks(baris.prioritas)}" aria-hidden="true"></span>{_teks(teks)}</td>'
            )
        else:
            kelas = kolom.kelas_css
            atribut = f' class="{_teks(kelas)}"' if kelas else ""
            sel.append(f"<td{atribut}>{_teks(teks)}</td>")
            sel.append(_ANTARA)
            continue
        sel.append(_ANTARA + _ANTARA)
    return mark_safe("".join(sel))  # every value above is escaped
