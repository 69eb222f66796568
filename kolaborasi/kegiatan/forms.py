"""Forms of kegiatan: the list's filters, the kegiatan with its funding per source, effect rows.

Choices (lokasi, RT units, stakeholders) come only from the kegiatan's own kab/kota.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from kolaborasi import aturan
from kolaborasi.kegiatan import aturan_kegiatan
from kolaborasi.kegiatan.services import Dana, Efek
from kolaborasi.models import Kegiatan, PemangkuKepentingan
from lokasi.models import KabupatenKota, Kecamatan, Lokasi, UnitSurvei
from penilaian import rumus

SEMUA = [("", _("Semua"))]


class RupiahField(forms.DecimalField):
    """An amount typed the Indonesian way: "Rp 150.000.000", "150000000" or "1.500,50"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            teks = re.sub(r"(?i)^\s*rp\.?\s*", "", value).replace(" ", "")
            # Dots group thousands in Indonesian; a comma is the decimal mark.
            if "," in teks or teks.count(".") > 1 or re.fullmatch(r"\d{1,3}(\.\d{3})+", teks):
                teks = teks.replace(".", "").replace(",", ".")
            value = teks
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise
        except InvalidOperation as e:  # pragma: no cover - DecimalField already reports it
            raise forms.ValidationError(self.error_messages["invalid"]) from e

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(int(value))
        return value


def _label_lokasi(obj: Lokasi) -> str:
    return f"{obj.nama} ({obj.kode})" if obj.kode else obj.nama


def _label_unit(obj: UnitSurvei) -> str:
    return f"{obj.lokasi.nama} — RT {obj.rt}/RW {obj.rw}"


class LokasiChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Lokasi) -> str:
        return _label_lokasi(obj)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: UnitSurvei) -> str:
        return _label_unit(obj)


def _lokasi(kabkota: KabupatenKota) -> QuerySet[Lokasi]:
    return Lokasi.objects.filter(kabupaten_kota=kabkota).only("pk", "nama", "kode").order_by("nama")


def _unit(kabkota: KabupatenKota) -> QuerySet[UnitSurvei]:
    return (
        UnitSurvei.objects.filter(lokasi__kabupaten_kota=kabkota)
        .select_related("lokasi")
        .order_by("lokasi__nama", "rw", "rt")
    )


