"""Forms of the watchlist (errors in Indonesian, beside the field they concern)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from lokasi.models import Kelurahan, Lokasi
from monev.models import LokasiPotensi
from monev.potensi import services

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PotensiForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = LokasiPotensi
        fields = services.FIELD
        widgets = {"tanggal": TANGGAL, "keterangan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kota = self.instance.kabupaten_kota
        self.fields["kelurahan"].queryset = Kelurahan.objects.filter(
            kecamatan__kabupaten_kota=kota
        ).order_by("nama")
        self.fields["lokasi"].queryset = Lokasi.objects.filter(kabupaten_kota=kota).order_by("nama")
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi

    def clean(self):
        data = super().clean()
        # The rule lives in the service; asking it here puts the error beside the field.
        try:
            services.cek_potensi(
                LokasiPotensi(
                    kabupaten_kota=self.instance.kabupaten_kota,
                    **{k: data.get(k) for k in services.FIELD},
                )
            )
        except ValidationError as e:
            for nama, pesan in e.message_dict.items():
                if nama not in self.errors:
                    self.add_error(nama, pesan)
        return data


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=LokasiPotensi._meta.get_field("status").verbose_name,
        choices=[("", "—"), *LokasiPotensi.Status.choices],
        required=False,
    )
    sumber = forms.ChoiceField(
        label=LokasiPotensi._meta.get_field("sumber").verbose_name,
        choices=[("", "—"), *LokasiPotensi.Sumber.choices],
        required=False,
    )
