"""Dinas pages of pengaduan masyarakat: rights per role, another city 404, the workflow in order
with its refusals, duplicates within 100 m, overdue recommendations and the PDF report
(issue 13 item 2)."""

import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from lokasi.models import Kelurahan, RiwayatPerubahan
from monev.models import Pengaduan
from monev.pengaduan import aturan
from tests.conftest import buat_lokasi, klien_untuk

pytestmark = pytest.mark.django_db

PENGISI = ["operator_a", "admin_a", "pokja_a"]
PEMBACA = ["verifikator_p", "verifikator_pusat"]
# One degree of latitude is ~111 195 m on the IUGG sphere.
M_PER_DERAJAT = Decimal(str(aturan.METER_PER_DERAJAT_LINTANG))


def buat_pengaduan(kota, **nilai) -> Pengaduan:
    """Create a complaint straight in the database (no service)."""
    bawaan = {
        "kode": aturan.buat_kode(),
        "kelurahan": Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota).first(),
        "lintang": Decimal("-6.889000"),
        "bujur": Decimal("109.675000"),
        "kategori": "kumuh_baru",
        "uraian": "Hunian liar bertambah di bantaran.",
        "kontak": "0812 rahasia",
    }
    bawaan.update(nilai)
    return Pengaduan.objects.create(kabupaten_kota=kota, **bawaan)


@pytest.fixture
def aduan_a(kota_a):
    return buat_pengaduan(kota_a)


@pytest.fixture
def aduan_b(kota_b):
    return buat_pengaduan(kota_b, uraian="Pengaduan Kota Beta")


def langkah(klien, p: Pengaduan, ke: str, **isi):
    p.refresh_from_db()
    data = {f"{ke}-ke": ke, f"{ke}-versi": p.versi}
    data.update({f"{ke}-{k}": v for k, v in isi.items()})
    return klien.post(reverse("monev:pengaduan_langkah", args=[p.pk]), data)


# --- rights -------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", [*PENGISI, *PEMBACA])
def test_list_and_detail_per_role(request, peran, aduan_a, aduan_b):
    klien = klien_untuk(request.getfixturevalue(peran))
    daftar = klien.get(reverse("monev:pengaduan_daftar")).content.decode()
    assert aduan_a.kode in daftar
    assert (aduan_b.kode in daftar) is (peran in PEMBACA)
    assert (reverse("monev:pengaduan_tambah") in daftar) is (peran in PENGISI)
    detail = klien.get(reverse("monev:pengaduan_detail", args=[aduan_a.pk]))
    assert detail.status_code == 200
    # Only those who handle it see the step form; verifiers read.
    assert ('id="langkah-berikut"' in detail.content.decode()) is (peran in PENGISI)


@pytest.mark.parametrize("peran", PEMBACA)
def test_verifier_cannot_move_a_step(request, peran, aduan_a):
    r = langkah(klien_untuk(request.getfixturevalue(peran)), aduan_a, "triase",
                catatan_triase="Layak ditindaklanjuti")  # fmt: skip
    assert r.status_code == 403
    aduan_a.refresh_from_db()
    assert aduan_a.status == "diterima"


def test_other_city_gets_404(operator_b, aduan_a):
    klien = klien_untuk(operator_b)
    for nama in ("pengaduan_detail", "pengaduan_foto"):
        assert klien.get(reverse(f"monev:{nama}", args=[aduan_a.pk])).status_code == 404
    assert langkah(klien, aduan_a, "triase", catatan_triase="x").status_code == 404
    assert aduan_a.kode not in klien.get(reverse("monev:pengaduan_daftar")).content.decode()


def test_anonymous_goes_to_login(aduan_a):
    for url in (
        reverse("monev:pengaduan_daftar"),
        reverse("monev:pengaduan_tambah"),
        reverse("monev:pengaduan_detail", args=[aduan_a.pk]),
        reverse("monev:pengaduan_foto", args=[aduan_a.pk]),
        reverse("monev:pengaduan_laporan"),
    ):
        r = klien_untuk(None).get(url)
        assert r.status_code == 302 and "/masuk/" in r["Location"]


