"""The pengaduan demo: complaints of Kota Pekalongan in every step, a pair of possible
duplicates and an overdue recommendation; running it again changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from monev.models import LangkahPengaduan, Pengaduan
from monev.pengaduan import aturan
from monev.pengaduan.data import kemungkinan_duplikat

pytestmark = pytest.mark.django_db


def test_demo_complaints_in_every_step_and_idempotent():
    call_command("kumuh_demo", stdout=io.StringIO(), stderr=io.StringIO())
    aduan = list(Pengaduan.objects.filter(kabupaten_kota__kode="33.75"))
    assert {p.status for p in aduan} == set(aturan.TAHAP)
    assert all(p.uraian.endswith("(demo).") for p in aduan)
    assert Pengaduan.objects.terlambat(timezone.localdate()).count() == 1
    diterima = next(p for p in aduan if p.status == aturan.DITERIMA)
    assert [d.status for d, _ in kemungkinan_duplikat(diterima)] == [aturan.TRIASE]
    jumlah = (Pengaduan.objects.count(), LangkahPengaduan.objects.count())
    call_command("monev_demo", stdout=io.StringIO())
    assert (Pengaduan.objects.count(), LangkahPengaduan.objects.count()) == jumlah
