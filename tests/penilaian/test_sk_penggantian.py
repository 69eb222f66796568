"""SK perubahan / pencabutan, and files that belong to the SK version they were made from
(issue 10 items 7 and 13)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lokasi import riwayat
from penilaian.models import SK, EksporSK
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import services as services_sk
from tests.conftest import buat_lokasi, buat_pengguna, buat_penilaian, klien_untuk

PUSAT = "terverifikasi_pusat"


def terbitkan(sk: SK, pengguna, *, nomor: str, tanggal: date) -> SK:
    for tim in ("pusat", "provinsi", "kabkota"):  # issuing needs the three blocks
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pengguna, tim=tim, data={"nama": f"Nama {tim}", "jabatan": "Ketua"}
        )
    sk.refresh_from_db()
    sk = services_sk.sk_simpan(
        sk=sk, pengguna=pengguna, versi=sk.versi,
        data={"nomor": nomor, "tanggal": tanggal, "penandatangan_nama": "A. Contoh"},
    )  # fmt: skip
    return services_sk.sk_tetapkan(sk=sk, pengguna=pengguna, versi=sk.versi)


@pytest.fixture
def sk_lama(kota_a, pokja_a) -> SK:
    buat_penilaian(buat_lokasi(kota_a, "Kawasan Lama"), tahun=2021, status=PUSAT)
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2022)
    return terbitkan(sk, pokja_a, nomor="050/12/2022", tanggal=date(2022, 3, 1))


# --- replacing an issued SK (item 7) ---------------------------------------------------------


def test_issuing_a_replacing_sk_revokes_the_old_which_stays_frozen_and_readable(
    kota_a, pokja_a, sk_lama
):
    beku_lama = list(sk_lama.lokasi_beku.values_list("data", flat=True))
    buat_penilaian(buat_lokasi(kota_a, "Kawasan Baru"), tahun=2025, status=PUSAT)
    baru = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan=SK.Hubungan.MENCABUT
    )
    # Until the new one is issued the old is in force.
    assert list(SK.objects.berlaku()) == [sk_lama]
    assert sk_lama.status_tampil == "Ditetapkan"

    baru = terbitkan(baru, pokja_a, nomor="050/7/2026", tanggal=date(2026, 5, 2))

    sk_lama = SK.objects.get(pk=sk_lama.pk)
    assert list(SK.objects.berlaku()) == [baru]
    assert sk_lama.status == SK.Status.DITETAPKAN  # never touched
    assert sk_lama.pengganti == baru and sk_lama.status_tampil == "Dicabut"
    assert list(sk_lama.lokasi_beku.values_list("data", flat=True)) == beku_lama
    assert [lok.nama for lok in services_sk.isi_sk(sk_lama).lokasi] == ["Kawasan Lama"]
    entri = riwayat.untuk(sk_lama)[0]
    assert entri.tindakan == "dicabut" and "050/7/2026" in str(entri.perubahan)

    halaman = klien_untuk(pokja_a).get(sk_lama.get_absolute_url()).content.decode()
    assert "telah dicabut dan dinyatakan tidak berlaku oleh" in halaman
    assert baru.get_absolute_url() in halaman
    daftar = klien_untuk(pokja_a).get("/penilaian/sk/").content.decode()
    assert "Dicabut" in daftar and "mencabut" in daftar


def test_the_revoking_decree_says_which_sk_it_revokes(kota_a, pokja_a, sk_lama):
    baru = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan=SK.Hubungan.MENCABUT
    )
    isi = services_sk.isi_sk(baru)
    label, teks = isi.diktum[-2]
    assert label == "KETUJUH"
    assert teks == (
        "Pada saat Keputusan ini mulai berlaku, Keputusan Wali Kota Alfa Nomor 050/12/2022 Tahun "
        "2022 tentang Penetapan Lokasi Perumahan Kumuh dan Permukiman Kumuh di Kota Alfa dicabut "
        "dan dinyatakan tidak berlaku;"
    )
    assert isi.diktum[-1] == ("KEDELAPAN", "Keputusan ini mulai berlaku pada tanggal ditetapkan.")
    assert isi.diktum[4][0] == "KELIMA"  # the annexes' article keeps its place
    # Menimbang gains item d. and the closing item cites a to d.
    assert len(isi.menimbang) == 5
    assert "huruf a, huruf b, huruf c dan huruf d" in isi.menimbang[-1]
    # A plain penetapan keeps the template's seven articles.
    assert [d[0] for d in services_sk.isi_sk(sk_lama).diktum][-1] == "KETUJUH"


def test_an_amending_sk_is_titled_and_worded_as_a_perubahan(kota_a, pokja_a, sk_lama):
    baru = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan=SK.Hubungan.MENGUBAH
    )
    assert baru.tentang.startswith("Perubahan atas Keputusan Wali Kota Alfa Nomor 050/12/2022")
    teks = services_sk.isi_sk(baru).diktum_penggantian
    assert "diubah sehingga menjadi" in teks and "tetap berlaku" in teks
    baru = terbitkan(baru, pokja_a, nomor="050/8/2026", tanggal=date(2026, 6, 1))
    assert SK.objects.get(pk=sk_lama.pk).status_tampil == "Diubah"


def test_the_keputusan_pdf_prints_the_revocation(kota_a, pokja_a, sk_lama, tmp_path):
    import subprocess

    baru = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan=SK.Hubungan.MENCABUT
    )
    pdf = sk_cetak.pdf_sk(services_sk.isi_sk(baru), "keputusan")
    berkas = tmp_path / "k.pdf"
    berkas.write_bytes(pdf)
    teks = subprocess.run(
        ["pdftotext", str(berkas), "-"], capture_output=True, text=True, check=True
    ).stdout
    teks = " ".join(teks.split())
    assert "Nomor 050/12/2022 Tahun 2022" in teks
    assert "dicabut dan dinyatakan tidak berlaku" in teks and "KEDELAPAN" in teks


@pytest.mark.parametrize("hubungan", ["", "lain"])
def test_a_replacing_sk_must_say_how(pokja_a, sk_lama, hubungan):
    with pytest.raises(ValidationError) as e:
        services_sk.sk_buat(pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan=hubungan)
    assert "hubungan" in e.value.message_dict


def test_only_an_issued_sk_in_force_of_the_same_city_can_be_replaced(
    kota_a, kota_b, pokja_a, sk_lama
):
    draf = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    with pytest.raises(ValidationError, match="sudah ditetapkan"):
        services_sk.sk_buat(pengguna=pokja_a, tahun=2026, menggantikan=draf, hubungan="mencabut")
    pokja_b = buat_pengguna("pokja_b", "pokja", kota_b)
    with pytest.raises(PermissionDenied):
        services_sk.sk_buat(pengguna=pokja_b, tahun=2026, menggantikan=sk_lama, hubungan="mencabut")
    with pytest.raises(ValidationError, match="tahun"):
        services_sk.sk_buat(pengguna=pokja_a, tahun=2021, menggantikan=sk_lama, hubungan="mencabut")
    baru = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan="mencabut"
    )
    terbitkan(baru, pokja_a, nomor="050/7/2026", tanggal=date(2026, 5, 2))
    with pytest.raises(ValidationError, match="sudah dicabut oleh SK Nomor 050/7/2026"):
        services_sk.sk_buat(pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan="mengubah")


def test_of_two_drafts_replacing_one_sk_only_the_first_issued_stands(kota_a, pokja_a, sk_lama):
    pertama = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan="mencabut"
    )
    kedua = services_sk.sk_buat(
        pengguna=pokja_a, tahun=2026, menggantikan=sk_lama, hubungan="mengubah"
    )
    terbitkan(pertama, pokja_a, nomor="050/7/2026", tanggal=date(2026, 5, 2))
    with pytest.raises(ValidationError, match="sudah dicabut"):
        terbitkan(kedua, pokja_a, nomor="050/9/2026", tanggal=date(2026, 5, 3))
    assert SK.objects.get(pk=kedua.pk).status == SK.Status.DRAF


def test_the_new_sk_form_offers_only_the_citys_sks_in_force(kota_a, kota_b, pokja_a, sk_lama):
    halaman = klien_untuk(pokja_a).get("/penilaian/sk/").content.decode()
    assert "SK Nomor 050/12/2022 Tahun 2022" in halaman
    pokja_b = buat_pengguna("pokja_b", "pokja", kota_b)
    lain = klien_untuk(pokja_b)
    assert "050/12/2022" not in lain.get("/penilaian/sk/").content.decode()
    # Posting another city's SK id: refused by the form, nothing created.
    respons = lain.post(
        "/penilaian/sk/baru/",
        {"tahun": 2026, "menggantikan": sk_lama.pk, "hubungan": "mencabut"},
        follow=True,
    )
    assert "Mencabut/mengubah SK" in respons.content.decode()
    assert not SK.objects.filter(kabupaten_kota=kota_b).exists()

    respons = klien_untuk(pokja_a).post(
        "/penilaian/sk/baru/", {"tahun": 2026, "menggantikan": sk_lama.pk, "hubungan": "mencabut"}
    )
    baru = SK.objects.get(menggantikan=sk_lama)
    assert respons.url == baru.get_absolute_url()
    assert baru.tempat == sk_lama.tempat and baru.hubungan == "mencabut"


# --- files belong to their version (item 13) -------------------------------------------------


def test_a_draft_file_is_never_handed_out_as_the_issued_sks(kota_a, pokja_a):
    buat_penilaian(buat_lokasi(kota_a, "Kawasan"), tahun=2025, status=PUSAT)
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    draf = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="keputusan", format="pdf")
    draf.refresh_from_db()
    assert (draf.status, draf.draf, draf.sk_versi) == ("selesai", True, sk.versi)
    assert draf.berkas.name.endswith("-draf.pdf")

    sk = terbitkan(sk, pokja_a, nomor="050/7/2026", tanggal=date(2026, 5, 2))
    klien = klien_untuk(pokja_a)
    panel = klien.get(f"/penilaian/sk/{sk.pk}/").content.decode()
    assert f"/berkas/{draf.pk}/" not in panel  # the draft's file is not offered any more

    akhir = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="keputusan", format="pdf")
    assert akhir.pk != draf.pk
    akhir.refresh_from_db()
    assert (akhir.draf, akhir.sk_versi) == (False, sk.versi)
    unduh = klien.get(f"/penilaian/sk/{sk.pk}/berkas/{akhir.pk}/")
    assert "-draf" not in unduh["Content-Disposition"]
    # The old draft file, fetched by its address, still says it is a draft.
    unduh = klien.get(f"/penilaian/sk/{sk.pk}/berkas/{draf.pk}/")
    assert "-draf.pdf" in unduh["Content-Disposition"]
    # Asked again, the issued SK's file is reused, not rendered anew.
    lagi = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="keputusan", format="pdf")
    assert lagi.pk == akhir.pk


def test_a_file_of_an_earlier_draft_version_is_not_reused(kota_a, pokja_a):
    buat_penilaian(buat_lokasi(kota_a, "Kawasan"), tahun=2025, status=PUSAT)
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    # A job still waiting when the draft is edited.
    menunggu = EksporSK.objects.create(
        sk=sk, bagian="lampiran1", format="pdf", status="antri", sk_versi=sk.versi
    )
    sk = services_sk.sk_simpan(sk=sk, pengguna=pokja_a, versi=sk.versi, data={"nomor": "1/2026"})
    baru = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="lampiran1", format="pdf")
    assert baru.pk != menunggu.pk
    baru.refresh_from_db()
    assert baru.sk_versi == sk.versi


def test_a_job_records_the_version_it_rendered(kota_a, pokja_a):
    buat_penilaian(buat_lokasi(kota_a, "Kawasan"), tahun=2025, status=PUSAT)
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    # Asked for at version 1; the draft is edited before a worker takes the job.
    ekspor = EksporSK.objects.create(
        sk=sk, bagian="keputusan", format="pdf", status="antri", sk_versi=sk.versi
    )
    sk = services_sk.sk_simpan(sk=sk, pengguna=pokja_a, versi=sk.versi, data={"nomor": "2/2026"})
    services_sk.ekspor_jalankan(ekspor.pk)
    ekspor.refresh_from_db()
    assert (ekspor.status, ekspor.sk_versi, ekspor.draf) == ("selesai", sk.versi, True)
