from __future__ import annotations

import datetime as dt

import factory

from fugong.core.identifiers import make_id_number
from fugong.org.tests.factories import EnterpriseFactory
from fugong.people.models import Person, PersonCategory


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"职工{n}")
    # Serial numbers spread over birth days so that a sequence never repeats an ID number.
    id_number = factory.Sequence(
        lambda n: make_id_number("140925", dt.date(1970, 1, 1) + dt.timedelta(days=n // 1000), n)
    )
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    enterprise = factory.SubFactory(EnterpriseFactory)
    category = PersonCategory.EMPLOYEE
