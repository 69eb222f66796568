"""Kegiatan pages: list, detail, add/edit with effects and funding, status steps, rights."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kolaborasi.kegiatan import services
from kolaborasi.models import Kegiatan
from lokasi import riwayat
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, buat_unit, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku

pytestmark = pytest.mark.django_db

TANPA_2A = {k: v for k, v in PITA_SEDANG.items() if k != "2a"}


def survei_2a(lokasi, panjang_kurang=1000, tahun=2025, status="terverifikasi_pusat"):
    """A verified survey where 2a comes from numbers: `panjang_kurang` m of road lacking."""
    return buat_penilaian(
        lokasi, tahun=tahun, status=status, pita=TANPA_2A,
        numerik={"panjang_jalan_ideal_m": Decimal(panjang_kurang), "panjang_jalan_eksisting_m": 0},
    )  # fmt: skip


def data_kegiatan(lokasi=None, efek=(), **ubah):
    data = {
        "program": "Peningkatan kualitas permukiman",
        "nama": "Jalan lingkungan RW 02",
        "ruang_lingkup": "psu",
        "sub_lingkup": "jalan lingkungan",
        "lokasi": lokasi.pk if lokasi else "",
        "unit": "",
        "tahun": "2026",
        "tahun_awal_rencana": "2025",
        "biaya": "150.000.000",
        "pelaksana": "pihak_ketiga",
        "penanggung_jawab": "",
        "dasar": "rplp",
        "dasar_dokumen": "",
        "catatan": "",
        "versi": "",
        "dana_apbd_kabkota": "100.000.000",
        "dana_csr": "50000000",
        "efek-TOTAL_FORMS": str(max(len(efek), 2)),
        "efek-INITIAL_FORMS": "0",
    }
    for i, baris in enumerate(efek):
        for kunci, nilai in baris.items():
            data[f"efek-{i}-{kunci}"] = nilai
    data.update(ubah)
    return data


# --- list -------------------------------------------------------------------------------------


def test_list_shows_own_city_with_effects_and_totals_by_source(
    operator_a, kota_a, lokasi_a, lokasi_b
):
    buat_kegiatan(kota_a, lokasi_a, nama="Jalan A", efek={"2a": 500, "6a": 90},
                  dana={"apbd_kabkota": 60, "csr": 40})  # fmt: skip
    buat_kegiatan(kota_a, None, nama="Hidran kota", dana={"dak": 25})
    buat_kegiatan(lokasi_b.kabupaten_kota, lokasi_b, nama="Jalan Beta")
    r = klien_untuk(operator_a).get(reverse("kolaborasi:kegiatan_daftar"))
    teks = r.content.decode()
    assert r.status_code == 200
    assert "Jalan A" in teks and "Hidran kota" in teks and "Jalan Beta" not in teks
    assert "2a: 500 m; 6a: 90 KK" in teks and "Skala kota" in teks
    totals = dict(r.context["total_sumber"])
    assert totals == {"APBD Kab/Kota": Decimal(60), "CSR/TJSLP": Decimal(40), "DAK": Decimal(25)}
    assert r.context["total_biaya"] == Decimal(125)
    assert "Tambah kegiatan" in teks


@pytest.mark.parametrize(
    ("saringan", "diharapkan"),
    [
        ({"tahun": "2027"}, {"Drainase 2027"}),
        ({"status": "usulan"}, {"Drainase 2027"}),
        ({"sumber": "csr"}, {"Jalan A"}),
        ({"pelaksana": "swakelola"}, {"Drainase 2027"}),
        ({"ruang_lingkup": "ekonomi"}, {"Modal usaha kota"}),
        ({"lokasi": "kota"}, {"Modal usaha kota"}),
        ({"q": "drainase"}, {"Drainase 2027"}),
    ],
)
def test_list_filters(operator_a, kota_a, lokasi_a, saringan, diharapkan):
    buat_kegiatan(kota_a, lokasi_a, nama="Jalan A", dana={"csr": 10})
    buat_kegiatan(kota_a, lokasi_a, nama="Drainase 2027", tahun=2027, status="usulan",
                  pelaksana="swakelola")  # fmt: skip
    buat_kegiatan(kota_a, None, nama="Modal usaha kota", ruang_lingkup="ekonomi")
    r = klien_untuk(operator_a).get(reverse("kolaborasi:kegiatan_daftar"), saringan)
    assert {k.nama for k in r.context["halaman"].object_list} == diharapkan


def test_list_filters_lokasi_and_kecamatan_through_city_wide_effects(operator_a, kota_a, lokasi_a):
    lain = buat_lokasi(kota_a, "Kampung Lain")
    kota = buat_kegiatan(kota_a, None, nama="APAR kota")
    kota.efek.create(lokasi=lokasi_a, kriteria="7b", volume=10)
    kota.efek.create(lokasi=lokasi_a, kriteria="7a", volume=10)
    buat_kegiatan(kota_a, lain, nama="Jalan lain")
    klien = klien_untuk(operator_a)
    r = klien.get(reverse("kolaborasi:kegiatan_daftar"), {"lokasi": lokasi_a.pk})
    assert [k.nama for k in r.context["halaman"].object_list] == ["APAR kota"]
    kecamatan = lokasi_a.kelurahan.first().kecamatan
    r = klien.get(reverse("kolaborasi:kegiatan_daftar"), {"kecamatan": kecamatan.pk})
    assert {k.nama for k in r.context["halaman"].object_list} == {"APAR kota", "Jalan lain"}
    assert r.context["jumlah"] == 2  # one row per kegiatan despite two matching effects


def test_list_htmx_returns_the_partial(operator_a, kota_a, lokasi_a):
    buat_kegiatan(kota_a, lokasi_a)
    r = klien_untuk(operator_a).get(
        reverse("kolaborasi:kegiatan_daftar"),
        {"status": "direncanakan"},
        headers={"HX-Request": "true", "HX-Target": "hasil-kegiatan"},
    )
    assert "<h1>" not in r.content.decode() and "Biaya menurut sumber dana" in r.content.decode()


def test_verifier_reads_the_list_without_the_add_button(verifikator_p, kota_a, lokasi_a):
    buat_kegiatan(kota_a, lokasi_a, nama="Jalan A")
    r = klien_untuk(verifikator_p).get(reverse("kolaborasi:kegiatan_daftar"))
    assert "Jalan A" in r.content.decode() and not r.context["boleh_tambah"]


def test_anonymous_is_sent_to_login():
    for url in (
        reverse("kolaborasi:kegiatan_daftar"),
        reverse("kolaborasi:kegiatan_tambah"),
        reverse("kolaborasi:kegiatan_detail", args=[1]),
        reverse("kolaborasi:kegiatan_ubah", args=[1]),
    ):
        r = klien_untuk(None).get(url)
        assert r.status_code == 302
        assert r.url.startswith(reverse("login"))


# --- detail -----------------------------------------------------------------------------------


def test_detail_shows_effects_funding_and_the_remaining_volume_warning(pokja_a, kota_a, lokasi_a):
    survei_2a(lokasi_a, 1000)
    buat_kegiatan(kota_a, lokasi_a, nama="Jalan lain", efek={"2a": 400}, tahun=2026)
    buat_kegiatan(kota_a, lokasi_a, nama="Usulan", efek={"2a": 900}, status="usulan")
    k = buat_kegiatan(kota_a, lokasi_a, nama="Jalan ini", efek={"2a": 700}, tahun=2027)
    r = klien_untuk(pokja_a).get(k.get_absolute_url())
    teks = r.content.decode()
    assert r.status_code == 200
    assert r.context["peringatan"] == [
        "Kampung Nelayan Alfa: volume 2a (700 m) melebihi sisa volume kumuh 600 m menurut "
        "penilaian 2025 (volume kumuh 1.000 m dikurangi 400 m kegiatan lain)."
    ]
    assert "Sumber dana berjumlah sama dengan biaya" in teks
    assert "Tetapkan menjadi Dianggarkan" in teks


def test_detail_for_operator_and_verifier_has_no_status_button(
    operator_a, verifikator_p, kota_a, lokasi_a
):
    k = buat_kegiatan(kota_a, lokasi_a)
    teks = klien_untuk(operator_a).get(k.get_absolute_url()).content.decode()
    assert "Tetapkan menjadi" not in teks and "diputuskan oleh anggota Pokja" in teks
    assert reverse("kolaborasi:kegiatan_ubah", args=[k.pk]) in teks
    r = klien_untuk(verifikator_p).get(k.get_absolute_url())
    assert r.status_code == 200
    assert reverse("kolaborasi:kegiatan_ubah", args=[k.pk]) not in r.content.decode()


def test_other_city_gets_404(operator_b, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a)
    klien = klien_untuk(operator_b)
    assert klien.get(k.get_absolute_url()).status_code == 404
    assert klien.get(reverse("kolaborasi:kegiatan_ubah", args=[k.pk])).status_code == 404
    r = klien.post(reverse("kolaborasi:kegiatan_lanjutkan", args=[k.pk]), {"dari": k.status})
    assert r.status_code == 404


def test_remaining_volume_query_count_is_constant(kota_a, lokasi_a, django_assert_max_num_queries):
    lokasi = [lokasi_a, *(buat_lokasi(kota_a, f"Kampung {i}") for i in range(4))]
    for lk in lokasi:
        survei_2a(lk)
    kota = buat_kegiatan(kota_a, None)
    for lk in lokasi:
        kota.efek.create(lokasi=lk, kriteria="2a", volume=10)
        kota.efek.create(lokasi=lk, kriteria="6a", volume=10)
    with django_assert_max_num_queries(8):
        hasil = services.sisa_volume(kota)
    assert len(hasil) == 10


# --- add / edit -------------------------------------------------------------------------------


def test_pokja_adds_a_kegiatan_with_two_effects_and_split_funding(pokja_a, kota_a, lokasi_a):
    survei_2a(lokasi_a, 600)
    pt = buat_pemangku(kota_a, "PT Batik Sejahtera", "perusahaan")
    data = data_kegiatan(
        lokasi_a,
        efek=[{"kriteria": "2a", "volume": "700"}, {"kriteria": "6a", "volume": "90"}],
        pemberi_csr=pt.pk,
    )
    r = klien_untuk(pokja_a).post(reverse("kolaborasi:kegiatan_tambah"), data, follow=True)
    k = Kegiatan.objects.get()
    assert r.redirect_chain[-1][0] == k.get_absolute_url()
    assert k.kabupaten_kota == kota_a and k.dibuat_oleh == pokja_a and k.status == "usulan"
    assert k.biaya == Decimal(150_000_000)
    assert sorted((e.kriteria, e.volume, e.lokasi_id) for e in k.efek.all()) == [
        ("2a", Decimal(700), lokasi_a.pk), ("6a", Decimal(90), lokasi_a.pk),
    ]  # fmt: skip
    assert {d.sumber: (d.jumlah, d.pemangku_id) for d in k.pendanaan.all()} == {
        "apbd_kabkota": (Decimal(100_000_000), None), "csr": (Decimal(50_000_000), pt.pk),
    }  # fmt: skip
    teks = r.content.decode()
    assert (
        "Volume 2a (700 m) melebihi sisa volume kumuh 600 m menurut penilaian 2025"
        in teks.replace("Kampung Nelayan Alfa: volume", "Volume")
    )
    [catatan] = riwayat.untuk(k)
    assert catatan.tindakan == "dibuat" and "2a: 700 m" in catatan.perubahan["efek"][1]
    # Read as the page shows them: labels of choices, a year without a thousands dot.
    assert catatan.perubahan["status"] == ["", "Usulan"]
    assert catatan.perubahan["tahun pelaksanaan"] == ["", "2026"]
    assert catatan.perubahan["pelaksana"] == ["", "Pihak ketiga"]


def test_funding_that_does_not_sum_names_biaya_and_the_difference(operator_a, lokasi_a):
    data = data_kegiatan(lokasi_a, dana_csr="")
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.status_code == 200 and not Kegiatan.objects.exists()
    assert r.context["form"].errors["biaya"] == [
        "Jumlah pendanaan Rp 100.000.000 kurang Rp 50.000.000 dari biaya Rp 150.000.000: "
        "sumber dana harus berjumlah sama dengan biaya."
    ]
    assert "Biaya (Rp)</a>: Jumlah pendanaan" in r.content.decode()


def test_row_errors_name_the_row_and_field_and_nothing_is_saved(operator_a, lokasi_a, kota_a):
    lain = buat_lokasi(kota_a, "Kampung Lain")
    data = data_kegiatan(
        lokasi_a,
        efek=[{"kriteria": "2a", "volume": "100"}, {"kriteria": "6a", "volume": "-3"},
              {"kriteria": "5a", "volume": "5", "lokasi": lain.pk}],
    )  # fmt: skip
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.status_code == 200 and not Kegiatan.objects.exists()
    galat = r.context["galat_efek"]
    assert any(g.startswith("Efek baris 2, volume: ") for g in galat), galat
    data["efek-1-volume"] = "3"
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.context["galat_efek"] == [
        "Efek baris 3, lokasi: kegiatan ini di Kampung Nelayan Alfa; efeknya harus di lokasi itu"
    ]
    assert not Kegiatan.objects.exists()


def test_city_wide_effects_need_their_lokasi_and_units_must_belong(operator_a, kota_a, lokasi_a):
    lain = buat_lokasi(kota_a, "Kampung Lain")
    unit_lain = buat_unit(lain)
    data = data_kegiatan(None, efek=[{"kriteria": "7b", "volume": "20"},
                                     {"kriteria": "7b", "volume": "5", "lokasi": lokasi_a.pk,
                                      "unit": unit_lain.pk}])  # fmt: skip
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.context["galat_efek"] == [
        "Efek baris 1, lokasi: kegiatan skala kota: sebutkan lokasi efek ini",
        "Efek baris 2, unit rt: unit RT ini bukan bagian dari Kampung Nelayan Alfa",
    ]
    data["efek-0-lokasi"] = lain.pk
    data["efek-1-unit"] = ""
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.status_code == 302
    k = Kegiatan.objects.get()
    assert k.skala_kota and {e.lokasi_id for e in k.efek.all()} == {lokasi_a.pk, lain.pk}


def test_other_city_choices_are_refused(operator_a, lokasi_b, kota_b, lokasi_a):
    pt_b = buat_pemangku(kota_b, "PT Beta", "perusahaan")
    data = data_kegiatan(lokasi_b, pemberi_csr=pt_b.pk)
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert set(r.context["form"].errors) == {"lokasi", "pemberi_csr"}
    data = data_kegiatan(None, efek=[{"kriteria": "2a", "volume": "5", "lokasi": lokasi_b.pk}])
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.context["galat_efek"][0].startswith("Efek baris 1, lokasi: ")
    assert not Kegiatan.objects.exists()


def test_add_row_button_adds_a_blank_row_without_saving(operator_a, lokasi_a):
    data = data_kegiatan(lokasi_a, efek=[{"kriteria": "2a", "volume": "5"}], tambah_efek="1")
    r = klien_untuk(operator_a).post(reverse("kolaborasi:kegiatan_tambah"), data)
    assert r.status_code == 200 and len(r.context["efek"].forms) == 3
    assert not r.context["galat_efek"] and not Kegiatan.objects.exists()


def test_edit_replaces_effects_records_history_and_refuses_a_stale_version(
    admin_a, operator_a, kota_a, lokasi_a
):
    k = buat_kegiatan(kota_a, lokasi_a, efek={"2a": 100}, dana={"apbd_kabkota": 150_000_000})
    url = reverse("kolaborasi:kegiatan_ubah", args=[k.pk])
    r = klien_untuk(admin_a).get(url)
    assert r.status_code == 200 and len(r.context["efek"].forms) == 3  # one stored + two blank
    data = data_kegiatan(
        lokasi_a, efek=[{"kriteria": "2a", "volume": "100", "DELETE": "on"},
                        {"kriteria": "4a", "volume": "250"}], versi=str(k.versi),
    )  # fmt: skip
    assert klien_untuk(admin_a).post(url, data).status_code == 302
    k.refresh_from_db()
    assert k.versi == 2 and [(e.kriteria, e.volume) for e in k.efek.all()] == [("4a", 250)]
    [ubah] = riwayat.untuk(k)
    assert ubah.tindakan == "diubah" and "4a: 250 m" in ubah.perubahan["efek"][1]
    assert "CSR/TJSLP" in ubah.perubahan["pendanaan"][1]
    # operator_a opened the form at version 1: refused, naming who saved.
    data["nama"] = "Nama lain"
    data["versi"] = "1"
    r = klien_untuk(operator_a).post(url, data)
    assert r.status_code == 200
    assert "sudah diubah oleh Admin A" in r.content.decode()
    k.refresh_from_db()
    assert k.nama != "Nama lain" and k.versi == 2


def test_verifier_cannot_add_or_edit(verifikator_p, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a)
    klien = klien_untuk(verifikator_p)
    assert klien.get(reverse("kolaborasi:kegiatan_tambah")).status_code == 403
    assert klien.get(reverse("kolaborasi:kegiatan_ubah", args=[k.pk])).status_code == 403
    assert (
        klien.post(reverse("kolaborasi:kegiatan_tambah"), data_kegiatan(lokasi_a)).status_code
        == 403
    )


# --- status -----------------------------------------------------------------------------------


def test_pokja_moves_the_status_one_step_with_history(pokja_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, status="usulan")
    url = reverse("kolaborasi:kegiatan_lanjutkan", args=[k.pk])
    klien = klien_untuk(pokja_a)
    assert klien.post(url, {"dari": "usulan"}).status_code == 302
    k.refresh_from_db()
    assert k.status == "direncanakan"
    [catatan] = riwayat.untuk(k)
    assert catatan.perubahan == {"status": ["Usulan", "Direncanakan"]}
    # A second click from the same stale page does not skip a step.
    r = klien.post(url, {"dari": "usulan"}, follow=True)
    k.refresh_from_db()
    assert k.status == "direncanakan" and "Status kegiatan sudah berubah" in r.content.decode()


def test_the_last_state_has_no_next_step(admin_a, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, status="diserahterimakan")
    r = klien_untuk(admin_a).get(k.get_absolute_url())
    assert "Tetapkan menjadi" not in r.content.decode()
    klien_untuk(admin_a).post(
        reverse("kolaborasi:kegiatan_lanjutkan", args=[k.pk]), {"dari": "diserahterimakan"}
    )
    k.refresh_from_db()
    assert k.status == "diserahterimakan"


def test_operator_and_verifier_may_not_move_the_status(operator_a, verifikator_p, kota_a, lokasi_a):
    k = buat_kegiatan(kota_a, lokasi_a, status="usulan")
    url = reverse("kolaborasi:kegiatan_lanjutkan", args=[k.pk])
    assert klien_untuk(operator_a).post(url, {"dari": "usulan"}).status_code == 403
    assert klien_untuk(verifikator_p).post(url, {"dari": "usulan"}).status_code == 403
    assert klien_untuk(operator_a).get(url).status_code == 405
    k.refresh_from_db()
    assert k.status == "usulan"


# --- service ----------------------------------------------------------------------------------


def test_the_service_refuses_what_the_form_would_and_saves_nothing(
    operator_a, kota_a, kota_b, lokasi_a, lokasi_b
):
    from django.core.exceptions import ValidationError

    def simpan(**nilai):
        bawaan = {
            "program": "P", "nama": "N", "ruang_lingkup": "psu", "tahun": 2026,
            "tahun_awal_rencana": 2026, "biaya": Decimal(100), "pelaksana": "swakelola",
        }  # fmt: skip
        kegiatan = Kegiatan(kabupaten_kota=kota_a, **{**bawaan, **nilai.pop("kegiatan", {})})
        dana = nilai.get("dana", [services.Dana("dak", Decimal(100))])
        return services.kegiatan_simpan(
            kegiatan=kegiatan, pengguna=operator_a, versi_awal=None,
            efek=nilai.get("efek", []), pendanaan=dana,
        )  # fmt: skip

    with pytest.raises(ValidationError, match="kurang Rp 40"):
        simpan(dana=[services.Dana("dak", Decimal(60))])
    with pytest.raises(ValidationError, match="Lokasi harus"):
        simpan(kegiatan={"lokasi": lokasi_b})
    with pytest.raises(ValidationError, match="Penanggung jawab"):
        simpan(kegiatan={"lokasi": lokasi_a, "penanggung_jawab": buat_pemangku(kota_b)})
    with pytest.raises(ValidationError, match="Lokasi efek"):
        simpan(efek=[services.Efek("2a", Decimal(5), lokasi_b)])
    assert not Kegiatan.objects.exists()
    assert simpan(kegiatan={"lokasi": lokasi_a}).pk
