"""Writes and reads of the SK penetapan lokasi: draft, exclusions, verification, freezing.

Which lokasi an SK covers: per lokasi of the kab/kota, its latest penilaian *terverifikasi
pusat* up to the SK's tahun (LAMPIRAN C: "daftar lokasi yang telah diverifikasi oleh Pemerintah
Pusat dan Pemerintah Daerah Provinsi"; in our workflow pusat comes after provinsi). A lokasi
whose latest verified survey is Tidak Kumuh is not listed (penilaian.md §6 Rule). The Pokja may
leave lokasi out with a reason. Lampiran I lists the rest in the priority list's order:
prioritas 1 → 9, nilai kekumuhan high → low, nama.

A draft is read live on every render. `sk_tetapkan` freezes each lokasi's data, scores and
photos into `SKLokasi` (photos copied under the SK's own folder), so an issued SK renders the
same whatever later surveys or edits do.
"""

from __future__ import annotations

import logging
import posixpath
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch, QuerySet
from django.tasks import Task, TaskResultStatus
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kumuh import tugas as kumuh_tugas
from kumuh.xlsx import XLSX, isi_xlsx
from lokasi import riwayat
from lokasi.models import KabupatenKota, Kelurahan, Lokasi, Pengguna
from penilaian import rumus
from penilaian.akses import wajib_kelola_sk_kota
from penilaian.models import (
    PITA_PILIHAN,
    SK,
    EksporSK,
    NumerikPenilaian,
    PengaturanSK,
    PengecualianSK,
    Penilaian,
    SKLokasi,
    Status,
    VerifikasiSK,
)
from penilaian.prioritas import penilaian_terakhir
from penilaian.sk import cetak as sk_cetak
from penilaian.sk import isi as sk_isi

log = logging.getLogger(__name__)

STATUS_SK = [Status.TERVERIFIKASI_PUSAT]
FIELD_SK = [
    "tahun",
    "nomor",
    "tanggal",
    "tempat",
    "tentang",
    "penandatangan_nama",
    "penandatangan_jabatan",
    "mengingat_tambahan",
    "dengan_buku_profil",
]
LABEL_PITA = dict(PITA_PILIHAN)  # "51-75" → "51–75 %", as the Format Isian shows it
# Photos per lokasi in the Buku Profil: enough to show the conditions, few enough to print.
FOTO_PER_LOKASI = 4


def _wajib_draf(sk: SK) -> None:
    if not sk.boleh_diubah:
        raise ValidationError(_("SK ini sudah ditetapkan; isinya tidak dapat diubah lagi."))


# --- which lokasi ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DaftarSK:
    """The draft's lokasi: listed, left out by the Pokja, and left out by their score."""

    disertakan: list[Penilaian]
    dikecualikan: list[tuple[Penilaian, PengecualianSK]]
    tidak_kumuh: list[Penilaian]
    # Lokasi with a newer approved survey not yet verified by pusat: the SK uses the older one.
    menunggu_verifikasi: list[Penilaian]


def _dengan_rincian(qs: QuerySet[Penilaian]) -> QuerySet[Penilaian]:
    return qs.select_related("lokasi__kabupaten_kota").prefetch_related(
        Prefetch(
            "lokasi__kelurahan",
            queryset=Kelurahan.objects.select_related("kecamatan").order_by("kode"),
        ),
        "lokasi__tipologi_set",
        "lokasi__foto",
        "isian",
        Prefetch(
            "numerik",
            queryset=NumerikPenilaian.objects.select_related("unit__kelurahan").order_by(
                "unit__rt", "unit__rw", "pk"
            ),
        ),
    )


def daftar_sk(sk: SK) -> DaftarSK:
    """Return the lokasi of a draft SK as they stand now (a few queries, any number of rows)."""
    semua = Penilaian.objects.filter(lokasi__kabupaten_kota=sk.kabupaten_kota)
    if sk.jenis == SK.Jenis.PENINJAUAN:
        # The Keputusan hasil peninjauan ulang decides on the lokasi of the SK it reviews
        # (Perwal Pasal 41 ayat (2): "mengacu pada keputusan wali kota"), each with its latest
        # verified survey — the re-survey where one was verified, else the one frozen before.
        # A lokasi the re-survey scores Tidak Kumuh leaves the list: the official reduction.
        semua = semua.filter(lokasi__sk_lokasi__sk_id=sk.menggantikan_id)
    terakhir = penilaian_terakhir(semua, tahun=sk.tahun, status=STATUS_SK).urut_prioritas()
    terakhir = list(_dengan_rincian(terakhir))
    kecuali = {
        e.lokasi_id: e for e in sk.pengecualian.select_related("oleh").order_by("waktu", "pk")
    }
    kumuh = [p for p in terakhir if p.klasifikasi and p.prioritas]  # in the list's order
    tidak = [p for p in terakhir if p.tingkat_kekumuhan == rumus.TingkatKekumuhan.TIDAK_KUMUH]
    disetujui_baru = penilaian_terakhir(semua, tahun=sk.tahun).select_related("lokasi")
    dipakai = {p.lokasi_id: p for p in terakhir}
    # The latest approved survey is the used one unless a newer one awaits pusat.
    menunggu = [p for p in disetujui_baru if p.pk != getattr(dipakai.get(p.lokasi_id), "pk", None)]
    return DaftarSK(
        disertakan=[p for p in kumuh if p.lokasi_id not in kecuali],
        dikecualikan=[(p, kecuali[p.lokasi_id]) for p in kumuh if p.lokasi_id in kecuali],
        tidak_kumuh=tidak,
        menunggu_verifikasi=sorted(menunggu, key=lambda p: p.lokasi.nama),
    )


