from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KolaborasiConfig(AppConfig):
    name = "kolaborasi"
    verbose_name = _("Kolaborasi")
