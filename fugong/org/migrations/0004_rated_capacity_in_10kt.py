"""Data fix: rated capacity moves from Mt/a to 万吨/年 (10,000 t/a), the unit Chinese mines use."""

from decimal import Decimal

from django.db import migrations
from django.db.models import F

MT_IN_10KT = Decimal(100)


def to_10kt(apps, schema_editor):
    Enterprise = apps.get_model("org", "Enterprise")
    Enterprise.objects.filter(rated_capacity__isnull=False).update(
        rated_capacity=F("rated_capacity") * MT_IN_10KT
    )


def to_mt(apps, schema_editor):
    Enterprise = apps.get_model("org", "Enterprise")
    Enterprise.objects.filter(rated_capacity__isnull=False).update(
        rated_capacity=F("rated_capacity") / MT_IN_10KT
    )


class Migration(migrations.Migration):
    dependencies = [("org", "0003_rename_rated_capacity")]

    operations = [migrations.RunPython(to_10kt, to_mt)]
