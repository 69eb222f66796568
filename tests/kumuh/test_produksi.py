"""The production stack (docs/deploy.md): WhiteNoise serves the collected, hashed static files
with debug off, and gunicorn with deploy/gunicorn.conf.py serves the app for real."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RAHASIA = "k" * 20 + "x9!Lq@2#Zr$7&pW^4*mN(0)vB_+=T]" + "y" * 20


def _env_produksi(tmp_path: Path, **tambahan: str) -> dict[str, str]:
    """The environment of a production service: no DJANGO_* of the test run (debug stays off,
    static names are hashed), a database and folders of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY=RAHASIA,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PYTHONDONTWRITEBYTECODE="1",
        **tambahan,
    )
    return env


def _python(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_use_whitenoise_with_hashed_compressed_files(tmp_path):
    r = _python(
        _env_produksi(tmp_path),
        "-c",
        "import json; from kumuh import settings as s; print(json.dumps({"
        "'debug': s.DEBUG, 'mw': s.MIDDLEWARE, 'static': s.STORAGES['staticfiles']['BACKEND'],"
        "'finders': s.WHITENOISE_USE_FINDERS, 'conn': s.DATABASES['default']['CONN_MAX_AGE']}))",
    )
    assert r.returncode == 0, r.stderr
    import json

    s = json.loads(r.stdout)
    assert s["debug"] is False
    # Right after SecurityMiddleware: a static file is answered before sessions and the DB.
    assert s["mw"].index("whitenoise.middleware.WhiteNoiseMiddleware") == (
        s["mw"].index("django.middleware.security.SecurityMiddleware") + 1
    )
    assert s["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert s["finders"] is False
    assert s["conn"] > 0


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, jalur: str, **kepala: str) -> http.client.HTTPResponse:
    kon = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    kon.request("GET", jalur, headers={"Host": "127.0.0.1", **kepala})
    r = kon.getresponse()
    r.badan = r.read()  # type: ignore[attr-defined]
    kon.close()
    return r


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn started as deploy/ starts it, one process, on a free loopback port, after
    collectstatic (without the large API-docs and admin bundles, to stay fast)."""
    env = _env_produksi(tmp_path, WEB_CONCURRENCY="1", KUMUH_WEB_UTAS="2")
    kumpul = _python(
        env,
        "manage.py",
        "collectstatic",
        "--noinput",
        "-i",
        "drf_spectacular_sidecar",
        "-i",
        "admin",
        "-i",
        "rest_framework",
    )
    assert kumpul.returncode == 0, kumpul.stderr
    port = _port_bebas()
    env["KUMUH_WEB_ALAMAT"] = f"127.0.0.1:{port}"
    log = (tmp_path / "gunicorn.log").open("w")
    proses = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        batas = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proses.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < batas, "gunicorn tidak menjawab dalam 20 s"
                time.sleep(0.1)
        yield port
    finally:
        proses.terminate()
        proses.wait(timeout=30)
        log.close()


def test_gunicorn_serves_the_login_page_and_hashed_static_files(gunicorn):
    r = _get(gunicorn, "/masuk/")
    assert r.status == 200
    assert r.getheader("Server") == "gunicorn"
    assert "default-src 'self'" in r.getheader("Content-Security-Policy")
    html = r.badan.decode()
    # The page links the collected name with its content hash, not the plain one.
    css = re.search(r'href="(/static/css/[\w.-]+\.([0-9a-f]{12})\.css)"', html)
    assert css, html

    r = _get(gunicorn, css.group(1), **{"Accept-Encoding": "gzip"})
    assert r.status == 200
    assert r.getheader("Content-Type").startswith("text/css")
    assert r.getheader("Content-Encoding") == "gzip"
    # A hashed name never changes content: browsers keep it for good.
    assert "immutable" in r.getheader("Cache-Control")

    # The plain name still answers (a cached old page), without the long cache.
    polos = re.sub(r"\.[0-9a-f]{12}\.css$", ".css", css.group(1))
    r = _get(gunicorn, polos)
    assert r.status == 200
    assert "immutable" not in (r.getheader("Cache-Control") or "")

    assert _get(gunicorn, "/static/tidak-ada.css").status == 404


def _alamat_terlihat(remote_addr: str, **meta: str) -> str:
    from kumuh.wsgi import alamat_klien

    dilihat = {}

    def app(environ, start_response):
        dilihat["alamat"] = environ["REMOTE_ADDR"]
        return [b""]

    alamat_klien(app, tepercaya={"127.0.0.1"})({"REMOTE_ADDR": remote_addr, **meta}, None)
    return dilihat["alamat"]


def test_client_address_comes_from_the_trusted_proxy():
    # nginx replaces the header with the address it saw, or appends it to what came in.
    assert _alamat_terlihat("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7") == "203.0.113.7"
    assert (
        _alamat_terlihat("127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7") == "203.0.113.7"
    )
    assert _alamat_terlihat("127.0.0.1") == "127.0.0.1"


def test_a_client_cannot_choose_its_address_by_writing_the_header():
    assert _alamat_terlihat("198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.7") == "198.51.100.4"


def test_cache_can_be_shared_through_the_database(tmp_path):
    # Rate limits of the public complaint pages must count across gunicorn processes.
    r = _python(
        _env_produksi(tmp_path, KUMUH_CACHE_URL="dbcache://kumuh_cache"),
        "-c",
        "from kumuh import settings as s; print(s.CACHES['default']['BACKEND'])",
    )
    assert r.stdout.strip() == "django.core.cache.backends.db.DatabaseCache", r.stderr
