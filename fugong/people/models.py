"""People (DESIGN §3.2). ID numbers and phones are personal information under PIPL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from fugong.core.audit import audit_register
from fugong.core.masking import mask_id_number, mask_phone
from fugong.core.models import TimeStampedModel
from fugong.core.permissions import Permissions
from fugong.core.pinyin import PinyinNamed
from fugong.core.roles import (
    FINDING_READER_ROLES,
    PEOPLE_EDITOR_ROLES,
    PEOPLE_READER_ROLES,
    PII_ROLES,
    Role,
)
from fugong.core.scope import ScopedQuerySet
from fugong.core.validators import (
    id_birth_date,
    normalize_code,
    normalize_phone,
    validate_id_number,
    validate_phone,
)
from fugong.org.models import Enterprise, Place, PlaceKind, Region, Team


class PersonCategory(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    CONTRACTOR = "contractor", _("Contractor / migrant worker")
    VISITOR = "visitor", _("Visitor")


class PersonStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("person status", "Active")
    LEFT = "left", pgettext_lazy("person status", "Left")


# Personal information of a person (PIPL): masked in lists, exports and the audit trail.
PERSON_PII_FIELDS = ("id_number", "phone")


class PersonQuerySet(ScopedQuerySet):
    scope_kind = "person"
    # "directory": the people list (page, API list); "view": one record, so a worker reads their
    # own and a checkpoint terminal identifies whoever passes. "reveal" and "export_unmasked"
    # are the unmasked reads (logged); a checkpoint identifies people, it does not export them.
    permissions = Permissions(
        view=PEOPLE_READER_ROLES | {Role.WORKER, Role.DEVICE},
        directory=PEOPLE_READER_ROLES,
        change=PEOPLE_EDITOR_ROLES,
        reveal=PII_ROLES,
        export=PEOPLE_READER_ROLES - {Role.CHECKPOINT_OPERATOR},
        export_unmasked=PII_ROLES,
    )


class Person(TimeStampedModel, PinyinNamed):
    """Someone who works at, or visits, an enterprise."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=64)
    id_number = models.CharField(
        _("resident ID number"),
        max_length=18,
        unique=True,
        validators=[validate_id_number],
        error_messages={"unique": _("A person with this resident ID number already exists.")},
    )
    phone = models.CharField(_("phone"), max_length=11, blank=True, validators=[validate_phone])
    # The last four characters, kept by the database, so that searching by what a masked list
    # shows (142301********1234, 139****5678) is an index look-up, not a scan of every row.
    id_tail = models.GeneratedField(
        expression=Substr("id_number", 15, 4),
        output_field=models.CharField(max_length=4),
        db_persist=True,
    )
    phone_tail = models.GeneratedField(
        expression=Substr("phone", 8, 4),
        output_field=models.CharField(max_length=4),
        db_persist=True,
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="people"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    category = models.CharField(
        _("category"),
        max_length=16,
        choices=PersonCategory.choices,
        default=PersonCategory.EMPLOYEE,
    )
    home_region = models.ForeignKey(
        Region,
        verbose_name=_("home region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dormitory = models.ForeignKey(
        Place,
        verbose_name=_("dormitory room"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="residents",
        limit_choices_to={"kind": PlaceKind.DORMITORY_ROOM},
    )
    status = models.CharField(
        _("status"), max_length=8, choices=PersonStatus.choices, default=PersonStatus.ACTIVE
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        # Names in pinyin order (core.pinyin), not by code point.
        ordering = ["enterprise_id", "name_pinyin", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["enterprise", "name_pinyin"]),
            # The pattern operator class lets PostgreSQL use the index for a name prefix
            # (LIKE '李%') whatever the database collation; SQLite ignores it.
            models.Index(
                fields=["name"], name="people_person_name_prefix", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["phone"]),
            models.Index(fields=["id_tail"]),
            models.Index(fields=["phone_tail"]),
        ]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude: Any = None) -> None:
        # Normalised (NFKC, upper case) before the field validators, whatever form or admin
        # page set them, so that a full-width ID number is the same identity as an ASCII one.
        self.id_number = normalize_code(self.id_number)
        self.phone = normalize_phone(self.phone)
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        errors = {}
        if self.team is not None and self.team.enterprise_id != self.enterprise_id:
            errors["team"] = _("The team belongs to another enterprise.")
        if self.dormitory is not None:
            if self.dormitory.kind != PlaceKind.DORMITORY_ROOM:
                errors["dormitory"] = _("Choose a dormitory room.")
            elif self.dormitory.enterprise_id != self.enterprise_id:
                errors["dormitory"] = _("The dormitory room belongs to another enterprise.")
        if errors:
            raise ValidationError(errors)

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def birth_date(self) -> dt.date | None:
        return id_birth_date(self.id_number)

    @property
    def gender(self) -> str:
        """GB 11643: the 17th digit is odd for men, even for women."""
        return gettext("male") if int(self.id_number[16]) % 2 else gettext("female")


audit_register(Person, exclude=["name_pinyin"], mask=PERSON_PII_FIELDS)


class FindingKind(models.TextChoices):
    """What the nightly roster data check (people.data_checks) looks for."""

    SAME_NAME_BIRTH_DATE = (
        "same_name_birth_date",
        _("Probable duplicate: same name and birth date, different ID number"),
    )
    SHARED_PHONE = "shared_phone", _("Probable duplicate: phone number shared with another person")
    CLOSED_ENTERPRISE = "closed_enterprise", _("Active at a closed enterprise")
    TEAM_ELSEWHERE = "team_elsewhere", _("Team belongs to another enterprise")
    DORMITORY_ELSEWHERE = "dormitory_elsewhere", _("Dormitory room belongs to another enterprise")
    # The label names the limit VISITOR_STALE_AFTER_DAYS of people.data_checks.
    STALE_VISITOR = (
        "stale_visitor",
        _("Visitor still active more than 30 days after the last update"),
    )


class DataCheckFindingQuerySet(ScopedQuerySet):
    scope_kind = "via_enterprise"
    permissions = Permissions(view=FINDING_READER_ROLES, change=PEOPLE_EDITOR_ROLES)


class DataCheckFinding(models.Model):
    """A suspect roster record found by the nightly data check, open until a run no longer sees it.

    A pair finding (a probable duplicate) names the later record as ``person`` and the earliest
    record it resembles as ``other_person``. At most one open finding exists per kind and person
    (and other person); a run updates ``last_seen_at`` or sets ``resolved_at``.
    """

    kind = models.CharField(_("kind"), max_length=24, choices=FindingKind.choices)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="data_check_findings",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    other_person = models.ForeignKey(
        Person,
        verbose_name=_("other person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    first_found_at = models.DateTimeField(_("first found at"))
    last_seen_at = models.DateTimeField(_("last seen at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    objects = DataCheckFindingQuerySet.as_manager()

    class Meta:
        ordering = ["enterprise_id", "kind", "person_id", "id"]
        verbose_name = _("data check finding")
        verbose_name_plural = _("data check findings")
        indexes = [models.Index(fields=["resolved_at", "enterprise", "kind"])]
        constraints = [
            # Two partial constraints because NULLs are distinct in a unique index.
            models.UniqueConstraint(
                fields=["kind", "person"],
                condition=models.Q(resolved_at__isnull=True, other_person__isnull=True),
                name="finding_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["kind", "person", "other_person"],
                condition=models.Q(resolved_at__isnull=True, other_person__isnull=False),
                name="finding_one_open_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person_id}"


class DataCheckRun(models.Model):
    """One finished run of the nightly roster data check: when, and what it found in total.

    The findings page says when the check last ran; what it found within a reader's scope is
    counted from the findings themselves (a run stamps them with ``started_at``).
    """

    started_at = models.DateTimeField(_("started at"), db_index=True)
    finished_at = models.DateTimeField(_("finished at"))
    found = models.PositiveIntegerField(_("findings"))
    created = models.PositiveIntegerField(_("new findings"))
    kept = models.PositiveIntegerField(_("findings still open"))
    resolved = models.PositiveIntegerField(_("findings resolved"))

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("data check run")
        verbose_name_plural = _("data check runs")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.found}"
