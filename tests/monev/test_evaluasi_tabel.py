"""Tables E1–E7 as pure functions over hand-made rows (no database)."""

from datetime import date
from decimal import Decimal as D

from monev.evaluasi import tabel

SUMBER = {"apbd_kabkota": "APBD Kab/Kota", "csr": "CSR/TJSLP", "apbn": "APBN"}


def _efek(pk, volume, lokasi="Kampung A", lokasi_pk=1):
    return tabel.Efek(pk, "2a Kualitas permukaan jalan", lokasi, lokasi_pk, D(volume), "m")


def _kegiatan(pk, *, efek=(), dana=None, pantau=None, lokasi="Kampung A", lokasi_pk=1):
    return tabel.KegiatanTahun(
        pk=pk, program="PKP", nama=f"Kegiatan {pk}", lokasi=lokasi, lokasi_pk=lokasi_pk,
        status="Berjalan", efek=tuple(efek), dana=dana or {}, pantau=pantau,
    )  # fmt: skip


def _pantau(volume=None, dana=None):
    return tabel.Pantau(date(2025, 9, 1), D("60"), "Hujan", volume or {}, dana or {})


def test_e1_reads_the_latest_entry_and_says_when_there_is_none():
    k1 = _kegiatan(1, efek=[_efek(10, 300), _efek(11, 40)], pantau=_pantau({10: D(120)}))
    k2 = _kegiatan(2, efek=[_efek(12, 50)])
    baris = tabel.tabel_e1([k1, k2])
    assert [(b.nomor, b.rencana, b.realisasi) for b in baris] == [
        (1, D(300), D(120)),
        (None, D(40), D(0)),  # monitored, this effect not reported: 0 so far
        (2, D(50), None),  # never monitored: unknown
    ]
    assert baris[0].kendala == "Hujan"
    assert baris[0].keterangan == "Pemantauan 01-09-2025, progres fisik 60 %"
    assert baris[2].keterangan == "Belum dipantau"


def test_e1_city_wide_kegiatan_names_each_effects_lokasi():
    k = _kegiatan(
        1, lokasi="Skala kota", lokasi_pk=None,
        efek=[_efek(1, 5, "Kampung A", 1), _efek(2, 6, "Kampung B", 2)],
    )  # fmt: skip
    assert [b.lokasi for b in tabel.tabel_e1([k])] == ["Kampung A", "Kampung B"]


def test_e2_sums_allocation_and_realisation_per_source_with_percent():
    k1 = _kegiatan(1, dana={"apbd_kabkota": D(200)}, pantau=_pantau(dana={"apbd_kabkota": D(50)}))
    k2 = _kegiatan(2, dana={"apbd_kabkota": D(100), "csr": D(300)})
    baris, jumlah = tabel.tabel_e2([k1, k2], SUMBER)
    assert [(b.sumber, b.alokasi, b.realisasi, b.persen) for b in baris] == [
        ("APBD Kab/Kota", D(300), D(50), D("16.67")),
        ("CSR/TJSLP", D(300), D(0), D("0.00")),
        ("APBN", D(0), D(0), None),  # nothing allocated: no percentage
    ]
    assert (jumlah.alokasi, jumlah.realisasi, jumlah.persen) == (D(600), D(50), D("8.33"))


def test_e3_compares_baseline_and_end_of_year_without_guessing_a_target():
    awal = tabel.Kondisi("SK 1", (
        tabel.LokasiKumuh(1, D("4.5"), "Kumuh Berat", 1, 1000, 300),
        tabel.LokasiKumuh(2, D("2.25"), "Kumuh Sedang", 5, 500, None),
        tabel.LokasiKumuh(3, None, "Kumuh Ringan", 9),
    ))  # fmt: skip
    akhir = tabel.Kondisi("akhir", (tabel.LokasiKumuh(1, D("4.5"), "Kumuh Sedang", 4, 900, 280),))
    baris = {b.indikator: b for b in tabel.tabel_e3(awal, akhir)}
    luas = baris["Luas permukiman kumuh"]
    assert (luas.awal, luas.capaian, luas.perubahan) == (D("6.75"), D("4.5"), D("-2.25"))
    assert luas.target is None and luas.persen is None
    assert (baris["Jumlah lokasi kumuh"].awal, baris["Jumlah lokasi kumuh"].capaian) == (3, 1)
    assert (baris["Lokasi kumuh berat"].awal, baris["Lokasi kumuh berat"].capaian) == (1, 0)
    assert (baris["Lokasi kumuh sedang"].awal, baris["Lokasi kumuh sedang"].capaian) == (1, 1)
    assert baris["Lokasi kumuh ringan"].perubahan == -1
    jiwa, kk = baris["Penduduk di lokasi kumuh"], baris["Kepala keluarga di lokasi kumuh"]
    assert (jiwa.awal, jiwa.capaian, jiwa.perubahan, jiwa.satuan) == (1500, 900, -600, "jiwa")
    assert (kk.awal, kk.capaian) == (300, 280)  # an unknown count adds nothing


