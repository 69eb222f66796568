"""Pages of stakeholders, Pokja/Forum PKP and meetings, for every role."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kolaborasi.models import Keanggotaan, KeputusanPertemuan, LembagaPKP, PemangkuKepentingan
from kolaborasi.pemangku import jadwal
from tests.conftest import klien_untuk
from tests.kolaborasi.conftest import buat_pemangku
from tests.kolaborasi.pemangku_bantu import (
    buat_anggota,
    buat_keputusan,
    buat_lembaga,
    buat_pertemuan,
)

pytestmark = pytest.mark.django_db

PENGISI = ["operator_a", "admin_a", "pokja_a"]
PEMUTUS = ["admin_a", "pokja_a"]


@pytest.fixture
def data(kota_a, kota_b):
    pemangku = buat_pemangku(kota_a, nama="Bappeda Alfa", kompetensi_psu=True)
    lembaga = buat_lembaga(kota_a)
    rapat = buat_pertemuan(kota_a, lembaga=lembaga)
    return {
        "pemangku": pemangku,
        "lembaga": lembaga,
        "pertemuan": rapat,
        "pemangku_b": buat_pemangku(kota_b, nama="Dinas Beta"),
        "lembaga_b": buat_lembaga(kota_b),
        "pertemuan_b": buat_pertemuan(kota_b),
    }


def _halaman(data, bagian):
    return {
        "pemangku": ("kolaborasi:pemangku_daftar", "kolaborasi:pemangku_detail"),
        "lembaga": ("kolaborasi:lembaga_daftar", "kolaborasi:lembaga_detail"),
        "pertemuan": ("kolaborasi:pertemuan_daftar", "kolaborasi:pertemuan_detail"),
    }[bagian]


@pytest.mark.parametrize("bagian", ["pemangku", "lembaga", "pertemuan"])
@pytest.mark.parametrize("peran", [*PENGISI, "verifikator_p", "verifikator_pusat"])
def test_every_role_in_scope_reads_lists_and_details(request, data, bagian, peran):
    klien = klien_untuk(request.getfixturevalue(peran))
    daftar, detail = _halaman(data, bagian)
    assert klien.get(reverse(daftar)).status_code == 200
    assert klien.get(reverse(detail, args=[data[bagian].pk])).status_code == 200


@pytest.mark.parametrize("bagian", ["pemangku", "lembaga", "pertemuan"])
def test_another_citys_operator_gets_404_and_does_not_see_it_listed(operator_b, data, bagian):
    klien = klien_untuk(operator_b)
    daftar, detail = _halaman(data, bagian)
    assert klien.get(reverse(detail, args=[data[bagian].pk])).status_code == 404
    r = klien.get(reverse(daftar))
    assert r.status_code == 200
    assert reverse(detail, args=[data[bagian].pk]) not in r.text
    assert reverse(detail, args=[data[f"{bagian}_b"].pk]) in r.text


@pytest.mark.parametrize(
    "nama",
    ["kolaborasi:pemangku_daftar", "kolaborasi:lembaga_daftar", "kolaborasi:pertemuan_daftar"],
)
def test_anonymous_users_log_in(client, nama):
    r = client.get(reverse(nama))
    assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_verifiers_see_no_edit_buttons_and_get_403(verifikator_p, data):
    klien = klien_untuk(verifikator_p)
    r = klien.get(reverse("kolaborasi:pemangku_daftar"))
    assert reverse("kolaborasi:pemangku_tambah") not in r.text
    r = klien.get(data["pemangku"].get_absolute_url())
    assert reverse("kolaborasi:pemangku_ubah", args=[data["pemangku"].pk]) not in r.text
    for nama, args in [
        ("kolaborasi:pemangku_tambah", []),
        ("kolaborasi:pemangku_ubah", [data["pemangku"].pk]),
        ("kolaborasi:lembaga_tambah", []),
        ("kolaborasi:pertemuan_tambah", []),
        ("kolaborasi:pertemuan_ubah", [data["pertemuan"].pk]),
    ]:
        assert klien.get(reverse(nama, args=args)).status_code == 403


def test_operators_enter_data_but_do_not_decide_on_the_pokja(operator_a, data):
    klien = klien_untuk(operator_a)
    assert klien.get(reverse("kolaborasi:pemangku_tambah")).status_code == 200
    assert klien.get(reverse("kolaborasi:pertemuan_tambah")).status_code == 200
    assert klien.get(reverse("kolaborasi:lembaga_tambah")).status_code == 403
    lembaga = data["lembaga"]
    assert klien.get(reverse("kolaborasi:lembaga_ubah", args=[lembaga.pk])).status_code == 403
    r = klien.get(reverse("kolaborasi:lembaga_detail", args=[lembaga.pk]))
    assert reverse("kolaborasi:lembaga_ubah", args=[lembaga.pk]) not in r.text
    assert reverse("kolaborasi:anggota_tambah", args=[lembaga.pk]) not in r.text
    r = klien.post(reverse("kolaborasi:anggota_tambah", args=[lembaga.pk]), {})
    assert r.status_code == 403


def test_another_citys_operator_cannot_edit_by_url(operator_b, data):
    klien = klien_untuk(operator_b)
    assert (
        klien.get(reverse("kolaborasi:pemangku_ubah", args=[data["pemangku"].pk])).status_code
        == 404
    )
    url = reverse("kolaborasi:keputusan_tambah", args=[data["pertemuan"].pk])
    assert klien.post(url, {"uraian": "x"}).status_code == 404


@pytest.mark.parametrize("peran", PENGISI)
def test_the_list_filters_through_htmx(request, kota_a, peran):
    buat_pemangku(kota_a, nama="Bappeda", kompetensi_psu=True)
    buat_pemangku(kota_a, nama="PT Batik", jenis="perusahaan", kompetensi_ekonomi=True)
    buat_pemangku(kota_a, nama="Koran Lama", jenis="media", aktif=False)
    klien = klien_untuk(request.getfixturevalue(peran))
    url = reverse("kolaborasi:pemangku_daftar")
    hx = {"HX-Request": "true", "HX-Target": "hasil-pemangku"}
    r = klien.get(url, {"golongan": "eksternal"}, headers=hx)
    assert "PT Batik" in r.text and "Bappeda" not in r.text and "<html" not in r.text
    assert "PT Batik" in klien.get(url, {"kompetensi": "ekonomi"}).text
    assert "Bappeda" not in klien.get(url, {"kompetensi": "ekonomi"}).text
    r = klien.get(url, {"aktif": "tidak"})
    assert "Koran Lama" in r.text and "PT Batik" not in r.text
    r = klien.get(url, {"q": "bapp", "jenis": "perangkat_daerah"})
    assert r.context["jumlah"] == 1


def test_adding_a_lembaga_kemasyarakatan_without_its_number_names_the_field(operator_a):
    r = klien_untuk(operator_a).post(
        reverse("kolaborasi:pemangku_tambah"),
        {"nama": "LPM Panjang Wetan", "jenis": "lembaga_kemasyarakatan", "aktif": "on"},
    )
    assert r.status_code == 200
    assert "Nomor keputusan pembentukan" in r.text and "Keputusan Camat/Lurah" in r.text
    assert not PemangkuKepentingan.objects.exists()


def test_a_stakeholder_is_added_then_edited_with_history(operator_a, admin_a):
    klien = klien_untuk(operator_a)
    r = klien.post(
        reverse("kolaborasi:pemangku_tambah"),
        {"nama": "LPM Panjang Wetan", "jenis": "lembaga_kemasyarakatan", "aktif": "on",
         "dasar_nomor": "Kep. Lurah 400/17/2024", "kompetensi_sosial": "on"},
    )  # fmt: skip
    p = PemangkuKepentingan.objects.get()
    assert r.status_code == 302 and r["Location"] == p.get_absolute_url()
    r = klien.get(p.get_absolute_url())
    assert "Kep. Lurah 400/17/2024" in r.text and "Sosial" in r.text
    data = {"nama": "LPM Panjang Wetan Baru", "jenis": "lembaga_kemasyarakatan", "aktif": "on",
            "dasar_nomor": "Kep. Lurah 400/17/2024", "versi": p.versi}  # fmt: skip
    assert klien.post(reverse("kolaborasi:pemangku_ubah", args=[p.pk]), data).status_code == 302
    # A second editor who opened the old version is refused, naming who saved.
    data["nama"] = "Lain"
    r = klien_untuk(admin_a).post(reverse("kolaborasi:pemangku_ubah", args=[p.pk]), data)
    assert r.status_code == 200 and operator_a.get_full_name() in r.text
    r = klien.get(p.get_absolute_url())
    assert "LPM Panjang Wetan Baru" in r.text and "Belum ada perubahan" not in r.text


def _pdf(isi: bytes = b"%PDF-1.4\n%%EOF", nama: str = "sk.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


@pytest.mark.parametrize("peran", PEMUTUS)
def test_the_pokja_is_formed_with_its_sk_document(request, peran, kota_a):
    klien = klien_untuk(request.getfixturevalue(peran))
    data = {"jenis": "pokja", "nomor_sk": "050/123/2026", "tanggal_sk": "2026-01-05",
            "rencana_mulai": "2026-01-01", "rencana_selesai": "2026-12-31",
            "anggaran_operasional": "150000000", "dokumen_sk": _pdf()}  # fmt: skip
    r = klien.post(reverse("kolaborasi:lembaga_tambah"), data)
    lembaga = LembagaPKP.objects.get()
    assert r.status_code == 302
    r = klien.get(reverse("kolaborasi:lembaga_detail", args=[lembaga.pk]))
    assert "050/123/2026" in r.text and "Rp 150.000.000" in r.text
    r = klien.get(reverse("kolaborasi:lembaga_dokumen", args=[lembaga.pk]))
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF-")
    assert (
        klien_untuk(None).get(reverse("kolaborasi:lembaga_dokumen", args=[lembaga.pk])).status_code
        == 302
    )


def test_the_sk_document_must_be_a_real_pdf_and_the_plan_a_year(admin_a):
    data = {"jenis": "pokja", "rencana_mulai": "2026-01-01", "rencana_selesai": "2026-06-30",
            "dokumen_sk": _pdf(b"bukan pdf", "sk.pdf")}  # fmt: skip
    r = klien_untuk(admin_a).post(reverse("kolaborasi:lembaga_tambah"), data)
    assert r.status_code == 200
    assert "Isi berkas bukan PDF yang sah" in r.text
    assert "paling sedikit 1 (satu) tahun" in r.text
    assert not LembagaPKP.objects.exists()


def test_the_sk_document_of_another_city_is_404(operator_b, kota_a):
    lembaga = buat_lembaga(kota_a, dokumen_sk=_pdf())
    r = klien_untuk(operator_b).get(reverse("kolaborasi:lembaga_dokumen", args=[lembaga.pk]))
    assert r.status_code == 404


def test_an_external_member_is_refused_from_the_pokja_with_its_name(pokja_a, kota_a):
    lembaga = buat_lembaga(kota_a)
    pt = buat_pemangku(kota_a, nama="PT Batik Pesisir", jenis="perusahaan")
    klien = klien_untuk(pokja_a)
    r = klien.post(
        reverse("kolaborasi:anggota_tambah", args=[lembaga.pk]),
        {"pemangku": pt.pk, "nama": "Dewi", "jabatan": "Anggota"},
        follow=True,
    )
    assert "PT Batik Pesisir adalah pemangku eksternal" in r.text
    assert not Keanggotaan.objects.exists()
    dinas = buat_pemangku(kota_a, nama="Dinas Perkim")
    klien.post(
        reverse("kolaborasi:anggota_tambah", args=[lembaga.pk]),
        {"pemangku": dinas.pk, "nama": "Bagus", "jabatan": "Sekretaris"},
    )
    anggota = Keanggotaan.objects.get()
    r = klien.get(reverse("kolaborasi:lembaga_detail", args=[lembaga.pk]))
    assert "Bagus" in r.text and "anggota ditambah" in r.text
    klien.post(reverse("kolaborasi:anggota_hapus", args=[lembaga.pk, anggota.pk]))
    assert not Keanggotaan.objects.exists()


def test_the_pokja_page_shows_the_overdue_monitoring_and_expiring_plan(operator_a, kota_a):
    hari_ini = timezone.localdate()
    lembaga = buat_lembaga(
        kota_a, rencana_mulai=hari_ini - timedelta(days=330),
        rencana_selesai=hari_ini + timedelta(days=30),
    )  # fmt: skip
    terakhir = jadwal.tambah_bulan(hari_ini, -3)
    buat_pertemuan(kota_a, jenis="pokja_monitoring", tanggal=terakhir, lembaga=lembaga)
    r = klien_untuk(operator_a).get(reverse("kolaborasi:lembaga_detail", args=[lembaga.pk]))
    assert r.context["monitoring"].terlambat
    assert "terlambat" in r.text and "rencana kerja berakhir 30 hari lagi" in r.text
    r = klien_untuk(operator_a).get(reverse("kolaborasi:lembaga_daftar"))
    assert "terlambat" in r.text


def test_a_meeting_is_recorded_with_attendance_decisions_and_attachments(operator_a, kota_a):
    lembaga = buat_lembaga(kota_a)
    a1 = buat_anggota(lembaga, "Sekar", jabatan="Ketua")
    buat_anggota(lembaga, "Bagus")
    klien = klien_untuk(operator_a)
    r = klien.post(
        reverse("kolaborasi:pertemuan_tambah"),
        {"jenis": "pokja_monitoring", "lembaga": lembaga.pk, "tanggal": "2026-03-10",
         "tempat": "Ruang Bappeda", "agenda": "Kemajuan"},
    )  # fmt: skip
    assert r.status_code == 302
    rapat = lembaga.pertemuan.get()
    klien.post(reverse("kolaborasi:kehadiran_anggota", args=[rapat.pk]), {"hadir": [a1.pk]})
    klien.post(reverse("kolaborasi:tamu_tambah", args=[rapat.pk]), {"nama": "Ketua RW 03"})
    klien.post(
        reverse("kolaborasi:keputusan_tambah", args=[rapat.pk]),
        {"uraian": "DED drainase", "penanggung_jawab": "DPUPR", "tenggat": "2026-04-10"},
    )
    klien.post(
        reverse("kolaborasi:lampiran_unggah", args=[rapat.pk]),
        {"judul": "Daftar hadir bertanda tangan", "berkas": _pdf(nama="hadir.pdf")},
    )
    r = klien.get(reverse("kolaborasi:pertemuan_detail", args=[rapat.pk]))
    assert r.context["jumlah_hadir"] == 2
    assert "DED drainase" in r.text and "lewat tenggat" in r.text  # 2026-04-10 is past
    lampiran = rapat.lampiran.get()
    url = reverse("kolaborasi:lampiran_berkas", args=[rapat.pk, lampiran.pk])
    assert klien.get(url).status_code == 200
    assert klien_untuk(None).get(url).status_code == 302
    keputusan = rapat.keputusan.get()
    klien.post(
        reverse("kolaborasi:keputusan_status", args=[rapat.pk, keputusan.pk]), {"status": "selesai"}
    )
    keputusan.refresh_from_db()
    assert keputusan.status == KeputusanPertemuan.Status.SELESAI


def test_attachments_of_another_city_are_404(operator_b, kota_a, operator_a):
    rapat = buat_pertemuan(kota_a)
    lampiran = rapat.lampiran.create(judul="x", berkas=_pdf(), diunggah_oleh=operator_a)
    url = reverse("kolaborasi:lampiran_berkas", args=[rapat.pk, lampiran.pk])
    assert klien_untuk(operator_b).get(url).status_code == 404


def test_the_meeting_list_highlights_overdue_decisions(operator_a, kota_a):
    rapat = buat_pertemuan(kota_a)
    buat_keputusan(rapat, tenggat=date(2026, 1, 1))
    r = klien_untuk(operator_a).get(reverse("kolaborasi:pertemuan_daftar"))
    assert 'class="terlambat"' in r.text


def test_the_notulen_downloads_as_pdf_for_readers_only_in_scope(verifikator_p, operator_b, kota_a):
    rapat = buat_pertemuan(kota_a)
    url = reverse("kolaborasi:pertemuan_notulen", args=[rapat.pk])
    r = klien_untuk(verifikator_p).get(url)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    assert klien_untuk(operator_b).get(url).status_code == 404


def _aksi(data):
    rapat, lembaga = data["pertemuan"], data["lembaga"]
    anggota = buat_anggota(lembaga, "Agus")
    hadir = rapat.kehadiran.create(nama="Tamu")
    keputusan = buat_keputusan(rapat)
    return [
        reverse("kolaborasi:anggota_tambah", args=[lembaga.pk]),
        reverse("kolaborasi:anggota_hapus", args=[lembaga.pk, anggota.pk]),
        reverse("kolaborasi:kehadiran_anggota", args=[rapat.pk]),
        reverse("kolaborasi:tamu_tambah", args=[rapat.pk]),
        reverse("kolaborasi:kehadiran_hapus", args=[rapat.pk, hadir.pk]),
        reverse("kolaborasi:keputusan_tambah", args=[rapat.pk]),
        reverse("kolaborasi:keputusan_status", args=[rapat.pk, keputusan.pk]),
        reverse("kolaborasi:lampiran_unggah", args=[rapat.pk]),
        reverse("kolaborasi:lembaga_ubah", args=[lembaga.pk]),
        reverse("kolaborasi:pertemuan_ubah", args=[rapat.pk]),
    ]


@pytest.mark.parametrize(
    ("peran", "status"),
    [("verifikator_p", 403), ("verifikator_pusat", 403), ("operator_b", 404), (None, 302)],
)
def test_every_write_refuses_readers_other_cities_and_anonymous(request, data, peran, status):
    klien = klien_untuk(request.getfixturevalue(peran) if peran else None)
    for url in _aksi(data):
        assert klien.post(url, {}).status_code == status, url
    assert Keanggotaan.objects.count() == 1 and KeputusanPertemuan.objects.count() == 1


def test_write_actions_refuse_get(operator_a, data):
    klien = klien_untuk(operator_a)
    for url in _aksi(data)[:-2]:
        assert klien.get(url).status_code == 405, url


def test_an_overtaken_meeting_edit_keeps_the_input_and_names_who_saved(operator_a, pokja_a, data):
    rapat = data["pertemuan"]
    isian = {"jenis": "pokja_rutin", "tanggal": "2026-03-10", "lembaga": data["lembaga"].pk,
             "versi": rapat.versi}  # fmt: skip
    url = reverse("kolaborasi:pertemuan_ubah", args=[rapat.pk])
    assert klien_untuk(pokja_a).post(url, {**isian, "temuan": "Temuan Pokja"}).status_code == 302
    r = klien_untuk(operator_a).post(url, {**isian, "temuan": "Temuan operator"})
    assert r.status_code == 200
    assert pokja_a.get_full_name() in r.text and "Temuan operator" in r.text
    rapat.refresh_from_db()
    assert rapat.temuan == "Temuan Pokja"
