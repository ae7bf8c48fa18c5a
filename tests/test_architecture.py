"""Habits the layout promises: a pure domain, a fast `--help`, documented commands and settings."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DOMAIN = SRC / "supple" / "domain"
ALLOWED = {"__future__", "pydantic", "supple"} | set(sys.stdlib_module_names)
#: The I/O frameworks supple uses around the domain, named so a failure says what came in and
#: so they stay out even if ALLOWED ever grows.
IO_FRAMEWORKS = {
    "sqlalchemy",
    "alembic",
    "psycopg",
    "psycopg2",
    "fastapi",
    "starlette",
    "uvicorn",
    "httpx",
    "requests",
    "jinja2",
    "typer",
    "click",
    "rich",
    "playwright",
}
IO_STDLIB = {
    "os",
    "io",
    "socket",
    "subprocess",
    "sqlite3",
    "pathlib",
    "shutil",
    "tempfile",
    "glob",
    "http",
    "urllib",
    "asyncio",
    "threading",
    "multiprocessing",
    "concurrent",
    "select",
    "selectors",
    "signal",
    "ssl",
    "gettext",
    "logging",
}


def _module_of(path: Path, src: Path) -> tuple[str, str]:
    """The dotted name of a module file under `src`, and the package its relative imports
    start from."""
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
        return ".".join(parts), ".".join(parts)
    return ".".join(parts), ".".join(parts[:-1])


def _imported_names(path: Path, src: Path) -> Iterator[str]:
    """Every module a file imports, as an absolute dotted name: `import x`, `from x import y`,
    relative imports resolved against its package, and `importlib.import_module("x")` or
    `__import__("x")` with a literal name, wherever they appear (inside functions too)."""
    _, package = _module_of(path, src)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                yield node.module or ""
                continue
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            if node.module:
                yield f"{base}.{node.module}"
            else:  # `from .. import store`: each name may be a module
                yield from (f"{base}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Call) and node.args:
            func, arg = node.func, node.args[0]
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"import_module", "__import__"} and isinstance(arg, ast.Constant):
                yield str(arg.value)


def impurities(package: Path, src: Path = SRC) -> list[str]:
    """What makes the package under `package` impure, walking every module in it and in its
    subpackages: imports of anything but the standard library, pydantic and itself, of an
    I/O framework, or of a standard module that does I/O."""
    own = _module_of(package / "__init__.py", src)[0]
    found = []
    for path in sorted(package.rglob("*.py")):
        where = path.relative_to(src)
        for name in _imported_names(path, src):
            top = name.split(".")[0]
            if top in IO_FRAMEWORKS:
                found.append(f"{where} imports the I/O framework {name}")
            elif top in IO_STDLIB:
                found.append(f"{where} imports the I/O module {name}")
            elif top not in ALLOWED:
                found.append(f"{where} imports {name}, which is not stdlib or pydantic")
            elif top == "supple" and name != own and not name.startswith(own + "."):
                found.append(f"{where} imports {name}, outside {own}")
    return found


def test_domain_imports_only_stdlib_and_pydantic_and_no_io():
    modules = list(DOMAIN.rglob("*.py"))
    assert len(modules) > 15  # the walk found the package
    found = impurities(DOMAIN)
    assert not found, "\n".join(found)


def test_the_purity_check_finds_io_in_any_module_of_any_subpackage(tmp_path):
    domain = tmp_path / "supple" / "domain"
    deep = domain / "charts" / "deeper"
    deep.mkdir(parents=True)
    for package in (domain, domain / "charts", deep):
        (package / "__init__.py").write_text("from __future__ import annotations\n")
    (domain / "fine.py").write_text(
        "import json\nfrom pydantic import BaseModel\nfrom supple.domain.charts import deeper\n"
    )
    (deep / "bars.py").write_text(
        "from datetime import date\n"
        "from . import axes\n"  # a sibling inside the domain: fine
        "def draw():\n"
        "    import sqlalchemy\n"  # hidden in a function
        "    from rich.console import Console\n"
        "    from ....store import repositories\n"
        "    from pathlib import Path\n"
        "    importlib.import_module('httpx')\n"
    )
    (domain / "charts" / "wording.py").write_text("from supple.wording import ngettext\n")
    assert impurities(domain, tmp_path) == [
        "supple/domain/charts/deeper/bars.py imports the I/O framework sqlalchemy",
        "supple/domain/charts/deeper/bars.py imports the I/O framework rich.console",
        "supple/domain/charts/deeper/bars.py imports supple.store, outside supple.domain",
        "supple/domain/charts/deeper/bars.py imports the I/O module pathlib",
        "supple/domain/charts/deeper/bars.py imports the I/O framework httpx",
        "supple/domain/charts/wording.py imports supple.wording, outside supple.domain",
    ]


def _run(args: list[str], home: Path, code: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code] if code else [sys.executable, "-m", "supple", *args],
        capture_output=True,
        text=True,
        env={"SUPPLE_HOME": str(home), "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        timeout=60,
    )


def _modules_after(args: list[str], home: Path) -> tuple[set[str], str]:
    """The modules loaded by `supple ARGS`, and what it printed."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['supple', *{args!r}]\n"
        "try:\n    runpy.run_module('supple', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = _run(args, home, code)
    return set(proc.stderr.split()), proc.stdout


