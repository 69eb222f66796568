"""The survey form, following Format Isian: header (A–C), 16 criteria, legalitas, pertimbangan lain.

Type errors (not a number, negative) are form errors and nothing is saved. Consistency problems
(a part larger than its whole, a missing value) are not: the draft saves and the live panel lists
them as "kekurangan"; a survey can only be submitted once there are none.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lokasi.forms import cek_foto
from penilaian import rumus
from penilaian.models import FIELD_ISIAN, PITA_PILIHAN, NumerikPenilaian, Penilaian

# The Tabel 2 values every criterion divides by: entered once per sheet in "data umum".
NUMERIK_UMUM = rumus.NUMERIK_UMUM
# Every other numerik key belongs to exactly one criterion (the existing road and drainage
# lengths to 2a and 4a, which 2b and 4c also check against).
NUMERIK_KRITERIA: dict[str, tuple[str, ...]] = {
    k.kode: tuple(
        f for f in (k.bagian, k.batas_bagian) if f and f not in NUMERIK_UMUM and f != k.pembagi
    )
    for k in rumus.KRITERIA
}
NUMERIK_KRITERIA["2b"] = ("panjang_jalan_rusak_m",)
NUMERIK_KRITERIA["4c"] = ("panjang_drainase_rusak_m",)

PILIHAN_PLUS_MINUS = [("", _("belum diisi")), ("1", _("(+) ya")), ("0", _("(−) tidak"))]
PILIHAN_PITA = [("", _("dari Format Numerik")), *PITA_PILIHAN]


class YaTidakField(forms.TypedChoiceField):
    """(+)/(−) as radio buttons; blank means "not filled in yet" (None)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            choices=PILIHAN_PLUS_MINUS,
            coerce=lambda v: v == "1",
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value):
        if value is True:
            return "1"
        if value is False:
            return "0"
        return value


class PenilaianForm(forms.ModelForm):
    status_penguasaan = YaTidakField(label=_("Kejelasan status penguasaan lahan"))
    kesesuaian_rtr = YaTidakField(label=_("Kesesuaian dengan RTR"))
    strategis = YaTidakField(
        label=_("Nilai strategis lokasi"),
        help_text=_("(+) bila lokasi berada pada fungsi strategis kabupaten/kota."),
    )
    potensi_sosekbud = YaTidakField(
        label=_("Kondisi sosial, ekonomi dan budaya"),
        help_text=_("(+) bila lokasi punya potensi sosial, ekonomi, budaya untuk dikembangkan."),
    )
    versi = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Penilaian
        fields = FIELD_ISIAN
        widgets = {"tanggal_survei": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = self.instance.versi
        self.fields["tahun"].error_messages["required"] = _("Tahun wajib diisi.")


class IsianForm(forms.Form):
    """Bands, numerik sheets (one per RT unit, or one for the whole lokasi) and photos."""

    def __init__(self, *args, penilaian: Penilaian, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.penilaian = penilaian
        self.lembar = list(penilaian.numerik.all())  # prefetched with their units
        isian = {i.kode: i for i in penilaian.isian.all()}
        for k in rumus.KRITERIA:
            self.fields[f"pita_{k.kode}"] = forms.ChoiceField(
                label=_("%(kode)s pilihan isian") % {"kode": k.kode},
                choices=PILIHAN_PITA,
                required=False,
                widget=forms.RadioSelect,
                initial=isian[k.kode].pita if k.kode in isian else "",
            )
            self.fields[f"foto_{k.kode}"] = forms.ImageField(
                label=_("Foto %(kode)s") % {"kode": k.kode}, required=False, validators=[cek_foto]
            )
        for lembar in self.lembar:
            awalan = f"RT {lembar.unit.rt}/RW {lembar.unit.rw} — " if lembar.unit_id else ""
            for kunci in rumus.NUMERIK_FIELDS:
                # The stored precision (6 decimals of ha, 4 of m), so an imported value shows
                # and saves back unchanged.
                model = NumerikPenilaian._meta.get_field(kunci)
                self.fields[self.nama_numerik(lembar.unit_id, kunci)] = forms.DecimalField(
                    label=f"{awalan}{rumus.NUMERIK_FIELDS[kunci]} ({rumus.SATUAN_NUMERIK[kunci]})",
                    required=False,
                    min_value=Decimal(0),
                    max_digits=model.max_digits,
                    decimal_places=model.decimal_places,
                    initial=getattr(lembar, kunci),
                    widget=forms.NumberInput(
                        attrs={"step": str(Decimal(1).scaleb(-model.decimal_places))}
                    ),
                )

    @staticmethod
    def nama_numerik(unit_id: int | None, kunci: str) -> str:
        return f"n{unit_id or 0}_{kunci}"

    def pita(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(f"pita_{k}") or "" for k in rumus.KODE_KRITERIA}

    def numerik(self) -> dict[int | None, dict[str, Decimal | None]]:
        return {
            lembar.unit_id: {
                kunci: self.cleaned_data.get(self.nama_numerik(lembar.unit_id, kunci))
                for kunci in rumus.NUMERIK_FIELDS
            }
            for lembar in self.lembar
        }

    def foto(self) -> dict:
        return {k: self.cleaned_data.get(f"foto_{k}") for k in rumus.KODE_KRITERIA}

    # --- layout helpers for the template ------------------------------------------------------

    def bagian_umum(self) -> list[dict]:
        """Rows of the data-umum table: one per sheet, the shared denominators as columns."""
        return [
            {
                "lembar": lembar,
                "fields": [self[self.nama_numerik(lembar.unit_id, k)] for k in NUMERIK_UMUM],
            }
            for lembar in self.lembar
        ]

    def kriteria(self) -> list[dict]:
        """The 16 criteria grouped by aspect, each with its band, numerik and photo fields."""
        isian = {i.kode: i for i in self.penilaian.isian.all()}
        hasil = []
        for aspek in rumus.ASPEK:
            daftar = []
            for kode in aspek.kriteria:
                k = rumus.KRITERIA_PER_KODE[kode]
                daftar.append(
                    {
                        "k": k,
                        "pita": self[f"pita_{kode}"],
                        "foto": self[f"foto_{kode}"],
                        "ada_foto": bool(isian.get(kode) and isian[kode].foto),
                        "numerik": [
                            {
                                "lembar": lembar,
                                "fields": [
                                    self[self.nama_numerik(lembar.unit_id, f)]
                                    for f in NUMERIK_KRITERIA[kode]
                                ],
                            }
                            for lembar in self.lembar
                        ],
                    }
                )
            hasil.append({"aspek": aspek, "kriteria": daftar})
        return hasil


class AlurForm(forms.Form):
    ke = forms.CharField(widget=forms.HiddenInput)
    catatan = forms.CharField(
        label=_("Catatan / alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PenilaianBaruForm(forms.Form):
    lokasi = forms.ModelChoiceField(label=_("Lokasi"), queryset=None)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)

    def __init__(self, *args, lokasi_qs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lokasi"].queryset = lokasi_qs
