"""gunicorn settings for kumuh (docs/deploy.md): `gunicorn -c deploy/gunicorn.conf.py`.

Every number can be changed through the environment of the service (deploy/kumuh.env), so
the file stays the same on every machine. The load test (bench/beban.py) starts the server
with this file too.
"""

import os

# nginx on the same machine talks to 127.0.0.1; a web machine behind a proxy on another
# machine listens on its own address (KUMUH_WEB_ALAMAT=0.0.0.0:8000 with a firewall).
bind = os.environ.get("KUMUH_WEB_ALAMAT", "127.0.0.1:8000")

# Pages spend most of their time in Python (templates, the formula) and some waiting on
# PostgreSQL: a couple of processes per core keeps every core busy, and a few threads per
# process fill the waits and leave room beside a slow request (an Excel export, a report
# PDF). On 2 cores: 4 processes × 4 threads. Each process holds about 100 MB. Compare others
# on the machine itself: `python bench/beban.py --proses 4x4,2x2` (docs/kinerja/produksi.md).
_inti = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (_inti or 1)))
threads = int(os.environ.get("KUMUH_WEB_UTAS", 4))
worker_class = "gthread"

# SK PDFs are rendered by `manage.py db_worker`, but some reports (meeting notes, evaluation,
# complaint report) are rendered inside the request: give them time.
timeout = int(os.environ.get("KUMUH_WEB_BATAS_DETIK", 120))
graceful_timeout = 30
# Idle keep-alive connections from nginx (or from the load test) are kept this long.
keepalive = 5

# A process is replaced after this many requests (with jitter so they do not all restart at
# once), which bounds the memory any slow leak in a library could take.
max_requests = 2000
max_requests_jitter = 200

# Each process loads the code itself (not preload_app): `systemctl reload kumuh-web` (SIGHUP)
# then starts processes with the new code after an upgrade while the old ones finish their
# requests, without a moment of refused connections.
preload_app = False

# The requests are logged by nginx; gunicorn logs its own errors to stderr (journald).
accesslog = os.environ.get("KUMUH_WEB_LOG_AKSES") or None
errorlog = "-"
loglevel = os.environ.get("KUMUH_WEB_LOG_LEVEL", "warning")

# Trust X-Forwarded-* only from these proxy addresses (comma separated; nginx on the same
# machine by default). Django reads X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

wsgi_app = "kumuh.wsgi:application"
