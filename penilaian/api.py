"""REST endpoints of penilaian (DRF). They call the same rules as the pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import django_filters
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse as drf_reverse
from rest_framework.views import APIView
from rest_framework.viewsets import ReadOnlyModelViewSet

from kumuh.api import HalamanAPI, IdFilter, TahunFilter, Urutan
from lokasi.models import Lokasi
from lokasi.serializers import LokasiRingkasSerializer
from penilaian import rumus
from penilaian.hasil_survei import FIELD_HASIL
from penilaian.kalkulator import STATUS_TIDAK_TERBACA, hitung_teks, tulis_jsonl
from penilaian.models import BERPRIORITAS, IsianKriteria, NumerikPenilaian, Penilaian, Status
from penilaian.prioritas import PRIORITAS_DAFTAR, penilaian_terakhir


@extend_schema(
    summary="Hitung penilaian tanpa menyimpan (kalkulator)",
    request={
        "application/json": {"type": "array", "items": {"type": "object"}},
        "application/x-ndjson": {"type": "string"},
    },
    responses={
        (200, "application/x-ndjson"): OpenApiTypes.STR,
        (400, "application/x-ndjson"): OpenApiTypes.STR,
    },
)
class HitungView(APIView):
    """POST a JSON array or JSON Lines of survey records; get JSON Lines of results back.

    Same contract as `manage.py kumuh_hitung` (kalkulator.md); nothing is saved. Answers 200
    when the input was read (rejected records carry their "error"), 400 when it is not JSON.
    """

    permission_classes = [IsAuthenticated]
    baca_saja = True  # kumuh.sqlite: computes, saves nothing; no write lock on SQLite
    # Read the raw body ourselves: JSON Lines is not something DRF's parsers understand.
    parser_classes = []

    def post(self, request: Request) -> HttpResponse:
        teks = request.body.decode("utf-8-sig", errors="replace")
        hasil, status = hitung_teks(teks)
        return HttpResponse(
            tulis_jsonl(hasil),
            status=400 if status == STATUS_TIDAK_TERBACA else 200,
            content_type="application/x-ndjson; charset=utf-8",
            headers={"X-Kumuh-Status": str(status)},
        )


# --- read-only survey data (docs/api.md) --------------------------------------------------------


class PilihanAtauNull(serializers.ChoiceField):
    """A stored choice where "" means "not computed yet"; the API says null."""

    def __init__(self, choices: Any, **kwargs: Any) -> None:
        super().__init__(choices, read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value: str) -> str | None:
        return value or None


def _pilihan(enum: type) -> list[tuple[str, str]]:
    return [(x.value, x.value) for x in enum]


class SurveyorSerializer(serializers.Serializer):
    """Tabel 1 A."""

    nama = serializers.CharField(source="surveyor_nama")
    instansi = serializers.CharField(source="surveyor_instansi")
    jabatan = serializers.CharField(source="surveyor_jabatan")
    telepon = serializers.CharField(source="surveyor_telepon")


class RespondenSerializer(serializers.Serializer):
    """Tabel 1 B."""

    nama = serializers.CharField(source="responden_nama")
    jabatan = serializers.CharField(source="responden_jabatan")
    telepon = serializers.CharField(source="responden_telepon")


class LegalitasLahanSerializer(serializers.Serializer):
    """Tabel 3 B: true (+), false (−), null not filled in."""

    status_penguasaan = serializers.BooleanField(allow_null=True)
    kesesuaian_rtr = serializers.BooleanField(allow_null=True)


class PertimbanganLainSerializer(serializers.Serializer):
    """Tabel 3 C as entered; a null density is computed (see hasil.rinci.kepadatan_penduduk)."""

    strategis = serializers.BooleanField(allow_null=True)
    kepadatan_penduduk = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    potensi_sosekbud = serializers.BooleanField(allow_null=True)


class IsianKriteriaSerializer(serializers.ModelSerializer[IsianKriteria]):
    nama = serializers.SerializerMethodField()
    pita = PilihanAtauNull(
        list(rumus.PITA_SKOR),
        help_text="Pilihan Format Isian; null bila kriteria dihitung dari Format Numerik.",
    )
    foto = serializers.SerializerMethodField(
        help_text="Alamat foto (halaman web, perlu sesi peramban); null bila tidak ada."
    )

    class Meta:
        model = IsianKriteria
        fields = ["kode", "nama", "pita", "keterangan", "foto"]

    def get_nama(self, isian: IsianKriteria) -> str:
        return rumus.KRITERIA_PER_KODE[isian.kode].nama

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_foto(self, isian: IsianKriteria) -> str | None:
        if not isian.foto:
            return None
        url = reverse("penilaian:foto", args=[isian.penilaian_id, isian.kode])
        return self.context["request"].build_absolute_uri(url)


class UnitNumerikSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kelurahan = serializers.CharField(source="kelurahan.kode")
    rt = serializers.CharField()
    rw = serializers.CharField()


class NumerikSerializer(serializers.ModelSerializer[NumerikPenilaian]):
    """One Format Numerik sheet (Tabel 2): of an RT unit, or of the whole lokasi (unit null)."""

    unit = UnitNumerikSerializer(allow_null=True, read_only=True)

    class Meta:
        model = NumerikPenilaian
        fields = ["unit", *rumus.NUMERIK_FIELDS]


_PER_KRITERIA_ANGKA = {
    "type": "object",
    "additionalProperties": {"type": "string", "format": "decimal", "nullable": True},
}
_PER_KUNCI_SKOR = {"type": "object", "additionalProperties": {"type": "integer"}}
RINCI_SCHEMA = {
    "type": "object",
    "description": (
        "Hasil rinci tersimpan; kosong ({}) selama isian belum lengkap. Kunci kriteria "
        "`1a`…`7b`, aspek `1`…`7`, unit menurut id unit survei."
    ),
    "properties": {
        "persen": _PER_KRITERIA_ANGKA,
        "skor": _PER_KUNCI_SKOR,
        "sumber": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "Asal nilai kriteria: `persen`, `pita` atau `numerik`.",
        },
        "skor_aspek": _PER_KUNCI_SKOR,
        "kepadatan_penduduk": {"type": "string", "format": "decimal", "nullable": True},
        "skor_pertimbangan": _PER_KUNCI_SKOR,
        "volume": _PER_KRITERIA_ANGKA,
        "unit": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "nilai_kekumuhan": {"type": "integer"},
                    "tingkat_kekumuhan": {"type": "string"},
                    "skor": _PER_KUNCI_SKOR,
                    "persen": _PER_KRITERIA_ANGKA,
                },
            },
        },
    },
}


@extend_schema_field(RINCI_SCHEMA)
class RinciField(serializers.JSONField):
    pass


class HasilSerializer(serializers.Serializer):
    """The stored results (Tabel 3–4); null while `kekurangan` is not empty."""

    nilai_kekumuhan = serializers.IntegerField(allow_null=True)
    tingkat_kekumuhan = PilihanAtauNull(_pilihan(rumus.TingkatKekumuhan))
    nilai_pertimbangan_lain = serializers.IntegerField(allow_null=True)
    tingkat_pertimbangan_lain = PilihanAtauNull(_pilihan(rumus.TingkatPertimbangan))
    legalitas = PilihanAtauNull(_pilihan(rumus.Legalitas))
    klasifikasi = PilihanAtauNull(sorted(rumus.PRIORITAS))
    prioritas = serializers.IntegerField(allow_null=True)
    label_prioritas = serializers.CharField(allow_null=True, help_text='Misalnya "B1/ 2".')
    pola_penanganan = PilihanAtauNull(_pilihan(rumus.PolaPenanganan))
    kewenangan = PilihanAtauNull(_pilihan(rumus.Kewenangan))
    rinci = RinciField(source="hasil")

    def to_representation(self, penilaian: Penilaian) -> dict:
        data = super().to_representation(penilaian)
        data["label_prioritas"] = data["label_prioritas"] or None
        return data


class KekuranganSerializer(serializers.Serializer):
    field = serializers.CharField()
    pesan = serializers.CharField()


class PenilaianSerializer(serializers.ModelSerializer[Penilaian]):
    url = serializers.HyperlinkedIdentityField(view_name="api_penilaian_detail")
    lokasi = LokasiRingkasSerializer(read_only=True)
    status = serializers.ChoiceField(Status.choices, read_only=True)
    surveyor = SurveyorSerializer(source="*", read_only=True)
    responden = RespondenSerializer(source="*", read_only=True)
    legalitas_lahan = LegalitasLahanSerializer(source="*", read_only=True)
    pertimbangan_lain = PertimbanganLainSerializer(source="*", read_only=True)
    isian = IsianKriteriaSerializer(many=True, read_only=True)
    numerik = NumerikSerializer(many=True, read_only=True)
    hasil = HasilSerializer(source="*", read_only=True)
    lengkap = serializers.BooleanField(
        read_only=True, help_text="Hasil sudah dapat dihitung (tidak ada kekurangan)."
    )
    kekurangan = KekuranganSerializer(many=True, read_only=True)

    class Meta:
        model = Penilaian
        fields = [
            "id",
            "url",
            "lokasi",
            "tahun",
            "tanggal_survei",
            "status",
            "surveyor",
            "responden",
            "legalitas_lahan",
            "pertimbangan_lain",
            "isian",
            "numerik",
            "hasil",
            "lengkap",
            "kekurangan",
            "versi",
            "dibuat_pada",
            "diubah_pada",
        ]


class PenilaianFilter(django_filters.FilterSet):
    """The priority list's filters (penilaian.prioritas.FilterPrioritasForm), by code."""

    kabupaten_kota = django_filters.CharFilter(
        field_name="lokasi__kabupaten_kota__kode",
        help_text="Kode Kemendagri kab/kota, misalnya `33.75`.",
    )
    kecamatan = django_filters.CharFilter(
        method="saring_kecamatan", help_text="Kode Kemendagri kecamatan, misalnya `33.75.01`."
    )
    lokasi = IdFilter(field_name="lokasi_id", help_text="Id lokasi.")
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, help_text="Boleh diulang: `?status=diajukan&status=draf`."
    )
    tingkat = django_filters.ChoiceFilter(
        field_name="tingkat_kekumuhan", choices=_pilihan(rumus.TingkatKekumuhan)
    )
    prioritas = django_filters.TypedChoiceFilter(
        choices=[(p, str(p)) for p in PRIORITAS_DAFTAR], coerce=int
    )
    klasifikasi = django_filters.ChoiceFilter(choices=[(k, k) for k in sorted(rumus.PRIORITAS)])
    legalitas = django_filters.ChoiceFilter(choices=_pilihan(rumus.Legalitas))
    pola = django_filters.ChoiceFilter(
        field_name="pola_penanganan", choices=_pilihan(rumus.PolaPenanganan)
    )
    kumuh = django_filters.BooleanFilter(
        method="saring_kumuh",
        help_text="true: hanya yang berklasifikasi dan berprioritas (baris daftar prioritas); "
        "false: Tidak Kumuh atau belum lengkap.",
    )
    terakhir_disetujui = django_filters.BooleanFilter(
        method="saring_terakhir_disetujui",
        help_text="true: per lokasi hanya penilaian disetujui (Pokja atau sesudahnya) yang "
        "terakhir, seperti daftar prioritas; `tahun` lalu berarti *sampai dengan* tahun itu.",
    )
    tahun = TahunFilter(
        method="saring_tahun",
        help_text="Tahun penilaian; bersama `terakhir_disetujui=true`: sampai dengan tahun itu.",
    )
    ordering = Urutan(
        # {field: parameter}
        fields={
            "prioritas": "prioritas",
            "nilai_kekumuhan": "nilai_kekumuhan",
            "nilai_pertimbangan_lain": "nilai_pertimbangan_lain",
            "tahun": "tahun",
            "lokasi__nama": "lokasi",
            "id": "id",
        },
        help_text="Misalnya `prioritas,-nilai_kekumuhan,lokasi` (urutan daftar prioritas, "
        "bawaan untuk `terakhir_disetujui=true`); selain itu bawaannya `-tahun,-id`.",
    )

    class Meta:
        model = Penilaian
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Penilaian]) -> QuerySet[Penilaian]:
        qs = super().filter_queryset(queryset)
        if self.form.cleaned_data.get("terakhir_disetujui") and not self.form.cleaned_data.get(
            "ordering"
        ):
            qs = qs.urut_prioritas()
        return qs

    def saring_kecamatan(self, qs: QuerySet[Penilaian], name: str, kode: str) -> QuerySet:
        # Through a subquery, as the priority list does: a lokasi stays one row.
        return qs.filter(
            lokasi__in=Lokasi.objects.filter(kelurahan__kecamatan__kode=kode).values("pk")
        )

    def saring_kumuh(self, qs: QuerySet[Penilaian], name: str, kumuh: bool | None) -> QuerySet:
        if kumuh is None:
            return qs
        return qs.filter(BERPRIORITAS if kumuh else ~BERPRIORITAS)

    def saring_terakhir_disetujui(
        self, qs: QuerySet[Penilaian], name: str, terakhir: bool | None
    ) -> QuerySet[Penilaian]:
        if not terakhir:
            return qs
        return penilaian_terakhir(qs, tahun=self.form.cleaned_data.get("tahun"))

    def saring_tahun(self, qs: QuerySet[Penilaian], name: str, tahun: int) -> QuerySet:
        if self.form.cleaned_data.get("terakhir_disetujui"):
            return qs  # "up to" that year: saring_terakhir_disetujui passes it on
        return qs.filter(tahun=tahun)


