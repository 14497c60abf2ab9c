"""Only plugin.py may know MkDocs: the core must serve another generator later."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

CORE = sorted(
    p.stem
    for p in (ROOT / "plugins" / "mbo_alumni").glob("*.py")
    if p.stem not in ("plugin", "__init__")
)


def test_core_imports_without_mkdocs() -> None:
    # A meta-path finder that refuses mkdocs proves no core module imports it, even indirectly.
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('mkdocs', 'material'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        + "".join(f"import mbo_alumni.{name}\n" for name in CORE)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(CORE) >= 6


def test_only_plugin_mentions_mkdocs() -> None:
    for name in CORE:
        source = (ROOT / "plugins" / "mbo_alumni" / f"{name}.py").read_text(encoding="utf-8")
        assert "import mkdocs" not in source and "from mkdocs" not in source, name


def test_entry_points_are_registered() -> None:
    from importlib.metadata import entry_points

    for group in ("mkdocs.plugins", "properdocs.plugins"):
        (point,) = [p for p in entry_points(group=group) if p.name == "mbo-alumni"]
        assert point.value == "mbo_alumni.plugin:MboAlumniPlugin"
    assert Path(sys.executable).with_name("mbo-alumni").exists()


def test_no_module_over_400_lines_nor_function_over_60() -> None:
    import ast

    package = Path(__file__).resolve().parent.parent / "plugins" / "mbo_alumni"
    for path in sorted(package.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 400, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 60, (path.name, node.name, length)
