"""Load demo surveys: every demo lokasi of Kota Pekalongan surveyed in 2024 and 2025.

Run by `kumuh_demo` after `lokasi_demo`. Every number, name and photo is synthetic and
labelled demo. The surveys go through the real services (create, save, workflow steps by the
demo users) so their results, history and workflow steps are what the application itself would
have recorded; the timestamps are then moved back to the survey year. Idempotent: a lokasi
that already has a survey for a year is left alone.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from lokasi.models import Lokasi, Pengguna, RiwayatPerubahan, UnitSurvei
from penilaian import ringkasan, rumus, services
from penilaian.models import SK, IsianKriteria, LangkahAlur, Penilaian, Status
from penilaian.sintetis import (
    NAIK,
    PELUANG_SKOR,
    PITA_UNTUK_SKOR,
    RENTANG_NILAI,
    RENTANG_PERSEN,
    SKOR,
    Keseluruhan,
    geser,
    numerik_dari_persen,
    pasangan_boleh,
    rapikan_pasangan,
)
from penilaian.sk import services as services_sk

KODE_KABKOTA = "33.75"  # Kota Pekalongan, as in lokasi_demo
AWALAN_KODE = "DEMO-"
TAHUN_LAMA, TAHUN_BARU = 2024, 2025
BENIH = "penilaian-demo-1"  # with the lokasi code: a fixed random stream per lokasi

OPERATOR, POKJA = "operator.pekalongan", "pokja.pekalongan"
TAHUN_SK_DEMO = 2026
MENGINGAT_DEMO = (
    "Peraturan Wali Kota Pekalongan Nomor 50 Tahun 2022 tentang Pelaksanaan Pencegahan dan "
    "Peningkatan Kualitas terhadap Perumahan Kumuh dan Permukiman Kumuh;"
)
# Synthetic names: the demo must not put real officials' names on a decree.
VERIFIKASI_DEMO = (
    ("provinsi", "Ir. Contoh Verifikator, M.T.", "Kepala Bidang Kawasan Permukiman", ""),
    ("kabkota", "Budi Contoh, S.T.", "Kepala Dinas Perkim (demo)", "19700101 199503 1 001"),
)
VERIFIKATOR_PROVINSI, VERIFIKATOR_PUSAT = "verifikator.jateng", "verifikator.pusat"

# Drafts that are not simply "saved": still being filled in, or sent back by the Pokja.
BELUM_LENGKAP = "belum_lengkap"
DIKEMBALIKAN = "dikembalikan"

B, S, R, T = (
    rumus.TingkatKekumuhan.BERAT,
    rumus.TingkatKekumuhan.SEDANG,
    rumus.TingkatKekumuhan.RINGAN,
    rumus.TingkatKekumuhan.TIDAK_KUMUH,
)
# Per demo lokasi (DEMO-01 first): tingkat in 2024, tingkat in 2025, where the 2025 survey is.
# 2024 is all verified by pusat; 2025 is mostly better, with a spread of workflow states.
RENCANA: tuple[tuple[rumus.TingkatKekumuhan, rumus.TingkatKekumuhan, str], ...] = (
    (B, S, Status.TERVERIFIKASI_PUSAT),
    (S, R, Status.TERVERIFIKASI_PROVINSI),
    (R, T, Status.DIAJUKAN),
    (S, S, Status.DISETUJUI_POKJA),
    (S, R, Status.DISETUJUI_POKJA),
    (R, R, BELUM_LENGKAP),
    (B, B, Status.TERVERIFIKASI_PROVINSI),
    (R, T, Status.DISETUJUI_POKJA),
    (S, S, Status.TERVERIFIKASI_PROVINSI),
    (S, R, Status.DIAJUKAN),
    (B, S, Status.DISETUJUI_POKJA),
    (R, R, DIKEMBALIKAN),
    (R, R, Status.TERVERIFIKASI_PROVINSI),
    (S, R, Status.DISETUJUI_POKJA),
    (R, T, Status.TERVERIFIKASI_PUSAT),
    (S, S, Status.TERVERIFIKASI_PROVINSI),
    (B, S, Status.DISETUJUI_POKJA),
    (S, R, BELUM_LENGKAP),
    (R, T, Status.TERVERIFIKASI_PROVINSI),
    (S, B, Status.DISETUJUI_POKJA),  # got worse: a fire and new squatting
    (S, R, Status.DIAJUKAN),
    (B, S, Status.TERVERIFIKASI_PROVINSI),
    (R, S, Status.DISETUJUI_POKJA),  # got worse
    (S, R, Status.DRAF),
    (R, R, Status.TERVERIFIKASI_PROVINSI),
    (B, B, Status.DISETUJUI_POKJA),
    (R, T, Status.TERVERIFIKASI_PROVINSI),
    (S, S, Status.DIAJUKAN),
    (S, R, Status.DISETUJUI_POKJA),
    (R, R, Status.TERVERIFIKASI_PROVINSI),
)

# Scores, shares and Format Numerik sheets are drawn as penilaian.sintetis draws them (its
# RENTANG_NILAI, PELUANG_SKOR, RENTANG_PERSEN, PASANGAN: a road or drainage is never both
# wholly missing and damaged, with room for the ±6 points between RT units).
# Percentages drawn for a score stay 3 points inside its Tabel 3 band (RENTANG_PERSEN), so
# rounding counts to whole buildings and KK, and summing RT units, never moves a criterion to
# another band.
TURUN = {5: 3, 3: 1, 1: 0}
SELISIH_UNIT = (6, 0, -6)  # RT units differ around the kawasan's share; their mean is it

# A few surveys choose bands on the Format Isian for criteria judged by eye.
KRITERIA_PITA = ("1a", "1c", "7b")
# What an operator fills first (aspects 1–4) while a survey is still incomplete.
NUMERIK_AWAL = [f for f in rumus.NUMERIK_FIELDS if not f.startswith(("kk_", "bangunan_tanpa"))]

SURVEYOR = [
    "Ayu Lestari",
    "Bagus Pratama",
    "Dewi Anggraini",
    "Eko Saputro",
    "Fitri Handayani",
    "Hendra Wijaya",
]
RESPONDEN = ["Sutrisno", "Siti Aminah", "Rahmat Hidayat", "Sri Wahyuni", "Joko Susilo"]
LABEL_DEMO = " (demo)"
FOTO = {
    "2b": "Jalan lingkungan retak dan berlubang",
    "4b": "Genangan setelah hujan",
    "5a": "Saluran pembuangan langsung ke sungai",
    "6a": "Tumpukan sampah di lahan kosong",
}
ALASAN_KEMBALI = (
    "Luas genangan (4b) belum sesuai peta genangan BPBD; mohon diukur ulang dan foto "
    "kriteria 4b dan 4c dilengkapi."
)
ALASAN_KEMBALI_LAMA = "Jumlah KK belum sama dengan data kelurahan; mohon dicek ulang."


class Command(BaseCommand):
    help = "Muat penilaian demo 2024 dan 2025 untuk lokasi demo Kota Pekalongan (sintetis)."

    def handle(self, *args, **options) -> None:
        pengguna = {
            p.username: p
            for p in Pengguna.objects.filter(
                username__in=[OPERATOR, POKJA, VERIFIKATOR_PROVINSI, VERIFIKATOR_PUSAT]
            )
        }
        if len(pengguna) < 4:
            raise CommandError("Pengguna demo belum ada: jalankan `manage.py kumuh_demo` dulu.")
        daftar = list(
            Lokasi.objects.filter(
                kabupaten_kota__kode=KODE_KABKOTA, kode__startswith=AWALAN_KODE
            ).select_related("kabupaten_kota")
        )
        daftar.sort(key=lambda lokasi: _nomor(lokasi.kode))
        dibuat = 0
        with transaction.atomic(), ringkasan.tunda():
            for lokasi in daftar:
                dibuat += self._lokasi(lokasi, pengguna)
            # The demo backdates surveys with QuerySet.update(): no signals for those.
            ringkasan.segarkan(lokasi.pk for lokasi in daftar)
        self.stdout.write(
            self.style.SUCCESS(f"Penilaian demo: {dibuat} dibuat untuk {len(daftar)} lokasi demo.")
        )
        if daftar:
            self._sk(pengguna[POKJA], daftar)

    def _sk(self, pokja: Pengguna, daftar: list[Lokasi]) -> None:
        """A draft SK of the demo city, made through the services as the Pokja would."""
        if SK.objects.filter(kabupaten_kota=pokja.kabupaten_kota).exists():
            return
        with transaction.atomic():
            sk = services_sk.sk_buat(pengguna=pokja, tahun=TAHUN_SK_DEMO)
            sk = services_sk.sk_simpan(
                sk=sk,
                pengguna=pokja,
                versi=sk.versi,
                data={
                    "penandatangan_nama": "A. DEMO SANTOSO",
                    "mengingat_tambahan": MENGINGAT_DEMO,
                },
            )
            for tim, nama, jabatan, nip in VERIFIKASI_DEMO:
                services_sk.verifikasi_simpan(
                    sk=sk,
                    pengguna=pokja,
                    tim=tim,
                    data={"nama": nama, "jabatan": jabatan, "nip": nip},
                )
            cadangan = services_sk.daftar_sk(sk).disertakan
            if len(cadangan) > 1:
                services_sk.sk_kecualikan(
                    sk=sk,
                    pengguna=pokja,
                    lokasi=cadangan[-1].lokasi,
                    alasan="Sedang ditangani program KOTAKU 2026; ditinjau ulang pada SK berikut.",
                )
        jumlah = len(services_sk.daftar_sk(sk).disertakan)
        self.stdout.write(self.style.SUCCESS(f"Draf SK demo: {jumlah} lokasi (tahun {sk.tahun})."))

    def _lokasi(self, lokasi: Lokasi, pengguna: dict[str, Pengguna]) -> int:
        sudah = set(lokasi.penilaian.values_list("tahun", flat=True))
        if {TAHUN_LAMA, TAHUN_BARU} <= sudah:
            return 0
        i = _nomor(lokasi.kode) - 1
        tingkat_lama, tingkat_baru, status_baru = RENCANA[i % len(RENCANA)]
        acak = random.Random(f"{BENIH}-{lokasi.kode}")
        unit = list(lokasi.unit_survei.all())
        keseluruhan = [_dari_unit(u) for u in unit] if unit else [_dari_lokasi(lokasi)]
        if any(k is None for k in keseluruhan):
            self.stderr.write(f"{lokasi.kode}: angka data umum belum lengkap, dilewati.")
            return 0
        konteks = _Konteks(lokasi, i, acak, pengguna, unit, keseluruhan, _data_tetap(acak, i))

        skor_lama = _skor_acak(acak, tingkat_lama)
        skor_baru = _skor_berikut(acak, skor_lama, tingkat_baru)
        persen_lama = _persen_acak(acak, skor_lama)
        persen_baru = _persen_berikut(acak, persen_lama, skor_lama, skor_baru)
        dibuat = 0
        for survei in (
            _Survei(TAHUN_LAMA, Status.TERVERIFIKASI_PUSAT, skor_lama, persen_lama),
            _Survei(TAHUN_BARU, status_baru, skor_baru, persen_baru),
        ):
            if survei.tahun not in sudah:
                self._penilaian(konteks, survei)
                dibuat += 1
        return dibuat

    def _penilaian(self, k: _Konteks, survei: _Survei) -> None:
        acak, operator = k.acak, k.pengguna[OPERATOR]
        tanggal = date(survei.tahun, acak.randint(3, 7), acak.randint(1, 28))
        waktu = _Jam(tanggal, acak)

        penilaian = services.penilaian_buat(lokasi=k.lokasi, pengguna=operator, tahun=survei.tahun)
        waktu.catat_dibuat(penilaian)

        pakai_pita = k.i % 5 == 3
        pita = {
            kode: PITA_UNTUK_SKOR[survei.skor[kode]] if pakai_pita and kode in KRITERIA_PITA else ""
            for kode in rumus.KODE_KRITERIA
        }
        geser = {kode: acak.sample(SELISIH_UNIT, 3) for kode in rumus.KODE_KRITERIA}
        lembar: dict[int | None, dict[str, Decimal | None]] = {}
        for j, whole in enumerate(k.keseluruhan):
            selisih = {kode: geser[kode][j % 3] if k.unit else 0 for kode in rumus.KODE_KRITERIA}
            angka = numerik_dari_persen(whole, survei.persen, selisih)
            if survei.status == BELUM_LENGKAP:
                angka = {f: v if f in NUMERIK_AWAL else None for f, v in angka.items()}
            lembar[k.unit[j].pk if k.unit else None] = angka

        data: dict[str, object] = {
            "tanggal_survei": tanggal,
            "surveyor_nama": acak.choice(SURVEYOR) + LABEL_DEMO,
            "surveyor_instansi": "Dinas Perkim Kota Pekalongan" + LABEL_DEMO,
            "surveyor_jabatan": "Fasilitator lapangan",
            "responden_nama": acak.choice(RESPONDEN) + LABEL_DEMO,
            "responden_jabatan": "Ketua RW" if k.unit else acak.choice(["Ketua RT", "Lurah"]),
            **k.tetap,
        }
        if survei.status == BELUM_LENGKAP:
            data["status_penguasaan"] = data["kesesuaian_rtr"] = None
        foto = {
            kode: _foto(k.lokasi.kode, kode, survei.tahun)
            for kode in list(FOTO)[k.i % 3 : k.i % 3 + 2]
            if k.i % 2 == 0 or survei.tahun == TAHUN_BARU
        }
        penilaian = services.penilaian_simpan(
            penilaian=penilaian,
            pengguna=operator,
            versi_awal=penilaian.versi,
            isian=services.Isian(data=data, pita=pita, numerik=lembar),
            foto=foto,
        )
        for kode in foto:
            IsianKriteria.objects.filter(penilaian=penilaian, kode=kode).update(
                keterangan=f"{FOTO[kode]} (foto demo sintetis)"
            )
        waktu.catat_riwayat(penilaian, "diubah", hari=acak.randint(1, 5))
        for ke, username, catatan in _langkah(survei.status, kembali_dulu=k.i % 9 == 4):
            services.penilaian_pindah(
                penilaian=penilaian, pengguna=k.pengguna[username], ke=ke, catatan=catatan
            )
            waktu.maju(acak.randint(3, 15))
            terakhir = LangkahAlur.objects.filter(penilaian=penilaian).latest("pk")
            LangkahAlur.objects.filter(pk=terakhir.pk).update(waktu=waktu.sekarang)
        waktu.catat_selesai(penilaian)


@dataclass(frozen=True)
class _Konteks:
    """What every survey of one demo lokasi shares."""

    lokasi: Lokasi
    i: int  # 0 for DEMO-01
    acak: random.Random
    pengguna: dict[str, Pengguna]
    unit: list[UnitSurvei]
    keseluruhan: list[Keseluruhan]  # one per unit, or one for the whole lokasi
    tetap: dict[str, bool]


@dataclass(frozen=True)
class _Survei:
    tahun: int
    status: str
    skor: dict[str, int]
    persen: dict[str, Decimal]


def _langkah(status: str, kembali_dulu: bool) -> list[tuple[str, str, str]]:
    """The workflow steps (to, username, note) that bring a new survey to `status`."""
    maju = [
        (Status.DIAJUKAN, OPERATOR, ""),
        (Status.DISETUJUI_POKJA, POKJA, "Sesuai hasil rapat Pokja PKP."),
        (Status.TERVERIFIKASI_PROVINSI, VERIFIKATOR_PROVINSI, ""),
        (Status.TERVERIFIKASI_PUSAT, VERIFIKATOR_PUSAT, ""),
    ]
    if status in (Status.DRAF, BELUM_LENGKAP):
        return []
    if status == DIKEMBALIKAN:
        return [maju[0], (Status.DRAF, POKJA, ALASAN_KEMBALI)]
    langkah = maju[: [ke for ke, _, _ in maju].index(status) + 1]
    if kembali_dulu and len(langkah) > 1:  # an earlier return, fixed and sent again
        langkah[1:1] = [(Status.DRAF, POKJA, ALASAN_KEMBALI_LAMA), maju[0]]
    return langkah


class _Jam:
    """Moves a survey's timestamps from today back to when it happened (demo history)."""

    def __init__(self, tanggal: date, acak: random.Random) -> None:
        jam = time(acak.randint(8, 15), acak.randint(0, 59))
        self.sekarang = timezone.make_aware(datetime.combine(tanggal, jam))
        self.dibuat = self.sekarang

    def maju(self, hari: int) -> None:
        self.sekarang += timedelta(days=hari, minutes=17 * hari)

    def catat_dibuat(self, penilaian: Penilaian) -> None:
        self._riwayat(penilaian).update(waktu=self.dibuat)

    def catat_selesai(self, penilaian: Penilaian) -> None:
        # Last, because saving the survey through the services writes its creation time back.
        Penilaian.objects.filter(pk=penilaian.pk).update(
            dibuat_pada=self.dibuat, diubah_pada=self.sekarang
        )

    def catat_riwayat(self, penilaian: Penilaian, tindakan: str, hari: int) -> None:
        self.maju(hari)
        self._riwayat(penilaian).filter(tindakan=tindakan).update(waktu=self.sekarang)

    @staticmethod
    def _riwayat(penilaian: Penilaian):
        return RiwayatPerubahan.objects.filter(
            content_type=ContentType.objects.get_for_model(Penilaian), object_id=penilaian.pk
        )


