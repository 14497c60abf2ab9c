"""A project's settings for the command line without a mkdocs.yml: the plugin's defaults for a
data folder. With one, the adapter (`config.project_settings`) has MkDocs itself load it, so
every command reads what `mkdocs build` reads (INHERIT and !ENV included).
"""

from __future__ import annotations

from pathlib import Path

from ..core.settings import Settings


class ProjectError(Exception):
    """The MkDocs configuration cannot be read, or its mbo-alumni options are wrong."""


def plain_project(data_dir: Path) -> Settings:
    """Return the plugin's defaults for a data folder, with the docs folder beside it."""
    return Settings(root=data_dir.parent, data_dir=data_dir.name, docs_dir="docs")
