"""Forms of the annual evaluation: the year, the narrative, a recommendation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from monev.evaluasi.services import FIELDS_NARASI
from monev.models import EvaluasiTahunan, Rekomendasi

TAHUN_MIN, TAHUN_MAKS = 2000, 2100


class BuatForm(forms.Form):
    tahun = forms.IntegerField(
        label=_("Tahun evaluasi"),
        min_value=TAHUN_MIN,
        max_value=TAHUN_MAKS,
        error_messages={
            "required": _("Tahun evaluasi wajib diisi."),
            "invalid": _("Tahun evaluasi harus berupa bilangan bulat, misalnya 2025."),
            "min_value": _("Tahun evaluasi paling awal %(limit_value)s."),
            "max_value": _("Tahun evaluasi paling akhir %(limit_value)s."),
        },
    )


class VersiForm(forms.Form):
    """The version the user saw (optimistic lock), for actions without other fields."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NarasiForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = EvaluasiTahunan
        fields = FIELDS_NARASI
        widgets = {nama: forms.Textarea(attrs={"rows": 4}) for nama in FIELDS_NARASI}


class RekomendasiForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Rekomendasi
        fields = ["jenis", "uraian", "ditujukan_kepada", "tembusan"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "ditujukan_kepada": _("Misalnya Wali Kota/Bupati."),
            "tembusan": _("Misalnya SKPD terkait, Pokja PKP Provinsi/Pusat."),
        }
        error_messages = {
            "jenis": {"required": _("Jenis rekomendasi wajib dipilih."),
                      "invalid_choice": _("Jenis rekomendasi tidak dikenal.")},
            "uraian": {"required": _("Uraian rekomendasi wajib diisi.")},
            "ditujukan_kepada": {"required": _("Isian 'ditujukan kepada' wajib diisi.")},
        }  # fmt: skip
