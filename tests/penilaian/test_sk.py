"""SK penetapan lokasi: which lokasi, draft writes, freezing, access (issue 4 items 1, 4, 7)."""

from __future__ import annotations

import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError

from lokasi import riwayat
from lokasi.models import FotoLokasi
from penilaian.models import SK, EksporSK, SKLokasi
from penilaian.sk import services as services_sk
from tests.conftest import (
    PITA_SEDANG,
    buat_lokasi,
    buat_pengguna,
    buat_penilaian,
    klien_untuk,
)

PUSAT = "terverifikasi_pusat"
# Bands scoring 5 everywhere (80, Kumuh Berat) and 0 everywhere (Tidak Kumuh).
PITA_BERAT = dict.fromkeys(PITA_SEDANG, "76-100")
PITA_BERSIH = dict.fromkeys(PITA_SEDANG, "<25")


@pytest.fixture
def sk_a(pokja_a) -> SK:
    return services_sk.sk_buat(pengguna=pokja_a, tahun=2026)


def _lengkapi(sk: SK, pengguna) -> SK:
    # Issuing needs the three verification blocks (issue 10 item 4).
    for tim in ("pusat", "provinsi", "kabkota"):
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pengguna, tim=tim, data={"nama": f"Nama {tim}", "jabatan": "Ketua"}
        )
    sk.refresh_from_db()
    return services_sk.sk_simpan(
        sk=sk,
        pengguna=pengguna,
        versi=sk.versi,
        data={"nomor": "100.3.3.2/45/2026", "tanggal": date(2026, 11, 20),
              "penandatangan_nama": "A. Contoh"},
    )  # fmt: skip


# --- which lokasi ----------------------------------------------------------------------------


def test_a_draft_lists_the_latest_pusat_verified_kumuh_survey_of_each_lokasi(kota_a, sk_a):
    sedang = buat_lokasi(kota_a, "Sedang")
    buat_penilaian(sedang, tahun=2024, status=PUSAT)
    berat = buat_lokasi(kota_a, "Berat")
    buat_penilaian(berat, tahun=2025, status=PUSAT, pita=PITA_BERAT)
    hanya_pokja = buat_lokasi(kota_a, "Baru disetujui Pokja")
    buat_penilaian(hanya_pokja, tahun=2025, status="disetujui_pokja")
    sudah_bersih = buat_lokasi(kota_a, "Sudah bersih")
    buat_penilaian(sudah_bersih, tahun=2024, status=PUSAT)
    buat_penilaian(sudah_bersih, tahun=2025, status=PUSAT, pita=PITA_BERSIH)

    daftar = services_sk.daftar_sk(sk_a)

    # Prioritas first: Berat (A1, 1) before Sedang (B3, 5).
    assert [p.lokasi.nama for p in daftar.disertakan] == ["Berat", "Sedang"]
    assert [p.lokasi.nama for p in daftar.tidak_kumuh] == ["Sudah bersih"]
    assert [p.lokasi.nama for p in daftar.menunggu_verifikasi] == ["Baru disetujui Pokja"]


def test_a_newer_survey_awaiting_pusat_leaves_the_older_verified_one_in_use(kota_a, sk_a):
    lokasi = buat_lokasi(kota_a, "Menunggu")
    lama = buat_penilaian(lokasi, tahun=2024, status=PUSAT)
    buat_penilaian(lokasi, tahun=2025, status="terverifikasi_provinsi", pita=PITA_BERAT)

    daftar = services_sk.daftar_sk(sk_a)

    assert [p.pk for p in daftar.disertakan] == [lama.pk]
    assert [p.tahun for p in daftar.menunggu_verifikasi] == [2025]


def test_the_sk_year_limits_the_surveys_used(kota_a, pokja_a):
    lokasi = buat_lokasi(kota_a)
    buat_penilaian(lokasi, tahun=2024, status=PUSAT)
    buat_penilaian(lokasi, tahun=2026, status=PUSAT, pita=PITA_BERAT)
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2025)

    assert [p.tahun for p in services_sk.daftar_sk(sk).disertakan] == [2024]


