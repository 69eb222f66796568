"""Each kegiatan's latest monitoring entry marked (issue 14 item 2): the dashboard adds up the
realisation of the marked entries instead of choosing them on every view."""

from django.db import migrations, models
from django.db.models import F, OuterRef, Subquery


def tandai_semua(apps, schema_editor):
    # monev.pemantauan.terbaru.tandai() as it reads today, written out.
    Pemantauan = apps.get_model("monev", "Pemantauan")
    akhir = Subquery(
        Pemantauan.objects.filter(kegiatan=OuterRef("kegiatan"))
        .order_by("-tanggal", "-pk")
        .values("pk")[:1]
    )
    terbaru = Pemantauan.objects.alias(akhir=akhir).filter(pk=F("akhir")).values("pk")
    Pemantauan.objects.filter(pk__in=terbaru).update(terbaru=True)


class Migration(migrations.Migration):
    dependencies = [
        ("monev", "0009_dasbor_tanda_survei"),
    ]

    operations = [
        migrations.AddField(
            model_name="pemantauan",
            name="terbaru",
            field=models.BooleanField(default=False, editable=False, verbose_name="entri terbaru"),
        ),
        migrations.AddIndex(
            model_name="pemantauan",
            index=models.Index(
                condition=models.Q(("terbaru", True)),
                fields=["kegiatan"],
                name="pemantauan_terbaru",
            ),
        ),
        migrations.RunPython(tandai_semua, migrations.RunPython.noop, elidable=True),
    ]