# --- synthetic numbers (no database) ---------------------------------------------------------


def _nomor(kode: str) -> int:
    try:
        return int(kode.removeprefix(AWALAN_KODE))
    except ValueError:
        return 0


def _dari_lokasi(lokasi: Lokasi) -> Keseluruhan | None:
    angka = (
        lokasi.luas_ha,
        lokasi.jumlah_bangunan,
        lokasi.jumlah_penduduk,
        lokasi.jumlah_kk,
        lokasi.panjang_jalan_ideal_m,
        lokasi.panjang_drainase_ideal_m,
    )
    if any(a is None for a in angka) or not all(angka):
        return None
    luas, bangunan, penduduk, kk, jalan, drainase = angka
    return Keseluruhan(_dua(luas), bangunan, penduduk, kk, jalan, drainase)


def _dari_unit(unit: UnitSurvei) -> Keseluruhan:
    return Keseluruhan(
        _dua(unit.luas_ha),
        unit.jumlah_bangunan,
        unit.jumlah_penduduk,
        unit.jumlah_kk,
        unit.panjang_jalan_ideal_m,
        unit.panjang_drainase_ideal_m,
    )


def _dua(nilai: Decimal) -> Decimal:
    return Decimal(nilai).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _skor_acak(acak: random.Random, tingkat: rumus.TingkatKekumuhan) -> dict[str, int]:
    """Draw 16 criterion scores whose sum falls in the tingkat's range."""
    bawah, atas = RENTANG_NILAI[tingkat]
    while True:
        skor = {
            k: acak.choices(SKOR, weights=PELUANG_SKOR[tingkat])[0] for k in rumus.KODE_KRITERIA
        }
        if bawah <= sum(skor.values()) <= atas and pasangan_boleh(skor):
            return skor