def test_other_cities_lokasi_never_enter_the_sk(kota_a, kota_b, sk_a):
    buat_penilaian(buat_lokasi(kota_b, "Kota B"), status=PUSAT)
    assert services_sk.daftar_sk(sk_a).disertakan == []


def test_the_pokja_leaves_a_lokasi_out_with_a_reason_and_puts_it_back(kota_a, sk_a, pokja_a):
    a = buat_lokasi(kota_a, "A")
    buat_penilaian(a, status=PUSAT)
    b = buat_lokasi(kota_a, "B")
    buat_penilaian(b, status=PUSAT)

    with pytest.raises(ValidationError) as e:
        services_sk.sk_kecualikan(sk=sk_a, pengguna=pokja_a, lokasi=a, alasan="  ")
    assert "Alasan wajib diisi" in str(e.value)

    services_sk.sk_kecualikan(sk=sk_a, pengguna=pokja_a, lokasi=a, alasan="Relokasi 2026")
    daftar = services_sk.daftar_sk(sk_a)
    assert [p.lokasi.nama for p in daftar.disertakan] == ["B"]
    assert [(p.lokasi.nama, e.alasan) for p, e in daftar.dikecualikan] == [("A", "Relokasi 2026")]
    assert [lok.nomor for lok in services_sk.lokasi_sk(sk_a)] == [1]

    services_sk.sk_sertakan(sk=sk_a, pengguna=pokja_a, lokasi=a)
    assert len(services_sk.daftar_sk(sk_a).disertakan) == 2
    assert [r.tindakan for r in riwayat.untuk(sk_a)][:2] == [
        "lokasi disertakan kembali",
        "lokasi dikecualikan",
    ]


def test_another_citys_lokasi_cannot_be_excluded(kota_a, kota_b, sk_a, pokja_a):
    with pytest.raises(PermissionDenied):
        services_sk.sk_kecualikan(sk=sk_a, pengguna=pokja_a, lokasi=buat_lokasi(kota_b), alasan="x")


# --- writes ----------------------------------------------------------------------------------


def test_a_new_draft_carries_the_templates_texts(sk_a, kota_a):
    assert sk_a.status == SK.Status.DRAF
    assert sk_a.tentang == "Penetapan Lokasi Perumahan Kumuh dan Permukiman Kumuh di Kota Alfa"
    assert sk_a.penandatangan_jabatan == "WALI KOTA ALFA"
    assert sk_a.tempat == "Alfa"


@pytest.mark.parametrize("peran", ["operator", "verifikator_p", "pokja_b"])
def test_only_the_citys_pokja_and_admin_write_the_sk(peran, request, kota_a, kota_b, sk_a):
    if peran == "pokja_b":
        pengguna = buat_pengguna("pokja_b", "pokja", kota_b)
    elif peran == "operator":
        pengguna = request.getfixturevalue("operator_a")
    else:
        pengguna = request.getfixturevalue(peran)
    with pytest.raises(PermissionDenied):
        services_sk.sk_simpan(sk=sk_a, pengguna=pengguna, data={"nomor": "1"}, versi=sk_a.versi)


def test_a_stale_form_is_refused_naming_who_saved(sk_a, pokja_a, admin_a):
    versi_lama = sk_a.versi
    services_sk.sk_simpan(sk=sk_a, pengguna=admin_a, data={"nomor": "1/2026"}, versi=versi_lama)
    with pytest.raises(riwayat.KonflikPerubahan) as e:
        services_sk.sk_simpan(sk=sk_a, pengguna=pokja_a, data={"nomor": "2/2026"}, versi=versi_lama)
    assert "Admin A" in str(e.value)
    sk_a.refresh_from_db()
    assert sk_a.nomor == "1/2026"


