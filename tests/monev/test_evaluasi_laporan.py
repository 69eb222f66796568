"""Tables E1–E7 read from a small hand-made city, the PDF read back, the workbook's cells,
and the demo step."""

import subprocess
from datetime import date
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kolaborasi.models import Kehadiran
from monev.evaluasi import cetak, data, demo, services
from monev.models import (
    Aset,
    EvaluasiTahunan,
    Pemantauan,
    PemeriksaanAset,
    RealisasiDana,
    RealisasiEfek,
    Rekomendasi,
)
from tests.conftest import buat_lokasi, buat_penilaian, klien_untuk
from tests.kolaborasi.conftest import buat_kegiatan
from tests.kolaborasi.pemangku_bantu import buat_anggota, buat_lembaga, buat_pertemuan

pytestmark = pytest.mark.django_db
JT = 1_000_000


def _pantau(kegiatan, tanggal, progres, volume, dana, kendala=""):
    p = Pemantauan.objects.create(
        kegiatan=kegiatan, tanggal=tanggal, progres_fisik=D(progres), kendala=kendala
    )
    efek = kegiatan.efek.get()
    RealisasiEfek.objects.create(pemantauan=p, efek=efek, volume=D(volume))
    for sumber, jumlah in dana.items():
        RealisasiDana.objects.create(pemantauan=p, sumber=sumber, jumlah=D(jumlah))


@pytest.fixture
def kota(kota_a, lokasi_a, pokja_a):
    """Kampung Nelayan (4,5 ha) and Kampung Baru (2 ha) on the list of 2024; Kampung Luar not."""
    baru = buat_lokasi(kota_a, "Kampung Baru", luas_verifikasi_ha=D(2), luas_sk_ha=D(2))
    luar = buat_lokasi(kota_a, "Kampung Luar")
    buat_penilaian(lokasi_a, tahun=2024, status="disetujui_pokja")
    buat_penilaian(baru, tahun=2024, status="disetujui_pokja")
    jalan = buat_kegiatan(
        kota_a, lokasi_a, tahun=2025, status="berjalan", nama="Jalan paving",
        efek={"2a": 300}, dana={"apbd_kabkota": 200 * JT, "csr": 100 * JT},
    )  # fmt: skip
    _pantau(jalan, date(2025, 6, 1), 30, 90, {"apbd_kabkota": 50 * JT})
    _pantau(jalan, date(2025, 9, 1), 75, 240, {"apbd_kabkota": 150 * JT, "csr": 30 * JT}, "Hujan")
    buat_kegiatan(kota_a, luar, tahun=2025, nama="Drainase", efek={"4a": 100})
    buat_kegiatan(kota_a, lokasi_a, tahun=2025, status="usulan", nama="Usulan saja")
    buat_kegiatan(kota_a, lokasi_a, tahun=2024, nama="Tahun lalu")
    aset = Aset.objects.create(
        kabupaten_kota=kota_a, kegiatan=jalan, lokasi=lokasi_a, nama="Jalan paving RW 2",
        jenis_pengelola="ksm", tanggal_serah_terima=date(2025, 10, 1),
    )  # fmt: skip
    PemeriksaanAset.objects.create(aset=aset, tanggal=date(2025, 11, 1), dimanfaatkan=False)
    PemeriksaanAset.objects.create(aset=aset, tanggal=date(2026, 2, 1))  # after the year
    pokja = buat_lembaga(kota_a)
    buat_anggota(pokja, "Ir. Sekar Ayu", jabatan="Ketua")
    for bulan in (2, 4):
        rapat = buat_pertemuan(
            kota_a, jenis="pokja_monitoring", lembaga=pokja, tanggal=date(2025, bulan, 10),
            temuan=f"Temuan bulan {bulan}",
        )  # fmt: skip
        Kehadiran.objects.bulk_create(
            [Kehadiran(pertemuan=rapat, nama=f"P{i}") for i in range(5)]
            + [Kehadiran(pertemuan=rapat, nama="Absen", hadir=False)]
        )
    buat_pertemuan(kota_a, jenis="pokja_monitoring", tanggal=date(2024, 12, 1))
    buat_pertemuan(kota_a, jenis="forum", tanggal=date(2025, 5, 1))
    evaluasi = services.evaluasi_buat(kabupaten_kota=kota_a, tahun=2025, pengguna=pokja_a)
    Rekomendasi.objects.create(
        evaluasi=evaluasi, jenis="b", uraian="Alihkan sisa CSR", ditujukan_kepada="Wali Kota",
        tembusan="SKPD terkait",
    )  # fmt: skip
    return evaluasi


