"""REST endpoints of kegiatan (DRF, read only): effects and funding included, scoped to the
caller's kab/kota like the pages."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.viewsets import ReadOnlyModelViewSet

from kolaborasi import aturan
from kolaborasi.models import EfekKegiatan, Kegiatan, PendanaanKegiatan
from kumuh.api import HalamanAPI, IdFilter, TahunFilter, Urutan
from lokasi.models import Lokasi
from penilaian import rumus


class EfekSerializer(serializers.ModelSerializer[EfekKegiatan]):
    kriteria = serializers.ChoiceField(choices=list(rumus.KODE_KRITERIA), read_only=True)
    satuan = serializers.CharField(read_only=True, help_text="Satuan Format Numerik kriteria.")
    lokasi = serializers.IntegerField(source="lokasi_id", read_only=True, help_text="Id lokasi.")
    unit = serializers.IntegerField(
        source="unit_id", read_only=True, allow_null=True, help_text="Id unit RT, bila ada."
    )

    class Meta:
        model = EfekKegiatan
        fields = ["kriteria", "volume", "satuan", "lokasi", "unit"]


class PendanaanSerializer(serializers.ModelSerializer[PendanaanKegiatan]):
    sumber = serializers.ChoiceField(choices=list(aturan.SUMBER_DANA), read_only=True)
    pemangku = serializers.IntegerField(
        source="pemangku_id", read_only=True, allow_null=True, help_text="Id pemberi dana."
    )

    class Meta:
        model = PendanaanKegiatan
        fields = ["sumber", "jumlah", "pemangku"]


class KegiatanSerializer(serializers.ModelSerializer[Kegiatan]):
    url = serializers.HyperlinkedIdentityField(view_name="api_kegiatan_detail")
    kabupaten_kota = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    lokasi = serializers.IntegerField(
        source="lokasi_id", read_only=True, allow_null=True,
        help_text="Id lokasi; null untuk kegiatan skala kota (efeknya menyebut lokasi).",
    )  # fmt: skip
    unit = serializers.IntegerField(source="unit_id", read_only=True, allow_null=True)
    ruang_lingkup = serializers.ChoiceField(choices=list(aturan.RUANG_LINGKUP), read_only=True)
    pelaksana = serializers.ChoiceField(choices=list(aturan.PELAKSANA), read_only=True)
    dasar = serializers.ChoiceField(choices=list(aturan.DASAR), read_only=True)
    status = serializers.ChoiceField(choices=list(aturan.STATUS_KEGIATAN), read_only=True)
    horizon = serializers.ChoiceField(choices=list(aturan.HORIZON), read_only=True)
    penanggung_jawab = serializers.IntegerField(
        source="penanggung_jawab_id", read_only=True, allow_null=True,
        help_text="Id pemangku kepentingan penanggung jawab.",
    )  # fmt: skip
    efek = EfekSerializer(many=True, read_only=True)
    pendanaan = PendanaanSerializer(many=True, read_only=True)

    class Meta:
        model = Kegiatan
        fields = [
            "id", "url", "kabupaten_kota", "lokasi", "unit", "program", "nama", "ruang_lingkup",
            "sub_lingkup", "tahun", "tahun_awal_rencana", "horizon", "biaya", "pelaksana",
            "penanggung_jawab", "dasar", "dasar_dokumen", "status", "catatan", "efek",
            "pendanaan", "versi", "dibuat_pada", "diubah_pada",
        ]  # fmt: skip


class KegiatanFilter(django_filters.FilterSet):
    tahun = TahunFilter(field_name="tahun", help_text="Tahun pelaksanaan.")
    status = django_filters.MultipleChoiceFilter(
        choices=aturan.pilihan(aturan.STATUS_KEGIATAN),
        help_text="Boleh diulang: `?status=direncanakan&status=dianggarkan`.",
    )
    lokasi = IdFilter(
        method="saring_lokasi",
        help_text="Id lokasi: kegiatan di lokasi itu dan kegiatan skala kota dengan efek di sana.",
    )
    kecamatan = django_filters.CharFilter(
        method="saring_kecamatan", help_text="Kode Kemendagri kecamatan, misalnya `33.75.01`."
    )
    ordering = Urutan(
        fields={"tahun": "tahun", "biaya": "biaya", "nama": "nama", "id": "id"},
        help_text="Misalnya `-biaya,nama`; bawaannya tahun, program, nama.",
    )

    class Meta:
        model = Kegiatan
        fields: list[str] = []

    def saring_lokasi(self, qs: QuerySet[Kegiatan], name: str, pk: int) -> QuerySet:
        ids = EfekKegiatan.objects.filter(lokasi_id=pk).values("kegiatan_id")
        return qs.filter(pk__in=Kegiatan.objects.filter(lokasi_id=pk).values("pk")) | qs.filter(
            pk__in=ids
        )

    def saring_kecamatan(self, qs: QuerySet[Kegiatan], name: str, kode: str) -> QuerySet:
        lokasi = Lokasi.objects.filter(kelurahan__kecamatan__kode=kode).values("pk")
        return qs.filter(lokasi__in=lokasi) | qs.filter(
            pk__in=EfekKegiatan.objects.filter(lokasi__in=lokasi).values("kegiatan_id")
        )


@extend_schema(tags=["kegiatan"])
@extend_schema_view(
    list=extend_schema(
        summary="Daftar kegiatan dalam lingkup pemanggil",
        description=(
            "Kegiatan penanganan (rencana dan pelaksanaan) kabupaten/kota dalam lingkup "
            "pemanggil, dengan efeknya (kriteria, volume dalam satuan Format Numerik, lokasi) "
            "dan pendanaan per sumber (berjumlah sama dengan biaya)."
        ),
    ),
    retrieve=extend_schema(
        summary="Satu kegiatan: data, efek, pendanaan",
        description="Kegiatan di luar lingkup pemanggil menjawab 404.",
    ),
)
class KegiatanViewSet(ReadOnlyModelViewSet):
    """Kegiatan of the caller's kab/kota with their effects and funding."""

    queryset = Kegiatan.objects.none()  # the real one depends on the caller
    serializer_class = KegiatanSerializer
    filterset_class = KegiatanFilter
    pagination_class = HalamanAPI
    renderer_classes = [JSONRenderer]

    def get_queryset(self) -> QuerySet[Kegiatan]:
        return (
            Kegiatan.objects.untuk(self.request.user)
            .select_related("kabupaten_kota")
            .prefetch_related("efek", "pendanaan")
            .order_by("tahun", "program", "nama", "pk")
        )