# --- the SK's content ------------------------------------------------------------------------


def _desimal(teks: str | None) -> Decimal | None:
    return None if teks in (None, "") else Decimal(teks)


def _foto(p: Penilaian) -> tuple[sk_isi.FotoSK, ...]:
    """Up to FOTO_PER_LOKASI photos: the lokasi's own first, then the criteria's."""
    foto = [sk_isi.FotoSK(f.berkas.name, f.keterangan) for f in p.lokasi.foto.all()]
    for isian in p.isian.all():
        if isian.foto:
            nama = rumus.KRITERIA_PER_KODE[isian.kode].nama
            foto.append(sk_isi.FotoSK(isian.foto.name, isian.keterangan or f"{isian.kode} {nama}"))
    return tuple(foto[:FOTO_PER_LOKASI])


# 2a/2b/4a/4c divide by an ideal length and compare with the existing one: both are printed.
PANJANG_KRITERIA = {
    "2a": ("panjang_jalan_ideal_m", "panjang_jalan_eksisting_m"),
    "2b": ("panjang_jalan_ideal_m", "panjang_jalan_eksisting_m"),
    "4a": ("panjang_drainase_ideal_m", "panjang_drainase_eksisting_m"),
    "4c": ("panjang_drainase_ideal_m", "panjang_drainase_eksisting_m"),
}


def angka_survei(p: Penilaian) -> dict[str, Decimal]:
    """The survey's Format Numerik for the whole lokasi, as its score was computed: the sum of
    its RT sheets (every sheet must hold a key for it to count, §7), else its one sheet.

    Summed from the stored values as they are, never rounded per RT before adding.
    """
    lembar = list(p.numerik.all())
    per_unit = [b.nilai() for b in lembar if b.unit_id is not None]
    if not per_unit:
        return next((b.nilai() for b in lembar if b.unit_id is None), {})
    return {
        kunci: sum((u[kunci] for u in per_unit), Decimal(0))
        for kunci in rumus.NUMERIK_FIELDS
        if all(kunci in u for u in per_unit)
    }


def _bulat(nilai: Decimal | None) -> int | None:
    return None if nilai is None else int(nilai)


def _unit_sk(p: Penilaian) -> tuple[sk_isi.UnitSK, ...]:
    """Each RT sheet's numbers and its own score (stored by the survey in hasil["unit"])."""
    skor_unit = (p.hasil or {}).get("unit", {})
    hasil = []
    for b in p.numerik.all():
        if b.unit_id is None:
            continue
        h = skor_unit.get(str(b.unit_id)) or {}
        hasil.append(
            sk_isi.UnitSK(
                rt_rw=f"RT {b.unit.rt}/RW {b.unit.rw}",
                kelurahan=b.unit.kelurahan.nama,
                luas_ha=b.luas_verifikasi_ha,
                jumlah_penduduk=_bulat(b.jumlah_penduduk),
                nilai_kekumuhan=h.get("nilai_kekumuhan"),
                tingkat_kekumuhan=h.get("tingkat_kekumuhan", ""),
                skor=dict(h.get("skor", {})),
            )
        )
    return tuple(hasil)