def _skor_berikut(
    acak: random.Random, lama: dict[str, int], tingkat: rumus.TingkatKekumuhan
) -> dict[str, int]:
    """The next survey's scores: a few criteria handled (lower), perhaps one worse, in range."""
    skor = dict(lama)
    for _ in range(acak.randint(1, 3)):
        geser(acak, skor, TURUN)
    if acak.random() < 0.3:
        geser(acak, skor, NAIK)
    bawah, atas = RENTANG_NILAI[tingkat]
    while sum(skor.values()) > atas:
        geser(acak, skor, TURUN)
    while sum(skor.values()) < bawah:
        geser(acak, skor, NAIK)
    return skor


def _persen_acak(acak: random.Random, skor: dict[str, int]) -> dict[str, Decimal]:
    persen = {k: Decimal(acak.randint(*RENTANG_PERSEN[s])) for k, s in skor.items()}
    return rapikan_pasangan(persen, skor)


def _persen_berikut(
    acak: random.Random, lama: dict[str, Decimal], skor_lama: dict[str, int], skor: dict[str, int]
) -> dict[str, Decimal]:
    """Same band: a little better than before; another band: drawn afresh inside it."""
    persen = {}
    for k, s in skor.items():
        bawah, atas = RENTANG_PERSEN[s]
        if s == skor_lama[k]:
            persen[k] = max(Decimal(bawah), lama[k] - acak.randint(0, 8))
        else:
            persen[k] = Decimal(acak.randint(bawah, atas))
    return rapikan_pasangan(persen, skor)


