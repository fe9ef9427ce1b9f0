from __future__ import annotations

import factory

from fugong.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda o: o.username)
    password = factory.PostGenerationMethodCall("set_password", "fugong-test-pass")

    @factory.post_generation
    def checkpoints(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.checkpoints.set(extracted)
        if create:
            self.save()  # type: ignore[attr-defined]
