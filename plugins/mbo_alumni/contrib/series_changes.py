"""A change form on a series -> the keys that change it without touching its past.

The change form asks which time it is about (`occurrence`, a date the rule gives) and for what
(`scope`): this one time, every time from it on, the whole series, or the series stops after
it. What the volunteer filled in then becomes, for a series:

- this time cancelled: its date in `cancelled`; at another time or place: an entry in `moved`;
- from this time on at another clock time or place: an entry in `changes` (cancelled from it on:
  the series stops, its later times shown as cancelled);
- the series stops after a time: `repeat.until` that day, the later times gone (or, with
  "afgelasten", kept and shown cancelled);
- the whole series: as before for a series that has not begun; once a time has been held, a new
  time or place counts from the next time on, and "afgelasten" cancels only the coming times.

A time that was already held is never changed. From a time on on another day (a Wednesday for
a Tuesday) is a new series: the old one stops before it, and the new one, with its own id and
UID, takes the rest by the new day's rule.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..core import wording
from ..core.dates import WhenError, from_dutch, is_past, parse_when
from ..core.settings import Settings
from ..source.columns import record
from ..source.model import Event
from ..source.recurrence import WEEKDAYS, Occurrence
from .issue_form import NO_RESPONSE
from .yaml_edit import when_value

# The form's `scope` answers, and what they stand for.
SCOPE_CHOICES = {
    "deze keer": "one",
    "vanaf deze keer": "from",
    "de hele reeks": "all",
    "de reeks stopt": "end",
}
SCHEDULE = ("start", "end")
PLACE = ("location.name", "location.address", "location.city", "location.url")


def scope_of(answer: str, occurrence: str) -> str:
    """Return one, from, all or end: the form's answer in any case; without one, a named
    occurrence means that one time, none the whole series."""
    word = answer.strip().casefold().rstrip(".!")
    return SCOPE_CHOICES.get(word, "one" if occurrence.strip() else "all")


def series_changes(
    event: Event,
    answers: dict[str, str],
    changes: dict[str, Any],
    settings: Settings,
    today: date,
) -> tuple[dict[str, Any], str] | list[str]:
    """Return (the keys to write, the change in Dutch for the pull request) of a change form
    on a series, or the Dutch messages why it cannot be made."""
    answers = {k: "" if v.strip() == NO_RESPONSE else v for k, v in answers.items()}
    scope = scope_of(answers.get("scope", ""), answers.get("occurrence", ""))
    words = settings.words()
    times = event.occurrences()
    coming = [o for o in times if not is_past(o.start, o.end, today)]
    held = len(times) - len(coming)
    if scope == "all" and not held:
        return changes, ""  # nothing held yet: the series itself changes
    if scope == "all" and not any(k in changes for k in (*SCHEDULE, *PLACE, "status")):
        return changes, ""  # a title, a text, a link: the series as a whole
    if scope == "all":
        if not coming:
            return ["Deze reeks is helemaal geweest; aan de keren die al waren verandert niets."]
        scope, chosen = ("from", coming[0])
    else:
        found = _chosen(answers.get("occurrence", ""), times, coming)
        if isinstance(found, str):
            return [found]
        chosen = found
    cancel = changes.pop("status", None) == "cancelled"
    timing = {k: changes.pop(k) for k in SCHEDULE if k in changes}
    place = {k.partition(".")[2]: changes.pop(k) for k in PLACE if k in changes}
    day = wording.day(chosen.day, words)
    past = f"De {held} keer{'en' if held != 1 else ''} die al geweest zijn, blijven zoals ze waren."
    if scope == "one":
        if cancel:
            changes["cancelled"] = _days({*event.cancelled, chosen.day})
            return changes, f"- De keer van {day} gaat niet door (afgelast).\n- {past}"
        if not timing and not place:
            return [f"Zeg wat er verandert aan de keer van {day}: een nieuw begin of een plek."]
        changes["moved"] = _moves(event, chosen, timing, place, settings.zone)
        return changes, f"- De keer van {day} is verplaatst.\n- {past}"
    if scope == "from" and cancel:
        return _cancelled_from(event, chosen, True, changes, day, past)
    if scope == "end":
        if cancel:
            return _cancelled_from(event, chosen, False, changes, day, past)
        return _ended(event, chosen.day, changes, day, past)
    return _from(event, chosen, timing, place, changes, day, past)


def _chosen(raw: str, times: list[Occurrence], coming: list[Occurrence]) -> Occurrence | str:
    text = from_dutch(raw.strip())
    try:
        wanted = date.fromisoformat(text)
    except ValueError:
        return f"Veld 'Welke keer van de reeks?': '{raw}' is geen datum; schrijf zoals 2027-01-05."
    found = next((o for o in times if o.day == wanted), None)
    if found is None:
        near = ", ".join(str(o.day) for o in coming[:3]) or "geen"
        return f"Op {wanted} is er geen keer van deze reeks. De volgende keren zijn: {near}."
    if found not in coming:
        return (
            f"De keer van {wanted} is al geweest. Die blijft zoals ze was: kies een keer die "
            "nog komt."
        )
    return found


def _days(days: Any) -> CommentedSeq:
    """A list of dates as the guide writes it: [2027-03-02, 2027-04-06]."""
    found = CommentedSeq(sorted(days))
    found.fa.set_flow_style()
    return found


def _flow(**values: Any) -> CommentedMap:
    mapping = CommentedMap((k, v) for k, v in values.items() if v is not None)
    mapping.fa.set_flow_style()
    return mapping


def _moves(event: Event, o: Occurrence, timing: dict[str, Any], place: dict[str, Any],
           zone: Any) -> Any:  # fmt: skip
    start, end = timing.get("start") or _local(o.start), timing.get("end")
    if end is None and o.end is not None:
        end = _local(o.end)
        if "start" in timing:  # a new start alone: as long as before
            try:
                moved = parse_when(str(start), zone)
            except WhenError:
                moved = None  # the model names the mistake in the new start
            if isinstance(moved, datetime) and isinstance(o.start, datetime):
                end = _local((moved.astimezone(UTC) + (o.end - o.start)).astimezone(zone))
            elif moved is not None and not isinstance(moved, datetime):
                end = moved + (o.end - o.start)
    move = _flow(date=o.day, start=start, end=end, location=_flow(**place) if place else None)
    found = CommentedSeq([_in_data(m) for m in event.moved if m.day != o.day])
    found.append(move)
    return found


def _local(value: Any) -> Any:
    """A time as the data files write it: '2027-01-06 20:00', quoted; a date plain."""
    return when_value(value.strftime("%Y-%m-%d %H:%M")) if isinstance(value, datetime) else value


Outcome = tuple[dict[str, Any], str] | list[str]  # the keys and the text, or the messages


def _from(event: Event, o: Occurrence, timing: dict[str, Any], place: dict[str, Any],
          changes: dict[str, Any], day: str, past: str) -> Outcome:  # fmt: skip
    clocks: dict[str, Any] = {}
    if "start" in timing and str(timing["start"])[:10] != o.day.isoformat():
        return _split(event, o, timing, place, changes, day, past)  # another day: a new rule
    for key, value in timing.items():
        text = str(value)
        if len(text) < 16:
            return [
                f"Vanaf een keer verandert de tijd, zoals {o.day} 19:30, of de plek; een "
                "reeks van hele dagen verandert alleen van plek."
            ]
        clocks[key] = SingleQuotedScalarString(text[11:16])  # YAML 1.1 reads 19:30 as 1170
    if not clocks and not place:
        return [f"Zeg wat er vanaf {day} verandert: een nieuwe tijd of een nieuwe plek."]
    new = _flow(**{"from": o.day}, **clocks, location=_flow(**place) if place else None)
    kept = [c for c in event.changes if c.since != o.day]
    found = CommentedSeq([_in_data(c) for c in kept])
    found.append(new)
    changes["changes"] = found
    return changes, f"- Vanaf {day} is elke keer op een nieuwe tijd of plek.\n- {past}"


NEW_SERIES = "new series"  # the key under which a split hands intake the series to append


def _split(event: Event, o: Occurrence, timing: dict[str, Any], place: dict[str, Any],
           changes: dict[str, Any], day: str, past: str) -> Outcome:  # fmt: skip
    """From `o` on on another day (a Wednesday, not the Tuesday): the series stops before it
    and a new one, with its own id and UID, holds the rest by the new day's rule."""
    rule = event.repeat
    assert rule is not None
    try:
        first = date.fromisoformat(str(timing["start"])[:10])
    except ValueError:
        return [f"Veld 'Nieuw begin': '{timing['start']}' is geen datum met tijd."]
    days = [t.day for t in event.occurrences()]
    before = [d for d in days if d < o.day]
    values = rule.model_dump(exclude_none=True)
    if rule.weekday is not None:
        values["weekday"] = WEEKDAYS[first.weekday()]
    if rule.week is not None:
        nth = (first.day - 1) // 7 + 1
        values["week"] = -1 if rule.week == -1 or nth == 5 else nth
    if rule.count is not None:
        values["count"] = rule.count - len(before)
    if rule.until is not None:  # the last time moves with the others (a Wednesday later)
        values["until"] = rule.until + (first - o.day)
    start = timing["start"]
    end = timing.get("end")
    if end is None and o.end is not None and isinstance(o.start, datetime):
        end = _local(datetime.fromisoformat(str(start)).replace(tzinfo=o.start.tzinfo)
                     + (o.end - o.start))  # fmt: skip
    base = event.model_dump(by_alias=True, exclude_none=True, exclude=_NOT_COPIED)
    location = {**(event.location.model_dump(exclude_none=True) if event.location else {}),
                **place} or None  # fmt: skip
    new = {**base, "id": f"{event.id}-vanaf-{first.isoformat()}", "start": str(start),
           "end": str(end) if end is not None else None,
           "location": location, "repeat": values}  # fmt: skip
    changes[NEW_SERIES] = {k: v for k, v in new.items() if v not in (None, [], False)}
    if not before:  # nothing before it: the series itself begins on the other day
        del changes[NEW_SERIES]
        changes.update(start=start, end=end, repeat=_flow(**values))
        return changes, f"- De reeks begint op een andere dag: {day} wordt verzet.\n- {past}"
    ended, _ = _ended(event, before[-1], changes, day, past)
    moved_to = f"een nieuwe reeks ({new['id']}) neemt de keren over; de oude stopt ervoor"
    return ended, f"- Vanaf {day} komt de reeks op een andere dag: {moved_to}.\n- {past}"


