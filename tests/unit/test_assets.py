"""Every asset the package ships is registered by name as what it is: a stylesheet as a
stylesheet, a script as a script (sorted by file name, a new print stylesheet would have been
registered as a script)."""

from __future__ import annotations

from mbo_alumni import config, plugin


def test_every_shipped_asset_is_named_once_by_its_kind() -> None:
    shipped = {f"assets/{p.name}" for p in (plugin.PACKAGE / "assets").iterdir()}
    assert set(config.ASSETS) == shipped and len(config.ASSETS) == len(shipped)
    assert all(a.endswith(".css") for a in config.STYLESHEETS)
    assert all(a.endswith(".js") for a in (*config.SCRIPTS, *config.PAGE_SCRIPTS))
