"""Import kecamatan or kelurahan boundaries from a GeoJSON FeatureCollection (all or nothing).

The sibling of `impor_wilayah`: that one makes the regions from the Kemendagri code list, this
one gives existing regions their boundary, which the SK's Lampiran II draws. A feature is
matched by its `kode` property (Kemendagri "33.75.01", or BPS digits "337501"), else by its
`nama` within the kab/kota given with --kabkota. Every feature is checked first; one problem and
nothing is stored.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from lokasi.geo import GeoTidakValid, baca_batas
from lokasi.models import KabupatenKota, Kecamatan, Kelurahan

MODEL = {"kecamatan": Kecamatan, "kelurahan": Kelurahan}
# Kemendagri code shape per level, and its BPS spelling without dots (digits per segment).
POLA_KODE = {
    "kecamatan": re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    "kelurahan": re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}
SEGMEN_BPS = {"kecamatan": (2, 2, 2), "kelurahan": (2, 2, 2, 4)}
# Property names GIS exports use for the code and the name (checked in this order).
KUNCI_KODE = ("kode", "kode_kemendagri", "KODE", "kode_wilayah")
KUNCI_NAMA = ("nama", "NAMA", "name", "nama_wilayah")


def _properti(fitur: dict, kunci: tuple[str, ...]) -> str:
    properti = fitur.get("properties") or {}
    if not isinstance(properti, dict):
        return ""
    for k in kunci:
        nilai = properti.get(k)
        if nilai not in (None, ""):
            return str(nilai).strip()
    return ""


def baku_kode(kode: str, tingkat: str) -> str:
    """Return the Kemendagri spelling of a code ("337501" → "33.75.01"); others unchanged."""
    segmen = SEGMEN_BPS[tingkat]
    if kode.isdecimal() and len(kode) == sum(segmen):
        bagian, i = [], 0
        for n in segmen:
            bagian.append(kode[i : i + n])
            i += n
        return ".".join(bagian)
    return kode


def _baku_nama(nama: str) -> str:
    return " ".join(nama.split()).casefold()


class Command(BaseCommand):
    help = (
        "Impor batas kecamatan atau kelurahan dari GeoJSON (FeatureCollection). Fitur dicocokkan "
        "lewat properti 'kode' (kode Kemendagri), atau lewat 'nama' di kabupaten/kota --kabkota. "
        "Semua fitur diperiksa dulu; bila ada satu saja yang salah, tidak ada yang disimpan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("berkas", type=Path, help="berkas GeoJSON, UTF-8")
        parser.add_argument("--tingkat", required=True, choices=sorted(MODEL))
        parser.add_argument(
            "--kabkota",
            default="",
            help="kode Kemendagri kabupaten/kota, wajib bila fitur dicocokkan lewat nama",
        )

    def handle(self, *args, berkas: Path, tingkat: str, kabkota: str, **options) -> None:
        fitur = self._baca(berkas)
        kota = self._kabkota(kabkota)
        wilayah = self._wilayah(tingkat, kota)
        per_kode = {w.kode: w for w in wilayah}
        per_nama: dict[str, list] = {}
        for w in wilayah:
            if kota is not None and self._kota_dari(w, tingkat) == kota.pk:
                per_nama.setdefault(_baku_nama(w.nama), []).append(w)

        galat: list[str] = []
        simpan: dict[int, tuple[object, dict]] = {}  # pk → (region, boundary)
        asal: dict[int, int] = {}  # pk → feature number that claimed it
        for i, f in enumerate(fitur, start=1):
            label = f"Fitur ke-{i}"
            if not isinstance(f, dict) or f.get("type") != "Feature":
                galat.append(f"{label}: bukan Feature GeoJSON.")
                continue
            kode, nama = _properti(f, KUNCI_KODE), _properti(f, KUNCI_NAMA)
            if kode or nama:
                label += f" ({kode or nama})"
            try:
                batas = baca_batas(f.get("geometry"))
                if batas is None:
                    raise GeoTidakValid("Batas kawasan kosong (geometry tidak ada).")
            except GeoTidakValid as e:
                batas = None
                galat.append(f"{label}: {_pesan_geo(e)}")
            target, masalah = self._cocokkan(tingkat, kode, nama, kota, per_kode, per_nama)
            if masalah:
                galat.append(f"{label}: {masalah}")
                continue
            if target.pk in asal:
                galat.append(
                    f"{label}: {tingkat} {target.nama} ({target.kode}) ganda; sudah diberi batas "
                    f"oleh fitur ke-{asal[target.pk]}."
                )
                continue
            asal[target.pk] = i
            if batas is not None:
                simpan[target.pk] = (target, batas)
        if galat:
            raise CommandError("Tidak ada yang diimpor:\n" + "\n".join(galat))
        with transaction.atomic():
            for target, batas in simpan.values():
                target.batas = batas
                target.save(update_fields=["batas"])
        self.stdout.write(self.style.SUCCESS(f"{len(simpan)} batas {tingkat} disimpan."))

    def _baca(self, berkas: Path) -> list:
        try:
            data = json.loads(berkas.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as e:
            raise CommandError(f"Berkas {berkas} tidak dapat dibaca: {e}") from e
        except json.JSONDecodeError as e:
            raise CommandError(
                f"Berkas {berkas} bukan GeoJSON yang sah: {e.msg} (baris {e.lineno})."
            ) from e
        except RecursionError as e:
            raise CommandError(f"Berkas {berkas} bersarang terlalu dalam.") from e
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise CommandError(
                f"Berkas {berkas} harus berupa FeatureCollection GeoJSON (satu fitur per wilayah)."
            )
        fitur = data.get("features")
        if not isinstance(fitur, list) or not fitur:
            raise CommandError(f"Berkas {berkas} tidak berisi fitur.")
        return fitur

    def _kabkota(self, kode: str) -> KabupatenKota | None:
        if not kode:
            return None
        kota = KabupatenKota.objects.filter(kode=kode.strip()).first()
        if kota is None:
            raise CommandError(f"Kabupaten/kota dengan kode {kode} (--kabkota) tidak ditemukan.")
        return kota

    def _wilayah(self, tingkat: str, kota: KabupatenKota | None) -> list:
        if tingkat == "kecamatan":
            return list(Kecamatan.objects.all())
        return list(Kelurahan.objects.select_related("kecamatan"))

    @staticmethod
    def _kota_dari(wilayah, tingkat: str) -> int:
        if tingkat == "kecamatan":
            return wilayah.kabupaten_kota_id
        return wilayah.kecamatan.kabupaten_kota_id

    def _cocokkan(self, tingkat, kode, nama, kota, per_kode, per_nama):
        """Return (region, None) or (None, the problem)."""
        if kode:
            baku = baku_kode(kode, tingkat)
            if not POLA_KODE[tingkat].match(baku):
                return None, f"kode {kode} bukan kode {tingkat} Kemendagri."
            if baku not in per_kode:
                return None, (
                    f"{tingkat} dengan kode {baku} tidak ditemukan; impor daftar wilayahnya "
                    "dulu dengan impor_wilayah."
                )
            return per_kode[baku], None
        if not nama:
            return None, "tidak punya properti 'kode' maupun 'nama'."
        if kota is None:
            raise CommandError(
                f"Fitur '{nama}' dicocokkan lewat nama: sebutkan kabupaten/kotanya dengan "
                "--kabkota KODE (mis. --kabkota 33.75)."
            )
        calon = per_nama.get(_baku_nama(nama), [])
        if not calon:
            return None, f"{tingkat} bernama '{nama}' tidak ditemukan di {kota.nama}."
        if len(calon) > 1:
            return None, (
                f"nama '{nama}' ganda di {kota.nama} ("
                + ", ".join(w.kode for w in calon)
                + "); beri properti 'kode'."
            )
        return calon[0], None


def _pesan_geo(e: GeoTidakValid) -> str:
    # lokasi.geo words its messages for a kawasan; here the boundary is a region's.
    return str(e).replace("Batas kawasan", "Batas wilayah").replace("batas kawasan", "batas")
