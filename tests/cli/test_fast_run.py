"""The read commands run without Typer for their usual arguments (cli/fast_run.py): each says
exactly what the Typer app says — output, errors and exit code — for good and bad arguments,
and starts without Typer when it can."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from supple.cli import fast_run
from supple.services.context import close_all
from tests.cli.factories import days_ago, log_session, screened

#: `python -m supple ARGS`, with the Typer-free path left on or turned off (the Typer app
#: alone), listing whether Typer was imported on stderr after a marker.
RUN = (
    "import runpy, sys\n"
    "if sys.argv[1] == 'typer':\n"
    "    from supple.cli import fast_run\n"
    "    fast_run.main = lambda args: False\n"
    "sys.argv = ['supple', *sys.argv[2:]]\n"
    "try:\n    runpy.run_module('supple', run_name='__main__', alter_sys=True)\n"
    "finally:\n"
    "    print('\\n--typer--', 'supple.cli.root' in sys.modules, 'typer' in sys.modules,\n"
    "          file=sys.stderr)\n"
)


def _run(home, way: str, *args: str) -> tuple[int, str, str, bool, bool]:
    """(exit code, stdout, stderr, whether the Typer app ran, whether Typer was imported)"""
    env = {**os.environ, "SUPPLE_HOME": str(home), "COLUMNS": "120"}
    env.pop("SUPPLE_DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, "-c", RUN, way, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    err, _, loaded = proc.stderr.rpartition("\n--typer--")
    app, typer = (x == "True" for x in loaded.split())
    return proc.returncode, proc.stdout, err, app, typer


@pytest.fixture
def user(cli, home):
    screened(cli)
    assert cli("profile", "set", "--places", "floor,chair", "--weekly-goal", "3").code == 0
    for d in (1, 3, 8):
        log_session(days_ago(d), [("cat-cow", "both", 30.0, 3, False)])
    close_all()


#: Command lines run without Typer (the usual ones), then ones left to the Typer app.
FAST = [
    ("plan", "--minutes", "12", "--place", "floor", "--focus", "lower-back", "--explain"),
    ("plan", "--minutes", "10", "--avoid", "cat-cow", "--avoid", "Child's pose,bridge"),
    ("plan", "--warm", "--context", "after", "--minutes", "015", "--seed", "3", "--json"),
    ("plan",),  # --minutes is required: said by the command itself (exit 2)
    ("plan", "--minutes", "1"),  # too short: a Problem worded by the app (exit 2)
    ("plan", "--minutes", "10", "--place", "moon"),
    ("catalog", "--place", "chair", "--style", "static"),
    ("catalog", "--region", "nowhere"),
    ("history", "--since", "2000-01-01", "--json"),
    ("history", "--since", "yesterday"),
    ("progress", "--json"),
    ("progress", "--accept-goal"),  # no offer: exit 2
]
TYPER = [
    ("plan", "--minutes", "ten"),
    ("plan", "--minutes", "-3"),
    ("plan", "--minutes=10"),
    ("plan", "--minutes"),
    ("plan", "--minutes", "10", "--bogus"),
    ("plan", "--minutes", "10", "extra"),
    ("plan", "--minutes", "10", "--help"),
    ("catalog", "show", "cat-cow"),
    ("catalog", "--place", ""),
    ("history", "--since", "--json"),
    ("progress", "--", "--json"),
    ("progress", "--help"),
]


@pytest.mark.parametrize("args", FAST + TYPER, ids=" ".join)
def test_says_what_the_typer_app_says(user, home, args):
    fast = _run(home, "fast", *args)
    full = _run(home, "typer", *args)
    assert fast[:3] == full[:3]
    assert full[3]  # the reference did go through Typer
    assert fast[3] == (tuple(args) not in FAST)
    if fast[0] == 0 and not fast[3]:
        assert not fast[4]  # Typer is imported only to end a command with an error


def test_the_root_home_option_works_as_before(user, home, tmp_path):
    """`supple --home DIR history` reads DIR, whatever SUPPLE_HOME says."""
    elsewhere = tmp_path / "elsewhere"
    fast = _run(elsewhere, "fast", "--home", str(home), "history")
    assert fast[0] == 0 and "3 sessions" in fast[1]
    assert not fast[3] and not fast[4]
    assert fast[:3] == _run(elsewhere, "typer", "--home", str(home), "history")[:3]


def test_a_data_directory_that_is_a_file_is_refused_alike(tmp_path):
    file = tmp_path / "file"
    file.write_text("")
    fast = _run(file, "fast", "history")
    assert fast[0] == 2 and "not a directory" in fast[2]
    assert fast[:3] == _run(file, "typer", "history")[:3]


def test_the_table_matches_the_typer_commands():
    """Every option of the four commands, with its kind, is what the Typer command declares."""
    from supple.cli.root import build_module

    for command, (module, function, options) in fast_run.COMMANDS.items():
        typer_module = {"plan": "plan_cmd", "catalog": "catalog_cmd"}.get(command, "log_cmd")
        click = build_module(typer_module)[command]
        declared = {}
        for param in click.params:
            for name in param.opts:
                kind = (
                    fast_run.FLAG
                    if param.is_flag
                    else fast_run.TEXTS
                    if param.multiple
                    else fast_run.NUMBER
                    if param.type_descriptor.annotation is int
                    else fast_run.TEXT
                )
                declared[name] = (param.name, kind)
        assert declared == options, command
        assert all(p.param_type_name == "option" for p in click.params)
        assert not any(p.secondary_opts or p.envvar or p.prompt for p in click.params)
        body = getattr(__import__(f"supple.cli.{module}", fromlist=[function]), function)
        assert {p for p, _ in options.values()} <= set(body.__code__.co_varnames)


def test_parse_leaves_unusual_command_lines_to_typer():
    assert fast_run.parse(["plan", "--minutes", "10"]) == (None, "plan", {"minutes": 10})
    assert fast_run.parse(["--home", "x", "history"]) == ("x", "history", {})
    for args in (["screen"], ["--home"], ["plan", "--minutes", "1e3"], ["plan", "--minutes", "١٢"]):
        assert fast_run.parse(args) is None


def test_pydantic_plugins_are_still_looked_up_when_enabled(monkeypatch):
    """With plugins disabled, the stand-in loader finds none without importing
    importlib.metadata; once enabled again, pydantic's own loader is asked."""
    from supple.cli import app

    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")
    monkeypatch.delitem(sys.modules, app._LOADER, raising=False)
    app._no_plugin_lookup()
    stub = sys.modules[app._LOADER]
    assert tuple(stub.get_plugins()) == ()
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some-other-plugin")
    assert list(stub.get_plugins()) == []  # none installed: the real loader says so
    assert sys.modules[app._LOADER] is not stub
