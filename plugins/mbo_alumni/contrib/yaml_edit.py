"""The round-trip edit of one entry in a data file: only the keys that change are written,
and comments, order, quoting and every other entry stay byte for byte as they were."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import SingleQuotedScalarString

from ..core.dates import WhenError, from_dutch, parse_when


class ChangeError(Exception):
    """The change cannot be applied to the data as it is (unknown id, a removed field)."""


def round_trip_editor() -> YAML:
    editor = YAML()  # round trip: comments, order and quotes kept
    editor.preserve_quotes = True
    editor.width = 4096  # never re-wrap a long line that was not changed
    return editor


def when_value(text: str) -> Any:
    """Return how the data files write a date (plain) or a time (quoted); Dutch notations
    ('9-11-2027') become the data's; a date that does not exist stays text, which the
    validator then names ('deze datum bestaat niet')."""
    text = from_dutch(text)
    try:
        return date.fromisoformat(text) if len(text) == 10 else SingleQuotedScalarString(text)
    except ValueError:
        return SingleQuotedScalarString(text)


def _kept_length(entry: dict[str, Any], changes: dict[str, Any], zone: Any) -> None:
    """A new start without a new end keeps the event's length (17:00-19:00 moved to the 9th
    is 17:00-19:00 on the 9th); an all-day event keeps its number of days."""
    if "start" not in changes or "end" in changes or entry.get("end") is None:
        return
    try:
        old_start = parse_when(str(entry["start"]), zone)
        old_end = parse_when(str(entry["end"]), zone)
        new_start = parse_when(str(changes["start"]), zone)
    except WhenError:
        return  # the model names the mistake in the new start
    if isinstance(old_start, datetime) != isinstance(new_start, datetime):
        return  # a timed event made all-day (or back): the end must be given anew
    new_end = new_start + (old_end - old_start)
    text = new_end.strftime("%Y-%m-%d %H:%M") if isinstance(new_end, datetime) else str(new_end)
    changes["end"] = when_value(text)


Tail = tuple[Any, Any, int] | None  # (comment items, key, slot) of the line after an entry


def _tail(node: Any) -> Tail:
    """Return where the round-trip editor keeps what follows an entry's last value (the
    blank line before the next entry): under the deepest last key or item."""
    if not isinstance(node, (CommentedMap, CommentedSeq)) or not len(node):
        return None
    last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    inner = _tail(node[last])
    if inner is not None:
        return inner
    slot = 2 if isinstance(node, CommentedMap) else 0
    return (node.ca.items, last, slot) if node.ca.items.get(last, [None] * 4)[slot] else None


def _deepest_last(node: Any) -> tuple[Any, Any, int]:
    last = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
    value = node[last]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        return _deepest_last(value)
    return node.ca.items, last, 2 if isinstance(node, CommentedMap) else 0


def _keep_tail(entry: Any, tail: Tail) -> None:
    """Move the blank line (and comments) after the entry to after its new last key: a key
    added at the end would otherwise come after them, inside the entry's layout (and
    `mbo-alumni sort --check` would fail)."""
    if tail is None:
        return
    items, key, slot = tail
    target_items, target_key, target_slot = _deepest_last(entry)
    if (target_items is items and target_key == key) or not items.get(key):
        return
    token = items[key][slot]
    items[key][slot] = None
    if not any(items[key]):
        del items[key]
    target_items.setdefault(target_key, [None] * 4)[target_slot] = token


def _remove(entry: Any, key: str) -> None:
    """Take a key out of an entry; the blank line (and comments) after the entry stay after it,
    also when they hung under the key taken out."""
    tail = _tail(entry) if list(entry)[-1] == key and len(entry) > 1 else None
    token = None
    if tail is not None:
        items, last, slot = tail
        token, items[last][slot] = items[last][slot], None
    del entry[key]
    if token is not None:
        target_items, target_key, target_slot = _deepest_last(entry)
        target_items.setdefault(target_key, [None] * 4)[target_slot] = token


def apply(
    text: str, ident: str, changes: dict[str, Any], zone: Any, remove: Sequence[str] = ()
) -> tuple[str, dict[str, Any]]:
    """Return the data file's text with the entry `ident` changed (and the keys in `remove`
    taken out), and its values before."""
    editor = round_trip_editor()
    entries = editor.load(text)
    entry = next((e for e in entries or [] if isinstance(e, dict) and e.get("id") == ident), None)
    if entry is None:
        raise ChangeError(ident)
    _kept_length(entry, changes, zone)
    before: dict[str, Any] = {key: entry[key] for key in remove if key in entry}
    for key in before:
        _remove(entry, key)
    tail = _tail(entry)
    for key, value in changes.items():
        head, _, rest = key.partition(".")
        target = entry
        if rest:
            if not isinstance(entry.get(head), dict):
                entry[head] = CommentedMap()
            target, key = entry[head], rest
        previous = target.get(key)
        before[f"{head}.{rest}" if rest else key] = previous
        if isinstance(value, SingleQuotedScalarString) and type(previous) is str:
            value = str(value)  # the file wrote this key unquoted: keep its style
        target[key] = value
    _keep_tail(entry, tail)
    out = io.StringIO()
    editor.dump(entries, out)
    return out.getvalue(), before
