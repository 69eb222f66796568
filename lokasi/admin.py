from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
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


class UnitSurveiInline(admin.TabularInline):
    model = UnitSurvei
    extra = 0
    autocomplete_fields = ["kelurahan"]


class TipologiInline(admin.TabularInline):
    model = TipologiLokasi
    extra = 0


@admin.register(Lokasi)
class LokasiAdmin(admin.ModelAdmin):
    list_display = ["nama", "kode", "kabupaten_kota", "luas_sk_ha", "luas_verifikasi_ha"]
    list_filter = ["kabupaten_kota"]
    search_fields = ["nama", "kode"]
    autocomplete_fields = ["kelurahan"]
    list_select_related = ["kabupaten_kota"]
    inlines = [TipologiInline, UnitSurveiInline]
    readonly_fields = ["versi", "dibuat_oleh", "diubah_oleh", "dibuat_pada", "diubah_pada"]


admin.site.register(FotoLokasi)
admin.site.register(DokumenLokasi)
