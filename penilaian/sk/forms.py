"""Forms of the SK page: header fields, verification blocks, leaving a lokasi out."""

from __future__ import annotations

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from penilaian.models import SK, VerifikasiSK
from penilaian.sk.services import FIELD_SK


class SKBaruForm(forms.Form):
    tahun = forms.IntegerField(
        label=_("Tahun"),
        min_value=2000,
        max_value=2100,
        help_text=_("Penilaian terverifikasi pusat sampai dengan tahun ini yang dipakai."),
    )
    # One per page visit: the same form sent twice (a double click) makes one draft.
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    menggantikan = forms.ModelChoiceField(
        label=_("Mencabut/mengubah SK"),
        queryset=SK.objects.none(),
        required=False,
        empty_label=_("- Tidak ada (penetapan baru) -"),
        help_text=_("SK yang masih berlaku; tetap tersimpan dan terbaca sesudah dicabut/diubah."),
    )
    hubungan = forms.ChoiceField(
        label=_("Terhadap SK tersebut"),
        choices=SK.Hubungan.choices,
        initial=SK.Hubungan.MENCABUT,
        required=False,
    )

    def __init__(self, *args, pengguna=None, **kwargs) -> None:
        kwargs.setdefault("initial", {"tahun": timezone.localdate().year, "token": uuid.uuid4()})
        super().__init__(*args, **kwargs)
        if pengguna is not None and pengguna.kabupaten_kota_id:
            self.fields["menggantikan"].queryset = SK.objects.filter(
                kabupaten_kota_id=pengguna.kabupaten_kota_id
            ).berlaku()
            self.fields["menggantikan"].label_from_instance = lambda sk: sk.judul_singkat


class SKForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = SK
        fields = FIELD_SK
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tentang": forms.Textarea(attrs={"rows": 2}),
            "mengingat_tambahan": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["versi"].initial = self.instance.versi


class VerifikasiForm(forms.ModelForm):
    # The block's version when the form was opened; 0 for a block not filled in yet.
    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = VerifikasiSK
        fields = ["nama", "jabatan", "nip", "tanggal"]
        widgets = {"tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["versi"].initial = self.instance.versi if self.instance.pk else 0


class PengecualianForm(forms.Form):
    lokasi = forms.IntegerField(widget=forms.HiddenInput)
    alasan = forms.CharField(
        label=_("Alasan dikecualikan"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Alasan wajib diisi: tulis mengapa lokasi ini dikecualikan.")
        },
    )
