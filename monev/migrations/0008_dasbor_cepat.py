"""The dashboard toward 0 ha within 100 ms (issue 14 item 2): a join of the frozen rows with
the lokasi's latest approved survey (no column), an index of the rows with flags of their own,
and the copy of every issued SK not yet copied, which the first reader used to make."""

import django.db.models.deletion
from django.db import migrations, models

from monev.dasbor import angka
from penilaian.sk.isi import LokasiSK


def salin_sk_lama(apps, schema_editor):
    # Issued SKs are copied as they are issued from now on; those issued before are copied
    # here, as monev.dasbor.data.baris_beku does (the pure rules, the historical models).
    SK = apps.get_model("penilaian", "SK")
    SKLokasi = apps.get_model("penilaian", "SKLokasi")
    BarisSKBeku = apps.get_model("monev", "BarisSKBeku")
    for sk in SK.objects.filter(status="ditetapkan").iterator():
        judul = f"SK Nomor {sk.nomor} Tahun {sk.tanggal.year if sk.tanggal else sk.tahun}"
        if not sk.nomor:
            judul = f"Draf SK {sk.tahun}"
        baru = []
        for pk, lokasi_id, data in (
            SKLokasi.objects.filter(sk=sk, dasbor__isnull=True)
            .values_list("pk", "lokasi_id", "data")
            .iterator(chunk_size=2000)
        ):
            lok = LokasiSK.dari_json(data)
            tanda = angka.periksa_baris(lok, judul)
            baru.append(
                BarisSKBeku(
                    baris_id=pk, sk_id=sk.pk, lokasi_id=lokasi_id, nomor=lok.nomor,
                    tingkat=lok.tingkat_kekumuhan or "–", kecamatan=lok.kecamatan_utama,
                    luas_ha=lok.luas_ha, luas_cetak=angka.luas_tercetak(lok.luas_ha),
                    nama=lok.nama, tahun_penilaian=lok.tahun_penilaian,
                    tanggal_survei=lok.tanggal_survei, nilai_kekumuhan=lok.nilai_kekumuhan,
                    tingkat_kekumuhan=lok.tingkat_kekumuhan,
                    tanda=[[t.jenis, t.pesan] for t in tanda], diperiksa=bool(tanda),
                )
            )  # fmt: skip
        BarisSKBeku.objects.bulk_create(baru, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("monev", "0007_dasbor_baris_sk"),
        ("penilaian", "0013_penilaian_terakhir"),
    ]

    operations = [
        # A join on lokasi without a column of its own: state only (and so reversible; the
        # schema editor cannot remove a ForeignObject).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="barisskbeku",
                    name="terakhir",
                    field=models.ForeignObject(
                        from_fields=["lokasi"],
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        serialize=False,
                        to="penilaian.penilaianterakhir",
                        to_fields=["lokasi"],
                    ),
                ),
            ]
        ),
        migrations.AddIndex(
            model_name="barisskbeku",
            index=models.Index(fields=["sk", "diperiksa", "nomor"], name="baris_sk_beku_bertanda"),
        ),
        migrations.RunPython(salin_sk_lama, migrations.RunPython.noop, elidable=True),
    ]
