"""Forms of the inventory: each field error names the field in Indonesian."""

from __future__ import annotations

import json
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from kumuh.gambar import FotoField
from lokasi import geo
from lokasi.models import (
    DokumenLokasi,
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Tipologi,
    UnitSurvei,
)
from lokasi.services import ANGKA_DARI_UNIT

DOKUMEN_EKSTENSI = {".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".odt", ".ods", ".zip"}


def cek_dokumen(berkas) -> None:
    if berkas.size > settings.DOKUMEN_MAKS_BYTE:
        raise ValidationError(
            _("Ukuran dokumen %(ukuran)s melebihi batas %(batas)s.")
            % {
                "ukuran": filesizeformat(berkas.size),
                "batas": filesizeformat(settings.DOKUMEN_MAKS_BYTE),
            }
        )
    if Path(berkas.name).suffix.lower() not in DOKUMEN_EKSTENSI:
        raise ValidationError(
            _("Jenis berkas tidak diterima. Yang diterima: %(daftar)s.")
            % {"daftar": ", ".join(sorted(e.lstrip(".").upper() for e in DOKUMEN_EKSTENSI))}
        )
    if Path(berkas.name).suffix.lower() == ".pdf":
        awal = berkas.read(5)
        berkas.seek(0)
        if awal != b"%PDF-":
            raise ValidationError(_("Isi berkas bukan PDF yang sah."))


class KelurahanChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Kelurahan) -> str:
        return f"{obj.nama} (Kec. {obj.kecamatan.nama})"