def potret_lokasi(p: Penilaian, nomor: int) -> sk_isi.LokasiSK:
    """Return one lokasi as the SK prints it, from its survey (prefetched by _dengan_rincian).

    Every number the score depends on (luas, penduduk, bangunan, KK, lengths) is the survey's,
    never the lokasi's current header: the lokasi may be edited after verification, and the
    printed row must reconcile with the density, % and kewenangan computed from the survey.
    """
    lokasi: Lokasi = p.lokasi
    hasil = p.hasil or {}
    angka = angka_survei(p)
    # The luas SK the survey used (recorded since issue 10); older surveys did not record it.
    luas_sk = _desimal(hasil["luas_sk_ha"]) if "luas_sk_ha" in hasil else lokasi.luas_sk_ha
    luas_verifikasi = angka.get("luas_verifikasi_ha")
    pita = {i.kode: LABEL_PITA.get(i.pita, i.pita) for i in p.isian.all() if i.pita}
    kriteria = []
    for aspek in rumus.ASPEK:
        for kode in aspek.kriteria:
            k = rumus.KRITERIA_PER_KODE[kode]
            dari_pita = hasil.get("sumber", {}).get(kode) == "pita"
            kunci_ideal, kunci_eksisting = PANJANG_KRITERIA.get(kode, ("", ""))
            kriteria.append(
                sk_isi.KriteriaSK(
                    kode=kode,
                    aspek=aspek.kode,
                    nama_aspek=aspek.nama,
                    nama=k.nama,
                    satuan=k.satuan,
                    volume=None if dari_pita else _desimal(hasil.get("volume", {}).get(kode)),
                    persen=_desimal(hasil.get("persen", {}).get(kode)),
                    skor=hasil.get("skor", {}).get(kode),
                    pita=pita.get(kode, "") if dari_pita else "",
                    ideal=None if dari_pita else angka.get(kunci_ideal),
                    eksisting=None if dari_pita else angka.get(kunci_eksisting),
                )
            )
    skor_lain = hasil.get("skor_pertimbangan", {})
    return sk_isi.LokasiSK(
        nomor=nomor,
        lokasi_pk=lokasi.pk,
        penilaian_pk=p.pk,
        tahun_penilaian=p.tahun,
        tanggal_survei=p.tanggal_survei,
        kode=lokasi.kode,
        nama=lokasi.nama,
        luas_ha=luas_verifikasi if luas_verifikasi is not None else luas_sk,
        luas_sk_ha=luas_sk,
        luas_verifikasi_ha=luas_verifikasi,
        rt_rw=lokasi.rt_rw,
        kelurahan=tuple(k.nama for k in lokasi.daftar_kelurahan),
        kecamatan=tuple(k.nama for k in lokasi.daftar_kecamatan),
        jumlah_penduduk=_bulat(angka.get("jumlah_penduduk")),
        jumlah_kk=_bulat(angka.get("jumlah_kk")),
        jumlah_bangunan=_bulat(angka.get("jumlah_bangunan")),
        penduduk_laki_laki=lokasi.penduduk_laki_laki,
        penduduk_perempuan=lokasi.penduduk_perempuan,
        unit=_unit_sk(p),
        kepadatan_penduduk=_desimal(hasil.get("kepadatan_penduduk")),
        lintang=lokasi.lintang,
        bujur=lokasi.bujur,
        batas=lokasi.batas or None,
        tipologi=tuple(lokasi.daftar_tipologi),
        nilai_kekumuhan=p.nilai_kekumuhan,
        tingkat_kekumuhan=p.tingkat_kekumuhan,
        nilai_pertimbangan_lain=p.nilai_pertimbangan_lain,
        tingkat_pertimbangan_lain=p.tingkat_pertimbangan_lain,
        legalitas=p.legalitas,
        status_penguasaan=p.status_penguasaan,
        kesesuaian_rtr=p.kesesuaian_rtr,
        skor_strategis=skor_lain.get("strategis"),
        skor_kepadatan=skor_lain.get("kepadatan_penduduk"),
        skor_sosekbud=skor_lain.get("potensi_sosekbud"),
        klasifikasi=p.klasifikasi,
        prioritas=p.prioritas,
        pola_penanganan=p.pola_penanganan,
        kewenangan=p.kewenangan,
        skor_aspek={int(k): v for k, v in hasil.get("skor_aspek", {}).items()},
        kriteria=tuple(kriteria),
        foto=_foto(p),
        permasalahan=lokasi.permasalahan,
        potensi=lokasi.potensi,
    )


def _daerah(kabkota: KabupatenKota) -> dict[str, object]:
    return {
        "jenis_daerah": kabkota.get_jenis_display(),
        "nama_daerah": kabkota.nama.removeprefix("Kota ").removeprefix("Kabupaten "),
        "provinsi": str(kabkota.provinsi),
        # Lampiran II draws these; frozen in daerah_beku, so an issued map never moves.
        "batas_kecamatan": {k.nama: k.batas for k in kabkota.kecamatan.order_by("kode") if k.batas},
    }


def _stempel(sk: SK) -> tuple[sk_isi.StempelSK, ...]:
    return tuple(
        sk_isi.StempelSK(
            tim=v.tim,
            judul=sk_isi.JUDUL_STEMPEL[v.tim],
            nama=v.nama,
            jabatan=v.jabatan,
            nip=v.nip,
            tanggal=v.tanggal,
        )
        for v in sk.verifikasi.all()
    )


def lokasi_sk(sk: SK, daftar: DaftarSK | None = None) -> tuple[sk_isi.LokasiSK, ...]:
    """Return the SK's lokasi in Lampiran I order: frozen when issued, live for a draft
    (from `daftar` when the caller already has it)."""
    if sk.status == SK.Status.DITETAPKAN:
        return tuple(sk_isi.LokasiSK.dari_json(b.data) for b in sk.lokasi_beku.order_by("nomor"))
    disertakan = (daftar or daftar_sk(sk)).disertakan
    return tuple(potret_lokasi(p, nomor) for nomor, p in enumerate(disertakan, start=1))


def _rujukan(lama: SK, kepala: str) -> sk_isi.RujukanSK:
    """How a decree cites the SK it revokes or amends (that SK never changes once issued)."""
    daerah = lama.daerah_beku or _daerah(lama.kabupaten_kota)
    return sk_isi.RujukanSK(
        kepala=kepala,
        nama_daerah=daerah["nama_daerah"],
        nomor=lama.nomor,
        tahun=lama.tanggal.year if lama.tanggal else lama.tahun,
        tentang=lama.tentang,
    )


def isi_sk(sk: SK, *, lokasi: tuple[sk_isi.LokasiSK, ...] | None = None) -> sk_isi.IsiSK:
    """Return everything the SK's files print."""
    daerah = dict(sk.daerah_beku or _daerah(sk.kabupaten_kota))
    beku = daerah.pop("pengaturan", None)
    if sk.status == SK.Status.DITETAPKAN:  # as frozen; SKs issued before settings: the old texts
        pengaturan = sk_isi.PengaturanCetak.dari_json(beku)
    else:
        pengaturan = PengaturanSK.untuk(sk.kabupaten_kota).cetak()
    waktu = timezone.localtime()
    return sk_isi.IsiSK(
        **daerah,
        pengaturan=pengaturan,
        nomor=sk.nomor,
        tanggal=sk.tanggal,
        tempat=sk.tempat,
        tentang=sk.tentang,
        penandatangan_nama=sk.penandatangan_nama,
        penandatangan_jabatan=sk.penandatangan_jabatan,
        mengingat_tambahan=tuple(
            baris.strip() for baris in sk.mengingat_tambahan.splitlines() if baris.strip()
        ),
        stempel=_stempel(sk),
        menggantikan=(
            _rujukan(sk.menggantikan, "Wali Kota" if daerah["jenis_daerah"] == "Kota" else "Bupati")
            if sk.menggantikan_id
            else None
        ),
        hubungan=sk.hubungan,
        hasil_peninjauan=sk.jenis == SK.Jenis.PENINJAUAN,
        lokasi=lokasi_sk(sk) if lokasi is None else lokasi,
        draf=sk.status == SK.Status.DRAF,
        dengan_buku_profil=sk.dengan_buku_profil,
        dibuat_pada=f"{sk_isi.angka.tanggal_indonesia(waktu.date())} {waktu:%H.%M} WIB",
    )


