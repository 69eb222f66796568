"""The lokasi profile (penilaian) shows the projection panel kolaborasi registers in its slot."""

import pytest
from django.urls import reverse

from kolaborasi.proyeksi.panel import SLOT_PROFIL, panel_profil
from kumuh import sisipan
from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.kolaborasi.test_proyeksi_views import survei_dasar

pytestmark = pytest.mark.django_db


def profil(klien, lokasi):
    r = klien.get(reverse("penilaian:profil", args=[lokasi.pk]))
    assert r.status_code == 200
    return r.content.decode()


def test_kolaborasi_registers_its_panel_when_it_starts():
    assert panel_profil in sisipan.panel_untuk(SLOT_PROFIL)


def test_the_profile_shows_the_projected_tingkat_of_a_planned_kegiatan(
    operator_a, kota_a, lokasi_a
):
    survei_dasar(lokasi_a)
    # 500 m of road in 2026: 40 − 3 = 37, Kumuh Ringan (test_proyeksi_rumus by hand).
    buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, tahun=2026)
    isi = profil(klien_untuk(operator_a), lokasi_a)
    assert 'id="panel-proyeksi"' in isi
    assert "Proyeksi s.d. 2026" in isi and '<td class="tingkat-proyeksi">Kumuh Ringan</td>' in isi


def test_no_panel_without_a_planned_kegiatan(operator_a, kota_a, lokasi_a):
    survei_dasar(lokasi_a)
    buat_kegiatan(kota_a, lokasi_a, efek={"2a": 500}, tahun=2026, status="usulan")
    assert 'id="panel-proyeksi"' not in profil(klien_untuk(operator_a), lokasi_a)


def test_the_slot_renders_any_registered_panel_without_knowing_its_app(operator_a, lokasi_a):
    """The registry is generic: a panel from nowhere in particular is shown, None hides it."""

    def panel_uji(request, obj):
        return "kolaborasi/proyeksi_panel.html", {"p": None, "lokasi": obj}

    def panel_kosong(request, obj):
        return None

    sisipan.cabut(SLOT_PROFIL, panel_profil)
    try:
        assert 'id="panel-proyeksi"' not in profil(klien_untuk(operator_a), lokasi_a)
        sisipan.daftarkan(SLOT_PROFIL, panel_kosong)
        sisipan.daftarkan(SLOT_PROFIL, panel_uji)
        sisipan.daftarkan(SLOT_PROFIL, panel_uji)  # registered once
        assert sisipan.panel_untuk(SLOT_PROFIL) == (panel_kosong, panel_uji)
        assert profil(klien_untuk(operator_a), lokasi_a).count('id="panel-proyeksi"') == 1
    finally:
        sisipan.cabut(SLOT_PROFIL, panel_uji)
        sisipan.cabut(SLOT_PROFIL, panel_kosong)
        sisipan.daftarkan(SLOT_PROFIL, panel_profil)


def test_penilaian_names_no_higher_app():
    from pathlib import Path

    akar = Path(__file__).resolve().parents[2]
    for berkas in ("penilaian/views_profil.py", "templates/penilaian/profil.html"):
        assert "kolaborasi" not in (akar / berkas).read_text(encoding="utf-8"), berkas
