"""Public map and list of the lokasi of the SKs in force, and the progress toward 0 ha
(issue 13 item 4): only a city that publishes is shown, only public fields leave the app."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from lokasi.models import FotoLokasi
from monev.models import PublikasiKota
from monev.publik.kemajuan import SKTerbit, Tahun, kemajuan
from penilaian.models import SK
from penilaian.sk import services as services_sk
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.monev.pemantauan_bantu import png

PUSAT = "terverifikasi_pusat"
RAHASIA = {
    "surveyor_nama": "Surveyor Rahasia",
    "surveyor_telepon": "0811-1111-2222",
    "responden_nama": "Responden Rahasia",
    "responden_telepon": "0812-3333-4444",
    "responden_alamat": "Jl. Rumah Responden 9",
}


def terbitkan(pokja, *, tahun: int, nomor: str, menggantikan: SK | None = None) -> SK:
    sk = services_sk.sk_buat(
        pengguna=pokja, tahun=tahun, menggantikan=menggantikan,
        hubungan=SK.Hubungan.MENCABUT if menggantikan else "",
    )  # fmt: skip
    for tim in ("pusat", "provinsi", "kabkota"):  # issuing needs the three blocks
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pokja, tim=tim, data={"nama": f"Verifikator {tim}", "jabatan": "Ketua"}
        )
    sk.refresh_from_db()
    sk = services_sk.sk_simpan(
        sk=sk, pengguna=pokja, versi=sk.versi,
        data={"nomor": nomor, "tanggal": date(tahun, 3, 1), "penandatangan_nama": "A. Contoh"},
    )  # fmt: skip
    return services_sk.sk_tetapkan(sk=sk, pengguna=pokja, versi=sk.versi)


def terbitkan_kota(kabkota, **nilai) -> PublikasiKota:
    return PublikasiKota.objects.create(kabupaten_kota=kabkota, terbit=True, **nilai)


@pytest.fixture
def sk_a(kota_a, pokja_a) -> SK:
    """An SK 2022 over two lokasi surveyed with a surveyor, a respondent, and a photo."""
    for nama in ("Kampung Nelayan <b>Alfa</b>", "Bantaran Kali Alfa"):
        lok = buat_lokasi(kota_a, nama)
        FotoLokasi.objects.create(lokasi=lok, berkas=png("warga.png"), keterangan="Foto warga")
        buat_penilaian(lok, tahun=2021, status=PUSAT, **RAHASIA)
    return terbitkan(pokja_a, tahun=2022, nomor="050/12/2022")


def test_an_unpublished_city_answers_404_and_is_not_listed(client, kota_a, sk_a):
    for url in (reverse("publik:kota", args=[kota_a.kode]),
                reverse("publik:kota", args=[kota_a.kode]) + "?halaman=2&cari=a",
                reverse("publik:peta", args=[kota_a.kode]),
                reverse("publik:peta", args=[kota_a.kode]) + "?bbox=109,-7,110,-6&zoom=16",
                reverse("publik:geojson", args=[kota_a.kode])):  # fmt: skip
        assert client.get(url).status_code == 404
        PublikasiKota.objects.update_or_create(kabupaten_kota=kota_a, defaults={"terbit": False})
        assert client.get(url).status_code == 404
    assert "Kota Alfa" not in client.get(reverse("publik:daftar")).text
    assert client.get(reverse("publik:kota", args=["99.99"])).status_code == 404


def test_a_published_city_shows_its_lokasi_with_public_fields_only(client, kota_a, sk_a):
    terbitkan_kota(kota_a, pengantar="Pengantar kota <script>x</script>")
    assert "Kota Alfa" in client.get(reverse("publik:daftar")).text
    r = client.get(reverse("publik:kota", args=[kota_a.kode]))
    assert r.status_code == 200
    html = r.text
    assert "Kampung Nelayan &lt;b&gt;Alfa&lt;/b&gt;" in html and "Bantaran Kali Alfa" in html
    assert "050/12/2022" in html and "Pengantar kota &lt;script&gt;" in html
    assert "Kumuh Sedang" in html and "B3/ 5" in html and "Alfa Barat" in html
    geo = client.get(reverse("publik:geojson", args=[kota_a.kode]))
    assert geo["Content-Type"] == "application/geo+json"
    data = geo.json()
    assert len(data["features"]) == 2
    sifat = data["features"][0]["properties"]
    assert set(sifat) == {"nama", "kecamatan", "luas_ha", "tingkat_kekumuhan", "prioritas",
                          "sk", "tanggal_sk"}  # fmt: skip
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [109.675, -6.889]}
    # The frozen rows hold the photo's path and the survey did name its people: none leaks.
    beku = json.dumps(list(sk_a.lokasi_beku.values_list("data", flat=True)))
    assert "warga" in beku
    for teks in (html, geo.text):
        for rahasia in (*RAHASIA.values(), "warga", "media/", "/foto", "Verifikator", "Contoh"):
            assert rahasia not in teks, rahasia
    # The page carries the map's data for peta.js, and no link into the app.
    assert 'id="data-peta"' in html and "/lokasi/" not in html and "/penilaian/" not in html


def test_a_revoked_sks_lokasi_leave_the_page_once_the_new_sk_is_issued(
    client, kota_a, pokja_a, sk_a
):
    terbitkan_kota(kota_a)
    lama = buat_lokasi(kota_a, "Kawasan Yang Membaik")
    buat_penilaian(lama, tahun=2021, status=PUSAT)
    sk_a2 = terbitkan(pokja_a, tahun=2023, nomor="050/3/2023")  # a second SK in force
    assert "Kawasan Yang Membaik" in client.get(reverse("publik:kota", args=[kota_a.kode])).text
    # Re-surveyed as not kumuh: the SK of 2026 revoking the 2023 one leaves it out.
    buat_penilaian(lama, tahun=2025, status=PUSAT, pita={})
    baru = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_a2, hubungan=SK.Hubungan.MENCABUT
    )
    assert "Kawasan Yang Membaik" in client.get(reverse("publik:kota", args=[kota_a.kode])).text
    for tim in ("pusat", "provinsi", "kabkota"):
        services_sk.verifikasi_simpan(
            sk=baru, pengguna=pokja_a, tim=tim, data={"nama": "N", "jabatan": "Ketua"}
        )
    baru.refresh_from_db()
    baru = services_sk.sk_simpan(
        sk=baru, pengguna=pokja_a, versi=baru.versi,
        data={"nomor": "050/9/2026", "tanggal": date(2026, 3, 1), "penandatangan_nama": "A"},
    )  # fmt: skip
    services_sk.sk_tetapkan(sk=baru, pengguna=pokja_a, versi=baru.versi)
    html = client.get(reverse("publik:kota", args=[kota_a.kode])).text
    assert "Kawasan Yang Membaik" not in html and "050/9/2026" in html
    assert "050/3/2023" not in html.split("Daftar lokasi")[1]
    geo = client.get(reverse("publik:geojson", args=[kota_a.kode])).json()
    assert "Kawasan Yang Membaik" not in {f["properties"]["nama"] for f in geo["features"]}


def test_progress_counts_each_year_the_sks_then_in_force():
    """Hand-worked: 2022 issues A (lokasi 1, 2: 3 + 2 ha); 2023 adds B (lokasi 3: 1 ha);
    2026 revokes B with C (lokasi 1 again, now 2 ha, and 3 left out): A + C with lokasi 1
    once, as C's row."""
    a = SKTerbit(1, 2022, None, ((1, D(3)), (2, D(2))))
    b = SKTerbit(2, 2023, None, ((3, D(1)),))
    c = SKTerbit(3, 2026, 2, ((1, D(2)),))
    assert kemajuan([c, a, b]) == [
        Tahun(2022, 2, D(5), 333),
        Tahun(2023, 3, D(6), 400),
        Tahun(2026, 2, D(4), 267),
    ]
    assert kemajuan([]) == []


