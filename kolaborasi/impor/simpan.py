"""Check a read kegiatan workbook against the database and save it, all or nothing.

Lokasi are matched by their code in the user's kab/kota, RT units are not imported (a kegiatan
for one RT is entered on its page), the penanggung jawab by a stakeholder's name in the city.
Only the Pokja and the Dinas admin may import a status past `usulan` (a plan is their decision).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from kolaborasi import akses
from kolaborasi.impor import baca as impor_baca
from kolaborasi.impor.baca import KegiatanImpor
from kolaborasi.kegiatan import services as kegiatan_services
from kolaborasi.models import Kegiatan, PemangkuKepentingan
from kumuh.xlsx_baca import Baris, Batas, Masalah, normal_judul
from lokasi.models import KabupatenKota, Lokasi, Pengguna


@dataclass
class Laporan:
    """What an import found and did: problems (nothing saved when any), warnings, counts."""

    masalah: list[Masalah] = field(default_factory=list)
    peringatan: list[Masalah] = field(default_factory=list)
    jumlah_kegiatan: int = 0
    jumlah_efek: int = 0
    tersimpan: bool = False
    dibuat: list[int] = field(default_factory=list)


def impor_kegiatan(
    *,
    berkas: str | IO[bytes],
    kabupaten_kota: KabupatenKota,
    pengguna: Pengguna,
    simpan: bool,
) -> Laporan:
    """Read, check and (with `simpan`, when nothing is wrong) create the kegiatan of a file."""
    akses.wajib_isi(pengguna, kabupaten_kota)
    # The survey import's limits (settings IMPOR_BARIS_MAKS, IMPOR_SEL_MAKS): a workbook of a
    # million rows or a sheet padded to its last column is refused before it fills memory.
    batas = Batas(baris=settings.IMPOR_BARIS_MAKS, sel=settings.IMPOR_SEL_MAKS)
    hasil = impor_baca.baca(berkas, batas=batas)
    laporan = Laporan(masalah=list(hasil.masalah), peringatan=list(hasil.peringatan))
    laporan.jumlah_kegiatan = len(hasil.kegiatan)
    laporan.jumlah_efek = sum(len(k.efek) for k in hasil.kegiatan)
    lokasi = {
        normal_judul(lok.kode): lok
        for lok in Lokasi.objects.filter(kabupaten_kota=kabupaten_kota).exclude(kode="")
    }
    pemangku = {
        normal_judul(p.nama): p
        for p in PemangkuKepentingan.objects.filter(kabupaten_kota=kabupaten_kota)
    }
    boleh_status = akses.boleh_putuskan(pengguna, kabupaten_kota)
    rencana = []
    for k in hasil.kegiatan:
        rencana.append(_cocokkan(k, lokasi, pemangku, boleh_status, laporan.masalah))
    if laporan.masalah or not simpan:
        return laporan
    with transaction.atomic():
        for kegiatan, efek, dana in rencana:
            kegiatan.kabupaten_kota = kabupaten_kota
            kegiatan_services.kegiatan_simpan(
                kegiatan=kegiatan, pengguna=pengguna, versi_awal=None, efek=efek, pendanaan=dana
            )
            laporan.dibuat.append(kegiatan.pk)
    laporan.tersimpan = True
    return laporan


def _cocokkan(
    k: KegiatanImpor,
    lokasi: dict[str, Lokasi],
    pemangku: dict[str, PemangkuKepentingan],
    boleh_status: bool,
    masalah: list[Masalah],
) -> tuple[Kegiatan, list[kegiatan_services.Efek], list[kegiatan_services.Dana]]:
    """Resolve codes and names of one kegiatan to rows of the city; record what is unknown."""
    n, b = k.nilai, k.baris

    def cari_lokasi(kode: str, baris: Baris) -> Lokasi | None:
        hasil = lokasi.get(normal_judul(kode))
        if hasil is None:
            masalah.append(baris.masalah(
                "kode_lokasi", _("kode lokasi tidak ada di kabupaten/kota ini (%s)") % kode
            ))  # fmt: skip
        return hasil

    lok = cari_lokasi(kode, b) if (kode := n.get("kode_lokasi")) else None
    pj = None
    if nama := n.get("penanggung_jawab"):
        pj = pemangku.get(normal_judul(nama))
        if pj is None:
            masalah.append(b.masalah(
                "penanggung_jawab", _("pemangku kepentingan tidak ada di daftar (%s)") % nama
            ))  # fmt: skip
    status = n.get("status", "usulan")
    if status != "usulan" and not boleh_status:
        masalah.append(b.masalah("status", _("hanya anggota Pokja PKP dan admin Dinas yang "
                                             "boleh mengisi status selain Usulan")))  # fmt: skip
    efek = []
    for e in k.efek:
        tempat = cari_lokasi(e.kode_lokasi, e.baris) if e.kode_lokasi else lok
        if tempat is not None:
            efek.append(kegiatan_services.Efek(kriteria=e.kriteria, volume=e.volume, lokasi=tempat))
    kegiatan = Kegiatan(
        lokasi=lok,
        program=n.get("program", ""),
        nama=n.get("kegiatan", ""),
        ruang_lingkup=n.get("ruang_lingkup", ""),
        sub_lingkup=n.get("sub_lingkup", ""),
        tahun=n.get("tahun"),
        tahun_awal_rencana=n.get("tahun_awal_rencana") or n.get("tahun"),
        biaya=n.get("biaya"),
        pelaksana=n.get("pelaksana", ""),
        penanggung_jawab=pj,
        dasar=n.get("dasar", "rp2kpkp"),
        dasar_dokumen=n.get("dasar_dokumen", ""),
        status=status,
        catatan=n.get("catatan", ""),
    )
    dana = [kegiatan_services.Dana(sumber=s, jumlah=j) for s, j in k.dana.items()]
    return kegiatan, efek, dana
