"""The personal-information access log in words: one sentence per access, not a URL.

The stored ``detail`` stays as written (a path for a view, the list's filter query string for an
export, "admin" for the Django admin); this module reads it and says what was seen:
"查看 张三 的身份证号和手机号", "导出 宁武栖凤煤矿 人员名单 120 人（未脱敏）". Names in an export's
filter are looked up through the reader's scope, once per page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from django.utils.translation import gettext, ngettext

from fugong.audit.models import PiiAccess, PiiAction
from fugong.org.models import Enterprise, Team
from fugong.org.selectors import OUT_OF_SCOPE
from fugong.people.models import PersonCategory, PersonStatus

ADMIN_DETAIL = "admin"


def _filters(detail: str) -> dict[str, str]:
    if not detail or detail.startswith("/") or "=" not in detail:
        return {}
    return {k: v for k, v in parse_qsl(detail) if v}


def _ids(accesses: Iterable[PiiAccess], key: str) -> set[int]:
    return {
        int(value)
        for access in accesses
        if access.action == PiiAction.EXPORT
        and (value := _filters(access.detail).get(key, "")).isdigit()
    }


def _view_sentence(access: PiiAccess) -> str:
    if access.person_id is None:
        sentence = gettext("Viewed the resident ID number and phone of a person since deleted")
    else:
        name = access.person.name if access.person else ""
        sentence = gettext("Viewed the resident ID number and phone of %(name)s") % {"name": name}
    if access.detail == ADMIN_DETAIL:
        sentence += gettext(" (in the admin)")
    elif access.detail.startswith("/api/"):
        sentence += gettext(" (through the API)")
    return sentence


def _export_sentence(access: PiiAccess, enterprises: dict[int, str], teams: dict[int, str]) -> str:
    filters = _filters(access.detail)
    enterprise_id = filters.get("enterprise", "")
    if enterprise_id.isdigit():
        where = enterprises.get(int(enterprise_id), str(OUT_OF_SCOPE))
    elif access.user.enterprise_id is not None:
        where = str(access.user.enterprise)
    else:
        where = gettext("every enterprise in scope")
    sentence = ngettext(
        "Exported the roster of %(where)s: %(count)d person (unmasked)",
        "Exported the roster of %(where)s: %(count)d people (unmasked)",
        access.record_count,
    ) % {"where": where, "count": access.record_count}
    narrowed = []
    if filters.get("q"):
        narrowed.append(gettext("search “%(q)s”") % {"q": filters["q"]})
    team_id = filters.get("team", "")
    if team_id.isdigit():
        narrowed.append(teams.get(int(team_id), str(OUT_OF_SCOPE)))
    labels = {**dict(PersonCategory.choices), **dict(PersonStatus.choices)}
    for key in ("category", "status"):
        if filters.get(key) in labels:
            narrowed.append(str(labels[filters[key]]))
    if narrowed:
        sentence += gettext("; only %(filters)s") % {"filters": "、".join(narrowed)}
    return sentence


def describe_accesses(*, actor: Any, accesses: Iterable[PiiAccess]) -> None:
    """Set ``sentence`` on each access of a page (two queries at most, whatever its length)."""
    accesses = list(accesses)
    enterprise_ids, team_ids = _ids(accesses, "enterprise"), _ids(accesses, "team")
    enterprises: dict[int, str] = {}
    teams: dict[int, str] = {}
    if enterprise_ids:
        scoped = Enterprise.objects.restrict(actor).filter(pk__in=enterprise_ids)
        enterprises = dict(scoped.values_list("pk", "name"))
    if team_ids:
        teams = dict(Team.objects.restrict(actor).filter(pk__in=team_ids).values_list("pk", "name"))
    for access in accesses:
        if access.action == PiiAction.EXPORT:
            access.sentence = _export_sentence(access, enterprises, teams)  # type: ignore[attr-defined]
        else:
            access.sentence = _view_sentence(access)  # type: ignore[attr-defined]
