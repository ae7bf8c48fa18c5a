"""`supple --help` from its cache (cli/fast_help.py): the same text Typer prints, without
importing Typer, and rendered afresh whenever what it depends on changes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from supple.cli import fast_help
from tests.cli.test_fast_start import run_listing


def test_help_is_the_same_cold_warm_and_without_a_cache(supple, home, tmp_path: Path):
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    without = supple("--help", env={"XDG_CACHE_HOME": str(blocked)})
    cold = supple("--help", env=cache)
    warm = supple("--help", env=cache)
    assert without.code == cold.code == warm.code == 0
    assert "Usage:" in without.out and "history" in without.out
    assert cold.out == without.out
    assert warm.out == without.out
    code, _out, _, loaded = run_listing(home, "--help", env=cache)
    assert code == 0
    assert "supple.cli.fast_help" in loaded  # the listing works
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "rich", "pydantic", "typing")}


def test_the_width_of_the_terminal_is_part_of_the_key(supple, tmp_path: Path):
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    wide = supple("--help", env={**cache, "COLUMNS": "200"})
    narrow = supple("--help", env={**cache, "COLUMNS": "60"})
    narrow_again = supple("--help", env={**cache, "COLUMNS": "60"})
    uncached = supple("--help", env={"XDG_CACHE_HOME": str(tmp_path / "other"), "COLUMNS": "60"})
    assert narrow.out == narrow_again.out == uncached.out
    assert max(len(line) for line in narrow.out.splitlines()) <= 60
    assert narrow.out != wide.out


def test_other_arguments_and_commands_are_never_cached(supple, tmp_path: Path):
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert supple("--help", env=cache).code == 0
    plan_help = supple("plan", "--help", env=cache)
    assert plan_help.code == 0 and "--minutes" in plan_help.out
    assert supple("--nonsense", env=cache).code == 2


def _printer(text: str, code: int = 0, calls: list[int] | None = None):
    def run() -> None:
        if calls is not None:
            calls.append(1)
        sys.stdout.write(text)
        if code:
            raise SystemExit(code)

    return run


def test_a_new_key_renders_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    calls: list[int] = []
    monkeypatch.setenv("COLUMNS", "90")
    fast_help.main(_printer("first\n", calls=calls), str(tmp_path))
    fast_help.main(_printer("not asked\n", calls=calls), str(tmp_path))
    assert capsys.readouterr().out == "first\nfirst\n"
    assert calls == [1]
    monkeypatch.setenv("COLUMNS", "91")
    fast_help.main(_printer("second\n", calls=calls), str(tmp_path))
    assert capsys.readouterr().out == "second\n"
    assert calls == [1, 1]


def test_a_failing_render_is_not_kept(tmp_path: Path, capsys):
    with pytest.raises(SystemExit) as e:
        fast_help.main(_printer("broken\n", code=2), str(tmp_path))
    assert e.value.code == 2
    assert not (tmp_path / fast_help.FILE).exists()
    fast_help.main(_printer("fine\n"), str(tmp_path))
    fast_help.main(_printer("unused\n"), str(tmp_path))
    assert capsys.readouterr().out == "broken\nfine\nfine\n"


def test_a_corrupt_cache_file_renders_again(tmp_path: Path, capsys):
    (tmp_path / fast_help.FILE).write_bytes(b"\xff\xfe not text")
    fast_help.main(_printer("rendered\n"), str(tmp_path))
    assert capsys.readouterr().out == "rendered\n"
    assert fast_help.cached(fast_help.key(), str(tmp_path)) == "rendered\n"
