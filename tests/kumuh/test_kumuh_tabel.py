"""kumuh_tabel.sel_prioritas: a priority-list row's cells as the template loop wrote them."""

from types import SimpleNamespace as NS

from django.template import Context, Template

from kumuh.templatetags.kumuh_tabel import sel_prioritas

# The loop the tag replaced in templates/penilaian/prioritas_daftar.html, kept here as the
# reference: the tag must give the same bytes.
LOOP = """{% for k, teks in b.sel %}{% if k.kunci == "nama" %}<td><a href="{% url 'lokasi:detail' b.lokasi_pk %}">{{ teks }}</a></td>
          {% elif k.kunci == "rt_rw" %}<td class="rtrw" title="{{ b.rt_rw }}">{{ teks|truncatechars:60 }}</td>
          {% elif k.kunci == "prioritas" %}<td class="{{ k.kelas_css }}"><span class="contoh-warna prioritas-{{ b.prioritas }}" aria-hidden="true"></span>{{ teks }}</td>
          {% else %}<td{% if k.kelas_css %} class="{{ k.kelas_css }}"{% endif %}>{{ teks }}</td>{% endif %}
          {% endfor %}"""  # noqa: E501


def _baris(nama: str, rt_rw: str) -> NS:
    kolom = [
        NS(kunci="no", kelas_css="c"),
        NS(kunci="nama", kelas_css=""),
        NS(kunci="luas", kelas_css="a"),
        NS(kunci="rt_rw", kelas_css=""),
        NS(kunci="kelurahan", kelas_css=""),
        NS(kunci="prioritas", kelas_css="c nowrap"),
    ]
    teks = ["1", nama, "11,25", rt_rw, "Kuripan & Yosorejo", "B1/ 2"]
    return NS(sel=list(zip(kolom, teks, strict=True)), lokasi_pk=20, rt_rw=rt_rw, prioritas=2)


def test_the_tag_writes_the_loops_bytes_and_escapes_user_text(db):
    for b in (
        _baris("Bandengan", "RT 005 / RW 002"),
        _baris('<img src=x onerror="alert(1)">', "RT " + "001, " * 30 + "/ RW <b>"),
    ):
        rujukan = Template(LOOP).render(Context({"b": b}))
        assert sel_prioritas(b) == rujukan
    assert "<img" not in sel_prioritas(b) and "&lt;img" in sel_prioritas(b)
    assert "…" in sel_prioritas(b)  # RT/RW cut to 60 characters, whole text in the title
