"""Writes of stakeholders, Pokja/Forum and meetings: rights, rules, lock, history."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kolaborasi.models import Keanggotaan, LembagaPKP, PemangkuKepentingan, Pertemuan
from kolaborasi.pemangku import services
from lokasi import riwayat
from tests.kolaborasi.conftest import buat_pemangku
from tests.kolaborasi.pemangku_bantu import buat_anggota, buat_lembaga, buat_pertemuan

pytestmark = pytest.mark.django_db


def test_a_pokja_takes_internal_stakeholders_only(kota_a, pokja_a):
    pokja = buat_lembaga(kota_a)
    pt = buat_pemangku(kota_a, nama="PT Batik Pesisir", jenis="perusahaan")
    with pytest.raises(ValidationError) as e:
        services.anggota_tambah(
            lembaga=pokja, pengguna=pokja_a, pemangku=pt, nama="Dewi", jabatan="Anggota"
        )
    assert "PT Batik Pesisir adalah pemangku eksternal" in e.value.messages[0]
    assert not Keanggotaan.objects.exists()


def test_a_forum_takes_external_stakeholders_and_history_records_it(kota_a, admin_a):
    forum = buat_lembaga(kota_a, jenis="forum")
    pt = buat_pemangku(kota_a, nama="PT Batik Pesisir", jenis="perusahaan")
    services.anggota_tambah(
        lembaga=forum, pengguna=admin_a, pemangku=pt, nama="Dewi", jabatan="Anggota"
    )
    entri = riwayat.untuk(forum).get()
    assert entri.tindakan == "anggota ditambah"
    assert "Dewi — Anggota (PT Batik Pesisir)" in str(entri.perubahan)


def test_a_pokja_turned_from_a_forum_with_external_members_is_refused(kota_a, admin_a):
    forum = buat_lembaga(kota_a, jenis="forum")
    buat_anggota(
        forum, pemangku=buat_pemangku(kota_a, nama="Bank Jateng", jenis="lembaga_keuangan")
    )
    forum.jenis = LembagaPKP.Jenis.POKJA
    with pytest.raises(ValidationError, match="Bank Jateng adalah pemangku eksternal"):
        services.lembaga_simpan(lembaga=forum, pengguna=admin_a, versi_awal=forum.versi)


def test_members_are_stakeholders_of_the_same_city(kota_a, kota_b, pokja_a):
    pokja = buat_lembaga(kota_a)
    lain = buat_pemangku(kota_b, nama="Dinas kota lain")
    with pytest.raises(ValidationError, match="kabupaten/kota ini"):
        services.anggota_tambah(
            lembaga=pokja, pengguna=pokja_a, pemangku=lain, nama="X", jabatan="Anggota"
        )


@pytest.mark.parametrize(
    ("selesai", "boleh"), [(date(2026, 12, 30), False), (date(2026, 12, 31), True)]
)
def test_a_work_plan_spans_at_least_a_year(kota_a, pokja_a, selesai, boleh):
    lembaga = LembagaPKP(
        kabupaten_kota=kota_a, jenis="pokja",
        rencana_mulai=date(2026, 1, 1), rencana_selesai=selesai,
    )  # fmt: skip
    if boleh:
        services.lembaga_simpan(lembaga=lembaga, pengguna=pokja_a, versi_awal=None)
        assert lembaga.pk
    else:
        with pytest.raises(ValidationError) as e:
            services.lembaga_simpan(lembaga=lembaga, pengguna=pokja_a, versi_awal=None)
        assert "paling sedikit 1 (satu) tahun" in str(e.value.message_dict["rencana_selesai"])
        assert not LembagaPKP.objects.exists()


def test_operators_and_verifiers_do_not_decide_on_the_pokja(kota_a, operator_a, verifikator_p):
    lembaga = LembagaPKP(kabupaten_kota=kota_a, jenis="pokja")
    for u in (operator_a, verifikator_p):
        with pytest.raises(PermissionDenied):
            services.lembaga_simpan(lembaga=lembaga, pengguna=u, versi_awal=None)


def test_a_lembaga_kemasyarakatan_needs_its_keputusan_number(kota_a, operator_a):
    lpm = PemangkuKepentingan(kabupaten_kota=kota_a, nama="LPM", jenis="lembaga_kemasyarakatan")
    with pytest.raises(ValidationError) as e:
        services.pemangku_simpan(pemangku=lpm, pengguna=operator_a, versi_awal=None)
    assert "Keputusan Camat/Lurah" in e.value.message_dict["dasar_nomor"][0]


def test_an_overtaken_save_is_refused_naming_who_saved(kota_a, operator_a, admin_a):
    p = services.pemangku_simpan(
        pemangku=PemangkuKepentingan(kabupaten_kota=kota_a, nama="Bappeda", jenis="bumd"),
        pengguna=operator_a,
        versi_awal=None,
    )
    versi = p.versi
    dari_admin = PemangkuKepentingan.objects.get(pk=p.pk)
    dari_admin.nama = "Bappeda Kota"
    services.pemangku_simpan(pemangku=dari_admin, pengguna=admin_a, versi_awal=versi)
    p.nama = "Bappeda Litbang"
    with pytest.raises(riwayat.KonflikPerubahan, match=admin_a.get_full_name()):
        services.pemangku_simpan(pemangku=p, pengguna=operator_a, versi_awal=versi)
    assert PemangkuKepentingan.objects.get(pk=p.pk).nama == "Bappeda Kota"
    assert [r.tindakan for r in riwayat.untuk(p)] == ["diubah", "dibuat"]


def test_member_attendance_is_recorded_present_and_absent(kota_a, operator_a):
    pokja = buat_lembaga(kota_a)
    a1, a2 = buat_anggota(pokja, "Sekar"), buat_anggota(pokja, "Bagus")
    rapat = buat_pertemuan(kota_a, lembaga=pokja)
    services.kehadiran_anggota(pertemuan=rapat, pengguna=operator_a, hadir=[a1])
    assert {(k.nama, k.hadir) for k in rapat.kehadiran.all()} == {("Sekar", True), ("Bagus", False)}
    services.kehadiran_anggota(pertemuan=rapat, pengguna=operator_a, hadir=[a1, a2])
    assert rapat.kehadiran.filter(hadir=True).count() == 2
    assert rapat.kehadiran.count() == 2


def test_a_pokja_meeting_is_not_held_by_the_forum(kota_a, operator_a):
    forum = buat_lembaga(kota_a, jenis="forum")
    rapat = Pertemuan(
        kabupaten_kota=kota_a, jenis="pokja_monitoring", lembaga=forum, tanggal=date(2026, 3, 1)
    )
    with pytest.raises(ValidationError, match="diadakan oleh Pokja PKP, bukan Forum PKP"):
        services.pertemuan_simpan(pertemuan=rapat, pengguna=operator_a, versi_awal=None)


def test_a_pokja_member_cannot_become_an_external_party(kota_a, operator_a):
    pokja = buat_lembaga(kota_a)
    anggota = buat_anggota(pokja, "Agus")
    pemangku = anggota.pemangku
    pemangku.jenis = "perusahaan"
    with pytest.raises(ValidationError, match="masih anggota Pokja PKP"):
        services.pemangku_simpan(pemangku=pemangku, pengguna=operator_a, versi_awal=pemangku.versi)
