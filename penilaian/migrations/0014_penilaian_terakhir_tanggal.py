"""The latest approved survey's date in the narrow table: the dashboard's "newer and worse"
flags compare it with an SK's frozen date without joining every survey (issue 14 item 2)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def isi(apps, schema_editor):
    PenilaianTerakhir = apps.get_model("penilaian", "PenilaianTerakhir")
    Penilaian = apps.get_model("penilaian", "Penilaian")
    PenilaianTerakhir.objects.update(
        tanggal_survei=Subquery(
            Penilaian.objects.filter(pk=OuterRef("penilaian_id")).values("tanggal_survei")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("penilaian", "0013_penilaian_terakhir")]

    operations = [
        migrations.AddField(
            model_name="penilaianterakhir",
            name="tanggal_survei",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(isi, migrations.RunPython.noop, elidable=True),
    ]