def test_the_progress_table_and_bars_are_on_the_page(client, kota_a, sk_a):
    terbitkan_kota(kota_a)
    html = client.get(reverse("publik:kota", args=[kota_a.kode])).text
    assert "Kemajuan menuju 0 ha" in html and '<rect x="50"' in html and ">2022<" in html
    assert html.count('class="batang"') == 1


# --- at scale (issue 14): paginated list, map per viewport, cache per published state -------


def test_the_list_is_paginated_and_searched_by_name_kelurahan_or_kecamatan(
    client, kota_a, sk_a, monkeypatch
):
    from monev.publik import views

    monkeypatch.setattr(views, "PER_HALAMAN", 1)
    terbitkan_kota(kota_a)
    url = reverse("publik:kota", args=[kota_a.kode])
    satu, dua = client.get(url).text, client.get(url, {"halaman": 2}).text
    # In the SK's order (by name): Bantaran is nomor 1.
    assert "Bantaran Kali Alfa" in satu and "Kampung Nelayan" not in satu
    assert "Kampung Nelayan &lt;b&gt;Alfa" in dua and "Bantaran Kali Alfa" not in dua
    assert "Halaman 1 dari 2" in satu and "halaman=2" in satu
    # The summary counts every lokasi, whatever the page.
    assert '<span class="angka-besar">2</span>' in dua
    for cari, jumlah in (("BANTARAN", 1), ("kel alfa barat 1", 2), ("alfa barat", 2),
                         ("tidak ada", 0)):  # fmt: skip
        r = client.get(url, {"cari": cari})
        assert ("Bantaran Kali Alfa" in r.text) is (jumlah > 0), cari
        if jumlah:
            assert f"{jumlah} lokasi cocok dengan «{cari}»" in r.text, cari
        else:
            assert "Tidak ada lokasi yang cocok" in r.text
    # htmx swaps the list only; its page links keep the search.
    r = client.get(
        url, {"cari": "kali"}, headers={"HX-Request": "true", "HX-Target": "daftar-lokasi"}
    )
    assert "Bantaran Kali Alfa" in r.text and "<html" not in r.text and "Kemajuan" not in r.text
    assert client.get(url, {"cari": "alfa"}).text.count("?cari=alfa&halaman=2") == 2


