"""Backup and restore: kumuh_cadangan → empty instance → kumuh_pulihkan (issue 14 item 6)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tarfile
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from kumuh import cadangan
from kumuh.management.commands.kumuh_cadangan import jumlah_baris
from lokasi import services as services_lokasi
from lokasi.models import FotoLokasi, Lokasi, Pengguna, RiwayatPerubahan
from penilaian.models import SK, EksporSK, SKLokasi
from penilaian.sk import services as services_sk
from tests.conftest import SANDI, buat_lokasi, buat_penilaian

PUSAT = "terverifikasi_pusat"
# Real transactions, as when the commands run from a shell: a restore flushes and loads in its
# own transaction, and PostgreSQL refuses to TRUNCATE tables written earlier in an open one.
TRANSAKSI = pytest.mark.django_db(transaction=True)


def _png() -> ContentFile:
    gambar = Image.new("RGB", (64, 48), (200, 120, 40))
    keluaran = io.BytesIO()
    gambar.save(keluaran, format="PNG")
    return ContentFile(keluaran.getvalue(), name="gang.png")


def _teks_pdf(data: bytes) -> str:
    keluaran = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
    )
    return keluaran.stdout.decode()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _baca(nama: str) -> bytes:
    with default_storage.open(nama, "rb") as f:
        return f.read()


def _instans(kota_a, pokja_a, operator_a) -> tuple[SK, EksporSK]:
    """An instance with a photographed lokasi, a verified survey, an issued SK and its file."""
    lokasi = buat_lokasi(kota_a, "Kampung Cadangan", rt_rw="RT 001 / RW 002")
    lokasi.nama = "Kampung Cadangan Lama"
    services_lokasi.lokasi_simpan(
        lokasi=lokasi,
        pengguna=operator_a,
        versi_awal=lokasi.versi,
        kelurahan=lokasi.kelurahan.all(),
        tipologi=["di_tepi_air"],
    )
    services_lokasi.foto_tambah(
        lokasi=lokasi, pengguna=operator_a, berkas=_png(), keterangan="Gang sempit"
    )
    buat_penilaian(lokasi, tahun=2025, status=PUSAT)
    sk = services_sk.sk_buat(pengguna=pokja_a, tahun=2026)
    for tim in ("pusat", "provinsi", "kabkota"):
        services_sk.verifikasi_simpan(
            sk=sk, pengguna=pokja_a, tim=tim, data={"nama": f"Nama {tim}", "jabatan": "Ketua"}
        )
    sk.refresh_from_db()
    sk = services_sk.sk_simpan(
        sk=sk,
        pengguna=pokja_a,
        versi=sk.versi,
        data={"nomor": "100.3.3.2/45/2026", "tanggal": date(2026, 11, 20),
              "penandatangan_nama": "A. Contoh"},
    )  # fmt: skip
    sk = services_sk.sk_tetapkan(sk=sk, pengguna=pokja_a, versi=sk.versi)
    ekspor = services_sk.ekspor_minta(sk=sk, pengguna=pokja_a, bagian="lampiran1", format="pdf")
    ekspor.refresh_from_db()
    assert ekspor.status == EksporSK.Status.SELESAI, ekspor.pesan
    return sk, ekspor


def _riwayat() -> list[tuple[str, int, str]]:
    return sorted(
        (r.content_type.model_class()._meta.label, r.object_id, r.tindakan)
        for r in RiwayatPerubahan.objects.select_related("content_type")
    )


def _kosongkan(media: Path) -> None:
    """Make this instance a freshly migrated one: no rows, no files."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media, ignore_errors=True)


