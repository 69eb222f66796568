"""The plan's projection (kolaborasi.proyeksi.rumus_proyeksi), worked by hand; no database."""

from decimal import Decimal as D

from kolaborasi.proyeksi.rumus_proyeksi import Dasar, Efek, proyeksikan, status_dihitung
from penilaian import rumus
from tests.penilaian.test_penanganan import masukan

# The baseline of test_penanganan: 100 buildings, 2 ha, 100 KK, 1,000 m road, 800 m drainage.
# Scores 1a 5, 1b 3, 1c 1, 2a 3, 2b 0, 3a 1, 3b 0, 4a 3, 4b 0, 4c 0, 5a 5, 5b 3, 6a 5, 6b 1,
# 7a 5, 7b 5 = 40, Kumuh Sedang. Pertimbangan lain: not strategic 1 + density 200 jiwa/ha in
# a kota sedang 3 + no sosekbud 1 = 5, Rendah; legal (+)(+): class B5, prioritas 8.
SURVEI = 2025


def dasar(pk=1, luas="2", kecamatan=("01", "Kec. Satu"), **ubah) -> Dasar:
    return Dasar(
        lokasi_pk=pk,
        nama=f"Lokasi {pk}",
        tahun=SURVEI,
        masukan=masukan(**ubah),
        luas_ha=D(luas),
        kecamatan=kecamatan,
    )


def efek(tahun, kode, volume, pk=1, kegiatan=1) -> Efek:
    return Efek(lokasi_pk=pk, tahun=tahun, kriteria=kode, volume=D(volume), kegiatan_pk=kegiatan)


def test_the_baseline_is_b5():
    p = proyeksikan([dasar()], []).lokasi[0]
    assert (p.awal.nilai_kekumuhan, p.awal.klasifikasi, p.awal.prioritas) == (40, "B5", 8)
    assert p.akhir.akhir == p.awal and p.arah == "" and p.per_tahun == {}


def test_years_are_cumulative_and_the_letter_follows_the_tingkat():
    hasil = proyeksikan(
        [dasar()],
        [
            efek(2026, "2a", 500),
            efek(2027, "6a", 90, kegiatan=2),
            efek(2028, "7a", 100, kegiatan=3),
        ],
    )
    p = hasil.lokasi[0]
    assert hasil.tahun == (2026, 2027, 2028)
    # 2026: 500 m of road, gap (600 − 500)/1000 = 10 % → 0 (was 3): 40 − 3 = 37, Ringan (< 38).
    assert p.per_tahun[2026].akhir.nilai_kekumuhan == 37
    assert p.per_tahun[2026].akhir.tingkat_kekumuhan is rumus.TingkatKekumuhan.RINGAN
    # 2027 adds 90 KK of waste facilities: 0/100 = 0 % → 0 (was 5): 37 − 5 = 32.
    assert p.per_tahun[2027].akhir.nilai_kekumuhan == 32
    # 2028 adds hydrants for 100 buildings: 7a 0 % → 0 (was 5): 32 − 5 = 27.
    assert p.per_tahun[2028].akhir.nilai_kekumuhan == 27
    assert p.akhir.akhir.nilai_kekumuhan == 27
    # Pertimbangan lain and legalitas are the baseline's: B5 becomes C5 (prioritas 9).
    assert (p.akhir.akhir.klasifikasi, p.akhir.akhir.prioritas) == ("C5", 9)
    assert p.arah == "turun" and [e.kegiatan_pk for e in p.efek_kriteria("6a")] == [2]


def test_work_of_the_survey_year_or_before_and_after_the_last_year_is_left_out():
    hasil = proyeksikan(
        [dasar()],
        [efek(2024, "7a", 100), efek(2025, "7b", 100), efek(2026, "2a", 500), efek(2029, "6a", 90)],
        tahun_akhir=2028,
    )
    p = hasil.lokasi[0]
    # Only the 2026 road counts: 40 − 3 = 37; 7a/7b stay 5 (already in the 2025 survey).
    assert hasil.tahun == (2026,)
    assert p.akhir.akhir.nilai_kekumuhan == 37
    assert [e.tahun for e in p.efek] == [2026]


