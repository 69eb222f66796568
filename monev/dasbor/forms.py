"""Form of the city's targets toward 0 ha."""

from __future__ import annotations

from django import forms

from monev.models import TargetKota


class TargetForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = TargetKota
        fields = ["tahun", "luas_ha", "lokasi", "dasar"]
        # Hectares typed the Indonesian way ("12,5"), as the monitoring forms take them.
        localized_fields = ["luas_ha"]
        widgets = {"luas_ha": forms.TextInput(attrs={"inputmode": "decimal", "size": 10})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["tahun"].disabled = True  # a year's row: its figures change, not its year
            if not self.is_bound:
                self.fields["versi"].initial = self.instance.versi

    def validate_unique(self) -> None:
        # The service says "sudah ada" for a second row of one year, with the field named.
        pass