# --- writes ----------------------------------------------------------------------------------


def _potret_sk(sk: SK) -> dict[str, str]:
    return riwayat.potret(sk, FIELD_SK)


def _wajib_berlaku(lama: SK, kabkota: KabupatenKota) -> None:
    """The SK to revoke or amend must be an issued SK of the same city still in force."""
    if lama.kabupaten_kota_id != kabkota.pk:
        raise PermissionDenied(_("SK yang dicabut/diubah bukan SK kabupaten/kota ini."))
    if lama.status != SK.Status.DITETAPKAN:
        raise ValidationError(
            {"menggantikan": _("Hanya SK yang sudah ditetapkan yang dapat dicabut atau diubah.")}
        )
    pengganti = lama.penggantian.filter(status=SK.Status.DITETAPKAN).first()
    if pengganti is not None:
        raise ValidationError(
            {
                "menggantikan": _("%(lama)s sudah %(hubungan)s oleh %(baru)s.")
                % {
                    "lama": lama.judul_singkat,
                    "hubungan": _("diubah") if pengganti.hubungan == SK.Hubungan.MENGUBAH
                    else _("dicabut"),
                    "baru": pengganti.judul_singkat,
                }
            }
        )  # fmt: skip


def sk_buat(
    *,
    pengguna: Pengguna,
    tahun: int,
    menggantikan: SK | None = None,
    hubungan: str = "",
    jenis: str = SK.Jenis.PENETAPAN,
    token: uuid.UUID | None = None,
) -> SK:
    """Start a draft SK of the user's kab/kota, with the template's texts filled in.

    With `menggantikan` the draft revokes (`hubungan` "mencabut") or amends ("mengubah") that
    issued SK once issued itself; its header is taken over from it. `jenis` PENINJAUAN: the
    Keputusan hasil peninjauan ulang, over the old SK's lokasi only (it always revokes).
    `token` comes from the form: the same form sent again returns the draft it made.
    """
    kabkota = pengguna.kabupaten_kota
    if kabkota is None:
        raise PermissionDenied(_("Pengguna ini tidak terikat pada kabupaten/kota."))
    wajib_kelola_sk_kota(pengguna, kabkota)
    if jenis not in SK.Jenis.values:
        raise ValidationError({"jenis": _("Jenis keputusan tidak dikenal.")})
    if jenis == SK.Jenis.PENINJAUAN:
        if menggantikan is None:
            raise ValidationError(
                {"menggantikan": _("Keputusan hasil peninjauan ulang harus menyebut SK-nya.")}
            )
        hubungan = SK.Hubungan.MENCABUT
    if menggantikan is None:
        hubungan = ""
    else:
        _wajib_berlaku(menggantikan, kabkota)
        if hubungan not in SK.Hubungan.values:
            raise ValidationError(
                {"hubungan": _("Pilih apakah SK baru mencabut atau mengubah SK tersebut.")}
            )
        if tahun < menggantikan.tahun:
            raise ValidationError(
                {
                    "tahun": _("Tahun SK baru tidak boleh sebelum tahun SK yang diganti (%(t)s).")
                    % {"t": menggantikan.tahun}
                }
            )
    daerah = _daerah(kabkota)
    kepala = PengaturanSK.untuk(kabkota).sebutan_kepala  # "Wali Kota", "Walikota", "Bupati"
    tentang = sk_isi.tentang_baku(daerah["jenis_daerah"], daerah["nama_daerah"])
    if menggantikan is not None:
        tentang = sk_isi.tentang_pengganti(
            tentang,
            hubungan=hubungan,
            peninjauan=jenis == SK.Jenis.PENINJAUAN,
            rujukan=_rujukan(menggantikan, kepala),
        )
    try:
        # The unique (kab/kota, tahun, token) decides between the twin requests, even when
        # they run at the same moment: the second gets the draft the first made.
        with transaction.atomic():
            sk = SK.objects.create(
                kabupaten_kota=kabkota,
                tahun=tahun,
                token_buat=token,
                jenis=jenis,
                menggantikan=menggantikan,
                hubungan=hubungan,
                tempat=menggantikan.tempat if menggantikan else daerah["nama_daerah"],
                tentang=tentang,
                penandatangan_jabatan=(
                    menggantikan.penandatangan_jabatan
                    if menggantikan
                    else f"{kepala} {daerah['nama_daerah']}".upper()
                ),
                mengingat_tambahan=menggantikan.mengingat_tambahan if menggantikan else "",
                dengan_buku_profil=menggantikan.dengan_buku_profil if menggantikan else True,
                dibuat_oleh=pengguna,
                diubah_oleh=pengguna,
            )
            riwayat.catat(
                obj=sk, pengguna=pengguna, tindakan="dibuat", sebelum={}, sesudah=_potret_sk(sk)
            )
    except IntegrityError:
        if token is None:
            raise
        return SK.objects.get(kabupaten_kota=kabkota, tahun=tahun, token_buat=token)
    return sk


