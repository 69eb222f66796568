"""Every URL of the project, requested by an anonymous visitor (issue 13 item 5): only the
public pages answer; every internal page sends to the login, the API refuses.

The walk reads the URL configuration itself (`get_resolver`), so a page added later is checked
without being listed here: its URL is built from its pattern with sample arguments (an id of 1,
the published city's code), checked to resolve, and requested with GET — and with POST when the
view only takes POST, which must not slip past the login either.
"""

from __future__ import annotations

import re
import sys
import types
from collections.abc import Iterator

import pytest
from django.http import HttpResponse
from django.urls import (
    URLPattern,
    URLResolver,
    clear_url_caches,
    get_resolver,
    include,
    path,
    resolve,
)
from django.urls.resolvers import RegexPattern, RoutePattern

from monev.models import PublikasiKota

pytestmark = pytest.mark.django_db

# What an anonymous visitor may open (prefixes). The API schema and its Swagger page are
# public (drf-spectacular's SERVE_PERMISSIONS is left at AllowAny): they describe the API,
# no data; every data endpoint still needs a token or a session.
PUBLIK = (
    "/publik/",
    "/masuk/",
    "/pengaduan/",  # public complaints (issue 13 item 2), built on another branch
    "/static/",
    "/api/v1/schema/",
    "/api/v1/docs/",
    "/kelola/login/",  # the admin's own login form
)
# Logging out needs no login: GET is refused (405), POST redirects (to a login page).
KELUAR = ("/keluar/", "/kelola/logout/")
LOGIN = ("/masuk/", "/kelola/login/")

_GRUP = re.compile(r"\(\?P<(?P<nama>\w+)>(?P<isi>[^()]*)\)")


def _contoh_rute(rute: str, kode: str) -> str:
    def ganti(m: re.Match) -> str:
        jenis = m.group(1) or "str"
        return kode if jenis == "str" else "1"

    return re.sub(r"<(?:(\w+):)?\w+>", ganti, rute)


def _contoh_regex(pola: str) -> str:
    def ganti(m: re.Match) -> str:
        isi = m.group("isi")
        # An alternation names the accepted values (the admin's app labels): take the first.
        if "|" in isi and re.fullmatch(r"[\w|]+", isi):
            return isi.split("|")[0]
        return "1"

    teks = _GRUP.sub(ganti, pola)
    teks = re.sub(r"\(\?!.*?\)", "", teks)  # negative lookaheads
    teks = teks.removeprefix("^").removesuffix(r"\Z").removesuffix("$")
    return teks.replace("\\", "")


def _contoh(pola, kode: str) -> str:
    if isinstance(pola, RoutePattern):
        return _contoh_rute(str(pola._route), kode)
    assert isinstance(pola, RegexPattern), type(pola)
    return _contoh_regex(pola._regex)


def semua_url(kode: str) -> Iterator[str]:
    def jalan(daftar, awal: str) -> Iterator[str]:
        for p in daftar:
            bagian = awal + _contoh(p.pattern, kode)
            if isinstance(p, URLResolver):
                yield from jalan(p.url_patterns, bagian)
            else:
                assert isinstance(p, URLPattern)
                yield "/" + bagian

    yield from jalan(get_resolver().url_patterns, "")


def _ke_login(r) -> bool:
    return r.status_code == 302 and r["Location"].startswith(LOGIN)


@pytest.fixture
def kode_terbit(kota_a) -> str:
    PublikasiKota.objects.create(kabupaten_kota=kota_a, terbit=True)
    return kota_a.kode


def test_the_walk_builds_urls_that_resolve(kode_terbit):
    daftar = list(semua_url(kode_terbit))
    assert len(daftar) > 150  # the whole project, the admin included
    for url in daftar:
        resolve(url)  # raises Resolver404 if a sample argument did not fit
    assert f"/publik/{kode_terbit}/lokasi.geojson" in daftar and "/lokasi/1/ubah/" in daftar


def periksa(client, kode: str) -> tuple[list, list[str]]:
    """Request every URL anonymously: return (what breaks the rule, the URLs that answered 200)."""
    salah = []
    dibuka = []
    for url in semua_url(kode):
        r = client.get(url)
        if r.status_code == 405:
            r = client.post(url)
        publik = url.startswith(PUBLIK)
        if r.status_code == 200:
            dibuka.append(url)
            if not publik:
                salah.append((url, "200 tanpa masuk"))
        elif publik:
            continue  # e.g. a complaint's tracking page with a made-up code (404)
        elif url.startswith("/api/"):
            if r.status_code not in (401, 403, 404):
                salah.append((url, r.status_code))
        elif url in KELUAR:
            if r.status_code != 302:
                salah.append((url, r.status_code))
        elif not _ke_login(r):
            salah.append((url, r.status_code, r.get("Location")))
    return salah, dibuka


def test_anonymous_visitors_see_only_the_public_pages(client, kode_terbit):
    salah, dibuka = periksa(client, kode_terbit)
    assert not salah, salah
    # The public pages themselves do answer.
    for url in ("/publik/", f"/publik/{kode_terbit}/", f"/publik/{kode_terbit}/lokasi.geojson",
                f"/publik/{kode_terbit}/peta/", "/masuk/"):  # fmt: skip
        assert url in dibuka, url


def test_the_check_notices_an_internal_page_left_open(client, kode_terbit, settings):
    """Plant an open internal page: the walk must list it."""
    modul = types.ModuleType("urls_tanam")
    modul.urlpatterns = [
        path("monev/bocor/", lambda request: HttpResponse("isi")),
        path("", include("kumuh.urls")),
    ]
    sys.modules["urls_tanam"] = modul
    settings.ROOT_URLCONF = "urls_tanam"
    clear_url_caches()
    try:
        salah, _dibuka = periksa(client, kode_terbit)
    finally:
        del sys.modules["urls_tanam"]
        clear_url_caches()
    assert salah == [("/monev/bocor/", "200 tanpa masuk")]