def test_dinas_enters_a_media_report(operator_a, kota_a):
    kel = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_a).first()
    r = klien_untuk(operator_a).post(reverse("monev:pengaduan_tambah"), {
        "sumber": "media", "kabupaten_kota": kota_a.pk, "kelurahan": kel.pk, "lintang": "",
        "bujur": "", "alamat": "Jl. Pantai", "kategori": "perizinan",
        "uraian": "Berita: ruko tanpa izin di sempadan pantai.", "kontak": "",
    })  # fmt: skip
    p = Pengaduan.objects.get()
    assert r.status_code == 302 and p.sumber == "media" and p.dibuat_oleh == operator_a


# --- workflow -----------------------------------------------------------------------------------


def test_workflow_steps_in_order_with_history(operator_a, pokja_a, kota_a, aduan_a):
    lokasi = buat_lokasi(kota_a, "Bantaran Loji")
    klien = klien_untuk(operator_a)
    hari_ini = timezone.localdate()
    assert langkah(klien, aduan_a, "triase", catatan_triase="Layak dicek",
                   lokasi=lokasi.pk).status_code == 302  # fmt: skip
    detail = klien.get(reverse("monev:pengaduan_detail", args=[aduan_a.pk])).content.decode()
    # The field check may start a survey of the chosen lokasi: a link to the new-survey page.
    assert f"{reverse('penilaian:daftar')}?lokasi={lokasi.pk}" in detail
    assert langkah(klien, aduan_a, "cek_lapangan", tanggal_cek=hari_ini.isoformat(),
                   hasil_cek_lapangan="12 bangunan baru tanpa IMB").status_code == 302  # fmt: skip
    assert langkah(klien, aduan_a, "evaluasi", evaluasi_perizinan="Tanpa PBG",
                   evaluasi_standar_teknis="Tidak memenuhi sempadan",
                   evaluasi_kelaikan_fungsi="Belum difungsikan").status_code == 302  # fmt: skip
    tenggat = (hari_ini + timedelta(days=30)).isoformat()
    assert langkah(klien_untuk(pokja_a), aduan_a, "rekomendasi", rekomendasi="Penertiban",
                   penanggung_jawab="Satpol PP", tenggat=tenggat).status_code == 302  # fmt: skip
    assert langkah(klien, aduan_a, "selesai",
                   tanggal_selesai=hari_ini.isoformat()).status_code == 302  # fmt: skip
    aduan_a.refresh_from_db()
    assert aduan_a.status == "selesai" and aduan_a.lokasi == lokasi
    assert [lk.status for lk in aduan_a.langkah.all()] == list(aturan.TAHAP[1:])
    assert [lk.oleh.username for lk in aduan_a.langkah.all()][3] == "pokja_a"
    assert RiwayatPerubahan.objects.filter(object_id=aduan_a.pk).count() == 5
    # Finished: no step form any more, and a late step is refused by name.
    r = langkah(klien, aduan_a, "selesai", tanggal_selesai=hari_ini.isoformat())
    assert r.status_code == 400 and "sudah selesai" in r.content.decode()


def test_a_step_cannot_be_skipped(operator_a, aduan_a):
    r = langkah(klien_untuk(operator_a), aduan_a, "evaluasi", evaluasi_perizinan="a",
                evaluasi_standar_teknis="b", evaluasi_kelaikan_fungsi="c")  # fmt: skip
    assert r.status_code == 400
    teks = r.content.decode()
    assert "berstatus Diterima: langkah berikutnya Triase, bukan Evaluasi" in teks
    aduan_a.refresh_from_db()
    assert aduan_a.status == "diterima" and aduan_a.evaluasi_perizinan == ""


