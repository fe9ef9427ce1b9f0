"""The roster file's columns (DESIGN §3.2), shared by the template, the import and the export.

The header row and the Chinese names of the choices are bilingual whatever the interface language:
a file is exchanged between people who may read it in either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fugong.people.models import PersonCategory, PersonStatus


@dataclass(frozen=True)
class Column:
    """One column of the roster file. The header is bilingual whatever the interface language."""

    key: str
    zh: str
    en: str
    label: Promise  # in the user's language, for error messages
    help: Promise
    width: int
    required: bool = False
    text: bool = False  # formatted as text in the template, so Excel keeps every digit
    aliases: tuple[str, ...] = ()

    @property
    def header(self) -> str:
        return f"{self.zh} {self.en}"


COLUMNS = (
    Column(
        key="name",
        zh="姓名",
        en="Name",
        label=pgettext_lazy("person", "Name"),
        help=_("Required, at most 64 characters."),
        width=12,
        required=True,
    ),
    Column(
        key="id_number",
        zh="身份证号",
        en="Resident ID number",
        label=_("Resident ID number"),
        help=_("Required. 18 characters, the last may be X. Enter it as text, not as a number."),
        width=22,
        required=True,
        text=True,
        aliases=("身份证号码", "身份证"),
    ),
    Column(
        key="phone",
        zh="手机号",
        en="Phone",
        label=_("Phone"),
        help=_("Optional. 11-digit mobile number."),
        width=15,
        text=True,
        aliases=("手机号码", "手机", "电话"),
    ),
    Column(
        key="category",
        zh="类别",
        en="Category",
        label=_("Category"),
        help=_("Optional, employee when empty. A value listed below, in Chinese, English or code."),
        width=18,
        aliases=("人员类别",),
    ),
    Column(
        key="team",
        zh="班组",
        en="Team",
        label=_("Team"),
        help=_("Optional. The name of a team of the chosen enterprise, as it is in fugong."),
        width=14,
    ),
    Column(
        key="dormitory",
        zh="宿舍",
        en="Dormitory room",
        label=_("Dormitory room"),
        help=_("Optional. The name of a dormitory room of the chosen enterprise."),
        width=14,
    ),
    Column(
        key="home_region",
        zh="户籍地区代码",
        en="Home region code",
        label=_("Home region code"),
        help=_("Optional. 6-digit GB/T 2260 code of the home region, for example 140925."),
        width=16,
        text=True,
    ),
    Column(
        key="status",
        zh="状态",
        en="Status",
        label=_("Status"),
        help=_("Optional, active when empty. A value listed below."),
        width=10,
    ),
)
# Exported for reference beside the roster columns; an import ignores it.
ENTERPRISE_COLUMN = Column(
    key="enterprise",
    zh="企业",
    en="Enterprise",
    label=_("Enterprise"),
    help=_("Exported for reference; ignored on import."),
    width=24,
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
COLUMN_ORDER = {c.key: i for i, c in enumerate(COLUMNS)}

# The file format is bilingual, so the Chinese names of the choices belong to the format itself;
# labels of both interface languages are accepted too. The first name is the one written.
CATEGORY_ZH = {
    PersonCategory.EMPLOYEE: ("职工", "员工"),
    PersonCategory.CONTRACTOR: ("务工人员", "外包人员", "劳务派遣"),
    PersonCategory.VISITOR: ("访客", "来访人员"),
}
STATUS_ZH = {PersonStatus.ACTIVE: ("在职", "在岗"), PersonStatus.LEFT: ("离职", "离开", "已离开")}

# Row 2 of the template: recognised and skipped on import, so a forgotten example is harmless.
EXAMPLE_ROW = ("示例 张三", "140925199001011237", "13800000000", "职工", "", "", "140925", "在职")


def fold(value: Any) -> str:
    return " ".join(str(value).split()).casefold()


def choice_lookup(choices: type[models.TextChoices], zh: dict) -> dict[str, str]:
    """Every accepted spelling of a choice (code, Chinese names, both labels) → its code."""
    lookup: dict[str, str] = {}
    for code, label in choices.choices:
        names = [code, *zh[code]]
        for language in ("en", "zh-hans"):
            with translation.override(language):
                names.append(str(label))
        lookup.update((fold(name), code) for name in names)
    return lookup


def choice_hint(choices: type[models.TextChoices], zh: dict) -> str:
    return ", ".join(f"{zh[code][0]} ({code})" for code in choices.values)


HEADER_LOOKUP = {
    fold(alias): column.key
    for column in COLUMNS
    for alias in (column.header, column.zh, column.en, column.key, *column.aliases)
}
