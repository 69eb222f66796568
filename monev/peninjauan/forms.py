"""Forms of the peninjauan ulang pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lokasi.models import Pengguna
from monev.models import PengaturanMonev
from penilaian.models import SK


class PeninjauanBuatForm(forms.Form):
    sk = forms.ModelChoiceField(label=_("SK yang ditinjau"), queryset=SK.objects.none())
    tahun = forms.IntegerField(label=_("Tahun peninjauan (t+n)"), min_value=2000, max_value=2100)

    def __init__(self, *args, pengguna: Pengguna, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only the user's own city's issued SKs: another city's id is "not a valid choice".
        # A revoked or amended SK is no longer reviewed: the one replacing it is.
        self.fields["sk"].queryset = SK.objects.filter(
            kabupaten_kota_id=pengguna.kabupaten_kota_id
        ).berlaku()


class PengaturanForm(forms.ModelForm):
    class Meta:
        model = PengaturanMonev
        fields = ["bacaan_kontribusi", "catatan_kaki"]
        widgets = {"catatan_kaki": forms.Textarea(attrs={"rows": 3})}
