"""A synthetic but realistic SK (Kota Pekalongan-like) of any size, for tests and benchmarks.

Pure and deterministic: `isi_contoh(500)` always returns the same 500 lokasi, with hexagon
boundaries spread over the city, 16 criteria each, names and RT/RW of realistic length, so a
benchmark measures the layout work a real SK costs.
"""

from __future__ import annotations

import math
import random
from datetime import date
from decimal import Decimal

from penilaian import rumus
from penilaian.sk.isi import (
    JUDUL_STEMPEL,
    MENGINGAT_NASIONAL,
    PASAL_POLA,
    IsiSK,
    KriteriaSK,
    LokasiSK,
    PengaturanCetak,
    StempelSK,
    tentang_baku,
)

KECAMATAN = ("Pekalongan Barat", "Pekalongan Timur", "Pekalongan Selatan", "Pekalongan Utara")
KELURAHAN = (
    "Kraton Kidul", "Pasirkratonkramat", "Tirto", "Bendan Kergon", "Medono", "Podosugih",
    "Noyontaansari", "Setono", "Klego", "Poncol", "Sokoduwet", "Kuripan Kertoharjo",
    "Banyurip", "Jenggot", "Buaran Kradenan", "Degayu", "Krapyak", "Panjang Wetan",
    "Kandang Panjang", "Bandengan",
)  # fmt: skip
AWALAN = ("Kampung", "Pesisir", "Bantaran Kali", "Tambak", "Pasar", "Gang", "Muara", "Setono")
NAMA = ("Nelayan", "Batik", "Loji", "Kupang", "Sari", "Lor", "Kidul", "Pabean", "Grogolan")
TINGKAT = {
    rumus.TingkatKekumuhan.BERAT: (60, 80),
    rumus.TingkatKekumuhan.SEDANG: (38, 59),
    rumus.TingkatKekumuhan.RINGAN: (16, 37),
}
# Centre of the demo city and the spread of its lokasi (degrees).
LINTANG, BUJUR, SEBARAN = -6.889, 109.675, 0.03


def _segienam(lintang: float, bujur: float, jari_m: float) -> dict:
    dlat = jari_m / 111_320
    dlon = dlat / math.cos(math.radians(lintang))
    cincin = [
        [round(bujur + dlon * math.cos(math.pi / 3 * i), 6),
         round(lintang + dlat * math.sin(math.pi / 3 * i), 6)]
        for i in range(6)
    ]  # fmt: skip
    return {"type": "Polygon", "coordinates": [[*cincin, cincin[0]]]}


def lokasi_contoh(nomor: int, acak: random.Random) -> LokasiSK:
    tingkat = acak.choice(list(TINGKAT))
    nilai = acak.randint(*TINGKAT[tingkat])
    legal = acak.random() < 0.8
    lain = acak.choice((3, 7, 11, 15))
    tingkat_lain = rumus.tingkat_pertimbangan_dari_nilai(lain)
    kelas = rumus.klasifikasi(
        tingkat, tingkat_lain, rumus.Legalitas.LEGAL if legal else rumus.Legalitas.TIDAK_LEGAL
    )
    luas = Decimal(acak.randint(50, 1500)) / 100
    penduduk = acak.randint(300, 9000)
    lintang = LINTANG + acak.uniform(-SEBARAN, SEBARAN)
    bujur = BUJUR + acak.uniform(-SEBARAN, SEBARAN)
    kec = acak.randrange(len(KECAMATAN))
    rt = sorted(acak.sample(range(1, 12), acak.randint(1, 3)))
    kriteria = []
    for k in rumus.KRITERIA:
        persen = Decimal(acak.randint(0, 10000)) / 100
        kriteria.append(
            KriteriaSK(
                kode=k.kode, aspek=k.aspek, nama_aspek=k.nama_aspek, nama=k.nama,
                satuan=k.satuan, volume=Decimal(acak.randint(0, 900)), persen=persen,
                skor=rumus.skor_dari_persen(persen),
            )
        )  # fmt: skip
    return LokasiSK(
        nomor=nomor,
        lokasi_pk=nomor,
        penilaian_pk=nomor,
        tahun_penilaian=2025,
        tanggal_survei=date(2025, 8, 1 + nomor % 28),
        kode=f"DEMO-{nomor:03d}",
        nama=f"{acak.choice(AWALAN)} {acak.choice(NAMA)} {acak.choice(KELURAHAN)}",
        luas_ha=luas,
        rt_rw=f"RT {', '.join(f'{r:03d}' for r in rt)} / RW {acak.randint(1, 12):03d}",
        kelurahan=(acak.choice(KELURAHAN),),
        kecamatan=(KECAMATAN[kec],),
        jumlah_penduduk=penduduk,
        jumlah_kk=penduduk // 4,
        jumlah_bangunan=penduduk // 5,
        kepadatan_penduduk=(Decimal(penduduk) / luas).quantize(Decimal("0.01")),
        lintang=Decimal(f"{lintang:.6f}"),
        bujur=Decimal(f"{bujur:.6f}"),
        batas=_segienam(lintang, bujur, acak.uniform(80, 220)) if nomor % 7 else None,
        tipologi=("Di tepi air",) if nomor % 3 == 0 else ("Dataran rendah",),
        nilai_kekumuhan=nilai,
        tingkat_kekumuhan=tingkat.value,
        nilai_pertimbangan_lain=lain,
        tingkat_pertimbangan_lain=tingkat_lain.value,
        legalitas=(rumus.Legalitas.LEGAL if legal else rumus.Legalitas.TIDAK_LEGAL).value,
        status_penguasaan=legal,
        kesesuaian_rtr=True,
        skor_strategis=5 if lain > 7 else 1,
        skor_kepadatan=3,
        skor_sosekbud=5 if lain > 11 else 1,
        klasifikasi=kelas,
        prioritas=rumus.prioritas(kelas),
        pola_penanganan=rumus.pola_penanganan(
            tingkat, rumus.Legalitas.LEGAL if legal else rumus.Legalitas.TIDAK_LEGAL
        ).value,
        kewenangan="Kabupaten/Kota",
        skor_aspek={
            a.kode: sum(c.skor or 0 for c in kriteria if c.aspek == a.kode) for a in rumus.ASPEK
        },
        kriteria=tuple(kriteria),
        permasalahan="Drainase tersumbat saat rob; jalan lingkungan rusak.",
    )


