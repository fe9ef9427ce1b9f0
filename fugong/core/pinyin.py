"""Chinese names in dictionary (pinyin) order: a stored sort key kept beside the name.

Databases sort Chinese by code point (张 U+5F20 before 阿 U+963F), which no reader expects, and
neither SQLite nor every PostgreSQL collation can do better. So each name that lists sort by has
a ``name_pinyin`` column holding its pinyin with tone numbers, syllable by syllable ("a1
qiang2"), which sorts as a dictionary does: by syllable, then tone. The column is derived, never
shown, and kept out of the change history.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.db import models
from pypinyin import Style, lazy_pinyin

SORT_KEY_LENGTH = 255


@lru_cache(maxsize=65_536)  # names repeat a lot (surnames, "生产一班"); bulk loads hit the cache
def pinyin_key(name: str) -> str:
    """The sort key of ``name``: lower-case pinyin with tone digits, syllables space-separated.

    Characters that are not Chinese (Latin letters, digits) are kept as they are, lower-cased.
    """
    syllables = lazy_pinyin(name.strip(), style=Style.TONE3, neutral_tone_with_five=True)
    return " ".join(s.strip().lower() for s in syllables if s.strip())[:SORT_KEY_LENGTH]


def fill_sort_keys(objects: Iterable[Any]) -> None:
    """Set ``name_pinyin`` on objects about to be written in bulk (bulk_create skips save())."""
    for obj in objects:
        obj.name_pinyin = pinyin_key(obj.name)


class PinyinNamed(models.Model):
    """A model whose ``name`` lists sort in pinyin order through ``name_pinyin``.

    The key is filled in ``save()`` because it is a derived column like a generated one (no rule
    decides it), so every writer - services, the admin, factories - keeps it right; bulk writers
    call ``fill_sort_keys`` themselves.
    """

    name_pinyin = models.CharField(
        max_length=SORT_KEY_LENGTH, blank=True, default="", editable=False
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_pinyin = pinyin_key(self.name)  # type: ignore[attr-defined]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_pinyin"}
        super().save(*args, **kwargs)