def test_issuing_names_every_missing_field_and_saves_nothing(kota_a, sk_a, pokja_a):
    with pytest.raises(ValidationError) as e:
        services_sk.sk_tetapkan(sk=sk_a, pengguna=pokja_a, versi=sk_a.versi)
    pesan = e.value.message_dict
    assert set(pesan) == {"nomor", "tanggal", "penandatangan_nama", "__all__",
                          "verifikasi_pusat", "verifikasi_provinsi",
                          "verifikasi_kabkota"}  # fmt: skip
    sk_a.refresh_from_db()
    assert sk_a.status == SK.Status.DRAF
    assert not SKLokasi.objects.exists()


# --- freezing --------------------------------------------------------------------------------


@pytest.fixture
def sk_ditetapkan(kota_a, sk_a, pokja_a):
    lokasi = buat_lokasi(kota_a, "Kampung Beku", rt_rw="RT 001 / RW 002")
    FotoLokasi.objects.create(
        lokasi=lokasi, berkas=ContentFile(b"\x89PNG-bukan-foto-asli", name="a.png"),
        keterangan="Gang sempit",
    )  # fmt: skip
    buat_penilaian(lokasi, tahun=2025, status=PUSAT)
    sk = _lengkapi(sk_a, pokja_a)
    return services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi), lokasi


def test_issuing_freezes_each_lokasi_with_its_scores(sk_ditetapkan):
    sk, _lokasi = sk_ditetapkan
    assert sk.status == SK.Status.DITETAPKAN
    beku = SKLokasi.objects.get(sk=sk)
    assert beku.nomor == 1
    assert beku.data["nama"] == "Kampung Beku"
    assert beku.data["nilai_kekumuhan"] == 42
    assert len(beku.data["kriteria"]) == 16
    # The photo is copied under the SK's folder, not referenced from the lokasi.
    assert beku.data["foto"][0]["berkas"].startswith(f"sk/{sk.pk}/foto/")


def test_a_later_survey_and_edits_never_change_an_issued_sk(sk_ditetapkan, pokja_a):
    sk, lokasi = sk_ditetapkan
    sebelum = services_sk.lokasi_sk(sk)
    keempat = services_sk.isi_sk(sk).kalimat_keempat
    berkas_sebelum = {
        b: _teks_pdf(services_sk.buat_berkas(sk, b, "pdf")) for b in ("lampiran1", "lampiran3")
    }

    buat_penilaian(lokasi, tahun=2026, status=PUSAT, pita=PITA_BERAT)
    lokasi.nama = "Nama Baru"
    lokasi.luas_verifikasi_ha = Decimal("9.99")
    lokasi.save()
    lokasi.foto.all().delete()
    lokasi.kabupaten_kota.nama = "Kota Berganti"
    lokasi.kabupaten_kota.save()

    sk.refresh_from_db()
    assert services_sk.lokasi_sk(sk) == sebelum
    assert services_sk.isi_sk(sk).kalimat_keempat == keempat
    assert "Kota Berganti" not in services_sk.isi_sk(sk).daerah
    for bagian, teks in berkas_sebelum.items():
        assert _teks_pdf(services_sk.buat_berkas(sk, bagian, "pdf")) == teks, bagian
    assert "Kampung Beku" in berkas_sebelum["lampiran1"]
    assert "Gang sempit" in berkas_sebelum["lampiran3"]  # the copied photo still prints


def _teks_pdf(data: bytes) -> str:
    keluaran = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
    )
    return keluaran.stdout.decode()


def test_an_issued_sk_refuses_every_write(sk_ditetapkan, pokja_a):
    sk, lokasi = sk_ditetapkan
    with pytest.raises(ValidationError):
        services_sk.sk_simpan(sk=sk, pengguna=pokja_a, data={"nomor": "x"}, versi=sk.versi)
    with pytest.raises(ValidationError):
        services_sk.sk_kecualikan(sk=sk, pengguna=pokja_a, lokasi=lokasi, alasan="x")
    with pytest.raises(ValidationError):
        services_sk.verifikasi_simpan(sk=sk, pengguna=pokja_a, tim="pusat", data={"nama": "x"})
    with pytest.raises(ValidationError):
        services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)


# --- pages -----------------------------------------------------------------------------------


