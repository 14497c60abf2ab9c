"""The package's own Jinja environment, for HTML made outside any page (embeds, feed entries).

Autoescaped, loading the same templates/ folder the MkDocs theme uses, so every piece of HTML
the plugin writes lives in a template; it needs no MkDocs.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).parent.parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: Any) -> str:
    """Return a template of templates/ rendered with `context`."""
    return environment().get_template(template).render(**context)
