from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "monev"
    verbose_name = _("Monitoring dan evaluasi")

    def ready(self) -> None:
        # A kegiatan is selesai only with realised volumes and a 100 % photo (issue 12, item 3).
        from kolaborasi.kegiatan.services import daftarkan_syarat
        from monev.pemantauan.services import syarat_selesai

        daftarkan_syarat("selesai", syarat_selesai)
