"""Survey entry, results, history, concurrent edits and the workflow through the pages."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lokasi import riwayat
from penilaian import akses, services
from penilaian.models import LangkahAlur, Penilaian, Status
from tests.conftest import buat_penilaian, buat_unit, klien_untuk

pytestmark = pytest.mark.django_db

# A complete Format Numerik for buat_lokasi's defaults (400 bangunan, 390 KK, 4,5 ha).
NUMERIK = {
    "luas_verifikasi_ha": "4.5",
    "jumlah_bangunan": "400",
    "jumlah_penduduk": "1420",
    "jumlah_kk": "390",
    "panjang_jalan_ideal_m": "1000",
    "panjang_drainase_ideal_m": "2000",
    "bangunan_tidak_teratur": "320",  # 80 % → 5
    "luas_kepadatan_tinggi_ha": "0.9",  # 20 % → 0
    "bangunan_tidak_sesuai_teknis": "220",  # 55 % → 3
    "panjang_jalan_eksisting_m": "700",  # gap 30 % → 1
    "panjang_jalan_rusak_m": "500",  # 50 % → 1
    "kk_tanpa_akses_air_minum_aman": "0",
    "kk_kebutuhan_air_minum_tidak_terpenuhi": "0",
    "panjang_drainase_eksisting_m": "1000",  # gap 50 % → 1
    "luas_genangan_ha": "3.6",  # 80 % → 5
    "panjang_drainase_rusak_m": "800",  # 40 % → 1
    "kk_air_limbah_tidak_sesuai_standar": "300",  # 76,92 % → 5
    "kk_sarpras_air_limbah_tidak_sesuai": "200",  # 51,28 % → 3
    "kk_sarpras_sampah_tidak_sesuai": "100",  # 25,64 % → 1
    "kk_sistem_sampah_tidak_sesuai": "50",  # 12,82 % → 0
    "bangunan_tanpa_prasarana_proteksi_kebakaran": "400",  # 100 % → 5
    "bangunan_tanpa_sarana_proteksi_kebakaran": "100",  # 25 % → 1
}
NILAI = 5 + 0 + 3 + 1 + 1 + 0 + 0 + 1 + 5 + 1 + 5 + 3 + 1 + 0 + 5 + 1  # 32, Kumuh Ringan


def data_isi(penilaian, numerik=NUMERIK, **ubah):
    data = {
        "versi": penilaian.versi,
        "tahun": penilaian.tahun,
        "surveyor_nama": "Sinta",
        "status_penguasaan": "1",
        "kesesuaian_rtr": "0",
        "strategis": "1",
        "potensi_sosekbud": "1",
        "kepadatan_penduduk": "",
    }
    for kode in services.rumus.KODE_KRITERIA:
        data[f"pita_{kode}"] = ""
    for lembar in penilaian.numerik.all():
        for kunci, nilai in numerik.items():
            data[f"n{lembar.unit_id or 0}_{kunci}"] = nilai
    data.update(ubah)
    return data


@pytest.fixture
def draf(operator_a, lokasi_a):
    return services.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)


def test_operator_starts_a_survey_prefilled_from_the_lokasi(operator_a, lokasi_a):
    r = klien_untuk(operator_a).post(
        reverse("penilaian:buat"), {"lokasi": lokasi_a.pk, "tahun": 2025}
    )
    penilaian = Penilaian.objects.get()
    assert r["Location"] == reverse("penilaian:isi", args=[penilaian.pk])
    lembar = penilaian.numerik.get()
    assert lembar.jumlah_kk == 390 and lembar.luas_verifikasi_ha == Decimal("4.5")
    assert penilaian.isian.count() == 16
    assert penilaian.status == Status.DRAF and not penilaian.lengkap


def test_only_operators_of_the_city_start_surveys(pokja_a, operator_b, lokasi_a):
    assert (
        klien_untuk(pokja_a)
        .post(reverse("penilaian:buat"), {"lokasi": lokasi_a.pk, "tahun": 2025})
        .status_code
        == 403
    )
    r = klien_untuk(operator_b).post(
        reverse("penilaian:buat"), {"lokasi": lokasi_a.pk, "tahun": 2025}, follow=True
    )
    assert "Lokasi" in r.text and not Penilaian.objects.exists()


def test_saving_numerik_computes_results_and_keeps_history(operator_a, draf):
    klien = klien_untuk(operator_a)
    r = klien.post(reverse("penilaian:isi", args=[draf.pk]), data_isi(draf))
    assert r.status_code == 302, r.context and r.context["form"].errors
    draf.refresh_from_db()
    assert draf.nilai_kekumuhan == NILAI
    assert draf.tingkat_kekumuhan == "Kumuh Ringan"
    # PL: strategis 5 + density 1420/4,5 = 315,56 → 5 + potensi 5 = 15 Tinggi; RTR (−): Tidak Legal
    assert draf.nilai_pertimbangan_lain == 15
    assert draf.legalitas == "Tidak Legal"
    assert draf.klasifikasi == "C2" and draf.prioritas == 3
    assert draf.pola_penanganan == "Pemukiman Kembali"
    assert draf.kewenangan == "Kabupaten/Kota"
    assert draf.hasil["persen"]["5a"] == "76.92"
    catatan = riwayat.untuk(draf).first()
    assert catatan.pengguna == operator_a
    assert catatan.perubahan["nilai kekumuhan"] == ["", "32"]
    halaman = klien.get(draf.get_absolute_url()).text
    assert "C2/ 3" in halaman and "76,92" in halaman


def test_bands_score_like_percentages(operator_a, draf):
    pita = {f"pita_{k}": "76-100" for k in services.rumus.KODE_KRITERIA}
    klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), data_isi(draf, **pita))
    draf.refresh_from_db()
    assert draf.nilai_kekumuhan == 80 and draf.klasifikasi == "A2"


def test_type_errors_name_the_field_and_save_nothing(operator_a, draf):
    data = data_isi(draf, n0_jumlah_kk="-5", n0_bangunan_tidak_teratur="banyak")
    r = klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), data)
    assert r.status_code == 200
    galat = r.context["isian_form"].errors
    assert "n0_jumlah_kk" in galat and "n0_bangunan_tidak_teratur" in galat
    assert "Jumlah KK" in r.text  # the error summary names the field
    assert 'value="Sinta"' in r.text  # nothing typed is lost
    draf.refresh_from_db()
    assert draf.versi == 1 and draf.surveyor_nama == ""


def test_inconsistent_values_save_as_draft_with_what_is_missing(operator_a, draf):
    data = data_isi(draf, n0_panjang_jalan_rusak_m="900")  # more than the 700 m existing
    r = klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), data)
    assert r.status_code == 302
    draf.refresh_from_db()
    assert not draf.lengkap
    assert any("panjang_jalan_eksisting_m" in k["pesan"] for k in draf.kekurangan)
    # …and cannot be submitted
    r = klien_untuk(operator_a).post(
        reverse("penilaian:alur", args=[draf.pk]), {"ke": "diajukan"}, follow=True
    )
    assert "belum lengkap" in r.text
    draf.refresh_from_db()
    assert draf.status == Status.DRAF


def test_concurrent_edit_is_refused_naming_who_saved(operator_a, admin_a, draf):
    services.penilaian_simpan(
        penilaian=draf,
        pengguna=admin_a,
        versi_awal=1,
        isian=services.Isian(data={"surveyor_nama": "Admin"}, pita={}, numerik={}),
    )
    data = data_isi(draf, versi=1, surveyor_nama="Operator")
    r = klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), data)
    assert r.status_code == 409
    pesan = " ".join(r.context["form"].non_field_errors())
    assert "Admin A" in pesan and "sudah diubah" in pesan
    draf.refresh_from_db()
    assert draf.surveyor_nama == "Admin"
    assert 'value="Operator"' in r.text


def test_live_panel_scores_without_saving(operator_a, draf):
    r = klien_untuk(operator_a).post(reverse("penilaian:panel", args=[draf.pk]), data_isi(draf))
    assert r.status_code == 200
    assert "<html" not in r.text
    assert 'id="panel-nilai">32<' in r.text
    assert "C2/ 3" in r.text
    draf.refresh_from_db()
    assert draf.nilai_kekumuhan is None and draf.versi == 1
    r = klien_untuk(operator_a).post(
        reverse("penilaian:panel", args=[draf.pk]), data_isi(draf, n0_jumlah_kk="")
    )
    assert "Jumlah KK" in r.text and "perlu dilengkapi" in r.text


def test_kawasan_with_units_scores_from_their_sums(operator_a, lokasi_a):
    u1 = buat_unit(lokasi_a, "001")
    u2 = buat_unit(lokasi_a, "002")
    draf = services.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)
    assert draf.numerik.count() == 2
    satu = {**NUMERIK, "kk_air_limbah_tidak_sesuai_standar": "351"}  # 90 % of 390
    dua = {**NUMERIK, "kk_air_limbah_tidak_sesuai_standar": "39"}  # 10 %
    data = data_isi(draf)
    for kunci, nilai in satu.items():
        data[f"n{u1.pk}_{kunci}"] = nilai
    for kunci, nilai in dua.items():
        data[f"n{u2.pk}_{kunci}"] = nilai
    r = klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), data)
    assert r.status_code == 302
    draf.refresh_from_db()
    # 390 of 780 KK = 50 % → 1 for the kawasan, not the mean of the unit scores (5 and 0)
    assert draf.hasil["persen"]["5a"] == "50.00"
    assert draf.hasil["skor"]["5a"] == 1
    assert draf.hasil["unit"][str(u1.pk)]["skor"]["5a"] == 5
    assert draf.hasil["unit"][str(u2.pk)]["skor"]["5a"] == 0


def test_workflow_through_every_role(operator_a, pokja_a, verifikator_p, verifikator_pusat, draf):
    klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), data_isi(draf))
    url = reverse("penilaian:alur", args=[draf.pk])
    # an operator cannot approve
    assert klien_untuk(operator_a).post(url, {"ke": "disetujui_pokja"}).status_code == 403
    klien_untuk(operator_a).post(url, {"ke": "diajukan"})
    # only a draf can be edited
    assert klien_untuk(operator_a).get(reverse("penilaian:isi", args=[draf.pk])).status_code == 403
    assert klien_untuk(verifikator_p).post(url, {"ke": "terverifikasi_provinsi"}).status_code == 403
    klien_untuk(pokja_a).post(url, {"ke": "disetujui_pokja"})
    klien_untuk(verifikator_p).post(url, {"ke": "terverifikasi_provinsi"})
    klien_untuk(verifikator_pusat).post(url, {"ke": "terverifikasi_pusat"})
    draf.refresh_from_db()
    assert draf.status == Status.TERVERIFIKASI_PUSAT
    langkah = list(LangkahAlur.objects.filter(penilaian=draf).values_list("ke", "pengguna"))
    assert langkah == [
        ("diajukan", operator_a.pk),
        ("disetujui_pokja", pokja_a.pk),
        ("terverifikasi_provinsi", verifikator_p.pk),
        ("terverifikasi_pusat", verifikator_pusat.pk),
    ]


def test_return_to_draft_needs_a_reason_the_operator_sees(operator_a, pokja_a, draf):
    klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), data_isi(draf))
    url = reverse("penilaian:alur", args=[draf.pk])
    klien_untuk(operator_a).post(url, {"ke": "diajukan"})
    r = klien_untuk(pokja_a).post(url, {"ke": "draf", "catatan": ""}, follow=True)
    assert "Alasan pengembalian wajib diisi" in r.text
    klien_untuk(pokja_a).post(url, {"ke": "draf", "catatan": "Foto 2b belum ada"})
    draf.refresh_from_db()
    assert draf.status == Status.DRAF
    halaman = klien_untuk(operator_a).get(draf.get_absolute_url()).text
    assert "Foto 2b belum ada" in halaman
    assert klien_untuk(operator_a).get(reverse("penilaian:isi", args=[draf.pk])).status_code == 200


@pytest.mark.parametrize(
    ("peran", "baca"),
    [
        ("operator_a", 200),
        ("pokja_a", 200),
        ("verifikator_p", 200),
        ("verifikator_pusat", 200),
        ("operator_b", 404),
    ],
)
def test_survey_pages_are_scoped(request, lokasi_a, peran, baca):
    penilaian = buat_penilaian(lokasi_a)
    klien = klien_untuk(request.getfixturevalue(peran))
    assert klien.get(penilaian.get_absolute_url()).status_code == baca
    tulis = 200 if peran == "operator_a" else (404 if baca == 404 else 403)
    assert klien.get(reverse("penilaian:isi", args=[penilaian.pk])).status_code == tulis
    assert klien.post(reverse("penilaian:panel", args=[penilaian.pk]), {}).status_code == tulis
    r = klien.post(reverse("penilaian:alur", args=[penilaian.pk]), {"ke": "diajukan"})
    assert r.status_code in ((302,) if peran == "operator_a" else (404,) if baca == 404 else (403,))
    assert klien.get(reverse("penilaian:foto", args=[penilaian.pk, "1a"])).status_code == 404
    daftar = klien.get(reverse("penilaian:daftar")).text
    assert (lokasi_a.nama in daftar) is (baca == 200)


def test_anonymous_is_sent_to_login(lokasi_a):
    penilaian = buat_penilaian(lokasi_a)
    for url in [
        reverse("penilaian:daftar"),
        penilaian.get_absolute_url(),
        reverse("penilaian:isi", args=[penilaian.pk]),
    ]:
        r = klien_untuk(None).get(url)
        assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_service_refuses_a_pokja_member_of_another_city(lokasi_a, kota_b):
    from django.core.exceptions import PermissionDenied

    from tests.conftest import buat_pengguna

    pokja_b = buat_pengguna("pokja_b", "pokja", kota_b)
    penilaian = buat_penilaian(lokasi_a, status="diajukan")
    assert akses.langkah_berikut(penilaian, pokja_b) == []
    with pytest.raises(PermissionDenied):
        services.penilaian_pindah(penilaian=penilaian, pengguna=pokja_b, ke="disetujui_pokja")


def test_each_criterion_shows_its_percentage_as_typed(operator_a, draf):
    # only 1a's part typed: 1a shows its % and score while the survey as a whole cannot score
    data = data_isi(draf, numerik={"jumlah_bangunan": "400", "bangunan_tidak_teratur": "210"})
    r = klien_untuk(operator_a).post(reverse("penilaian:panel", args=[draf.pk]), data)
    assert 'id="skor-1a" hx-swap-oob="true">52,50 % → 3<' in r.text
    assert 'id="skor-3a" hx-swap-oob="true">–<' in r.text
    assert "Belum dapat dihitung" in r.text
    halaman = klien_untuk(operator_a).get(reverse("penilaian:isi", args=[draf.pk])).text
    assert 'id="skor-1a">–<' in halaman  # nothing typed for 1a yet in the stored draft


def test_survey_list_links_import_for_operators_only(operator_a, pokja_a):
    url_impor = reverse("penilaian:impor")
    assert url_impor in klien_untuk(operator_a).get(reverse("penilaian:daftar")).text
    assert url_impor not in klien_untuk(pokja_a).get(reverse("penilaian:daftar")).text


def test_a_link_with_lokasi_preselects_it_in_the_new_survey_form(kota_a, operator_a, lokasi_a):
    klien = klien_untuk(operator_a)
    form = klien.get("/penilaian/", {"lokasi": lokasi_a.pk}).context["baru_form"]
    assert str(form["lokasi"].value()) == str(lokasi_a.pk)
    assert f'<option value="{lokasi_a.pk}" selected>' in str(form["lokasi"])