@extend_schema(tags=["penilaian"])
@extend_schema_view(
    list=extend_schema(
        summary="Daftar penilaian (isian dan hasil) dalam lingkup pemanggil",
        description=(
            "Penilaian semua status atas lokasi dalam lingkup pemanggil, dengan isiannya "
            "(surveyor, responden, legalitas, pertimbangan lain, pilihan per kriteria, lembar "
            "Format Numerik per unit RT) dan hasil tersimpannya. Saringan sama dengan daftar "
            "prioritas; `terakhir_disetujui=true&kumuh=true` memberi baris daftar prioritas "
            "dalam urutannya."
        ),
    ),
    retrieve=extend_schema(
        summary="Satu penilaian: isian, lembar numerik, hasil",
        description="Penilaian di luar lingkup pemanggil menjawab 404.",
    ),
)
class PenilaianViewSet(ReadOnlyModelViewSet):
    """Surveys of the lokasi in the caller's scope, every status, with their inputs (surveyor,
    responden, legalitas, pertimbangan lain, band per criterion, numerik sheets per RT unit)
    and their stored results."""

    queryset = Penilaian.objects.none()  # the real one depends on the caller
    serializer_class = PenilaianSerializer
    filterset_class = PenilaianFilter
    pagination_class = HalamanAPI
    renderer_classes = [JSONRenderer]  # see lokasi.api.LokasiViewSet

    def get_queryset(self) -> QuerySet[Penilaian]:
        return (
            Penilaian.objects.untuk(self.request.user)
            .select_related("lokasi__kabupaten_kota")
            .prefetch_related("lokasi__kelurahan", "isian", Prefetch("numerik", URUTAN_NUMERIK))
            .order_by("-tahun", "-pk")
        )

    # list and retrieve answer through RepresentasiPenilaian: the same JSON as
    # PenilaianSerializer (which stays the schema, and the reference the tests compare with),
    # from plain rows instead of 50 surveys × (16 criteria + numerik sheets) of model instances
    # through nested serializers: ≈ 5 times less CPU for a page (docs/kinerja/produksi.md).

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        baris = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        halaman = self.paginate_queryset(baris.values(*KOLOM_PENILAIAN))
        data = RepresentasiPenilaian(request).banyak(halaman)
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        baris = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        satu = list(baris.filter(pk=kwargs["pk"]).values(*KOLOM_PENILAIAN)[:1])
        if not satu:
            raise Http404
        return Response(RepresentasiPenilaian(request).banyak(satu)[0])