def test_another_citys_user_gets_404_on_every_sk_page(sk_a, operator_b, kota_b):
    klien = klien_untuk(operator_b)
    for url in (
        f"/penilaian/sk/{sk_a.pk}/",
        f"/penilaian/sk/{sk_a.pk}/excel/",
        f"/penilaian/sk/{sk_a.pk}/berkas/",
    ):
        assert klien.get(url).status_code == 404, url
    assert klien.post(f"/penilaian/sk/{sk_a.pk}/ubah/", {"nomor": "x"}).status_code == 404
    assert klien.post(f"/penilaian/sk/{sk_a.pk}/tetapkan/", {"versi": 1}).status_code == 404
    assert (
        klien.post(f"/penilaian/sk/{sk_a.pk}/berkas/", {"bagian": "keputusan"}).status_code == 404
    )
    assert sk_a.pk not in [s.pk for s in klien.get("/penilaian/sk/").context["daftar_sk"]]


def test_an_operator_reads_the_sk_but_cannot_change_it(sk_a, operator_a):
    klien = klien_untuk(operator_a)
    halaman = klien.get(f"/penilaian/sk/{sk_a.pk}/")
    assert halaman.status_code == 200
    assert halaman.context["form"] is None
    assert klien.post(f"/penilaian/sk/{sk_a.pk}/ubah/", {"nomor": "x"}).status_code == 403
    assert klien.post("/penilaian/sk/baru/", {"tahun": 2026}).status_code == 403


def test_the_pokja_makes_and_fills_a_draft_in_the_browser(kota_a, pokja_a):
    buat_penilaian(buat_lokasi(kota_a, "Lokasi Satu"), status=PUSAT)
    klien = klien_untuk(pokja_a)
    r = klien.post("/penilaian/sk/baru/", {"tahun": 2026})
    sk = SK.objects.get()
    assert r.url == f"/penilaian/sk/{sk.pk}/"

    halaman = klien.get(r.url)
    assert "1 (satu) lokasi" in halaman.content.decode()

    data = {"versi": sk.versi, "tahun": 2026, "nomor": "", "tanggal": "2026-13-40",
            "tempat": "Kota A", "tentang": sk.tentang, "penandatangan_nama": "",
            "mengingat_tambahan": "", "penandatangan_jabatan": "WALI KOTA A"}  # fmt: skip
    salah = klien.post(f"/penilaian/sk/{sk.pk}/ubah/", data)
    assert salah.status_code == 400
    assert "Tanggal ditetapkan" in salah.content.decode()

    data["tanggal"] = "2026-11-20"
    assert klien.post(f"/penilaian/sk/{sk.pk}/ubah/", data).status_code == 302
    sk.refresh_from_db()
    assert sk.tanggal == date(2026, 11, 20)

    r = klien.post(
        f"/penilaian/sk/{sk.pk}/verifikasi/provinsi/",
        {"provinsi-nama": "Ir. Verifikator", "provinsi-jabatan": "Kabid", "provinsi-nip": "",
         "provinsi-tanggal": "2026-11-01", "provinsi-versi": 0},
    )  # fmt: skip
    assert r.status_code == 302
    assert sk.verifikasi.get(tim="provinsi").nama == "Ir. Verifikator"

    # Issuing without nomor and penandatangan is refused with the reasons.
    r = klien.post(
        f"/penilaian/sk/{sk.pk}/tetapkan/", {"versi": SK.objects.get().versi}, follow=True
    )
    teks = r.content.decode()
    assert "Nomor SK wajib diisi" in teks and "Nama penandatangan wajib diisi" in teks


