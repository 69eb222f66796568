"""The watchlist of lokasi berpotensi kumuh: who reads and writes it, another city's entry, the
form's errors, and the "memburuk setelah ditangani" table from the database (issue 13 item 3)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lokasi.models import Kelurahan
from monev.models import LokasiPotensi
from monev.potensi.memburuk import lokasi_memburuk
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan

DATA = {"nama": "Gang Tambak Baru", "sumber": "pengaduan", "tanggal": "2026-01-05",
        "status": "dipantau", "keterangan": "Rumah petak baru"}  # fmt: skip
PITA_BURUK = {**PITA_SEDANG, "3a": "76-100", "3b": "76-100"}  # 42 + 8 = 50


def buat_potensi(kabkota, **nilai) -> LokasiPotensi:
    bawaan = {"nama": "Kawasan Pantauan", "sumber": "media", "tanggal": date(2026, 1, 2)}
    return LokasiPotensi.objects.create(kabupaten_kota=kabkota, **{**bawaan, **nilai})


@pytest.mark.parametrize("peran", ["operator_a", "admin_a", "pokja_a"])
def test_the_citys_operator_admin_and_pokja_add_and_change_entries(request, kota_a, peran):
    pengguna = request.getfixturevalue(peran)
    klien = klien_untuk(pengguna)
    kel = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_a).first()
    r = klien.post(reverse("monev:potensi_tambah"), {**DATA, "kelurahan": kel.pk})
    assert r.status_code == 302
    p = LokasiPotensi.objects.get()
    assert (p.kabupaten_kota, p.kelurahan, p.dibuat_oleh, p.versi) == (kota_a, kel, pengguna, 1)
    r = klien.post(
        reverse("monev:potensi_ubah", args=[p.pk]), {**DATA, "status": "disurvei", "versi": 1}
    )
    assert r.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.versi) == ("disurvei", 2)
    detail = klien.get(reverse("monev:potensi_detail", args=[p.pk])).text
    assert "<td>dipantau</td><td>disurvei</td>" in detail  # the history shows the change


def test_a_verifier_reads_but_may_not_write(kota_a, verifikator_p):
    p = buat_potensi(kota_a)
    klien = klien_untuk(verifikator_p)
    assert "Kawasan Pantauan" in klien.get(reverse("monev:potensi_daftar")).text
    assert klien.get(reverse("monev:potensi_detail", args=[p.pk])).status_code == 200
    assert klien.get(reverse("monev:potensi_tambah")).status_code == 403
    assert klien.post(reverse("monev:potensi_ubah", args=[p.pk]), DATA).status_code == 403
    assert "Tambah lokasi pantauan" not in klien.get(reverse("monev:potensi_daftar")).text


def test_another_citys_entry_answers_404_and_is_not_listed(kota_a, operator_b):
    p = buat_potensi(kota_a)
    klien = klien_untuk(operator_b)
    assert klien.get(reverse("monev:potensi_detail", args=[p.pk])).status_code == 404
    assert klien.post(reverse("monev:potensi_ubah", args=[p.pk]), DATA).status_code == 404
    assert "Kawasan Pantauan" not in klien.get(reverse("monev:potensi_daftar")).text


def test_the_form_names_the_field_and_what_is_wrong(kota_a, kota_b, operator_a, lokasi_b):
    klien = klien_untuk(operator_a)
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    kel_b = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_b).first()
    r = klien.post(
        reverse("monev:potensi_tambah"),
        {**DATA, "tanggal": besok, "status": "ditetapkan", "lintang": "-6.9"},
    )
    assert r.status_code == 200
    galat = r.context["form"].errors
    assert galat["tanggal"] == ["Tanggal informasi tidak boleh di masa depan."]
    assert "memerlukan lokasi hasil survei" in galat["lokasi"][0]
    assert galat["bujur"] == ["Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."]
    # Another city's kelurahan and lokasi are not even choices.
    r = klien.post(
        reverse("monev:potensi_tambah"), {**DATA, "kelurahan": kel_b.pk, "lokasi": lokasi_b.pk}
    )
    assert set(r.context["form"].errors) == {"kelurahan", "lokasi"}
    assert not LokasiPotensi.objects.exists()


def test_a_stale_form_is_refused_with_who_changed_it(kota_a, operator_a, pokja_a):
    p = buat_potensi(kota_a)
    klien_untuk(pokja_a).post(reverse("monev:potensi_ubah", args=[p.pk]), {**DATA, "versi": 1})
    r = klien_untuk(operator_a).post(
        reverse("monev:potensi_ubah", args=[p.pk]), {**DATA, "nama": "Lain", "versi": 1}
    )
    assert r.status_code == 200 and "sudah diubah oleh Pokja A" in r.text
    assert LokasiPotensi.objects.get().nama == "Gang Tambak Baru"


def test_anonymous_users_log_in(client, kota_a):
    p = buat_potensi(kota_a)
    for url in (reverse("monev:potensi_daftar"), reverse("monev:potensi_detail", args=[p.pk])):
        r = client.get(url)
        assert r.status_code == 302 and "/masuk/" in r["Location"]


# --- memburuk setelah ditangani ---------------------------------------------------------------


def test_a_handled_lokasi_surveyed_worse_is_listed_with_links(kota_a, operator_a, verifikator_p):
    memburuk = buat_lokasi(kota_a, "Kawasan Memburuk")
    buat_penilaian(memburuk, tahun=2021, status="disetujui_pokja")  # 42
    baru = buat_penilaian(memburuk, tahun=2024, status="terverifikasi_pusat", pita=PITA_BURUK)
    # A city-wide kegiatan counts at the lokasi its effects name.
    kegiatan = buat_kegiatan(kota_a, None, status="diserahterimakan", tahun=2023)
    kegiatan.efek.create(lokasi=memburuk, kriteria="2a", volume=Decimal(100))
    # Worse too, but the kegiatan is still running: not flagged.
    berjalan = buat_lokasi(kota_a, "Kawasan Masih Dikerjakan")
    buat_penilaian(berjalan, tahun=2021, status="disetujui_pokja")
    buat_penilaian(berjalan, tahun=2024, status="disetujui_pokja", pita=PITA_BURUK)
    buat_kegiatan(kota_a, berjalan, status="berjalan", tahun=2023)
    # Handled and worse, but the newer survey is only a draft: not flagged.
    draf = buat_lokasi(kota_a, "Kawasan Survei Draf")
    buat_penilaian(draf, tahun=2021, status="disetujui_pokja")
    buat_penilaian(draf, tahun=2024, status="draf", pita=PITA_BURUK)
    buat_kegiatan(kota_a, draf, status="selesai", tahun=2023)

    [hasil] = lokasi_memburuk(kota_a.__class__.objects.filter(pk=kota_a.pk))
    assert hasil.lokasi == memburuk and hasil.hasil.selisih == 8
    assert hasil.hasil.sesudah.pk == baru.pk
    for pengguna in (operator_a, verifikator_p):
        html = klien_untuk(pengguna).get(reverse("monev:potensi_daftar")).text
        assert "Memburuk setelah ditangani" in html
        assert reverse("lokasi:detail", args=[memburuk.pk]) in html
        assert reverse("penilaian:detail", args=[baru.pk]) in html
        assert reverse("kolaborasi:kegiatan_detail", args=[kegiatan.pk]) in html
        assert "Kawasan Masih Dikerjakan" not in html and "Kawasan Survei Draf" not in html


def test_another_citys_worsening_is_not_shown(kota_a, operator_b):
    lok = buat_lokasi(kota_a, "Kawasan Memburuk Alfa")
    buat_penilaian(lok, tahun=2021, status="disetujui_pokja")
    buat_penilaian(lok, tahun=2024, status="disetujui_pokja", pita=PITA_BURUK)
    buat_kegiatan(kota_a, lok, status="selesai", tahun=2022)
    assert (
        "Kawasan Memburuk Alfa"
        not in klien_untuk(operator_b).get(reverse("monev:potensi_daftar")).text
    )