FAST = (["--help"], ["catalog"], ["catalog", "show", "cat-cow"], ["learn"])
HEAVY = ("sqlalchemy", "fastapi", "alembic")


def _heavy(mods: set[str]) -> set[str]:
    return {m for m in mods if m.split(".")[0] in HEAVY}


def test_help_catalog_and_learn_do_not_load_sqlalchemy_or_fastapi(tmp_path):
    for args in FAST:
        mods, _ = _modules_after(args, tmp_path / "home")
        assert "supple" in mods
        assert not _heavy(mods), args


def test_catalog_stays_fast_once_the_user_has_a_database_with_imported_stretches(tmp_path):
    home = tmp_path / "home"
    sample = ROOT / "tests" / "fixtures" / "free-exercise-db-sample.json"
    imported = _run(["catalog", "import", str(sample), "--json"], home)
    assert imported.returncode == 0, imported.stderr
    assert (home / "supple.db").is_file()
    ids = json.loads(imported.stdout)["imported"]
    assert "fedb-cat-stretch" in ids
    for args in (*FAST, ["catalog", "show", "fedb-cat-stretch"], ["catalog", "--json"]):
        mods, out = _modules_after(args, home)
        assert "supple" in mods
        assert not _heavy(mods), args
    listed = {s["id"] for s in json.loads(out)}
    assert set(ids) <= listed and "cat-cow" in listed
    _, out = _modules_after(["catalog", "show", "fedb-cat-stretch", "--json"], home)
    assert "free-exercise-db-sample.json" in json.loads(out)["origin"]


def _leaf_commands(cmd: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    subs = getattr(cmd, "commands", {})
    if not subs:
        return [(path, cmd)]
    out: list[tuple[tuple[str, ...], Any]] = []
    if getattr(cmd, "invoke_without_command", False) and path:
        out.append((path, cmd))  # `supple catalog` is itself a command as well as a group
    for name, sub in subs.items():
        out += _leaf_commands(sub, (*path, name))
    return out


def test_every_command_takes_home():
    from typer.main import get_command

    from supple.cli.app import app

    leaves = _leaf_commands(get_command(app))
    assert len(leaves) > 10
    for path, cmd in leaves:
        opts = {o for p in cmd.params for o in getattr(p, "opts", [])}
        assert "--home" in opts, f"`supple {' '.join(path)}` does not take --home"


def test_every_command_and_setting_is_documented():
    from typer.main import get_command

    from supple.cli.app import app
    from supple.config import SETTINGS_DOC

    docs = (ROOT / "docs" / "cli.md").read_text() + (ROOT / "README.md").read_text()
    group = get_command(app)
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        assert f"supple {name}" in docs, f"command `supple {name}` is not documented"
        for sub in getattr(cmd, "commands", {}):
            assert f"supple {name} {sub}" in docs, f"`supple {name} {sub}` is not documented"
    for setting in SETTINGS_DOC:
        assert setting in docs, f"setting {setting} is not documented"


def test_help_lists_each_command_with_a_full_one_line_summary():
    for group in ([], ["catalog"], ["profile"], ["routine"]):
        proc = subprocess.run(
            [sys.executable, "-m", "supple", *group, "--help"],
            capture_output=True,
            text=True,
            env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"},
        )
        assert proc.returncode == 0
        commands = proc.stdout.split("Commands:", 1)[1]
        for line in commands.strip().splitlines():
            assert len(line.split(None, 1)) == 2, f"no summary: {line!r}"
            assert not line.rstrip().endswith("..."), f"summary cut off: {line!r}"