_NOT_COPIED = {"id", "start", "end", "location", "repeat", "except", "cancelled", "moved",
               "changes", "announced", "sequence"}  # fmt: skip


def _in_data(entry: Any) -> CommentedMap:
    """A moved time or a change as the data file writes it (source.columns.record, which the
    spreadsheet writes too): its days as dates, its times quoted, on one line."""
    found: dict[str, Any] = record(entry.model_dump(by_alias=True))
    for key in ("date", "from"):
        if key in found:
            found[key] = date.fromisoformat(found[key])
    for key in ("start", "end"):
        if key in found:
            found[key] = when_value(found[key])  # YAML 1.1 would read 19:30 as 1170
    if "location" in found:
        found["location"] = _flow(**found["location"])
    return _flow(**found)


def _cancelled_from(event: Event, o: Occurrence, including: bool, changes: dict[str, Any],
                    day: str, past: str) -> tuple[dict[str, Any], str]:  # fmt: skip
    """Every time after `o` (and `o` itself when `including`) shown as cancelled."""
    gone = {t.day for t in event.occurrences() if t.day > o.day or (including and t == o)}
    changes["cancelled"] = _days({*event.cancelled, *gone})
    if any(m.day in gone for m in event.moved):  # a cancelled time is not also moved
        changes["moved"] = CommentedSeq(_in_data(m) for m in event.moved if m.day not in gone)
    first = "vanaf" if including else "na"
    return changes, f"- De keren {first} {day} gaan niet door (afgelast).\n- {past}"


