"""Filters of the projection and memorandum pages (invalid values are ignored, as on the
priority list, rather than emptying the page)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from lokasi.models import PERAN_KABKOTA, Kecamatan, Pengguna

TAHUN_MIN, TAHUN_MAKS = 2000, 2100


class _Saringan(forms.Form):
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), required=False,
        empty_label=_("Semua"),
    )  # fmt: skip

    def __init__(self, *args, pengguna: Pengguna, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kecamatan"]
        field.queryset = Kecamatan.objects.filter(
            kabupaten_kota__in=pengguna.kabkota_terjangkau()
        ).select_related("kabupaten_kota")
        if pengguna.peran not in PERAN_KABKOTA:
            # A verifier sees several cities, whose kecamatan may share names.
            field.label_from_instance = lambda k: f"{k.nama} ({k.kabupaten_kota})"

    def saringan(self) -> dict:
        """Return the valid filters as keyword arguments; invalid ones are dropped."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            nama: nilai
            for nama in self.fields
            if (nilai := self.cleaned_data.get(nama)) not in (None, "", False)
        }


class FilterProyeksiForm(_Saringan):
    tahun_akhir = forms.IntegerField(
        label=_("Kegiatan s.d. tahun"), min_value=TAHUN_MIN, max_value=TAHUN_MAKS,
        required=False, help_text=_("Kosongkan untuk seluruh rencana."),
    )  # fmt: skip
    usulan = forms.BooleanField(
        label=_("Skenario: ikutkan kegiatan berstatus usulan"), required=False
    )


class FilterMemorandumForm(_Saringan):
    tahun_awal = forms.IntegerField(
        label=_("Tahun awal (t)"), min_value=TAHUN_MIN, max_value=TAHUN_MAKS - 4,
        required=False,
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Semua")), *aturan.pilihan(aturan.STATUS_KEGIATAN)],
        required=False,
    )

    def tahun_awal_dipakai(self) -> int:
        """Return the chosen t, or the current year."""
        return self.saringan().get("tahun_awal") or timezone.localdate().year
