"""Each right: the page shows its button exactly when the action is allowed (one predicate)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from penilaian import akses, services
from penilaian.models import Penilaian, Status
from penilaian.sk import services as services_sk
from tests.conftest import klien_untuk

pytestmark = pytest.mark.django_db

PERAN = ["operator_a", "admin_a", "pokja_a", "operator_b", "verifikator_p", "verifikator_pusat"]


@dataclass(frozen=True)
class Hak:
    """One right: where its button shows, how to try the action, and who has it."""

    nama: str
    boleh: Callable  # (pengguna, objek) → bool
    halaman: Callable  # objek → URL of the page with the button
    tombol: Callable  # objek → the HTML only the button has
    coba: Callable  # (klien, objek) → response of the action
    pemilik: set[str]
    status: str = Status.DRAF  # the survey's status when the right is tried


def _alur(ke: str) -> Callable:
    return lambda klien, p: klien.post(
        reverse("penilaian:alur", args=[p.pk]), {"ke": ke, "catatan": "periksa ulang"}
    )


def _tombol_alur(ke: str) -> Callable:
    return lambda p: f'name="ke" value="{ke}"'


HAK = [
    Hak(
        "mulai penilaian",
        lambda u, p: akses.boleh_mulai(u),
        lambda p: reverse("penilaian:daftar"),
        lambda p: 'action="{}"'.format(reverse("penilaian:buat")),
        lambda k, p: k.post(reverse("penilaian:buat"), {"lokasi": p.lokasi_id, "tahun": 2026}),
        {"operator_a", "admin_a", "operator_b"},
    ),
    Hak(
        "isi survei",
        akses.boleh_isi,
        lambda p: p.get_absolute_url(),
        lambda p: 'href="{}"'.format(reverse("penilaian:isi", args=[p.pk])),
        lambda k, p: k.get(reverse("penilaian:isi", args=[p.pk])),
        {"operator_a", "admin_a"},
    ),
    Hak(
        "impor",
        lambda u, p: akses.boleh_impor(u),
        lambda p: reverse("penilaian:daftar"),
        lambda p: 'href="{}"'.format(reverse("penilaian:impor")),
        lambda k, p: k.get(reverse("penilaian:impor")),
        {"operator_a", "admin_a", "operator_b"},
    ),
    Hak(
        "ajukan",
        akses.boleh_ajukan,
        lambda p: p.get_absolute_url(),
        _tombol_alur(Status.DIAJUKAN),
        _alur(Status.DIAJUKAN),
        {"operator_a", "admin_a"},
    ),
    Hak(
        "setujui",
        akses.boleh_setujui,
        lambda p: p.get_absolute_url(),
        _tombol_alur(Status.DISETUJUI_POKJA),
        _alur(Status.DISETUJUI_POKJA),
        {"pokja_a"},
        Status.DIAJUKAN,
    ),
    Hak(
        "verifikasi provinsi",
        akses.boleh_verifikasi,
        lambda p: p.get_absolute_url(),
        _tombol_alur(Status.TERVERIFIKASI_PROVINSI),
        _alur(Status.TERVERIFIKASI_PROVINSI),
        {"verifikator_p"},
        Status.DISETUJUI_POKJA,
    ),
    Hak(
        "verifikasi pusat",
        akses.boleh_verifikasi,
        lambda p: p.get_absolute_url(),
        _tombol_alur(Status.TERVERIFIKASI_PUSAT),
        _alur(Status.TERVERIFIKASI_PUSAT),
        {"verifikator_pusat"},
        Status.TERVERIFIKASI_PROVINSI,
    ),
    Hak(
        "kembalikan",
        akses.boleh_kembalikan,
        lambda p: p.get_absolute_url(),
        _tombol_alur(Status.DRAF),
        _alur(Status.DRAF),
        {"verifikator_p", "verifikator_pusat"},
        Status.TERVERIFIKASI_PROVINSI,
    ),
]


@pytest.fixture
def survei(operator_a, lokasi_a) -> Penilaian:
    return services.penilaian_buat(lokasi=lokasi_a, pengguna=operator_a, tahun=2025)


@pytest.mark.parametrize("hak", HAK, ids=lambda h: h.nama)
@pytest.mark.parametrize("peran", PERAN)
def test_the_button_shows_exactly_when_the_action_is_allowed(request, survei, hak, peran):
    Penilaian.objects.filter(pk=survei.pk).update(status=hak.status)
    survei.refresh_from_db()
    pengguna = request.getfixturevalue(peran)
    klien = klien_untuk(pengguna)
    boleh = peran in hak.pemilik
    assert hak.boleh(pengguna, survei) is boleh
    halaman = klien.get(hak.halaman(survei))
    if halaman.status_code == 200:
        assert (hak.tombol(survei) in halaman.text) is boleh
    else:  # another city's survey: not even the page
        assert halaman.status_code == 404 and not boleh
    if hak.nama == "mulai penilaian" and peran == "operator_b":
        return  # may start surveys, of Kota Beta only: the form does not offer Kota Alfa's
    r = hak.coba(klien, survei)
    assert (r.status_code not in (403, 404)) is boleh, r.status_code


@pytest.fixture
def sk_a(pokja_a):
    return services_sk.sk_buat(pengguna=pokja_a, tahun=2026)


@pytest.mark.parametrize("peran", PERAN)
def test_the_sk_buttons_follow_the_sk_predicates(request, sk_a, peran):
    pengguna = request.getfixturevalue(peran)
    klien = klien_untuk(pengguna)
    boleh = peran in {"admin_a", "pokja_a"}
    assert akses.boleh_buat_sk(pengguna) is boleh
    assert akses.boleh_kelola_sk(pengguna, sk_a) is boleh
    daftar = klien.get(reverse("penilaian:sk_daftar"))
    assert (f'action="{reverse("penilaian:sk_buat")}"' in daftar.text) is boleh
    detail = klien.get(sk_a.get_absolute_url())
    if detail.status_code == 200:
        assert (f'action="{reverse("penilaian:sk_ubah", args=[sk_a.pk])}"' in detail.text) is boleh
    else:
        assert detail.status_code == 404 and not boleh
    r = klien.post(reverse("penilaian:sk_ubah", args=[sk_a.pk]), {})
    assert (r.status_code not in (403, 404)) is boleh


def test_a_determined_sk_shows_no_edit_buttons(sk_a, pokja_a):
    sk_a.status = sk_a.Status.DITETAPKAN
    assert not akses.boleh_kelola_sk(pokja_a, sk_a)
