"""Writes of monitoring (an entry with its realised volumes, spending and photos; APIP findings
and their follow-up) with their history, and the reads other parts need (the selesai condition,
realised volumes for peninjauan ulang)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext as _

from kolaborasi import aturan as aturan_kolaborasi
from kolaborasi.models import EfekKegiatan, Kegiatan
from lokasi import geo, riwayat
from lokasi.models import Pengguna
from monev.akses import wajib_isi, wajib_putuskan
from monev.models import FotoPemantauan, Pemantauan, RealisasiDana, RealisasiEfek, TemuanAPIP
from monev.pemantauan import aturan

FIELDS_RIWAYAT = ["tanggal", "progres_fisik", "kendala", "tindakan_korektif", "catatan"]
FIELDS_TEMUAN = ["tanggal", "temuan", "rekomendasi", "tindak_lanjut"]


@dataclass(frozen=True)
class Foto:
    """One photo as the form gives it."""

    berkas: UploadedFile
    tahap: str
    lintang: Decimal | None = None
    bujur: Decimal | None = None
    keterangan: str = ""


def terakhir(kegiatan: Kegiatan) -> Pemantauan | None:
    """Return the kegiatan's latest monitoring entry (by date, then by entry)."""
    return kegiatan.pemantauan.order_by("-tanggal", "-pk").first()


def baris_efek(kegiatan: Kegiatan) -> list[EfekKegiatan]:
    """Return the kegiatan's effects in page order, each with `sebelumnya` (latest volume)."""
    efek = list(kegiatan.efek.select_related("lokasi").order_by("lokasi__nama", "kriteria", "pk"))
    akhir = terakhir(kegiatan)
    lalu = dict(akhir.efek.values_list("efek_id", "volume")) if akhir else {}
    for e in efek:
        e.sebelumnya = lalu.get(e.pk)
    return efek


def periksa(
    *, kegiatan: Kegiatan, efek: dict[int, Decimal], dana: dict[str, Decimal]
) -> aturan.Hasil:
    """Check an entry's volumes and spending against the plan and the latest entry."""
    baris = [
        aturan.BarisEfek(
            nomor=i, kriteria=e.kriteria, satuan=e.satuan, rencana=e.volume,
            sebelumnya=e.sebelumnya, volume=efek[e.pk],
        )
        for i, e in enumerate(baris_efek(kegiatan), start=1)
        if e.pk in efek
    ]  # fmt: skip
    hasil = aturan.periksa_efek(baris)
    rencana = dict(kegiatan.pendanaan.values_list("sumber", "jumlah"))
    galat_dana = aturan.periksa_dana(
        [
            aturan.BarisDana(
                label=aturan_kolaborasi.SUMBER_DANA[s], rencana=rencana.get(s, Decimal(0)),
                jumlah=j,
            )
            for s, j in dana.items()
        ]
    )  # fmt: skip
    return aturan.Hasil(galat=hasil.galat + galat_dana, peringatan=hasil.peringatan)


def potret_pemantauan(p: Pemantauan) -> dict[str, str]:
    efek = p.efek.select_related("efek") if p.pk else []
    dana = p.dana.all() if p.pk else []
    return riwayat.potret(
        p,
        FIELDS_RIWAYAT,
        **{
            _("volume terealisasi"): lambda: "; ".join(
                f"{r.efek.kriteria}: {aturan.tampil(r.volume)} {r.efek.satuan}" for r in efek
            ),
            _("realisasi keuangan"): lambda: "; ".join(
                f"{aturan_kolaborasi.SUMBER_DANA[d.sumber]}: {riwayat.teks(d.jumlah)}" for d in dana
            ),
        },
    )