def _ended(event: Event, last: date, changes: dict[str, Any], day: str,
           past: str) -> tuple[dict[str, Any], str]:  # fmt: skip
    """The series stops after the day `last`: `until` it, and what named a later time gone."""
    rule = event.repeat
    assert rule is not None
    values = rule.model_dump(exclude_none=True)
    values.pop("count", None)
    if values.get("interval") == 1:
        values.pop("interval")
    changes["repeat"] = _flow(**{**values, "until": last})
    if any(d > last for d in event.cancelled):
        changes["cancelled"] = _days(d for d in event.cancelled if d <= last)
    if any(d > last for d in event.except_):
        changes["except"] = _days(d for d in event.except_ if d <= last)
    if any(m.day > last for m in event.moved):
        changes["moved"] = CommentedSeq(_in_data(m) for m in event.moved if m.day <= last)
    if any(c.since > last for c in event.changes):
        changes["changes"] = CommentedSeq(_in_data(c) for c in event.changes if c.since <= last)
    return changes, f"- De reeks stopt na {day}; de keren daarna vervallen.\n- {past}"


# The keys a change of a series' times writes; any other key (a title, a description, a link)
# is shown on the times already held too.
TIME_KEYS = {"cancelled", "except", "moved", "changes", "repeat", "announced", "sequence"}


def touches_past(entry: Any, changes: dict[str, Any], today: date) -> bool:
    """Return whether the change alters what a time already held shows: then a maintainer
    looks at it, even when an editor of the association asked for it."""
    if not isinstance(entry, Event) or entry.repeat is None:
        return False
    held = any(is_past(o.start, o.end, today) for o in entry.occurrences())
    return held and bool(set(changes) - TIME_KEYS)