@TRANSAKSI
def test_a_backup_restores_an_instance_with_identical_sk_files(
    kota_a, pokja_a, operator_a, tmp_path, settings, capsys
):
    sk, ekspor = _instans(kota_a, pokja_a, operator_a)
    pdf_sebelum = _teks_pdf(services_sk.buat_berkas(sk, "semua", "pdf"))
    ekspor_sebelum = _sha(_baca(ekspor.berkas.name))
    foto_beku = [f["berkas"] for f in SKLokasi.objects.get(sk=sk).data["foto"]]
    jumlah_sebelum = jumlah_baris()
    riwayat_sebelum = _riwayat()
    dirujuk = set(RiwayatPerubahan.objects.values_list("content_type__model", flat=True))
    arsip = tmp_path / "cadangan.tar.gz"

    call_command("kumuh_cadangan", out=str(arsip))
    assert "Cadangan ditulis" in capsys.readouterr().out
    assert arsip.stat().st_mode & 0o077 == 0  # password hashes and tokens: owner only

    _kosongkan(Path(settings.MEDIA_ROOT))
    assert not SK.objects.exists() and not Path(settings.MEDIA_ROOT).exists()
    # The target's content types get other ids than the source's: history must follow the
    # model, not the id.
    ct_lama = {}
    for ct in ContentType.objects.filter(model__in=dirujuk):
        ct_lama[ct.model] = ct.pk
        model = ct.model_class()
        ct.delete()
        ContentType.objects.clear_cache()
        assert ContentType.objects.get_for_model(model).pk != ct_lama[ct.model]
    ContentType.objects.clear_cache()

    call_command("kumuh_pulihkan", str(arsip), ya=True)
    assert "Dipulihkan dari cadangan.tar.gz" in capsys.readouterr().out

    assert jumlah_baris() == jumlah_sebelum
    assert sum(jumlah_sebelum.values()) > 20
    sk = SK.objects.get(pk=sk.pk)
    assert _teks_pdf(services_sk.buat_berkas(sk, "semua", "pdf")) == pdf_sebelum
    assert "Kampung Cadangan Lama" in pdf_sebelum and "Gang sempit" in pdf_sebelum
    ekspor = EksporSK.objects.get(pk=ekspor.pk)
    assert _sha(_baca(ekspor.berkas.name)) == ekspor_sebelum
    assert foto_beku and all(default_storage.exists(f) for f in foto_beku)
    assert default_storage.exists(FotoLokasi.objects.get().berkas.name)
    assert _riwayat() == riwayat_sebelum
    for r in RiwayatPerubahan.objects.all():
        assert r.content_type.get_object_for_this_type(pk=r.object_id) is not None
    assert Pengguna.objects.get(username="pokja_a").check_password(SANDI)
    # New rows after the restore get fresh ids (PostgreSQL sequences follow the loaded rows).
    baru = buat_lokasi(kota_a, "Sesudah Pemulihan")
    assert baru.pk > max(Lokasi.objects.exclude(pk=baru.pk).values_list("pk", flat=True))


@pytest.fixture
def arsip(kota_a, pokja_a, operator_a, tmp_path) -> Path:
    lokasi = buat_lokasi(kota_a, "Kampung Arsip")
    services_lokasi.foto_tambah(lokasi=lokasi, pengguna=operator_a, berkas=_png())
    jalur = tmp_path / "arsip.tar.gz"
    call_command("kumuh_cadangan", out=str(jalur))
    return jalur


@TRANSAKSI
def test_a_database_with_data_is_refused_without_timpa(arsip):
    with pytest.raises(CommandError) as e:
        call_command("kumuh_pulihkan", str(arsip), ya=True)
    pesan = str(e.value)
    assert "tidak kosong" in pesan and "lokasi.Provinsi: 1" in pesan and "--timpa" in pesan


@TRANSAKSI
def test_timpa_replaces_the_data(arsip, kota_a, settings):
    buat_lokasi(kota_a, "Dibuat Sesudah Cadangan")
    media = Path(settings.MEDIA_ROOT)
    foto = FotoLokasi.objects.get()
    (media / foto.berkas.name).write_bytes(b"diubah sesudah cadangan")

    call_command("kumuh_pulihkan", str(arsip), ya=True, timpa=True)

    assert list(Lokasi.objects.values_list("nama", flat=True)) == ["Kampung Arsip"]
    assert (media / foto.berkas.name).read_bytes()[:4] == b"\x89PNG"


@TRANSAKSI
def test_changed_media_is_refused_without_timpa(arsip, settings):
    call_command("flush", interactive=False, verbosity=0)
    foto = next(Path(settings.MEDIA_ROOT).rglob("*.png"))
    foto.write_bytes(b"lain")
    with pytest.raises(CommandError, match=r"MEDIA_ROOT .* isi berbeda"):
        call_command("kumuh_pulihkan", str(arsip), ya=True)


