"""The web package's imports: at the top of each module, and without a cycle (a cycle is what
made imports inside functions necessary; docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "src" / "supple" / "web"
#: Imports inside functions on purpose, each with its reason in the module.
LAZY = {("supple.web.charts", "pygal"), ("supple.web.charts", "pygal.style")}


def _modules() -> dict[str, ast.Module]:
    out = {}
    for path in sorted(WEB.rglob("*.py")):
        parts = path.relative_to(WEB.parent.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = ast.parse(path.read_text())
    return out


def _top_level_targets(name: str, tree: ast.Module, known: set[str]) -> set[str]:
    """The supple.web modules this module loads when it is imported (with their packages)."""
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports never run
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for t in targets:
            while t:  # a module's import loads its packages first
                if t in known and t != name:
                    found.add(t)
                t = t.rpartition(".")[0]
    return found


def test_no_import_inside_a_function_but_the_deliberate_lazy_ones():
    for name, tree in _modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for sub in ast.walk(node):
                    if isinstance(sub, ast.Import | ast.ImportFrom):
                        mods = (
                            [a.name for a in sub.names]
                            if isinstance(sub, ast.Import)
                            else [sub.module]
                        )
                        for mod in mods:
                            assert (name, mod) in LAZY, f"{name}: import of {mod} in {node.name}()"


def test_the_web_package_has_no_import_cycle():
    modules = _modules()
    graph = {n: _top_level_targets(n, t, set(modules)) for n, t in modules.items()}
    # A package's own __init__ importing its submodules is how a package is built, not a
    # cycle: drop the edge from a submodule up to its own package.
    graph = {n: {t for t in ts if not n.startswith(t + ".")} for n, ts in graph.items()}
    state: dict[str, int] = {}

    def visit(n: str, path: list[str]) -> None:
        state[n] = 1
        for t in sorted(graph[n]):
            if state.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*path, n, t]))
            if t not in state:
                visit(t, [*path, n])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [])
