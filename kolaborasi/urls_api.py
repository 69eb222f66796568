"""API v1 routes of kolaborasi (mounted at /api/v1/ by kumuh/urls.py), one list per part."""

from kolaborasi.kegiatan import urls_api as kegiatan
from kolaborasi.pks import urls_api as pks

urlpatterns = [*kegiatan.urlpatterns, *pks.urlpatterns]