URUTAN_NUMERIK = NumerikPenilaian.objects.select_related("unit__kelurahan").order_by(
    F("unit__kelurahan__kode").asc(nulls_first=True), "unit__rw", "unit__rt", "pk"
)


# --- the API's JSON from plain rows (values()), equal to PenilaianSerializer's --------------


def _pengubah(field: serializers.Field) -> Callable[[Any], Any]:
    """A fast to_representation for a non-null value of one DRF field, exact to DRF's own."""
    if isinstance(field, serializers.DecimalField) and field.decimal_places is not None:
        eksponen = -field.decimal_places
        lambat = field.to_representation

        def desimal(v: Decimal) -> Any:
            # A database decimal already has the column's scale: DRF's quantize keeps it as it
            # is; anything else goes through DRF itself.
            if isinstance(v, Decimal) and v.as_tuple().exponent == eksponen and v.is_finite():
                return format(v, "f")
            return lambat(v)

        sebagai_teks = getattr(
            field, "coerce_to_string", serializers.api_settings.COERCE_DECIMAL_TO_STRING
        )
        if not sebagai_teks or field.localize or field.normalize_output:
            return lambat
        return desimal
    if type(field) in (serializers.IntegerField, serializers.BigIntegerField):
        return int
    if type(field) is serializers.CharField:
        return str
    return field.to_representation


