"""The governance calendar of a kab/kota: what falls due, when, and where to act.

One query per kind of item, constant in the number of rows and of cities (the dashboard reads
the calendars of every city at once); the dates come from the pure rules in
`monev/op/jadwal.py` and kolaborasi's `kolaborasi/pemangku/jadwal.py`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kolaborasi.models import Kegiatan, LembagaPKP, PerjanjianKerjaSama, Pertemuan
from kolaborasi.pemangku import jadwal as jadwal_pokja
from kolaborasi.pemangku.pemantauan import JENIS_MONITORING
from kumuh.angka import tanggal_indonesia
from lokasi.models import KabupatenKota
from monev.models import Aset, EvaluasiTahunan, Pengaduan, PeninjauanUlang
from monev.op import jadwal
from monev.op.aset import dengan_pemeriksaan_terakhir, jadwal_aset
from penilaian.models import SK

# Proposal: two weeks' notice to call the Pokja's monitoring meeting.
HARI_PERINGATAN_RAPAT = 14
URUTAN_STATUS = {jadwal.TERLAMBAT: 0, jadwal.JATUH_TEMPO: 1, jadwal.TERJADWAL: 2}
# kolaborasi's reading of a rencana kerja → the calendar's three states.
STATUS_RENCANA = {
    "berakhir": jadwal.TERLAMBAT,
    "segera": jadwal.JATUH_TEMPO,
    "berlaku": jadwal.TERJADWAL,
}


@dataclass(frozen=True)
class Butir:
    jenis: str
    judul: str
    tenggat: date | None
    status: jadwal.StatusTenggat
    url: str | None
    keterangan: str = ""


Kota = Sequence[KabupatenKota]
PerKota = Iterable[tuple[int, Butir]]  # (kabupaten_kota pk, item)


def _rapat_monitoring(kota: Kota, hari_ini: date) -> PerKota:
    # kolaborasi's jadwal_monitoring for each city at once: the last meeting, any Pokja SK.
    terakhir = dict(
        Pertemuan.objects.filter(kabupaten_kota__in=kota, jenis=JENIS_MONITORING)
        .values_list("kabupaten_kota")
        .annotate(t=Max("tanggal"))
        .order_by()
    )
    hari = timezone.localdate()
    for k in kota:
        yield k.pk, _rapat(jadwal_pokja.jadwal_monitoring(terakhir.get(k.pk), hari), hari_ini)


def _rapat(j: jadwal_pokja.JadwalMonitoring, hari_ini: date) -> Butir:
    url = reverse("kolaborasi:pertemuan_tambah")
    if j.berikut is None:
        return Butir(
            _("Rapat monitoring Pokja PKP"),
            _("Rapat monitoring Pokja PKP berikutnya"),
            None,
            jadwal.StatusTenggat(jadwal.TERLAMBAT, 0),
            url,
            _(
                "Belum ada rapat monitoring Pokja PKP yang tercatat (paling sedikit 2 bulan "
                "sekali)."
            ),
        )
    status = jadwal.status_tenggat(
        j.berikut, hari_ini, peringatan_mulai=j.berikut - timedelta(days=HARI_PERINGATAN_RAPAT)
    )
    return Butir(
        _("Rapat monitoring Pokja PKP"),
        _("Rapat monitoring Pokja PKP berikutnya"),
        j.berikut,
        status,
        url,
        _("Rapat terakhir %(t)s; paling sedikit 2 bulan sekali.")
        % {"t": tanggal_indonesia(j.terakhir)},
    )


def _rencana_kerja(kota: Kota, hari_ini: date) -> PerKota:
    terbaru: dict[int, LembagaPKP] = {}
    for pokja in LembagaPKP.objects.filter(
        kabupaten_kota__in=kota, jenis=LembagaPKP.Jenis.POKJA, rencana_selesai__isnull=False
    ).order_by("-tanggal_sk", "-pk"):
        terbaru.setdefault(pokja.kabupaten_kota_id, pokja)  # each city's first in that order
    for kota_pk, pokja in terbaru.items():
        s = jadwal_pokja.status_rencana(pokja.rencana_selesai, hari_ini)
        status = jadwal.StatusTenggat(STATUS_RENCANA[s.kode], abs(s.sisa_hari))
        yield (
            kota_pk,
            Butir(
                _("Rencana kerja Pokja PKP"),
                _("Rencana kerja Pokja PKP berakhir"),
                pokja.rencana_selesai,
                status,
                reverse("kolaborasi:lembaga_detail", args=[pokja.pk]),
                _("Susun rencana kerja berikutnya (paling sedikit 1 tahun)."),
            ),
        )


def _evaluasi(kota: Kota, hari_ini: date) -> PerKota:
    tahun_kegiatan = set(
        Kegiatan.objects.filter(kabupaten_kota__in=kota, tahun__lte=hari_ini.year)
        .exclude(status="usulan")
        .values_list("kabupaten_kota", "tahun")
        .order_by()
        .distinct()
    )
    final = set(
        EvaluasiTahunan.objects.filter(
            kabupaten_kota__in=kota, status=EvaluasiTahunan.Status.FINAL
        ).values_list("kabupaten_kota", "tahun")
    )
    url = reverse("monev:evaluasi_daftar")
    return [
        (kota_pk, Butir(
            _("Evaluasi tahunan"),
            _("Evaluasi tahunan %(tahun)s") % {"tahun": tahun},
            jadwal.tenggat_evaluasi(tahun),
            jadwal.status_evaluasi(tahun, hari_ini),
            url,
            _("Dipimpin Pokja PKP; laporan final kepada Kepala Daerah."),
        ))
        for kota_pk, tahun in sorted(tahun_kegiatan - final)
    ]  # fmt: skip


def _peninjauan(kota: Kota, hari_ini: date) -> PerKota:
    selesai = PeninjauanUlang.objects.filter(
        sk=OuterRef("pk"), status=PeninjauanUlang.Status.SELESAI
    )
    sk_terbuka = (
        # A revoked SK is not reviewed again: the five years run from the SK replacing it.
        SK.objects.filter(kabupaten_kota__in=kota, tanggal__isnull=False)
        .berlaku()
        .annotate(selesai=Exists(selesai))
        .filter(selesai=False)
        .order_by("tanggal", "pk")
    )
    daftar = reverse("monev:peninjauan_daftar")
    return [
        (sk.kabupaten_kota_id, Butir(
            _("Peninjauan ulang"),
            _("Peninjauan ulang SK %(nomor)s") % {"nomor": sk.nomor or sk.pk},
            jadwal.tenggat_peninjauan(sk.tanggal),
            jadwal.status_peninjauan(sk.tanggal, hari_ini),
            daftar,
            _("SK ditetapkan %(t)s; paling sedikit sekali dalam 5 tahun.")
            % {"t": tanggal_indonesia(sk.tanggal)},
        ))
        for sk in sk_terbuka
    ]  # fmt: skip


def _pks(kota: Kota, hari_ini: date) -> PerKota:
    belum = (
        PerjanjianKerjaSama.objects.filter(kabupaten_kota__in=kota, dilaporkan_pada__isnull=True)
        .exclude(status="draf")
        .select_related("pemangku")
        .order_by("tanggal", "pk")
    )
    hasil = []
    for pks in belum:
        if not pks.belum_dilaporkan:  # the model's rule stays the one definition
            continue
        tanggal = pks.tanggal or hari_ini
        hasil.append((pks.kabupaten_kota_id,
            Butir(
                _("PKS belum dilaporkan"),
                _("Laporkan PKS %(nomor)s ke Pokja PKP") % {"nomor": pks.nomor},
                jadwal.tenggat_lapor_pks(tanggal),
                jadwal.status_lapor_pks(tanggal, hari_ini),
                pks.get_absolute_url(),
                pks.pemangku.nama,
            )
        ))  # fmt: skip
    return hasil


def _pemeriksaan_aset(kota: Kota, hari_ini: date) -> PerKota:
    hasil = []
    for aset in dengan_pemeriksaan_terakhir(Aset.objects.filter(kabupaten_kota__in=kota)):
        j = jadwal_aset(aset, hari_ini)
        # Only what needs attention: the asset list holds every schedule.
        if j.status is None or j.status.kode == jadwal.TERJADWAL:
            continue
        hasil.append((aset.kabupaten_kota_id,
            Butir(
                _("Pemeriksaan aset"),
                _("Periksa %(nama)s") % {"nama": aset.nama},
                j.berikut,
                j.status,
                reverse("monev:aset_detail", args=[aset.pk]),
                aset.pengelola.nama if aset.pengelola else "",
            )
        ))  # fmt: skip
    return hasil


def _pengaduan(kota: Kota, hari_ini: date) -> PerKota:
    """Complaint recommendations with their due date, open (spec §2.9 "complaints past SLA"):
    due within a week, or overdue."""
    terbuka = Pengaduan.objects.filter(
        kabupaten_kota__in=kota,
        status=Pengaduan.Status.REKOMENDASI,
        tenggat__isnull=False,
        tenggat__lte=hari_ini + timedelta(days=7),
    ).order_by("tenggat", "pk")
    return [
        (p.kabupaten_kota_id, Butir(
            _("Rekomendasi pengaduan"),
            _("Tindak lanjuti pengaduan %(kode)s") % {"kode": p.kode},
            p.tenggat,
            jadwal.status_tenggat(
                p.tenggat, hari_ini, peringatan_mulai=p.tenggat - timedelta(days=7)
            ),
            reverse("monev:pengaduan_detail", args=[p.pk]),
            p.penanggung_jawab,
        ))
        for p in terbuka
    ]  # fmt: skip


def butir_kalender(kota: KabupatenKota, hari_ini: date) -> list[Butir]:
    """Return the city's open governance items, most urgent first."""
    return butir_kalender_kota([kota], hari_ini)[kota.pk]


def butir_kalender_kota(kota: Kota, hari_ini: date) -> dict[int, list[Butir]]:
    """Return each city's open governance items (pk → items, most urgent first), in the same
    queries for any number of cities."""
    per: dict[int, list[Butir]] = defaultdict(list)
    for bagian in (_rapat_monitoring, _rencana_kerja, _evaluasi, _peninjauan, _pks,
                   _pemeriksaan_aset, _pengaduan):  # fmt: skip
        for kota_pk, butir in bagian(kota, hari_ini):
            per[kota_pk].append(butir)
    return {
        k.pk: sorted(
            per[k.pk],
            key=lambda b: (URUTAN_STATUS[b.status.kode], b.tenggat or date.min, b.judul),
        )
        for k in kota
    }
