"""The Kemendagri code list import: all rows checked before anything is written."""

import pytest
from django.core.management import CommandError, call_command

from lokasi.models import KabupatenKota, Kecamatan, Kelurahan, Provinsi
from lokasi.wilayah import WilayahTidakValid, baca_csv

CSV = """kode,nama,kategori
33,Jawa Tengah,
33.75,Kota Pekalongan,sedang
33.75.01,Pekalongan Barat,
33.75.01.1001,Medono,
33.26,Kabupaten Pekalongan,
33.26.01,Kandangserang,
33.26.01.2001,Lambur,
"""


def test_parse_orders_parents_first_and_knows_kinds():
    baris = baca_csv(
        "kode,nama\n33.75.01.1001,Medono\n33.75,Kota Pekalongan\n33,Jawa Tengah\n"
        "33.75.01,Pekalongan Barat\n"
    )
    assert [b.kode for b in baris] == ["33", "33.75", "33.75.01", "33.75.01.1001"]
    assert baris[1].jenis == "kota"
    assert baris[3].jenis == "kelurahan"


def test_parse_lists_every_problem():
    teks = (
        "kode,nama,kategori\n33,Jawa Tengah,\n33.7,Salah,\n33.75,,\n"
        "33.76,Kota X,raksasa\n33,Dua,\n34.01,Yatim,\n"
    )
    with pytest.raises(WilayahTidakValid) as e:
        baca_csv(teks)
    galat = "\n".join(e.value.galat)
    assert "Baris 3" in galat and "bukan kode Kemendagri" in galat
    assert "Baris 4" in galat and "kosong" in galat
    assert "Baris 5" in galat and "raksasa" in galat
    assert "Baris 6" in galat and "sudah ada di baris 2" in galat
    assert "Baris 7" in galat and "induk 34" in galat


@pytest.mark.django_db
def test_command_imports_and_is_idempotent(tmp_path):
    berkas = tmp_path / "w.csv"
    berkas.write_text(CSV, encoding="utf-8")
    call_command("impor_wilayah", str(berkas))
    call_command("impor_wilayah", str(berkas))
    assert Provinsi.objects.count() == 1
    assert KabupatenKota.objects.get(kode="33.75").jenis == "kota"
    assert KabupatenKota.objects.get(kode="33.26").jenis == "kabupaten"
    assert Kecamatan.objects.count() == 2
    assert Kelurahan.objects.get(kode="33.26.01.2001").jenis == "desa"


@pytest.mark.django_db
def test_command_writes_nothing_when_a_row_is_bad(tmp_path):
    berkas = tmp_path / "w.csv"
    berkas.write_text(CSV + "33.75.02.1001,Tanpa Kecamatan,\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"induk 33\.75\.02"):
        call_command("impor_wilayah", str(berkas))
    assert not Provinsi.objects.exists()


@pytest.mark.django_db
def test_partial_list_may_refer_to_stored_parents(tmp_path):
    berkas = tmp_path / "w.csv"
    berkas.write_text(CSV, encoding="utf-8")
    call_command("impor_wilayah", str(berkas))
    tambahan = tmp_path / "t.csv"
    tambahan.write_text("kode,nama\n33.75.01.1002,Kramatsari\n", encoding="utf-8")
    call_command("impor_wilayah", str(tambahan))
    assert Kelurahan.objects.filter(kecamatan__kode="33.75.01").count() == 2