def _data_tetap(acak: random.Random, i: int) -> dict[str, bool]:
    """Legalitas and pertimbangan lain of a lokasi: the same in both years."""
    return {
        "status_penguasaan": i % 7 != 6,
        "kesesuaian_rtr": i % 11 != 10,
        "strategis": acak.random() < 0.5,
        "potensi_sosekbud": acak.random() < 0.5,
    }


def _foto(kode_lokasi: str, kode: str, tahun: int) -> ContentFile:
    """A small labelled placeholder picture (Pillow), clearly not a real photo."""
    from PIL import Image, ImageDraw

    warna = {"2": (150, 140, 120), "4": (90, 120, 150), "5": (110, 130, 90), "6": (140, 110, 90)}
    gambar = Image.new("RGB", (320, 240), warna.get(kode[0], (120, 120, 120)))
    gores = ImageDraw.Draw(gambar)
    gores.rectangle((0, 150, 320, 240), fill=(70, 70, 70))
    gores.text((12, 12), "FOTO DEMO (SINTETIS)", fill=(255, 255, 255))
    gores.text((12, 32), f"{kode_lokasi} · {kode} · {tahun}", fill=(255, 255, 255))
    gores.text((12, 52), FOTO[kode], fill=(255, 255, 255))
    berkas = io.BytesIO()
    gambar.save(berkas, "JPEG", quality=80)
    return ContentFile(berkas.getvalue(), name=f"{kode_lokasi.lower()}-{kode}-{tahun}.jpg")
