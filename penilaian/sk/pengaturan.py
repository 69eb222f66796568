"""Writes of a kab/kota's SK settings (PengaturanSK): its fields and its ordered lists.

Every write checks the SK-managing right (the Dinas admin or the Pokja of that kab/kota), the
form's version (a line moved by position must be the line the user saw: a stale page would
move or remove another one), and records the change in the settings' history. Issued SKs are
not touched: they carry their own frozen copy (services.sk_tetapkan).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from lokasi import riwayat
from lokasi.models import KabupatenKota, Pengguna
from penilaian.akses import wajib_kelola_sk_kota
from penilaian.models import DAFTAR_PENGATURAN, PengaturanSK

FIELD_PENGATURAN = [
    "dengan_rahmat",
    "sebutan_kepala",
    "nama_opd",
    "peraturan_pola",
    "pasal_pemugaran",
    "pasal_peremajaan",
    "pasal_pemukiman_kembali",
    "pasal_tipologi",
]
AKSI_DAFTAR = ("tambah", "ubah", "naik", "turun", "hapus")
PANJANG_BARIS = 2000  # one regulation with its Lembaran Negara and amendments fits easily


def _potret(p: PengaturanSK) -> dict[str, str]:
    hasil = riwayat.potret(p, FIELD_PENGATURAN)
    for nama in DAFTAR_PENGATURAN:
        label = str(p._meta.get_field(nama).verbose_name)
        hasil[label] = "\n".join(f"{i}. {t}" for i, t in enumerate(getattr(p, nama), start=1))
    return hasil


def _kunci(kabkota: KabupatenKota, versi: int) -> PengaturanSK:
    PengaturanSK.untuk(kabkota)  # made with the defaults on first use
    tersimpan = (
        PengaturanSK.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh")
        .get(kabupaten_kota=kabkota)
    )
    if tersimpan.versi != versi:
        raise riwayat.KonflikPerubahan(tersimpan, _("pengaturan SK"))
    return tersimpan


def _simpan(p: PengaturanSK, pengguna: Pengguna, sebelum: dict[str, str], tindakan: str) -> None:
    p.diubah_oleh = pengguna
    p.versi = F("versi") + 1
    p.save()
    p.refresh_from_db()
    riwayat.catat(obj=p, pengguna=pengguna, tindakan=tindakan, sebelum=sebelum, sesudah=_potret(p))


@transaction.atomic
def pengaturan_simpan(
    *, kabkota: KabupatenKota, pengguna: Pengguna, data: Mapping[str, object], versi: int
) -> PengaturanSK:
    """Save the settings' fields (opening phrase, sebutan, OPD, citations)."""
    wajib_kelola_sk_kota(pengguna, kabkota)
    p = _kunci(kabkota, versi)
    sebelum = _potret(p)
    for nama in FIELD_PENGATURAN:
        if nama in data:
            nilai = data[nama]
            setattr(p, nama, nilai.strip() if isinstance(nilai, str) else nilai)
    # Only what this form sets: who made the row is not the user's to fill in.
    p.full_clean(exclude=[f.name for f in p._meta.fields if f.name not in FIELD_PENGATURAN])
    _simpan(p, pengguna, sebelum, "diubah")
    return p


@transaction.atomic
def daftar_ubah(
    *,
    kabkota: KabupatenKota,
    pengguna: Pengguna,
    daftar: str,
    aksi: str,
    versi: int,
    indeks: int | None = None,
    teks: str = "",
) -> PengaturanSK:
    """Change one line of the Mengingat or Memperhatikan list.

    aksi: "tambah" (append `teks`), "ubah" (replace line `indeks`), "naik"/"turun" (swap with
    its neighbour), "hapus" (remove). `indeks` counts from 0.
    """
    wajib_kelola_sk_kota(pengguna, kabkota)
    if daftar not in DAFTAR_PENGATURAN or aksi not in AKSI_DAFTAR:
        raise ValidationError(_("Daftar atau tindakan tidak dikenal."))
    p = _kunci(kabkota, versi)
    sebelum = _potret(p)
    baris = list(getattr(p, daftar))
    label = str(p._meta.get_field(daftar).verbose_name).capitalize()
    teks = " ".join(teks.split())  # one line: pasted line breaks would print as one
    if aksi in ("tambah", "ubah"):
        if not teks:
            raise ValidationError(
                {"teks": _("%(daftar)s: teks baris wajib diisi.") % {"daftar": label}}
            )
        if len(teks) > PANJANG_BARIS:
            raise ValidationError(
                {
                    "teks": _("%(daftar)s: teks baris paling panjang %(n)d karakter.")
                    % {"daftar": label, "n": PANJANG_BARIS}
                }
            )
    if aksi == "tambah":
        baris.append(teks)
    else:
        if indeks is None or not 0 <= indeks < len(baris):
            raise ValidationError(_("%(daftar)s: baris tidak ditemukan.") % {"daftar": label})
        if aksi == "ubah":
            baris[indeks] = teks
        elif aksi == "hapus":
            del baris[indeks]
        else:
            ke = indeks - 1 if aksi == "naik" else indeks + 1
            if 0 <= ke < len(baris):  # the first line cannot go up: nothing to do
                baris[indeks], baris[ke] = baris[ke], baris[indeks]
    setattr(p, daftar, baris)
    _simpan(p, pengguna, sebelum, f"{label.lower()}: {aksi}")
    return p


@transaction.atomic
def daftar_pulihkan(
    *, kabkota: KabupatenKota, pengguna: Pengguna, daftar: str, versi: int
) -> PengaturanSK:
    """Put a list back to its defaults (the national bases in order, for Mengingat)."""
    wajib_kelola_sk_kota(pengguna, kabkota)
    if daftar not in DAFTAR_PENGATURAN:
        raise ValidationError(_("Daftar tidak dikenal."))
    p = _kunci(kabkota, versi)
    sebelum = _potret(p)
    setattr(p, daftar, getattr(PengaturanSK.baku(kabkota), daftar))
    _simpan(p, pengguna, sebelum, "dipulihkan ke bawaan")
    return p
