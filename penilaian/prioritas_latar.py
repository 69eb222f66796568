"""A big Excel of the priority list, made in the background (issue 14 item 2).

Up to `batas_langsung()` rows the Excel is answered in the request, as before. A bigger list
(a pusat verifier's 30,000 lokasi take tens of seconds) becomes an `EksporPrioritas`: the task
`buat_ekspor_prioritas` streams the rows into a write-only workbook (flat memory), and the
user waits on a page that polls. The task re-reads the filters with the maker's own scope, so
the file holds what the maker's page lists. Like the SK's exports it runs on the project's
task queue (`manage.py db_worker` in production; see kumuh/tugas.py).
"""

from __future__ import annotations

import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db.models import Max
from django.http import QueryDict
from django.tasks import task
from django.utils import timezone
from django.utils.text import slugify

from lokasi.models import PERAN_KABKOTA, KabupatenKota, Pengguna, Peran
from penilaian import ekspor
from penilaian.models import EksporPrioritas, Penilaian
from penilaian.prioritas import (
    FilterPrioritasForm,
    iter_baris,
    saring_prioritas,
    uraian_saringan,
)

log = logging.getLogger(__name__)


def batas_langsung() -> int:
    """Rows above which the Excel is made in the background (KUMUH_PRIORITAS_EXCEL_LATAR)."""
    return getattr(settings, "KUMUH_PRIORITAS_EXCEL_LATAR", 2000)


def judul_excel(
    pengguna: Pengguna, kabupaten_kota: list[str], tahun_terakhir: int | None, saringan: dict
) -> tuple[dict[str, str], str]:
    """Return the title lines and the file name of the list's Excel (direct or background)."""
    wilayah = _wilayah(pengguna, kabupaten_kota)
    tahun = saringan.get("tahun") or tahun_terakhir or timezone.localdate().year
    sampai = f"s.d. tahun {saringan['tahun']}" if "tahun" in saringan else "terbaru"
    judul = {
        "judul": f"DAFTAR PRIORITAS PENANGANAN LOKASI PERMUKIMAN KUMUH DI {wilayah.upper()}",
        "subjudul": f"Berdasarkan penilaian terakhir yang disetujui ({sampai})",
        "catatan": uraian_saringan(saringan) and f"Saringan: {uraian_saringan(saringan)}",
    }
    return judul, f"daftar-prioritas-{slugify(wilayah)}-{tahun}.xlsx"


def _wilayah(pengguna: Pengguna, kabupaten_kota: list[str]) -> str:
    """Name the area of the list: the one kab/kota of its rows, else the user's area."""
    if len(kabupaten_kota) == 1:
        return kabupaten_kota[0]
    if pengguna.peran in PERAN_KABKOTA and pengguna.kabupaten_kota_id:
        return str(pengguna.kabupaten_kota)
    if pengguna.peran == Peran.VERIFIKATOR_PROVINSI and pengguna.provinsi_id:
        nama = str(pengguna.provinsi)
        return nama if nama.lower().startswith("provinsi") else f"Provinsi {nama}"
    return "Indonesia"


def ekspor_minta(*, pengguna: Pengguna, query: str) -> EksporPrioritas:
    """Record a request for the big Excel and queue its task (after the transaction commits)."""
    permintaan = EksporPrioritas.objects.create(
        dibuat_oleh=pengguna,
        kabupaten_kota_id=pengguna.kabupaten_kota_id if pengguna.peran in PERAN_KABKOTA else None,
        saringan=query[:500],
    )
    hasil = buat_ekspor_prioritas.enqueue(permintaan.pk)
    EksporPrioritas.objects.filter(pk=permintaan.pk).update(tugas_id=hasil.id)
    permintaan.refresh_from_db()
    return permintaan


def ekspor_jalankan(ekspor_pk: int) -> None:
    """Build the file of one request and record how it ended."""
    permintaan = EksporPrioritas.objects.select_related("dibuat_oleh").get(pk=ekspor_pk)
    if not permintaan.aktif:
        return
    EksporPrioritas.objects.filter(pk=ekspor_pk).update(status=EksporPrioritas.Status.BERJALAN)
    pengguna = permintaan.dibuat_oleh
    try:
        form = FilterPrioritasForm(QueryDict(permintaan.saringan) or None, pengguna=pengguna)
        saringan = form.saringan()
        penilaian = Penilaian.objects.untuk(pengguna)
        terakhir, syarat = saring_prioritas(penilaian, **saringan)
        kabkota = KabupatenKota.objects.filter(
            pk__in=terakhir.filter(syarat).values("lokasi__kabupaten_kota")
        )
        tahun = terakhir.filter(syarat).aggregate(t=Max("tahun"))["t"]
        judul, nama = judul_excel(pengguna, sorted(str(k) for k in kabkota), tahun, saringan)
        with tempfile.TemporaryFile() as sementara:
            jumlah = ekspor.tulis_daftar_prioritas_besar(
                iter_baris(terakhir.filter(syarat)), sementara, **judul
            )
            sementara.seek(0)
            permintaan.berkas.save(nama, File(sementara), save=False)
        EksporPrioritas.objects.filter(pk=ekspor_pk).update(
            status=EksporPrioritas.Status.SELESAI,
            berkas=permintaan.berkas.name,
            nama_berkas=nama,
            jumlah_baris=jumlah,
            selesai_pada=timezone.now(),
        )
    except Exception as galat:
        log.exception("Ekspor daftar prioritas %s gagal", ekspor_pk)
        EksporPrioritas.objects.filter(pk=ekspor_pk).update(
            status=EksporPrioritas.Status.GAGAL,
            pesan=str(galat)[:300],
            selesai_pada=timezone.now(),
        )
        raise


@task
def buat_ekspor_prioritas(ekspor_pk: int) -> None:
    """Stream the big Excel of a priority list into its EksporPrioritas."""
    ekspor_jalankan(ekspor_pk)
