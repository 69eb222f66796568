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

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("initial", {"tahun": timezone.localdate().year, "token": uuid.uuid4()})
        super().__init__(*args, **kwargs)


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
