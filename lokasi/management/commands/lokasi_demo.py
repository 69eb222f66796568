"""Load lokasi's demo: real Kemendagri regions, synthetic locations labelled as demo, users.

The first step of `manage.py kumuh_demo`, which runs every app's `<app>_demo` in turn.
"""

from __future__ import annotations

import math
import random
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from lokasi import services
from lokasi.models import (
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Pengguna,
    Peran,
    Provinsi,
    Tipologi,
)

BERKAS_WILAYAH = Path(settings.BASE_DIR) / "fixtures" / "wilayah" / "wilayah_demo.csv"
KODE_KABKOTA = "33.75"  # Kota Pekalongan, whose Perwal 50/2022 is the project's main source
KODE_PROVINSI = "33"
SANDI_DEMO = "demo-kumuh-2026"
# Kota Pekalongan's built-up area, roughly; demo points are scattered inside it.
PUSAT = (-6.8886, 109.6753)
# Demo kecamatan boundaries: simple boxes (selatan, utara, barat, timur) roughly where the four
# kecamatan lie (Utara on the coast, Selatan inland, Barat and Timur either side of the middle).
# Not the official boundaries; each demo lokasi is placed inside its own kecamatan's box, so
# Lampiran II shows the lokasi where the map says their kecamatan is.
_S, _U, _B, _T = -6.9236, -6.8586, 109.6353, 109.7103
KOTAK_KECAMATAN = {
    "33.75.01": (-6.905, -6.872, _B, PUSAT[1]),  # Pekalongan Barat
    "33.75.02": (-6.905, -6.872, PUSAT[1], _T),  # Pekalongan Timur
    "33.75.03": (-6.872, _U, _B, _T),  # Pekalongan Utara
    "33.75.04": (_S, -6.905, _B, _T),  # Pekalongan Selatan
}
# Keeps a demo hexagon (≤ 240 m across its radius) inside its kecamatan's box.
SELA_DERAJAT = 0.0025

PENGGUNA_DEMO = [
    ("admin.pekalongan", "Admin Perkim (demo)", Peran.ADMIN_KABKOTA),
    ("operator.pekalongan", "Operator Dinas (demo)", Peran.OPERATOR),
    ("pokja.pekalongan", "Anggota Pokja PKP (demo)", Peran.POKJA),
    ("verifikator.jateng", "Verifikator Provinsi Jawa Tengah (demo)", Peran.VERIFIKATOR_PROVINSI),
    ("verifikator.pusat", "Verifikator Pusat (demo)", Peran.VERIFIKATOR_PUSAT),
]

NAMA_KAWASAN = [
    "Pesisir",
    "Bantaran Kali Loji",
    "Tambak Lorok",
    "Kampung Batik",
    "Bandengan",
    "Pantai Sari",
    "Kali Banger",
    "Pasar Grogolan",
    "Muara Kupang",
    "Klego Lama",
    "Sampangan Tepi Rel",
    "Setono",
    "Degayu",
    "Krapyak Lor",
    "Panjang Baru",
]
TIPOLOGI_POLA = [
    [Tipologi.DI_TEPI_AIR, Tipologi.DATARAN_RENDAH],
    [Tipologi.DATARAN_RENDAH],
    [Tipologi.DI_ATAS_AIR, Tipologi.RAWAN_BENCANA],
    [Tipologi.DATARAN_RENDAH, Tipologi.RAWAN_BENCANA],
    [Tipologi.DI_TEPI_AIR],
]
JUMLAH_LOKASI = 30


