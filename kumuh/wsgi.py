"""WSGI entry point for gunicorn (deploy/gunicorn.conf.py, docs/deploy.md).

Behind nginx every request reaches the app from the proxy's address. The public complaint
pages count their rate limit per REMOTE_ADDR (monev/pengaduan/batas.py) and the login lockout
reads it too (django-axes), so one city's citizens would share one limit and one lockout.
REMOTE_ADDR is therefore set here to the client's address as the proxy reports it in
X-Forwarded-For, but only for a request that comes from a trusted proxy: anyone else could
write that header themselves.
"""

import os
from collections.abc import Callable, Iterable

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kumuh.settings")

# The same variable (and default) as gunicorn's forwarded_allow_ips: the proxy addresses.
PROXY_TEPERCAYA = frozenset(
    a.strip() for a in os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1").split(",")
)


def alamat_klien(app: Callable, tepercaya: Iterable[str] = PROXY_TEPERCAYA) -> Callable:
    """Wrap a WSGI app: REMOTE_ADDR becomes the client address a trusted proxy forwarded."""
    tepercaya = frozenset(tepercaya)

    def wsgi(environ: dict, start_response: Callable) -> Iterable[bytes]:
        diteruskan = environ.get("HTTP_X_FORWARDED_FOR", "")
        if diteruskan and environ.get("REMOTE_ADDR") in tepercaya:
            # The last address is the one our proxy saw (it appends, or replaces the header
            # with it: deploy/nginx-kumuh.conf); any before it came from the client.
            klien = diteruskan.rsplit(",", 1)[-1].strip()
            if klien:
                environ["REMOTE_ADDR"] = klien
        return app(environ, start_response)

    return wsgi


application = alamat_klien(get_wsgi_application())
