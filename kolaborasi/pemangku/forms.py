"""Forms of the stakeholder registry, the Pokja/Forum PKP and meetings (Indonesian errors)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from kolaborasi.models import Keanggotaan, LembagaPKP, PemangkuKepentingan, Pertemuan
from kolaborasi.pemangku import services
from lokasi.forms import cek_dokumen

TANGGAL = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def cek_pdf(berkas) -> None:
    """Accept a PDF only, checked like a lokasi document (size, name, `%PDF-` signature)."""
    if Path(berkas.name).suffix.lower() != ".pdf":
        raise ValidationError(_("Dokumen SK harus berkas PDF."))
    cek_dokumen(berkas)


class _Berversi(forms.ModelForm):
    """A form that carries the version it was opened at (optimistic lock)."""

    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versi"].initial = self.instance.versi
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = TANGGAL


class PemangkuForm(_Berversi):
    class Meta:
        model = PemangkuKepentingan
        fields = services.FIELD_PEMANGKU

    def clean(self):
        data = super().clean()
        # The rule lives in the service; asking it here puts the error beside the field.
        try:
            services.cek_pemangku(
                PemangkuKepentingan(
                    jenis=data.get("jenis", ""), dasar_nomor=data.get("dasar_nomor", "")
                )
            )
        except ValidationError as e:
            self.add_error(None, e)
        return data


class FilterPemangkuForm(forms.Form):
    q = forms.CharField(label=_("Cari nama, narahubung atau nomor keputusan"), required=False)
    golongan = forms.ChoiceField(
        label=_("Golongan"),
        required=False,
        choices=[("", _("Semua")), ("internal", _("Internal")), ("eksternal", _("Eksternal"))],
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[("", _("Semua")), *aturan.pilihan(aturan.JENIS_PEMANGKU)],
    )
    kompetensi = forms.ChoiceField(
        label=_("Kompetensi"),
        required=False,
        choices=[("", _("Semua")), *aturan.pilihan(aturan.KOMPETENSI)],
    )
    aktif = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), ("ya", _("Aktif")), ("tidak", _("Tidak aktif"))],
    )

    def saring(self, qs):
        """Apply the valid filters; an invalid one is ignored rather than emptying the list."""
        if not self.is_bound:
            return qs
        self.is_valid()
        data = {"q": "", "golongan": "", "jenis": "", "kompetensi": "", "aktif": ""}
        data.update(self.cleaned_data)
        if data["q"]:
            q = data["q"]
            qs = qs.filter(
                Q(nama__icontains=q) | Q(kontak_nama__icontains=q) | Q(dasar_nomor__icontains=q)
            )
        if data["golongan"] == "internal":
            qs = qs.internal()
        elif data["golongan"] == "eksternal":
            qs = qs.eksternal()
        if data["jenis"]:
            qs = qs.filter(jenis=data["jenis"])
        if data["kompetensi"]:
            qs = qs.filter(**{f"kompetensi_{data['kompetensi']}": True})
        if data["aktif"]:
            qs = qs.filter(aktif=data["aktif"] == "ya")
        return qs


class LembagaForm(_Berversi):
    dokumen_sk = forms.FileField(label=_("Dokumen SK (PDF)"), required=False, validators=[cek_pdf])

    class Meta:
        model = LembagaPKP
        fields = services.FIELD_LEMBAGA
        widgets = {"rencana_kerja": forms.Textarea(attrs={"rows": 5})}

    def clean(self):
        data = super().clean()
        try:
            services.cek_lembaga(LembagaPKP(**{
                k: data.get(k) for k in
                ("rencana_mulai", "rencana_selesai", "masa_mulai", "masa_selesai")
            }))  # fmt: skip
        except ValidationError as e:
            self.add_error(None, e)
        return data


class AnggotaForm(forms.Form):
    pemangku = forms.ModelChoiceField(
        label=_("Unsur (pemangku kepentingan)"),
        queryset=PemangkuKepentingan.objects.none(),
        empty_label=_("— pilih pemangku kepentingan —"),
    )
    nama = forms.CharField(label=_("Nama"), max_length=150)
    jabatan = forms.CharField(
        label=_("Jabatan dalam Pokja/Forum"),
        max_length=100,
        help_text=_("Ketua, sekretaris, anggota…"),
    )
    jabatan_asal = forms.CharField(label=_("Jabatan di instansi"), max_length=150, required=False)
    mulai = forms.DateField(label=_("Mulai"), required=False, widget=TANGGAL)
    selesai = forms.DateField(label=_("Selesai"), required=False, widget=TANGGAL)

    def __init__(self, *args, lembaga: LembagaPKP, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The Pokja's list shows every active stakeholder: the service says why an external
        # one is refused, which teaches more than a party silently missing from the list.
        self.fields["pemangku"].queryset = PemangkuKepentingan.objects.filter(
            kabupaten_kota=lembaga.kabupaten_kota, aktif=True
        )


class PertemuanForm(_Berversi):
    class Meta:
        model = Pertemuan
        fields = services.FIELD_PERTEMUAN
        widgets = {
            f: forms.Textarea(attrs={"rows": 4})
            for f in ("agenda", "sumber_informasi", "temuan", "ringkasan")
        }

    def __init__(self, *args, kabupaten_kota, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lembaga"].queryset = LembagaPKP.objects.filter(kabupaten_kota=kabupaten_kota)
        self.fields["lembaga"].empty_label = _("— tanpa Pokja/Forum (mis. sosialisasi) —")

    def clean(self):
        data = super().clean()
        if data.get("jenis") and "lembaga" in data:
            try:
                services.cek_pertemuan(
                    Pertemuan(
                        kabupaten_kota_id=self.instance.kabupaten_kota_id,
                        jenis=data["jenis"],
                        lembaga=data["lembaga"],
                    )
                )
            except ValidationError as e:
                self.add_error(None, e)
        return data


class FilterPertemuanForm(forms.Form):
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=[("", _("Semua")), *aturan.pilihan(aturan.JENIS_PERTEMUAN)],
    )
    tahun = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)

    def saring(self, qs):
        if not self.is_bound:
            return qs
        self.is_valid()
        data = {"jenis": "", "tahun": None, **self.cleaned_data}
        if data["jenis"]:
            qs = qs.filter(jenis=data["jenis"])
        if data["tahun"]:
            qs = qs.filter(tanggal__year=data["tahun"])
        return qs


class KehadiranForm(forms.Form):
    hadir = forms.ModelMultipleChoiceField(
        label=_("Anggota yang hadir"),
        queryset=Keanggotaan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, pertemuan: Pertemuan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        lembaga = pertemuan.lembaga
        self.fields["hadir"].queryset = (
            lembaga.anggota.all() if lembaga else Keanggotaan.objects.none()
        )


class TamuForm(forms.Form):
    nama = forms.CharField(label=_("Nama peserta"), max_length=150)
    instansi = forms.CharField(label=_("Instansi"), max_length=200, required=False)


class KeputusanForm(forms.Form):
    uraian = forms.CharField(
        label=_("Keputusan / tindak lanjut"), widget=forms.Textarea(attrs={"rows": 2})
    )
    penanggung_jawab = forms.CharField(label=_("Penanggung jawab"), max_length=200, required=False)
    tenggat = forms.DateField(label=_("Tenggat"), required=False, widget=TANGGAL)


class LampiranForm(forms.Form):
    judul = forms.CharField(label=_("Judul"), max_length=200)
    berkas = forms.FileField(label=_("Berkas"), validators=[cek_dokumen])