class Command(BaseCommand):
    help = "Muat data demo lokasi (Kota Pekalongan, 30 lokasi sintetis, satu pengguna per peran)."

    def handle(self, *args, **options) -> None:
        call_command("impor_wilayah", str(BERKAS_WILAYAH), stdout=self.stdout)
        with transaction.atomic():
            kabkota = KabupatenKota.objects.get(kode=KODE_KABKOTA)
            if kabkota.kategori != "sedang":
                kabkota.kategori = "sedang"
                kabkota.save(update_fields=["kategori"])
            pengguna = self._pengguna(kabkota)
            self._batas_kecamatan()
            operator = pengguna["operator.pekalongan"]
            kelurahan = list(
                Kelurahan.objects.filter(kecamatan__kabupaten_kota=kabkota)
                .select_related("kecamatan")
                .order_by("kode")
            )
            acak = random.Random(1100)  # fixed seed: the same demo every time (idempotent)
            for i in range(JUMLAH_LOKASI):
                self._lokasi(i, kabkota, kelurahan, acak, operator)
        self.stdout.write(
            self.style.SUCCESS(f"Data demo siap: {JUMLAH_LOKASI} lokasi di {kabkota}.")
        )
        self.stdout.write(f"Akun demo (kata sandi semuanya: {SANDI_DEMO}):")
        for username, _nama, peran in PENGGUNA_DEMO:
            self.stdout.write(f"  {username:24} {peran.label}")

    def _pengguna(self, kabkota: KabupatenKota) -> dict[str, Pengguna]:
        provinsi = Provinsi.objects.get(kode=KODE_PROVINSI)
        hasil = {}
        for username, nama, peran in PENGGUNA_DEMO:
            p, _ = Pengguna.objects.get_or_create(username=username)
            p.first_name = nama
            p.peran = peran
            p.kabupaten_kota = kabkota if peran in {"admin_kabkota", "operator", "pokja"} else None
            p.provinsi = provinsi if peran == Peran.VERIFIKATOR_PROVINSI else None
            p.set_password(SANDI_DEMO)
            p.save()
            hasil[username] = p
        return hasil

    def _lokasi(self, i, kabkota, kelurahan, acak, operator) -> None:
        kel = kelurahan[(i * 7) % len(kelurahan)]
        nama = f"{NAMA_KAWASAN[i % len(NAMA_KAWASAN)]} {kel.nama}"
        kode = f"DEMO-{i + 1:02d}"
        punya_unit = i % 4 == 0
        luas = Decimal(acak.randint(120, 1450)) / 100
        # The same draws as ever (so every other demo value stays), spread over the box of the
        # lokasi's kecamatan.
        lat, lon = _di_kecamatan(
            kel.kecamatan.kode, (acak.uniform(-0.035, 0.03) + 0.035) / 0.065,
            (acak.uniform(-0.04, 0.035) + 0.04) / 0.075,
        )  # fmt: skip
        bangunan = int(float(luas) * acak.randint(90, 260))
        penduduk = int(bangunan * acak.uniform(3.2, 4.4))
        lokasi = Lokasi.objects.filter(kabupaten_kota=kabkota, kode=kode).first() or Lokasi(
            kabupaten_kota=kabkota, kode=kode
        )
        lokasi.nama = nama
        lokasi.luas_sk_ha = luas
        lokasi.lintang, lokasi.bujur = lat, lon
        lokasi.batas = _poligon(lat, lon, luas) if i % 3 != 2 else None
        lokasi.permasalahan = (
            "[Data demo sintetis] Genangan rob saat pasang, jalan lingkungan rusak, "
            "sebagian rumah belum memiliki jamban sehat."
        )
        lokasi.potensi = "[Data demo sintetis] Sentra batik rumahan dan kelompok nelayan aktif."
        if not punya_unit:
            lokasi.rt_rw = f"RT {1 + i % 5:03d}, {2 + i % 5:03d} / RW {1 + i % 9:03d}"
            lokasi.luas_verifikasi_ha = luas - Decimal("0.15") if i % 2 else luas
            lokasi.jumlah_bangunan = bangunan
            lokasi.penduduk_laki_laki = penduduk // 2
            lokasi.penduduk_perempuan = penduduk - penduduk // 2
            lokasi.jumlah_kk = int(penduduk / 3.6)
            lokasi.panjang_jalan_ideal_m = Decimal(int(float(luas) * 160))
            lokasi.panjang_drainase_ideal_m = Decimal(int(float(luas) * 320))
        services.lokasi_simpan(
            lokasi=lokasi,
            pengguna=operator,
            versi_awal=lokasi.versi if lokasi.pk else None,
            kelurahan=[kel],
            tipologi=TIPOLOGI_POLA[i % len(TIPOLOGI_POLA)],
        )
        if punya_unit:
            self._unit(lokasi, kel, luas, bangunan, penduduk, operator)

    def _batas_kecamatan(self) -> None:
        for kode, kotak in KOTAK_KECAMATAN.items():
            Kecamatan.objects.filter(kode=kode).update(batas=_kotak_geojson(*kotak))

    def _unit(self, lokasi, kel, luas, bangunan, penduduk, operator) -> None:
        from lokasi.models import UnitSurvei

        n = 3
        for j in range(n):
            unit = UnitSurvei.objects.filter(
                lokasi=lokasi, kelurahan=kel, rt=f"{j + 1:03d}", rw="002"
            ).first()
            unit = unit or UnitSurvei(lokasi=lokasi, kelurahan=kel, rt=f"{j + 1:03d}", rw="002")
            unit.luas_ha = (luas / n).quantize(Decimal("0.0001"))
            unit.jumlah_bangunan = bangunan // n
            unit.penduduk_laki_laki = penduduk // (2 * n)
            unit.penduduk_perempuan = penduduk // (2 * n) + j
            unit.jumlah_kk = int(penduduk / n / 3.7)
            unit.panjang_jalan_ideal_m = Decimal(int(float(luas) * 150 / n))
            unit.panjang_drainase_ideal_m = Decimal(int(float(luas) * 300 / n))
            services.unit_simpan(unit=unit, pengguna=operator)


def _kotak_geojson(selatan: float, utara: float, barat: float, timur: float) -> dict:
    cincin = [[barat, selatan], [timur, selatan], [timur, utara], [barat, utara]]
    return {"type": "Polygon", "coordinates": [[*cincin, cincin[0]]]}


def _di_kecamatan(kode: str, u_lintang: float, u_bujur: float) -> tuple[Decimal, Decimal]:
    """Return the point at fractions (0–1) of the kecamatan's box, kept off its edges."""
    selatan, utara, barat, timur = KOTAK_KECAMATAN[kode]
    lat = selatan + SELA_DERAJAT + u_lintang * (utara - selatan - 2 * SELA_DERAJAT)
    lon = barat + SELA_DERAJAT + u_bujur * (timur - barat - 2 * SELA_DERAJAT)
    return Decimal(str(round(lat, 6))), Decimal(str(round(lon, 6)))


def _poligon(lat: Decimal, lon: Decimal, luas_ha: Decimal) -> dict:
    """Draw a rough hexagon of about the given area around the point (demo only)."""
    # 1 ha = 10 000 m²; a regular hexagon of radius r has area 2.598 r².
    r_m = math.sqrt(float(luas_ha) * 10_000 / 2.598)
    d_lat = r_m / 111_320
    d_lon = r_m / (111_320 * math.cos(math.radians(float(lat))))
    cincin = [
        [
            round(float(lon) + d_lon * math.cos(math.radians(60 * k + 15)), 6),
            round(float(lat) + d_lat * math.sin(math.radians(60 * k + 15)), 6),
        ]
        for k in range(6)
    ]
    cincin.append(cincin[0])
    return {"type": "Polygon", "coordinates": [cincin]}