def test_a_step_names_its_missing_fields(operator_a, aduan_a):
    aduan_a.status = "evaluasi"
    aduan_a.save()
    r = langkah(klien_untuk(operator_a), aduan_a, "rekomendasi", rekomendasi="Penertiban")
    teks = r.content.decode()
    assert r.status_code == 400
    assert "Penanggung jawab wajib diisi pada langkah ini." in teks
    assert "Tenggat wajib diisi pada langkah ini." in teks


def test_field_check_date_cannot_be_in_the_future(operator_a, aduan_a):
    aduan_a.status = "triase"
    aduan_a.save()
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    r = langkah(klien_untuk(operator_a), aduan_a, "cek_lapangan", tanggal_cek=besok,
                hasil_cek_lapangan="x")  # fmt: skip
    assert "Tanggal cek lapangan tidak boleh di masa depan." in r.content.decode()


def test_stale_page_is_refused(operator_a, admin_a, aduan_a):
    lama = aduan_a.versi
    langkah(klien_untuk(admin_a), aduan_a, "triase", catatan_triase="Sudah ditriase")
    r = klien_untuk(operator_a).post(
        reverse("monev:pengaduan_langkah", args=[aduan_a.pk]),
        {"triase-ke": "triase", "triase-versi": lama, "triase-catatan_triase": "Lagi"},
    )
    # The page showed Triase but it is done: refused by name, nothing overwritten.
    assert r.status_code == 400 and "langkah berikutnya Cek lapangan" in r.content.decode()
    aduan_a.refresh_from_db()
    assert aduan_a.catatan_triase == "Sudah ditriase"


# --- duplicates and overdue ---------------------------------------------------------------------


def _geser_utara(p: Pengaduan, meter: int) -> Decimal:
    return (p.lintang + Decimal(meter) / M_PER_DERAJAT).quantize(Decimal("0.000001"))


def test_duplicates_within_100_m_flagged_not_at_150(operator_a, kota_a, kota_b, aduan_a):
    dekat = buat_pengaduan(kota_a, lintang=_geser_utara(aduan_a, 90))
    jauh = buat_pengaduan(kota_a, lintang=_geser_utara(aduan_a, 150))
    tutup = buat_pengaduan(kota_a, lintang=_geser_utara(aduan_a, 20), status="selesai")
    lain_kota = buat_pengaduan(kota_b, lintang=aduan_a.lintang)
    teks = (
        klien_untuk(operator_a)
        .get(reverse("monev:pengaduan_detail", args=[aduan_a.pk]))
        .content.decode()
    )
    bagian = teks.split('id="duplikat"')[1].split("</section>")[0]
    assert dekat.kode in bagian
    for bukan in (jauh, tutup, lain_kota):
        assert bukan.kode not in bagian


def test_no_duplicate_section_when_alone(operator_a, aduan_a):
    teks = (
        klien_untuk(operator_a)
        .get(reverse("monev:pengaduan_detail", args=[aduan_a.pk]))
        .content.decode()
    )
    assert 'id="duplikat"' not in teks


def test_overdue_recommendation_flagged_and_filtered(operator_a, kota_a):
    kemarin = timezone.localdate() - timedelta(days=1)
    telat = buat_pengaduan(kota_a, status="rekomendasi", tenggat=kemarin, penanggung_jawab="DPUPR")
    tepat = buat_pengaduan(kota_a, status="rekomendasi", tenggat=timezone.localdate())
    klien = klien_untuk(operator_a)
    detail = klien.get(reverse("monev:pengaduan_detail", args=[telat.pk])).content.decode()
    assert "Rekomendasi lewat tenggat" in detail
    detail = klien.get(reverse("monev:pengaduan_detail", args=[tepat.pk])).content.decode()
    assert "Rekomendasi lewat tenggat" not in detail
    daftar = klien.get(reverse("monev:pengaduan_daftar"), {"status": "terlambat"})
    teks = daftar.content.decode()
    assert telat.kode in teks and tepat.kode not in teks


