"""The funding gap, pledges and the PKS register: scope, rights, form errors, optimistic lock,
status steps, reporting to the Pokja and history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kolaborasi.models import Ikrar, PerjanjianKerjaSama, Pertemuan
from lokasi.models import RiwayatPerubahan
from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan, buat_pemangku

pytestmark = pytest.mark.django_db

KURANG = reverse("kolaborasi:pendanaan_kurang")
IKRAR = reverse("kolaborasi:ikrar_daftar")
IKRAR_TAMBAH = reverse("kolaborasi:ikrar_tambah")
DAFTAR = reverse("kolaborasi:pks_daftar")
TAMBAH = reverse("kolaborasi:pks_tambah")


def buat_pertemuan(kabkota, jenis: str = "pokja_rutin", tanggal: date = date(2026, 4, 1)):
    return Pertemuan.objects.create(kabupaten_kota=kabkota, jenis=jenis, tanggal=tanggal)


def buat_pks(kabkota, nomor: str = "PKS/001", status: str = "draf", **nilai):
    pemangku = nilai.pop("pemangku", None) or buat_pemangku(
        kabkota, f"PT Sumber {nomor}", "perusahaan"
    )
    bawaan = {"tanggal": date(2026, 3, 10), "pihak_pertama": "Dinas Perkim",
              "ruang_lingkup": "Pembangunan jalan lingkungan", "jenis_sumberdaya": "keuangan",
              "nilai": Decimal(250_000_000)}  # fmt: skip
    bawaan.update(nilai)
    return PerjanjianKerjaSama.objects.create(
        kabupaten_kota=kabkota, nomor=nomor, status=status, pemangku=pemangku, **bawaan
    )


def _data_pks(pemangku, **lain) -> dict:
    data = {"nomor": "PKS/010", "tanggal": "2026-03-10", "pihak_pertama": "Dinas Perkim",
            "pemangku": pemangku.pk, "ruang_lingkup": "Drainase", "jenis_sumberdaya": "fisik",
            "nilai": "", "volume": "300 m saluran", "mulai": "2026-04-01",
            "selesai": "2026-12-31"}  # fmt: skip
    data.update(lain)
    return data


# --- funding gap -------------------------------------------------------------------------------


@pytest.fixture
def kegiatan_kurang(kota_a, lokasi_a):
    """Three kegiatan: one with CSR and lainnya open, one budgeted (only lainnya open), one
    fully public."""
    a = buat_kegiatan(kota_a, lokasi_a, status="usulan", nama="Jalan paving RT 03",
                      dana={"apbd_kabkota": 100, "csr": 60, "lainnya": 40})  # fmt: skip
    b = buat_kegiatan(kota_a, lokasi_a, status="dianggarkan", nama="Drainase RW 02",
                      dana={"csr": 50, "lainnya": 10})  # fmt: skip
    c = buat_kegiatan(kota_a, lokasi_a, nama="Sumur resapan", dana={"apbd_kabkota": 90})
    return a, b, c


def test_the_gap_lists_open_shares_minus_pledges(operator_a, kota_a, kegiatan_kurang):
    a, b, _c = kegiatan_kurang
    pt = buat_pemangku(kota_a, "PT Jaya", "perusahaan")
    Ikrar.objects.create(kabupaten_kota=kota_a, pemangku=pt, kegiatan=a, nilai=Decimal(30),
                         jenis_sumberdaya="keuangan", tanggal=date(2026, 5, 1))  # fmt: skip
    r = klien_untuk(operator_a).get(KURANG)
    assert r.status_code == 200
    baris = {x.kegiatan.pk: x for x in r.context["daftar"].baris}
    assert set(baris) == {a.pk, b.pk}
    assert (baris[a.pk].belum_terikat, baris[a.pk].dijanjikan, baris[a.pk].kurang) == (100, 30, 70)
    assert (baris[b.pk].belum_terikat, baris[b.pk].kurang) == (10, 10)
    assert r.context["daftar"].jumlah_kurang == 80
    assert "Catat ikrar" in r.text
    assert "belum ada pemberi dananya" in r.text  # the rule is written on the page


def test_the_gap_filters_by_year_and_kecamatan(operator_a, kota_a, kegiatan_kurang):
    klien = klien_untuk(operator_a)
    assert klien.get(KURANG, {"tahun": 2030}).context["daftar"].baris == []
    kec = kota_a.kecamatan.first()
    assert len(klien.get(KURANG, {"kecamatan": kec.pk}).context["daftar"].baris) == 2
    r = klien.get(KURANG, {"tahun": 2026}, headers={"HX-Request": "true",
                                                     "HX-Target": "hasil-kekurangan"})  # fmt: skip
    assert r.status_code == 200 and "<h1>" not in r.text


def test_verifiers_read_the_gap_other_cities_see_nothing(
    verifikator_p, operator_b, kegiatan_kurang
):
    r = klien_untuk(verifikator_p).get(KURANG)
    assert len(r.context["daftar"].baris) == 2 and "Catat ikrar" not in r.text
    assert klien_untuk(operator_b).get(KURANG).context["daftar"].baris == []


def test_anonymous_users_log_in(client):
    for url in (KURANG, IKRAR, IKRAR_TAMBAH, DAFTAR, TAMBAH):
        r = client.get(url)
        assert r.status_code == 302 and "/masuk/" in r["Location"]


# --- pledges -----------------------------------------------------------------------------------


def test_a_pledge_is_recorded_from_the_gap_list(pokja_a, kota_a, kegiatan_kurang):
    a = kegiatan_kurang[0]
    pt = buat_pemangku(kota_a, "PT Jaya", "perusahaan")
    forum = buat_pertemuan(kota_a, "forum")
    klien = klien_untuk(pokja_a)
    assert klien.get(IKRAR_TAMBAH, {"kegiatan": a.pk}).status_code == 200
    r = klien.post(f"{IKRAR_TAMBAH}?kegiatan={a.pk}", {
        "pemangku": pt.pk, "jenis_sumberdaya": "keuangan", "nilai": "60", "uraian": "Paving",
        "kegiatan": a.pk, "pertemuan": forum.pk, "tanggal": "2026-05-02"})  # fmt: skip
    assert r.status_code == 302 and r["Location"] == KURANG
    ikrar = Ikrar.objects.get()
    assert (ikrar.kegiatan, ikrar.pertemuan, ikrar.kabupaten_kota) == (a, forum, kota_a)
    assert "PT Jaya" in klien.get(IKRAR).text


def test_a_pledge_needs_an_external_party_of_the_city(operator_a, kota_a, kota_b):
    dinas = buat_pemangku(kota_a)  # internal
    luar = buat_pemangku(kota_b, "PT Beta", "perusahaan")
    klien = klien_untuk(operator_a)
    for pemangku in (dinas, luar):
        r = klien.post(IKRAR_TAMBAH, {"pemangku": pemangku.pk, "jenis_sumberdaya": "fisik",
                                      "tanggal": "2026-05-02"})  # fmt: skip
        assert r.status_code == 200
        assert "Pemangku kepentingan" in r.text and "eksternal" in r.text
    r = klien.post(IKRAR_TAMBAH, {})
    assert "Tanggal wajib diisi." in r.text
    assert not Ikrar.objects.exists()


def test_verifiers_may_not_pledge_and_other_cities_kegiatan_are_404(
    verifikator_p, operator_b, kegiatan_kurang
):
    assert klien_untuk(verifikator_p).get(IKRAR_TAMBAH).status_code == 403
    assert "Catat ikrar" not in klien_untuk(verifikator_p).get(IKRAR).text
    r = klien_untuk(operator_b).get(IKRAR_TAMBAH, {"kegiatan": kegiatan_kurang[0].pk})
    assert r.status_code == 404


# --- PKS register ------------------------------------------------------------------------------


def test_register_flags_and_counts_signed_unreported_agreements(operator_a, kota_a, kota_b):
    buat_pks(kota_a, "PKS/001", "ditandatangani")
    rapat = buat_pertemuan(kota_a)
    buat_pks(kota_a, "PKS/002", "berjalan", dilaporkan_pada=rapat)
    buat_pks(kota_a, "PKS/003", "draf")
    buat_pks(kota_b, "PKS/B01", "ditandatangani")
    klien = klien_untuk(operator_a)
    r = klien.get(DAFTAR)
    assert r.status_code == 200
    assert r.context["belum_dilaporkan"] == 1 and r.context["jumlah"] == 3
    assert "1 PKS sudah ditandatangani tetapi belum dilaporkan" in r.text
    assert "PKS/B01" not in r.text
    nomor = lambda r: [p.nomor for p in r.context["halaman"].object_list]  # noqa: E731
    assert nomor(klien.get(DAFTAR, {"belum_dilaporkan": "on"})) == ["PKS/001"]
    assert nomor(klien.get(DAFTAR, {"status": "draf"})) == ["PKS/003"]
    pihak = PerjanjianKerjaSama.objects.get(nomor="PKS/002").pemangku
    assert nomor(klien.get(DAFTAR, {"pihak": pihak.pk})) == ["PKS/002"]


def test_detail_scope_and_buttons_by_role(operator_a, pokja_a, verifikator_p, operator_b, kota_a):
    pks = buat_pks(kota_a, status="ditandatangani")
    assert klien_untuk(operator_b).get(pks.get_absolute_url()).status_code == 404
    r = klien_untuk(verifikator_p).get(pks.get_absolute_url())
    assert r.status_code == 200 and r.context["status_form"] is None and not r.context["lapor_form"]
    r = klien_untuk(operator_a).get(pks.get_absolute_url())
    assert r.context["status_form"] is None and r.context["lapor_form"] is not None
    r = klien_untuk(pokja_a).get(pks.get_absolute_url())
    assert [c for c, _l in r.context["status_form"].fields["status"].choices] == [
        "berjalan", "berakhir"]  # fmt: skip


def test_a_pks_is_added_with_kegiatan_lokasi_and_a_pdf(operator_a, kota_a, lokasi_a):
    pt = buat_pemangku(kota_a, "PT Jaya", "perusahaan")
    keg = buat_kegiatan(kota_a, lokasi_a)
    pdf = SimpleUploadedFile("pks.pdf", b"%PDF-1.4 isi", content_type="application/pdf")
    r = klien_untuk(operator_a).post(
        TAMBAH, {**_data_pks(pt), "kegiatan": [keg.pk], "lokasi": [lokasi_a.pk], "dokumen": pdf}
    )
    assert r.status_code == 302, r.context["form"].errors
    pks = PerjanjianKerjaSama.objects.get()
    assert (pks.status, pks.dibuat_oleh, pks.versi) == ("draf", operator_a, 1)
    assert list(pks.kegiatan.all()) == [keg] and list(pks.lokasi.all()) == [lokasi_a]
    assert (
        klien_untuk(operator_a).get(reverse("kolaborasi:pks_dokumen", args=[pks.pk])).status_code
        == 200
    )
    detail = klien_untuk(operator_a).get(pks.get_absolute_url())
    assert keg.nama in detail.text and lokasi_a.nama in detail.text
    riwayat = RiwayatPerubahan.objects.get(object_id=pks.pk)
    assert riwayat.tindakan == "dibuat" and riwayat.perubahan["kegiatan"][1] == keg.nama


def test_bad_input_names_the_field_and_saves_nothing(operator_a, kota_a, kota_b, lokasi_b):
    dinas = buat_pemangku(kota_a)
    pt = buat_pemangku(kota_a, "PT Jaya", "perusahaan")
    klien = klien_untuk(operator_a)
    palsu = SimpleUploadedFile("pks.pdf", b"bukan pdf", content_type="application/pdf")
    kasus = [
        (_data_pks(dinas), "Pihak kedua harus pemangku kepentingan eksternal"),
        ({**_data_pks(pt), "lokasi": [lokasi_b.pk]}, "Lokasi"),
        ({**_data_pks(pt), "dokumen": palsu}, "Isi berkas bukan PDF yang sah."),
        ({**_data_pks(pt), "selesai": "2026-01-01"}, "Berlaku sampai tidak boleh sebelum"),
        ({**_data_pks(pt), "nomor": ""}, "Nomor PKS wajib diisi."),
    ]
    for data, pesan in kasus:
        r = klien.post(TAMBAH, data)
        assert r.status_code == 200 and pesan in r.text, pesan
    assert not PerjanjianKerjaSama.objects.exists()


def test_concurrent_edit_is_refused_naming_who_saved(operator_a, admin_a, kota_a):
    pks = buat_pks(kota_a)
    url = reverse("kolaborasi:pks_ubah", args=[pks.pk])
    data = _data_pks(pks.pemangku, nomor=pks.nomor, versi=pks.versi)
    assert (
        klien_untuk(admin_a).post(url, {**data, "ruang_lingkup": "Versi admin"}).status_code == 302
    )
    r = klien_untuk(operator_a).post(url, {**data, "ruang_lingkup": "Versi operator"})
    assert r.status_code == 200 and "sudah diubah oleh Admin A" in r.text
    pks.refresh_from_db()
    assert pks.ruang_lingkup == "Versi admin" and pks.versi == 2


def test_signed_pks_data_is_not_edited_and_rights_are_checked(
    verifikator_p, operator_a, operator_b, kota_a
):
    pks = buat_pks(kota_a, status="ditandatangani")
    url = reverse("kolaborasi:pks_ubah", args=[pks.pk])
    assert klien_untuk(verifikator_p).get(url).status_code == 403
    assert klien_untuk(operator_b).get(url).status_code == 404
    assert klien_untuk(operator_a).get(url).status_code == 302
    assert klien_untuk(verifikator_p).get(TAMBAH).status_code == 403


def test_status_moves_one_step_by_the_pokja_only(pokja_a, operator_a, operator_b, kota_a):
    pks = buat_pks(kota_a)
    url = reverse("kolaborasi:pks_status", args=[pks.pk])
    assert (
        klien_untuk(operator_a).post(url, {"status": "ditandatangani", "versi": 1}).status_code
        == 403
    )
    assert (
        klien_untuk(operator_b).post(url, {"status": "ditandatangani", "versi": 1}).status_code
        == 404
    )
    klien = klien_untuk(pokja_a)
    klien.post(url, {"status": "berjalan", "versi": 1})
    pks.refresh_from_db()
    assert pks.status == "draf"
    klien.post(url, {"status": "ditandatangani", "versi": 1})
    klien.post(url, {"status": "berakhir", "versi": 2})
    pks.refresh_from_db()
    assert (pks.status, pks.versi) == ("berakhir", 3)
    r = klien.post(url, {"status": "berjalan", "versi": 3}, follow=True)
    assert "Status baru" in r.text
    perubahan = [
        r.perubahan for r in RiwayatPerubahan.objects.filter(object_id=pks.pk).order_by("pk")
    ]
    assert perubahan[-1]["status"] == ["Ditandatangani", "Berakhir"]


def test_reporting_to_a_pokja_meeting_on_or_after_the_pks(operator_a, kota_a, kota_b):
    pks = buat_pks(kota_a, status="ditandatangani", tanggal=date(2026, 3, 10))
    awal = buat_pertemuan(kota_a, tanggal=date(2026, 3, 1))
    forum = buat_pertemuan(kota_a, "forum", date(2026, 4, 1))
    lain = buat_pertemuan(kota_b, tanggal=date(2026, 4, 1))
    rapat = buat_pertemuan(kota_a, "pokja_monitoring", date(2026, 4, 2))
    url = reverse("kolaborasi:pks_lapor", args=[pks.pk])
    klien = klien_untuk(operator_a)
    for salah in (awal, forum, lain):
        klien.post(url, {"pertemuan": salah.pk, "versi": 1})
        pks.refresh_from_db()
        assert pks.dilaporkan_pada is None
    r = klien.post(url, {"pertemuan": rapat.pk, "versi": 1}, follow=True)
    assert "Pelaporan PKS ke Pokja PKP dicatat." in r.text
    pks.refresh_from_db()
    assert pks.dilaporkan_pada == rapat and not pks.belum_dilaporkan
    entri = RiwayatPerubahan.objects.filter(object_id=pks.pk).latest("pk")
    assert entri.tindakan == "dilaporkan ke Pokja"
    assert "dilaporkan ke Pokja pada" in entri.perubahan


def test_a_draft_cannot_be_reported(operator_a, kota_a):
    pks = buat_pks(kota_a)
    rapat = buat_pertemuan(kota_a)
    url = reverse("kolaborasi:pks_lapor", args=[pks.pk])
    klien_untuk(operator_a).post(url, {"pertemuan": rapat.pk, "versi": 1})
    pks.refresh_from_db()
    assert pks.dilaporkan_pada is None


def test_the_register_downloads_as_excel_with_its_filter(operator_a, operator_b, kota_a):
    from io import BytesIO

    from openpyxl import load_workbook

    buat_pks(kota_a, "PKS/001", "ditandatangani")
    buat_pks(kota_a, "PKS/002", "draf")
    url = reverse("kolaborasi:pks_xlsx")
    r = klien_untuk(operator_a).get(url, {"belum_dilaporkan": "on"})
    assert r.status_code == 200 and "register-pks" in r["Content-Disposition"]
    lembar = load_workbook(BytesIO(r.content)).active
    assert lembar.cell(3, 2).value == "Nomor PKS"
    assert [lembar.cell(4, 2).value, lembar.cell(5, 2).value] == ["PKS/001", None]
    assert lembar.cell(4, 14).value == "BELUM DILAPORKAN"
    r = klien_untuk(operator_b).get(url)
    assert load_workbook(BytesIO(r.content)).active.cell(4, 2).value is None


def test_the_signed_scan_is_uploaded_after_signing(operator_a, verifikator_p, kota_a):
    pks = buat_pks(kota_a, status="ditandatangani")
    url = reverse("kolaborasi:pks_dokumen_unggah", args=[pks.pk])
    pdf = SimpleUploadedFile("ttd.pdf", b"%PDF-1.4 isi", content_type="application/pdf")
    assert klien_untuk(verifikator_p).post(url, {"dokumen": pdf, "versi": 1}).status_code == 403
    palsu = SimpleUploadedFile("ttd.pdf", b"bukan", content_type="application/pdf")
    r = klien_untuk(operator_a).post(url, {"dokumen": palsu, "versi": 1}, follow=True)
    assert "Isi berkas bukan PDF yang sah." in r.text
    pdf.seek(0)
    r = klien_untuk(operator_a).post(url, {"dokumen": pdf, "versi": 1}, follow=True)
    assert "Dokumen PKS diunggah." in r.text
    pks.refresh_from_db()
    assert pks.dokumen and pks.versi == 2 and pks.status == "ditandatangani"
    entri = RiwayatPerubahan.objects.filter(object_id=pks.pk).latest("pk")
    assert entri.tindakan == "dokumen diunggah"


def test_a_pledge_is_corrected_or_deleted_with_history(
    operator_a, verifikator_p, operator_b, kota_a
):
    pt = buat_pemangku(kota_a, "PT Jaya", "perusahaan")
    ikrar = Ikrar.objects.create(kabupaten_kota=kota_a, pemangku=pt, jenis_sumberdaya="keuangan",
                                 nilai=Decimal(10), tanggal=date(2026, 5, 1))  # fmt: skip
    ubah = reverse("kolaborasi:ikrar_ubah", args=[ikrar.pk])
    hapus = reverse("kolaborasi:ikrar_hapus", args=[ikrar.pk])
    assert klien_untuk(verifikator_p).get(ubah).status_code == 403
    assert klien_untuk(operator_b).get(ubah).status_code == 404
    assert klien_untuk(operator_b).post(hapus).status_code == 404
    r = klien_untuk(operator_a).post(ubah, {"pemangku": pt.pk, "jenis_sumberdaya": "keuangan",
                                            "nilai": "15", "tanggal": "2026-05-01"})  # fmt: skip
    assert r.status_code == 302 and r["Location"] == IKRAR
    ikrar.refresh_from_db()
    assert ikrar.nilai == 15
    assert klien_untuk(verifikator_p).post(hapus).status_code == 403
    assert klien_untuk(operator_a).post(hapus).status_code == 302
    assert not Ikrar.objects.exists()
    tindakan = list(
        RiwayatPerubahan.objects.filter(object_id=ikrar.pk)
        .values_list("tindakan", flat=True)
        .order_by("pk")
    )
    assert tindakan == ["diubah", "dihapus"]
