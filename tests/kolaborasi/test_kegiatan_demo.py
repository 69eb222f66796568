"""The demo kegiatan: ≈ 40 over 2024–2027, every state, mixed funding summing to the biaya,
two city-wide ones, one over the remaining volume; running it again changes nothing."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from kolaborasi import aturan
from kolaborasi.kegiatan import aturan_kegiatan, services
from kolaborasi.models import EfekKegiatan, Kegiatan, PendanaanKegiatan
from lokasi.models import RiwayatPerubahan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("kumuh_demo", stdout=io.StringIO(), stderr=io.StringIO())


def _jumlah() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Kegiatan, EfekKegiatan, PendanaanKegiatan, RiwayatPerubahan)
    )


def test_the_demo_kegiatan_and_running_it_again_changes_nothing(demo):
    kegiatan = Kegiatan.objects.filter(kabupaten_kota__kode="33.75")
    assert 38 <= kegiatan.count() <= 42
    assert all(k.nama.endswith("(demo)") for k in kegiatan)
    assert set(kegiatan.values_list("tahun", flat=True)) == {2024, 2025, 2026, 2027}
    assert set(kegiatan.values_list("status", flat=True)) == set(aturan.STATUS_KEGIATAN)
    assert set(kegiatan.values_list("ruang_lingkup", flat=True)) == {"psu", "sosial", "ekonomi"}
    for k in kegiatan.prefetch_related("pendanaan"):
        dana = {d.sumber: d.jumlah for d in k.pendanaan.all()}
        assert aturan_kegiatan.galat_pendanaan(k.biaya, dana) == "", k.nama
    sumber = Counter(
        PendanaanKegiatan.objects.filter(kegiatan__in=kegiatan).values_list("sumber", flat=True)
    )
    assert {"apbd_kabkota", "dak", "apbn", "csr", "swadaya"} <= set(sumber)
    assert PendanaanKegiatan.objects.filter(sumber="csr", pemangku__isnull=False).exists()
    kota = kegiatan.filter(lokasi__isnull=True)
    assert kota.count() == 2
    for k in kota:
        assert len({e.lokasi_id for e in k.efek.all()}) >= 3
    lebih = [k for k in kegiatan if any(s.melebihi for s in services.sisa_volume(k))]
    assert len(lebih) == 1, [k.nama for k in lebih]

    jumlah = _jumlah()
    call_command("kolaborasi_demo", stdout=io.StringIO())
    assert _jumlah() == jumlah