def test_the_map_answers_clusters_at_low_zoom_and_boundaries_zoomed_in(client, kota_a, pokja_a):
    batas = {
        "type": "Polygon",
        "coordinates": [[[109.6, -6.9], [109.61, -6.9], [109.61, -6.89], [109.6, -6.9]]],
    }
    for nama, lintang, bujur, b in (("Dekat Satu", "-6.895", "109.605", batas),
                                    ("Dekat Dua", "-6.8955", "109.6055", None),
                                    ("Jauh", "-6.5", "109.9", None)):  # fmt: skip
        lok = buat_lokasi(kota_a, nama, lintang=D(lintang), bujur=D(bujur), batas=b)
        buat_penilaian(lok, tahun=2021, status=PUSAT)
    buat_penilaian(buat_lokasi(kota_a, "Tanpa titik", lintang=None, bujur=None), tahun=2021,
                   status=PUSAT)  # fmt: skip
    terbitkan(pokja_a, tahun=2022, nomor="050/1/2022")
    terbitkan_kota(kota_a)
    url = reverse("publik:peta", args=[kota_a.kode])
    awal = client.get(url).json()
    assert awal["batas"] == [[-6.8955, 109.605], [-6.5, 109.9]]
    assert [k[2] for k in awal["klaster"]] == [2]  # the two close ones, at the first zoom
    assert [f["properties"]["nama"] for f in awal["fitur"]] == ["Jauh"]
    # Zoomed in: single lokasi, the one with a boundary drawn by it; the public fields only.
    rinci = client.get(url, {"zoom": "18", "bbox": "109.5,-7,109.7,-6.8"}).json()
    assert rinci["klaster"] == []
    fitur = {f["properties"]["nama"]: f for f in rinci["fitur"]}
    assert set(fitur) == {"Dekat Satu", "Dekat Dua"}
    assert fitur["Dekat Satu"]["geometry"] == batas
    assert fitur["Dekat Dua"]["geometry"] == {"type": "Point", "coordinates": [109.6055, -6.8955]}
    assert set(fitur["Dekat Dua"]["properties"]) == {
        "nama", "kecamatan", "luas_ha", "tingkat_kekumuhan", "prioritas", "sk", "tanggal_sk"
    }  # fmt: skip
    # A viewport holding the whole city (answered from the cache per zoom) reads them too.
    semua = client.get(url, {"zoom": "18", "bbox": "109,-8,111,-6"}).json()
    assert batas in [f["geometry"] for f in semua["fitur"]] and len(semua["fitur"]) == 3
    assert client.get(url, {"zoom": "18", "bbox": "108,-9,112,-5"}).json() == semua
    # The same zoom without a viewport: points only (boundaries are read per viewport).
    assert client.get(url, {"zoom": "18"}).json()["fitur"][0]["geometry"]["type"] == "Point"
    # The download keeps every boundary; the page no longer carries the data itself.
    geo = client.get(reverse("publik:geojson", args=[kota_a.kode])).json()
    assert {f["properties"]["nama"] for f in geo["features"]} == {"Dekat Satu", "Dekat Dua", "Jauh"}
    assert batas in [f["geometry"] for f in geo["features"]]
    html = client.get(reverse("publik:kota", args=[kota_a.kode])).text
    assert f'data-url="{url}"' in html and "data-geojson" not in html


