from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LokasiConfig(AppConfig):
    name = "lokasi"
    verbose_name = _("Lokasi")