def _kunci(sk: SK, versi: int | None) -> SK:
    """Lock the stored SK row; refuse a stale form (optimistic lock) and an issued SK."""
    # of=self: PostgreSQL cannot lock the nullable side of the outer join to diubah_oleh.
    tersimpan = (
        SK.objects.select_for_update(of=("self",)).select_related("diubah_oleh").get(pk=sk.pk)
    )
    if versi is not None and tersimpan.versi != versi:
        raise riwayat.KonflikPerubahan(tersimpan, _("SK"))
    _wajib_draf(tersimpan)
    return tersimpan


@transaction.atomic
def sk_simpan(*, sk: SK, pengguna: Pengguna, data: Mapping[str, object], versi: int) -> SK:
    """Save the header fields of a draft (nomor, tanggal, penandatangan…), with history."""
    wajib_kelola_sk_kota(pengguna, sk.kabupaten_kota)
    tersimpan = _kunci(sk, versi)
    sebelum = _potret_sk(tersimpan)
    for nama in FIELD_SK:
        if nama in data:
            setattr(tersimpan, nama, data[nama])
    _simpan_versi_baru(tersimpan, pengguna)
    riwayat.catat(
        obj=tersimpan,
        pengguna=pengguna,
        tindakan="diubah",
        sebelum=sebelum,
        sesudah=_potret_sk(tersimpan),
    )
    return tersimpan


def _simpan_versi_baru(sk: SK, pengguna: Pengguna) -> None:
    """Save the locked SK row as a new version by this user."""
    sk.diubah_oleh = pengguna
    sk.versi = F("versi") + 1
    sk.save()
    sk.refresh_from_db()
    prarender_minta(sk.pk, sk.versi)


def _potret_verifikasi(v: VerifikasiSK, field: tuple[str, ...]) -> dict[str, str]:
    label = v.get_tim_display()
    return {
        f"{label}: {v._meta.get_field(k).verbose_name}": riwayat.teks(getattr(v, k)) for k in field
    }


def _naikkan_versi(sk: SK, pengguna: Pengguna) -> None:
    """Count a change of the locked SK row `sk` (read under the lock: its versi is current)."""
    SK.objects.filter(pk=sk.pk).update(versi=F("versi") + 1, diubah_oleh=pengguna)
    prarender_minta(sk.pk, sk.versi + 1)


@transaction.atomic
def verifikasi_simpan(
    *,
    sk: SK,
    pengguna: Pengguna,
    tim: str,
    data: Mapping[str, object],
    versi: int | None = None,
) -> VerifikasiSK:
    """Fill in a verification block (nama, jabatan, NIP, tanggal) of a draft.

    Refused (riwayat.KonflikPerubahan) when the block changed since `versi` was read (0: it
    did not exist yet); `None` skips the check (demo data).
    """
    wajib_kelola_sk_kota(pengguna, sk.kabupaten_kota)
    tersimpan = _kunci(sk, None)  # the SK row is locked: one block save at a time per SK
    v, _dibuat = VerifikasiSK.objects.get_or_create(sk=tersimpan, tim=tim, defaults={"versi": 0})
    if versi is not None and v.versi != versi:
        raise riwayat.KonflikPerubahan(tersimpan, v.get_tim_display())
    field = ("nama", "jabatan", "nip", "tanggal")
    sebelum = _potret_verifikasi(v, field)
    for nama in field:
        if nama in data:
            setattr(v, nama, data[nama])
    v.full_clean()
    v.versi += 1
    v.save()
    sesudah = _potret_verifikasi(v, field)
    riwayat.catat(
        obj=tersimpan, pengguna=pengguna, tindakan="verifikasi", sebelum=sebelum, sesudah=sesudah
    )
    # Who changed a block last is read from the SK (KonflikPerubahan above): set both.
    SK.objects.filter(pk=tersimpan.pk).update(
        versi=F("versi") + 1, diubah_oleh=pengguna, diubah_pada=timezone.now()
    )
    prarender_minta(tersimpan.pk, tersimpan.versi + 1)
    return v


@transaction.atomic
def sk_kecualikan(*, sk: SK, pengguna: Pengguna, lokasi: Lokasi, alasan: str) -> PengecualianSK:
    """Leave a lokasi out of a draft, with a reason (required)."""
    wajib_kelola_sk_kota(pengguna, sk.kabupaten_kota)
    tersimpan = _kunci(sk, None)
    if lokasi.kabupaten_kota_id != tersimpan.kabupaten_kota_id:
        raise PermissionDenied(_("Lokasi ini bukan lokasi kabupaten/kota SK ini."))
    alasan = alasan.strip()
    if not alasan:
        raise ValidationError(
            {"alasan": _("Alasan wajib diisi: tulis mengapa lokasi ini dikecualikan.")}
        )
    e, _dibuat = PengecualianSK.objects.update_or_create(
        sk=tersimpan, lokasi=lokasi, defaults={"alasan": alasan, "oleh": pengguna}
    )
    riwayat.catat(
        obj=tersimpan,
        pengguna=pengguna,
        tindakan="lokasi dikecualikan",
        sebelum={},
        sesudah={str(lokasi): alasan},
    )
    _naikkan_versi(tersimpan, pengguna)
    return e


