"""An association's own calendar (an iCalendar file) read as entries of the agenda.

Only what is public, for the site and in a window: events that ended at most PAST_DAYS ago and
begin at most AHEAD_DAYS ahead (an old calendar does not flood the archive). A series becomes
one entry with `repeat` when our rule says exactly what the calendar's RRULE says: the two are
expanded and compared instant by instant (a series kept in another time zone, whose evenings
move an hour against ours at a clock change, is not). Its EXDATEs become `except`, its
overrides (RECURRENCE-ID) `cancelled` or `moved`. A series whose first time lies before the
window starts at its first time in it (an entry imported before keeps its start); one without
an end runs until 31 December of next year (the next year's run moves that on). A rule ours
cannot say becomes its times of the coming SERIES_AHEAD_DAYS, each an entry of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rruleset, rrulestr  # type: ignore[import-untyped]
from icalendar import Calendar
from pydantic import ValidationError

from ..core.dates import When, instant, local_day
from ..core.wording import Wording
from ..source.model import Event
from . import ics_text as text
from .ics_series import as_when, for_dateutil, length, plus, repeat_of, values

PAST_DAYS = 31
AHEAD_DAYS = 730
SERIES_AHEAD_DAYS = 365
MAX_EXPANDED = 60  # a weekly evening for a year; more is not an association's agenda
MAX_TAKEN = 500


class ReadError(Exception):
    """The file is not an iCalendar file, or cannot be read as one (the reason in Dutch)."""


@dataclass(frozen=True)
class Window:
    today: date
    zone: ZoneInfo

    @property
    def since(self) -> date:
        return self.today - timedelta(days=PAST_DAYS)

    @property
    def ahead(self) -> date:
        return self.today + timedelta(days=AHEAD_DAYS)

    @property
    def open_end(self) -> date:
        return date(self.today.year + 1, 12, 31)


@dataclass(frozen=True)
class Found:
    """One entry the calendar gives: `key` finds it again (the UID, and the day of one time
    of a series taken apart), `entry` its data without id and organiser."""

    key: tuple[str, date | None]
    entry: dict[str, Any]
    label: str
    apart: bool = False  # one time of a series our rule cannot say


@dataclass
class Reading:
    found: list[Found] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    events: int = 0  # every VEVENT in the file, taken or not


@dataclass(frozen=True)
class Context:
    window: Window
    words: list[str]
    themes: dict[str, str]  # theme name or id -> id
    wording: Wording  # the site's: how its own calendars word a cancellation and a place
    anchors: dict[str, date]  # UID -> start day of the series already imported


def parse(body: bytes) -> Calendar:
    """Return the calendar in `body`, or raise ReadError."""
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start[:15].upper().startswith(b"BEGIN:VCALENDAR"):
        shown = start[:40].decode("utf-8", "replace")
        raise ReadError(
            "dit is geen iCalendar-bestand: het begint niet met BEGIN:VCALENDAR maar met "
            f"{shown!r}. Is het adres het iCal-adres van de agenda (meestal eindigend op .ics), "
            "en niet de webpagina?"
        )
    try:
        return Calendar.from_ical(start)
    except Exception as error:  # a parser of outside text: any failure is the file's
        raise ReadError(f"het iCalendar-bestand is niet te lezen: {error}") from None


def read(calendar: Calendar, context: Context) -> Reading:
    """Return the entries the calendar gives, and what was left out and why."""
    reading = Reading()
    masters: dict[str, Any] = {}
    overrides: dict[str, list[Any]] = {}
    for component in calendar.walk("VEVENT"):
        reading.events += 1
        uid = text.one_line(component.get("UID"), 500)
        if not uid or not text.wanted(component, context.words):
            continue
        if "RECURRENCE-ID" in component:
            overrides.setdefault(uid, []).append(component)
        else:
            masters.setdefault(uid, component)
    for uid, component in masters.items():
        try:
            if "RRULE" in component or "RDATE" in component:
                reading.found += _series(uid, component, overrides.get(uid, []), context)
            else:
                reading.found += _single(uid, component, None, context)
        except (ValueError, TypeError, KeyError, OverflowError, ValidationError) as error:
            reading.skipped.append(f"{_label(component, context)}: {_reason(error)}")
    for uid, components in overrides.items():  # a changed time whose series is not shared
        if uid not in masters:
            for component in components:
                day = _day(component.decoded("RECURRENCE-ID"), context)
                reading.found += _single(uid, component, day, context)
    if len(reading.found) > MAX_TAKEN:
        many = f"{len(reading.found):,}".replace(",", ".")  # Dutch: 10.000
        raise ReadError(
            f"de agenda geeft {many} bijeenkomsten in de komende tijd; meer dan {MAX_TAKEN} is "
            "geen agenda van één vereniging. Kies woorden om te filteren (calendar_words) of "
            "een agenda met alleen de bijeenkomsten voor alumni."
        )
    return reading


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
    return str(error)


def _label(component: Any, context: Context) -> str:
    title = text.one_line(component.get("SUMMARY"), 80) or "(zonder titel)"
    try:
        return (
            f"{title} ({local_day(text.moment(component.decoded('DTSTART'), context.window.zone))})"
        )
    except (KeyError, ValueError, TypeError):
        return title


def _day(value: Any, context: Context) -> date:
    return local_day(text.moment(value, context.window.zone))


def _base(component: Any, context: Context) -> dict[str, Any]:
    """Return what an entry says besides its times: title, place, link, text, status, themes."""
    entry: dict[str, Any] = {
        "title": text.title(component, context.wording) or context.wording("sync.untitled")
    }
    place = text.location(component, context.wording)
    if place:
        entry["location"] = place
    url = text.link(component)
    if url:
        entry["url"] = url
    description = text.markdown(component.get("DESCRIPTION"))
    if description:
        entry["description"] = description
    status = text.status(component)
    if status != "confirmed":
        entry["status"] = status
    tags = text.themes(component, context.themes)
    if tags:
        entry["tags"] = tags
    return entry


def _timed(entry: dict[str, Any], start: When, end: When | None) -> dict[str, Any]:
    timed = {"title": entry["title"], "start": text.when_text(start)}
    if end is not None:
        timed["end"] = text.when_text(end)
    return {**timed, **entry}


def _single(uid: str, component: Any, day: date | None, context: Context) -> list[Found]:
    window = context.window
    start, end = text.times(component, window.zone)
    if local_day(end or start) < window.since or local_day(start) > window.ahead:
        return []
    entry = _timed(_base(component, context), start, end)
    entry["imported"] = {"uid": uid, **({"date": day} if day else {})}
    return [Found((uid, day), entry, f"{entry['title']} ({local_day(start)})", day is not None)]


def _source_times(component: Any, zone: ZoneInfo) -> rruleset:
    """Return the calendar's own expansion of a series (RRULE and RDATE; not EXDATE)."""
    first = for_dateutil(component.decoded("DTSTART"), zone)
    found = rruleset()
    rules = component.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        found.rrule(rrulestr(rule.to_ical().decode(), dtstart=first))
    for value in values(component.get("RDATE")):
        found.rdate(for_dateutil(value, zone))
    return found