_NUMERIK = [(k, _pengubah(f)) for k, f in NumerikSerializer().fields.items() if k != "unit"]
_KEPADATAN = _pengubah(PertimbanganLainSerializer().fields["kepadatan_penduduk"])
_WAKTU = serializers.DateTimeField().to_representation
_TANGGAL = serializers.DateField().to_representation
_BOOL = serializers.BooleanField(allow_null=True).to_representation

KOLOM_PENILAIAN = (
    "id",
    "lokasi_id",
    "lokasi__kode",
    "lokasi__nama",
    "lokasi__kabupaten_kota__kode",
    "tahun",
    "tanggal_survei",
    "status",
    "surveyor_nama",
    "surveyor_instansi",
    "surveyor_jabatan",
    "surveyor_telepon",
    "responden_nama",
    "responden_jabatan",
    "responden_telepon",
    "status_penguasaan",
    "kesesuaian_rtr",
    "strategis",
    "kepadatan_penduduk",
    "potensi_sosekbud",
    *FIELD_HASIL,
    "versi",
    "dibuat_pada",
    "diubah_pada",
)


def _teks(v: Any) -> str | None:
    return None if v is None else str(v)


def _atau_null(v: Any) -> Any:
    return v or None


def _bool(v: Any) -> bool | None:
    return None if v is None else _BOOL(v)


