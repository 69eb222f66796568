"""Forms of the O&P part (errors in Indonesian, beside the field they concern)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kolaborasi.models import Kegiatan, PemangkuKepentingan
from lokasi.models import KabupatenKota, Lokasi
from monev.models import Aset, PemeriksaanAset
from monev.op import jadwal, services

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Assets come from finished work; an older status stays selectable on an existing asset.
STATUS_KEGIATAN_ASAL = ("selesai", "diserahterimakan")


class AsetForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Aset
        fields = services.FIELD_ASET
        widgets = {"tanggal_serah_terima": TANGGAL}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kota = self.instance.kabupaten_kota
        asal = Kegiatan.objects.filter(kabupaten_kota=kota, status__in=STATUS_KEGIATAN_ASAL)
        if self.instance.kegiatan_id:
            asal = asal | Kegiatan.objects.filter(pk=self.instance.kegiatan_id)
        self.fields["kegiatan"].queryset = asal.order_by("-tahun", "nama")
        self.fields["kegiatan"].help_text = _(
            "Kegiatan yang sudah selesai atau diserahterimakan; lokasi mengikuti kegiatan bila "
            "dikosongkan."
        )
        self.fields["lokasi"].queryset = Lokasi.objects.filter(kabupaten_kota=kota)
        self.fields["pengelola"].queryset = PemangkuKepentingan.objects.filter(
            kabupaten_kota=kota
        ).order_by("nama")
        self.fields["pengelola"].required = True
        self.fields["tanggal_serah_terima"].required = True
        self.fields["interval_bulan"].widget.attrs.update(
            {"min": 1, "max": services.INTERVAL_MAKSIMUM}
        )
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi

    def clean(self):
        data = super().clean()
        # The rule lives in the service; asking it here puts the error beside the field.
        try:
            services.cek_aset(
                Aset(
                    kabupaten_kota=self.instance.kabupaten_kota,
                    **{k: data.get(k) for k in ("kegiatan", "lokasi", "pengelola")},
                    tanggal_serah_terima=data.get("tanggal_serah_terima"),
                    interval_bulan=data.get("interval_bulan") or 0,
                )
            )
        except ValidationError as e:
            for nama, pesan in e.message_dict.items():
                if nama not in self.errors:
                    self.add_error(nama, pesan)
        return data


class PemeriksaanForm(forms.ModelForm):
    class Meta:
        model = PemeriksaanAset
        fields = services.FIELD_PEMERIKSAAN
        widgets = {
            "tanggal": TANGGAL,
            "kerusakan": forms.Textarea(attrs={"rows": 2}),
            "tindak_lanjut": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, aset: Aset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.aset = aset

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            services.cek_pemeriksaan(PemeriksaanAset(**data), aset=self.aset)
        except ValidationError as e:
            for nama, pesan in e.message_dict.items():
                self.add_error(nama, pesan)
        return data


class FilterAsetForm(forms.Form):
    pengelola = forms.ModelChoiceField(
        label=_("Pengelola"), queryset=PemangkuKepentingan.objects.none(), required=False,
        empty_label=_("Semua"),
    )  # fmt: skip
    berfungsi = forms.ChoiceField(
        label=_("Pemeriksaan terakhir"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("ya", _("Berfungsi")),
            ("tidak", _("Tidak berfungsi")),
            ("belum", _("Belum diperiksa")),
        ],
    )
    jadwal = forms.ChoiceField(
        label=_("Jadwal pemeriksaan"),
        required=False,
        choices=[
            ("", _("Semua")),
            (jadwal.TERLAMBAT, _("Terlambat")),
            (jadwal.JATUH_TEMPO, _("Jatuh tempo ≤ 30 hari")),
            ("perlu", _("Terlambat atau jatuh tempo")),
        ],
    )

    def __init__(self, *args, kota: list[KabupatenKota] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pengelola"].queryset = (
            PemangkuKepentingan.objects.filter(
                aset_dikelola__isnull=False, kabupaten_kota__in=kota or []
            )
            .distinct()
            .order_by("nama")
        )
