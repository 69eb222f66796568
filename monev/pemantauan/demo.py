"""Demo rows of this part (called by monev_demo; idempotent, synthetic, labelled demo).

Every demo kegiatan with work on the ground gets its monitoring through the same service the
page uses: a berjalan one two entries part-way, a selesai or diserahterimakan one three entries
ending at 100 % with every effect realised and a 100 % photo (what the selesai step demands).
"""

from __future__ import annotations

import io
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from kolaborasi.models import Kegiatan
from lokasi.models import KabupatenKota, Pengguna
from monev.models import Pemantauan, TemuanAPIP
from monev.pemantauan import services
from monev.pemantauan.services import Foto

# (month, progres %) of each entry by state: work starts in the budget year's second quarter.
JADWAL = {
    "berjalan": ((5, 25), (8, 55)),
    "selesai": ((4, 30), (7, 70), (10, 100)),
    "diserahterimakan": ((4, 35), (7, 75), (10, 100)),
}
# The share of the funding spent by the last entry of a finished kegiatan (savings of tender).
BELANJA_SELESAI = Decimal("0.94")
TITIK_PEKALONGAN = (Decimal("-6.889"), Decimal("109.675"))
SEN = Decimal("0.01")


def _png(warna: tuple[int, int, int], nama: str) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), warna).save(buf, "PNG")
    return SimpleUploadedFile(nama, buf.getvalue(), content_type="image/png")


def _foto(k: Kegiatan, progres: int) -> list[Foto]:
    tahap = {30: "0", 35: "0", 55: "50", 70: "50", 75: "50", 100: "100"}.get(progres)
    if tahap is None:
        return []
    warna = {"0": (150, 120, 90), "50": (120, 130, 110), "100": (90, 140, 90)}[tahap]
    lintang, bujur = TITIK_PEKALONGAN
    return [
        Foto(
            berkas=_png(warna, f"demo-{k.pk}-foto-{tahap}-persen.png"), tahap=tahap,
            lintang=lintang + Decimal(k.pk % 50) / 1000, bujur=bujur,
            keterangan=f"Foto tahap {tahap} % (demo)",
        )
    ]  # fmt: skip


def _pantau(k: Kegiatan, operator: Pengguna) -> int:
    efek = list(k.efek.all())
    dana = list(k.pendanaan.all())
    terakhir, jadwal = None, JADWAL[k.status]
    for bulan, progres in jadwal:
        bagian = Decimal(progres) / 100
        selesai = progres == 100
        belanja = BELANJA_SELESAI if selesai else bagian * Decimal("0.9")
        p, _peringatan = services.pemantauan_tambah(
            kegiatan=k, pengguna=operator, terakhir_awal=terakhir,
            tanggal=date(k.tahun, bulan, 15), progres_fisik=Decimal(progres),
            efek={e.pk: (e.volume * bagian).quantize(SEN, ROUND_HALF_UP) for e in efek},
            dana={d.sumber: (d.jumlah * belanja).quantize(SEN, ROUND_HALF_UP) for d in dana},
            foto=_foto(k, progres),
            kendala="" if selesai else "Cuaca hujan memperlambat pengecoran (demo).",
            tindakan_korektif="" if selesai else "Penambahan jam kerja pada minggu kering (demo).",
        )  # fmt: skip
        terakhir = p.pk
    return len(jadwal)


def muat(*, kabkota: KabupatenKota, pengguna: dict[str, Pengguna]) -> str:
    """Create this part's demo rows once; return a line for the demo's output ("" if none)."""
    operator, pokja = pengguna["operator"], pengguna["pokja"]
    kegiatan = list(
        Kegiatan.objects.filter(kabupaten_kota=kabkota, status__in=JADWAL, pemantauan__isnull=True)
        .prefetch_related("efek", "pendanaan")
        .order_by("tahun", "pk")
    )
    entri = sum(_pantau(k, operator) for k in kegiatan)
    temuan = 0
    berjalan = (
        Kegiatan.objects.filter(kabupaten_kota=kabkota, status="berjalan").order_by("pk").first()
    )
    if berjalan and not TemuanAPIP.objects.filter(kegiatan__kabupaten_kota=kabkota).exists():
        t = services.temuan_tambah(
            kegiatan=berjalan, pengguna=operator, tanggal=date(berjalan.tahun, 9, 1),
            temuan="Ketebalan rabat beton di dua titik kurang dari spesifikasi 12 cm (demo).",
            rekomendasi="Bongkar dan cor ulang segmen yang kurang; uji core drill (demo).",
        )  # fmt: skip
        services.temuan_tindak_lanjut(
            temuan=t, pengguna=pokja, versi_awal=t.versi, status=TemuanAPIP.Status.PROSES,
            tindak_lanjut="Penyedia jasa membongkar segmen pertama (demo).",
        )  # fmt: skip
        temuan = 1
    if not entri and not temuan:
        return ""
    jumlah = Pemantauan.objects.filter(kegiatan__kabupaten_kota=kabkota).count()
    return (
        f"Pemantauan: {len(kegiatan)} kegiatan baru dipantau, {entri} entri (total {jumlah}), "
        f"{temuan} temuan APIP."
    )
