from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "monev"
    verbose_name = _("Monitoring dan evaluasi")

    def ready(self) -> None:
        # A kegiatan is selesai only with realised volumes and a 100 % photo (issue 12, item 3).
        from kolaborasi.kegiatan.services import daftarkan_syarat
        from monev.dasbor.data import salin_sk, tandai_survei
        from monev.pemantauan import terbaru
        from monev.pemantauan.services import syarat_selesai
        from monev.publik.tugas import sesudah_tetapkan as publik_sesudah_tetapkan
        from penilaian.ringkasan import daftarkan_sesudah_segarkan
        from penilaian.sk.services import daftarkan_sesudah_tetapkan

        daftarkan_syarat("selesai", syarat_selesai)
        # The dashboard's narrow copy of an SK's rows is made as the SK is issued, so no
        # reader pays for it (issue 14 item 2).
        daftarkan_sesudah_tetapkan(salin_sk)
        # The public page's cache is filled in the background, not by its first visitor.
        daftarkan_sesudah_tetapkan(publik_sesudah_tetapkan)
        # Its "newer and worse survey" verdicts follow every rewrite of a lokasi's latest survey.
        daftarkan_sesudah_segarkan(tandai_survei)
        # Each kegiatan's latest monitoring entry is marked as entries are written.
        terbaru.sambungkan()
