"""YAML text -> plain values with the line and column of every node (stored by its path from
the root), built from PyYAML's event stream; syntax errors become Dutch messages through
`yaml_syntax`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.problems import DataError, Path_, Problem
from . import characters
from .characters import blanked, forbidden_in, forbidden_positions
from .reading import read_text
from .yaml_scalars import TRAPS, construct, surely_text
from .yaml_syntax import dutch_apostrophe, quote_message, syntax_message, unclosed_quote

try:  # The C loader is about four times faster than the pure-Python one.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 20  # lists and mappings inside each other; the data needs five


class _TooDeep(Exception):
    """The document nests deeper than MAX_DEPTH: building stops at once."""


# A position is packed into one int, `line << _BITS | column`, and a node's own position and
# its key's share one entry: `value | key << 2 * _BITS`. At 10,000 events a table of tuples
# held about 70 MiB while the file was checked; packed, the path tuples are most of it.
_BITS = 23  # 8,388,607: more lines and columns than a file within the 5 MB limit has
_MASK = (1 << _BITS) - 1
_ONE = (1 << 2 * _BITS) - 1


def _packed(line: int, column: int) -> int:
    return min(line, _MASK) << _BITS | min(column, _MASK)


def _unpacked(packed: int) -> tuple[int, int]:
    return packed >> _BITS, packed & _MASK


@dataclass
class Document:
    """Plain Python values of one YAML file, with the position of every node and key."""

    file: str
    value: Any = None
    positions: dict[Path_, int] = field(default_factory=dict)  # packed, see _packed
    scalars: dict[Path_, yaml.ScalarNode] = field(default_factory=dict)  # plain non-text
    problems: list[Problem] = field(default_factory=list)

    def at(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Return (line, column) of the deepest known node on `path` (with `key`: of the
        key that names it, where it has one)."""
        while path:
            packed = self.positions.get(path, 0)
            if key and packed >> 2 * _BITS:
                return _unpacked(packed >> 2 * _BITS)
            if packed & _ONE:
                return _unpacked(packed & _ONE)
            path = path[:-1]
        return _unpacked(self.positions.get((), 0) & _ONE) if () in self.positions else (1, 1)

    def key_at(self, path: Path_) -> tuple[int, int] | None:
        """Return where the key at the end of `path` stands, if it was read."""
        packed = self.positions.get(path, 0) >> 2 * _BITS
        return _unpacked(packed) if packed else None

    def problem(self, path: Path_, message: str, *, key: bool = False) -> None:
        line, column = self.at(path, key=key)
        self.problems.append(Problem(self.file, line, column, message))


