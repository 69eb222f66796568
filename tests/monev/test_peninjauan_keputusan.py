"""The draft Keputusan hasil peninjauan ulang (issue 12 item 6): an SK over the reviewed SK's
lokasi, with their verified re-surveys, that revokes the reviewed SK once issued."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from monev.op.kalender import butir_kalender
from monev.peninjauan import services
from penilaian.models import SK
from penilaian.sk import services as services_sk
from tests.conftest import PITA_SEDANG, buat_lokasi, buat_penilaian, klien_untuk
from tests.monev.test_peninjauan_muat import terbitkan_sk

PUSAT = "terverifikasi_pusat"
TIDAK_KUMUH = dict.fromkeys(PITA_SEDANG, "<25")


@pytest.fixture
def tinjau(kota_a, pokja_a):
    """An SK 2022 over three kawasan; a fourth kumuh lokasi surveyed later is not in it. The
    review 2026 is concluded; kawasan 0 was re-surveyed Tidak Kumuh and verified by pusat,
    kawasan 1 re-surveyed Tidak Kumuh but awaiting pusat."""
    lokasi = [buat_lokasi(kota_a, f"Kawasan {i}") for i in range(3)]
    sk = terbitkan_sk(kota_a, pokja_a, lokasi)
    buat_penilaian(buat_lokasi(kota_a, "Lokasi baru"), tahun=2025, status=PUSAT)
    buat_penilaian(lokasi[0], tahun=2025, status=PUSAT, pita=TIDAK_KUMUH)
    buat_penilaian(lokasi[1], tahun=2025, status="terverifikasi_provinsi", pita=TIDAK_KUMUH)
    p = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    services.peninjauan_selesai(peninjauan=p, pengguna=pokja_a)
    p.refresh_from_db()
    return p, lokasi


def test_the_draft_lists_the_reviewed_lokasi_with_their_verified_resurveys(tinjau, pokja_a):
    p, _lokasi = tinjau
    sk = services.keputusan_buat(peninjauan=p, pengguna=pokja_a)
    assert (sk.jenis, sk.menggantikan, sk.hubungan, sk.tahun) == (
        "peninjauan",
        p.sk,
        "mencabut",
        2026,
    )
    assert sk.tentang.endswith("Hasil Peninjauan Ulang")
    daftar = services_sk.daftar_sk(sk)
    # Kawasan 0 leaves (verified Tidak Kumuh); kawasan 1 stays with its frozen survey until
    # pusat verifies the re-survey; the new lokasi is not part of a review of the old SK.
    assert sorted(x.lokasi.nama for x in daftar.disertakan) == ["Kawasan 1", "Kawasan 2"]
    assert [x.lokasi.nama for x in daftar.tidak_kumuh] == ["Kawasan 0"]
    assert [x.lokasi.nama for x in daftar.menunggu_verifikasi] == ["Kawasan 1"]
    isi = services_sk.isi_sk(sk)
    assert isi.jumlah_lokasi == 2 and "sejumlah 2 (dua) lokasi" in isi.kalimat_keempat
    assert "telah ditinjau ulang melalui pendataan ulang lokasi" in isi.menimbang[3]
    assert "Nomor 100.3.3.2/45/2022 Tahun 2022" in isi.diktum_penggantian
    assert "dicabut dan dinyatakan tidak berlaku" in isi.diktum_penggantian


def test_asking_twice_gives_the_same_draft(tinjau, pokja_a):
    p, _lokasi = tinjau
    pertama = services.keputusan_buat(peninjauan=p, pengguna=pokja_a)
    assert services.keputusan_buat(peninjauan=p, pengguna=pokja_a) == pertama
    assert SK.objects.filter(menggantikan=p.sk).count() == 1


def test_a_review_not_concluded_has_no_draft_yet(kota_a, pokja_a):
    lokasi = [buat_lokasi(kota_a, "Kawasan")]
    sk = terbitkan_sk(kota_a, pokja_a, lokasi)
    p = services.peninjauan_buat(sk=sk, pengguna=pokja_a, tahun=2026)
    with pytest.raises(ValidationError, match="selesai dahulu"):
        services.keputusan_buat(peninjauan=p, pengguna=pokja_a)


def test_only_who_manages_the_sk_may_start_the_draft(tinjau, operator_a, verifikator_p):
    p, _lokasi = tinjau
    for pengguna in (operator_a, verifikator_p):
        with pytest.raises(PermissionDenied):
            services.keputusan_buat(peninjauan=p, pengguna=pengguna)
    assert not SK.objects.filter(menggantikan=p.sk).exists()


def test_issuing_it_revokes_the_reviewed_sk_and_moves_the_review_due_date(tinjau, pokja_a):
    p, _lokasi = tinjau
    sk = services.keputusan_buat(peninjauan=p, pengguna=pokja_a)
    for tim in ("pusat", "provinsi", "kabkota"):  # issuing needs the three blocks
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pokja_a, tim=tim, data={"nama": f"Nama {tim}", "jabatan": "Ketua"}
        )
    sk.refresh_from_db()
    sk = services_sk.sk_simpan(
        sk=sk, pengguna=pokja_a, versi=sk.versi,
        data={"nomor": "100.3.3.2/9/2026", "tanggal": date(2026, 6, 1),
              "penandatangan_nama": "A. Contoh"},
    )  # fmt: skip
    sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
    lama = SK.objects.get(pk=p.sk_id)
    assert lama.status_tampil == "Dicabut" and list(SK.objects.berlaku()) == [sk]
    # The calendar counts five years from the new decree.
    butir = [b for b in butir_kalender(p.kabupaten_kota, date(2027, 1, 1)) if "SK" in b.judul]
    assert [b.judul for b in butir] == ["Peninjauan ulang SK 100.3.3.2/9/2026"]
    halaman = klien_untuk(pokja_a).get(reverse("monev:peninjauan_daftar")).content.decode()
    assert "Dicabut oleh" in halaman


def test_a_revoked_sk_without_a_review_is_no_longer_due(kota_a, pokja_a):
    lama = terbitkan_sk(kota_a, pokja_a, [buat_lokasi(kota_a, "Kawasan")])
    baru = services_sk.sk_buat(pengguna=pokja_a, tahun=2024, menggantikan=lama, hubungan="mencabut")
    for tim in ("pusat", "provinsi", "kabkota"):  # issuing needs the three blocks
        services_sk.verifikasi_simpan(
            sk=baru, pengguna=pokja_a, tim=tim, data={"nama": f"Nama {tim}", "jabatan": "Ketua"}
        )
    baru.refresh_from_db()
    baru = services_sk.sk_simpan(
        sk=baru, pengguna=pokja_a, versi=baru.versi,
        data={"nomor": "050/3/2024", "tanggal": date(2024, 2, 1), "penandatangan_nama": "B"},
    )  # fmt: skip
    services_sk.sk_tetapkan(sk=baru, pengguna=pokja_a, versi=baru.versi)
    butir = [b for b in butir_kalender(kota_a, date(2027, 6, 1)) if "SK" in b.judul]
    assert [b.judul for b in butir] == ["Peninjauan ulang SK 050/3/2024"]
    klien = klien_untuk(pokja_a)
    halaman = klien.get(reverse("monev:peninjauan_daftar")).content.decode()
    assert "terlewati" not in halaman  # the revoked SK's five years passed, but it is revoked
    pilihan = klien.get(reverse("monev:peninjauan_daftar")).context["form"].fields["sk"]
    assert list(pilihan.queryset) == [SK.objects.get(nomor="050/3/2024")]


def test_the_review_page_offers_the_draft_and_shows_the_official_gap(tinjau, pokja_a, admin_a):
    p, _lokasi = tinjau
    klien = klien_untuk(pokja_a)
    url = reverse("monev:peninjauan_detail", args=[p.pk])
    halaman = klien.get(url).content.decode()
    assert reverse("monev:peninjauan_keputusan", args=[p.pk]) in halaman
    respons = klien.post(reverse("monev:peninjauan_keputusan", args=[p.pk]))
    sk = SK.objects.get(menggantikan=p.sk)
    assert respons.url == sk.get_absolute_url()
    halaman = klien.get(url).content.decode()
    assert sk.get_absolute_url() in halaman
    # The recap counts kawasan 0 and 1 out officially? Only 0 is verified by pusat: the draft
    # lists 2 lokasi while the recap (approved re-surveys) leaves 1; the page says why.
    assert 'id="keputusan-selisih"' in halaman and "Kawasan 1 2025" in halaman
    sk_halaman = klien.get(sk.get_absolute_url()).content.decode()
    assert "Keputusan hasil peninjauan ulang." in sk_halaman


def test_another_city_cannot_start_the_draft(tinjau, operator_b):
    p, _lokasi = tinjau
    respons = klien_untuk(operator_b).post(reverse("monev:peninjauan_keputusan", args=[p.pk]))
    assert respons.status_code == 404
    assert not SK.objects.filter(menggantikan=p.sk).exists()
