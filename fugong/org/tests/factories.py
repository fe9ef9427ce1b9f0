from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from fugong.core.identifiers import make_uscc
from fugong.org.models import (
    Enterprise,
    EnterpriseKind,
    Industry,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Shift,
    ShiftKind,
    Team,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"14{9000 + n:04d}"[:6])
    name = factory.Sequence(lambda n: f"区县{n}")
    level = RegionLevel.COUNTY


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    credit_code = factory.Sequence(lambda n: make_uscc("140925", 10_000 + n))
    name = factory.Sequence(lambda n: f"测试企业{n}")
    kind = EnterpriseKind.COAL_MINE
    industry = Industry.COAL_MINING
    region = factory.SubFactory(RegionFactory)
    normal_headcount = 300
    normal_daily_output = Decimal("3000")
    output_unit = "t_raw_coal"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"场所{n}")
    kind = PlaceKind.OFFICE


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"综采{n}队")


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"夜班{n}")
    kind = ShiftKind.NIGHT
    start_time = dt.time(22, 0)
    end_time = dt.time(6, 0)
