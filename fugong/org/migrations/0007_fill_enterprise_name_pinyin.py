"""Fill the pinyin sort key of the enterprises that existed before the column (core.pinyin)."""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    from fugong.core.pinyin import pinyin_key

    model = apps.get_model("org", "Enterprise")
    rows = model.objects.only("pk", "name").order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.name_pinyin = pinyin_key(row.name)
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_update(batch, ["name_pinyin"])
            batch = []
    model.objects.bulk_update(batch, ["name_pinyin"])


class Migration(migrations.Migration):
    dependencies = [
        ("org", "0006_enterprise_name_pinyin"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
