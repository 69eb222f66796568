"""A big priority list's Excel is made in the background (issue 14 item 2)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from penilaian.models import EksporPrioritas
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_pengguna, buat_penilaian, klien_untuk

pytestmark = pytest.mark.django_db

URL = reverse("penilaian:prioritas")
URL_EXCEL = reverse("penilaian:prioritas_excel")
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")


@pytest.fixture
def tiga(kota_a):
    for nama, pita in (("=1+1", None), ("Kampung Dua", PITA_BERAT), ("Kampung Tiga", None)):
        buat_penilaian(buat_lokasi(kota_a, nama), status="disetujui_pokja", pita=pita)


def _xlsx(respons):
    isi = b"".join(respons.streaming_content) if respons.streaming else respons.content
    return load_workbook(io.BytesIO(isi)).active


def test_a_small_list_is_answered_directly(settings, operator_a, tiga):
    settings.KUMUH_PRIORITAS_EXCEL_LATAR = 3
    r = klien_untuk(operator_a).get(URL_EXCEL)
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment")
    assert not EksporPrioritas.objects.exists()
    assert 'id="excel-prioritas"' in (teks := klien_untuk(operator_a).get(URL).text)
    assert "Unduh Excel" in teks and "di latar belakang" not in teks


def test_a_big_list_is_made_in_the_background_and_offered(settings, operator_a, tiga):
    settings.KUMUH_PRIORITAS_EXCEL_LATAR = 2
    klien = klien_untuk(operator_a)
    assert "di latar belakang" in klien.get(URL).text  # the page says so, no `download` link
    r = klien.get(URL_EXCEL, {"tingkat": ""})
    ekspor = EksporPrioritas.objects.get()
    assert r.status_code == 302
    assert r["Location"] == reverse("penilaian:prioritas_ekspor", args=[ekspor.pk])
    # The test queue runs the task at once (ImmediateBackend); production's db_worker later.
    assert ekspor.status == EksporPrioritas.Status.SELESAI
    assert ekspor.jumlah_baris == 3
    halaman = klien.get(r["Location"])
    assert "Unduh Excel" in halaman.text and "hx-trigger" not in halaman.text
    r = klien.get(reverse("penilaian:prioritas_ekspor_unduh", args=[ekspor.pk]))
    assert r.status_code == 200
    assert r["Content-Disposition"] == (
        'attachment; filename="daftar-prioritas-kota-alfa-2025.xlsx"'
    )
    lembar = _xlsx(r)
    assert lembar["A1"].value.startswith("DAFTAR PRIORITAS PENANGANAN LOKASI")
    nilai = [list(b) for b in lembar.iter_rows(values_only=True)]
    nama = [b[1] for b in nilai[6:9]]
    assert nama == ["Kampung Dua", "=1+1", "Kampung Tiga"]  # the list's order
    assert [b[0] for b in nilai[6:9]] == [1, 2, 3]
    assert nilai[9][0] == "JUMLAH (3 LOKASI)"
    # Typed text that looks like a formula stays text in the streamed file too.
    sel = lembar.cell(8, 2)
    assert sel.value == "=1+1" and sel.data_type == "s"


def test_the_background_file_follows_the_filters(settings, operator_a, tiga):
    settings.KUMUH_PRIORITAS_EXCEL_LATAR = 0
    klien = klien_untuk(operator_a)
    klien.get(URL_EXCEL, {"tingkat": "Kumuh Berat"})
    ekspor = EksporPrioritas.objects.get()
    lembar = _xlsx(klien.get(reverse("penilaian:prioritas_ekspor_unduh", args=[ekspor.pk])))
    nilai = [b[1] for b in lembar.iter_rows(min_row=7, values_only=True)]
    assert nilai == ["Kampung Dua", None]  # the row and the total row
    assert "tingkat Kumuh Berat" in lembar["A3"].value


def test_only_the_maker_and_their_city_get_the_file(
    settings, operator_a, pokja_a, operator_b, verifikator_pusat, tiga
):
    settings.KUMUH_PRIORITAS_EXCEL_LATAR = 0
    klien_untuk(operator_a).get(URL_EXCEL)
    ekspor = EksporPrioritas.objects.get()
    status = reverse("penilaian:prioritas_ekspor", args=[ekspor.pk])
    unduh = reverse("penilaian:prioritas_ekspor_unduh", args=[ekspor.pk])
    for pengguna, kode in (
        (operator_a, 200),
        (pokja_a, 200),
        (operator_b, 404),
        (verifikator_pusat, 404),
    ):
        klien = klien_untuk(pengguna)
        assert klien.get(status).status_code == kode, pengguna
        assert klien.get(unduh).status_code == kode, pengguna


def test_a_verifiers_file_is_theirs_only(settings, verifikator_pusat, operator_a, tiga):
    settings.KUMUH_PRIORITAS_EXCEL_LATAR = 0
    klien_untuk(verifikator_pusat).get(URL_EXCEL)
    ekspor = EksporPrioritas.objects.get()
    assert ekspor.kabupaten_kota is None
    unduh = reverse("penilaian:prioritas_ekspor_unduh", args=[ekspor.pk])
    assert klien_untuk(verifikator_pusat).get(unduh).status_code == 200
    lain = buat_pengguna("pusat_lain", "verifikator_pusat")
    assert klien_untuk(lain).get(unduh).status_code == 404
    assert klien_untuk(operator_a).get(unduh).status_code == 404


def test_a_waiting_export_polls_until_done(operator_a, kota_a):
    ekspor = EksporPrioritas.objects.create(dibuat_oleh=operator_a, kabupaten_kota=kota_a)
    url = reverse("penilaian:prioritas_ekspor", args=[ekspor.pk])
    klien = klien_untuk(operator_a)
    assert 'hx-trigger="every 2s"' in klien.get(url).text
    r = klien.get(url, headers={"HX-Request": "true"})
    assert "<html" not in r.text and "Menunggu" in r.text
    # Not done: no file to fetch.
    unduh = reverse("penilaian:prioritas_ekspor_unduh", args=[ekspor.pk])
    assert klien.get(unduh).status_code == 404


def test_anonymous_is_sent_to_login(operator_a, kota_a):
    ekspor = EksporPrioritas.objects.create(dibuat_oleh=operator_a, kabupaten_kota=kota_a)
    for nama in ("penilaian:prioritas_ekspor", "penilaian:prioritas_ekspor_unduh"):
        r = klien_untuk(None).get(reverse(nama, args=[ekspor.pk]))
        assert r.status_code == 302 and r["Location"].startswith(reverse("login"))