def _series(uid: str, component: Any, overrides: list[Any], context: Context) -> list[Found]:
    window, zone = context.window, context.window.zone
    start, end = text.times(component, zone)
    all_day = not isinstance(start, datetime)
    times = _source_times(component, zone)
    rules = component.get("RRULE")
    repeat = (
        None if isinstance(rules, list) or "RDATE" in component else repeat_of(rules, start, zone)
    )
    if repeat is not None:
        kept = _kept_series(uid, component, overrides, context, times, repeat)
        if kept is not None:
            return kept
    # Our rule cannot say it: the coming times, each on its own.
    length = None if end is None else (instant(end, zone) - instant(start, zone)
                                       if not all_day else end - start)  # fmt: skip
    skipped = {_day(v, context) for v in values(component.get("EXDATE"))}
    changed = {_day(o.decoded("RECURRENCE-ID"), context): o for o in overrides}
    begin = datetime.combine(window.since, datetime.min.time())
    last = datetime.combine(window.today + timedelta(days=SERIES_AHEAD_DAYS), datetime.max.time())
    if not all_day:
        begin, last = begin.replace(tzinfo=zone), last.replace(tzinfo=zone)
    found: list[Found] = []
    for value in times.between(begin, last, inc=True):
        moment = as_when(value, all_day, zone)
        day = local_day(moment)
        if day in skipped or any(f.key[1] == day for f in found):
            continue
        if day in changed:
            found += _single(uid, changed[day], day, context)
        else:
            until = None if length is None else moment + length
            entry = _timed(_base(component, context), moment, until)
            entry["imported"] = {"uid": uid, "date": day}
            found.append(Found((uid, day), entry, f"{entry['title']} ({day})", True))
        if len(found) >= MAX_EXPANDED:
            break
    return found


