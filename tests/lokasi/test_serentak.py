"""Two people on one record: RT units carry a version, a unit with survey data is not deleted,
/kelola/ does not edit decision records behind the services' back, and two simultaneous saves
on SQLite end in one save and one refusal, never a 500 (issue 10, items 16 and 17)."""

import contextlib
import sqlite3
import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from lokasi import riwayat, services
from lokasi.models import Lokasi, UnitSurvei
from tests.conftest import buat_pengguna, buat_unit, klien_untuk

pytestmark = pytest.mark.django_db


def data_unit(unit: UnitSurvei, **ubah) -> dict:
    data = {
        "versi": unit.versi,
        "kelurahan": unit.kelurahan_id,
        "rt": unit.rt,
        "rw": unit.rw,
        "luas_ha": str(unit.luas_ha),
        "jumlah_bangunan": unit.jumlah_bangunan,
        "penduduk_laki_laki": unit.penduduk_laki_laki,
        "penduduk_perempuan": unit.penduduk_perempuan,
        "jumlah_kk": unit.jumlah_kk,
        "panjang_jalan_ideal_m": str(unit.panjang_jalan_ideal_m),
        "panjang_drainase_ideal_m": str(unit.panjang_drainase_ideal_m),
    }
    data.update(ubah)
    return data


# --- item 16: RT units carry a version ------------------------------------------------------


def test_unit_form_carries_its_version_as_a_hidden_field(operator_a, lokasi_a):
    unit = buat_unit(lokasi_a)
    halaman = klien_untuk(operator_a).get(reverse("lokasi:unit_ubah", args=[lokasi_a.pk, unit.pk]))
    assert f'type="hidden" name="versi" value="{unit.versi}"' in halaman.text


def test_a_stale_unit_save_is_refused_naming_who_changed_it(operator_a, admin_a, lokasi_a):
    unit = buat_unit(lokasi_a, jumlah_kk=90)
    url = reverse("lokasi:unit_ubah", args=[lokasi_a.pk, unit.pk])
    dibuka = data_unit(unit)  # both open the form at the same version

    r = klien_untuk(admin_a).post(url, {**dibuka, "jumlah_kk": "95"})
    assert r.status_code == 302
    r = klien_untuk(operator_a).post(url, {**dibuka, "jumlah_kk": "77"})

    assert r.status_code == 409
    galat = " ".join(r.context["form"].non_field_errors())
    assert "Admin A" in galat and "belum disimpan" in galat
    assert 'value="77"' in r.text  # the refused input stays on the page
    unit.refresh_from_db()
    assert unit.jumlah_kk == 95 and unit.versi == 2
    catatan = riwayat.untuk(lokasi_a).first()
    assert catatan.pengguna == admin_a and "diubah" in catatan.tindakan


def test_a_unit_save_through_the_service_checks_the_version(operator_a, admin_a, lokasi_a):
    unit = buat_unit(lokasi_a)
    versi = unit.versi
    unit.jumlah_kk = 91
    services.unit_simpan(unit=unit, pengguna=admin_a, versi_awal=versi)
    lama = UnitSurvei.objects.get(pk=unit.pk)
    lama.versi = versi
    lama.jumlah_kk = 12
    with pytest.raises(riwayat.KonflikPerubahan):
        services.unit_simpan(unit=lama, pengguna=operator_a, versi_awal=versi)
    assert UnitSurvei.objects.get(pk=unit.pk).jumlah_kk == 91


# --- item 17: a unit with survey data is not deleted ------------------------------------------


def test_a_unit_with_survey_data_is_not_deleted_and_shows_no_delete_button(operator_a, lokasi_a):
    from penilaian import services as services_penilaian

    unit = buat_unit(lokasi_a)
    services.hitung_ulang_dari_unit(lokasi_a)
    services_penilaian.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)
    kosong = buat_unit(lokasi_a, rt="009")  # added after the survey: no sheet refers to it
    klien = klien_untuk(operator_a)
    hapus = reverse("lokasi:unit_hapus", args=[lokasi_a.pk, unit.pk])

    halaman = klien.get(reverse("lokasi:unit_ubah", args=[lokasi_a.pk, unit.pk]))
    assert hapus not in halaman.text
    assert "tidak dapat dihapus" in halaman.text

    r = klien.post(hapus, follow=True)
    assert r.status_code == 200
    pesan = " ".join(str(m) for m in r.context["messages"])
    assert "tidak dapat dihapus" in pesan and "format numerik" in pesan
    assert UnitSurvei.objects.filter(pk=unit.pk).exists()

    halaman = klien.get(reverse("lokasi:unit_ubah", args=[lokasi_a.pk, kosong.pk]))
    assert reverse("lokasi:unit_hapus", args=[lokasi_a.pk, kosong.pk]) in halaman.text


