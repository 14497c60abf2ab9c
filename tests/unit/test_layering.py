"""The package's shape: sub-packages whose imports run one way, and only the adapter knows MkDocs.

core <- source <- {outputs, contrib} <- pages <- {plugin, config, cli}
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "mbo_alumni"
# The rank of each layer: a module may import only from its own layer or lower ones.
# outputs and contrib share a rank but may not import each other.
LAYERS = {"core": 0, "source": 1, "outputs": 2, "contrib": 2, "pages": 3, "": 4}
ADAPTER = {"plugin", "config", "site_files"}  # the only modules that may import MkDocs


def _modules() -> dict[str, Path]:
    """Return every module of the package by dotted name below mbo_alumni ('core.dates')."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def _layer(module: str) -> str:
    head = module.split(".")[0]
    return head if head in LAYERS and "." in module else ""


def _imports(module: str, path: Path) -> set[str]:
    """Return the package's modules that `module` imports (relative or absolute)."""
    package = module.split(".")[:-1] if not module.endswith("__init__") else module.split(".")[:-1]
    known = _modules()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[: len(package) - node.level + 1]
        elif node.module and node.module.split(".")[0] == "mbo_alumni":
            base = []
        else:
            continue
        named = (node.module or "").split(".") if node.module else []
        if not node.level:
            named = named[1:]
        target = [*base, *named]
        for alias in node.names:
            candidate = ".".join([*target, alias.name])
            if candidate in known:
                found.add(candidate)
            elif ".".join(target) in known:
                found.add(".".join(target))
            elif ".".join([*target, "__init__"]) in known:
                found.add(".".join([*target, "__init__"]))
    found.discard(module)
    return found


def test_the_layout_checker_sees_real_imports() -> None:
    graph = {m: _imports(m, p) for m, p in _modules().items()}
    assert "core.problems" in graph["source.load"]
    assert "source.model" in graph["outputs.calendars"]
    assert len(graph) >= 30


def test_imports_run_one_way() -> None:
    wrong = []
    for module, path in _modules().items():
        for target in _imports(module, path):
            mine, theirs = _layer(module), _layer(target)
            if LAYERS[theirs] > LAYERS[mine] or (LAYERS[theirs] == LAYERS[mine] and mine != theirs):
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = {m: _imports(m, p) for m, p in _modules().items()}
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycle = trail[trail.index(target) :] + [target] if target in trail else [target]
                raise AssertionError(" -> ".join(cycle))
            if target not in state:
                visit(target, [*trail, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_only_the_adapter_imports_mkdocs() -> None:
    # A meta-path finder that refuses mkdocs proves no other module imports it, even indirectly.
    others = [m for m in _modules() if m not in ADAPTER and not m.endswith("__init__")]
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('mkdocs', 'material'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        + "".join(f"import mbo_alumni.{name}\n" for name in others)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert len(others) >= 30
    for name in others:
        source = _modules()[name].read_text(encoding="utf-8")
        assert "import mkdocs" not in source and "from mkdocs" not in source, name


def test_every_sub_package_says_what_it_holds() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 80, init


def test_entry_points_are_registered() -> None:
    from importlib.metadata import entry_points

    for group in ("mkdocs.plugins", "properdocs.plugins"):
        (point,) = [p for p in entry_points(group=group) if p.name == "mbo-alumni"]
        assert point.value == "mbo_alumni.plugin:MboAlumniPlugin"
    assert Path(sys.executable).with_name("mbo-alumni").exists()


def test_small_modules_and_a_thin_plugin() -> None:
    assert len((PACKAGE / "plugin.py").read_text(encoding="utf-8").splitlines()) < 200
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 350, path.name
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 60, (path.name, node.name, length)


def test_no_module_shadows_the_standard_library() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert path.stem not in sys.stdlib_module_names, path
