from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lokasi.models import (
    DokumenLokasi,
    FotoLokasi,
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Pengguna,
    Provinsi,
    TipologiLokasi,
    UnitSurvei,
)

admin.site.site_header = _("Kelola kumuh")
admin.site.site_title = _("Kelola kumuh")


@admin.register(Pengguna)
class PenggunaAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "peran", "kabupaten_kota", "provinsi", "is_active"]
    list_filter = ["peran", "is_active", "kabupaten_kota__provinsi"]
    list_select_related = ["kabupaten_kota", "provinsi"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Peran dan wilayah"), {"fields": ["peran", "kabupaten_kota", "provinsi", "jabatan"]}),
    ]
    autocomplete_fields = ["kabupaten_kota", "provinsi"]


@admin.register(Provinsi)
class ProvinsiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]


@admin.register(KabupatenKota)
class KabupatenKotaAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "kategori", "provinsi"]
    list_filter = ["jenis", "kategori", "provinsi"]
    search_fields = ["kode", "nama"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "kabupaten_kota"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kabupaten_kota"]


@admin.register(Kelurahan)
class KelurahanAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama", "jenis", "kecamatan"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kecamatan"]


class HanyaBaca:
    """Show records in /kelola/ without letting it add, change or delete them.

    For records with a version and a change history (kumuh.models.Tercatat) and their parts.
    Their writes live in the services (`lokasi_simpan`, `unit_simpan`, `penilaian_simpan`,
    `sk_simpan` …), which check the version the form was opened at, keep the history, recompute
    what depends on them (a kawasan's sums of its RT units, a survey's score) and enforce the
    domain rules the admin form does not know (kelurahan of the same kab/kota, numbers locked
    while units exist, an issued SK frozen). A second, partial writer here would save over a
    colleague's work silently; the app's own pages are where these records change.
    """

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class UnitSurveiInline(HanyaBaca, admin.TabularInline):
    model = UnitSurvei
    extra = 0


class TipologiInline(HanyaBaca, admin.TabularInline):
    model = TipologiLokasi
    extra = 0


@admin.register(Lokasi)
class LokasiAdmin(HanyaBaca, admin.ModelAdmin):
    list_display = ["nama", "kode", "kabupaten_kota", "luas_sk_ha", "luas_verifikasi_ha"]
    list_filter = ["kabupaten_kota"]
    search_fields = ["nama", "kode"]
    autocomplete_fields = ["kelurahan"]
    list_select_related = ["kabupaten_kota"]
    inlines = [TipologiInline, UnitSurveiInline]
    readonly_fields = [
        "halaman_ubah",
        "versi",
        "dibuat_oleh",
        "diubah_oleh",
        "dibuat_pada",
        "diubah_pada",
    ]

    @admin.display(description=_("diubah lewat"))
    def halaman_ubah(self, obj: Lokasi) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            obj.get_absolute_url(),
            _("halaman lokasi (admin dan operator kabupaten/kota-nya)"),
        )


admin.site.register(FotoLokasi)
admin.site.register(DokumenLokasi)
