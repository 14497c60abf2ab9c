"""The text the plugin writes itself, from one catalogue: `wording/nl.yaml`, which a site can
override key by key (the plugin's `wording` option). No generated sentence lives in Python."""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .hints import did_you_mean

CATALOGUE = Path(__file__).parent / "wording" / "nl.yaml"


class WordingError(ValueError):
    """A site's wording file that cannot be used; the message says what to change."""


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Wording:
    """A catalogue of texts by key; `words('calendar.name', name='X')` fills one in."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = dict(texts)

    @property
    def locale(self) -> str:
        return self.texts["locale"]

    def __call__(self, key: str, **fields: Any) -> str:
        return self.texts[key].format_map(fields)

    def replaced(self, overrides: object, source: str) -> Wording:
        """Return this catalogue with a site's texts in place of ours.

        Every key must be one of ours, every value a text that uses no field ours lacks.
        """
        if overrides is None:
            return self
        if not isinstance(overrides, dict):
            raise WordingError(f"{source}: verwacht 'sleutel: tekst'-regels")
        texts = dict(self.texts)
        for key, value in overrides.items():
            if key not in self.texts:
                hint = did_you_mean(
                    str(key), list(self.texts), "zie de sleutels in wording/nl.yaml"
                )
                raise WordingError(f"{source}: onbekende sleutel '{key}'; {hint}")
            if not isinstance(value, str):
                raise WordingError(f"{source}: '{key}' moet een tekst zijn")
            try:
                extra = _fields(value) - _fields(self.texts[key])
            except ValueError as error:
                raise WordingError(f"{source}: '{key}': {error}") from None
            if extra:
                allowed = ", ".join(f"{{{f}}}" for f in sorted(_fields(self.texts[key])))
                raise WordingError(
                    f"{source}: '{key}' gebruikt {{{sorted(extra)[0]}}}; "
                    f"hier kan: {allowed or 'geen velden'}"
                )
            texts[key] = value
        return Wording(texts)


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
