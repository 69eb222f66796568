"""Reading pengaduan for the Dinas pages and the report: scoped fetch, possible duplicates,
and the monitoring report's rows for a period (contact data never leaves here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone

from lokasi.models import Pengguna
from monev.models import Pengaduan
from monev.pengaduan import aturan


def get_pengaduan_for_user(pengguna: Pengguna, pk: int) -> Pengaduan:
    """Return the complaint if in the user's reach, else 404 (its existence is not told)."""
    return get_object_or_404(
        Pengaduan.objects.untuk(pengguna).select_related(
            "kabupaten_kota", "kelurahan__kecamatan", "lokasi"
        ),
        pk=pk,
    )


def kemungkinan_duplikat(pengaduan: Pengaduan) -> list[tuple[Pengaduan, float]]:
    """Open complaints of the same kab/kota within JARAK_DUPLIKAT_M, nearest first."""
    if pengaduan.lintang is None or pengaduan.bujur is None:
        return []
    lat, lon = float(pengaduan.lintang), float(pengaduan.bujur)
    min_lat, max_lat, min_lon, max_lon = aturan.kotak(lat, lon, aturan.JARAK_DUPLIKAT_M)
    # The box is bounded by the database; the exact distance is computed on the few inside.
    calon = (
        Pengaduan.objects.terbuka()
        .filter(
            kabupaten_kota_id=pengaduan.kabupaten_kota_id,
            lintang__range=(min_lat, max_lat),
            bujur__range=(min_lon, max_lon),
        )
        .exclude(pk=pengaduan.pk)
        .select_related("kelurahan")
    )
    hasil = []
    for p in calon:
        jarak = aturan.jarak_m(lat, lon, float(p.lintang), float(p.bujur))
        if jarak <= aturan.JARAK_DUPLIKAT_M:
            hasil.append((p, jarak))
    return sorted(hasil, key=lambda x: x[1])


@dataclass(frozen=True)
class BarisLaporan:
    kode: str
    tanggal: date
    sumber: str
    kategori: str
    kelurahan: str
    status: str
    hasil_cek_lapangan: str
    evaluasi: str
    rekomendasi: str
    penanggung_jawab: str
    tenggat: date | None
    terlambat: bool
    tanggal_selesai: date | None


@dataclass(frozen=True)
class IsiLaporan:
    kabkota: str
    dari: date
    sampai: date
    dicetak: date
    baris: list[BarisLaporan]
    per_status: list[tuple[str, int]]
    per_kategori: list[tuple[str, int]]
    jumlah_terlambat: int

    @property
    def nama_berkas(self) -> str:
        kota = self.kabkota.lower().replace(" ", "-")
        return f"pengaduan-{kota}-{self.dari:%Y%m%d}-{self.sampai:%Y%m%d}"


def isi_laporan(kabkota, dari: date, sampai: date, hari_ini: date) -> IsiLaporan:
    """Complaints received in [dari, sampai] of one kab/kota, for the publishable report."""
    qs = (
        Pengaduan.objects.filter(kabupaten_kota=kabkota, dibuat_pada__date__range=(dari, sampai))
        .select_related("kelurahan")
        .order_by("dibuat_pada", "pk")
    )
    baris = []
    for p in qs:
        evaluasi = "; ".join(
            f"{label}: {teks}"
            for label, teks in (
                ("Perizinan", p.evaluasi_perizinan),
                ("Standar teknis", p.evaluasi_standar_teknis),
                ("Kelaikan fungsi", p.evaluasi_kelaikan_fungsi),
            )
            if teks
        )
        terlambat = (
            p.status == aturan.REKOMENDASI and p.tenggat is not None and p.tenggat < hari_ini
        )
        baris.append(
            BarisLaporan(
                kode=p.kode,
                tanggal=timezone.localdate(p.dibuat_pada),
                sumber=p.get_sumber_display(),
                kategori=p.get_kategori_display(),
                kelurahan=p.kelurahan.nama,
                status=p.get_status_display(),
                hasil_cek_lapangan=p.hasil_cek_lapangan,
                evaluasi=evaluasi,
                rekomendasi=p.rekomendasi,
                penanggung_jawab=p.penanggung_jawab,
                tenggat=p.tenggat,
                terlambat=terlambat,
                tanggal_selesai=p.tanggal_selesai,
            )
        )
    per_status = [
        (label, sum(1 for b in baris if b.status == label)) for _, label in Pengaduan.Status.choices
    ]
    per_kategori = [
        (label, sum(1 for b in baris if b.kategori == label))
        for _, label in Pengaduan.Kategori.choices
    ]
    return IsiLaporan(
        kabkota=str(kabkota),
        dari=dari,
        sampai=sampai,
        dicetak=hari_ini,
        baris=baris,
        per_status=per_status,
        per_kategori=per_kategori,
        jumlah_terlambat=sum(b.terlambat for b in baris),
    )