def test_e4_marks_kegiatan_off_the_list():
    dasar = tabel.Kondisi("SK 1", (tabel.LokasiKumuh(1, D(1), "Kumuh Berat", 2),))
    kota = _kegiatan(3, lokasi="Skala kota", lokasi_pk=None, efek=[_efek(1, 5, "Kampung C", 3)])
    baris = tabel.tabel_e4(
        [_kegiatan(1), _kegiatan(2, lokasi="Kampung B", lokasi_pk=2), kota], dasar
    )
    assert [(b.lokasi, b.prioritas_ya, b.prioritas) for b in baris] == [
        ("Kampung A", True, 2),
        ("Kampung B", False, None),
        ("Kampung C", False, None),
    ]
    assert baris[1].catatan == "Tidak ada di SK 1"


def test_e5_reads_the_last_check():
    aset = [
        tabel.AsetTahun("Jalan paving", "Kampung A", "KSM — KSM Maju", date(2025, 3, 1), "Rutin",
                        6, date(2025, 10, 1), True, True, False),
        tabel.AsetTahun("TPS3R", "", "SKPD", None, "Berkala", 12),
    ]  # fmt: skip
    a, b = tabel.tabel_e5(aset)
    assert (a.kondisi, a.berfungsi, a.dimanfaatkan) == ("Baik (01-10-2025)", "Ya", "Tidak")
    assert a.rencana_op == "Rutin, periksa tiap 6 bulan"
    assert (b.kondisi, b.berfungsi, b.lokasi) == ("Belum diperiksa", "–", "–")


def test_e6_counts_against_six_a_year():
    rapat = [tabel.RapatPokja(date(2025, m, 5), 7, "") for m in (5, 1, 3)]
    e6 = tabel.tabel_e6(rapat)
    assert [r.tanggal.month for r in e6.baris] == [1, 3, 5]
    assert (e6.jumlah, e6.memenuhi) == (3, False)
    assert "kurang 3 dari minimal 6" in e6.catatan
    assert tabel.tabel_e6(rapat * 2).memenuhi


def test_percent_rounds_half_up():
    assert tabel.persen(D(1), D(8)) == D("12.50")
    assert tabel.persen(D(1), D(0)) is None


def test_e3_sets_achievement_against_the_recorded_target():
    awal = tabel.Kondisi("SK 1", (
        tabel.LokasiKumuh(1, D("4.5"), "Kumuh Berat", 1, 1000, 300),
        tabel.LokasiKumuh(2, D("2.25"), "Kumuh Sedang", 5, 500, None),
        tabel.LokasiKumuh(3, None, "Kumuh Ringan", 9),
    ))  # fmt: skip
    akhir = tabel.Kondisi("akhir", (tabel.LokasiKumuh(1, D("4.5"), "Kumuh Sedang", 4, 900, 280),))
    baris = {b.indikator: b for b in tabel.tabel_e3(awal, akhir, D("2.75"), 1)}
    luas, lokasi = baris["Luas permukiman kumuh"], baris["Jumlah lokasi kumuh"]
    # Planned 6,75 → 2,75 (4 ha); achieved 6,75 → 4,5 (2,25 ha): 56,25 %.
    assert (luas.target, luas.persen) == (D("2.75"), D("56.25"))
    # Planned 3 → 1 lokasi, achieved 3 → 1: 100 %.
    assert (lokasi.target, lokasi.persen) == (1, D("100.00"))
    assert baris["Lokasi kumuh berat"].target is None
    # A target at or above the baseline plans no reduction: no percentage.
    assert tabel.capaian_persen(D(3), D(3), D(2)) is None
