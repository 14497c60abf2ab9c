"""The regions an association can be in: a list in data (`regions.yaml` in the data folder),
or the plugin's own, the twelve Dutch provinces (`regions/nl.yaml`)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .reading import read_text
from .yaml_positions import Document, compose_document, read_document

DUTCH_PROVINCES = Path(__file__).parent.parent / "regions" / "nl.yaml"


@dataclass(frozen=True)
class Regions:
    """The regions in the order the site lists them, and the other spellings each accepts."""

    names: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...] = ()  # (other spelling, region)
    neighbours: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (region, the regions beside it)

    def nearest(self, region: str, filled: set[str]) -> tuple[str, ...]:
        """Return the regions nearest to `region` that are in `filled` (have associations):
        its neighbours when one of them is, else theirs, and so on; () when none is."""
        beside = dict(self.neighbours)
        seen, ring = {region}, [region]
        while ring:
            ring = [n for r in ring for n in beside.get(r, ()) if n not in seen]
            seen.update(ring)
            found = tuple(n for n in self.names if n in ring and n in filled)
            if found:
                return found
        return ()

    def canonical(self, value: str) -> str:
        """Return the region `value` names, or raise ValueError that says what to write."""
        value = dict(self.aliases).get(value, value)
        if value not in self.names:
            raise ValueError(f"'{value}' is geen provincie; {self.hint(value)}")
        return value

    def hint(self, value: str) -> str:
        """Return 'bedoel je ...?' for a near miss ('Brabant', 'utrecht'), else the list."""
        folded = value.strip().casefold()
        near = [p for p in self.names if folded and folded in p.casefold()]
        by_fold = {p.casefold(): p for p in self.names}
        close = difflib.get_close_matches(folded, by_fold, n=2, cutoff=0.7)
        near = near or [by_fold[m] for m in close]
        if near:
            return "bedoel je " + " of ".join(f"'{p}'" for p in near) + "?"
        return f"kies uit: {', '.join(self.names)}"

    def accepted(self) -> list[str]:
        """Return every spelling a data file may use, for the schema's enum."""
        return [*self.names, *(alias for alias, _ in self.aliases)]


def from_document(document: Document) -> Regions:
    """Return the regions a composed regions file lists; problems go into the document."""
    names: list[str] = []
    aliases: list[tuple[str, str]] = []
    beside: list[tuple[int, str, list[str]]] = []
    if not isinstance(document.value, list) or not document.value:
        document.problem((), "geef een lijst van regio's: elke regel begint met '- '")
        return Regions(())
    for index, item in enumerate(document.value):
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            others = item.get("also", [])
            if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
                document.problem((index, "also"), "'also' is een lijst van andere spellingen")
                continue
            near = item.get("neighbours", [])
            if not isinstance(near, list) or not all(isinstance(n, str) for n in near):
                document.problem((index, "neighbours"), "'neighbours' is een lijst van regio's")
                continue
            names.append(item["name"])
            aliases += [(other, item["name"]) for other in others]
            beside.append((index, item["name"], near))
        elif isinstance(item, str):
            names.append(item)
        else:
            document.problem(
                (index,), "schrijf een naam, of 'name:' met lijsten 'also:' en 'neighbours:'"
            )
    for index, _, near in beside:
        for number, other in enumerate(near):
            if other not in names:
                document.problem(
                    (index, "neighbours", number),
                    f"'{other}' staat niet in de lijst van regio's; kies uit: {', '.join(names)}",
                )
    neighbours = tuple((name, tuple(n for n in near if n in names)) for _, name, near in beside)
    return Regions(tuple(names), tuple(aliases), neighbours)


def read_regions(path: Path) -> tuple[Regions, Document | None]:
    """Return a data folder's region list and its document (whose problems say what is
    wrong), or the Dutch provinces and None when the folder has no such file."""
    if not path.exists():
        return dutch_provinces(), None
    document = read_document(path)
    if not document.problems:
        regions = from_document(document)  # adds problems when the list itself is wrong
        if not document.problems:
            return regions, document
    return dutch_provinces(), document


@lru_cache(maxsize=1)
def dutch_provinces() -> Regions:
    """Return the plugin's own list: the twelve provinces of the Netherlands."""
    return from_document(compose_document(read_text(DUTCH_PROVINCES), str(DUTCH_PROVINCES)))
