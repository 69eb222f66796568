"""Settings for kumuh: one module, configured through environment variables.

Development (`make run`) sets DJANGO_DEBUG=1; everything else defaults to production-safe values,
and production refuses to start without DJANGO_SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY wajib diisi bila DJANGO_DEBUG tidak aktif (mode produksi)."
        )
    SECRET_KEY = "django-insecure-hanya-untuk-pengembangan-lokal"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "axes",
    "kumuh",
    "lokasi",
    "penilaian",
    "kolaborasi",
    "monev",
]

MIDDLEWARE = [
    "kumuh.sqlite.TulisSegeraSQLite",  # first: before anything opens the request's transaction
    "django.middleware.security.SecurityMiddleware",
    # Static files answered here, before sessions, auth and the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: turns a login refused by axes (too many failures) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kumuh.urls"
WSGI_APPLICATION = "kumuh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
            "builtins": ["kumuh.templatetags.kumuh_angka"],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'kumuh.sqlite3'}"),
}
if "DATABASE_URL" not in env:
    VAR_DIR.mkdir(exist_ok=True)  # a fresh clone has no var/ yet
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Keep a web or worker thread's connection between requests (seconds) instead of connecting for
# each one: on PostgreSQL a new connection costs a few milliseconds and a backend process.
# Health checks drop a connection the server has closed (restart, idle timeout) before use.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Background renders write their progress (short autocommit updates) while requests write
    # too: wait for the lock instead of failing at once. Not transaction_mode IMMEDIATE: it
    # makes every read-only request take the write lock, and parallel htmx requests then fail.
    # Requests that may write begin IMMEDIATE through kumuh.sqlite.TulisSegeraSQLite, so two
    # simultaneous saves wait for each other instead of failing on the lock upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20})

# Django's cache holds the rate limits of the public complaint pages (monev/pengaduan/batas.py).
# The default lives in each process's memory: several gunicorn processes or machines would
# each count on their own. Production shares it through the database
# (KUMUH_CACHE_URL=dbcache://kumuh_cache, then `manage.py createcachetable`; docs/deploy.md).
CACHES = {"default": env.cache_url("KUMUH_CACHE_URL", default="locmemcache://")}

# `manage.py kumuh_demo` creates accounts with a published password: only in development
# unless forced (--paksa). The tests set it through pytest-env, like a developer's machine.
KUMUH_DEMO_DIIZINKAN = env.bool("KUMUH_DEMO_DIIZINKAN", default=DEBUG)

# Background work (long PDF renders): queued in the database by django-tasks-db and run by
# `manage.py db_worker` (`make run` starts one), so a job survives a restart of the web server
# and any machine sharing the database can run it. kumuh.tugas.LatarBackend (a thread of the
# web process) needs no worker; the tests run tasks inline with Django's ImmediateBackend.
TASKS = {
    "default": {
        "BACKEND": env("KUMUH_TUGAS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lokasi.Pengguna"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "beranda"
LOGOUT_REDIRECT_URL = "login"

# Every password check (/masuk/ and /kelola/) passes through axes first, which refuses a
# username+IP pair after too many failures. AxesStandaloneBackend has no get_user, so sessions
# and force_login keep using the next one: Django's ModelBackend loading the user with its
# kab/kota (a session remembers its backend's path, so sessions opened while ModelBackend
# itself was listed, before 2026-12, end once: their users log in again).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lokasi.auth.PenggunaBackend",
]
# Per username *and* IP: one office behind one NAT address is not locked out by a colleague's
# typos, and guessing one user's password from one machine stops after a few tries.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("KUMUH_MASUK_GAGAL_MAKS", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("KUMUH_MASUK_KUNCI_MENIT", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lokasi.auth.respons_terkunci"
# Behind a reverse proxy every request comes from the proxy's address: set
# KUMUH_IP_HEADER=HTTP_X_FORWARDED_FOR there (docs/akun.md), never on a server reached directly.
AXES_IPWARE_META_PRECEDENCE_ORDER = env.tuple("KUMUH_IP_HEADER", default=("REMOTE_ADDR",))
# Failed usernames and IPs are personal data: the axes tables keep them; the log line of a
# failure shows them masked (AXES_SENSITIVE_PARAMETERS) and, not verbose, no user agent.
AXES_VERBOSE = False

# A session lasts a working day (8 hours) from login, not the two weeks of Django's default:
# a computer left logged in at the kelurahan office is logged out by the next morning.
SESSION_COOKIE_AGE = env.int("KUMUH_SESI_DETIK", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian everywhere: the UI language, Asia/Jakarta (WIB) and the `id` locale's decimal comma
# wherever a template prints a number.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Off: years and codes must print as 2026, not 2.026. Counts and measures go through the
# |bilangan, |desimal and |hektar filters (kumuh.angka), which write dot thousands themselves.
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
# Production serves the files `manage.py collectstatic` gathered into STATIC_ROOT, under names
# that carry a hash of their content, with gzip and Brotli copies, through WhiteNoise (or the
# proxy, docs/deploy.md): a browser may then keep them for a year and a new release still
# reaches it. Without collected files (development, the tests) names stay plain and WhiteNoise
# finds the files where they live.
STATIC_MANIFEST = env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST

# Uploaded photos and documents belong to one kab/kota, so they are never served as public
# static files: views check scope and stream them (see lokasi.views.berkas_*).
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
MEDIA_URL = "/media-tidak-publik/"

FOTO_MAKS_BYTE = env.int("KUMUH_FOTO_MAKS_BYTE", default=5 * 1024 * 1024)
DOKUMEN_MAKS_BYTE = env.int("KUMUH_DOKUMEN_MAKS_BYTE", default=10 * 1024 * 1024)
# Public complaint form and status page: requests per IP per window (seconds), monev/pengaduan.
KUMUH_PENGADUAN_BATAS = {
    "kirim": env.int("KUMUH_PENGADUAN_KIRIM", default=5),
    "cek": env.int("KUMUH_PENGADUAN_CEK", default=60),
    "detik": 3600,
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Imports of Excel workbooks (penilaian/impor): rows and cells over all data sheets, refused
# before reading. A city of 1,000 lokasi with their RT rows is about 10,000 rows of 70 columns;
# the largest accepted file stays under 500 MB (bench/bench_impor.py).
IMPOR_BARIS_MAKS = env.int("KUMUH_IMPOR_BARIS_MAKS", default=20_000)
IMPOR_SEL_MAKS = env.int("KUMUH_IMPOR_SEL_MAKS", default=3_000_000)

# Map tiles come from OpenStreetMap when online; everything else is served by us.
PETA_TILE_URL = env.str(
    "KUMUH_PETA_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https://tile.openstreetmap.org"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Everything below hardens production; DEBUG (make run) keeps plain HTTP on localhost working.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("DJANGO_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

REST_FRAMEWORK = {
    # Token ("Authorization: Token …", hashed with expiry: lokasi.token) for other systems,
    # session for the browser. Token first: its WWW-Authenticate header makes a request without
    # valid credentials a 401, which API clients understand, instead of a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "lokasi.auth.TokenAPIAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kumuh API",
    "DESCRIPTION": (
        "Data wilayah, lokasi kumuh dan penilaian, hanya baca, dibatasi pada kabupaten/kota "
        "pemanggil. Autentikasi: sesi peramban atau token (`Authorization: Token <kunci>`)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files (no CDN, CSP 'self').
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}
