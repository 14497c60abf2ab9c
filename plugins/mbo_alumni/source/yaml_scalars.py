"""How YAML 1.1 reads one scalar: text most of the time, and the values that surprise a
volunteer (yes -> true, 1:30 -> 90), which the messages explain from the scalar's source."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .characters import forbidden_in

BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}

SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$")

# The first characters of the plain scalars YAML may read as something other than text
# (true, null, 12, 1.5, <<, =): a plain scalar that starts otherwise is text.
_NOT_ALWAYS_TEXT = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)


def surely_text(event: Any) -> str | None:
    """Return the value of a scalar that is surely text without forbidden characters (most of
    them: building a node and resolving its tag costs more than the rest of reading it), or
    None when the reader must build its node and resolve its tag."""
    value: str = event.value
    # Only a double-quoted scalar's escapes can make a character the scan of the raw text
    # (yaml_positions.compose_document) did not see.
    if event.tag is None and (event.style != '"' or not forbidden_in(value)):
        if not event.implicit[0]:  # quoted, or a block: text (as PyYAML's resolver decides)
            return value
        if value and value[0] not in _NOT_ALWAYS_TEXT:
            return value
    return None


# Unquoted scalars YAML reads as something other than text: a message about one of them may
# need its source (yes -> true, 1:30 -> 90). Plain text, dates and quoted scalars never do.
TRAPS = frozenset(f"tag:yaml.org,2002:{kind}" for kind in ("int", "float", "bool", "null"))


def construct(node: yaml.Node, *, deep: bool = False) -> Any:
    """Return the Python value of one node, as YAML 1.1 reads it.

    The constructor remembers every node it built; it is emptied after each call, so nothing
    grows from one load to the next (mkdocs serve loads again on every change).
    """
    try:
        return _CONSTRUCTOR.construct_object(node, deep=deep)
    finally:
        _CONSTRUCTOR.constructed_objects.clear()
        _CONSTRUCTOR.recursive_objects.clear()


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