def test_tables_read_from_the_data(kota):
    d = data.data_evaluasi(kota)
    assert d.jumlah_kegiatan == 2  # the proposal and last year's are left out
    assert d.belum_dipantau == 1
    e1 = {b.kegiatan: b for b in d.e1}
    jalan = e1["Peningkatan kualitas permukiman kumuh — Jalan paving"]
    assert (jalan.rencana, jalan.realisasi, jalan.satuan) == (D(300), D(240), "m")
    assert (jalan.status, jalan.kendala) == ("Berjalan", "Hujan")
    drainase = e1["Peningkatan kualitas permukiman kumuh — Drainase"]
    assert (drainase.realisasi, drainase.keterangan) == (None, "Belum dipantau")

    e2 = {b.sumber: b for b in d.e2}
    assert (e2["APBD Kab/Kota"].alokasi, e2["APBD Kab/Kota"].realisasi) == (300 * JT, 150 * JT)
    assert e2["APBD Kab/Kota"].persen == D("50.00")
    assert (e2["CSR/TJSLP"].persen, e2["APBN"].persen) == (D("30.00"), None)
    assert len(d.e2) == 8 and d.e2_jumlah.persen == D("45.00")  # 180 of 400

    e3 = {b.indikator: b for b in d.e3}
    assert d.e3_awal == "daftar prioritas s.d. 2024"
    assert (e3["Luas permukiman kumuh"].awal, e3["Jumlah lokasi kumuh"].awal) == (D("6.5"), 2)
    assert e3["Lokasi kumuh sedang"].awal == 2 and e3["Luas permukiman kumuh"].target is None
    assert e3["Penduduk di lokasi kumuh"].awal == 2 * 1420  # 700 + 720 each (buat_lokasi)
    assert e3["Kepala keluarga di lokasi kumuh"].awal == 2 * 390

    assert [(b.kegiatan, b.prioritas_ya, b.prioritas) for b in d.e4] == [
        ("Drainase", False, None),
        ("Jalan paving", True, 5),
    ]
    (aset,) = d.e5
    assert (aset.kondisi, aset.berfungsi, aset.dimanfaatkan) == ("Baik (01-11-2025)", "Ya", "Tidak")
    assert aset.pengelola == "KSM"
    assert [(r.tanggal.month, r.hadir) for r in d.e6.baris] == [(2, 5), (4, 5)]
    assert d.e6.jumlah == 2 and not d.e6.memenuhi
    assert [r.uraian for r in d.e7] == ["Alihkan sisa CSR"]
    assert d.ketua_pokja == "Ir. Sekar Ayu"


def test_baseline_prefers_the_latest_issued_sk(kota, kota_a, lokasi_a):
    from penilaian.models import SK, SKLokasi

    sk = SK.objects.create(
        kabupaten_kota=kota_a, tahun=2024, nomor="050/12/2024", tempat="Alfa", tentang="Lokasi",
        penandatangan_jabatan="Wali Kota", status="ditetapkan",
    )  # fmt: skip
    SKLokasi.objects.create(
        sk=sk, lokasi=lokasi_a, penilaian=lokasi_a.penilaian.get(), nomor=1,
        data={"luas_ha": "4.50", "tingkat_kekumuhan": "Kumuh Berat", "prioritas": 1,
              "jumlah_penduduk": 1000, "jumlah_kk": 250},
    )  # fmt: skip
    d = data.data_evaluasi(kota)
    e3 = {b.indikator: b for b in d.e3}
    assert d.e3_awal == "SK 050/12/2024"
    assert (e3["Luas permukiman kumuh"].awal, e3["Lokasi kumuh berat"].awal) == (D("4.50"), 1)
    assert e3["Penduduk di lokasi kumuh"].awal == 1000
    assert [b.prioritas for b in d.e4] == [None, 1]


def _teks_pdf(isi: bytes, tmp_path) -> str:
    berkas = tmp_path / "evaluasi.pdf"
    berkas.write_bytes(isi)
    hasil = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(berkas), "-"],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    return " ".join(hasil.stdout.split())


