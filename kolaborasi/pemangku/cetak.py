"""The notulen (minutes) of a meeting as an A4 portrait PDF.

The content is read once into `IsiNotulen` (plain values); `templates/kolaborasi/cetak/notulen.html`
reads only that, and `kumuh.pdf` renders it (one short document: no chunks).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.text import slugify

from kolaborasi.models import Pertemuan
from kolaborasi.pemangku import jadwal
from kumuh import angka, pdf

NOMOR_HALAMAN = "Halaman {n} dari {total}"
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@dataclass(frozen=True)
class Peserta:
    nama: str
    instansi: str
    hadir: bool


@dataclass(frozen=True)
class Keputusan:
    uraian: str
    penanggung_jawab: str
    tenggat: str
    status: str
    terlambat: bool


@dataclass(frozen=True)
class IsiNotulen:
    kop: str
    lembaga: str
    judul: str
    jenis: str
    hari: str
    tanggal: str
    tempat: str
    agenda: str
    sumber_informasi: str
    temuan: str
    ringkasan: str
    peserta: tuple[Peserta, ...]
    keputusan: tuple[Keputusan, ...]
    pimpinan: str
    kota_ttd: str
    nama_berkas: str

    @property
    def jumlah_hadir(self) -> int:
        return sum(p.hadir for p in self.peserta)

    @property
    def jumlah_hadir_teks(self) -> str:
        return angka.dengan_terbilang(self.jumlah_hadir, "orang")


def isi_notulen(pertemuan: Pertemuan, *, hari_ini: date) -> IsiNotulen:
    """Read what the minutes print from a meeting (three queries)."""
    kabkota = pertemuan.kabupaten_kota
    lembaga = pertemuan.lembaga
    pimpinan = ""
    if lembaga is not None:
        ketua = next(
            (a for a in lembaga.anggota.all() if a.jabatan.lower().startswith("ketua")), None
        )
        pimpinan = ketua.nama if ketua else ""
    keputusan = tuple(
        Keputusan(
            uraian=k.uraian,
            penanggung_jawab=k.penanggung_jawab,
            tenggat=angka.tanggal_indonesia(k.tenggat) if k.tenggat else "–",
            status=k.get_status_display(),
            terlambat=jadwal.keputusan_terlambat(k.tenggat, k.status == "selesai", hari_ini),
        )
        for k in pertemuan.keputusan.all()
    )
    return IsiNotulen(
        kop=f"PEMERINTAH {kabkota.nama}".upper(),
        lembaga=(lembaga.get_jenis_display() if lembaga else "").upper(),
        judul=f"NOTULEN {pertemuan.get_jenis_display()}".upper(),
        jenis=pertemuan.get_jenis_display(),
        hari=HARI[pertemuan.tanggal.weekday()],
        tanggal=angka.tanggal_indonesia(pertemuan.tanggal),
        tempat=pertemuan.tempat,
        agenda=pertemuan.agenda,
        sumber_informasi=pertemuan.sumber_informasi,
        temuan=pertemuan.temuan,
        ringkasan=pertemuan.ringkasan,
        peserta=tuple(Peserta(k.nama, k.instansi, k.hadir) for k in pertemuan.kehadiran.all()),
        keputusan=keputusan,
        pimpinan=pimpinan,
        kota_ttd=kabkota.nama.removeprefix("Kota ").removeprefix("Kabupaten "),
        nama_berkas=f"notulen-{slugify(pertemuan.get_jenis_display())}-{pertemuan.tanggal}.pdf",
    )


def html_notulen(isi: IsiNotulen) -> str:
    return render_to_string("kolaborasi/cetak/notulen.html", {"isi": isi})


def pdf_notulen(isi: IsiNotulen) -> bytes:
    """Render the minutes, pages numbered "Halaman n dari N"."""
    return pdf.beri_nomor_halaman(pdf.render_pdf(html_notulen(isi)), format=NOMOR_HALAMAN)