def test_list_filters_by_category_and_kelurahan(operator_a, kota_a):
    kel = list(Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_a).order_by("kode"))
    a = buat_pengaduan(kota_a, kategori="perizinan", kelurahan=kel[0])
    b = buat_pengaduan(kota_a, kategori="kumuh_baru", kelurahan=kel[1])
    klien = klien_untuk(operator_a)
    teks = klien.get(reverse("monev:pengaduan_daftar"), {"kategori": "perizinan"}).content.decode()
    assert a.kode in teks and b.kode not in teks
    teks = klien.get(reverse("monev:pengaduan_daftar"), {"kelurahan": kel[1].pk}).content.decode()
    assert b.kode in teks and a.kode not in teks


# --- report -------------------------------------------------------------------------------------


def test_report_pdf_text_without_contact(operator_a, kota_a, tmp_path):
    hari_ini = timezone.localdate()
    p = buat_pengaduan(kota_a, status="rekomendasi", rekomendasi="Penertiban bangunan",
                       penanggung_jawab="Satpol PP", tenggat=hari_ini - timedelta(days=3),
                       hasil_cek_lapangan="Dua belas bangunan baru")  # fmt: skip
    r = klien_untuk(operator_a).get(
        reverse("monev:pengaduan_laporan"),
        {"kabkota": kota_a.pk, "dari": (hari_ini - timedelta(days=30)).isoformat(),
         "sampai": hari_ini.isoformat()},
    )  # fmt: skip
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    berkas = tmp_path / "laporan.pdf"
    berkas.write_bytes(r.content)
    teks = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(berkas), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    teks = " ".join(teks.split())
    assert "LAPORAN HASIL PEMANTAUAN PENGADUAN MASYARAKAT" in teks
    assert p.kode in teks and "Satpol PP" in teks and "Dua belas bangunan baru" in teks
    assert "lewat tenggat" in teks
    assert "rahasia" not in teks and "0812" not in teks


def test_report_refuses_reversed_period_and_other_city(operator_a, kota_b):
    klien = klien_untuk(operator_a)
    r = klien.get(reverse("monev:pengaduan_laporan"),
                  {"kabkota": kota_b.pk, "dari": "2026-02-01", "sampai": "2026-01-01"})  # fmt: skip
    assert r.status_code == 302
    pesan = [str(m) for m in r.wsgi_request._messages]
    assert any("Sampai tanggal tidak boleh sebelum dari tanggal" in m for m in pesan)
    assert any("Kabupaten/kota" in m for m in pesan)


def test_pure_distance_and_box():
    assert aturan.jarak_m(-6.889, 109.675, -6.889, 109.675) == 0
    d = aturan.jarak_m(-6.889, 109.675, -6.889 + 100 / aturan.METER_PER_DERAJAT_LINTANG, 109.675)
    assert abs(d - 100) < 0.01
    a, b, c, e = aturan.kotak(-6.889, 109.675, 100)
    assert a < -6.889 < b and c < 109.675 < e
    assert aturan.tahap_berikut("diterima") == "triase" and aturan.tahap_berikut("selesai") is None


def test_detail_of_a_public_complaint_shows_its_history(operator_a, kota_a):
    # Filed without an account: the history entry has no user and reads "formulir publik".
    kel = Kelurahan.objects.filter(kecamatan__kabupaten_kota=kota_a).first()
    klien_untuk(None).post(reverse("pengaduan:kirim"), {
        "kabupaten_kota": kota_a.pk, "kelurahan": kel.pk, "lintang": "", "bujur": "",
        "alamat": "Gang Melati", "kategori": "lainnya", "uraian": "Sampah menumpuk.",
    })  # fmt: skip
    p = Pengaduan.objects.get()
    r = klien_untuk(operator_a).get(reverse("monev:pengaduan_detail", args=[p.pk]))
    assert r.status_code == 200
    assert "formulir publik" in r.content.decode()