@transaction.atomic
def sk_sertakan(*, sk: SK, pengguna: Pengguna, lokasi: Lokasi) -> None:
    """Put a left-out lokasi back into the draft."""
    wajib_kelola_sk_kota(pengguna, sk.kabupaten_kota)
    tersimpan = _kunci(sk, None)
    terhapus, _jenis = PengecualianSK.objects.filter(sk=tersimpan, lokasi=lokasi).delete()
    if terhapus:
        riwayat.catat(
            obj=tersimpan,
            pengguna=pengguna,
            tindakan="lokasi disertakan kembali",
            sebelum={str(lokasi): _("dikecualikan")},
            sesudah={str(lokasi): _("disertakan")},
        )
        _naikkan_versi(tersimpan, pengguna)


def _salin_foto(sk: SK, lokasi: sk_isi.LokasiSK) -> tuple[sk_isi.FotoSK, ...]:
    """Copy the photos under the SK's folder, so deleting them from the lokasi keeps the SK."""
    salinan = []
    for i, foto in enumerate(lokasi.foto, start=1):
        if not default_storage.exists(foto.berkas):
            continue
        with default_storage.open(foto.berkas, "rb") as f:
            nama = f"sk/{sk.pk}/foto/{lokasi.nomor:03d}-{i}-{posixpath.basename(foto.berkas)}"
            disimpan = default_storage.save(nama, ContentFile(f.read()))
        salinan.append(sk_isi.FotoSK(disimpan, foto.keterangan))
    return tuple(salinan)


# Each block of Lampiran I is a signature: LAMPIRAN C lists only lokasi "yang telah
# diverifikasi oleh Pemerintah Pusat dan Pemerintah Daerah Provinsi", and the OPD of the
# kab/kota proposes them; an issued SK with a block of dots is a blank form. Nama is the line
# the template prints; jabatan says in which capacity the person signs for the team. NIP (not
# every member of a Tim Verifikasi is a civil servant) and tanggal (not in the template) are
# optional.
FIELD_VERIFIKASI_WAJIB = ("nama", "jabatan")


def _verifikasi_kosong(sk: SK) -> dict[str, str]:
    """The verification blocks still missing a required field, one message per block."""
    ada = {v.tim: v for v in sk.verifikasi.all()}
    kurang = {}
    for tim, label in VerifikasiSK.Tim.choices:
        v = ada.get(tim)
        kosong = [
            str(VerifikasiSK._meta.get_field(f).verbose_name)
            for f in FIELD_VERIFIKASI_WAJIB
            if v is None or not getattr(v, f).strip()
        ]
        if kosong:
            kurang[f"verifikasi_{tim}"] = _(
                "Blok verifikasi “%(blok)s” belum lengkap: %(field)s wajib diisi."
            ) % {"blok": label, "field": _(" dan ").join(kosong)}
    return kurang


# What an app above penilaian keeps derived from an issued SK's frozen rows (monev's dashboard
# copy) is made as the SK is issued, inside its transaction, from the rows still in memory:
# registered from that app's ready(), since penilaian may not import it.
SesudahTetapkan = Callable[[SK, list[tuple[SKLokasi, "sk_isi.LokasiSK"]]], None]
_SESUDAH_TETAPKAN: list[SesudahTetapkan] = []


def daftarkan_sesudah_tetapkan(fungsi: SesudahTetapkan) -> None:
    """Call `fungsi(sk, [(SKLokasi, LokasiSK), …])` each time an SK is issued."""
    if fungsi not in _SESUDAH_TETAPKAN:
        _SESUDAH_TETAPKAN.append(fungsi)


@transaction.atomic
def sk_tetapkan(*, sk: SK, pengguna: Pengguna, versi: int) -> SK:
    """Issue the SK: check it is complete, freeze its lokasi and texts, and lock it.

    Raises ValidationError naming every missing field at once.
    """
    wajib_kelola_sk_kota(pengguna, sk.kabupaten_kota)
    tersimpan = _kunci(sk, versi)
    if tersimpan.menggantikan_id:
        # Locked, so two drafts replacing the same SK cannot both be issued.
        lama = SK.objects.select_for_update(of=("self",)).get(pk=tersimpan.menggantikan_id)
        _wajib_berlaku(lama, tersimpan.kabupaten_kota)
    kurang = {}
    if not tersimpan.nomor.strip():
        kurang["nomor"] = _("Nomor SK wajib diisi sebelum ditetapkan.")
    if tersimpan.tanggal is None:
        kurang["tanggal"] = _("Tanggal ditetapkan wajib diisi sebelum ditetapkan.")
    if not tersimpan.penandatangan_nama.strip():
        kurang["penandatangan_nama"] = _("Nama penandatangan wajib diisi sebelum ditetapkan.")
    kurang.update(_verifikasi_kosong(tersimpan))
    daftar = daftar_sk(tersimpan)
    if not daftar.disertakan:
        kurang["__all__"] = _("SK tanpa lokasi tidak dapat ditetapkan.")
    if kurang:
        raise ValidationError(kurang)
    beku = []
    for p, lokasi in zip(daftar.disertakan, lokasi_sk(tersimpan, daftar), strict=True):
        lokasi = replace(lokasi, foto=_salin_foto(tersimpan, lokasi))
        baris = SKLokasi.objects.create(
            sk=tersimpan, lokasi=p.lokasi, penilaian=p, nomor=lokasi.nomor, data=lokasi.ke_json()
        )
        beku.append((baris, lokasi))
    # The kab/kota's texts as they stand now (Mengingat, sebutan, OPD …): later edits of the
    # settings change drafts only.
    pengaturan = PengaturanSK.untuk(tersimpan.kabupaten_kota).cetak()
    tersimpan.daerah_beku = {
        **_daerah(tersimpan.kabupaten_kota),
        "pengaturan": pengaturan.ke_json(),
    }
    tersimpan.status = SK.Status.DITETAPKAN
    tersimpan.ditetapkan_pada = timezone.now()
    tersimpan.ditetapkan_oleh = pengguna
    _simpan_versi_baru(tersimpan, pengguna)
    for fungsi in _SESUDAH_TETAPKAN:
        fungsi(tersimpan, beku)
    riwayat.catat(
        obj=tersimpan,
        pengguna=pengguna,
        tindakan="ditetapkan",
        sebelum={_("status"): str(SK.Status.DRAF.label)},
        sesudah={
            _("status"): str(SK.Status.DITETAPKAN.label),
            _("jumlah lokasi"): str(len(daftar.disertakan)),
        },
    )
    if tersimpan.menggantikan_id:
        # The old SK's content never changes; its history says what happened to it.
        dicabut = tersimpan.hubungan == SK.Hubungan.MENCABUT
        riwayat.catat(
            obj=lama,
            pengguna=pengguna,
            tindakan="dicabut" if dicabut else "diubah",
            sebelum={_("status"): str(SK.Status.DITETAPKAN.label)},
            sesudah={
                _("status"): str(_("Dicabut") if dicabut else _("Diubah")),
                _("oleh"): tersimpan.judul_singkat,
            },
        )
    return tersimpan


