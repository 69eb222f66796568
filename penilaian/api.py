"""REST endpoints of penilaian (DRF). They call the same rules as the pages."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView
from rest_framework.viewsets import ReadOnlyModelViewSet

from kumuh.api import HalamanAPI, IdFilter, TahunFilter, Urutan
from lokasi.models import Lokasi
from lokasi.serializers import LokasiRingkasSerializer
from penilaian import rumus
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
        numerik = NumerikPenilaian.objects.select_related("unit__kelurahan").order_by(
            F("unit__kelurahan__kode").asc(nulls_first=True), "unit__rw", "unit__rt", "pk"
        )
        return (
            Penilaian.objects.untuk(self.request.user)
            .select_related("lokasi__kabupaten_kota")
            .prefetch_related("lokasi__kelurahan", "isian", Prefetch("numerik", numerik))
            .order_by("-tahun", "-pk")
        )
