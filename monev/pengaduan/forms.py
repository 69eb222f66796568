"""Forms of pengaduan masyarakat: the public form, the Dinas entry, each handling step, the
list filter and the report period."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from kumuh.gambar import FotoField
from lokasi.models import KabupatenKota, Kelurahan, Lokasi, Pengguna
from monev.models import Pengaduan
from monev.pengaduan.services import FIELD_TAHAP, FIELD_TAMBAHAN

FIELD_ISI = [
    "kabupaten_kota",
    "kelurahan",
    "lintang",
    "bujur",
    "alamat",
    "kategori",
    "uraian",
    "foto",
    "kontak",
]
KOORDINAT = {"inputmode": "decimal", "autocomplete": "off"}


def kota_dikenal() -> QuerySet[KabupatenKota]:
    """Kab/kota whose Dinas uses the app: someone there can handle the complaint."""
    return KabupatenKota.objects.filter(
        Exists(Pengguna.objects.filter(kabupaten_kota=OuterRef("pk"), is_active=True))
    ).order_by("nama")


class PilihKelurahan(forms.Select):
    """Each option names its kab/kota, so the page's script can show only the chosen city's."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        opsi = super().create_option(name, value, label, selected, index, subindex, attrs)
        if getattr(value, "instance", None) is not None:
            opsi["attrs"]["data-kota"] = str(value.instance.kecamatan.kabupaten_kota_id)
        return opsi


class KelurahanField(forms.ModelChoiceField):
    widget = PilihKelurahan

    def label_from_instance(self, obj: Kelurahan) -> str:
        return f"{obj.nama} — {obj.kecamatan.kabupaten_kota.nama}"


class PengaduanForm(forms.ModelForm):
    foto = FotoField(label=_("Foto (opsional)"), required=False)
    # Honeypot: hidden from people by CSS, filled in by form-filling robots.
    situs_web = forms.CharField(label=_("Jangan diisi"), required=False)
    lintang = forms.DecimalField(
        label=_("Lintang"),
        max_digits=9,
        decimal_places=6,
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.TextInput(attrs=KOORDINAT),
    )
    bujur = forms.DecimalField(
        label=_("Bujur"),
        max_digits=9,
        decimal_places=6,
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.TextInput(attrs=KOORDINAT),
    )

    class Meta:
        model = Pengaduan
        fields = FIELD_ISI
        labels = {"kontak": _("Kontak (opsional, tidak ditampilkan)")}
        help_texts = {
            "kontak": _(
                "Nomor telepon atau surel bila Dinas perlu menghubungi Anda. "
                "Tidak pernah ditampilkan di halaman publik atau laporan."
            ),
            "alamat": _("Wajib bila titik tidak ditandai pada peta."),
        }
        widgets = {"uraian": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args: Any, kota: QuerySet[KabupatenKota] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        kota = kota if kota is not None else kota_dikenal()
        self.fields["kabupaten_kota"].queryset = kota
        self.fields["kabupaten_kota"].empty_label = _("— pilih kabupaten/kota —")
        self.fields["kelurahan"] = KelurahanField(
            label=_("Kelurahan/desa"),
            queryset=Kelurahan.objects.filter(kecamatan__kabupaten_kota__in=kota)
            .select_related("kecamatan__kabupaten_kota")
            .order_by("kecamatan__kabupaten_kota__nama", "nama"),
            empty_label=_("— pilih kelurahan/desa —"),
        )
        self.fields["uraian"].max_length = 4000
        self.fields["uraian"].widget.attrs["maxlength"] = 4000
        self.fields["situs_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def robot(self) -> bool:
        return bool(self.data.get("situs_web"))


class PengaduanDinasForm(PengaduanForm):
    """Entered by the Dinas from the media or another perangkat daerah."""

    class Meta(PengaduanForm.Meta):
        fields = ["sumber", *FIELD_ISI]


class LangkahForm(forms.Form):
    ke = forms.ChoiceField(choices=Pengaduan.Status.choices, widget=forms.HiddenInput)
    versi = forms.IntegerField(widget=forms.HiddenInput)


def langkah_form(pengaduan: Pengaduan, ke: str, data: Any = None) -> forms.Form:
    """Return the form of step `ke`: that step's fields (checked by the service) and the
    version the page was opened at."""
    nama = FIELD_TAHAP[ke] + FIELD_TAMBAHAN.get(ke, [])
    bidang = forms.fields_for_model(
        Pengaduan,
        fields=nama,
        widgets={
            "tanggal_cek": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tenggat": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tanggal_selesai": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "evaluasi_perizinan": forms.Textarea(attrs={"rows": 2}),
            "evaluasi_standar_teknis": forms.Textarea(attrs={"rows": 2}),
            "evaluasi_kelaikan_fungsi": forms.Textarea(attrs={"rows": 2}),
            "catatan_triase": forms.Textarea(attrs={"rows": 3}),
            "hasil_cek_lapangan": forms.Textarea(attrs={"rows": 4}),
            "rekomendasi": forms.Textarea(attrs={"rows": 3}),
            "catatan_selesai": forms.Textarea(attrs={"rows": 2}),
        },
    )
    if "lokasi" in bidang:
        bidang["lokasi"].queryset = Lokasi.objects.filter(
            kabupaten_kota_id=pengaduan.kabupaten_kota_id
        ).order_by("nama")
    kelas = type("LangkahIsiForm", (LangkahForm,), bidang)
    awal = {"ke": ke, "versi": pengaduan.versi, "lokasi": pengaduan.lokasi_id}
    return kelas(data, initial=awal, prefix=ke)


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Semua")),
            ("terbuka", _("Belum selesai")),
            ("terlambat", _("Rekomendasi lewat tenggat")),
            *Pengaduan.Status.choices,
        ],
    )
    kategori = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Semua")), *Pengaduan.Kategori.choices]
    )
    kelurahan = forms.ModelChoiceField(
        label=_("Kelurahan/desa"),
        required=False,
        queryset=Kelurahan.objects.none(),
        empty_label=_("Semua"),
    )

    def __init__(self, *args: Any, kota: QuerySet[KabupatenKota], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = Kelurahan.objects.filter(
            kecamatan__kabupaten_kota__in=kota
        ).order_by("nama")


class LaporanForm(forms.Form):
    dari = forms.DateField(label=_("Dari tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(
        label=_("Sampai tanggal"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kabkota = forms.ModelChoiceField(
        label=_("Kabupaten/kota"), queryset=KabupatenKota.objects.none()
    )

    def __init__(self, *args: Any, kota: QuerySet[KabupatenKota], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kabkota"].queryset = kota
        if kota.count() == 1:
            self.fields["kabkota"].initial = kota.first()

    def clean(self) -> dict:
        d = super().clean()
        if d.get("dari") and d.get("sampai") and d["dari"] > d["sampai"]:
            self.add_error("sampai", _("Sampai tanggal tidak boleh sebelum dari tanggal."))
        return d