# --- item 16: /kelola/ does not edit records that carry a version and history ------------------


@pytest.fixture
def superuser(db):
    return buat_pengguna("akar", is_superuser=True, is_staff=True)


def test_kelola_shows_a_lokasi_but_does_not_change_it(superuser, lokasi_a):
    klien = klien_untuk(superuser)
    url = reverse("admin:lokasi_lokasi_change", args=[lokasi_a.pk])
    halaman = klien.get(url)
    assert halaman.status_code == 200
    assert 'name="_save"' not in halaman.text
    r = klien.post(
        url, {"nama": "Diubah Lewat Kelola", "kabupaten_kota": lokasi_a.kabupaten_kota_id}
    )
    assert r.status_code == 403
    lokasi_a.refresh_from_db()
    assert lokasi_a.nama == "Kampung Nelayan Alfa" and lokasi_a.versi == 1
    assert klien.get(reverse("admin:lokasi_lokasi_add")).status_code == 403
    r = klien.post(reverse("admin:lokasi_lokasi_delete", args=[lokasi_a.pk]), {"post": "yes"})
    assert r.status_code == 403 and Lokasi.objects.filter(pk=lokasi_a.pk).exists()


def test_no_versioned_record_is_writable_in_kelola(superuser, rf):
    from django.contrib import admin

    from kumuh.models import Tercatat

    permintaan = rf.get("/kelola/")
    permintaan.user = superuser
    terdaftar = [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if issubclass(model, Tercatat)
    ]
    assert terdaftar  # Lokasi at least
    for model, model_admin in terdaftar:
        assert model_admin.has_view_permission(permintaan), model
        for hak in ("add", "change", "delete"):
            assert not getattr(model_admin, f"has_{hak}_permission")(permintaan), (model, hak)
        for inline in model_admin.get_inline_instances(permintaan):
            assert not inline.has_change_permission(permintaan), (model, inline)


# --- item 16: two saves at the same moment on SQLite -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_unit_saves_on_sqlite_give_one_save_and_one_refusal(
    operator_a, admin_a, lokasi_a, tmp_path, monkeypatch
):
    if connection.vendor != "sqlite":
        pytest.skip("the lock behaviour under test is SQLite's")
    unit = buat_unit(lokasi_a, jumlah_kk=90)
    url = reverse("lokasi:unit_ubah", args=[lokasi_a.pk, unit.pk])
    dibuka = data_unit(unit)
    klien = [klien_untuk(operator_a), klien_untuk(admin_a)]  # sessions stored before the copy

    # The test database lives in memory with a shared cache, whose table locks do not wait;
    # the production database is a file. Copy it to a file and let the request threads use it.
    berkas = tmp_path / "serentak.sqlite3"
    tujuan = sqlite3.connect(berkas)
    connection.ensure_connection()
    connection.connection.backup(tujuan)
    tujuan.close()
    monkeypatch.setitem(connections.settings["default"], "NAME", str(berkas))

    # Both requests read the unit before either writes: the case that deadlocked on the lock
    # upgrade ("database is locked") when a request's transaction began as a reader.
    bertemu = threading.Barrier(2)
    asli = services.potret_lokasi

    def potret_serentak(lokasi):
        # Broken when the other request waits for the write lock instead: the wanted outcome.
        with contextlib.suppress(threading.BrokenBarrierError):
            bertemu.wait(timeout=1.5)
        return asli(lokasi)

    monkeypatch.setattr(services, "potret_lokasi", potret_serentak)
    hasil: dict[int, int | str] = {}

    def simpan(i: int) -> None:
        try:
            r = klien[i].post(url, {**dibuka, "jumlah_kk": str(100 + i)})
            hasil[i] = r.status_code
        except Exception as e:  # the test client re-raises a view's exception: a 500
            hasil[i] = f"500 {e!r}"
        finally:
            connections.close_all()

    utas = [threading.Thread(target=simpan, args=(i,)) for i in range(2)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=60)

    assert sorted(hasil.values()) == [302, 409], hasil
    baca = sqlite3.connect(berkas)
    jumlah_kk, versi = baca.execute(
        "SELECT jumlah_kk, versi FROM lokasi_unitsurvei WHERE id = ?", [unit.pk]
    ).fetchone()
    baca.close()
    pemenang = next(i for i, s in hasil.items() if s == 302)
    assert (jumlah_kk, versi) == (100 + pemenang, 2)
