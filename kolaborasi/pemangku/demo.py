"""Demo rows of this part (called by kolaborasi_demo; idempotent, synthetic, labelled demo).

Kota Pekalongan's stakeholders, its Pokja PKP (internal members only) and Forum PKP, and three
meetings: a Pokja monitoring meeting about three months ago (so the next one is overdue), a
Forum PKP session and a sosialisasi. Written through the services, as a user would.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from kolaborasi.models import LembagaPKP, PemangkuKepentingan, Pertemuan
from kolaborasi.pemangku import jadwal, services
from lokasi.models import KabupatenKota, Pengguna

# (nama, jenis, kompetensi, narahubung, extra)
PEMANGKU = [
    (
        "Dinas Perumahan dan Kawasan Permukiman (demo)",
        "perangkat_daerah",
        "psu",
        "Kepala Bidang Kawasan Permukiman",
        {},
    ),
    (
        "Bappeda (demo)",
        "perangkat_daerah",
        "psu sosial ekonomi",
        "Kepala Bidang Infrastruktur dan Kewilayahan",
        {},
    ),
    (
        "Dinas Pekerjaan Umum dan Penataan Ruang (demo)",
        "perangkat_daerah",
        "psu",
        "Kepala Bidang Cipta Karya",
        {},
    ),
    (
        "Dinas Kesehatan (demo)",
        "perangkat_daerah",
        "sosial",
        "Kepala Bidang Kesehatan Masyarakat",
        {},
    ),
    ("PDAM Tirta Kota (demo)", "bumd", "psu", "Manajer Teknik", {}),
    (
        "LPM Kelurahan Panjang Wetan (demo)",
        "lembaga_kemasyarakatan",
        "sosial ekonomi",
        "Ketua LPM",
        {"dasar_nomor": "Keputusan Lurah Panjang Wetan Nomor 400/017/2024 (demo)"},
    ),
    ("PT Batik Pesisir Sejahtera (demo)", "perusahaan", "ekonomi", "Manajer TJSLP", {}),
    ("PT Pelabuhan Perikanan Nusantara (demo)", "perusahaan", "psu", "Kepala Bagian CSR", {}),
    ("Universitas Pesisir Utara (demo)", "perguruan_tinggi", "psu sosial", "Ketua LPPM", {}),
    ("Yayasan Kampung Lestari (demo)", "lsm", "sosial", "Direktur Program", {}),
    ("Komunitas Peduli Kali Loji (demo)", "komunitas", "sosial", "Koordinator", {}),
    ("Radio Kota Batik FM (demo)", "media", "sosial", "Pemimpin Redaksi", {}),
    ("Bank Jateng Cabang Pekalongan (demo)", "lembaga_keuangan", "ekonomi", "Pimpinan Cabang", {}),
]

# (nama, jabatan, unsur by the start of its name)
ANGGOTA_POKJA = [
    ("Ir. Sekar Ayu (demo)", "Ketua", "Bappeda"),
    ("Bagus Pratama, S.T. (demo)", "Sekretaris", "Dinas Perumahan"),
    ("Rina Kurniasih, S.T. (demo)", "Anggota", "Dinas Pekerjaan Umum"),
    ("dr. Hendra Wijaya (demo)", "Anggota", "Dinas Kesehatan"),
    ("Agus Salim (demo)", "Anggota", "PDAM"),
    ("H. Darmaji (demo)", "Anggota", "LPM"),
]
ANGGOTA_FORUM = [
    ("Ir. Sekar Ayu (demo)", "Ketua", "Bappeda"),
    ("Bagus Pratama, S.T. (demo)", "Sekretaris", "Dinas Perumahan"),
    ("Dewi Lestari (demo)", "Anggota", "PT Batik"),
    ("Yusuf Hakim (demo)", "Anggota", "PT Pelabuhan"),
    ("Dr. Laila Fitri (demo)", "Anggota", "Universitas"),
    ("Taufik Rahman (demo)", "Anggota", "Yayasan"),
    ("Nur Aini (demo)", "Anggota", "Komunitas"),
    ("Andi Saputra (demo)", "Anggota", "Bank"),
]


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    pokja_user = pengguna["pokja"]
    hari_ini = timezone.localdate()
    pemangku = _pemangku(kabkota, pokja_user)
    n_baru = len(pemangku["baru"])
    # The Pokja's one-year plan runs this calendar year (so December shows the renewal
    # warning); the Forum's two-year plan started last July.
    pokja = _lembaga(
        kabkota, pokja_user, LembagaPKP.Jenis.POKJA, "050/123", date(hari_ini.year, 1, 1), 12,
        ANGGOTA_POKJA, pemangku["semua"], Decimal(150_000_000),
    )  # fmt: skip
    forum = _lembaga(
        kabkota, pokja_user, LembagaPKP.Jenis.FORUM, "050/124", date(hari_ini.year - 1, 7, 1),
        24, ANGGOTA_FORUM, pemangku["semua"], Decimal(75_000_000),
    )  # fmt: skip
    n_rapat = 0
    n_rapat += _pertemuan(
        kabkota, pengguna["operator"], pokja, "pokja_monitoring",
        jadwal.tambah_bulan(hari_ini, -3), "Ruang Rapat Bappeda (demo)",
        agenda="1. Kemajuan penanganan lokasi prioritas\n2. Laporan PKS CSR\n3. Rencana anggaran",
        sumber="SIM kumuh, laporan Perangkat Daerah, uji petik lapangan",
        temuan="Drainase Kelurahan Panjang Wetan belum tersambung ke saluran sekunder; dua "
        "kegiatan jalan lingkungan menunggu DED.",
        keputusan=[
            ("DPUPR menyusun DED drainase sekunder", "Dinas Pekerjaan Umum dan Penataan Ruang",
             jadwal.tambah_bulan(hari_ini, -1)),
            ("Dinas Perkim memperbarui data baseline lokasi prioritas", "Dinas Perumahan dan "
             "Kawasan Permukiman", jadwal.tambah_bulan(hari_ini, 1)),
        ],
    )  # fmt: skip
    n_rapat += _pertemuan(
        kabkota, pengguna["operator"], forum, "forum", jadwal.tambah_bulan(hari_ini, -1),
        "Aula Kantor Wali Kota (demo)",
        agenda="Penawaran kegiatan yang belum terdanai kepada pihak luar",
        sumber="Memorandum program, daftar kekurangan pendanaan",
        temuan="Dua perusahaan berminat mendanai penerangan jalan dan sanitasi komunal.",
        keputusan=[
            ("Menyiapkan draf PKS penerangan jalan lingkungan", "Bappeda",
             jadwal.tambah_bulan(hari_ini, 1)),
        ],
    )  # fmt: skip
    n_rapat += _pertemuan(
        kabkota, pengguna["operator"], None, "sosialisasi", jadwal.tambah_bulan(hari_ini, -2),
        "Balai Kelurahan Panjang Wetan (demo)",
        agenda="Sosialisasi rencana penanganan kepada warga",
        sumber="RPLP Kelurahan Panjang Wetan", temuan="Warga meminta jadwal kerja bakti.",
        keputusan=[("Jadwal kerja bakti bulanan", "LPM Kelurahan Panjang Wetan", None)],
        tamu=[("Ketua RW 03 (demo)", "RW 03"), ("Ketua RW 05 (demo)", "RW 05"),
              ("Fasilitator kelurahan (demo)", "Tim fasilitator")],
    )  # fmt: skip
    if not (n_baru or n_rapat):
        return ""
    return f"Pemangku: {n_baru} pemangku kepentingan, {n_rapat} pertemuan ditambahkan."


def _pemangku(kabkota: KabupatenKota, pengguna: Pengguna) -> dict:
    ada = {p.nama: p for p in PemangkuKepentingan.objects.filter(kabupaten_kota=kabkota)}
    baru = []
    for nama, jenis, kompetensi, narahubung, extra in PEMANGKU:
        if nama in ada:
            continue
        p = PemangkuKepentingan(
            kabupaten_kota=kabkota, nama=nama, jenis=jenis, kontak_jabatan=narahubung,
            alamat="Kota Pekalongan (demo)",
            **{f"kompetensi_{k}": True for k in kompetensi.split()}, **extra,
        )  # fmt: skip
        ada[nama] = services.pemangku_simpan(pemangku=p, pengguna=pengguna, versi_awal=None)
        baru.append(p)
    return {"semua": ada, "baru": baru}


def _unsur(semua: dict[str, PemangkuKepentingan], awal: str) -> PemangkuKepentingan:
    return next(p for nama, p in semua.items() if nama.startswith(awal) and "(demo)" in nama)


def _sehari_sebelum(tanggal: date, bulan: int) -> date:
    return date.fromordinal(jadwal.tambah_bulan(tanggal, bulan).toordinal() - 1)


def _lembaga(
    kabkota, pengguna, jenis, nomor, mulai, bulan_rencana, anggota, semua, anggaran
) -> LembagaPKP:
    # One demo Pokja and one demo Forum, whatever year the demo was first loaded in.
    lembaga = LembagaPKP.objects.filter(
        kabupaten_kota=kabkota, jenis=jenis, nomor_sk__endswith="(demo)"
    ).first()
    if lembaga:
        return lembaga
    nomor = f"Keputusan Wali Kota Pekalongan Nomor {nomor}/{mulai.year} (demo)"
    lembaga = services.lembaga_simpan(
        lembaga=LembagaPKP(
            kabupaten_kota=kabkota,
            jenis=jenis,
            nomor_sk=nomor,
            tanggal_sk=mulai,
            masa_mulai=mulai,
            masa_selesai=_sehari_sebelum(mulai, 36),
            rencana_kerja="Pendataan dan verifikasi lokasi; penyusunan memorandum program; "
            "monitoring paling sedikit 2 bulan sekali; pelaporan kepada Wali Kota (demo).",
            rencana_mulai=mulai,
            rencana_selesai=_sehari_sebelum(mulai, bulan_rencana),
            anggaran_operasional=anggaran,
            tahun_anggaran=mulai.year,
        ),
        pengguna=pengguna,
        versi_awal=None,
    )
    for nama, jabatan, awal in anggota:
        services.anggota_tambah(
            lembaga=lembaga, pengguna=pengguna, pemangku=_unsur(semua, awal), nama=nama,
            jabatan=jabatan, mulai=mulai,
        )  # fmt: skip
    return lembaga


def _pertemuan(
    kabkota, pengguna, lembaga, jenis, tanggal, tempat, *, agenda, sumber, temuan, keputusan,
    tamu=(),
) -> int:  # fmt: skip
    if Pertemuan.objects.filter(kabupaten_kota=kabkota, jenis=jenis, tempat=tempat).exists():
        return 0
    pertemuan = services.pertemuan_simpan(
        pertemuan=Pertemuan(
            kabupaten_kota=kabkota,
            lembaga=lembaga,
            jenis=jenis,
            tanggal=tanggal,
            tempat=tempat,
            agenda=agenda,
            sumber_informasi=sumber,
            temuan=temuan,
            ringkasan="Rapat dibuka oleh ketua dan membahas agenda di atas (demo).",
        ),
        pengguna=pengguna,
        versi_awal=None,
    )
    if lembaga is not None:
        anggota = list(lembaga.anggota.all())
        # One member excused, so the minutes show an absence too.
        services.kehadiran_anggota(pertemuan=pertemuan, pengguna=pengguna, hadir=anggota[:-1])
    for nama, instansi in tamu:
        services.tamu_tambah(pertemuan=pertemuan, pengguna=pengguna, nama=nama, instansi=instansi)
    for uraian, pj, tenggat in keputusan:
        services.keputusan_tambah(
            pertemuan=pertemuan, pengguna=pengguna, uraian=uraian, penanggung_jawab=pj,
            tenggat=tenggat,
        )  # fmt: skip
    return 1
