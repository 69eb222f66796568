"""Forms of pledges, PKS, stages and the Pokja's criteria and scores (validation only)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from kolaborasi.models import (
    Ikrar,
    Kegiatan,
    KriteriaIntervensi,
    PemangkuKepentingan,
    PerjanjianKerjaSama,
    Pertemuan,
)
from kolaborasi.pks import kaidah
from lokasi.forms import cek_dokumen
from lokasi.models import KabupatenKota, Kecamatan, Lokasi

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def cek_pdf(berkas) -> None:
    """Accept a PDF only (signed agreements are scanned to PDF), within the document size."""
    if Path(berkas.name).suffix.lower() != ".pdf":
        raise ValidationError(_("Dokumen PKS harus berkas PDF."))
    cek_dokumen(berkas)


def _pesan_wajib(form: forms.BaseForm) -> None:
    """Name the field in "required" errors, as the summary above the form lists them."""
    for field in form.fields.values():
        if field.required:
            field.error_messages["required"] = _("%(label)s wajib diisi.") % {"label": field.label}


class PemangkuEksternalField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PemangkuKepentingan) -> str:
        return f"{obj.nama} ({aturan.label(aturan.JENIS_PEMANGKU, obj.jenis)})"


class KegiatanField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Kegiatan) -> str:
        return f"{obj.nama} ({obj.tahun}{', ' + obj.lokasi.nama if obj.lokasi else ''})"


class PKSForm(forms.ModelForm):
    """The data of a PKS; status and reporting change through their own steps."""

    pemangku = PemangkuEksternalField(
        label=_("Pihak kedua"), queryset=PemangkuKepentingan.objects.none()
    )
    kegiatan = KegiatanField(
        label=_("Kegiatan"), queryset=Kegiatan.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    lokasi = forms.ModelMultipleChoiceField(
        label=_("Lokasi"), queryset=Lokasi.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    dokumen = forms.FileField(
        label=_("Dokumen PKS (PDF)"), required=False, validators=[cek_pdf],
        help_text=_("Pindaian PKS yang ditandatangani, PDF."),
    )  # fmt: skip
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PerjanjianKerjaSama
        fields = [
            "nomor", "tanggal", "pihak_pertama", "pemangku", "ruang_lingkup", "jenis_sumberdaya",
            "nilai", "volume", "kegiatan", "lokasi", "mulai", "selesai", "dokumen",
        ]  # fmt: skip
        widgets = {
            "tanggal": TANGGAL,
            "mulai": TANGGAL,
            "selesai": TANGGAL,
            "ruang_lingkup": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "pihak_pertama": _("Dinas yang menandatangani, misalnya Dinas Perkim."),
            "volume": _("Untuk sumber daya bukan uang, misalnya 200 m jalan, 40 jam pelatihan."),
        }

    def __init__(self, *args, kabupaten_kota: KabupatenKota, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kabupaten_kota = kabupaten_kota
        # Only external parties sign with the Dinas (000:282); another city's rows are absent.
        self.fields["pemangku"].queryset = PemangkuKepentingan.objects.filter(
            kabupaten_kota=kabupaten_kota
        ).eksternal()
        self.fields["kegiatan"].queryset = Kegiatan.objects.filter(
            kabupaten_kota=kabupaten_kota
        ).select_related("lokasi")
        self.fields["lokasi"].queryset = Lokasi.objects.filter(kabupaten_kota=kabupaten_kota)
        self.fields["pemangku"].error_messages["invalid_choice"] = _(
            "Pihak kedua harus pemangku kepentingan eksternal kabupaten/kota ini."
        )
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi
        _pesan_wajib(self)

    def clean(self) -> dict:
        data = super().clean()
        mulai, selesai = data.get("mulai"), data.get("selesai")
        if mulai and selesai and selesai < mulai:
            self.add_error("selesai", _("Berlaku sampai tidak boleh sebelum berlaku mulai."))
        nomor = data.get("nomor")
        if nomor:
            lain = PerjanjianKerjaSama.objects.filter(
                kabupaten_kota=self.kabupaten_kota, nomor=nomor.strip()
            ).exclude(pk=self.instance.pk)
            if lain.exists():
                self.add_error("nomor", _("Nomor PKS ini sudah tercatat."))
        return data


class StatusPKSForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"))
    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, pks: PerjanjianKerjaSama, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (s, aturan.STATUS_PKS[s]) for s in kaidah.status_pks_berikut(pks.status)
        ]
        self.fields["versi"].initial = pks.versi
        _pesan_wajib(self)


class DokumenPKSForm(forms.Form):
    dokumen = forms.FileField(label=_("Dokumen PKS (PDF)"), validators=[cek_pdf])
    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, pks: PerjanjianKerjaSama, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = pks.versi
        _pesan_wajib(self)


class PertemuanField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Pertemuan) -> str:
        return f"{obj.get_jenis_display()} {obj.tanggal:%d-%m-%Y}"


class LaporPKSForm(forms.Form):
    pertemuan = PertemuanField(label=_("Rapat Pokja PKP"), queryset=Pertemuan.objects.none())
    versi = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, pks: PerjanjianKerjaSama, pertemuan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pertemuan"].queryset = pertemuan
        self.fields["pertemuan"].error_messages["invalid_choice"] = _(
            "Pilih rapat Pokja PKP kabupaten/kota ini yang tidak lebih awal dari tanggal PKS."
        )
        self.fields["versi"].initial = pks.versi
        _pesan_wajib(self)


class IkrarForm(forms.ModelForm):
    pemangku = PemangkuEksternalField(
        label=_("Pemangku kepentingan"), queryset=PemangkuKepentingan.objects.none()
    )
    pertemuan = PertemuanField(
        label=_("Sesi Forum PKP"), queryset=Pertemuan.objects.none(), required=False
    )

    class Meta:
        model = Ikrar
        fields = ["pemangku", "jenis_sumberdaya", "nilai", "uraian", "kegiatan", "pertemuan",
                  "tanggal"]  # fmt: skip
        widgets = {"tanggal": TANGGAL, "uraian": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "nilai": _("Nilai dalam rupiah; ikrar tanpa nilai tidak mengurangi kekurangan dana."),
        }

    def __init__(self, *args, kabupaten_kota: KabupatenKota, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pemangku"].queryset = PemangkuKepentingan.objects.filter(
            kabupaten_kota=kabupaten_kota
        ).eksternal()
        self.fields["pemangku"].error_messages["invalid_choice"] = _(
            "Pilih pemangku kepentingan eksternal kabupaten/kota ini."
        )
        self.fields["kegiatan"].queryset = Kegiatan.objects.filter(kabupaten_kota=kabupaten_kota)
        self.fields["pertemuan"].queryset = Pertemuan.objects.filter(
            kabupaten_kota=kabupaten_kota, jenis="forum"
        )
        _pesan_wajib(self)

    def clean_nilai(self):
        nilai = self.cleaned_data.get("nilai")
        if nilai is not None and nilai < 0:
            raise ValidationError(_("Nilai tidak boleh negatif."))
        return nilai


class FilterKekuranganForm(forms.Form):
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), required=False,
        empty_label=_("Semua"),
    )  # fmt: skip

    def __init__(self, *args, kabkota_qs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kecamatan"].queryset = Kecamatan.objects.filter(
            kabupaten_kota__in=kabkota_qs
        ).order_by("nama")


class FilterPKSForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua")), *aturan.STATUS_PKS.items()]
    )
    pihak = forms.ModelChoiceField(
        label=_("Pihak kedua"), queryset=PemangkuKepentingan.objects.none(), required=False,
        empty_label=_("Semua"),
    )  # fmt: skip
    belum_dilaporkan = forms.BooleanField(label=_("Belum dilaporkan ke Pokja"), required=False)

    def __init__(self, *args, kabkota_qs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pihak"].queryset = PemangkuKepentingan.objects.filter(
            kabupaten_kota__in=kabkota_qs
        ).eksternal()

    def saring(self, qs):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["pihak"]:
            qs = qs.filter(pemangku=data["pihak"])
        if data["belum_dilaporkan"]:
            qs = qs.exclude(status="draf").filter(dilaporkan_pada__isnull=True)
        return qs


class TahapForm(forms.Form):
    """One stage of a lokasi (a form per stage, prefixed by its code)."""

    mulai = forms.DateField(label=_("Mulai"), required=False, widget=TANGGAL)
    selesai = forms.DateField(label=_("Selesai"), required=False, widget=TANGGAL)
    bukti = forms.CharField(
        label=_("Bukti / keterangan"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    dokumen = forms.FileField(label=_("Dokumen bukti"), required=False, validators=[cek_dokumen])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("mulai") and data.get("selesai") and data["selesai"] < data["mulai"]:
            self.add_error("selesai", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        return data


class KriteriaForm(forms.ModelForm):
    class Meta:
        model = KriteriaIntervensi
        fields = ["nama", "uraian", "bobot", "nilai_maks", "urutan"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nilai_maks"].min_value = 1
        self.fields["nilai_maks"].widget.attrs["min"] = 1
        _pesan_wajib(self)

    def clean_nilai_maks(self) -> int:
        nilai = self.cleaned_data["nilai_maks"]
        if nilai < 1:
            raise ValidationError(_("Nilai tertinggi paling sedikit 1."))
        return nilai


class NilaiForm(forms.Form):
    """The Pokja's scores of one lokasi: one field per criterion."""

    def __init__(self, *args, kriteria: list[KriteriaIntervensi], awal: dict[int, int],
                 **kwargs) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.kriteria = kriteria
        for k in kriteria:
            self.fields[f"k{k.pk}"] = forms.IntegerField(
                label=k.nama, required=False, min_value=0, max_value=k.nilai_maks,
                initial=awal.get(k.pk),
                help_text=_("0–%(maks)s; kosongkan bila belum dinilai.") % {"maks": k.nilai_maks},
            )  # fmt: skip

    def nilai(self) -> dict[KriteriaIntervensi, int | None]:
        return {k: self.cleaned_data.get(f"k{k.pk}") for k in self.kriteria}
