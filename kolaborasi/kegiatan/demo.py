"""Demo kegiatan of Kota Pekalongan (called by kolaborasi_demo; idempotent, synthetic, labelled
demo): ≈ 40 kegiatan over 2024–2027 on the demo lokasi, made through the services as the Pokja
would, with effects sized against each lokasi's latest terverifikasi pusat survey.

Every kegiatan's funding sums to its biaya. A proposal (usulan) whose sources are not agreed yet
carries the unassigned part as "Lainnya", so the funding gap stays the Forum's concept (pledges),
not a broken sum here. One kegiatan deliberately plans more than the survey's remaining volume,
so the warning can be seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from kolaborasi import aturan
from kolaborasi.kegiatan import services
from kolaborasi.kegiatan.services import Dana, Efek
from kolaborasi.models import Kegiatan, PemangkuKepentingan
from lokasi.models import KabupatenKota, Lokasi, Pengguna
from penilaian.models import Penilaian, Status
from penilaian.prioritas import penilaian_terakhir

AWALAN_KODE = "DEMO-"
LABEL = " (demo)"
TAHUN_AWAL_RENCANA = 2024  # RP2KPKP 2024–2028 of the demo city
JUTA = Decimal(1_000_000)


@dataclass(frozen=True)
class Jenis:
    """A kind of kegiatan: what it handles, a share of the surveyed volume, a unit cost."""

    program: str
    nama: str
    ruang_lingkup: str
    sub_lingkup: str
    kriteria: tuple[str, ...]  # criteria handled (empty: no volume effect, e.g. training)
    bagian: Decimal  # share of the surveyed volume planned
    biaya_satuan: Decimal  # rupiah per unit of the first criterion's volume, or flat
    pelaksana: str


P_KUMUH = "Program Peningkatan Kualitas Permukiman Kumuh"
JENIS: tuple[Jenis, ...] = (
    Jenis(P_KUMUH, "Pembangunan jalan lingkungan", "psu", "jalan lingkungan", ("2a",),
          Decimal("0.4"), Decimal(1_500_000), "pihak_ketiga"),
    Jenis(P_KUMUH, "Pembangunan saluran drainase", "psu", "drainase lingkungan", ("4a",),
          Decimal("0.4"), Decimal(1_200_000), "pihak_ketiga"),
    Jenis("Program Pengelolaan dan Pengembangan SPAM", "Sambungan SPAM perpipaan", "psu",
          "air minum", ("3a",), Decimal("0.5"), Decimal(1_500_000), "pihak_ketiga"),
    Jenis("Program Pengelolaan Air Limbah", "Pembangunan IPAL komunal", "psu", "air limbah",
          ("5a", "5b"), Decimal("0.5"), Decimal(3_000_000), "swakelola"),
    Jenis("Program Pengelolaan Persampahan", "Pembangunan TPS3R", "psu", "persampahan",
          ("6a", "6b"), Decimal("0.6"), Decimal(1_000_000), "swakelola"),
    Jenis("Program Pencegahan dan Penanggulangan Kebakaran", "Pengadaan hidran dan APAR",
          "psu", "proteksi kebakaran", ("7a", "7b"), Decimal("0.5"), Decimal(400_000),
          "pihak_ketiga"),
    Jenis("Program Pemberdayaan Masyarakat", "Pelatihan KSM pengelola sarana", "sosial",
          "pelatihan KSM", (), Decimal(0), Decimal(75) * JUTA, "swakelola"),
    Jenis(P_KUMUH, "Perbaikan jalan lingkungan rusak", "psu", "jalan lingkungan", ("2b",),
          Decimal("0.5"), Decimal(900_000), "tjslp"),
    Jenis("Program Pengembangan Ekonomi Lokal", "Bantuan modal usaha KSM", "ekonomi",
          "modal usaha", (), Decimal(0), Decimal(150) * JUTA, "swakelola"),
)  # fmt: skip

# Funding mixes as shares of the biaya; the last source takes the rounding rest.
CAMPURAN: tuple[tuple[tuple[str, Decimal], ...], ...] = (
    (("apbd_kabkota", Decimal(1)),),
    (("dak", Decimal("0.7")), ("apbd_kabkota", Decimal("0.3"))),
    (("apbn", Decimal(1)),),
    (("apbd_kabkota", Decimal("0.6")), ("csr", Decimal("0.3")), ("swadaya", Decimal("0.1"))),
    (("apbd_provinsi", Decimal("0.5")), ("apbd_kabkota", Decimal("0.5"))),
    (("dana_desa", Decimal("0.8")), ("swadaya", Decimal("0.2"))),
)
# Per year: the states the kegiatan of that year cycle through (all six are represented).
STATUS_PER_TAHUN = {
    2024: ("diserahterimakan", "selesai"),
    2025: ("selesai", "berjalan", "diserahterimakan"),
    2026: ("dianggarkan", "berjalan", "direncanakan"),
    2027: ("usulan", "direncanakan"),
}
JUMLAH_BERLOKASI = 38
LEBIH = 2  # the kegiatan (by index, a 2026 one) that plans 130 % of the surveyed volume


def _bulat(nilai: Decimal) -> Decimal:
    return nilai.quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _rupiah(nilai: Decimal) -> Decimal:
    """Round a cost to whole millions, as budgets are written."""
    return max(_bulat(nilai / JUTA), Decimal(1)) * JUTA


def _dana(
    biaya: Decimal, i: int, status: str, csr: PemangkuKepentingan | None, jenis: Jenis
) -> list[Dana]:
    if jenis.pelaksana == "tjslp":
        campuran = (("csr", Decimal(1)),)
    elif status == "usulan":
        # Not agreed yet: the city commits part, the rest is still unassigned.
        campuran = (("apbd_kabkota", Decimal("0.4")), ("lainnya", Decimal("0.6")))
    else:
        campuran = CAMPURAN[i % len(CAMPURAN)]
    hasil, sisa = [], biaya
    for n, (sumber, bagian) in enumerate(campuran):
        jumlah = sisa if n == len(campuran) - 1 else _rupiah(biaya * bagian)
        sisa -= jumlah
        hasil.append(Dana(sumber, jumlah, csr if sumber == "csr" else None))
    return hasil


def _volume_survei(lokasi: list[Lokasi]) -> dict[int, dict[str, Decimal]]:
    """Return each lokasi's criterion volumes from its latest terverifikasi pusat survey."""
    survei = (
        penilaian_terakhir(
            Penilaian.objects.filter(lokasi__in=lokasi), status=[Status.TERVERIFIKASI_PUSAT]
        )
        .select_related("lokasi__kabupaten_kota")
        .prefetch_related("isian", "numerik")
    )
    return {
        p.lokasi_id: {kode: d.volume for kode, d in services.dasar_survei(p).items() if d.volume}
        for p in survei
    }