# Kota Pekalongan's settings as its Bagian Hukum would fill them in: the national bases, then
# the Perwal (seed `002…`) whose Pasal 48 and 50–55 the Buku Profil cites.
PERWAL_PEKALONGAN = "Peraturan Wali Kota Pekalongan Nomor 50 Tahun 2022"
PENGATURAN_CONTOH = PengaturanCetak(
    mengingat=(
        *MENGINGAT_NASIONAL,
        f"{PERWAL_PEKALONGAN} tentang Pelaksanaan Pencegahan dan Peningkatan Kualitas "
        "terhadap Perumahan Kumuh dan Permukiman Kumuh;",
    ),
    memperhatikan=(
        "Peraturan Menteri Pekerjaan Umum dan Perumahan Rakyat Nomor 12 Tahun 2020 tentang "
        "Peran Masyarakat dalam Penyelenggaraan Perumahan dan Kawasan Permukiman;",
    ),
    sebutan_kepala="Wali Kota",
    nama_opd="Dinas Perumahan dan Kawasan Permukiman Kota Pekalongan",
    peraturan_pola=PERWAL_PEKALONGAN,
    pasal_pola=dict(PASAL_POLA),
    pasal_tipologi="Pasal 48",
)


def isi_contoh(
    jumlah: int,
    *,
    draf: bool = True,
    benih: int = 2026,
    pengaturan: PengaturanCetak = PENGATURAN_CONTOH,
) -> IsiSK:
    """Return an SK of `jumlah` synthetic lokasi in Lampiran I order."""
    acak = random.Random(benih)
    lokasi = sorted(
        (lokasi_contoh(i, acak) for i in range(1, jumlah + 1)),
        key=lambda lok: (lok.prioritas, -lok.nilai_kekumuhan, lok.nama),
    )
    lokasi = [LokasiSK(**{**lok.__dict__, "nomor": i}) for i, lok in enumerate(lokasi, start=1)]
    return IsiSK(
        jenis_daerah="Kota",
        nama_daerah="Pekalongan",
        provinsi="Jawa Tengah",
        nomor="" if draf else "100.3.3.2/45/2026",
        tanggal=None if draf else date(2026, 11, 20),
        tempat="Pekalongan",
        tentang=tentang_baku("Kota", "Pekalongan"),
        penandatangan_nama="A. DEMO SANTOSO",
        penandatangan_jabatan="WALI KOTA PEKALONGAN",
        lokasi=tuple(lokasi),
        stempel=(
            StempelSK(
                tim="kabkota",
                judul=JUDUL_STEMPEL["kabkota"],
                nama="Budi Contoh, S.T.",
                jabatan="Kepala Dinas",
                nip="19700101 199503 1 001",
            ),
        ),
        draf=draf,
        dibuat_pada="25 November 2026 20.00 WIB",
        pengaturan=pengaturan,
    )
