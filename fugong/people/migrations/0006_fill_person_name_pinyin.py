"""Fill the pinyin sort key of the people that existed before the column (core.pinyin)."""

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    from fugong.core.pinyin import pinyin_key

    model = apps.get_model("people", "Person")
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
        ("people", "0005_person_name_pinyin"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
