"""Two people on one survey or SK: verification blocks carry a version, a workflow step someone
else already took comes back with the page and the reason (not a bare 403), and a double submit
starts one survey or one SK (issue 10, items 16 and 17)."""

import re

import pytest
from django.urls import reverse

from lokasi import riwayat
from lokasi.models import Peran
from penilaian.models import SK, LangkahAlur, Penilaian, Status, VerifikasiSK
from penilaian.sk import services as services_sk
from tests.conftest import buat_lokasi, buat_pengguna, buat_penilaian, klien_untuk
from tests.penilaian.test_sk import _lengkapi as lengkapi_untuk_ditetapkan
from tests.penilaian.test_survei import data_isi

pytestmark = pytest.mark.django_db


@pytest.fixture
def sk_a(pokja_a) -> SK:
    return services_sk.sk_buat(pengguna=pokja_a, tahun=2026)


def _blok(tim: str, versi: int, **isi) -> dict:
    data = {"nama": "Budi", "jabatan": "Kepala Seksi", "nip": "198001012005011001"}
    data.update(isi)
    return {f"{tim}-{k}": v for k, v in {**data, "versi": versi}.items()}


# --- item 16: verification blocks carry a version --------------------------------------------


def test_the_verification_form_carries_its_version(sk_a, pokja_a):
    halaman = klien_untuk(pokja_a).get(sk_a.get_absolute_url()).text
    # a block not yet filled in is version 0: whoever fills it in first makes version 1
    assert 'name="pusat-versi" value="0"' in halaman


def test_a_stale_verification_block_save_is_refused_naming_who_changed_it(sk_a, pokja_a, admin_a):
    url = reverse("penilaian:sk_verifikasi", args=[sk_a.pk, "pusat"])
    r = klien_untuk(admin_a).post(url, _blok("pusat", 0, nama="Ani Admin"))
    assert r.status_code == 302
    r = klien_untuk(pokja_a).post(url, _blok("pusat", 0, nama="Dedi Pokja"))

    assert r.status_code == 409
    form = {tim: f for tim, _label, f in r.context["verifikasi_form"]}["pusat"]
    galat = " ".join(form.non_field_errors())
    assert "Admin A" in galat and "belum disimpan" in galat
    assert 'value="Dedi Pokja"' in r.text  # the refused input stays on the page
    blok = VerifikasiSK.objects.get(sk=sk_a, tim="pusat")
    assert blok.nama == "Ani Admin" and blok.versi == 1

    # at the current version the same save goes through and is recorded
    r = klien_untuk(pokja_a).post(url, _blok("pusat", 1, nama="Dedi Pokja"))
    assert r.status_code == 302
    blok.refresh_from_db()
    assert blok.nama == "Dedi Pokja" and blok.versi == 2
    catatan = riwayat.untuk(sk_a).first()
    assert catatan.pengguna == pokja_a
    assert catatan.perubahan["Tim Verifikasi Pusat: nama"] == ["Ani Admin", "Dedi Pokja"]


def test_the_verification_service_refuses_a_stale_version(sk_a, pokja_a, admin_a):
    services_sk.verifikasi_simpan(sk=sk_a, pengguna=admin_a, tim="provinsi", data={"nama": "A"})
    with pytest.raises(riwayat.KonflikPerubahan):
        services_sk.verifikasi_simpan(
            sk=sk_a, pengguna=pokja_a, tim="provinsi", data={"nama": "B"}, versi=0
        )
    assert VerifikasiSK.objects.get(sk=sk_a, tim="provinsi").nama == "A"


# --- item 16: a refused workflow step returns the page and the reason ------------------------


@pytest.fixture
def diajukan(lokasi_a):
    return buat_penilaian(lokasi_a, tahun=2025, status=Status.DIAJUKAN)


def test_a_double_approval_returns_the_page_with_who_approved(diajukan, pokja_a, kota_a):
    rekan = buat_pengguna("pokja_dua", Peran.POKJA, kota_a)
    url = reverse("penilaian:alur", args=[diajukan.pk])
    langkah = {"ke": Status.DISETUJUI_POKJA, "dari": Status.DIAJUKAN, "catatan": ""}
    assert klien_untuk(rekan).post(url, langkah).status_code == 302

    r = klien_untuk(pokja_a).post(url, {**langkah, "catatan": "sudah saya periksa"})

    assert r.status_code == 409
    pesan = " ".join(str(m) for m in r.context["messages"])
    assert "Pokja Dua" in pesan and "Disetujui Pokja" in pesan
    assert "sudah saya periksa" in r.text  # what the user typed is still on the page
    assert LangkahAlur.objects.filter(penilaian=diajukan).count() == 1


