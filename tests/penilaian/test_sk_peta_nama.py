"""Issue 10 item 18: names typed by users are text in the SK's SVG maps, never markup."""

import xml.etree.ElementTree as ET

import pytest

from penilaian.sk import svg
from penilaian.sk.peta import peta_lokasi, peta_sebaran
from tests.penilaian.test_sk_peta import LAT0, LON0, SVG, buat, segienam

NAMA_JAHAT = "<img src=x onerror=alert(1)>"
KEC_JAHAT = 'Kec "><script>alert(1)</script>'


def _teks(dokumen: str) -> str:
    akar = ET.fromstring(dokumen)  # well-formed: nothing a name holds broke the markup
    assert not [e for e in akar.iter() if e.tag.split("}")[-1] in ("img", "script")]
    return " ".join("".join(e.itertext()) for e in akar.iter(f"{SVG}text"))


@pytest.mark.parametrize("nama", [NAMA_JAHAT, "A & B <RT 01>", "\"kutip\" 'tunggal'"])
def test_svg_kit_escapes_text_and_attributes(nama):
    dokumen = (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        f"{svg.tulisan(1.0, 2.0, nama, data_nama=nama)}</svg>"
    )
    akar = ET.fromstring(dokumen)
    teks = akar.find(f"{SVG}text")
    assert teks.text == nama
    assert teks.get("data-nama") == nama


def test_lampiran_maps_print_hostile_names_as_text():
    lokasi = buat(
        1,
        nama=NAMA_JAHAT,
        batas=segienam(LAT0, LON0, 150),
        kecamatan=(KEC_JAHAT,),
    )
    tetangga = buat(2, nama=NAMA_JAHAT + "2", lintang=LAT0 + 0.01, bujur=LON0 + 0.01)
    sebaran = _teks(peta_sebaran([lokasi, tetangga]))
    assert KEC_JAHAT.upper() in sebaran  # the kecamatan label, literal
    _teks(peta_lokasi(lokasi, [tetangga]))
