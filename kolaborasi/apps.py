from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KolaborasiConfig(AppConfig):
    name = "kolaborasi"
    verbose_name = _("Kolaborasi")

    def ready(self) -> None:
        # The lokasi profile lives in penilaian, which may not import kolaborasi: it renders
        # whatever is registered for its slot.
        from kolaborasi.proyeksi.panel import SLOT_PROFIL, panel_profil
        from kumuh import sisipan

        sisipan.daftarkan(SLOT_PROFIL, panel_profil)
