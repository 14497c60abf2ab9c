"""The text the plugin writes itself, from one catalogue: `wording/nl.yaml`, which a site can
override key by key (the plugin's `wording` option), and dates, times and statuses in words
(Babel's CLDR data for the catalogue's locale). The pages', feeds' and calendars' text comes
from here; the validator's messages to volunteers are Dutch sentences in `source`.

A text is plain: `words(key)` gives it as it is. A page's sentence may hold a little inline
Markdown, written out by `words.html(key)`: `[tekst]({field})` is a link to the address the
template gives as that field, `*tekst*` is emphasis, `**tekst**` strong and `` `tekst` ``
code. Everything else is escaped, the fields' values too, so a site's wording file can change
the words and where the links sit, never the page's markup. A count says its noun in the
locale's plural form: `words.count('home.count', n)` reads `home.count.one` or
`home.count.other` (CLDR's categories).
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Mapping
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from babel import Locale
from babel.dates import format_date, format_time
from markupsafe import Markup, escape

from .dates import When, occurs_twice, summer_time
from .problems import did_you_mean

CATALOGUE = Path(__file__).parent.parent / "wording" / "nl.yaml"


class WordingError(ValueError):
    """A site's wording file that cannot be used; the message says what to change."""


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


_PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


def _base(key: str, texts: Mapping[str, str]) -> str:
    """The key whose fields a text may use: a plural form another locale adds uses `.other`'s."""
    return key if key in texts else key.rsplit(".", 1)[0] + ".other"


def _plural_form(key: str, texts: Mapping[str, str]) -> bool:
    """Whether a key is a plural form of a count of ours (`key.few`, its `.other` ours): a
    site in another language may need more forms than Dutch."""
    stem, _, form = key.rpartition(".")
    return form in _PLURAL_FORMS and f"{stem}.other" in texts


class Link(NamedTuple):
    """A link's address with what the link needs besides it (`words.link(url, download=True)`
    in a template); a bare address is a link of its own."""

    href: str
    download: bool = False
    own: bool = False  # an absolute address of this site itself: no rel="noopener noreferrer"


# A link to a field or an address, strong, emphasis, code: the inline Markdown a sentence may
# hold.
_INLINE = re.compile(
    r"\[(?P<text>[^\]]+)\]\((?P<target>\{\w+\}|[^)\s]+)\)"
    r"|\*\*(?P<strong>.+?)\*\*|\*(?P<em>[^*]+)\*|`(?P<code>[^`]+)`"
)


def _unsafe_target(text: str) -> str | None:
    """The first link of a text that goes neither to a field nor to a web address."""
    for found in _INLINE.finditer(text):
        target = found["target"]
        if target and not target.startswith(("{", "https://", "http://")):
            return str(target)
    return None


# A sentence's inline Markdown, parsed once per text: a tuple of parts, each a piece of text
# (escaped, its fields still to fill), or a link (its target) or element (its tag) around parts.
Part = tuple[str, str, tuple[Any, ...]]
_TAGS = ("strong", "em", "code")  # the regex groups, named as the elements they become