# --- files -----------------------------------------------------------------------------------

FORMAT_EKSPOR = {"pdf": "application/pdf", "xlsx": XLSX}
# A running job whose progress has been silent this long died with its process (or hung).
BATAS_SENYAP = timedelta(minutes=10)
AKTIF = [EksporSK.Status.ANTRI, EksporSK.Status.BERJALAN]


def nama_berkas(sk: SK, bagian: str, format: str, *, draf: bool | None = None) -> str:
    """ "sk-kota-pekalongan-2026-lampiran1-draf.pdf"; `draf`: whether the file was rendered
    from the draft (default: the SK's status now)."""
    if draf is None:
        draf = sk.status != SK.Status.DITETAPKAN
    status = "-draf" if draf else ""
    return f"sk-{slugify(str(sk.kabupaten_kota))}-{sk.tahun}-{bagian}{status}.{format}"


def buat_berkas(sk: SK, bagian: str, format: str, kemajuan=None) -> bytes:
    """Render one part (or "semua") of the SK as PDF, or the Excel workbook."""
    isi = isi_sk(sk)
    if format == "xlsx":
        # Imported here: openpyxl costs ≈ 0.1 s at start-up, and most runs make a PDF.
        from penilaian.sk import xlsx as sk_xlsx

        data = isi_xlsx(sk_xlsx.buku_sk(isi))
        if kemajuan:
            kemajuan(1, 1)
        return data
    return sk_cetak.pdf_sk(isi, bagian, kemajuan)


def ekspor_minta(*, sk: SK, pengguna: Pengguna, bagian: str, format: str) -> EksporSK:
    """Ask for a file in the background; reuse a job already running, or an issued SK's file."""
    if (
        bagian not in (*sk_cetak.bagian_sk(sk.dengan_buku_profil), sk_cetak.SEMUA)
        or format not in FORMAT_EKSPOR
    ):
        raise ValidationError(_("Bagian atau format berkas tidak dikenal."))
    ekspor_tandai_terputus(sk=sk)
    # Only a job of this very version serves: one asked for before an edit (or before the SK
    # was issued) would hand out what the SK no longer says.
    sama = sk.ekspor.filter(bagian=bagian, format=format, sk_versi=sk.versi)
    ada = sama.filter(status__in=AKTIF).first()
    if ada is None and sk.status == SK.Status.DITETAPKAN:
        # An issued SK never changes: its file is made once.
        ada = sama.filter(status=EksporSK.Status.SELESAI, draf=False).first()
    if ada is not None:
        return ada
    ekspor = EksporSK.objects.create(
        sk=sk,
        bagian=bagian,
        format=format,
        dibuat_oleh=pengguna,
        sk_versi=sk.versi,
        draf=sk.status != SK.Status.DITETAPKAN,
    )
    hasil = _tugas_ekspor().enqueue(ekspor.pk)
    # Not save(): an inline backend has already run the job and written its outcome.
    EksporSK.objects.filter(pk=ekspor.pk).update(tugas_id=hasil.id)
    ekspor.tugas_id = hasil.id
    return ekspor


def _tugas_ekspor() -> Task:
    from penilaian.sk.tugas import buat_ekspor_sk  # the task module imports this one

    return buat_ekspor_sk


