"""The dashboard's "newer and worse survey" verdict kept on each frozen SK row (issue 14 item
2), instead of joined and counted on every view; the rows copied before get theirs here."""

from django.db import migrations, models
from django.db.models import F, Q


def tandai_semua(apps, schema_editor):
    # monev.dasbor.data.LEBIH_BURUK as it reads today, written out so this migration does not
    # follow later changes of the live code.
    BarisSKBeku = apps.get_model("monev", "BarisSKBeku")
    lebih_buruk = Q(terakhir__nilai_kekumuhan__gt=F("nilai_kekumuhan")) & (
        Q(terakhir__tanggal_survei__gt=F("tanggal_survei"))
        | (
            (Q(terakhir__tanggal_survei__isnull=True) | Q(tanggal_survei__isnull=True))
            & Q(terakhir__tahun__gt=F("tahun_penilaian"))
        )
    )
    BarisSKBeku.objects.filter(lebih_buruk).update(survei_lebih_buruk=True)


class Migration(migrations.Migration):
    dependencies = [
        ("monev", "0008_dasbor_cepat"),
        ("penilaian", "0014_penilaian_terakhir_tanggal"),
    ]

    operations = [
        migrations.AddField(
            model_name="barisskbeku",
            name="survei_lebih_buruk",
            field=models.BooleanField(
                default=False, verbose_name="survei lebih baru dan lebih buruk"
            ),
        ),
        migrations.AddIndex(
            model_name="barisskbeku",
            index=models.Index(
                condition=models.Q(("survei_lebih_buruk", True)),
                fields=["sk", "nomor"],
                name="baris_sk_beku_survei",
            ),
        ),
        migrations.RunPython(tandai_semua, migrations.RunPython.noop, elidable=True),
    ]
