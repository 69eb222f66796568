"""REST endpoints of stakeholders and cooperation agreements (read-only, scoped, paginated)."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.viewsets import ReadOnlyModelViewSet

from kolaborasi import aturan
from kolaborasi.models import Kegiatan, PemangkuKepentingan, PerjanjianKerjaSama, Pertemuan
from kumuh.api import HalamanAPI, Urutan
from lokasi.serializers import LokasiRingkasSerializer

# Not enums in the schema: drf-spectacular names enums after the field and "jenis" is already
# KabupatenKota's (see lokasi.serializers.JenisKelurahanField).
JENIS_PEMANGKU_BANTUAN = "Kode jenis: " + ", ".join(f"`{k}`" for k in aturan.JENIS_PEMANGKU)


class PemangkuSerializer(serializers.ModelSerializer[PemangkuKepentingan]):
    jenis = serializers.CharField(read_only=True, help_text=JENIS_PEMANGKU_BANTUAN)
    kabupaten_kota = serializers.CharField(source="kabupaten_kota.kode", read_only=True)
    internal = serializers.BooleanField(read_only=True)
    kompetensi = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = PemangkuKepentingan
        fields = ["id", "kabupaten_kota", "nama", "jenis", "internal", "kompetensi", "alamat",
                  "kontak_nama", "kontak_jabatan", "telepon", "email", "aktif"]  # fmt: skip


class PemangkuRingkasSerializer(serializers.ModelSerializer[PemangkuKepentingan]):
    jenis = serializers.CharField(read_only=True, help_text=JENIS_PEMANGKU_BANTUAN)

    class Meta:
        model = PemangkuKepentingan
        fields = ["id", "nama", "jenis"]


class KegiatanRingkasSerializer(serializers.ModelSerializer[Kegiatan]):
    class Meta:
        model = Kegiatan
        fields = ["id", "nama", "tahun", "status"]


class PertemuanRingkasSerializer(serializers.ModelSerializer[Pertemuan]):
    # A plain string: one "jenis" enum in the schema (the stakeholders'), no name collision.
    jenis = serializers.CharField(read_only=True)

    class Meta:
        model = Pertemuan
        fields = ["id", "jenis", "tanggal"]


class PKSSerializer(serializers.ModelSerializer[PerjanjianKerjaSama]):
    kabupaten_kota = serializers.CharField(source="kabupaten_kota.kode", read_only=True)
    pihak_kedua = PemangkuRingkasSerializer(source="pemangku", read_only=True)
    kegiatan = KegiatanRingkasSerializer(many=True, read_only=True)
    lokasi = LokasiRingkasSerializer(many=True, read_only=True)
    dilaporkan_pada = PertemuanRingkasSerializer(read_only=True, allow_null=True)
    belum_dilaporkan = serializers.BooleanField(read_only=True)
    ada_dokumen = serializers.SerializerMethodField()

    class Meta:
        model = PerjanjianKerjaSama
        fields = ["id", "kabupaten_kota", "nomor", "tanggal", "pihak_pertama", "pihak_kedua",
                  "ruang_lingkup", "jenis_sumberdaya", "nilai", "volume", "kegiatan", "lokasi",
                  "mulai", "selesai", "status", "dilaporkan_pada", "belum_dilaporkan",
                  "ada_dokumen"]  # fmt: skip

    def get_ada_dokumen(self, obj: PerjanjianKerjaSama) -> bool:
        return bool(obj.dokumen)


class PemangkuFilter(django_filters.FilterSet):
    jenis = django_filters.ChoiceFilter(choices=aturan.pilihan(aturan.JENIS_PEMANGKU))
    aktif = django_filters.BooleanFilter()
    ordering = Urutan(fields=(("nama", "nama"), ("jenis", "jenis")))


class PKSFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=aturan.pilihan(aturan.STATUS_PKS))
    jenis_sumberdaya = django_filters.ChoiceFilter(choices=aturan.pilihan(aturan.JENIS_SUMBERDAYA))
    belum_dilaporkan = django_filters.BooleanFilter(
        method="saring_belum_dilaporkan",
        label="Sudah ditandatangani tetapi belum dilaporkan ke Pokja PKP",
    )
    ordering = Urutan(fields=(("tanggal", "tanggal"), ("nomor", "nomor")))

    def saring_belum_dilaporkan(
        self, qs: QuerySet[PerjanjianKerjaSama], name: str, nilai: bool | None
    ) -> QuerySet[PerjanjianKerjaSama]:
        if nilai is None:
            return qs
        belum = qs.exclude(status="draf").filter(dilaporkan_pada__isnull=True)
        return belum if nilai else qs.exclude(pk__in=belum.values("pk"))


@extend_schema(tags=["kolaborasi"])
@extend_schema_view(
    list=extend_schema(summary="Daftar pemangku kepentingan dalam lingkup pemanggil"),
    retrieve=extend_schema(
        summary="Satu pemangku kepentingan",
        description="Pemangku kepentingan di luar lingkup pemanggil menjawab 404.",
    ),
)
class PemangkuViewSet(ReadOnlyModelViewSet):
    """Stakeholders (internal and external) of the kab/kota in the caller's scope."""

    queryset = PemangkuKepentingan.objects.none()
    serializer_class = PemangkuSerializer
    filterset_class = PemangkuFilter
    pagination_class = HalamanAPI
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]

    def get_queryset(self) -> QuerySet[PemangkuKepentingan]:
        return (
            PemangkuKepentingan.objects.untuk(self.request.user)
            .select_related("kabupaten_kota")
            .order_by("nama", "pk")
        )


@extend_schema(tags=["kolaborasi"])
@extend_schema_view(
    list=extend_schema(
        summary="Register perjanjian kerja sama dalam lingkup pemanggil",
        description="Kolom register PKS (spesifikasi §2.7); `belum_dilaporkan=true` memberi PKS "
        "yang sudah ditandatangani tetapi belum dilaporkan ke Pokja PKP.",
    ),
    retrieve=extend_schema(
        summary="Satu perjanjian kerja sama",
        description="PKS di luar lingkup pemanggil menjawab 404.",
    ),
)
class PKSViewSet(ReadOnlyModelViewSet):
    """Cooperation agreements of the kab/kota in the caller's scope."""

    queryset = PerjanjianKerjaSama.objects.none()
    serializer_class = PKSSerializer
    filterset_class = PKSFilter
    pagination_class = HalamanAPI
    permission_classes = [IsAuthenticated]
    renderer_classes = [JSONRenderer]

    def get_queryset(self) -> QuerySet[PerjanjianKerjaSama]:
        return (
            PerjanjianKerjaSama.objects.untuk(self.request.user)
            .select_related("kabupaten_kota", "pemangku", "dilaporkan_pada")
            .prefetch_related("kegiatan", "lokasi__kabupaten_kota", "lokasi__kelurahan")
            .order_by("-tanggal", "-pk")
        )