@transaction.atomic
def pemantauan_tambah(
    *,
    kegiatan: Kegiatan,
    pengguna: Pengguna,
    terakhir_awal: int | None,
    tanggal: date,
    progres_fisik: Decimal,
    efek: dict[int, Decimal],
    dana: dict[str, Decimal],
    foto: Iterable[Foto] = (),
    kendala: str = "",
    tindakan_korektif: str = "",
    catatan: str = "",
) -> tuple[Pemantauan, list[str]]:
    """Record a monitoring entry; return it with the warnings worth showing.

    `terakhir_awal` is the latest entry the user saw (None: none): when another entry came in
    between, the volumes were checked against stale numbers, so refuse (KonflikPerubahan).
    Refuse (ValidationError) volumes going down, spending above a source's funding, another
    kegiatan's effect and a photo's point outside Indonesia; nothing is saved then.
    """
    wajib_isi(pengguna, kegiatan.kabupaten_kota)
    # Lock the kegiatan row so two entries of the same kegiatan are checked one after another.
    Kegiatan.objects.select_for_update().filter(pk=kegiatan.pk).first()
    akhir = terakhir(kegiatan)
    if (akhir.pk if akhir else None) != terakhir_awal:
        raise riwayat.KonflikPerubahan(
            Pemantauan.objects.select_related("diubah_oleh").get(pk=akhir.pk),
            _("pemantauan kegiatan"),
        )
    milik = set(kegiatan.efek.values_list("pk", flat=True))
    if set(efek) - milik:
        raise ValidationError(_("Efek harus efek dari kegiatan ini."))
    if set(dana) - set(kegiatan.pendanaan.values_list("sumber", flat=True)):
        raise ValidationError(_("Sumber dana harus sumber pendanaan kegiatan ini."))
    foto = list(foto)
    for i, f in enumerate(foto, start=1):
        if (f.lintang is None) != (f.bujur is None):
            raise ValidationError(_("Foto %(n)s: isi lintang dan bujur bersama.") % {"n": i})
        if f.lintang is not None:
            try:
                geo.cek_titik(f.lintang, f.bujur, _("Titik foto %(n)s") % {"n": i})
            except ValueError as e:
                raise ValidationError(str(e)) from e
    hasil = periksa(kegiatan=kegiatan, efek=efek, dana=dana)
    if hasil.galat:
        raise ValidationError(hasil.galat)
    p = Pemantauan.objects.create(
        kegiatan=kegiatan, tanggal=tanggal, progres_fisik=progres_fisik, kendala=kendala,
        tindakan_korektif=tindakan_korektif, catatan=catatan, dibuat_oleh=pengguna,
        diubah_oleh=pengguna,
    )  # fmt: skip
    RealisasiEfek.objects.bulk_create(
        RealisasiEfek(pemantauan=p, efek_id=pk, volume=v) for pk, v in efek.items()
    )
    RealisasiDana.objects.bulk_create(
        RealisasiDana(pemantauan=p, sumber=s, jumlah=j) for s, j in dana.items()
    )
    for f in foto:
        FotoPemantauan.objects.create(
            pemantauan=p, berkas=f.berkas, tahap=f.tahap, lintang=f.lintang, bujur=f.bujur,
            keterangan=f.keterangan, diunggah_oleh=pengguna,
        )  # fmt: skip
    riwayat.catat(
        obj=p, pengguna=pengguna, tindakan="dibuat", sebelum={}, sesudah=potret_pemantauan(p)
    )
    return p, hasil.peringatan


# --- APIP findings -----------------------------------------------------------------------------


@transaction.atomic
def temuan_tambah(
    *,
    kegiatan: Kegiatan,
    pengguna: Pengguna,
    tanggal: date,
    temuan: str,
    rekomendasi: str = "",
) -> TemuanAPIP:
    """Record an APIP finding on a kegiatan (open until the Pokja follows it up)."""
    wajib_isi(pengguna, kegiatan.kabupaten_kota)
    t = TemuanAPIP.objects.create(
        kegiatan=kegiatan, tanggal=tanggal, temuan=temuan, rekomendasi=rekomendasi,
        dibuat_oleh=pengguna, diubah_oleh=pengguna,
    )  # fmt: skip
    riwayat.catat(
        obj=t, pengguna=pengguna, tindakan="dibuat", sebelum={},
        sesudah=riwayat.potret(t, FIELDS_TEMUAN),
    )  # fmt: skip
    return t