def test_a_lokasi_leaves_the_list_and_the_totals_count_it_by_kecamatan():
    # Lokasi 1 (2 ha): 1a 80 bangunan, 5a 80 KK, 6a 90 KK, 7a and 7b 100 bangunan each take
    # five criteria from 5 to 0: 40 − 25 = 15 < 16, Tidak Kumuh. Lokasi 2 (3 ha, same
    # kecamatan) and lokasi 3 (1.5 ha, another kecamatan) have no work and stay Sedang.
    semua = {"1a": 80, "5a": 80, "6a": 90, "7a": 100, "7b": 100}
    hasil = proyeksikan(
        [dasar(1), dasar(2, luas="3"), dasar(3, luas="1.5", kecamatan=("02", "Kec. Dua"))],
        [efek(2027, k, v) for k, v in semua.items()],
    )
    satu = hasil.lokasi[0]
    assert satu.akhir.akhir.nilai_kekumuhan == 15 and satu.akhir.keluar_daftar
    assert satu.arah == "keluar" and satu.akhir.akhir.klasifikasi is None
    kec = {r.kode: r for r in hasil.rekap_kecamatan()}
    # Kec. Satu: 2 lokasi, 2 + 3 = 5 ha now; 1 lokasi, 3 ha after; 1 lokasi, 2 ha leaving.
    assert (kec["01"].awal.jumlah, kec["01"].awal.luas_ha) == (2, D(5))
    assert (kec["01"].akhir.jumlah, kec["01"].akhir.luas_ha) == (1, D(3))
    assert (kec["01"].keluar.jumlah, kec["01"].keluar.luas_ha) == (1, D(2))
    assert (kec["02"].keluar.jumlah, kec["02"].akhir.luas_ha) == (0, D("1.5"))
    total = hasil.jumlah()
    assert (total.awal.jumlah, total.awal.luas_ha) == (3, D("6.5"))
    assert (total.akhir.jumlah, total.akhir.luas_ha) == (2, D("4.5"))
    tingkat = {t: (awal.jumlah, akhir.jumlah) for t, awal, akhir in hasil.rekap_tingkat()}
    assert tingkat["Kumuh Sedang"] == (3, 2) and tingkat["Tidak Kumuh"] == (0, 1)


def test_a_band_criterion_and_a_volume_over_the_baseline_are_warned_not_guessed():
    # 1a was surveyed as a band: its 50 bangunan cannot be applied. 600 m of road on a gap
    # of 1000 − 400 = 600 m closes it; 700 m is more than there was, capped at 0 %.
    hasil = proyeksikan(
        [dasar(pita={"1a": "76-100"})], [efek(2026, "1a", 50), efek(2026, "2a", 700)]
    )
    p = hasil.lokasi[0]
    assert len(p.akhir.peringatan) == 2
    assert "pita" in p.akhir.peringatan[0] and "melebihi" in p.akhir.peringatan[1]
    # 40 − 3 (2a) = 37; 1a keeps its band's 5.
    assert p.akhir.akhir.nilai_kekumuhan == 37 and p.akhir.akhir.skor["1a"] == 5


def test_effects_elsewhere_are_ignored_and_usulan_is_only_a_scenario():
    hasil = proyeksikan([dasar(1)], [efek(2026, "2a", 500, pk=99)])
    assert hasil.lokasi[0].akhir.akhir.nilai_kekumuhan == 40 and hasil.tahun == ()
    assert "usulan" not in status_dihitung()
    assert status_dihitung(dengan_usulan=True)[0] == "usulan"
    assert {"selesai", "diserahterimakan"} <= set(status_dihitung())


def test_a_baseline_that_cannot_be_scored_is_reported():
    rusak = Dasar(1, "Rusak", SURVEI, rumus.MasukanPenilaian(kategori_kota="sedang"), D(1))
    hasil = proyeksikan([rusak, dasar(2)], [])
    assert [p.dasar.lokasi_pk for p in hasil.lokasi] == [2]
    assert hasil.tidak_terhitung[0][0] is rusak


def test_the_detail_groups_the_criteria_by_aspect_with_totals():
    from kolaborasi.proyeksi.rumus_proyeksi import rinci

    p = proyeksikan([dasar()], [efek(2026, "2a", 500), efek(2027, "2a", 50, kegiatan=2)]).lokasi[0]
    aspek = rinci(p)
    assert [a.aspek.kode for a in aspek] == [1, 2, 3, 4, 5, 6, 7]
    jalan = aspek[1]
    # Aspect 2: 2a 3 + 2b 0 = 3 before; 550 m on a 600 m gap leaves 50/1000 = 5 % → 0.
    assert (jalan.nilai_awal, jalan.nilai_akhir) == (3, 0)
    b2a = jalan.baris[0]
    assert (b2a.baris.volume_awal, b2a.baris.penanganan, b2a.baris.volume_akhir) == (
        D(600),
        D(550),
        D(50),
    )
    assert [e.kegiatan_pk for e in b2a.efek] == [1, 2]
    assert sum(a.nilai_akhir for a in aspek) == p.akhir.akhir.nilai_kekumuhan == 37