class LokasiForm(forms.ModelForm):
    kelurahan = KelurahanChoiceField(
        queryset=Kelurahan.objects.none(),
        label=_("Kelurahan/desa"),
        help_text=_("Pilih satu atau lebih. Tahan Ctrl untuk memilih beberapa."),
        error_messages={"required": _("Pilih sedikitnya satu kelurahan/desa.")},
    )
    tipologi = forms.MultipleChoiceField(
        label=_("Tipologi"),
        choices=Tipologi.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    batas_teks = forms.CharField(
        label=_("Batas kawasan (GeoJSON)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text=_("Tempel poligon GeoJSON, atau unggah berkas .geojson di bawah."),
    )
    batas_berkas = forms.FileField(label=_("Berkas batas (.geojson)"), required=False)
    foto = FotoField(label=_("Foto lokasi"), required=False, help_text=_("Opsional."))
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Lokasi
        fields = [
            "kode",
            "nama",
            "kelurahan",
            "rt_rw",
            "luas_sk_ha",
            "luas_verifikasi_ha",
            "lintang",
            "bujur",
            "jumlah_bangunan",
            "penduduk_laki_laki",
            "penduduk_perempuan",
            "jumlah_kk",
            "panjang_jalan_ideal_m",
            "panjang_drainase_ideal_m",
            "permasalahan",
            "potensi",
        ]
        widgets = {
            "permasalahan": forms.Textarea(attrs={"rows": 3}),
            "potensi": forms.Textarea(attrs={"rows": 3}),
            "lintang": forms.NumberInput(attrs={"step": "0.000001", "placeholder": "-6,889"}),
            "bujur": forms.NumberInput(attrs={"step": "0.000001", "placeholder": "109,675"}),
        }
        help_texts = {
            "lintang": _("Derajat desimal; lintang selatan negatif, misalnya -6.889123."),
            "bujur": _("Derajat desimal, misalnya 109.675432."),
        }

    def __init__(self, *args, kabupaten_kota: KabupatenKota, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kabupaten_kota = kabupaten_kota
        self.fields["kelurahan"].queryset = Kelurahan.objects.filter(
            kecamatan__kabupaten_kota=kabupaten_kota
        ).select_related("kecamatan")
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi
            self.fields["tipologi"].initial = list(
                self.instance.tipologi_set.values_list("kode", flat=True)
            )
            if self.instance.batas:
                self.fields["batas_teks"].initial = json.dumps(self.instance.batas)
            self.punya_unit = self.instance.unit_survei.exists()
        else:
            self.punya_unit = False
        if self.punya_unit:
            # The kawasan's numbers are the sums of its RT units; edit the units instead.
            for nama in ANGKA_DARI_UNIT:
                self.fields[nama].disabled = True
                self.fields[nama].help_text = _("Dihitung dari jumlah unit RT.")
            self.fields["rt_rw"].disabled = True
        for nama, field in self.fields.items():
            if field.required and nama not in ("versi", "kelurahan"):
                field.error_messages["required"] = _("%(label)s wajib diisi.") % {
                    "label": field.label
                }

    def clean_kode(self) -> str:
        kode = self.cleaned_data["kode"].strip()
        if kode:
            lain = Lokasi.objects.filter(kabupaten_kota=self.kabupaten_kota, kode=kode)
            if self.instance.pk:
                lain = lain.exclude(pk=self.instance.pk)
            if lain.exists():
                raise ValidationError(
                    _("Kode lokasi %(kode)s sudah dipakai lokasi lain di kabupaten/kota ini.")
                    % {"kode": kode}
                )
        return kode

    def clean(self) -> dict:
        data = super().clean()
        lintang, bujur = data.get("lintang"), data.get("bujur")
        if (lintang is None) != (bujur is None):
            kosong = "bujur" if bujur is None else "lintang"
            self.add_error(
                kosong, _("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya.")
            )
        elif lintang is not None:
            try:
                geo.cek_titik(lintang, bujur, nama=_("titik koordinat"))
            except geo.GeoTidakValid as e:
                self.add_error("lintang" if "Lintang" in str(e) else "bujur", str(e))
        teks = data.get("batas_teks") or ""
        berkas = data.get("batas_berkas")
        field_batas = "batas_teks"
        if berkas:
            field_batas = "batas_berkas"
            if berkas.size > 5 * 1024 * 1024:
                self.add_error("batas_berkas", _("Berkas batas kawasan lebih dari 5 MB."))
                return data
            try:
                teks = berkas.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("batas_berkas", _("Berkas batas kawasan bukan teks UTF-8."))
                return data
        try:
            self.instance.batas = geo.baca_batas(teks)
        except geo.GeoTidakValid as e:
            self.add_error(field_batas, str(e))
        luas_sk, luas_ver = data.get("luas_sk_ha"), data.get("luas_verifikasi_ha")
        if luas_sk is None and luas_ver is None and not self.punya_unit:
            self.add_error("luas_sk_ha", _("Isi luas SK atau luas verifikasi (ha)."))
        return data


class FilterLokasiForm(forms.Form):
    q = forms.CharField(label=_("Cari"), required=False)
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), required=False
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan/desa"), queryset=Kelurahan.objects.none(), required=False
    )
    tipologi = forms.ChoiceField(
        label=_("Tipologi"), choices=[("", _("Semua")), *Tipologi.choices], required=False
    )

    def __init__(self, *args, kabkota_qs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kecamatan = Kecamatan.objects.filter(kabupaten_kota__in=kabkota_qs)
        self.fields["kecamatan"].queryset = kecamatan
        kelurahan = Kelurahan.objects.filter(kecamatan__in=kecamatan)
        kec_dipilih = self.data.get("kecamatan")
        if kec_dipilih and str(kec_dipilih).isdecimal():
            kelurahan = kelurahan.filter(kecamatan_id=kec_dipilih)
        self.fields["kelurahan"].queryset = kelurahan

    def saring(self, qs):
        """Apply the valid filters to a Lokasi queryset; an invalid one (say a kelurahan left
        over from another kecamatan) is ignored rather than emptying the list."""
        if not self.is_bound:
            return qs
        self.is_valid()
        data = {"q": "", "kecamatan": None, "kelurahan": None, "tipologi": ""}
        data.update(self.cleaned_data)
        if data["q"]:
            qs = qs.filter(
                Q(nama__icontains=data["q"])
                | Q(kode__icontains=data["q"])
                | Q(rt_rw__icontains=data["q"])
            )
        if data["kecamatan"]:
            qs = qs.filter(kelurahan__kecamatan=data["kecamatan"])
        if data["kelurahan"]:
            qs = qs.filter(kelurahan=data["kelurahan"])
        if data["tipologi"]:
            qs = qs.filter(tipologi_set__kode=data["tipologi"])
        return qs.distinct()


class UnitSurveiForm(forms.ModelForm):
    # The version the form was opened at (optimistic lock, services.unit_simpan).
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = UnitSurvei
        fields = [
            "kelurahan",
            "rt",
            "rw",
            "luas_ha",
            "jumlah_bangunan",
            "penduduk_laki_laki",
            "penduduk_perempuan",
            "jumlah_kk",
            "panjang_jalan_ideal_m",
            "panjang_drainase_ideal_m",
        ]

    def __init__(self, *args, lokasi: Lokasi, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lokasi = lokasi
        self.instance.lokasi = lokasi
        self.fields["kelurahan"].queryset = Kelurahan.objects.filter(
            kecamatan__kabupaten_kota_id=lokasi.kabupaten_kota_id
        )
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi
        for field in self.fields.values():
            field.error_messages["required"] = _("%(label)s wajib diisi.") % {"label": field.label}

    def _angka_rt_rw(self, nama: str) -> str:
        nilai = self.cleaned_data[nama].strip()
        if not nilai.isdecimal():
            raise ValidationError(
                _("%(label)s harus berupa angka, misalnya 003.") % {"label": nama.upper()}
            )
        return nilai.zfill(3)

    def clean_rt(self) -> str:
        return self._angka_rt_rw("rt")

    def clean_rw(self) -> str:
        return self._angka_rt_rw("rw")

    def clean(self) -> dict:
        data = super().clean()
        kel, rt, rw = data.get("kelurahan"), data.get("rt"), data.get("rw")
        if kel and rt and rw:
            lain = UnitSurvei.objects.filter(lokasi=self.lokasi, kelurahan=kel, rt=rt, rw=rw)
            if self.instance.pk:
                lain = lain.exclude(pk=self.instance.pk)
            if lain.exists():
                raise ValidationError(
                    _("RT %(rt)s / RW %(rw)s %(kel)s sudah tercatat di lokasi ini.")
                    % {"rt": rt, "rw": rw, "kel": kel}
                )
        return data

    def validate_unique(self) -> None:
        # clean() reports the duplicate RT with a clearer message than the constraint's.
        pass


class FotoForm(forms.Form):
    berkas = FotoField(label=_("Foto"))
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)


class DokumenForm(forms.Form):
    jenis = forms.ChoiceField(label=_("Jenis dokumen"), choices=DokumenLokasi.Jenis.choices)
    judul = forms.CharField(label=_("Judul"), max_length=200)
    berkas = forms.FileField(label=_("Berkas"), validators=[cek_dokumen])


class FormMasuk(AuthenticationForm):
    """The login form with the words a Dinas operator expects."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Kata sandi")
        self.error_messages["invalid_login"] = _(
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar/kecil."
        )
