"""The Simplified Chinese catalogue is complete, not fuzzy, and keeps every placeholder.

The .po file is read with a small parser of our own (polib is not a dependency); the compiled
.mo is not in git, so what msgfmt says is checked by compiling to a temporary file. Complete
means against the code as it is: the messages are extracted afresh (makemessages, into a copy of
the sources), so a new ``_("...")`` left out of the catalogue or untranslated fails here.
"""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import subprocess
from contextlib import chdir
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]
PO_PATH = ROOT / "fugong" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# What the makemessages of the README (run at the root) does not read, besides hidden folders;
# the locale folders are left out so that the copy's catalogue starts empty.
NOT_SOURCE = ("bench", "node_modules", "var", "test-artifacts", "locale", "static", "__pycache__")
# A message that no catalogue has: the extraction must report it.
CANARY = "a message added to the code and to no catalogue"

# printf-style conversions as Python's % operator reads them; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]+)\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?P<conv>[diouxXeEfFgGcrsa%])"
)
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")

FIXED_TERMS = {
    "Log out": "退出登录",
    "Filter": "筛选",
    "City command": "市指挥部",
    "Liaison leader": "包联领导",
    "headcount limit": "限员人数",
    "Unified social credit code": "统一社会信用代码",
    "Data checks": "数据核查",
}
RECORD_COUNT = ("%(n)s record", "%(n)s records")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)
    obsolete: bool = False

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def msgstrs(self) -> list[str]:
        return [value for key, value in self.fields.items() if key.startswith("msgstr")]

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file, with their flags and their concatenated strings."""
    entries: list[Entry] = []
    current: Entry | None = None
    key = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#~"):
            current.obsolete = True
        elif line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current.fields[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            current.fields[key] = ast.literal_eval(value)
    return entries


def placeholders(text: str) -> tuple[set[str], int]:
    """The named placeholders of a python-format string and the number of positional ones."""
    named: set[str] = set()
    positional = 0
    for match in PLACEHOLDER.finditer(text):
        if match.group("conv") == "%":
            continue
        if match.group("name"):
            named.add(match.group(0))
        else:
            positional += 1
    return named, positional


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse_po(PO_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.msgid and not entry.obsolete]


def test_header_declares_chinese_utf8_and_one_plural_form(entries: list[Entry]):
    header = next(entry for entry in entries if entry.msgid == "" and not entry.obsolete)
    text = header.fields["msgstr"]
    assert "Language: zh_Hans\n" in text
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=1; plural=0;" in text
    assert "fuzzy" not in header.flags


def test_there_are_messages(messages: list[Entry]):
    assert len(messages) > 100


def test_no_message_is_untranslated(messages: list[Entry]):
    untranslated = [str(entry) for entry in messages if not all(entry.msgstrs)]
    assert untranslated == []


def test_plural_messages_have_exactly_one_form(messages: list[Entry]):
    wrong = [
        str(entry)
        for entry in messages
        if "msgid_plural" in entry.fields and list(entry.fields)[-1:] != ["msgstr[0]"]
    ]
    assert wrong == []


def test_no_message_is_fuzzy(entries: list[Entry]):
    fuzzy = [str(entry) for entry in entries if "fuzzy" in entry.flags]
    assert fuzzy == []


def test_every_placeholder_is_kept(messages: list[Entry]):
    wrong = []
    for entry in messages:
        if "python-format" not in entry.flags:
            continue
        sources = [entry.msgid, entry.fields.get("msgid_plural", entry.msgid)]
        named = set().union(*(placeholders(source)[0] for source in sources))
        positional = max(placeholders(source)[1] for source in sources)
        for translation in entry.msgstrs:
            if placeholders(translation) != (named, positional):
                wrong.append(f"{entry} -> {translation!r}")
    assert wrong == []


def test_html_tags_are_kept(messages: list[Entry]):
    wrong = [
        f"{entry} -> {translation!r}"
        for entry in messages
        for translation in entry.msgstrs
        if sorted(HTML_TAG.findall(translation)) != sorted(HTML_TAG.findall(entry.msgid))
    ]
    assert wrong == []


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_msgfmt_accepts_the_catalogue_and_counts_no_gap(tmp_path: Path):
    mo_path = tmp_path / "django.mo"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(mo_path), str(PO_PATH)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin:/usr/local/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr

    with mo_path.open("rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)
    # The terms the specification fixes (DESIGN §2, §6), and Django's own words overridden. The
    # English is looked up through a table so that makemessages does not take it for source text.
    lookup = catalogue.gettext
    for english, chinese in FIXED_TERMS.items():
        assert lookup(english) == chinese, english
    plural = catalogue.ngettext
    assert plural(*RECORD_COUNT, 5) % {"n": 5} == "共5条记录"


def message_key(entry: Entry) -> tuple[str, str, str]:
    return entry.fields.get("msgctxt", ""), entry.msgid, entry.fields.get("msgid_plural", "")


@pytest.fixture(scope="module")
def not_in_catalogue(tmp_path_factory) -> list[str]:
    """The messages extracted from the code that the committed catalogue lacks or leaves
    untranslated (or fuzzy), the canary among them."""
    if shutil.which("xgettext") is None or shutil.which("msguniq") is None:
        pytest.skip("GNU gettext's xgettext and msguniq are not installed: nothing to extract with")
    work = tmp_path_factory.mktemp("extraction")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "*.pyc", *NOT_SOURCE))
    canary = f"from django.utils.translation import gettext as _\n\n_({CANARY!r})\n"
    (source / "fugong" / "extraction_canary.py").write_text(canary, encoding="utf-8")
    locale = work / "locale"
    with override_settings(LOCALE_PATHS=[str(locale)]), chdir(source):
        call_command("makemessages", locale=["zh_Hans"], verbosity=0)
    fresh = parse_po((locale / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text("utf-8"))
    committed = {
        message_key(entry): entry
        for entry in parse_po(PO_PATH.read_text(encoding="utf-8"))
        if not entry.obsolete
    }
    gaps = []
    for entry in fresh:
        if not entry.msgid or entry.obsolete:
            continue
        known = committed.get(message_key(entry))
        if known is None or not all(known.msgstrs) or "fuzzy" in known.flags:
            gaps.append(entry.msgid)
    return gaps


def test_the_fresh_extraction_finds_a_message_new_to_the_code(not_in_catalogue: list[str]):
    assert CANARY in not_in_catalogue


def test_every_message_of_the_code_is_in_the_catalogue_and_translated(
    not_in_catalogue: list[str],
):
    """If this fails, run makemessages and translate the new entries (README, translations)."""
    assert [msgid for msgid in not_in_catalogue if msgid != CANARY] == []
