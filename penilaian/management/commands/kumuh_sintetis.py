"""Load a national-scale synthetic dataset for measuring speed (issue 14), or remove it.

    manage.py kumuh_sintetis --lokasi 30000 [--tahun 1] [--kota 3] [--benih B] [--pengguna]
    manage.py kumuh_sintetis --hapus

Draws kab/kota, kecamatan, kelurahan, lokasi with boundaries, and their surveys
(`penilaian.sintetis`, pure), scores every survey with the real formula
(`hasil_survei.hasil_survei`, what `services.hitung_ulang` calls) and writes them in bulk inside
one transaction. Every survey is approved; the latest year of each lokasi is terverifikasi
pusat, so it is on the priority list and could go into an SK. Everything hangs under
"Provinsi Sintetis" (code 99), which is how `--hapus` finds it, and nothing else.

Not the demo: no history entries ("dibuat"/"diubah") nor photos are written, and the workflow
steps carry no user.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from kumuh import massal
from lokasi.models import (
    KabupatenKota,
    Kecamatan,
    Kelurahan,
    Lokasi,
    Pengguna,
    Peran,
    Provinsi,
    RiwayatPerubahan,
    TipologiLokasi,
    UnitSurvei,
)
from penilaian import hasil_survei, rumus, sintetis
from penilaian.models import (
    SK,
    IsianKriteria,
    LangkahAlur,
    NumerikPenilaian,
    Penilaian,
    SKLokasi,
    Status,
)

PER_POTONG = 1000  # lokasi generated, scored and written at a time (bounded memory)
# The workflow a verified survey went through (who: none, the dataset has no real users).
ALUR = (
    (Status.DRAF, Status.DIAJUKAN),
    (Status.DIAJUKAN, Status.DISETUJUI_POKJA),
    (Status.DISETUJUI_POKJA, Status.TERVERIFIKASI_PROVINSI),
    (Status.TERVERIFIKASI_PROVINSI, Status.TERVERIFIKASI_PUSAT),
)
CATATAN_ALUR = "Data sintetis"


def _tempat(model: type, nama: str) -> Decimal:
    return Decimal(1).scaleb(-model._meta.get_field(nama).decimal_places)


# Values are scored as they will be read back: a Decimal field returns its own number of
# decimals ("1.230000"), and the results keep the inputs' decimals (volumes as text).
TEMPAT_NUMERIK = {k: _tempat(NumerikPenilaian, k) for k in rumus.NUMERIK_FIELDS}
TEMPAT_LUAS = _tempat(Lokasi, "luas_sk_ha")


class Command(BaseCommand):
    help = (
        "Muat data sintetis berskala nasional untuk mengukur kecepatan (Provinsi Sintetis, "
        "Kota Sintetis 1 …), atau hapus dengan --hapus. Hanya di mode pengembangan "
        "(DJANGO_DEBUG=1) kecuali dengan --paksa."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--lokasi", type=int, default=30000, help="jumlah lokasi (30000)")
        parser.add_argument("--tahun", type=int, default=1, help="survei per lokasi (1)")
        parser.add_argument("--kota", type=int, default=3, help="jumlah kota; kota 1 separuhnya")
        parser.add_argument("--benih", default=sintetis.BENIH_BAKU, help="benih acak")
        parser.add_argument(
            "--pengguna",
            action="store_true",
            help=f"buat juga akun {sintetis.AWALAN_PENGGUNA}pusat (verifikator pusat), "
            f"{sintetis.AWALAN_PENGGUNA}kota1 (Pokja Kota Sintetis 1) dan "
            f"{sintetis.AWALAN_PENGGUNA}operator1, kata sandi {sintetis.SANDI_PENGGUNA}",
        )
        parser.add_argument("--hapus", action="store_true", help="hapus data sintetis saja")
        parser.add_argument(
            "--paksa", action="store_true", help="jalankan juga bila DJANGO_DEBUG mati"
        )

    def handle(self, *args, **o) -> None:
        # Creates accounts with a published password: never by mistake on a production server.
        if not settings.KUMUH_DEMO_DIIZINKAN and not o["paksa"]:
            raise CommandError(
                "kumuh_sintetis ditolak: DJANGO_DEBUG tidak aktif, jadi ini dianggap server "
                "produksi. Jalankan dengan DJANGO_DEBUG=1, atau tambahkan --paksa bila memang "
                "server uji."
            )
        mulai = time.perf_counter()
        if o["hapus"]:
            self._hapus()
            self.stdout.write(f"Selesai dalam {time.perf_counter() - mulai:.1f} s.")
            return
        if o["lokasi"] < 1 or o["tahun"] < 1 or not 1 <= o["kota"] <= 29:
            raise CommandError("--lokasi ≥ 1, --tahun ≥ 1, --kota 1–29.")
        if Lokasi.objects.filter(kabupaten_kota__provinsi__kode=sintetis.KODE_PROVINSI).exists():
            raise CommandError(
                "Data sintetis sudah ada: hapus dulu dengan `manage.py kumuh_sintetis --hapus`."
            )
        self.mulai = mulai
        jumlah = {"lokasi": 0, "unit": 0, "penilaian": 0}
        with transaction.atomic():
            provinsi, _ = Provinsi.objects.update_or_create(
                kode=sintetis.KODE_PROVINSI, defaults={"nama": sintetis.NAMA_PROVINSI}
            )
            for kota in sintetis.daftar_kota(o["lokasi"], o["kota"]):
                self._kota(provinsi, kota, o["benih"], o["tahun"], jumlah)
            if o["pengguna"]:
                self._pengguna()
        self.stdout.write(
            self.style.SUCCESS(
                f"Data sintetis: {jumlah['lokasi']} lokasi ({jumlah['unit']} unit RT), "
                f"{jumlah['penilaian']} penilaian di {o['kota']} kota, "
                f"{time.perf_counter() - mulai:.1f} s."
            )
        )

    # --- writing ------------------------------------------------------------------------------

    def _kota(
        self, provinsi: Provinsi, kota: sintetis.Kota, benih: str, tahun: int, jumlah: dict
    ) -> None:
        kabkota = KabupatenKota.objects.create(
            provinsi=provinsi,
            kode=kota.kode,
            nama=kota.nama,
            jenis=KabupatenKota.Jenis.KOTA,
            kategori=kota.kategori,
        )
        wilayah = sintetis.wilayah(kota, benih)
        kecamatan = Kecamatan.objects.bulk_create(
            [
                Kecamatan(kabupaten_kota=kabkota, kode=k.kode, nama=k.nama, batas=k.batas())
                for k in wilayah
            ]
        )
        kelurahan = Kelurahan.objects.bulk_create(
            [
                Kelurahan(kecamatan=kec, kode=kel.kode, nama=kel.nama, jenis="kelurahan")
                for kec, k in zip(kecamatan, wilayah, strict=True)
                for kel in k.kelurahan
            ]
        )
        id_kel: list[list[int]] = []
        for k in wilayah:
            id_kel.append([kelurahan.pop(0).pk for _ in k.kelurahan])
        for awal in range(0, kota.jumlah_lokasi, PER_POTONG):
            akhir = min(awal + PER_POTONG, kota.jumlah_lokasi)
            daftar = [sintetis.lokasi(kota, wilayah, i, benih, tahun) for i in range(awal, akhir)]
            self._tulis(kabkota, daftar, id_kel, jumlah)
            self.stdout.write(
                f"  {kota.nama}: {akhir}/{kota.jumlah_lokasi} lokasi "
                f"({time.perf_counter() - self.mulai:.1f} s)"
            )

    def _tulis(
        self,
        kabkota: KabupatenKota,
        daftar: list[sintetis.Lokasi],
        id_kel: list[list[int]],
        jumlah: dict,
    ) -> None:
        objek = [
            Lokasi(
                kabupaten_kota=kabkota,
                kode=d.kode,
                nama=d.nama,
                rt_rw=d.rt_rw,
                luas_sk_ha=d.luas_sk_ha,
                luas_verifikasi_ha=d.angka.luas_ha,
                lintang=d.lintang,
                bujur=d.bujur,
                batas=d.batas,
                jumlah_bangunan=d.angka.bangunan,
                penduduk_laki_laki=d.penduduk_laki_laki,
                penduduk_perempuan=d.penduduk_perempuan,
                jumlah_kk=d.angka.kk,
                panjang_jalan_ideal_m=d.angka.jalan_ideal_m,
                panjang_drainase_ideal_m=d.angka.drainase_ideal_m,
                permasalahan="[Data sintetis] untuk uji kecepatan.",
            )
            for d in daftar
        ]
        massal.sisip_objek(Lokasi, objek)
        kel_lokasi = [id_kel[d.kecamatan][d.kelurahan] for d in daftar]
        massal.sisip(
            Lokasi.kelurahan.through,
            ["lokasi", "kelurahan"],
            [(lok.pk, kel) for lok, kel in zip(objek, kel_lokasi, strict=True)],
        )
        massal.sisip(
            TipologiLokasi,
            ["lokasi", "kode"],
            [(lok.pk, d.tipologi) for lok, d in zip(objek, daftar, strict=True)],
        )
        unit = [
            UnitSurvei(
                lokasi=lok,
                kelurahan_id=kel,
                rt=u.rt,
                rw=u.rw,
                luas_ha=u.angka.luas_ha,
                jumlah_bangunan=u.angka.bangunan,
                penduduk_laki_laki=u.angka.penduduk // 2,
                penduduk_perempuan=u.angka.penduduk - u.angka.penduduk // 2,
                jumlah_kk=u.angka.kk,
                panjang_jalan_ideal_m=u.angka.jalan_ideal_m,
                panjang_drainase_ideal_m=u.angka.drainase_ideal_m,
            )
            for lok, d, kel in zip(objek, daftar, kel_lokasi, strict=True)
            for u in d.unit
        ]
        massal.sisip_objek(UnitSurvei, unit)
        id_unit = iter([u.pk for u in unit])

        penilaian: list[Penilaian] = []
        lembar: list[list[tuple[int | None, dict[str, Decimal]]]] = []
        pita: list[dict[str, str]] = []
        for lok, d in zip(objek, daftar, strict=True):
            unit_lok = [next(id_unit) for _ in d.unit] or [None]
            luas_sk = d.luas_sk_ha.quantize(TEMPAT_LUAS)
            for s in d.survei:
                lembar_s = [
                    (u, {k: v.quantize(TEMPAT_NUMERIK[k]) for k, v in nilai.items()})
                    for u, nilai in zip(unit_lok, s.lembar, strict=True)
                ]
                bahan = hasil_survei.BahanSurvei(
                    kategori_kota=kabkota.kategori,
                    luas_sk_ha=luas_sk,
                    status_penguasaan=s.status_penguasaan,
                    kesesuaian_rtr=s.kesesuaian_rtr,
                    strategis=s.strategis,
                    potensi_sosekbud=s.potensi_sosekbud,
                    pita=s.pita,
                    lembar=lembar_s,
                )
                penilaian.append(
                    Penilaian(
                        lokasi=lok,
                        tahun=s.tahun,
                        tanggal_survei=s.tanggal,
                        tanggal_pengisian=s.tanggal,
                        status=Status.TERVERIFIKASI_PUSAT,
                        surveyor_nama=s.surveyor,
                        surveyor_instansi="Dinas Sintetis",
                        responden_nama="Responden Sintetis",
                        responden_jabatan="Ketua RW",
                        status_penguasaan=s.status_penguasaan,
                        kesesuaian_rtr=s.kesesuaian_rtr,
                        strategis=s.strategis,
                        potensi_sosekbud=s.potensi_sosekbud,
                        **hasil_survei.hasil_survei(bahan),
                    )
                )
                lembar.append(lembar_s)
                pita.append(s.pita)
        massal.sisip_objek(Penilaian, penilaian)

        massal.sisip(
            IsianKriteria,
            ["penilaian", "kode", "pita", "persen", "foto", "keterangan", "yang_ada", "catatan"],
            [
                (p.pk, kode, pt.get(kode, ""), None, "", "", [], "")
                for p, pt in zip(penilaian, pita, strict=True)
                for kode in rumus.KODE_KRITERIA
            ],
        )
        kolom = ["penilaian", "unit", *rumus.NUMERIK_FIELDS]
        massal.sisip(
            NumerikPenilaian,
            kolom,
            [
                (p.pk, u, *(nilai.get(k) for k in rumus.NUMERIK_FIELDS))
                for p, lembar_p in zip(penilaian, lembar, strict=True)
                for u, nilai in lembar_p
            ],
        )
        massal.sisip(
            LangkahAlur,
            ["penilaian", "dari", "ke", "pengguna", "waktu", "catatan"],
            [
                (p.pk, dari, ke, None, _waktu(p, n), CATATAN_ALUR)
                for p in penilaian
                for n, (dari, ke) in enumerate(ALUR)
            ],
        )
        jumlah["lokasi"] += len(objek)
        jumlah["unit"] += len(unit)
        jumlah["penilaian"] += len(penilaian)

    def _pengguna(self) -> None:
        kota1 = KabupatenKota.objects.get(kode=f"{sintetis.KODE_PROVINSI}.71")
        for nama, peran, kabkota, judul in (
            ("pusat", Peran.VERIFIKATOR_PUSAT, None, "Verifikator Pusat (sintetis)"),
            ("kota1", Peran.POKJA, kota1, "Pokja PKP Kota Sintetis 1 (sintetis)"),
            ("operator1", Peran.OPERATOR, kota1, "Operator Kota Sintetis 1 (sintetis)"),
        ):
            p, _ = Pengguna.objects.get_or_create(username=sintetis.AWALAN_PENGGUNA + nama)
            p.first_name, p.peran, p.kabupaten_kota, p.provinsi = judul, peran, kabkota, None
            p.set_password(sintetis.SANDI_PENGGUNA)
            p.save()
            self.stdout.write(f"  akun {p.username} ({peran.label})")

    # --- removing -----------------------------------------------------------------------------

    def _hapus(self) -> None:
        """Remove the synthetic province and everything under it, and the synthetic users."""
        kabkota = KabupatenKota.objects.filter(provinsi__kode=sintetis.KODE_PROVINSI)
        lokasi = Lokasi.objects.filter(kabupaten_kota__in=kabkota)
        penilaian = Penilaian.objects.filter(lokasi__in=lokasi)
        jumlah_lokasi, jumlah_penilaian = lokasi.count(), penilaian.count()
        try:
            with transaction.atomic():
                for model, qs in ((Penilaian, penilaian), (Lokasi, lokasi)):
                    RiwayatPerubahan.objects.filter(
                        content_type=ContentType.objects.get_for_model(model),
                        object_id__in=qs.values("pk"),
                    ).delete()
                sk = SK.objects.filter(kabupaten_kota__in=kabkota)
                SKLokasi.objects.filter(sk__in=sk).delete()
                sk.filter(menggantikan__isnull=False).delete()
                sk.delete()
                for model in (IsianKriteria, NumerikPenilaian, LangkahAlur):
                    model.objects.filter(penilaian__in=penilaian).delete()
                penilaian.delete()
                UnitSurvei.objects.filter(lokasi__in=lokasi).delete()
                lokasi.delete()
                Pengguna.objects.filter(username__startswith=sintetis.AWALAN_PENGGUNA).delete()
                if Pengguna.objects.filter(kabupaten_kota__in=kabkota).exists():
                    # Someone's own account: not ours to delete; they decide.
                    raise CommandError(
                        "Ada akun lain (bukan sintetis.…) di Kota Sintetis: pindahkan atau "
                        "hapus akun itu dulu."
                    )
                Kelurahan.objects.filter(kecamatan__kabupaten_kota__in=kabkota).delete()
                Kecamatan.objects.filter(kabupaten_kota__in=kabkota).delete()
                kabkota.delete()
                Provinsi.objects.filter(kode=sintetis.KODE_PROVINSI).delete()
        except ProtectedError as e:
            contoh = ", ".join(sorted({type(o).__name__ for o in e.protected_objects}))
            raise CommandError(
                f"Data sintetis tidak dapat dihapus: masih dirujuk oleh {contoh}. Hapus data "
                "itu dulu."
            ) from e
        self.stdout.write(
            self.style.SUCCESS(
                f"Data sintetis dihapus: {jumlah_lokasi} lokasi, {jumlah_penilaian} penilaian."
            )
        )


def _waktu(p: Penilaian, langkah: int) -> datetime:
    """When a workflow step happened: weeks after the survey month."""
    t = p.tanggal_survei
    awal = datetime(t.year, t.month, 28, 9, tzinfo=timezone.get_current_timezone())
    return awal + timedelta(days=7 * langkah)