def test_sending_back_a_survey_someone_already_moved_keeps_the_reason(diajukan, pokja_a, kota_a):
    rekan = buat_pengguna("pokja_dua", Peran.POKJA, kota_a)
    url = reverse("penilaian:alur", args=[diajukan.pk])
    klien_untuk(rekan).post(url, {"ke": Status.DISETUJUI_POKJA, "dari": Status.DIAJUKAN})
    r = klien_untuk(pokja_a).post(
        url, {"ke": Status.DRAF, "dari": Status.DIAJUKAN, "catatan": "luas RT 3 keliru"}
    )
    assert r.status_code == 409
    assert "luas RT 3 keliru" in r.text
    diajukan.refresh_from_db()
    assert diajukan.status == Status.DISETUJUI_POKJA


def test_a_step_the_role_may_never_take_is_still_403(diajukan, operator_a):
    r = klien_untuk(operator_a).post(
        reverse("penilaian:alur", args=[diajukan.pk]),
        {"ke": Status.DISETUJUI_POKJA, "dari": Status.DIAJUKAN},
    )
    assert r.status_code == 403


def test_saving_a_survey_a_colleague_just_submitted_keeps_the_input(lokasi_a, operator_a, admin_a):
    draf = buat_penilaian(lokasi_a, tahun=2025)
    dibuka = data_isi(draf, surveyor_nama="Sinta Ketik Ulang")  # opened at this version
    r = klien_untuk(admin_a).post(
        reverse("penilaian:alur", args=[draf.pk]), {"ke": Status.DIAJUKAN, "dari": Status.DRAF}
    )
    assert r.status_code == 302

    r = klien_untuk(operator_a).post(reverse("penilaian:isi", args=[draf.pk]), dibuka)

    assert r.status_code == 409
    galat = " ".join(r.context["form"].non_field_errors())
    assert "Admin A" in galat and "Diajukan" in galat
    assert "Sinta Ketik Ulang" in r.text
    draf.refresh_from_db()
    assert draf.status == Status.DIAJUKAN and draf.surveyor_nama != "Sinta Ketik Ulang"


def test_issuing_an_sk_twice_gives_the_reason(kota_a, sk_a, pokja_a):
    buat_penilaian(
        buat_lokasi(kota_a, "Kampung Beku"), tahun=2025, status=Status.TERVERIFIKASI_PUSAT
    )
    sk = lengkapi_untuk_ditetapkan(sk_a, pokja_a)
    url = reverse("penilaian:sk_tetapkan", args=[sk.pk])
    klien = klien_untuk(pokja_a)
    assert klien.post(url, {"versi": sk.versi}).status_code == 302
    r = klien.post(url, {"versi": sk.versi}, follow=True)
    assert r.status_code == 200
    assert "sudah diubah oleh" in " ".join(str(m) for m in r.context["messages"])


# --- item 17: a double submit makes one survey or one SK ------------------------------------


def _token(halaman: str) -> str:
    return re.search(r'name="token" value="([0-9a-f-]{36})"', halaman).group(1)


def test_a_double_submit_starts_one_survey(operator_a, lokasi_a):
    klien = klien_untuk(operator_a)
    token = _token(klien.get(reverse("penilaian:daftar")).text)
    data = {"lokasi": lokasi_a.pk, "tahun": 2025, "token": token}
    pertama = klien.post(reverse("penilaian:buat"), data)
    kedua = klien.post(reverse("penilaian:buat"), data)
    assert Penilaian.objects.count() == 1
    assert pertama["Location"] == kedua["Location"]
    # a new visit of the page is a new token: a second survey on purpose is still possible
    lagi = {**data, "token": _token(klien.get(reverse("penilaian:daftar")).text)}
    klien.post(reverse("penilaian:buat"), lagi)
    assert Penilaian.objects.count() == 2


def test_a_double_submit_makes_one_sk(pokja_a):
    klien = klien_untuk(pokja_a)
    token = _token(klien.get(reverse("penilaian:sk_daftar")).text)
    pertama = klien.post(reverse("penilaian:sk_buat"), {"tahun": 2026, "token": token})
    kedua = klien.post(reverse("penilaian:sk_buat"), {"tahun": 2026, "token": token})
    assert SK.objects.count() == 1
    assert pertama["Location"] == kedua["Location"]


def test_a_token_from_another_user_does_not_hand_over_their_sk(pokja_a, admin_a, kota_b):
    pokja_b = buat_pengguna("pokja_b", Peran.POKJA, kota_b)
    token = _token(klien_untuk(pokja_a).get(reverse("penilaian:sk_daftar")).text)
    klien_untuk(pokja_a).post(reverse("penilaian:sk_buat"), {"tahun": 2026, "token": token})
    r = klien_untuk(pokja_b).post(reverse("penilaian:sk_buat"), {"tahun": 2026, "token": token})
    assert r.status_code == 302
    assert SK.objects.filter(kabupaten_kota=kota_b).count() == 1
    assert SK.objects.count() == 2
