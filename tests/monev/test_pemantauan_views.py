"""Monitoring pages: the list, a kegiatan's page, adding an entry, photos, APIP findings; each
for the city's roles, a verifier (reads), another city's operator (404) and anonymous users."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from lokasi import riwayat
from lokasi.models import Kecamatan, Kelurahan
from monev.models import FotoPemantauan, Pemantauan, TemuanAPIP
from tests.conftest import buat_lokasi, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.monev.pemantauan_bantu import buat_pemantauan, png

pytestmark = pytest.mark.django_db


@pytest.fixture
def kegiatan(kota_a, lokasi_a):
    return buat_kegiatan(
        kota_a, lokasi_a, efek={"2a": 500, "6a": 120},
        dana={"apbd_kabkota": 80_000_000, "csr": 20_000_000}, status="berjalan",
    )  # fmt: skip


def _data(kegiatan, **ubah) -> dict:
    efek = {e.kriteria: e.pk for e in kegiatan.efek.all()}
    data = {
        "terakhir": "", "tanggal": "2026-07-01", "progres_fisik": "40",
        f"efek_{efek['2a']}": "200", f"efek_{efek['6a']}": "0",
        "dana_apbd_kabkota": "30.000.000", "dana_csr": "",
        "kendala": "Hujan", "tindakan_korektif": "Tambah tenaga",
        "foto-TOTAL_FORMS": "3", "foto-INITIAL_FORMS": "0",
        "foto-MIN_NUM_FORMS": "0", "foto-MAX_NUM_FORMS": "10",
    }  # fmt: skip
    for i in range(3):
        data[f"foto-{i}-tahap"] = "0"
    data.update(ubah)
    return data


# --- list ------------------------------------------------------------------------------------


def test_the_list_shows_monitored_kegiatan_of_the_city_only(
    operator_a, verifikator_p, operator_b, kota_a, kota_b, lokasi_a, lokasi_b, kegiatan
):
    buat_pemantauan(kegiatan, progres=40, volume={"2a": 250, "6a": 60}, dana={"csr": 10_000_000})
    buat_kegiatan(kota_a, lokasi_a, nama="Masih usulan", status="usulan")
    buat_kegiatan(kota_b, lokasi_b, nama="Jalan kota B", status="berjalan")
    url = reverse("monev:pemantauan_daftar")
    for pengguna in (operator_a, verifikator_p):
        teks = klien_untuk(pengguna).get(url).text
        assert kegiatan.nama in teks and "Masih usulan" not in teks
        # Progress 40 %, volumes 50 % of each effect, Rp 10 juta of Rp 100 juta (10 %).
        assert "40,0 %" in teks and "50,0 %" in teks and "Rp 10.000.000" in teks
    assert "Jalan kota B" not in klien_untuk(operator_a).get(url).text
    assert kegiatan.nama not in klien_untuk(operator_b).get(url).text


def test_the_list_filters_by_year_and_status(operator_a, kota_a, lokasi_a, kegiatan):
    buat_kegiatan(kota_a, lokasi_a, nama="Drainase lama", status="selesai", tahun=2024)
    url = reverse("monev:pemantauan_daftar")
    teks = klien_untuk(operator_a).get(url, {"tahun": 2024}).text
    assert "Drainase lama" in teks and kegiatan.nama not in teks
    teks = klien_untuk(operator_a).get(url, {"status": "berjalan"}).text
    assert "Drainase lama" not in teks and kegiatan.nama in teks


def test_the_list_filters_by_kecamatan_and_pages(operator_a, kota_a, kegiatan):
    timur = Kecamatan.objects.get(kabupaten_kota=kota_a, nama__endswith="Timur")
    di_timur = buat_lokasi(kota_a, "Kampung Timur", kelurahan=[Kelurahan.objects.filter(
        kecamatan=timur).first()])  # fmt: skip
    buat_kegiatan(kota_a, di_timur, nama="Drainase timur", status="dianggarkan")
    url = reverse("monev:pemantauan_daftar")
    teks = klien_untuk(operator_a).get(url, {"kecamatan": timur.pk}).text
    assert "Drainase timur" in teks and kegiatan.nama not in teks
    for i in range(26):
        buat_kegiatan(kota_a, di_timur, nama=f"Tambahan {i:02d}", status="berjalan")
    r = klien_untuk(operator_a).get(url, {"halaman": 2})
    assert r.context["jumlah"] == 28 and len(r.context["halaman"].object_list) == 3


def test_anonymous_users_log_in(client, kegiatan):
    for url in (
        reverse("monev:pemantauan_daftar"),
        reverse("monev:pemantauan_kegiatan", args=[kegiatan.pk]),
        reverse("monev:pemantauan_tambah", args=[kegiatan.pk]),
    ):
        r = client.get(url)
        assert r.status_code == 302 and "/masuk/" in r["Location"]


# --- a kegiatan's page -----------------------------------------------------------------------


def test_the_page_shows_entries_over_time_and_buttons_by_right(
    operator_a, pokja_a, verifikator_p, kegiatan
):
    buat_pemantauan(kegiatan, tanggal=date(2026, 5, 1), progres=20, volume={"2a": 100})
    buat_pemantauan(kegiatan, tanggal=date(2026, 6, 1), progres=60, volume={"2a": 300})
    TemuanAPIP.objects.create(kegiatan=kegiatan, tanggal=date(2026, 6, 2), temuan="Mutu beton")
    url = reverse("monev:pemantauan_kegiatan", args=[kegiatan.pk])
    tambah = reverse("monev:pemantauan_tambah", args=[kegiatan.pk])
    teks = klien_untuk(operator_a).get(url).text
    assert "100,00" in teks and "300,00" in teks and "Mutu beton" in teks
    assert "300,00 dari 500,00 m" in teks and "(60,0 %)" in teks
    assert tambah in teks and "Simpan tindak lanjut" not in teks
    assert "Simpan tindak lanjut" in klien_untuk(pokja_a).get(url).text
    teks = klien_untuk(verifikator_p).get(url).text
    assert "Mutu beton" in teks and tambah not in teks and "Catat temuan APIP" not in teks


def test_another_city_gets_404_everywhere(operator_b, kegiatan):
    p = buat_pemantauan(kegiatan, foto=("100",))
    t = TemuanAPIP.objects.create(kegiatan=kegiatan, tanggal=date(2026, 6, 2), temuan="X")
    klien = klien_untuk(operator_b)
    for url in (
        reverse("monev:pemantauan_kegiatan", args=[kegiatan.pk]),
        reverse("monev:pemantauan_tambah", args=[kegiatan.pk]),
        reverse("monev:pemantauan_foto", args=[p.foto.get().pk]),
    ):
        assert klien.get(url).status_code == 404
    assert (
        klien.post(reverse("monev:pemantauan_temuan_tambah", args=[kegiatan.pk])).status_code == 404
    )
    r = klien.post(reverse("monev:pemantauan_temuan_tindak_lanjut", args=[t.pk]))
    assert r.status_code == 404


def test_photos_are_served_to_the_city_and_its_verifier(operator_a, verifikator_p, kegiatan):
    p = buat_pemantauan(kegiatan, foto=("50",))
    url = reverse("monev:pemantauan_foto", args=[p.foto.get().pk])
    for pengguna in (operator_a, verifikator_p):
        r = klien_untuk(pengguna).get(url)
        assert r.status_code == 200 and r["X-Content-Type-Options"] == "nosniff"
        assert b"".join(r.streaming_content).startswith(b"\x89PNG")


# --- adding an entry -------------------------------------------------------------------------


def test_an_operator_adds_an_entry_with_a_photo_and_history(operator_a, kegiatan):
    data = _data(kegiatan, **{
        "foto-0-berkas": png("progres.png"), "foto-0-tahap": "50",
        "foto-0-lintang": "-6,889", "foto-0-bujur": "109,675",
    })  # fmt: skip
    klien = klien_untuk(operator_a)
    r = klien.get(reverse("monev:pemantauan_tambah", args=[kegiatan.pk]))
    assert r.status_code == 200 and 'inputmode="decimal"' in r.text
    r = klien.post(reverse("monev:pemantauan_tambah", args=[kegiatan.pk]), data)
    assert r.status_code == 302, r.text
    p = Pemantauan.objects.get(kegiatan=kegiatan)
    assert p.progres_fisik == 40 and p.dibuat_oleh == operator_a
    assert {r.efek.kriteria: r.volume for r in p.efek.all()} == {"2a": 200, "6a": 0}
    assert {d.sumber: d.jumlah for d in p.dana.all()} == {"apbd_kabkota": 30_000_000}
    foto = FotoPemantauan.objects.get(pemantauan=p)
    assert foto.tahap == "50" and foto.lintang == Decimal("-6.889")
    [catatan] = riwayat.untuk(p)
    assert (
        catatan.tindakan == "dibuat" and "2a: 200 m" in catatan.perubahan["volume terealisasi"][1]
    )


def test_a_volume_going_down_is_refused_naming_the_row_and_nothing_is_saved(operator_a, kegiatan):
    lalu = buat_pemantauan(kegiatan, progres=40, volume={"2a": 250, "6a": 10})
    efek = kegiatan.efek.get(kriteria="2a")
    data = _data(
        kegiatan, terakhir=str(lalu.pk), **{f"efek_{efek.pk}": "200", "progres_fisik": "50"}
    )
    r = klien_untuk(operator_a).post(reverse("monev:pemantauan_tambah", args=[kegiatan.pk]), data)
    assert r.status_code == 200
    assert "Efek baris 1 (2a), volume: 200 m lebih kecil dari 250 m" in r.text
    assert Pemantauan.objects.filter(kegiatan=kegiatan).count() == 1


def test_spending_above_the_source_and_a_point_outside_indonesia_are_refused(operator_a, kegiatan):
    klien = klien_untuk(operator_a)
    url = reverse("monev:pemantauan_tambah", args=[kegiatan.pk])
    r = klien.post(url, _data(kegiatan, dana_csr="25.000.000"))
    assert (
        "Realisasi keuangan CSR/TJSLP: Rp 25.000.000 melebihi pendanaan sumber itu Rp 20.000.000"
        in r.text
    )
    data = _data(kegiatan, **{
        "foto-0-berkas": png(), "foto-0-tahap": "0",
        "foto-0-lintang": "48,85", "foto-0-bujur": "2,35",
    })  # fmt: skip
    r = klien.post(url, data)
    assert "di luar wilayah Indonesia" in r.text
    r = klien.post(url, _data(kegiatan, progres_fisik="120", tanggal="2026-02-30"))
    assert "Progres fisik (%)" in r.text and "Tanggal pemantauan" in r.text
    assert not Pemantauan.objects.filter(kegiatan=kegiatan).exists()
    assert not FotoPemantauan.objects.exists()


@pytest.mark.parametrize("isian", ["abc", "-1", "1e999999999", "=1+1", ""])
def test_bad_numbers_are_named_and_nothing_is_saved(isian, operator_a, kegiatan):
    efek = kegiatan.efek.get(kriteria="6a")
    r = klien_untuk(operator_a).post(
        reverse("monev:pemantauan_tambah", args=[kegiatan.pk]),
        _data(kegiatan, **{f"efek_{efek.pk}": isian, "dana_csr": isian or "x"}),
    )
    assert r.status_code == 200
    assert "Efek baris 2 (6a), volume" in r.text and "Realisasi keuangan CSR/TJSLP (Rp)" in r.text
    assert not Pemantauan.objects.exists()


def test_a_volume_above_the_plan_is_saved_with_a_warning(operator_a, kegiatan):
    efek = kegiatan.efek.get(kriteria="2a")
    r = klien_untuk(operator_a).post(
        reverse("monev:pemantauan_tambah", args=[kegiatan.pk]),
        _data(kegiatan, **{f"efek_{efek.pk}": "520"}),
        follow=True,
    )
    assert "melebihi rencana 500 m" in r.text
    assert Pemantauan.objects.filter(kegiatan=kegiatan).count() == 1


def test_an_entry_added_meanwhile_is_named_and_nothing_is_saved(operator_a, admin_a, kegiatan):
    klien = klien_untuk(operator_a)
    url = reverse("monev:pemantauan_tambah", args=[kegiatan.pk])
    data = _data(kegiatan)  # opened when there was no entry yet
    lain = buat_pemantauan(kegiatan, progres=30, volume={"2a": 100})
    lain.diubah_oleh = admin_a
    lain.save()
    r = klien.post(url, data)
    assert "sudah diubah oleh" in r.text and (admin_a.get_full_name() or admin_a.username) in r.text
    assert Pemantauan.objects.filter(kegiatan=kegiatan).count() == 1


def test_a_verifier_may_not_add_and_a_planned_kegiatan_has_nothing_to_monitor(
    verifikator_p, operator_a, kota_a, lokasi_a, kegiatan
):
    url = reverse("monev:pemantauan_tambah", args=[kegiatan.pk])
    assert klien_untuk(verifikator_p).get(url).status_code == 403
    assert klien_untuk(verifikator_p).post(url, _data(kegiatan)).status_code == 403
    rencana = buat_kegiatan(kota_a, lokasi_a, status="direncanakan")
    assert (
        klien_untuk(operator_a)
        .get(reverse("monev:pemantauan_tambah", args=[rencana.pk]))
        .status_code
        == 404
    )


# --- APIP findings ---------------------------------------------------------------------------


def test_findings_are_added_and_followed_up_by_the_pokja_with_history(
    operator_a, pokja_a, verifikator_p, kegiatan
):
    tambah = reverse("monev:pemantauan_temuan_tambah", args=[kegiatan.pk])
    r = klien_untuk(operator_a).post(
        tambah,
        {"tanggal": "2026-06-10", "temuan": "Volume galian kurang", "rekomendasi": "Ukur ulang"},
    )
    assert r.status_code == 302
    t = TemuanAPIP.objects.get(kegiatan=kegiatan)
    assert t.status == "terbuka" and t.dibuat_oleh == operator_a
    assert (
        klien_untuk(verifikator_p)
        .post(tambah, {"tanggal": "2026-06-10", "temuan": "x"})
        .status_code
        == 403
    )
    url = reverse("monev:pemantauan_temuan_tindak_lanjut", args=[t.pk])
    isian = {
        f"t{t.pk}-versi": t.versi,
        f"t{t.pk}-status": "proses",
        f"t{t.pk}-tindak_lanjut": "Diukur",
    }
    assert klien_untuk(operator_a).post(url, isian).status_code == 403
    assert klien_untuk(pokja_a).post(url, isian).status_code == 302
    t.refresh_from_db()
    assert t.status == "proses" and t.tindak_lanjut == "Diukur"
    catatan = riwayat.untuk(t).first()
    assert catatan.perubahan["status"] == ["Belum ditindaklanjuti", "Dalam tindak lanjut"]
    # The same stale form again is refused, naming who saved.
    r = klien_untuk(pokja_a).post(url, {**isian, f"t{t.pk}-status": "selesai"}, follow=True)
    assert "sudah diubah oleh" in r.text
    t.refresh_from_db()
    assert t.status == "proses"


def test_a_finding_without_text_is_named(operator_a, kegiatan):
    r = klien_untuk(operator_a).post(
        reverse("monev:pemantauan_temuan_tambah", args=[kegiatan.pk]), {"tanggal": "2026-06-10"},
        follow=True,
    )  # fmt: skip
    assert "Temuan APIP, temuan:" in r.text and not TemuanAPIP.objects.exists()