def ekspor_tandai_terputus(*, sk: SK, terbaca: Iterable[EksporSK] | None = None) -> list[EksporSK]:
    """Mark the SK's jobs whose worker died as failed, so that they can be asked for again.

    A job is dead once its task ended without the job recording how, or once its progress
    has been silent for BATAS_SENYAP since the worker took it. A job still waiting in a durable
    queue is alive however long it waits: a worker will take it. `terbaca`: the jobs already
    read by the caller (a page showing them), updated in place; by default the active ones.
    """
    tugas = _tugas_ekspor()
    sekarang = timezone.now()
    mati = []
    daftar = sk.ekspor.filter(status__in=AKTIF) if terbaca is None else terbaca
    for ekspor in [e for e in daftar if e.status in AKTIF]:
        hasil = kumuh_tugas.hasil_tugas(tugas, ekspor.tugas_id)
        terakhir = ekspor.diperbarui_pada
        if hasil is not None:
            if hasil.status == TaskResultStatus.READY:
                continue
            if hasil.status != TaskResultStatus.RUNNING:
                terakhir = None  # the task ended, the job never heard of it
            elif hasil.started_at and hasil.started_at > terakhir:
                terakhir = hasil.started_at  # it waited in the queue before a worker took it
        if terakhir is not None and sekarang - terakhir < BATAS_SENYAP:
            continue
        pesan = _(
            "Pembuatan berkas terputus (pekerja latar berhenti). Silakan minta berkasnya lagi."
        )
        # Only while still active: the job may have finished since it was read.
        if EksporSK.objects.filter(pk=ekspor.pk, status__in=AKTIF).update(
            status=EksporSK.Status.GAGAL, pesan=pesan, selesai_pada=sekarang
        ):
            kumuh_tugas.tandai_mati(tugas, ekspor.tugas_id, pesan)
            ekspor.status, ekspor.pesan, ekspor.selesai_pada = (
                EksporSK.Status.GAGAL,
                pesan,
                sekarang,
            )
            log.warning("Ekspor SK %s terputus (tugas %s)", ekspor.pk, ekspor.tugas_id or "-")
            mati.append(ekspor)
    return mati


def ekspor_jalankan(ekspor_pk: int) -> None:
    """Render a requested file, recording progress; a failure is recorded, never raised."""
    ekspor = EksporSK.objects.select_related("sk__kabupaten_kota__provinsi").get(pk=ekspor_pk)
    if ekspor.status not in AKTIF:
        return  # given up as dead while it waited, and asked for again since
    if ekspor.format == "pdf":
        sk_cetak.panaskan(ekspor.bagian)  # the workers start while the SK's data is read
    EksporSK.objects.filter(pk=ekspor_pk).update(
        status=EksporSK.Status.BERJALAN, diperbarui_pada=timezone.now()
    )

    def kemajuan(selesai: int, total: int) -> None:
        persen = min(99, int(100 * selesai / total)) if total else 0
        EksporSK.objects.filter(pk=ekspor_pk).update(
            kemajuan=persen, diperbarui_pada=timezone.now()
        )

    def gagal(pesan: str) -> None:
        EksporSK.objects.filter(pk=ekspor_pk).update(
            status=EksporSK.Status.GAGAL, pesan=pesan[:300], selesai_pada=timezone.now()
        )

    try:
        data = buat_berkas(ekspor.sk, ekspor.bagian, ekspor.format, kemajuan)
    except Exception as e:  # any failure must reach the user, not only the log
        log.exception("Ekspor SK %s gagal", ekspor_pk)
        gagal(_("Berkas gagal dibuat: %(galat)s") % {"galat": e})
        return
    except BaseException:
        # The worker is stopping (a second Ctrl+C or SIGTERM): say so now, not in ten minutes.
        gagal(_("Pembuatan berkas dihentikan (pekerja latar berhenti). Silakan minta lagi."))
        raise
    # The file belongs to the SK as it was read for this render (it may have been edited, or
    # issued, since the job was asked for).
    draf = ekspor.sk.status != SK.Status.DITETAPKAN
    ekspor.berkas.save(
        nama_berkas(ekspor.sk, ekspor.bagian, ekspor.format, draf=draf),
        ContentFile(data),
        save=False,
    )
    EksporSK.objects.filter(pk=ekspor_pk).update(
        berkas=ekspor.berkas.name,
        sk_versi=ekspor.sk.versi,
        draf=draf,
        status=EksporSK.Status.SELESAI,
        kemajuan=100,
        selesai_pada=timezone.now(),
    )


# --- background pre-render -------------------------------------------------------------------


def prarender_minta(sk_pk: int, versi: int) -> None:
    """After a change of an SK, draw its Lampiran I into the cache in the background,
    so that the file asked for next is read from the cache instead of drawn (issue 14).

    Only with a background queue: the tests' inline backend would make the saving request
    wait for a render (setting KUMUH_SK_PRARENDER=False turns it off altogether). The task is
    queued in the caller's transaction, so a change rolled back queues nothing; one queued for
    a version that has been superseded does nothing (the newer change queued its own).
    """
    if not getattr(settings, "KUMUH_SK_PRARENDER", True):
        return
    tugas = _tugas_prarender()
    if type(tugas.get_backend()) is ImmediateBackend:
        return
    try:
        tugas.enqueue(sk_pk, versi)
    except Exception:  # a cache warm-up must never fail the user's save
        log.exception("Pra-render SK %s tidak dapat diantrekan", sk_pk)


def _tugas_prarender() -> Task:
    from penilaian.sk.tugas import prarender_sk  # the task module imports this one

    return prarender_sk


def prarender_jalankan(sk_pk: int, versi: int) -> bool:
    """Render the SK's Lampiran I into the cache if `versi` is still its version.

    Returns whether it rendered. A failure is logged, never raised: the download renders again
    and reports its own failure to the user.
    """
    sk = SK.objects.select_related("kabupaten_kota__provinsi").filter(pk=sk_pk).first()
    if sk is None or sk.versi != versi:
        return False
    try:
        sk_cetak.pdf_lampiran1(isi_sk(sk))
    except Exception:
        log.exception("Pra-render Lampiran I SK %s gagal", sk_pk)
        return False
    return True