class RepresentasiPenilaian:
    """PenilaianSerializer's representation of surveys given as `values(*KOLOM_PENILAIAN)`
    rows: their lokasi's kelurahan, the criteria and the numerik sheets in three queries."""

    def __init__(self, request: Request) -> None:
        self.request = request
        self._url_penilaian = self._awalan("api_penilaian_detail")
        self._url_lokasi = self._awalan("api_lokasi_detail")

    def _awalan(self, nama: str) -> Callable[[int], str]:
        # HyperlinkedIdentityField reverses one URL per object; an integer pk only changes the
        # number in it, so reverse once around a marker and put each pk in its place.
        penanda = 987654321987
        url = drf_reverse(nama, kwargs={"pk": penanda}, request=self.request)
        depan, _, belakang = url.partition(str(penanda))
        return lambda pk: f"{depan}{pk}{belakang}"

    def banyak(self, baris: Iterable[dict]) -> list[dict]:
        baris = list(baris)
        ids = [b["id"] for b in baris]
        kelurahan: dict[int, list[str]] = {}
        for lokasi_id, kode in (
            Lokasi.kelurahan.through.objects.filter(lokasi_id__in={b["lokasi_id"] for b in baris})
            .order_by("kelurahan__kode")
            .values_list("lokasi_id", "kelurahan__kode")
        ):
            kelurahan.setdefault(lokasi_id, []).append(kode)
        isian: dict[int, list[dict]] = {}
        for i in (
            IsianKriteria.objects.filter(penilaian_id__in=ids)
            .order_by("kode")
            .values("penilaian_id", "kode", "pita", "keterangan", "foto")
        ):
            isian.setdefault(i["penilaian_id"], []).append(self._isian(i))
        numerik: dict[int, list[dict]] = {}
        for n in URUTAN_NUMERIK.filter(penilaian_id__in=ids).values(
            "penilaian_id",
            "unit_id",
            "unit__kelurahan__kode",
            "unit__rt",
            "unit__rw",
            *_KUNCI_NUMERIK,
        ):
            numerik.setdefault(n["penilaian_id"], []).append(self._numerik(n))
        return [
            self._satu(
                b,
                kelurahan.get(b["lokasi_id"], []),
                isian.get(b["id"], []),
                numerik.get(b["id"], []),
            )
            for b in baris
        ]

    def _isian(self, i: dict) -> dict:
        foto = None
        if i["foto"]:
            url = reverse("penilaian:foto", args=[i["penilaian_id"], i["kode"]])
            foto = self.request.build_absolute_uri(url)
        return {
            "kode": i["kode"],
            "nama": rumus.KRITERIA_PER_KODE[i["kode"]].nama,
            "pita": i["pita"] or None,
            "keterangan": _teks(i["keterangan"]),
            "foto": foto,
        }

    def _numerik(self, n: dict) -> dict:
        unit = None
        if n["unit_id"] is not None:
            unit = {
                "id": n["unit_id"],
                "kelurahan": _teks(n["unit__kelurahan__kode"]),
                "rt": _teks(n["unit__rt"]),
                "rw": _teks(n["unit__rw"]),
            }
        data = {"unit": unit}
        for kunci, ubah in _NUMERIK:
            v = n[kunci]
            data[kunci] = None if v is None else ubah(v)
        return data

    def _satu(self, b: dict, kelurahan: list[str], isian: list, numerik: list) -> dict:
        hasil = {
            "nilai_kekumuhan": b["nilai_kekumuhan"],
            "tingkat_kekumuhan": _atau_null(b["tingkat_kekumuhan"]),
            "nilai_pertimbangan_lain": b["nilai_pertimbangan_lain"],
            "tingkat_pertimbangan_lain": _atau_null(b["tingkat_pertimbangan_lain"]),
            "legalitas": _atau_null(b["legalitas"]),
            "klasifikasi": _atau_null(b["klasifikasi"]),
            "prioritas": b["prioritas"],
            "label_prioritas": rumus.label_prioritas(b["klasifikasi"] or None, b["prioritas"])
            or None,
            "pola_penanganan": _atau_null(b["pola_penanganan"]),
            "kewenangan": _atau_null(b["kewenangan"]),
            "rinci": b["hasil"],
        }
        kepadatan = b["kepadatan_penduduk"]
        return {
            "id": b["id"],
            "url": self._url_penilaian(b["id"]),
            "lokasi": {
                "id": b["lokasi_id"],
                "url": self._url_lokasi(b["lokasi_id"]),
                "kode": _teks(b["lokasi__kode"]),
                "nama": _teks(b["lokasi__nama"]),
                "kabupaten_kota": _teks(b["lokasi__kabupaten_kota__kode"]),
                "kelurahan": kelurahan,
            },
            "tahun": b["tahun"],
            "tanggal_survei": _TANGGAL(b["tanggal_survei"]) if b["tanggal_survei"] else None,
            "status": b["status"],
            "surveyor": {
                "nama": _teks(b["surveyor_nama"]),
                "instansi": _teks(b["surveyor_instansi"]),
                "jabatan": _teks(b["surveyor_jabatan"]),
                "telepon": _teks(b["surveyor_telepon"]),
            },
            "responden": {
                "nama": _teks(b["responden_nama"]),
                "jabatan": _teks(b["responden_jabatan"]),
                "telepon": _teks(b["responden_telepon"]),
            },
            "legalitas_lahan": {
                "status_penguasaan": _bool(b["status_penguasaan"]),
                "kesesuaian_rtr": _bool(b["kesesuaian_rtr"]),
            },
            "pertimbangan_lain": {
                "strategis": _bool(b["strategis"]),
                "kepadatan_penduduk": None if kepadatan is None else _KEPADATAN(kepadatan),
                "potensi_sosekbud": _bool(b["potensi_sosekbud"]),
            },
            "isian": isian,
            "numerik": numerik,
            "hasil": hasil,
            "lengkap": b["nilai_kekumuhan"] is not None,
            "kekurangan": None
            if b["kekurangan"] is None
            else [{"field": str(k["field"]), "pesan": str(k["pesan"])} for k in b["kekurangan"]],
            "versi": b["versi"],
            "dibuat_pada": _WAKTU(b["dibuat_pada"]) if b["dibuat_pada"] else None,
            "diubah_pada": _WAKTU(b["diubah_pada"]) if b["diubah_pada"] else None,
        }


_KUNCI_NUMERIK = [k for k, _ in _NUMERIK]
