"""Forms of monitoring: the list's filters, an entry (one field per effect and per funding
source of the kegiatan, photo rows), an APIP finding and its follow-up."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan as aturan_kolaborasi
from kolaborasi.kegiatan.forms import SEMUA, FilterKegiatanForm, RupiahField
from kolaborasi.models import EfekKegiatan, Kegiatan, PendanaanKegiatan
from kumuh.gambar import FotoField
from monev.models import FotoPemantauan, TemuanAPIP
from monev.pemantauan.services import Foto

# The states in which a kegiatan has work (or handed-over work) to monitor.
STATUS_DIPANTAU = ["dianggarkan", "berjalan", "selesai", "diserahterimakan"]
ANGKA = {"inputmode": "decimal", "autocomplete": "off"}
JUMLAH_BARIS_FOTO = 3


class FilterPemantauanForm(FilterKegiatanForm):
    """The kegiatan list's filters narrowed to what the monitoring list needs."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for nama in ("q", "lokasi", "ruang_lingkup", "sumber", "pelaksana"):
            del self.fields[nama]
        self.fields["status"].choices = SEMUA + [
            (s, aturan_kolaborasi.STATUS_KEGIATAN[s]) for s in STATUS_DIPANTAU
        ]


def _desimal(label: str, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=2, min_value=Decimal(0), localize=True,
        widget=forms.TextInput(attrs=ANGKA), **kwargs,
    )  # fmt: skip


class PemantauanForm(forms.Form):
    terakhir = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tanggal = forms.DateField(label=_("Tanggal pemantauan"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))  # fmt: skip
    progres_fisik = forms.DecimalField(
        label=_("Progres fisik (%)"), max_digits=5, decimal_places=2, min_value=Decimal(0),
        max_value=Decimal(100), localize=True, widget=forms.TextInput(attrs=ANGKA),
    )  # fmt: skip
    kendala = forms.CharField(label=_("Kendala"), required=False, widget=forms.Textarea(
        attrs={"rows": 3}))  # fmt: skip
    tindakan_korektif = forms.CharField(label=_("Tindakan korektif"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip

    def __init__(
        self,
        *args: Any,
        efek: list[EfekKegiatan],
        pendanaan: list[PendanaanKegiatan],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.efek, self.pendanaan = efek, pendanaan
        for i, e in enumerate(efek, start=1):
            f = self.fields[f"efek_{e.pk}"] = _desimal(
                _t("Efek baris %(n)s (%(k)s), volume") % {"n": i, "k": e.kriteria}
            )
            f.satuan, f.efek = e.satuan, e
            if e.sebelumnya is not None:
                self.initial.setdefault(f"efek_{e.pk}", e.sebelumnya)
        for d in pendanaan:
            f = self.fields[f"dana_{d.sumber}"] = RupiahField(
                label=_t("Realisasi keuangan %(s)s (Rp)") % {"s": d.get_sumber_display()},
                required=False,
            )
            f.dana = d

    def baris_efek(self) -> list[forms.BoundField]:
        return [self[f"efek_{e.pk}"] for e in self.efek]

    def baris_dana(self) -> list[forms.BoundField]:
        return [self[f"dana_{d.sumber}"] for d in self.pendanaan]

    def volume(self) -> dict[int, Decimal]:
        return {e.pk: self.cleaned_data[f"efek_{e.pk}"] for e in self.efek}

    def dana(self) -> dict[str, Decimal]:
        return {
            d.sumber: self.cleaned_data[f"dana_{d.sumber}"]
            for d in self.pendanaan
            if self.cleaned_data.get(f"dana_{d.sumber}") is not None
        }


class FotoForm(forms.Form):
    berkas = FotoField(label=_("Foto"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))  # fmt: skip
    tahap = forms.ChoiceField(label=_("Tahap"), choices=FotoPemantauan.Tahap.choices)
    lintang = forms.DecimalField(label=_("Lintang"), max_digits=9, decimal_places=6,
        required=False, localize=True, widget=forms.TextInput(attrs=ANGKA))  # fmt: skip
    bujur = forms.DecimalField(label=_("Bujur"), max_digits=9, decimal_places=6,
        required=False, localize=True, widget=forms.TextInput(attrs=ANGKA))  # fmt: skip
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["empty_permitted"] = True  # a row without a photo is skipped
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        d = super().clean()
        if (d.get("lintang") is None) != (d.get("bujur") is None):
            raise forms.ValidationError(
                _("Isi lintang dan bujur bersama, atau kosongkan keduanya.")
            )
        if not d.get("berkas") and (d.get("lintang") is not None or d.get("keterangan")):
            self.add_error("berkas", _("Pilih fotonya."))
        return d


FotoFormSet = forms.formset_factory(FotoForm, extra=JUMLAH_BARIS_FOTO, max_num=10)


def baca_foto(formset: forms.BaseFormSet) -> list[Foto]:
    return [
        Foto(
            berkas=d["berkas"], tahap=d["tahap"], lintang=d.get("lintang"), bujur=d.get("bujur"),
            keterangan=d.get("keterangan", ""),
        )
        for d in (f.cleaned_data for f in formset.forms)
        if d.get("berkas")
    ]  # fmt: skip


def galat_foto(formset: forms.BaseFormSet) -> list[str]:
    """Return the photo rows' errors as "Foto baris 2, lintang: …"."""
    pesan = []
    for nomor, form in enumerate(formset.forms, start=1):
        for nama, galat in form.errors.items():
            label = form.fields[nama].label if nama in form.fields else ""
            awalan = _t("Foto baris %(n)s") % {"n": nomor}
            pesan += [
                f"{awalan}, {str(label).lower()}: {g}" if label else f"{awalan}: {g}" for g in galat
            ]
    return pesan


class TemuanForm(forms.ModelForm):
    class Meta:
        model = TemuanAPIP
        fields = ["tanggal", "temuan", "rekomendasi"]
        widgets = {
            "tanggal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "temuan": forms.Textarea(attrs={"rows": 3}),
            "rekomendasi": forms.Textarea(attrs={"rows": 2}),
        }


class TindakLanjutForm(forms.Form):
    versi = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status tindak lanjut"), choices=TemuanAPIP.Status.choices)
    tindak_lanjut = forms.CharField(label=_("Tindak lanjut"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


def untuk_kegiatan(kegiatan: Kegiatan) -> list[PendanaanKegiatan]:
    """Return the kegiatan's funding in SUMBER_DANA order (the form's rows)."""
    urutan = list(aturan_kolaborasi.SUMBER_DANA)
    return sorted(kegiatan.pendanaan.all(), key=lambda d: urutan.index(d.sumber))
