"""The survey form, following Format Isian: header (A–C), 16 criteria, legalitas, pertimbangan lain.

Type errors (not a number, negative) are form errors and nothing is saved. Consistency problems
(a part larger than its whole, a missing value) are not: the draft saves and the live panel lists
them as "kekurangan"; a survey can only be submitted once there are none.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from kumuh.gambar import FotoField
from penilaian import rumus
from penilaian.models import FIELD_ISIAN, PITA_PILIHAN, NumerikPenilaian, Penilaian
from penilaian.models.survei import YANG_ADA, urut_yang_ada

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


# Fields of PenilaianForm shown inside a criterion of the survey form, where the
# Format Isian asks them (Tabel 1 D.1, D.2, G.2).
FIELD_PER_KRITERIA = {
    "1a": ("kesesuaian_rdtr", "kesesuaian_rtbl", "dokumen_rdtr_rtbl"),
    "1b": ("kdb_rata_rata", "klb_rata_rata"),
    "4b": ("genangan",),
}
PILIHAN_PITA_CATAT = [("", _("belum diisi")), *PITA_PILIHAN]


class PenilaianForm(forms.ModelForm):
    # The hint is Tabel 3 B's own (−) wording: a lokasi only partly unclear is already (−).
    status_penguasaan = YaTidakField(
        label=_("Kejelasan status penguasaan lahan"),
        help_text=_(
            "(+) bila keseluruhan lokasi memiliki kejelasan status penguasaan lahan, baik milik "
            "sendiri atau milik pihak lain. (−) bila sebagian atau keseluruhan lokasi tidak "
            "memiliki kejelasan status penguasaan lahan: sebagian lokasi yang tidak jelas sudah "
            "membuat seluruh lokasi (−)."
        ),
    )
    kesesuaian_rtr = YaTidakField(
        label=_("Kesesuaian dengan RTR"),
        help_text=_(
            "(+) bila keseluruhan lokasi berada pada zona peruntukan perumahan/permukiman sesuai "
            "RTR. (−) bila sebagian atau keseluruhan lokasi berada bukan pada zona peruntukan "
            "perumahan/permukiman sesuai RTR."
        ),
    )
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
        widgets = {
            "tanggal_survei": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tanggal_pengisian": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kesesuaian_rdtr": forms.RadioSelect,
            "kesesuaian_rtbl": forms.RadioSelect,
            "genangan": forms.RadioSelect,
            "surveyor_alamat": forms.TextInput,
            "responden_alamat": forms.TextInput,
        }
        labels = {
            "kesesuaian_rdtr": _(
                "Kesesuaian bentuk, besaran, perletakan dan tampilan bangunan dengan arahan RDTR"
            ),
            "kesesuaian_rtbl": _(
                "Kesesuaian tata bangunan dan tata kualitas lingkungan dengan arahan RTBL"
            ),
            "dokumen_rdtr_rtbl": _("Dokumen RDTR / RTBL yang menjadi rujukan penataan bangunan"),
            "kdb_rata_rata": _("Nilai KDB rata-rata (%)"),
            "klb_rata_rata": _("Nilai KLB rata-rata"),
            "genangan": _("Genangan yang terjadi"),
        }
        help_texts = {
            "kesesuaian_rdtr": _(
                "Persentase bangunan pada lokasi yang tidak memiliki keteraturan."
            ),
            "kesesuaian_rtbl": _(
                "Persentase bangunan pada lokasi yang tidak memiliki keteraturan."
            ),
            "kdb_rata_rata": _("Koefisien Dasar Bangunan, 0–100 %. Dicatat, tidak dinilai."),
            "klb_rata_rata": _("Koefisien Lantai Bangunan, misalnya 1,2. Dicatat, tidak dinilai."),
            "tanggal_pengisian": _("Hari/tanggal responden mengisi."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["versi"].initial = self.instance.versi
        self.fields["tahun"].error_messages["required"] = _("Tahun wajib diisi.")
        for nama in ("kesesuaian_rdtr", "kesesuaian_rtbl"):
            self.fields[nama].choices = PILIHAN_PITA_CATAT
        self.fields["genangan"].choices = [
            ("", _("belum diisi")),
            *Penilaian.genangan.field.choices,
        ]
        for nama, label in (("kdb_rata_rata", "KDB"), ("klb_rata_rata", "KLB")):
            self.fields[nama].error_messages |= {
                "invalid": _("Nilai %(f)s rata-rata harus berupa angka.") % {"f": label},
            }

    def per_kriteria(self) -> dict[str, list]:
        """{kode: bound fields} of the answers shown inside a criterion (FIELD_PER_KRITERIA)."""
        return {kode: [self[n] for n in nama] for kode, nama in FIELD_PER_KRITERIA.items()}


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
            self.fields[f"foto_{k.kode}"] = FotoField(
                label=_("Foto %(kode)s") % {"kode": k.kode}, required=False
            )
            if k.kode in YANG_ADA:
                pertanyaan, pilihan = YANG_ADA[k.kode]
                label = f"{k.kode} {str(pertanyaan)[:1].upper()}{str(pertanyaan)[1:]}"
                # Django fills %(value)s; the label is put in first so the message names it.
                salah = _("%(label)s: “%%(value)s” bukan pilihan Format Isian untuk kriteria ini.")
                self.fields[f"yang_ada_{k.kode}"] = forms.MultipleChoiceField(
                    label=label,
                    choices=pilihan,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    initial=isian[k.kode].yang_ada if k.kode in isian else [],
                    error_messages={"invalid_choice": salah % {"label": label}},
                )
            self.fields[f"catatan_{k.kode}"] = forms.CharField(
                label=_("Catatan %(kode)s") % {"kode": k.kode},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=isian[k.kode].catatan if k.kode in isian else "",
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

    def lain(self) -> dict[str, dict[str, object]]:
        """{kode: {IsianKriteria field: value}}: the checklist and the note of each criterion."""
        hasil: dict[str, dict[str, object]] = {}
        for kode in rumus.KODE_KRITERIA:
            hasil[kode] = {"catatan": self.cleaned_data.get(f"catatan_{kode}", "").strip()}
            if kode in YANG_ADA:
                dipilih = self.cleaned_data.get(f"yang_ada_{kode}") or []
                hasil[kode]["yang_ada"] = urut_yang_ada(kode, dipilih)
        return hasil

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
                        "yang_ada": self[f"yang_ada_{kode}"] if kode in YANG_ADA else None,
                        "catatan": self[f"catatan_{kode}"],
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
    # The status the page showed: a step someone else took first is told apart from a 403.
    dari = forms.CharField(widget=forms.HiddenInput, required=False)
    catatan = forms.CharField(
        label=_("Catatan / alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PenilaianBaruForm(forms.Form):
    lokasi = forms.ModelChoiceField(label=_("Lokasi"), queryset=None)
    tahun = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    # One per page visit (the view's initial): the same form sent twice starts one survey.
    token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, lokasi_qs, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lokasi"].queryset = lokasi_qs
