"""Regions by the names people write: 宁武县, 忻州市宁武县, 山西省忻州市宁武县, or the code 140925.

Regions are reference data for the whole country (a person's home region is anywhere), so this
reads them all once, without a scope: a few thousand short rows, one query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from fugong.org.models import Region

# Province → city → county; a deeper chain is a data error, not a reason to loop forever.
MAX_DEPTH = 4


@dataclass(frozen=True)
class RegionMatch:
    """The region a text names, or the full names of every region it may mean (none: unknown)."""

    pk: int | None
    candidates: tuple[str, ...] = ()


class RegionNames:
    """Resolves a region name or code; names every region by its full name."""

    def __init__(self) -> None:
        rows = Region.objects.values_list("pk", "code", "name", "parent_id")
        self._regions = {pk: (code, name, parent) for pk, code, name, parent in rows}
        self._by_code = {code: pk for pk, (code, _name, _parent) in self._regions.items()}
        self._by_name: dict[str, set[int]] = defaultdict(set)
        for pk in self._regions:
            path = self._path(pk)
            # Every tail of the path names the region: 宁武县, 忻州市宁武县, 山西省忻州市宁武县.
            for start in range(len(path)):
                self._by_name["".join(path[start:])].add(pk)

    def _path(self, pk: int) -> list[str]:
        names: list[str] = []
        current: int | None = pk
        while current is not None and len(names) < MAX_DEPTH:
            _code, name, parent = self._regions[current]
            names.insert(0, name)
            current = parent if parent in self._regions else None
        return names

    def full_name(self, pk: int) -> str:
        return "".join(self._path(pk))

    def resolve(self, text: str) -> RegionMatch:
        key = "".join(text.split())
        if key.isdigit():
            return RegionMatch(self._by_code.get(key))
        found = self._by_name.get(key, set())
        if len(found) == 1:
            return RegionMatch(next(iter(found)))
        return RegionMatch(None, tuple(sorted(self.full_name(pk) for pk in found)))
