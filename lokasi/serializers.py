"""Representations of wilayah and lokasi for the read-only API v1 (docs/api.md).

Serializers only shape data: every number comes from a model field or property, so the API
shows what the pages show. Decimals are strings (DRF's default), to keep their exact value.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from lokasi.models import (
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Provinsi,
    Tipologi,
    UnitSurvei,
)

# A GeoJSON geometry as `Lokasi.sebagai_geojson()` gives it: the drawn boundary (Polygon or
# MultiPolygon), else the point; coordinates are [bujur, lintang] (RFC 7946).
GEOMETRI_SCHEMA = {
    "type": "object",
    "nullable": True,
    "description": (
        "Geometri GeoJSON (RFC 7946, koordinat [bujur, lintang]): batas kawasan bila sudah "
        "digambar, selain itu titik lokasi; null bila keduanya belum diisi."
    ),
    "properties": {
        "type": {"type": "string", "enum": ["Point", "Polygon", "MultiPolygon"]},
        "coordinates": {"type": "array", "items": {}},
    },
    "required": ["type", "coordinates"],
}


class ProvinsiSerializer(serializers.ModelSerializer[Provinsi]):
    class Meta:
        model = Provinsi
        fields = ["kode", "nama"]


# Not an enum in the schema: drf-spectacular names enums after the field, and
# KabupatenKota.jenis already is "JenisEnum" (ENUM_NAME_OVERRIDES in settings would fix this).
class JenisKelurahanField(serializers.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(read_only=True, help_text="`kelurahan` atau `desa`.", **kwargs)


class KelurahanSerializer(serializers.ModelSerializer[Kelurahan]):
    jenis = JenisKelurahanField()

    class Meta:
        model = Kelurahan
        fields = ["kode", "nama", "jenis"]


class KecamatanSerializer(serializers.ModelSerializer[Kecamatan]):
    kelurahan = KelurahanSerializer(many=True, read_only=True)

    class Meta:
        model = Kecamatan
        fields = ["kode", "nama", "kelurahan"]


class WilayahSerializer(serializers.ModelSerializer[KabupatenKota]):
    """A kab/kota with its provinsi and all its kecamatan and kelurahan/desa, nested."""

    provinsi = ProvinsiSerializer(read_only=True)
    kecamatan = KecamatanSerializer(many=True, read_only=True)

    class Meta:
        model = KabupatenKota
        fields = ["kode", "nama", "jenis", "kategori", "provinsi", "kecamatan"]


class KabupatenKotaRingkasSerializer(serializers.ModelSerializer[KabupatenKota]):
    class Meta:
        model = KabupatenKota
        fields = ["kode", "nama"]


class KecamatanRingkasSerializer(serializers.ModelSerializer[Kecamatan]):
    class Meta:
        model = Kecamatan
        fields = ["kode", "nama"]


class KelurahanLokasiSerializer(serializers.ModelSerializer[Kelurahan]):
    jenis = JenisKelurahanField()
    kecamatan = KecamatanRingkasSerializer(read_only=True)

    class Meta:
        model = Kelurahan
        fields = ["kode", "nama", "jenis", "kecamatan"]


class UnitSurveiSerializer(serializers.ModelSerializer[UnitSurvei]):
    kelurahan = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    jumlah_penduduk = serializers.IntegerField(read_only=True)

    class Meta:
        model = UnitSurvei
        fields = [
            "id",
            "kelurahan",
            "rt",
            "rw",
            "luas_ha",
            "jumlah_bangunan",
            "penduduk_laki_laki",
            "penduduk_perempuan",
            "jumlah_penduduk",
            "jumlah_kk",
            "panjang_jalan_ideal_m",
            "panjang_drainase_ideal_m",
        ]


class LokasiSerializer(serializers.ModelSerializer[Lokasi]):
    url = serializers.HyperlinkedIdentityField(view_name="api_lokasi_detail")
    kabupaten_kota = KabupatenKotaRingkasSerializer(read_only=True)
    kelurahan = KelurahanLokasiSerializer(many=True, read_only=True)
    tipologi = serializers.SerializerMethodField()
    luas_ha = serializers.DecimalField(
        # As stored (lokasi.models.LUAS): KOTAKU files carry hectares to 6 decimals.
        max_digits=14,
        decimal_places=6,
        read_only=True,
        allow_null=True,
        help_text="Luas yang berlaku: luas verifikasi bila ada, selain itu luas SK.",
    )
    jumlah_penduduk = serializers.IntegerField(read_only=True, allow_null=True)
    kepadatan_penduduk = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="Jiwa/ha atas luas yang berlaku.",
    )
    geometri = serializers.SerializerMethodField()
    unit_survei = UnitSurveiSerializer(many=True, read_only=True)

    class Meta:
        model = Lokasi
        fields = [
            "id",
            "url",
            "kode",
            "nama",
            "kabupaten_kota",
            "kelurahan",
            "rt_rw",
            "tipologi",
            "luas_sk_ha",
            "luas_verifikasi_ha",
            "luas_ha",
            "lintang",
            "bujur",
            "geometri",
            "jumlah_bangunan",
            "penduduk_laki_laki",
            "penduduk_perempuan",
            "jumlah_penduduk",
            "jumlah_kk",
            "kepadatan_penduduk",
            "panjang_jalan_ideal_m",
            "panjang_drainase_ideal_m",
            "permasalahan",
            "potensi",
            "unit_survei",
            "versi",
            "diubah_pada",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(Tipologi.choices)))
    def get_tipologi(self, lokasi: Lokasi) -> list[str]:
        return [t.kode for t in lokasi.tipologi_set.all()]

    @extend_schema_field(GEOMETRI_SCHEMA)
    def get_geometri(self, lokasi: Lokasi) -> dict | None:
        fitur = lokasi.sebagai_geojson()
        return fitur["geometry"] if fitur else None


class LokasiRingkasSerializer(serializers.ModelSerializer[Lokasi]):
    """The lokasi of a survey: enough to join with /lokasi/ and /wilayah/ by id and codes."""

    url = serializers.HyperlinkedIdentityField(view_name="api_lokasi_detail")
    kabupaten_kota = serializers.SlugRelatedField(slug_field="kode", read_only=True)
    kelurahan = serializers.SlugRelatedField(slug_field="kode", many=True, read_only=True)

    class Meta:
        model = Lokasi
        fields = ["id", "url", "kode", "nama", "kabupaten_kota", "kelurahan"]


# --- GeoJSON (`?format=geojson`) ----------------------------------------------------------------
# Only describe the schema: api.GeoJSONRenderer reshapes LokasiSerializer's data. "type" is a
# pattern, not an enum: two enums of one property name would collide in drf-spectacular.


@extend_schema_field({"type": "string", "pattern": "^Feature$", "example": "Feature"})
class _TipeFitur(serializers.CharField):
    pass


@extend_schema_field(
    {"type": "string", "pattern": "^FeatureCollection$", "example": "FeatureCollection"}
)
class _TipeKoleksi(serializers.CharField):
    pass


@extend_schema_field(GEOMETRI_SCHEMA)
class _Geometri(serializers.JSONField):
    pass


class LokasiPropertiSerializer(LokasiSerializer):
    class Meta(LokasiSerializer.Meta):
        fields = [f for f in LokasiSerializer.Meta.fields if f != "geometri"]


@extend_schema_serializer(many=False)
class LokasiFiturSerializer(serializers.Serializer):
    type = _TipeFitur()
    id = serializers.IntegerField()
    geometry = _Geometri()
    properties = LokasiPropertiSerializer(help_text="Semua field lokasi kecuali `geometri`.")


@extend_schema_serializer(many=False)
class LokasiKoleksiSerializer(serializers.Serializer):
    type = _TipeKoleksi()
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    features = LokasiFiturSerializer(many=True)