def _ubah_anggota(arsip: Path, nama: str, ubah) -> None:
    with tarfile.open(arsip, "r:gz") as tar:
        anggota = [(a, tar.extractfile(a).read() if a.isfile() else None) for a in tar]
    with tarfile.open(arsip, "w:gz") as tar:
        for a, isi in anggota:
            if a.name == nama:
                isi = ubah(isi)
                a.size = len(isi)
            tar.addfile(a, io.BytesIO(isi) if isi is not None else None)


@TRANSAKSI
def test_a_different_migration_state_is_refused_naming_the_app(arsip):
    def migrasi_lain(isi: bytes) -> bytes:
        manifes = json.loads(isi)
        manifes["migrasi"]["lokasi"].append("9999_dari_masa_depan")
        return json.dumps(manifes).encode()

    _ubah_anggota(arsip, cadangan.MANIFES, migrasi_lain)
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError) as e:
        call_command("kumuh_pulihkan", str(arsip), ya=True)
    assert "Keadaan migrasi arsip berbeda" in str(e.value)
    assert "lokasi (hanya di arsip: 9999_dari_masa_depan; hanya di basis data ini: -)" in str(
        e.value
    )
    assert not Lokasi.objects.exists()


@TRANSAKSI
def test_a_truncated_archive_is_refused(arsip):
    arsip.write_bytes(arsip.read_bytes()[:-200])
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match=r"bukan arsip \.tar\.gz yang utuh"):
        call_command("kumuh_pulihkan", str(arsip), ya=True)
    assert not Lokasi.objects.exists()


@TRANSAKSI
@pytest.mark.parametrize("bagian", ["data", "media"])
def test_an_altered_file_in_the_archive_is_refused(arsip, bagian):
    with tarfile.open(arsip) as tar:
        nama = next(a.name for a in tar if a.isfile() and a.name.startswith(bagian))
    _ubah_anggota(arsip, nama, lambda isi: isi.replace(b"Arsip", b"Asrip") + b" ")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError) as e:
        call_command("kumuh_pulihkan", str(arsip), ya=True)
    assert f"isi {nama} tidak sama dengan sha256 di manifes" in str(e.value)
    assert not Lokasi.objects.exists()


@TRANSAKSI
def test_without_ya_a_refused_question_changes_nothing(arsip, monkeypatch):
    call_command("flush", interactive=False, verbosity=0)
    monkeypatch.setattr("builtins.input", lambda pertanyaan: "tidak")
    with pytest.raises(CommandError, match="Dibatalkan"):
        call_command("kumuh_pulihkan", str(arsip))
    assert not Lokasi.objects.exists()


def test_an_archive_with_an_escaping_path_is_refused(tmp_path):
    jahat = tmp_path / "jahat.tar.gz"
    with tarfile.open(jahat, "w:gz") as tar:
        info = tarfile.TarInfo("../di-luar.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(cadangan.ArsipRusak) as e:
        cadangan.buka_arsip(jahat, tmp_path / "buka")
    assert e.value.alasan == "jalur"
    assert not (tmp_path / "di-luar.txt").exists()


def test_migration_differences_name_each_app():
    beda = cadangan.beda_migrasi(
        {"a": ["0001", "0002"], "b": ["0001"]}, {"a": ["0001"], "b": ["0001"], "c": ["0001"]}
    )
    assert beda == [
        cadangan.BedaMigrasi("a", ("0002",), ()),
        cadangan.BedaMigrasi("c", (), ("0001",)),
    ]


def test_the_rendered_chunk_cache_is_not_backed_up(tmp_path):
    (tmp_path / "lokasi").mkdir()
    (tmp_path / "lokasi" / "foto.jpg").write_bytes(b"foto")
    (tmp_path / "cache" / "sk-lampiran1").mkdir(parents=True)
    (tmp_path / "cache" / "sk-lampiran1" / "abc.pdf").write_bytes(b"%PDF")
    assert list(cadangan.daftar_media(tmp_path)) == ["lokasi/foto.jpg"]