class FilterKegiatanForm(forms.Form):
    q = forms.CharField(label=_("Cari program, nama atau lokasi"), required=False)
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=SEMUA + aturan.pilihan(aturan.STATUS_KEGIATAN)
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.none(), required=False,
        empty_label=_("Semua"),
    )  # fmt: skip
    lokasi = forms.ChoiceField(label=_("Lokasi"), required=False)
    ruang_lingkup = forms.ChoiceField(
        label=_("Ruang lingkup"), required=False,
        choices=SEMUA + aturan.pilihan(aturan.RUANG_LINGKUP),
    )  # fmt: skip
    sumber = forms.ChoiceField(
        label=_("Sumber dana"), required=False, choices=SEMUA + aturan.pilihan(aturan.SUMBER_DANA)
    )
    pelaksana = forms.ChoiceField(
        label=_("Pelaksana"), required=False, choices=SEMUA + aturan.pilihan(aturan.PELAKSANA)
    )

    def __init__(self, *args: Any, kabkota: QuerySet[KabupatenKota], tahun: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = SEMUA + [(t, str(t)) for t in tahun]
        self.fields["kecamatan"].queryset = Kecamatan.objects.filter(
            kabupaten_kota__in=kabkota
        ).order_by("nama")
        lokasi = Lokasi.objects.filter(kabupaten_kota__in=kabkota).order_by("nama")
        self.fields["lokasi"].choices = [
            *SEMUA,
            ("kota", _("Skala kota")),
            *((str(pk), nama) for pk, nama in lokasi.values_list("pk", "nama")),
        ]

    def saring(self, qs: QuerySet[Kegiatan]) -> QuerySet[Kegiatan]:
        """Return the kegiatan matching the valid filters (an invalid filter is ignored)."""
        if not self.is_bound:
            return qs
        self.is_valid()
        d = getattr(self, "cleaned_data", {})
        if d.get("tahun"):
            qs = qs.filter(tahun=d["tahun"])
        for nama in ("status", "ruang_lingkup", "pelaksana"):
            if d.get(nama):
                qs = qs.filter(**{nama: d[nama]})
        if d.get("sumber"):
            qs = qs.filter(pendanaan__sumber=d["sumber"], pendanaan__jumlah__gt=0)
        lokasi = d.get("lokasi")
        if lokasi == "kota":
            qs = qs.filter(lokasi__isnull=True)
        elif lokasi:
            # A city-wide kegiatan belongs to a lokasi it allocates an effect to.
            qs = qs.filter(Q(lokasi_id=lokasi) | Q(efek__lokasi_id=lokasi))
        if d.get("kecamatan"):
            qs = qs.filter(
                Q(lokasi__kelurahan__kecamatan=d["kecamatan"])
                | Q(efek__lokasi__kelurahan__kecamatan=d["kecamatan"])
            )
        if q := d.get("q", "").strip():
            qs = qs.filter(
                Q(nama__icontains=q)
                | Q(program__icontains=q)
                | Q(sub_lingkup__icontains=q)
                | Q(lokasi__nama__icontains=q)
            )
        # Joins through effects, funding and kelurahan repeat rows: keep each kegiatan once.
        return Kegiatan.objects.filter(pk__in=qs.values("pk"))


class KegiatanForm(forms.ModelForm):
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False)
    biaya = RupiahField(label=_("Biaya (Rp)"))

    class Meta:
        model = Kegiatan
        fields = [
            "program", "nama", "ruang_lingkup", "sub_lingkup", "lokasi", "unit", "tahun",
            "tahun_awal_rencana", "biaya", "pelaksana", "penanggung_jawab", "dasar",
            "dasar_dokumen", "catatan",
        ]  # fmt: skip
        widgets = {"catatan": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"lokasi": LokasiChoiceField, "unit": UnitChoiceField}

    def __init__(self, *args: Any, kabupaten_kota: KabupatenKota, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kabupaten_kota = kabupaten_kota
        pemangku = PemangkuKepentingan.objects.filter(kabupaten_kota=kabupaten_kota).order_by(
            "nama"
        )
        self.fields["lokasi"].queryset = _lokasi(kabupaten_kota)
        self.fields["lokasi"].empty_label = _("— Skala kota (efek dialokasikan per lokasi) —")
        self.fields["lokasi"].help_text = _(
            "Kosongkan untuk kegiatan skala kota; efeknya lalu menyebut lokasi masing-masing."
        )
        self.fields["unit"].queryset = _unit(kabupaten_kota)
        self.fields["unit"].help_text = _("Bila kegiatan hanya di satu RT dari lokasi itu.")
        self.fields["penanggung_jawab"].queryset = pemangku
        if not self.instance.pk:
            self.initial.setdefault("tahun_awal_rencana", self.initial.get("tahun"))
        self.initial["versi"] = self.instance.versi if self.instance.pk else None
        dana = {d.sumber: d for d in self.instance.pendanaan.all()} if self.instance.pk else {}
        for kode, label in aturan.SUMBER_DANA.items():
            self.fields[f"dana_{kode}"] = RupiahField(label=label, required=False)
            self.fields[f"pemberi_{kode}"] = forms.ModelChoiceField(
                label=_("Pemberi dana %(sumber)s") % {"sumber": label},
                queryset=pemangku,
                required=False,
                empty_label="—",
            )
            if kode in dana:
                self.initial[f"dana_{kode}"] = dana[kode].jumlah
                self.initial[f"pemberi_{kode}"] = dana[kode].pemangku_id

    def baris_dana(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Return the funding fields as (amount, funder) pairs, one per source."""
        return [(self[f"dana_{k}"], self[f"pemberi_{k}"]) for k in aturan.SUMBER_DANA]

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        lokasi, unit = d.get("lokasi"), d.get("unit")
        if unit and lokasi is None:
            self.add_error("unit", _("Kegiatan skala kota tidak punya unit RT; isi lokasinya."))
        elif unit and unit.lokasi_id != lokasi.pk:
            self.add_error("unit", _("Unit RT harus unit dari lokasi kegiatan."))
        if d.get("tahun_awal_rencana") and d.get("tahun") and d["tahun"] < d["tahun_awal_rencana"]:
            self.add_error(
                "tahun_awal_rencana",
                _("Tahun awal rencana tidak boleh sesudah tahun pelaksanaan."),
            )
        if d.get("biaya") is not None and not self.errors.keys() & {
            f"dana_{k}" for k in aturan.SUMBER_DANA
        }:
            galat = aturan_kegiatan.galat_pendanaan(
                d["biaya"], {s.sumber: s.jumlah for s in self.dana()}
            )
            if galat:
                self.add_error("biaya", galat)
        return d

    def dana(self) -> list[Dana]:
        d = self.cleaned_data
        return [
            Dana(sumber=k, jumlah=d[f"dana_{k}"], pemangku=d.get(f"pemberi_{k}"))
            for k in aturan.SUMBER_DANA
            if d.get(f"dana_{k}")
        ]


KRITERIA_PILIHAN = [("", "—")] + [
    (k.kode, f"{k.kode} {k.nama} ({k.satuan})") for k in rumus.KRITERIA
]


class EfekForm(forms.Form):
    kriteria = forms.ChoiceField(label=_("Kriteria"), choices=KRITERIA_PILIHAN)
    volume = forms.DecimalField(
        label=_("Volume"), max_digits=14, decimal_places=2, min_value=Decimal("0.01"),
        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
    )  # fmt: skip
    lokasi = LokasiChoiceField(label=_("Lokasi"), queryset=Lokasi.objects.none(), required=False)
    unit = UnitChoiceField(label=_("Unit RT"), queryset=UnitSurvei.objects.none(), required=False)

    def __init__(self, *args: Any, pilihan: dict[str, Any], **kwargs: Any) -> None:
        kwargs["empty_permitted"] = True  # a blank row is skipped, wherever it is
        super().__init__(*args, **kwargs)
        # One evaluated list for every row instead of a query per row and field.
        self.fields["lokasi"].queryset = pilihan["lokasi"]
        self.fields["lokasi"].choices = pilihan["lokasi_choices"]
        self.fields["unit"].queryset = pilihan["unit"]
        self.fields["unit"].choices = pilihan["unit_choices"]


class _EfekFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Hapus")


EfekFormSet = forms.formset_factory(EfekForm, formset=_EfekFormSet, extra=0, can_delete=True)
BARIS_KOSONG = 2  # blank effect rows offered; "Tambah baris efek" adds one more without JS


def pilihan_efek(kabkota: KabupatenKota) -> dict[str, Any]:
    """Evaluate the effect rows' choices once (lokasi and RT units of the city)."""
    lokasi, unit = _lokasi(kabkota), _unit(kabkota)
    daftar_lokasi, daftar_unit = list(lokasi.all()), list(unit.all())
    return {
        "lokasi": lokasi,
        "unit": unit,
        "lokasi_choices": [("", "—")] + [(lk.pk, _label_lokasi(lk)) for lk in daftar_lokasi],
        "unit_choices": [("", "—")] + [(u.pk, _label_unit(u)) for u in daftar_unit],
    }


def efek_formset(
    data: Any, *, kegiatan: Kegiatan, kabkota: KabupatenKota, tambah: int = 0
) -> EfekFormSet:
    """Return the effect rows: bound to POST data, or the stored effects plus blank rows."""
    kwargs = {"prefix": "efek", "form_kwargs": {"pilihan": pilihan_efek(kabkota)}}
    if data is not None:
        if tambah:
            data = data.copy()
            data["efek-TOTAL_FORMS"] = str(int(data.get("efek-TOTAL_FORMS") or 0) + tambah)
        # No `initial` on a bound formset: every row is compared with blank, so a blank row is
        # skipped and a filled one is read, whatever it held before.
        return EfekFormSet(data, **kwargs)
    awal = [
        {
            "kriteria": e.kriteria,
            # As typed: 1210 and 0,5, not 1210,00.
            "volume": format(e.volume.normalize(), "f").replace(".", ","),
            "lokasi": e.lokasi_id,
            "unit": e.unit_id,
        }
        for e in (kegiatan.efek.all() if kegiatan.pk else [])
    ]
    formset = forms.formset_factory(
        EfekForm, formset=_EfekFormSet, extra=BARIS_KOSONG, can_delete=True
    )(initial=awal, **kwargs)
    return formset


def baca_efek(formset: EfekFormSet, lokasi_kegiatan: Lokasi | None) -> list[Efek]:
    """Return the filled, kept rows as effects; add row errors for lokasi/unit mismatches."""
    hasil = []
    for form in formset.forms:
        if not form.has_changed() or formset._should_delete_form(form) or form.errors:
            continue
        d = form.cleaned_data
        lokasi = d.get("lokasi")
        if lokasi_kegiatan is not None:
            if lokasi is not None and lokasi.pk != lokasi_kegiatan.pk:
                form.add_error(
                    "lokasi",
                    _t("kegiatan ini di %(lokasi)s; efeknya harus di lokasi itu")
                    % {"lokasi": lokasi_kegiatan.nama},
                )
                continue
            lokasi = lokasi_kegiatan
        elif lokasi is None:
            form.add_error("lokasi", _t("kegiatan skala kota: sebutkan lokasi efek ini"))
            continue
        unit = d.get("unit")
        if unit is not None and unit.lokasi_id != lokasi.pk:
            form.add_error("unit", _t("unit RT ini bukan bagian dari %(lokasi)s") % {
                "lokasi": lokasi.nama
            })  # fmt: skip
            continue
        hasil.append(Efek(kriteria=d["kriteria"], volume=d["volume"], lokasi=lokasi, unit=unit))
    return hasil


def galat_baris(formset: EfekFormSet) -> list[str]:
    """Return the rows' errors as "Efek baris 2, volume: …" (numbered as the page shows them)."""
    pesan = []
    for nomor, form in enumerate(formset.forms, start=1):
        for nama, galat in form.errors.items():
            label = form.fields[nama].label if nama in form.fields else ""
            for g in galat:
                awalan = _t("Efek baris %(n)s") % {"n": nomor}
                pesan.append(f"{awalan}, {str(label).lower()}: {g}" if label else f"{awalan}: {g}")
    pesan += [str(g) for g in formset.non_form_errors()]
    return pesan