@lru_cache(maxsize=1024)
def _parsed(text: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    at = 0
    for found in _INLINE.finditer(text):
        parts += _escaped(text[at : found.start()])
        if found["text"] is not None:
            parts.append(("a", found["target"], _parsed(found["text"])))
        else:
            tag = next(name for name in _TAGS if found[name] is not None)
            # Code is shown as written: no emphasis inside it.
            inner = _escaped(found[tag]) if tag == "code" else _parsed(found[tag])
            parts.append(("tag", tag, inner))
        at = found.end()
    parts += _escaped(text[at:])
    return tuple(part for part in parts if part != ("text", "", ()))


def _escaped(text: str) -> tuple[Part, ...]:
    return (("text", html.escape(text, quote=False), ()),)


def _link(target: str, text: str, fields: Mapping[str, Any]) -> str:
    value = fields[target[1:-1]] if target.startswith("{") else target
    link = value if isinstance(value, Link) else Link(str(value))
    # An address off the site opens without telling it where the visitor came from.
    away = link.href.startswith(("https:", "http:")) and not link.own
    rel = ' rel="noopener noreferrer"' if away else ""
    download = " download" if link.download else ""
    return f'<a href="{escape(link.href)}"{rel}{download}>{text}</a>'


def _written(parts: tuple[Part, ...], values: Mapping[str, str], fields: Mapping[str, Any]) -> str:
    """The parts as HTML: texts filled with the escaped `values`, links to their `fields`."""
    out = []
    for kind, what, inner in parts:
        if kind == "text":
            out.append(what.format_map(values))
        elif kind == "a":
            out.append(_link(what, _written(inner, values, fields), fields))
        else:
            out.append(f"<{what}>{_written(inner, values, fields)}</{what}>")
    return "".join(out)


@lru_cache(maxsize=8)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


class Wording:
    """A catalogue of texts by key; `words('calendar.name', name='X')` fills one in."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)

    @property
    def locale(self) -> str:
        return self.texts["locale"]

    def __call__(self, key: str, **fields: Any) -> str:
        return self.texts[key].format_map(fields)

    def html(self, key: str, **fields: Any) -> Markup:
        """Return a page's sentence as HTML: its inline Markdown written out, all else escaped
        (a Markup value is kept as it is)."""
        values = {name: str(escape(value)) for name, value in fields.items()}
        return Markup(_written(_parsed(self.texts[key]), values, fields))

    def count(self, key: str, number: int, html: bool = False, **fields: Any) -> str:
        """Return `key.one`, `key.other` (or the locale's other plural forms) for a number,
        with `{count}` filled in."""
        form = _locale(self.locale).plural_form(number)
        chosen = f"{key}.{form}" if f"{key}.{form}" in self.texts else f"{key}.other"
        return (self.html if html else self)(chosen, count=number, **fields)

    @staticmethod
    def link(href: str, download: bool = False, own: bool = False) -> Link:
        """A link's address for `html`, with the `download` attribute when asked; `own` for an
        absolute address of this site (one elsewhere gets rel="noopener noreferrer")."""
        return Link(href, download, own)

    def replaced(self, overrides: object, source: str) -> Wording:
        """Return this catalogue with a site's texts in place of ours.

        Every key must be one of ours (or a plural form of a count of ours), every value a
        text that uses no field ours lacks and links only to a field or a web address.
        """
        if overrides is None:
            return self
        if not isinstance(overrides, dict):
            raise WordingError(f"{source}: verwacht 'sleutel: tekst'-regels")
        texts = dict(self.texts)
        for key, value in overrides.items():
            _check(str(key), value, self.texts, source)
            texts[key] = value
        return Wording(texts)


def _check(key: str, value: object, ours: Mapping[str, str], source: str) -> None:
    """Raise WordingError, naming the key and what to change, if a site's text cannot be used."""
    if key not in ours and not _plural_form(key, ours):
        hint = did_you_mean(key, list(ours), "zie de sleutels in wording/nl.yaml")
        raise WordingError(f"{source}: onbekende sleutel '{key}'; {hint}")
    if not isinstance(value, str):
        raise WordingError(f"{source}: '{key}' moet een tekst zijn")
    if key == "data.language" and not re.fullmatch(r"[A-Z]{3}", value):
        raise WordingError(
            f"{source}: 'data.language' is de taal in de lijst van de EU, in drie "
            f"hoofdletters zoals NLD of ENG; er staat '{value}'"
        )
    if "](" in _INLINE.sub("", value):
        raise WordingError(
            f"{source}: '{key}' heeft een link die niet goed geschreven is; schrijf "
            "[tekst]({veld}), met het veld tussen accolades en zonder spaties"
        )
    unsafe = _unsafe_target(value)
    if unsafe:
        raise WordingError(
            f"{source}: '{key}' linkt naar '{unsafe}'; een link gaat naar een veld zoals "
            "[tekst]({veld}), of naar een adres dat begint met https://"
        )
    allowed = _fields(ours[_base(key, ours)])
    try:
        extra = _fields(value) - allowed
    except ValueError as error:
        raise WordingError(f"{source}: '{key}': {error}") from None
    if extra:
        fields = ", ".join(f"{{{f}}}" for f in sorted(allowed))
        raise WordingError(
            f"{source}: '{key}' gebruikt {{{sorted(extra)[0]}}}; "
            f"hier kan: {fields or 'geen velden'}"
        )


@lru_cache(maxsize=1)
def default() -> Wording:
    """Return the plugin's own (Dutch) catalogue."""
    return Wording(yaml.safe_load(CATALOGUE.read_text(encoding="utf-8")))


def site_wording(path: Path) -> Wording:
    """Return the default catalogue with the texts of a site's wording file in place."""
    try:
        overrides = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise WordingError(f"{path}: kan het bestand niet lezen ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise WordingError(f"{path}: geen geldige YAML ({error})") from None
    return default().replaced(overrides, str(path))


def status_label(status: str, words: Wording, moved: bool = False) -> str:
    """Return the label a page or feed shows beside an event: none for a confirmed one; an
    occurrence of a series held at another time or place says so, unless it is cancelled."""
    if moved and status != "cancelled":
        return words("status.moved")
    return "" if status == "confirmed" else words(f"status.{status}")


def day(value: date, words: Wording) -> str:
    """Return e.g. 'dinsdag 22 september 2020'."""
    return _formatted_date(value, "EEEE d MMMM y", words.locale)


def month(year: int, number: int, words: Wording) -> str:
    """Return e.g. 'maart 2027'."""
    return _formatted_date(date(year, number, 1), "MMMM y", words.locale)


def time_of_day(value: datetime, words: Wording) -> str:
    """Return e.g. '09.00' (Dutch writes hours and minutes with a dot)."""
    # In its own (the site's) zone: the wall clock's hour and minute are all the pattern reads.
    return _formatted_time(value.hour, value.minute, words.locale)


# Babel formats a date in about 0.1 ms; thousands of event pages, lists and feeds ask for the
# same few hundred days and times again and again.
@lru_cache(maxsize=8192)
def _formatted_date(value: date, pattern: str, locale: str) -> str:
    return format_date(value, pattern, locale=locale)


@lru_cache(maxsize=2048)
def _formatted_time(hour: int, minute: int, locale: str) -> str:
    return format_time(time(hour, minute), "HH.mm", locale=locale)


def _which(value: datetime, words: Wording) -> str:
    """Return ' (zomertijd)' or ' (wintertijd)' for a wall time that occurs twice, else ''."""
    if not occurs_twice(value):
        return ""
    return f" ({words('when.summer_time' if summer_time(value) else 'when.winter_time')})"


def when(start: When, end: When | None, words: Wording) -> str:
    """Return the wording of an event's date or date range.

    'dinsdag 22 september 2020', 'dinsdag 22 september 2020, 09.00–13.00 uur',
    'vrijdag 5 maart 2027 t/m zondag 7 maart 2027'. A time that occurs twice (the night
    the clock goes back) says which of the two it is: '02.30 uur (zomertijd)'.
    """
    until, hour = words("when.until"), words("when.hour")
    if not isinstance(start, datetime):
        if end is None or end == start:
            return day(start, words)
        return f"{day(start, words)} {until} {day(end, words)}"
    first = start  # moments carry the site's zone
    opening = f"{day(first.date(), words)}, {time_of_day(first, words)}"
    if not isinstance(end, datetime):  # the model gives a moment an end of the same kind
        return f"{opening} {hour}{_which(start, words)}"
    last = end
    if last.date() == first.date():
        return (
            f"{opening}{_which(start, words)}–{time_of_day(last, words)} {hour}{_which(end, words)}"
        )
    return (
        f"{day(first.date(), words)} {time_of_day(first, words)} {hour}{_which(start, words)} "
        f"{until} {day(last.date(), words)} {time_of_day(last, words)} {hour}{_which(end, words)}"
    )
