"""The roster file's columns (DESIGN §3.2), shared by the template, the import and the export.

The header row and the names of the choices are Chinese whatever the interface language: that is
how clerks keep their rosters. English headers and labels (and the bilingual headers of older
templates) are still understood on import.
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
    """One column of the roster file; ``zh`` is its header, ``en`` an accepted alternative."""

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
        return self.zh

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every header an import accepts, including the bilingual one of older templates."""
        return (self.zh, self.en, f"{self.zh} {self.en}", self.key, *self.aliases)


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
        help=_("Optional, employee when empty. Choose from the list."),
        width=18,
        aliases=("人员类别",),
    ),
    Column(
        key="team",
        zh="班组",
        en="Team",
        label=_("Team"),
        help=_("Optional. Choose a team of the enterprise from the list."),
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
        zh="户籍地",
        en="Home region",
        label=_("Home region"),
        help=_(
            "Optional. The county of the home region by name (宁武县, 忻州市宁武县, "
            "山西省忻州市宁武县) or its 6-digit code (140925)."
        ),
        width=22,
        text=True,
        aliases=("户籍地区代码", "户籍地区代码 Home region code", "户籍地区", "户籍", "籍贯"),
    ),
    Column(
        key="status",
        zh="状态",
        en="Status",
        label=_("Status"),
        help=_("Optional, active when empty. Choose from the list."),
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

# The Chinese names of the choices belong to the file format itself; labels of both interface
# languages and the codes are accepted too. The first name is the one written.
CATEGORY_ZH = {
    PersonCategory.EMPLOYEE: ("职工", "员工"),
    PersonCategory.CONTRACTOR: ("务工人员", "外包人员", "劳务派遣"),
    PersonCategory.VISITOR: ("访客", "来访人员"),
}
STATUS_ZH = {PersonStatus.ACTIVE: ("在职", "在岗"), PersonStatus.LEFT: ("离职", "离开", "已离开")}

# The first row of a masked export: such a file cannot come back through the import.
MASKED_NOTICE = _(
    "ID numbers and phones in this file are masked: it cannot be imported back. For reference only."
)

# Row 2 of the template: recognised and skipped on import, so a forgotten example is harmless.
EXAMPLE_ROW = ("示例 张三", "140925199001011237", "13800000000", "职工", "", "", "宁武县", "在职")
# Rows of older templates that are skipped just the same.
OLD_EXAMPLE_ROWS = frozenset(
    {("示例 张三", "140925199001011237", "13800000000", "职工", "", "", "140925", "在职")}
)


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


def choice_names(zh: dict) -> list[str]:
    """The names written in the file and offered by the template's drop-down list."""
    return [names[0] for names in zh.values()]


def choice_hint(zh: dict) -> str:
    return "、".join(choice_names(zh))


HEADER_LOOKUP = {fold(alias): column.key for column in COLUMNS for alias in column.spellings}