def _efek(jenis: Jenis, lokasi: Lokasi, volume: dict[str, Decimal], lebih: bool) -> list[Efek]:
    bagian = Decimal("1.3") if lebih else jenis.bagian
    hasil = []
    for kode in jenis.kriteria:
        v = _bulat(volume.get(kode, Decimal(0)) * bagian)
        if v > 0:
            hasil.append(Efek(kriteria=kode, volume=v, lokasi=lokasi))
    return hasil


def _pilih_jenis(i: int, volume: dict[str, Decimal]) -> Jenis:
    """Take the i-th kind, or the next one whose criteria the survey found in this lokasi."""
    for n in range(len(JENIS)):
        jenis = JENIS[(i + n) % len(JENIS)]
        if not jenis.kriteria or any(volume.get(k, 0) >= 2 for k in jenis.kriteria):
            return jenis
    return JENIS[6]


def _buat(
    *,
    pengguna: Pengguna,
    kabkota: KabupatenKota,
    nilai: dict,
    efek: list[Efek],
    dana: list[Dana],
    status: str,
) -> None:
    kegiatan = services.kegiatan_simpan(
        kegiatan=Kegiatan(kabupaten_kota=kabkota, tahun_awal_rencana=TAHUN_AWAL_RENCANA, **nilai),
        pengguna=pengguna,
        versi_awal=None,
        efek=efek,
        pendanaan=dana,
    )
    # Through the decisions one step at a time, as the Pokja takes them (each in the history);
    # the monitoring that lets a kegiatan be selesai is loaded after, by monev's demo.
    while kegiatan.status != status:
        services.kegiatan_lanjutkan(
            kegiatan=kegiatan, pengguna=pengguna, dari=kegiatan.status, periksa_syarat=False
        )


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    pokja = pengguna["pokja"]
    lokasi = sorted(
        Lokasi.objects.filter(kabupaten_kota=kabkota, kode__startswith=AWALAN_KODE),
        key=lambda lk: int(lk.kode.removeprefix(AWALAN_KODE) or 0),
    )
    if not lokasi:
        return ""
    sudah = set(Kegiatan.objects.filter(kabupaten_kota=kabkota).values_list("nama", flat=True))
    pemangku = PemangkuKepentingan.objects.filter(kabupaten_kota=kabkota)
    csr = pemangku.filter(jenis="perusahaan").order_by("pk").first()
    if csr is None:
        csr, _ = PemangkuKepentingan.objects.get_or_create(
            kabupaten_kota=kabkota,
            nama="PT Batik Pesisir Lestari" + LABEL,
            defaults={"jenis": "perusahaan", "kompetensi_psu": True},
        )
    penanggung = pemangku.filter(jenis="perangkat_daerah").order_by("pk").first()
    volume = _volume_survei(lokasi)
    tahun_daftar = sorted(STATUS_PER_TAHUN)
    dibuat = 0

    for i in range(JUMLAH_BERLOKASI):
        lk = lokasi[i % len(lokasi)]
        v = volume.get(lk.pk, {})
        jenis = _pilih_jenis(i, v)
        nama = f"{jenis.nama} {lk.nama}{LABEL}"
        if nama in sudah:
            continue
        tahun = tahun_daftar[i % len(tahun_daftar)]
        pilihan = STATUS_PER_TAHUN[tahun]
        status = pilihan[(i // len(tahun_daftar)) % len(pilihan)]
        efek = _efek(jenis, lk, v, lebih=i == LEBIH)
        biaya = _rupiah(efek[0].volume * jenis.biaya_satuan) if efek else jenis.biaya_satuan
        _buat(
            pengguna=pokja,
            kabkota=kabkota,
            nilai={
                "lokasi": lk, "program": jenis.program, "nama": nama,
                "ruang_lingkup": jenis.ruang_lingkup, "sub_lingkup": jenis.sub_lingkup,
                "tahun": tahun, "biaya": biaya, "pelaksana": jenis.pelaksana,
                "penanggung_jawab": csr if jenis.pelaksana == "tjslp" else penanggung,
                "dasar": "pks" if jenis.pelaksana == "tjslp" else ("rplp" if i % 3 else "rp2kpkp"),
                "dasar_dokumen": "RP2KPKP Kota Pekalongan 2024–2028" + LABEL,
            },
            efek=efek,
            dana=_dana(biaya, i, status, csr, jenis),
            status=status,
        )  # fmt: skip
        dibuat += 1

    # Two city-wide kegiatan, their effects allocated to named lokasi.
    kota = (
        ("Pengadaan APAR dan hidran skala kota", JENIS[5], lokasi[1:5], 2026, "dianggarkan"),
        ("Pembangunan TPS3R skala kota", JENIS[4], lokasi[5:8], 2025, "berjalan"),
    )
    for nama, jenis, sasaran, tahun, status in kota:
        nama += LABEL
        if nama in sudah:
            continue
        efek = [
            Efek(kriteria=e.kriteria, volume=max(_bulat(e.volume / 2), Decimal(1)), lokasi=lk)
            for lk in sasaran
            for e in _efek(jenis, lk, volume.get(lk.pk, {}), lebih=False)
        ]
        biaya = _rupiah(sum((e.volume for e in efek), Decimal(0)) * jenis.biaya_satuan) or JUTA
        _buat(
            pengguna=pokja,
            kabkota=kabkota,
            nilai={
                "lokasi": None, "program": jenis.program, "nama": nama,
                "ruang_lingkup": jenis.ruang_lingkup, "sub_lingkup": jenis.sub_lingkup,
                "tahun": tahun, "biaya": biaya, "pelaksana": "pihak_ketiga",
                "penanggung_jawab": penanggung, "dasar": "rp2kpkp",
            },
            efek=efek,
            dana=_dana(biaya, 3, status, csr, jenis),
            status=status,
        )  # fmt: skip
        dibuat += 1
    if not dibuat:
        return ""
    jumlah = Kegiatan.objects.filter(kabupaten_kota=kabkota).count()
    return (
        f"Kegiatan demo: {dibuat} dibuat ({jumlah} kegiatan, {len(aturan.STATUS_KEGIATAN)} status)."
    )