def test_the_pdf_prints_title_tables_routing_and_signature(kota, pokja_a, tmp_path):
    services.narasi_simpan(
        evaluasi=kota, pengguna=pokja_a, versi_awal=kota.versi,
        narasi={"pengantar": "Pengantar uji", "kesimpulan": "Kesimpulan uji"},
    )  # fmt: skip
    r = klien_untuk(pokja_a).get(reverse("monev:evaluasi_pdf", args=[kota.pk]))
    assert r["Content-Type"] == "application/pdf"
    assert 'filename="evaluasi-tahunan-2025-draf.pdf"' in r["Content-Disposition"]
    teks = _teks_pdf(r.content, tmp_path)
    for bagian in [
        "PEMERINTAH KOTA ALFA",
        "LAPORAN EVALUASI TAHUNAN PENANGANAN PERMUKIMAN KUMUH TAHUN 2025",
        "DRAF — belum final",
        "Kepada : Yth. Wali Kota Alfa",
        "Tembusan : Kepala Bappeda; Kepala DPPKAD",
        "Pengantar uji",
        "Tabel E1.", "Tabel E2.", "Tabel E3.", "Tabel E4.", "Tabel E5.", "Tabel E6.", "Tabel E7.",
        "Jalan paving",
        "150.000.000",
        "1 dari 2 kegiatan belum dipantau",
        "2 rapat monitoring; kurang 4 dari minimal 6",
        "Alihkan sisa CSR",
        "SKPD terkait, Pokja PKP Provinsi, Pokja PKP Pusat",
        "Ketua Pokja PKP Kota Alfa",
        "Ir. Sekar Ayu",
        "Kesimpulan uji",
        "Halaman 1 dari",
    ]:  # fmt: skip
        assert bagian in teks, bagian


def test_the_final_pdf_has_no_draft_note_and_dots_without_a_ketua(kota_a, pokja_a, tmp_path):
    evaluasi = services.evaluasi_buat(kabupaten_kota=kota_a, tahun=2025, pengguna=pokja_a)
    services.evaluasi_finalkan(evaluasi=evaluasi, pengguna=pokja_a, versi_awal=evaluasi.versi)
    isi = cetak.isi_laporan(evaluasi, data.data_evaluasi(evaluasi))
    teks = _teks_pdf(cetak.pdf_laporan(isi), tmp_path)
    assert "DRAF" not in teks
    assert "(......" in teks
    assert "0 rapat monitoring" in teks


def test_the_workbook_has_one_sheet_per_table(kota, pokja_a):
    r = klien_untuk(pokja_a).get(reverse("monev:evaluasi_xlsx", args=[kota.pk]))
    assert 'filename="evaluasi-tahunan-2025-draf.xlsx"' in r["Content-Disposition"]
    buku = load_workbook(BytesIO(r.content))
    assert buku.sheetnames == ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]
    e1, e2 = buku["E1"], buku["E2"]
    assert e1["A1"].value.startswith("Tabel E1.")
    assert [c.value for c in e1[5]][:6] == [
        "No", "Program/Kegiatan", "Lokasi", "Kriteria", "Volume Rencana", "Volume Realisasi"
    ]  # fmt: skip
    baris = {r[1]: r for r in e1.iter_rows(min_row=6, values_only=True)}
    jalan = baris["Peningkatan kualitas permukiman kumuh — Jalan paving"]
    assert (jalan[4], jalan[5], jalan[6]) == (300, 240, "m")
    sumber = {r[1]: r for r in e2.iter_rows(min_row=6, values_only=True)}
    assert sumber["APBD Kab/Kota"][2:] == (300 * JT, 150 * JT, 50)
    assert sumber["Jumlah"][2:] == (400 * JT, 180 * JT, 45)
    assert "(1 dari 2 kegiatan belum dipantau)" in e2["A3"].value
    assert buku["E6"]["A3"].value.startswith("2 rapat monitoring")
    assert buku["E7"]["C6"].value == "Alihkan sisa CSR"


def test_demo_makes_a_draft_2025_with_narrative_and_three_recommendations(
    kota_a, pokja_a, operator_a
):
    pengguna = {"pokja": pokja_a, "operator": operator_a}
    assert demo.muat(kabkota=kota_a, pengguna=pengguna)
    assert demo.muat(kabkota=kota_a, pengguna=pengguna) == ""  # idempotent
    evaluasi = EvaluasiTahunan.objects.get(kabupaten_kota=kota_a)
    assert (evaluasi.tahun, evaluasi.status) == (2025, "draf")
    assert evaluasi.pengantar and evaluasi.kesimpulan and evaluasi.keberlanjutan
    assert evaluasi.rekomendasi.count() == 3
