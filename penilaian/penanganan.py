"""Handled volumes applied to a survey: kondisi akhir per criterion, and the score it gives.

kolaborasi-monev.md §3.1, pure (no Django): for a lokasi with baseline Format Numerik volume
V_awal(c) and handled volume H(c) in the criterion's unit,

    V_akhir(c) = max(0, V_awal(c) − H(c))

and the survey is scored again by `rumus.hitung` with the part of each handled criterion
reduced by what was handled (for 2a/4a, whose volume is the length lacking, the existing length
grows by it). Denominators stay at baseline; legalitas and pertimbangan lain are untouched, so
the klasifikasi takes its letter from the new tingkat and its number from the baseline.

Kolaborasi applies **planned** volumes (a projection, labelled "proyeksi"); monev's peninjauan
ulang applies **realised** volumes. A criterion the survey gave as a band or a percentage has no
volume: its handling cannot be applied and is reported, never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from penilaian import rumus

NOL = Decimal(0)


@dataclass(frozen=True)
class BarisPenanganan:
    """One criterion before and after handling (a Tabel 5 row)."""

    kode: str
    satuan: str
    dapat_dihitung: bool  # False: the survey gave this criterion as a band or a percentage
    volume_awal: Decimal | None
    penanganan: Decimal
    volume_akhir: Decimal | None
    persen_awal: Decimal | None
    persen_akhir: Decimal | None
    nilai_awal: int
    nilai_akhir: int

    @property
    def melebihi(self) -> bool:
        """More handled than there was (double entry or a baseline error, §3.1)."""
        return self.volume_awal is not None and self.penanganan > self.volume_awal


@dataclass(frozen=True)
class HasilPenanganan:
    awal: rumus.HasilPenilaian
    akhir: rumus.HasilPenilaian
    baris: tuple[BarisPenanganan, ...]  # the 16 criteria in Tabel 3 order
    peringatan: tuple[str, ...]

    @property
    def keluar_daftar(self) -> bool:
        """Kumuh before, Tidak Kumuh after: the lokasi would leave the list."""
        return self.awal.kumuh and not self.akhir.kumuh

    @property
    def turun_tingkat(self) -> bool:
        return self.akhir.nilai_kekumuhan < self.awal.nilai_kekumuhan and (
            self.akhir.tingkat_kekumuhan != self.awal.tingkat_kekumuhan
        )


def terapkan(masukan: rumus.MasukanPenilaian, penanganan: Mapping[str, Decimal]) -> HasilPenanganan:
    """Apply handled volumes (criterion code → volume in its unit) to a survey's input.

    Raises rumus.KesalahanMasukan when the baseline itself cannot be scored, and ValueError
    for an unknown criterion or a negative volume.
    """
    awal = rumus.hitung(masukan)
    numerik = {k: rumus.ke_decimal(v) for k, v in masukan.numerik.items() if v is not None}
    peringatan: list[str] = []
    volume: dict[str, tuple[Decimal | None, Decimal | None]] = {}

    for kode, jumlah in penanganan.items():
        if kode not in rumus.KRITERIA_PER_KODE:
            raise ValueError(f"kriteria tidak dikenal: {kode}")
        if jumlah < 0:
            raise ValueError(f"volume penanganan {kode} tidak boleh negatif ({jumlah})")
    for k in rumus.KRITERIA:
        h = penanganan.get(k.kode, NOL)
        if awal.sumber[k.kode] != "numerik":
            volume[k.kode] = (None, None)
            if h > 0:
                peringatan.append(
                    f"Kriteria {k.kode} ({k.nama}) dinilai dengan "
                    f"{'pita' if awal.sumber[k.kode] == 'pita' else 'persen'} pada survei "
                    f"dasar, tanpa volume: penanganannya ({rumus.tampil_angka(h)} {k.satuan}) "
                    "tidak dapat dihitung."
                )
            continue
        v_awal = rumus.volume(k, numerik)
        v_akhir = max(v_awal - h, NOL)
        ditangani = v_awal - v_akhir
        if k.cara is rumus.CaraHitung.KEKURANGAN:
            numerik[k.bagian] += ditangani  # built length closes the gap
        else:
            numerik[k.bagian] -= ditangani
        volume[k.kode] = (v_awal, v_akhir)
        if h > v_awal:
            peringatan.append(
                f"Penanganan kriteria {k.kode} ({rumus.tampil_angka(h)} {k.satuan}) melebihi "
                f"volume kumuh awal ({rumus.tampil_angka(v_awal)} {k.satuan})."
            )

    akhir = rumus.hitung(replace(masukan, numerik=numerik))
    baris = tuple(
        BarisPenanganan(
            kode=k.kode,
            satuan=k.satuan,
            dapat_dihitung=volume[k.kode][0] is not None,
            volume_awal=volume[k.kode][0],
            penanganan=penanganan.get(k.kode, NOL),
            volume_akhir=volume[k.kode][1],
            persen_awal=awal.persen[k.kode],
            persen_akhir=akhir.persen[k.kode],
            nilai_awal=awal.skor[k.kode],
            nilai_akhir=akhir.skor[k.kode],
        )
        for k in rumus.KRITERIA
    )
    return HasilPenanganan(awal=awal, akhir=akhir, baris=baris, peringatan=tuple(peringatan))