@transaction.atomic
def temuan_tindak_lanjut(
    *, temuan: TemuanAPIP, pengguna: Pengguna, versi_awal: int, status: str, tindak_lanjut: str
) -> TemuanAPIP:
    """Set a finding's follow-up status and text, refusing a concurrent change by another."""
    wajib_putuskan(pengguna, temuan.kegiatan.kabupaten_kota)
    if status not in TemuanAPIP.Status.values:
        raise ValidationError({"status": _("Status tindak lanjut tidak dikenal.")})
    label = _("status")
    sebelum = {
        **riwayat.potret(temuan, ["tindak_lanjut"]),
        label: temuan.get_status_display(),
    }
    if not TemuanAPIP.objects.filter(pk=temuan.pk, versi=versi_awal).update(
        status=status, tindak_lanjut=tindak_lanjut, versi=F("versi") + 1, diubah_oleh=pengguna
    ):
        raise riwayat.KonflikPerubahan(
            TemuanAPIP.objects.select_related("diubah_oleh").get(pk=temuan.pk), _("temuan APIP")
        )
    temuan.refresh_from_db()
    riwayat.catat(
        obj=temuan, pengguna=pengguna, tindakan=_("tindak lanjut"), sebelum=sebelum,
        sesudah={**riwayat.potret(temuan, ["tindak_lanjut"]), label: temuan.get_status_display()},
    )  # fmt: skip
    return temuan


# --- reads for other steps ---------------------------------------------------------------------


def syarat_selesai(kegiatan: Kegiatan) -> str | None:
    """Refuse selesai unless the latest entry is at 100 % with every volume and a 100 % photo."""
    akhir = terakhir(kegiatan)
    foto = list(akhir.foto.filter(tahap=FotoPemantauan.Tahap.PENUH)) if akhir else []
    return pesan_selesai(akhir, baris_efek(kegiatan), foto)


def pesan_selesai(
    akhir: Pemantauan | None, efek: list[EfekKegiatan], foto: Iterable[FotoPemantauan]
) -> str | None:
    """Word the refusal from loaded data: the latest entry, `baris_efek`, the entry's photos."""
    kurang = aturan.kurang_untuk_selesai(
        progres=akhir.progres_fisik if akhir else None,
        efek_tanpa_volume=[f"{e.kriteria} ({e.lokasi})" for e in efek if e.sebelumnya is None],
        ada_foto_penuh=any(f.tahap == FotoPemantauan.Tahap.PENUH for f in foto),
    )
    if not kurang:
        return None
    return _(
        "Kegiatan belum dapat dinyatakan selesai; pemantauan terakhir belum memuat: %(k)s."
    ) % {"k": "; ".join(kurang)}


def pemantauan_terakhir_id(kegiatan_qs) -> Subquery:
    """A subquery of each kegiatan's latest entry's pk (for annotate on a Kegiatan QuerySet)."""
    return Subquery(
        Pemantauan.objects.filter(kegiatan=OuterRef("pk"))
        .order_by("-tanggal", "-pk")
        .values("pk")[:1]
    )


def volume_terealisasi(
    lokasi_ids: Iterable[int], *, setelah_tahun: int, sampai_tahun: int
) -> dict[int, dict[str, list[tuple[Kegiatan, Decimal]]]]:
    """Return {lokasi pk: {kriteria: [(kegiatan, realised volume)]}} for tahun_awal < tahun ≤
    tahun_akhir, from each kegiatan's latest entry (cumulative); in two queries.

    A kegiatan without an entry realised nothing yet and is left out; so is an effect its
    latest entry does not report.
    """
    lokasi_ids = list(lokasi_ids)
    kegiatan = Kegiatan.objects.filter(
        efek__lokasi__in=lokasi_ids, tahun__gt=setelah_tahun, tahun__lte=sampai_tahun
    ).distinct()
    akhir = list(
        kegiatan.annotate(akhir=pemantauan_terakhir_id(kegiatan))
        .filter(akhir__isnull=False)
        .values_list("akhir", flat=True)
    )
    baris = (
        RealisasiEfek.objects.filter(pemantauan__in=akhir, efek__lokasi__in=lokasi_ids)
        .select_related("efek", "pemantauan__kegiatan")
        .order_by("efek__lokasi", "efek__kriteria", "pemantauan__kegiatan__tahun", "pk")
    )
    hasil: dict[int, dict[str, list[tuple[Kegiatan, Decimal]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for r in baris:
        hasil[r.efek.lokasi_id][r.efek.kriteria].append((r.pemantauan.kegiatan, r.volume))
    return {lk: dict(per) for lk, per in hasil.items()}
