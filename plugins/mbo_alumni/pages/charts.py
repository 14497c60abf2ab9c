"""Pictures made at build time, as inline SVG: no request to any other site, no script.

- The directory's map: the twelve provinces as a tile map (one square per province, each in
  its rough place), coloured by the number of associations, each a link to its page. No
  package here ships Dutch province boundaries under a free licence, and a tile map is a
  recognised form that reads better at 360 px than outlines in which Utrecht or Flevoland are a
  few pixels wide. A site with other regions gets a bar chart instead.
- The agenda's archive: the number of events per year, as bars.

Each picture comes with its text alternative (a caption that says the numbers); the shapes'
colours carry no meaning the text does not also give.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..core.wording import Wording

# (column, row) of each province in the tile map: north at the top, the sea at the left.
TILES = {
    "Fryslân": (1, 0), "Groningen": (2, 0),
    "Noord-Holland": (0, 1), "Flevoland": (1, 1), "Drenthe": (2, 1),
    "Zuid-Holland": (0, 2), "Utrecht": (1, 2), "Overijssel": (2, 2),
    "Zeeland": (0, 3), "Noord-Brabant": (1, 3), "Gelderland": (2, 3),
    "Limburg": (2, 4),
}  # fmt: skip
TILE_W, TILE_H, GAP = 124, 66, 6
LEVELS = 4  # shades of the tiles: 0 is none, then up to the largest count


def relative(target: str, page: str) -> str:
    """Return the link from the page at site path `page` to the page at `target` (both
    folders, as MkDocs' directory URLs are): 'verenigingen/' -> '../provincies/x/'."""
    return posixpath.relpath(target or ".", page or ".") + "/"


def per_year(counts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return (year, count) from the first year to the last, oldest first, 0 for a year
    without any."""
    found = dict(counts)
    if not found:
        return []
    return [(year, found.get(year, 0)) for year in range(min(found), max(found) + 1)]


def _level(count: int, largest: int) -> int:
    if count == 0 or largest == 0:
        return 0
    return max(1, -(-count * LEVELS // largest))  # 1..LEVELS, rounded up


def _label(name: str, count: int, words: Wording) -> str:
    """'Utrecht: 3 verenigingen', what a screen reader says of a region's tile or bar."""
    return f"{name}: {words.count('directory.associations', count)}"


def region_map(regions: Sequence[tuple[str, int, str]], words: Wording) -> Markup:
    """Return the directory's picture of (region, count, page URL) with its caption: a tile
    map when the regions are the twelve provinces, else a bar chart."""
    if not regions:
        return Markup("")
    names = {name for name, _, _ in regions}
    largest = max(count for _, count, _ in regions)
    tiles = names == set(TILES)
    body = _tiles(regions, largest, words) if tiles else _bars(regions, largest, words)
    listed = ", ".join(f"{name} {count}" for name, count, _ in regions)
    caption = words("chart.regions", region=words("region"), listed=listed)
    return Markup(
        '<figure class="mbo-chart mbo-map">{}<figcaption id="kaart-tekst">{}</figcaption></figure>'
    ).format(body, caption)


def _tiles(regions: Sequence[tuple[str, int, str]], largest: int, words: Wording) -> Markup:
    columns = 1 + max(c for c, _ in TILES.values())
    rows = 1 + max(r for _, r in TILES.values())
    width, height = columns * (TILE_W + GAP) - GAP, rows * (TILE_H + GAP) - GAP
    parts = []
    for name, count, url in regions:
        column, row = TILES[name]
        x, y = column * (TILE_W + GAP), row * (TILE_H + GAP)
        label = _label(name, count, words)
        parts.append(
            Markup(
                '<a href="{url}" aria-label="{label}"><rect class="mbo-map__tile mbo-level-{lv}" '
                'x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>'
                '<text x="{tx}" y="{ny}" class="mbo-map__name mbo-level-{lv}">{name}</text>'
                '<text x="{tx}" y="{cy}" class="mbo-map__count mbo-level-{lv}">{count}</text></a>'
            ).format(
                url=url,
                label=label,
                lv=_level(count, largest),
                x=x,
                y=y,
                w=TILE_W,
                h=TILE_H,
                tx=x + TILE_W // 2,
                ny=y + 26,
                cy=y + 52,
                name=name,
                count=count,
            )  # fmt: skip
        )
    return _svg(width, height, Markup("").join(parts))


def _svg(width: int, height: int, body: Markup) -> Markup:
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" role="group" aria-labelledby="kaart-tekst">{body}</svg>'
    ).format(w=width, h=height, body=body)


@dataclass(frozen=True)
class Rows:
    """The layout of a chart of horizontal bars: one row per item, name, bar, number."""

    height: int  # of a bar
    gap: int  # between rows
    name_width: int  # the column of names before the bars
    bar_width: int  # the longest bar
    baseline: int  # where the texts stand in a row

    def row(self, index: int, name: object, count: int, largest: int) -> Markup:
        """Return one row's name, bar (its length by `count` of `largest`) and number."""
        y = index * (self.height + self.gap)
        length = max(2, round(self.bar_width * count / largest)) if count and largest else 0
        return Markup(
            '<text class="mbo-bars__name" x="0" y="{ty}">{name}</text>'
            '<rect class="mbo-bars__bar" x="{bx}" y="{y}" width="{w}" height="{h}"/>'
            '<text class="mbo-bars__count" x="{cx}" y="{ty}">{count}</text>'
        ).format(
            ty=y + self.baseline, name=name, bx=self.name_width, y=y, w=length, h=self.height,
            cx=self.name_width + length + 6, count=count,
        )  # fmt: skip

    def size(self, rows: int) -> tuple[int, int]:
        """Return the chart's width and height for `rows` rows."""
        return self.name_width + self.bar_width + 40, rows * (self.height + self.gap) - self.gap


REGION_ROWS = Rows(height=28, gap=6, name_width=150, bar_width=190, baseline=19)
YEAR_ROWS = Rows(height=22, gap=4, name_width=48, bar_width=240, baseline=16)


def _bars(regions: Sequence[tuple[str, int, str]], largest: int, words: Wording) -> Markup:
    parts = [
        Markup('<a href="{url}" aria-label="{label}">{row}</a>').format(
            url=url,
            label=_label(name, count, words),
            row=REGION_ROWS.row(index, name, count, largest),
        )
        for index, (name, count, url) in enumerate(regions)
    ]
    return _svg(*REGION_ROWS.size(len(regions)), Markup("").join(parts))


def year_chart(per_year: Sequence[tuple[int, int]], words: Wording) -> Markup:
    """Return the archive's bars of (year, number of events), given oldest first and drawn
    newest first, as the archive lists them: one row per year, so a long archive grows down
    the page and reads at any width. With its caption."""
    if len(per_year) < 2:  # one year says nothing a chart could add
        return Markup("")
    rows = list(reversed(per_year))
    largest = max(count for _, count in rows)
    body = Markup("").join(
        YEAR_ROWS.row(index, year, count, largest) for index, (year, count) in enumerate(rows)
    )
    listed = ", ".join(f"{year}: {count}" for year, count in rows)
    width, height = YEAR_ROWS.size(len(rows))
    return Markup(
        '<figure class="mbo-chart mbo-years"><svg xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true">{body}</svg>'
        "<figcaption>{caption}</figcaption></figure>"
    ).format(w=width, h=height, body=body, caption=words("chart.years", listed=listed))