def _position(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_SKIP = object()  # in a mapping frame: the next node is a value to drop (its key was refused)
_OPEN = object()  # a collection closed inside another: the root is not complete yet

_STANDARD_COLLECTIONS = (None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Frame:
    """A mapping or sequence being built; `key` is None while a key is expected."""

    __slots__ = ("value", "path", "key", "discard")

    def __init__(self, value: Any, path: Path_, discard: bool = False) -> None:
        self.value = value
        self.path = path
        self.key: Any = None
        self.discard = discard


class _Builder:
    """Turns PyYAML's event stream into plain values, recording the position of every node.

    Reading events directly (rather than composing a node tree first) halves the cost of
    loading, and an alias is refused at its own position instead of being expanded.
    """

    _resolver = yaml.resolver.Resolver()

    def __init__(self, document: Document) -> None:
        self.doc = document

    def build(self, text: str) -> Any:
        stack: list[_Frame] = []
        root: Any = []  # an empty file is an empty list
        documents = 0
        event: Any
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._problem(event, "één document per bestand: haal de regel '---' weg")
                    return None
                continue
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                closed = self._close(stack)
                if closed is not _OPEN:
                    root = closed
                continue
            if kind not in (
                yaml.ScalarEvent,
                yaml.MappingStartEvent,
                yaml.SequenceStartEvent,
                yaml.AliasEvent,
            ):
                continue  # stream and document ends
            parent = stack[-1] if stack else None
            if parent is not None and parent.discard:
                if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                    if len(stack) >= MAX_DEPTH:
                        raise _TooDeep
                    stack.append(_Frame(None, (), discard=True))
                continue
            if parent is not None and isinstance(parent.value, dict) and parent.key is None:
                self._key(event, parent, stack)
                continue
            if parent is not None and parent.key is _SKIP:
                if kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                    stack.append(_Frame(None, (), discard=True))
                else:
                    parent.key = None
                continue
            path = self._path_of(parent)
            self._record(path, event)
            if kind is yaml.AliasEvent:
                self._alias(event)
                value: Any = None
            elif kind is yaml.ScalarEvent:
                value = surely_text(event)
                if value is None:
                    value = self._scalar(self._node(event), path)
            else:
                if event.tag not in _STANDARD_COLLECTIONS:
                    self.doc.problem(path, f"onbekende YAML-tag '{event.tag}'; laat de tag weg")
                self._open(event, stack, path)
                continue
            if parent is None:
                root = value
            else:
                self._attach(parent, value)
        return root

    def _record(self, path: Path_, event: Any) -> None:
        """Keep where the node at `path` starts, beside where its key does."""
        positions = self.doc.positions
        positions[path] = positions.get(path, 0) | _packed(*_position(event))

    def _open(self, event: Any, stack: list[_Frame], path: Path_) -> None:
        """Start a mapping or a list, unless that nests deeper than any data does: then stop
        (the cost of reading grows with the depth, and nothing legitimate is that deep)."""
        if len(stack) >= MAX_DEPTH:
            self._problem(event, f"hier zitten meer dan {MAX_DEPTH} lijsten of groepen in "
                          "elkaar; zo diep gaat geen enkel gegeven: haal de extra haken [ ] "
                          "of { } weg")  # fmt: skip
            raise _TooDeep
        container: Any = {} if type(event) is yaml.MappingStartEvent else []
        stack.append(_Frame(container, path))

    def _close(self, stack: list[_Frame]) -> Any:
        """End the innermost collection; return it when it was the root, else _OPEN."""
        frame = stack.pop()
        if frame.discard:
            self._dropped(stack)
        elif stack:
            self._attach(stack[-1], frame.value)
        else:
            return frame.value
        return _OPEN

    def _alias(self, event: Any) -> None:
        """Refuse an alias where it stands: expanding it could blow up (billion laughs)."""
        self._problem(
            event,
            f"verwijzing *{event.anchor} wordt niet gebruikt in deze bestanden; "
            "schrijf de waarde voluit",
        )

    def _path_of(self, parent: _Frame | None) -> Path_:
        if parent is None:
            return ()
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        return (*parent.path, parent.key)

    def _attach(self, parent: _Frame, value: Any) -> None:
        if isinstance(parent.value, list):
            parent.value.append(value)
        else:
            parent.value[parent.key] = value
            parent.key = None

    def _dropped(self, stack: list[_Frame]) -> None:
        """A refused collection ended: a refused key drops its value next, a value just ends."""
        if stack and not stack[-1].discard and isinstance(stack[-1].value, dict):
            parent = stack[-1]
            parent.key = _SKIP if parent.key is None else None

    def _key(self, event: Any, parent: _Frame, stack: list[_Frame]) -> None:
        line, column = _position(event)
        if type(event) is not yaml.ScalarEvent:
            self.doc.problems.append(
                Problem(self.doc.file, line, column, "een sleutel moet een gewoon woord zijn")
            )
            if type(event) in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                stack.append(_Frame(None, (), discard=True))
            else:
                parent.key = _SKIP
            return
        if not (event.tag is None and event.value != "<<") and self._node(event).tag.endswith(
            ":merge"
        ):  # only '<<' resolves to a merge key, or an explicit tag
            self.doc.problems.append(
                Problem(self.doc.file, line, column, "een sleutel moet een gewoon woord zijn")
            )
            parent.key = _SKIP
            return
        key = str(event.value)
        if key in parent.value:
            first = self.doc.key_at((*parent.path, key)) or (line, column)
            self.doc.problems.append(
                Problem(
                    self.doc.file,
                    line,
                    column,
                    f"'{key}' staat twee keer in dit item (eerst op regel {first[0]}); "
                    "laat er één staan",
                )
            )
            parent.key = _SKIP
            return
        self.doc.positions[(*parent.path, key)] = _packed(line, column) << 2 * _BITS
        parent.key = key

    def _node(self, event: Any) -> yaml.ScalarNode:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self._resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)

    def _problem(self, event: Any, message: str) -> None:
        self.doc.problems.append(Problem(self.doc.file, *_position(event), message))

    def _scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        tag = node.tag
        if not node.style and tag in TRAPS:  # kept for messages.py's hints, only these
            self.doc.scalars[path] = node
        if tag == "tag:yaml.org,2002:timestamp":
            # Dates stay text: the model parses them, so every notation has one code path.
            return node.value
        if tag == "tag:yaml.org,2002:str" and forbidden_in(node.value):
            # Written as an escape ("\f", "\u202e"): the scan of the raw text cannot see it.
            self.doc.problem(path, characters.message(forbidden_in(node.value) or ""))
            return None
        if tag.startswith("tag:yaml.org,2002:") and tag.rsplit(":", 1)[1] in (
            "str",
            "int",
            "float",
            "bool",
            "null",
        ):
            return construct(node, deep=True)
        self.doc.problem(path, f"onbekende YAML-tag '{tag}'; laat de tag weg")
        return None


def compose_document(text: str, file: str) -> Document:
    """Return the plain values of a YAML text with the position of every node."""
    document = Document(file)
    for line, column, character in forbidden_positions(text):
        document.problems.append(Problem(file, line, column, characters.message(character)))
    if document.problems:  # the parser would refuse them at 1:1, or count lines wrongly
        text = blanked(text)
    try:
        value = _Builder(document).build(text)
    except _TooDeep:
        return document
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if unclosed_quote(error):
            mark = error.context_mark  # where the quote opened, not where PyYAML gave up
        apostrophe = dutch_apostrophe(text, mark.line if mark else len(text))
        if apostrophe is not None:  # 's-Hertogenbosch opened a quote that closed elsewhere
            line, column = apostrophe[0] + 1, apostrophe[1] + 1
            message = quote_message(text, *apostrophe)
        else:
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            message = syntax_message(error, text, mark)
        document.problems.append(Problem(file, line, column, message))
        return document
    except yaml.YAMLError as error:  # pragma: no cover - unmarked errors are rare
        document.problems.append(Problem(file, 1, 1, f"dit is geen geldige YAML: {error}"))
        return document
    document.value = [] if value is None and not document.problems else value
    return document


def read_document(path: Path) -> Document:
    """Return the composed file, or a document holding the reasons it cannot be read."""
    try:
        return compose_document(read_text(path), str(path))
    except DataError as error:
        return Document(str(path), problems=list(error.problems))
