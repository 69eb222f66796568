"""A kab/kota's SK settings and the SK as Bagian Hukum reads it (issue 10 items 2, 3, 4).

Item 2: Mengingat/Memperhatikan as ordered, editable data per kab/kota, the opening phrase, the
head's title, acting signatories, the cited regulation; read live by a draft, frozen at issue.
Item 3: text errors (Pemukiman Kembali stage, "14/PRT/M/2018" on one line, the OPD's heading,
the Excel total row). Item 4: the head's signature after each lampiran; issuing refused while a
verification block is empty.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kumuh import pdf
from lokasi import riwayat
from lokasi.models import KabupatenKota, Peran
from penilaian.models import PengaturanSK
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import isi as sk_isi
from penilaian.sk import pengaturan as services_pengaturan
from penilaian.sk import services as services_sk
from penilaian.sk.contoh import PENGATURAN_CONTOH, isi_contoh
from penilaian.sk.xlsx import LEMBAR_LAMPIRAN, buku_sk
from tests.conftest import buat_lokasi, buat_pengguna, buat_penilaian, klien_untuk

PUSAT = "terverifikasi_pusat"
VERIFIKASI = {
    "pusat": ("Ir. Pusat Contoh", "Ketua Tim Verifikasi Pusat"),
    "provinsi": ("Ir. Provinsi Contoh", "Kepala Bidang Kawasan Permukiman"),
    "kabkota": ("Budi Contoh, S.T.", "Kepala Dinas"),
}


def _teks(data: bytes) -> str:
    keluaran = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
        check=True,
    )  # fmt: skip
    return keluaran.stdout.decode()


def _rata(teks: str) -> str:
    return " ".join(teks.split())


def _halaman_akhir(data: bytes) -> str:
    n = pdf.jumlah_halaman(data)
    keluaran = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-f", str(n), "-l", str(n), "-", "-"],
        input=data, capture_output=True, check=True,
    )  # fmt: skip
    return _rata(keluaran.stdout.decode())


def _ubah(kabkota, pengguna, daftar, aksi, **kw):
    p = PengaturanSK.untuk(kabkota)
    return services_pengaturan.daftar_ubah(
        kabkota=kabkota, pengguna=pengguna, daftar=daftar, aksi=aksi, versi=p.versi, **kw
    )


def _isi_verifikasi(sk, pengguna, tim=VERIFIKASI):
    for t, (nama, jabatan) in tim.items():
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pengguna, tim=t, data={"nama": nama, "jabatan": jabatan}
        )


def _draf_lengkap(kabkota, pokja, *, verifikasi=VERIFIKASI):
    lokasi = buat_lokasi(kabkota, "Kampung Pengaturan")
    buat_penilaian(lokasi, tahun=2025, status=PUSAT)
    sk = services_sk.sk_buat(pengguna=pokja, tahun=2026)
    _isi_verifikasi(sk, pokja, verifikasi)
    sk.refresh_from_db()
    return services_sk.sk_simpan(
        sk=sk, pengguna=pokja, versi=sk.versi,
        data={"nomor": "100.3.3.2/45/2026", "tanggal": date(2026, 11, 20),
              "penandatangan_nama": "A. Contoh"},
    )  # fmt: skip


# --- item 2: the settings ----------------------------------------------------------------------


def test_default_mengingat_is_in_hierarchy_order_with_amendments_and_berita_negara(kota_a):
    p = PengaturanSK.untuk(kota_a)

    awal = [t.split(" tentang ")[0] for t in p.mengingat]
    assert awal == [
        "Undang-Undang Nomor 1 Tahun 2011",
        "Undang-Undang Nomor 23 Tahun 2014",
        "Peraturan Pemerintah Nomor 14 Tahun 2016",
        "Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat Nomor 14/PRT/M/2018",
        "Peraturan Daerah Kota Alfa Nomor ... Tahun ...",
    ]
    assert "terakhir dengan Undang-Undang Nomor 6 Tahun 2023" in p.mengingat[1]
    assert "diubah dengan Peraturan Pemerintah Nomor 12 Tahun 2021" in p.mengingat[2]
    assert "(Berita Negara Republik Indonesia Tahun 2018 Nomor 785);" in p.mengingat[3]
    assert p.memperhatikan == []
    assert p.dengan_rahmat is True
    assert p.sebutan_kepala == "Wali Kota"
    assert p.nama_opd == "Dinas Perumahan dan Kawasan Permukiman Kota Alfa"


def test_settings_are_made_once_per_kab_kota_on_first_use(kota_a, kota_b):
    assert PengaturanSK.untuk(kota_a).pk == PengaturanSK.untuk(kota_a).pk
    assert PengaturanSK.untuk(kota_b).pk != PengaturanSK.untuk(kota_a).pk
    assert PengaturanSK.objects.count() == 2


def test_lines_move_up_and_down_are_removed_edited_and_added(kota_a, pokja_a):
    asli = list(PengaturanSK.untuk(kota_a).mengingat)

    p = _ubah(kota_a, pokja_a, "mengingat", "naik", indeks=1)
    assert p.mengingat == [asli[1], asli[0], *asli[2:]]
    p = _ubah(kota_a, pokja_a, "mengingat", "turun", indeks=0)
    assert p.mengingat == asli
    p = _ubah(kota_a, pokja_a, "mengingat", "naik", indeks=0)  # the first stays first
    assert p.mengingat == asli
    p = _ubah(kota_a, pokja_a, "mengingat", "hapus", indeks=4)
    assert p.mengingat == asli[:4]
    p = _ubah(kota_a, pokja_a, "mengingat", "tambah", teks="Peraturan Wali Kota Alfa\n Nomor 7;")
    assert p.mengingat[-1] == "Peraturan Wali Kota Alfa Nomor 7;"
    p = _ubah(kota_a, pokja_a, "memperhatikan", "tambah", teks="Surat Edaran X;")
    p = _ubah(kota_a, pokja_a, "memperhatikan", "ubah", indeks=0, teks="Surat Edaran Y;")
    assert p.memperhatikan == ["Surat Edaran Y;"]
    assert riwayat.untuk(p)  # every change is in the settings' history


def test_an_empty_line_a_missing_line_and_a_stale_page_are_refused(kota_a, pokja_a):
    with pytest.raises(ValidationError, match="Mengingat: teks baris wajib diisi"):
        _ubah(kota_a, pokja_a, "mengingat", "tambah", teks="  ")
    with pytest.raises(ValidationError, match="baris tidak ditemukan"):
        _ubah(kota_a, pokja_a, "mengingat", "hapus", indeks=9)
    lama = PengaturanSK.untuk(kota_a).versi
    _ubah(kota_a, pokja_a, "mengingat", "hapus", indeks=0)
    # The page the user saw had another first line: removing "line 1" again would remove the
    # wrong regulation.
    with pytest.raises(riwayat.KonflikPerubahan):
        services_pengaturan.daftar_ubah(
            kabkota=kota_a, pengguna=pokja_a, daftar="mengingat", aksi="hapus", indeks=0,
            versi=lama,
        )  # fmt: skip
    assert len(PengaturanSK.untuk(kota_a).mengingat) == 4


def test_only_the_sk_managers_of_the_kab_kota_change_its_settings(
    kota_a, kota_b, operator_a, pokja_a, admin_a
):
    with pytest.raises(PermissionDenied):
        _ubah(kota_a, operator_a, "mengingat", "hapus", indeks=0)
    pokja_b = buat_pengguna("pokja_b", Peran.POKJA, kota_b)
    with pytest.raises(PermissionDenied):
        _ubah(kota_a, pokja_b, "mengingat", "hapus", indeks=0)
    _ubah(kota_a, admin_a, "mengingat", "hapus", indeks=0)

    assert klien_untuk(operator_a).get("/penilaian/sk/pengaturan/").status_code == 403
    assert klien_untuk(operator_a).post("/penilaian/sk/pengaturan/mengingat/").status_code == 403


def test_the_settings_page_moves_and_removes_lines_with_plain_forms(kota_a, pokja_a):
    klien = klien_untuk(pokja_a)
    halaman = klien.get("/penilaian/sk/pengaturan/")
    assert halaman.status_code == 200
    html = halaman.content.decode()
    assert 'name="aksi" value="naik"' in html and 'name="aksi" value="hapus"' in html
    asli = list(PengaturanSK.untuk(kota_a).mengingat)

    versi = PengaturanSK.untuk(kota_a).versi
    r = klien.post(
        "/penilaian/sk/pengaturan/mengingat/", {"aksi": "naik", "indeks": 2, "versi": versi}
    )
    assert r.status_code == 302 and r.url.endswith("#mengingat")
    assert PengaturanSK.untuk(kota_a).mengingat[1] == asli[2]

    r = klien.post(
        "/penilaian/sk/pengaturan/mengingat/", {"aksi": "tambah", "teks": "", "versi": versi + 1}
    )
    assert r.status_code == 400
    assert "teks baris wajib diisi" in r.content.decode()

    r = klien.post(
        "/penilaian/sk/pengaturan/",
        {"versi": versi + 1, "sebutan_kepala": "Walikota", "nama_opd": "Dinas Perkim Kota Alfa"},
    )
    assert r.status_code == 302
    p = PengaturanSK.untuk(kota_a)
    assert (p.sebutan_kepala, p.nama_opd, p.dengan_rahmat) == (
        "Walikota", "Dinas Perkim Kota Alfa", False,  # an unticked box is "no"
    )  # fmt: skip


def test_a_draft_reads_the_settings_live_and_an_issued_sk_keeps_its_frozen_copy(kota_a, pokja_a):
    sk = _draf_lengkap(kota_a, pokja_a)
    _ubah(kota_a, pokja_a, "memperhatikan", "tambah", teks="Surat Edaran Lama;")
    assert services_sk.isi_sk(sk).memperhatikan == ("Surat Edaran Lama;",)
    sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
    sebelum = services_sk.isi_sk(sk)
    keputusan = _teks(services_sk.buat_berkas(sk, "keputusan", "pdf"))

    _ubah(kota_a, pokja_a, "mengingat", "hapus", indeks=0)
    _ubah(kota_a, pokja_a, "memperhatikan", "ubah", indeks=0, teks="Surat Edaran Baru;")
    p = PengaturanSK.untuk(kota_a)
    services_pengaturan.pengaturan_simpan(
        kabkota=kota_a, pengguna=pokja_a, versi=p.versi,
        data={"sebutan_kepala": "Walikota", "nama_opd": "Dinas Lain", "dengan_rahmat": False},
    )  # fmt: skip

    sk.refresh_from_db()
    sesudah = services_sk.isi_sk(sk)
    assert sesudah.pengaturan == sebelum.pengaturan
    assert sesudah.mengingat[0].startswith("Undang-Undang Nomor 1 Tahun 2011")
    assert _teks(services_sk.buat_berkas(sk, "keputusan", "pdf")) == keputusan
    # A new draft takes the new texts.
    baru = services_sk.sk_buat(pengguna=pokja_a, tahun=2027)
    assert services_sk.isi_sk(baru).memperhatikan == ("Surat Edaran Baru;",)
    assert services_sk.isi_sk(baru).judul_kepala == "WALIKOTA ALFA"


def test_an_sk_issued_before_the_settings_keeps_its_three_mengingat_lines(kota_a, pokja_a):
    sk = _draf_lengkap(kota_a, pokja_a)
    sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
    # As such an SK was frozen: the names of the daerah, no settings.
    sk.daerah_beku = {k: v for k, v in sk.daerah_beku.items() if k != "pengaturan"}
    sk.save()

    isi = services_sk.isi_sk(sk)
    assert isi.mengingat == sk_isi.MENGINGAT_LAMA
    assert isi.stempel_urut()[2].judul == sk_isi.JUDUL_STEMPEL["kabkota"]


def test_the_sks_own_extra_mengingat_lines_print_after_the_kab_kota_list(tmp_path):
    isi = replace(isi_contoh(3, draf=False), mengingat_tambahan=("Keputusan Tambahan X;",))
    assert isi.mengingat == (*PENGATURAN_CONTOH.mengingat, "Keputusan Tambahan X;")
    teks = _rata(_teks(sk_cetak.pdf_keputusan(isi)))
    assert "5. Peraturan Wali Kota Pekalongan Nomor 50 Tahun 2022" in teks
    assert "6. Keputusan Tambahan X;" in teks
    assert teks.index("Mengingat") < teks.index("Memperhatikan") < teks.index("MEMUTUSKAN")
    assert "Memperhatikan : 1. Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat Nomor 12" in (
        teks
    )


def test_a_kabupaten_prints_bupati_and_a_kota_prints_its_own_spelling(provinsi_p):
    kabupaten = KabupatenKota.objects.create(
        kode="91.01", nama="Kabupaten Delta", provinsi=provinsi_p, jenis="kabupaten"
    )
    p = PengaturanSK.untuk(kabupaten)
    assert p.sebutan_kepala == "Bupati"
    assert "Peraturan Daerah Kabupaten Delta Nomor" in p.mengingat[-1]

    bupati = replace(
        isi_contoh(3, draf=False), jenis_daerah="Kabupaten", nama_daerah="Delta",
        penandatangan_jabatan="BUPATI DELTA", pengaturan=p.cetak(),
    )  # fmt: skip
    teks = _rata(_teks(sk_cetak.pdf_keputusan(bupati)))
    assert teks.startswith("BUPATI DELTA PROVINSI")
    assert "KEPUTUSAN BUPATI DELTA" in teks and "Keputusan Bupati tentang" in teks
    assert "Wali Kota" not in teks and "WALI KOTA" not in teks

    walikota = replace(
        isi_contoh(3, draf=False), pengaturan=replace(PENGATURAN_CONTOH, sebutan_kepala="Walikota")
    )
    teks = _rata(_teks(sk_cetak.pdf_keputusan(walikota)))
    assert teks.startswith("WALIKOTA PEKALONGAN PROVINSI")
    assert "Keputusan Walikota tentang" in teks


def test_an_acting_signatory_is_printed_as_typed_on_the_decree_and_each_lampiran():
    isi = replace(isi_contoh(3, draf=False), penandatangan_jabatan="Plt. Wali Kota Pekalongan")
    for bagian in ("keputusan", "lampiran1", "lampiran2", "lampiran3"):
        akhir = _halaman_akhir(sk_cetak.pdf_sk(isi, bagian))
        assert "Plt. Wali Kota Pekalongan, A. DEMO SANTOSO" in akhir, bagian


def test_the_opening_phrase_is_a_setting():
    dengan = _teks(sk_cetak.pdf_keputusan(isi_contoh(3, draf=False)))
    tanpa = _teks(
        sk_cetak.pdf_keputusan(
            replace(
                isi_contoh(3, draf=False),
                pengaturan=replace(PENGATURAN_CONTOH, dengan_rahmat=False),
            )
        )
    )
    assert "DENGAN RAHMAT TUHAN YANG MAHA ESA" in dengan
    assert "DENGAN RAHMAT" not in tanpa


def test_pola_and_tipologi_citations_name_their_regulation():
    isi = isi_contoh(12, draf=False)
    html = "".join(sk_cetak.html_lampiran3(isi))
    perwal = "Peraturan Wali Kota Pekalongan Nomor 50 Tahun 2022"
    pola = {lok.pola_penanganan for lok in isi.lokasi}
    for p in pola:
        assert f"({PENGATURAN_CONTOH.pasal_pola[p]} {perwal})" in html, p
    assert f"(Pasal 48 {perwal})." in html
    assert " Perwal)</span>" not in html  # the bare "Perwal" named no regulation

    tanpa = replace(isi, pengaturan=replace(PENGATURAN_CONTOH, peraturan_pola=""))
    html = "".join(sk_cetak.html_lampiran3(tanpa))
    assert "Pasal 5" not in html and "Pasal 48" not in html


# --- item 3: text errors -------------------------------------------------------------------------


def test_the_pemukiman_kembali_konstruksi_stage_has_its_monitoring_item_whole():
    konstruksi = dict(sk_isi.TAHAPAN_POLA["Pemukiman Kembali"])["Konstruksi"]
    # As the Perda Singkawang (seed 003, Pasal 53 (2)) has it: six items, d. whole.
    assert len(konstruksi) == 6
    assert konstruksi[3] == "pemantauan dan evaluasi pelaksanaan konstruksi Pemukiman Kembali"
    assert "Pemukiman Kembali" not in konstruksi


def test_a_regulation_number_is_never_broken_across_lines():
    # Lines whose length moves the number along the line, so that some reach the margin.
    isi = replace(
        isi_contoh(3, draf=False),
        mengingat_tambahan=tuple(
            f"Peraturan {'x' * n} Nomor 14/PRT/M/2018 tentang Contoh;" for n in range(1, 61)
        ),
    )
    html = sk_cetak.html_keputusan(isi)
    assert '<span class="nowrap">14/PRT/M/2018</span>' in html
    assert "14/PRT/M/2018" not in html.replace('<span class="nowrap">14/PRT/M/2018</span>', "")
    teks = _teks(sk_cetak.pdf_keputusan(isi))
    baris = [b for b in teks.splitlines() if "PRT" in b or "/2018" in b]
    assert len(baris) >= 60
    assert all("14/PRT/M/2018" in b for b in baris), [b for b in baris if "14/PRT/M/2018" not in b]


def test_the_third_verification_block_is_titled_with_the_opds_name(tmp_path):
    isi = isi_contoh(3, draf=False)
    assert isi.stempel_urut()[2].judul == (
        "Dinas Perumahan dan Kawasan Permukiman Kota Pekalongan",
    )
    lembar = buku_sk(isi)[LEMBAR_LAMPIRAN]
    nilai = {c.value for r in lembar.iter_rows() for c in r}
    assert "Dinas Perumahan dan Kawasan Permukiman Kota Pekalongan" in nilai
    assert "Organisasi Perangkat Daerah Kab/Kota" not in nilai


def test_the_excel_total_row_states_the_kecamatan_count_like_keempat():
    isi = isi_contoh(28, draf=False)
    assert f"di {isi.jumlah_kecamatan} (" in isi.kalimat_keempat
    lembar = buku_sk(isi)[LEMBAR_LAMPIRAN]
    baris = next(r for r in lembar.iter_rows() if str(r[0].value or "").startswith("JUMLAH"))
    b = baris[0].row
    assert lembar.cell(b, 4).value == "4 (empat) kecamatan"
    assert f"D{b}:F{b}" in {str(g) for g in lembar.merged_cells.ranges}


# --- item 4: signatures and required verification --------------------------------------------


def test_each_lampiran_ends_with_the_heads_signature_block():
    isi = isi_contoh(7, draf=False)
    for bagian in ("lampiran1", "lampiran2", "lampiran3"):
        akhir = _halaman_akhir(sk_cetak.pdf_sk(isi, bagian))
        assert "WALI KOTA PEKALONGAN, A. DEMO SANTOSO" in akhir, bagian
    # Only the last chunk of the Buku Profil closes it.
    potongan = sk_cetak.html_lampiran3(isi, lokasi_per_potongan=3)
    assert ['class="ttd-kepala"' in h for h in potongan] == [False, False, True]


def test_issuing_is_refused_naming_each_empty_verification_block(kota_a, pokja_a):
    sk = _draf_lengkap(kota_a, pokja_a, verifikasi={"provinsi": ("Ir. Prov", "")})

    with pytest.raises(ValidationError) as e:
        services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
    pesan = e.value.message_dict
    assert set(pesan) == {"verifikasi_pusat", "verifikasi_provinsi", "verifikasi_kabkota"}
    assert pesan["verifikasi_pusat"] == [
        "Blok verifikasi \u201cTim Verifikasi Pusat\u201d belum lengkap: nama dan jabatan "
        "wajib diisi."
    ]
    assert pesan["verifikasi_provinsi"] == [
        "Blok verifikasi \u201cTim Verifikasi Provinsi\u201d belum lengkap: jabatan wajib diisi."
    ]

    _isi_verifikasi(sk, pokja_a)
    sk.refresh_from_db()
    assert services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi).status == "ditetapkan"


def test_the_issue_button_says_which_block_is_empty(kota_a, pokja_a):
    sk = _draf_lengkap(kota_a, pokja_a, verifikasi={})
    r = klien_untuk(pokja_a).post(
        f"/penilaian/sk/{sk.pk}/tetapkan/", {"versi": sk.versi}, follow=True
    )
    assert "Blok verifikasi \u201cTim Verifikasi Pusat\u201d belum lengkap" in r.content.decode()


def test_a_new_draft_signs_with_the_kab_kotas_spelling(kota_a, pokja_a):
    p = PengaturanSK.untuk(kota_a)
    services_pengaturan.pengaturan_simpan(
        kabkota=kota_a, pengguna=pokja_a, versi=p.versi,
        data={"sebutan_kepala": "Walikota", "nama_opd": p.nama_opd, "dengan_rahmat": True},
    )  # fmt: skip
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    assert sk.penandatangan_jabatan == "WALIKOTA ALFA"
