"""Habits the layout promises: a pure domain, a fast `--help`, documented commands and settings."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = ROOT / "src" / "supple" / "domain"
ALLOWED = {"__future__", "pydantic", "supple"} | set(sys.stdlib_module_names)
IO_STDLIB = {
    "os",
    "io",
    "socket",
    "subprocess",
    "sqlite3",
    "pathlib",
    "shutil",
    "tempfile",
    "http",
    "urllib",
    "asyncio",
    "threading",
}


def test_domain_imports_only_stdlib_and_pydantic_and_no_io():
    for path in DOMAIN.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in ALLOWED, f"{path.name} imports {name}"
                assert top not in IO_STDLIB, f"{path.name} imports I/O module {name}"
                if top == "supple":
                    assert name.startswith("supple.domain"), f"{path.name} imports {name}"


def _modules_after(args: list[str], home: Path) -> set[str]:
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['supple', *{args!r}]\n"
        "try:\n    runpy.run_module('supple', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"SUPPLE_HOME": str(home), "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    return set(proc.stderr.split())


def test_help_catalog_and_learn_do_not_load_sqlalchemy_or_fastapi(tmp_path):
    for args in (["--help"], ["catalog"], ["catalog", "show", "cat-cow"], ["learn"]):
        mods = _modules_after(args, tmp_path / "home")
        assert "supple" in mods
        assert not {m for m in mods if m.split(".")[0] in ("sqlalchemy", "fastapi", "alembic")}, (
            args
        )


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