def test_files_are_made_in_the_background_and_downloaded(kota_a, sk_a, pokja_a):
    buat_penilaian(buat_lokasi(kota_a, "Lokasi Unduh"), status=PUSAT)
    klien = klien_untuk(pokja_a)
    r = klien.post(f"/penilaian/sk/{sk_a.pk}/berkas/", {"bagian": "keputusan", "format": "pdf"})
    assert r.status_code == 302
    ekspor = EksporSK.objects.get()
    assert ekspor.status == EksporSK.Status.SELESAI and ekspor.kemajuan == 100
    unduh = klien.get(f"/penilaian/sk/{sk_a.pk}/berkas/{ekspor.pk}/")
    assert unduh.status_code == 200
    assert b"".join(unduh.streaming_content).startswith(b"%PDF")
    assert "draf.pdf" in unduh["Content-Disposition"]

    panel = klien.get(f"/penilaian/sk/{sk_a.pk}/berkas/", headers={"HX-Request": "true"})
    assert "Unduh" in panel.content.decode()
    assert "hx-trigger" not in panel.content.decode()  # nothing running: no polling

    salah = klien.post(f"/penilaian/sk/{sk_a.pk}/berkas/", {"bagian": "x", "format": "pdf"})
    assert salah.status_code == 302 and EksporSK.objects.count() == 1


def test_a_failed_render_is_shown_not_raised(kota_a, sk_a, pokja_a, monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("huruf hilang")

    monkeypatch.setattr(services_sk, "buat_berkas", rusak)
    services_sk.ekspor_minta(sk=sk_a, pengguna=pokja_a, bagian="keputusan", format="pdf")
    ekspor = EksporSK.objects.get()
    assert ekspor.status == EksporSK.Status.GAGAL
    assert "huruf hilang" in ekspor.pesan


def test_an_issued_sks_file_is_made_once(sk_ditetapkan, pokja_a):
    sk, _lokasi = sk_ditetapkan
    pertama = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="lampiran1", format="pdf")
    kedua = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="lampiran1", format="pdf")
    assert pertama.pk == kedua.pk


def test_a_running_job_silent_for_long_is_started_again(kota_a, sk_a, pokja_a):
    lama = EksporSK.objects.create(
        sk=sk_a, bagian="keputusan", format="pdf", status="berjalan", sk_versi=sk_a.versi
    )
    EksporSK.objects.filter(pk=lama.pk).update(
        diperbarui_pada=lama.dibuat_pada - services_sk.BATAS_SENYAP
    )
    baru = services_sk.ekspor_minta(sk=sk_a, pengguna=pokja_a, bagian="keputusan", format="pdf")
    assert baru.pk != lama.pk


# --- command ---------------------------------------------------------------------------------


def test_ekspor_sk_lists_and_writes(kota_a, sk_a, tmp_path, capsys):
    buat_penilaian(buat_lokasi(kota_a, "Lokasi Perintah"), status=PUSAT)
    call_command("ekspor_sk")
    daftar = capsys.readouterr().out
    assert f"{sk_a.pk:>4}  Kota Alfa" in daftar and "(belum bernomor)" in daftar

    keluaran = tmp_path / "l1.xlsx"
    call_command("ekspor_sk", sk_a.pk, "--format", "xlsx", "--out", str(keluaran))
    assert keluaran.read_bytes()[:2] == b"PK"

    keluaran = tmp_path / "kep.pdf"
    call_command("ekspor_sk", sk_a.pk, "--bagian", "keputusan", "--out", str(keluaran))
    assert keluaran.read_bytes()[:4] == b"%PDF"

    with pytest.raises(CommandError, match="tidak ada"):
        call_command("ekspor_sk", 9999)
    with pytest.raises(CommandError, match="lampiran1"):
        call_command("ekspor_sk", sk_a.pk, "--format", "xlsx", "--bagian", "lampiran3")


def test_the_files_panel_polls_while_a_job_runs(kota_a, sk_a, pokja_a):
    for bagian in ("lampiran3", "semua"):
        EksporSK.objects.create(
            sk=sk_a,
            bagian=bagian,
            format="pdf",
            status="berjalan",
            kemajuan=40,
            sk_versi=sk_a.versi,
        )
    panel = klien_untuk(pokja_a).get(
        f"/penilaian/sk/{sk_a.pk}/berkas/", headers={"HX-Request": "true"}
    )
    teks = panel.content.decode()
    assert teks.count('hx-trigger="every 1s"') == 1
    assert 'value="40"' in teks and "40 %" in teks
