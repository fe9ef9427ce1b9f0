"""Choices shared by several epidemic records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Colour(models.TextChoices):
    """The health code (健康码). Order matters: later is more severe."""

    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")

    @property
    def severity(self) -> int:
        return [Colour.GREEN, Colour.YELLOW, Colour.RED].index(self)


class Symptom(models.TextChoices):
    FEVER = "fever", _("Fever")
    COUGH = "cough", _("Cough")
    SORE_THROAT = "sore_throat", _("Sore throat")
    FATIGUE = "fatigue", _("Fatigue")
    SHORT_OF_BREATH = "short_of_breath", _("Shortness of breath")
    LOSS_OF_TASTE_OR_SMELL = "loss_of_taste_or_smell", _("Loss of taste or smell")
    DIARRHOEA = "diarrhoea", _("Diarrhoea")


def symptom_labels(codes: list[str]) -> list[str]:
    """The names of stored symptom codes, in the user's language (unknown codes are skipped)."""
    return [str(Symptom(code).label) for code in codes if code in Symptom.values]


def temperature_field(verbose_name: Any, **kwargs: object) -> models.DecimalField:
    """A body temperature in °C, one decimal. The plausible range (34.0–43.0 by default) is a
    policy rule checked by the services; the column only refuses the physically absurd."""
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("20.0")), MaxValueValidator(Decimal("50.0"))],
        **kwargs,  # type: ignore[arg-type]
    )