def _kept_series(
    uid: str, component: Any, overrides: list[Any], context: Context, times: rruleset,
    repeat: dict[str, Any],
) -> list[Found] | None:  # fmt: skip
    """Return the series as one entry with `repeat`, [] when none of it is in the window, or
    None when our rule does not give exactly the calendar's times."""
    window, zone = context.window, context.window.zone
    start, end = text.times(component, zone)
    all_day = not isinstance(start, datetime)
    horizon = for_dateutil(window.open_end + timedelta(days=1), zone)
    if not all_day:
        horizon = horizon.replace(tzinfo=zone)
    held: list[When] = []
    for value in times:  # the calendar's own times, until a little past the window's end
        if value > horizon or len(held) > 400:
            break
        held.append(as_when(value, all_day, zone))
    days = [local_day(w) for w in held]
    coming = next((i for i, d in enumerate(days) if d >= window.since), None)
    if coming is None or days[coming] > window.ahead:
        return []
    anchor = context.anchors.get(uid)
    index = days.index(anchor) if anchor in days and days.index(anchor) <= coming else coming
    span = None if end is None else length(start, end, zone)
    for rule in _rules(repeat, index, window):
        entry = _timed(_base(component, context), held[index], plus(held[index], span, zone))
        entry["repeat"] = rule
        event = _event(entry, zone)
        if event is None:
            continue
        ours = [instant(o.start, zone) for o in event.occurrences()]
        theirs = [instant(w, zone) for w in held[index : index + len(ours)]]
        last = rule.get("until")
        extra = [w for w in held[index + len(ours) :] if last is None or local_day(w) <= last]
        if ours != theirs or extra:
            continue
        _exceptions(entry, event, component, overrides, context)
        if _event(entry, zone) is None:
            return None
        entry["imported"] = {"uid": uid}
        return [Found((uid, None), entry, f"{entry['title']} (reeks vanaf {days[index]})")]
    return None


def _rules(repeat: dict[str, Any], index: int, window: Window) -> Iterator[dict[str, Any]]:
    """Yield the rules to try from the `index`-th time on: as the calendar ends it, then (an
    end further than our five years, or none) until the window's open end."""
    rule = dict(repeat)
    if "count" in rule:
        rule["count"] -= index
    if "count" in rule or "until" in rule:
        yield rule
    capped = {k: v for k, v in rule.items() if k not in ("count", "until")}
    until = repeat.get("until")
    yield {**capped, "until": min(until, window.open_end) if until else window.open_end}


def _event(entry: dict[str, Any], zone: ZoneInfo) -> Event | None:
    try:
        return Event.model_validate({"id": "x", **entry}, context={"zone": zone})
    except ValidationError:
        return None


def _exceptions(
    entry: dict[str, Any], event: Event, component: Any, overrides: list[Any], context: Context
) -> None:
    """Add the calendar's skipped (EXDATE), cancelled and moved times of the series."""
    zone = context.window.zone
    rule = {o.day: o for o in event.occurrences()}
    skipped = sorted({d for d in (_day(v, context) for v in values(component.get("EXDATE")))
                      if d in rule})  # fmt: skip
    cancelled, moved = [], []
    for override in sorted(overrides, key=lambda o: _day(o.decoded("RECURRENCE-ID"), context)):
        day = _day(override.decoded("RECURRENCE-ID"), context)
        if day not in rule or day in skipped or day in cancelled:
            continue
        if text.status(override) == "cancelled":
            cancelled.append(day)
            continue
        start, end = text.times(override, zone)
        place = text.location(override, context.wording)
        held = rule[day]
        same_place = place is None or place == entry.get("location")
        if instant(start, zone) == instant(held.start, zone) and end == held.end and same_place:
            continue
        move: dict[str, Any] = {"date": day, "start": text.when_text(start)}
        if end is not None:
            move["end"] = text.when_text(end)
        if not same_place:
            move["location"] = place
        moved.append(move)
    for key, value in (("except", skipped), ("cancelled", cancelled), ("moved", moved)):
        if value:
            entry[key] = value
