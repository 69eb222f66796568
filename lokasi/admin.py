from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lokasi.models import (
    PERAN_KABKOTA,
    DokumenLokasi,
    FotoLokasi,
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Pengguna,
    Peran,
    Provinsi,
    TipologiLokasi,
    TokenAPI,
    UnitSurvei,
)

admin.site.site_header = _("Kelola kumuh")
admin.site.site_title = _("Kelola kumuh")


class LingkupKota:
    """Limit a non-superuser staff member in /kelola/ to the kab/kota they may see.

    The admin skips lokasi/akses.py, so without this a Dinas staff account with a model
    permission would list and edit every city's rows. `jalur_kabkota` is the lookup from the
    model to its KabupatenKota; other apps' admins reuse this mixin with their own path.
    """

    jalur_kabkota: str = "kabupaten_kota"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(**{f"{self.jalur_kabkota}__in": request.user.kabkota_terjangkau()})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A staff member cannot move a row (or a new user) to a city outside their own.
        if db_field.related_model is KabupatenKota and not request.user.is_superuser:
            kwargs["queryset"] = request.user.kabkota_terjangkau()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Pengguna)
class PenggunaAdmin(LingkupKota, UserAdmin):
    list_display = ["username", "get_full_name", "peran", "kabupaten_kota", "provinsi", "is_active"]
    list_filter = ["peran", "is_active", "kabupaten_kota__provinsi"]
    list_select_related = ["kabupaten_kota", "provinsi"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (_("Peran dan wilayah"), {"fields": ["peran", "kabupaten_kota", "provinsi", "jabatan"]}),
    ]
    autocomplete_fields = ["kabupaten_kota", "provinsi"]
    # Only a superuser hands out superuser, staff rights or permissions: otherwise a city's staff
    # member could make themselves (or a colleague) superuser and leave their city's scope.
    HAK_SUPERUSER = ("is_superuser", "is_staff", "groups", "user_permissions", "provinsi")

    def get_readonly_fields(self, request, obj=None):
        bawaan = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return bawaan
        return [*bawaan, *self.HAK_SUPERUSER]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        # A superuser account is never in a city staff member's hands (its password included).
        return qs if request.user.is_superuser else qs.filter(is_superuser=False)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # The roles of a kab/kota only: a verifier role would see beyond the staff's own city.
        if db_field.name == "peran" and not request.user.is_superuser:
            kwargs["choices"] = [
                ("", "---------"),
                *((p.value, p.label) for p in Peran if p in PERAN_KABKOTA),
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Provinsi)
class ProvinsiAdmin(admin.ModelAdmin):
    list_display = ["kode", "nama"]
    search_fields = ["kode", "nama"]


@admin.register(KabupatenKota)
class KabupatenKotaAdmin(LingkupKota, admin.ModelAdmin):
    jalur_kabkota = "pk"
    list_display = ["kode", "nama", "jenis", "kategori", "provinsi"]
    list_filter = ["jenis", "kategori", "provinsi"]
    search_fields = ["kode", "nama"]


@admin.register(Kecamatan)
class KecamatanAdmin(LingkupKota, admin.ModelAdmin):
    list_display = ["kode", "nama", "kabupaten_kota"]
    search_fields = ["kode", "nama"]
    list_select_related = ["kabupaten_kota"]


@admin.register(Kelurahan)
class KelurahanAdmin(LingkupKota, admin.ModelAdmin):
    jalur_kabkota = "kecamatan__kabupaten_kota"
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
class LokasiAdmin(LingkupKota, HanyaBaca, admin.ModelAdmin):
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


@admin.register(FotoLokasi, DokumenLokasi)
class BerkasLokasiAdmin(LingkupKota, admin.ModelAdmin):
    jalur_kabkota = "lokasi__kabupaten_kota"


@admin.register(TokenAPI)
class TokenAPIAdmin(LingkupKota, admin.ModelAdmin):
    """Tokens are made by `manage.py buat_token` (the key is shown once); here only revoked."""

    jalur_kabkota = "user__kabupaten_kota"
    list_display = [
        "nama",
        "awalan",
        "user",
        "dibuat",
        "kedaluwarsa",
        "terakhir_dipakai",
        "dicabut",
    ]
    list_filter = ["dicabut"]
    list_select_related = ["user"]
    search_fields = ["nama", "awalan", "user__username"]
    fields = list_display
    readonly_fields = list_display
    actions = ["cabut"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Cabut token terpilih"), permissions=["change"])
    def cabut(self, request, queryset) -> None:
        jumlah = queryset.filter(dicabut__isnull=True).update(dicabut=timezone.now())
        self.message_user(request, _("%(n)d token dicabut.") % {"n": jumlah})
