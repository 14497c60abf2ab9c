"""`mbo-alumni outputs SITE_DIR`: the files beside the pages for a site another engine built
(Zensical has no plugin API). The same project is built with the plugin, and its files are
written by the command into an empty folder: every calendar, news feed, open data file and
embed is there, byte for byte the same."""

from __future__ import annotations

from pathlib import Path

from conftest import ASSOCIATIONS, EVENTS, built_mini_site, cli, mini_project, mkdocs_build


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_command_writes_what_the_plugin_writes(tmp_path: Path) -> None:
    tree = {"data/associations.yaml": ASSOCIATIONS, "data/events.yaml": EVENTS}
    site = built_mini_site(tmp_path / "plugin", tree)
    root = mini_project(tmp_path / "other")(tree)
    other = tmp_path / "elsewhere"
    result = cli("outputs", str(other), "--config", str(root / "mkdocs.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    written = files(other)
    assert len(written) > 20, sorted(written)
    kinds = {Path(name).suffix for name in written}
    assert {".ics", ".xml", ".json", ".csv", ".jsonld", ".html"} <= kinds
    built = files(site)
    for name, content in written.items():
        assert built.get(name) == content, name  # byte for byte the plugin's file
    # Everything the plugin writes beside the pages is among them, but the articles' feeds
    # (made from rendered articles: only a build has those).
    beside = {n for n in built if n.endswith((".ics", ".csv", ".jsonld"))}
    assert beside <= set(written)


def test_bad_data_writes_nothing(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "bad")({"data/events.yaml": "- id: x\n  title: X\n"})
    result = cli("outputs", str(tmp_path / "out"), "--config", str(root / "mkdocs.yml"))
    assert result.returncode == 1 and "error" in result.stdout + result.stderr
    assert not (tmp_path / "out").exists()
    assert mkdocs_build(root).returncode != 0  # as the plugin refuses it
