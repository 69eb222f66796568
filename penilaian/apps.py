from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PenilaianConfig(AppConfig):
    name = "penilaian"
    verbose_name = _("Penilaian")

    def ready(self) -> None:
        # The priority list's narrow table follows every save of what it copies.
        from penilaian import ringkasan

        ringkasan.sambungkan()