def test_a_new_sk_or_a_changed_publication_shows_at_once(client, kota_a, pokja_a, admin_a, sk_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    terbitkan_kota(kota_a, pengantar="Pengantar lama")
    url = reverse("publik:kota", args=[kota_a.kode])
    url_geo = reverse("publik:geojson", args=[kota_a.kode])
    url_peta = reverse("publik:peta", args=[kota_a.kode])
    assert "Kawasan Baru" not in client.get(url).text + client.get(url_geo).text
    client.get(url_peta)
    # Cached: the frozen rows are not read again.
    with CaptureQueriesContext(connection) as kueri:
        for u in (url, url_geo, url_peta):
            client.get(u)
    assert not [q for q in kueri if "penilaian_sklokasi" in q["sql"]]
    # A new SK: on the page, the map and the download at once.
    buat_penilaian(buat_lokasi(kota_a, "Kawasan Baru", lintang=D("-6.5")), tahun=2022, status=PUSAT)
    terbitkan(pokja_a, tahun=2023, nomor="050/7/2023")
    assert "Kawasan Baru" in client.get(url).text and "050/7/2023" in client.get(url).text
    assert "Kawasan Baru" in client.get(url_geo).text
    assert "Kawasan Baru" in str(client.get(url_peta, {"zoom": "18"}).json())
    # The publication's settings: the text at once, and unpublishing closes every page.
    pengaturan = reverse("monev:publik_pengaturan")
    klien = klien_untuk(admin_a)
    klien.post(pengaturan, {"terbit": "on", "pengantar": "Pengantar baru"})
    assert "Pengantar baru" in client.get(url).text
    klien.post(pengaturan, {"pengantar": "Pengantar baru"})
    for u in (url, url_geo, url_peta):
        assert client.get(u).status_code == 404, u


def test_the_state_key_changes_with_the_sks_and_the_setting(kota_a, pokja_a, sk_a):
    from monev.publik.data import keadaan

    pub = terbitkan_kota(kota_a)
    kota_a.refresh_from_db()
    awal = keadaan(kota_a).kunci
    assert keadaan(kota_a).kunci == awal
    pub.pengantar = "Lain"
    pub.save()
    kota_a.refresh_from_db()
    kedua = keadaan(kota_a).kunci
    assert kedua != awal
    terbitkan(pokja_a, tahun=2024, nomor="050/1/2024", menggantikan=sk_a)
    k = keadaan(kota_a)
    assert k.kunci not in (awal, kedua) and sk_a.pk not in k.berlaku and len(k.berlaku) == 1


def test_issuing_an_sk_or_publishing_queues_the_public_cache_fill(
    antrean_latar, kota_a, pokja_a, admin_a, sk_a
):
    def antrean() -> list[tuple]:
        return [tuple(h.args) for h in antrean_latar.results if h.task.name == "siapkan_publik"]

    # Issuing queues even for a city that does not publish yet (the task then reads nothing);
    # publishing queues again, unpublishing does not.
    assert antrean() == [(kota_a.pk,)]  # sk_a
    terbitkan(pokja_a, tahun=2024, nomor="050/1/2024", menggantikan=sk_a)
    assert antrean() == [(kota_a.pk,)] * 2
    klien_untuk(admin_a).post(reverse("monev:publik_pengaturan"), {"terbit": "on"})
    assert antrean() == [(kota_a.pk,)] * 3
    klien_untuk(admin_a).post(reverse("monev:publik_pengaturan"), {})
    assert len(antrean()) == 3


def test_the_cache_fill_spares_the_first_visitor_the_frozen_rows(client, kota_a, sk_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from monev.publik.data import siapkan

    with CaptureQueriesContext(connection) as kueri:
        siapkan(kota_a.pk)  # not published: nothing read
    assert not [q for q in kueri if "penilaian_sklokasi" in q["sql"]]
    terbitkan_kota(kota_a)
    siapkan(kota_a.pk)
    urls = [
        reverse("publik:kota", args=[kota_a.kode]),
        reverse("publik:geojson", args=[kota_a.kode]),
        reverse("publik:peta", args=[kota_a.kode]),
    ]
    with CaptureQueriesContext(connection) as kueri:
        jawaban = [client.get(u) for u in urls]
    assert [j.status_code for j in jawaban] == [200, 200, 200]
    assert "Bantaran Kali Alfa" in jawaban[0].text + jawaban[1].text
    assert not [q for q in kueri if "penilaian_sklokasi" in q["sql"]]


# --- the internal settings page --------------------------------------------------------------


def test_the_citys_admin_and_pokja_publish_others_may_not(
    kota_a, admin_a, pokja_a, operator_a, verifikator_p, client
):
    url = reverse("monev:publik_pengaturan")
    assert client.get(url).status_code == 302
    for pengguna in (operator_a, verifikator_p):
        klien = klien_untuk(pengguna)
        assert klien.get(url).status_code == 403
        assert klien.post(url, {"terbit": "on"}).status_code == 403
    assert not PublikasiKota.objects.exists()
    r = klien_untuk(admin_a).post(url, {"terbit": "on", "pengantar": "Halo"})
    assert r.status_code == 302
    p = PublikasiKota.objects.get()
    assert (p.kabupaten_kota, p.terbit, p.pengantar, p.diubah_oleh) == (
        kota_a,
        True,
        "Halo",
        admin_a,
    )
    klien_untuk(pokja_a).post(url, {"pengantar": "Halo"})
    p.refresh_from_db()
    assert p.terbit is False


def test_another_citys_settings_are_not_editable(kota_a, kota_b, admin_a, client):
    from tests.conftest import buat_pengguna

    admin_b = buat_pengguna("admin_b", "admin_kabkota", kota_b)
    terbitkan_kota(kota_a, pengantar="Milik Alfa")
    r = klien_untuk(admin_b).post(reverse("monev:publik_pengaturan"), {"pengantar": "Diubah"})
    assert r.status_code == 302
    a = PublikasiKota.objects.get(kabupaten_kota=kota_a)
    assert (a.terbit, a.pengantar) == (True, "Milik Alfa")
    b = PublikasiKota.objects.get(kabupaten_kota=kota_b)
    assert (b.terbit, b.pengantar) == (False, "Diubah")
    # The page shows the user's own city, never another's text.
    assert "Milik Alfa" not in klien_untuk(admin_b).get(reverse("monev:publik_pengaturan")).text


def test_the_complaints_report_is_published_without_contacts(client, kota_a, tmp_path):
    import subprocess

    from django.utils import timezone

    from tests.monev.test_pengaduan_views import buat_pengaduan

    tahun = timezone.localdate().year
    buat_pengaduan(kota_a, kontak="0812 rahasia", uraian="Hunian liar baru.")
    url = f"/publik/{kota_a.kode}/pengaduan-{tahun}.pdf"
    assert client.get(url).status_code == 404  # the city has not chosen to publish
    terbitkan_kota(kota_a)
    assert url in client.get(f"/publik/{kota_a.kode}/").content.decode()
    respons = client.get(url)
    assert respons.status_code == 200 and respons["Content-Type"] == "application/pdf"
    berkas = tmp_path / "l.pdf"
    berkas.write_bytes(respons.content)
    teks = subprocess.run(
        ["pdftotext", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "rahasia" not in teks and "0812" not in teks
    assert client.get(f"/publik/{kota_a.kode}/pengaduan-{tahun + 1}.pdf").status_code == 404
