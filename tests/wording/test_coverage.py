"""Every problem code can be said by every front end, and no sentence hides in the domain.

The registry (`supple.domain.problems.REGISTRY`) fills as modules are imported, so the test
imports every module of the packages that raise problems first.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import supple
from supple.domain.problems import REGISTRY, Kind, Problem
from supple.wording import API, CLI, FORM, word
from supple.wording.fronts import FRONTS
from supple.wording.messages import MESSAGES

SRC = Path(supple.__file__).parent
RAISING = ("supple.domain", "supple.services", "supple.importers", "supple.store", "supple.data")


def _import_all() -> None:
    for package in RAISING:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, prefix=f"{package}."):
            if ".migrations" not in info.name:
                importlib.import_module(info.name)


_import_all()


def _fields(template: str) -> list[str]:
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


def test_every_registered_code_has_an_english_template() -> None:
    missing = sorted(set(REGISTRY) - set(MESSAGES))
    assert not missing, f"problem codes with no wording in supple/wording/messages: {missing}"


def test_every_template_words_a_registered_code() -> None:
    stale = sorted(set(MESSAGES) - set(REGISTRY))
    assert not stale, f"wording for codes nobody registers: {stale}"


@pytest.mark.parametrize("code_id", sorted(MESSAGES))
def test_every_name_a_template_uses_is_known_to_every_front_end(code_id: str) -> None:
    names = {f[4:-1] for t in MESSAGES[code_id].texts() for f in _fields(t) if f.startswith("opt[")}
    field = REGISTRY[code_id].field if code_id in REGISTRY else None
    if field:
        names.add(field)
    for front in FRONTS:
        unknown = sorted(n for n in names if n not in front.names)
        assert not unknown, f"{code_id}: the {front.id} front end has no name for {unknown}"


@pytest.mark.parametrize("code_id", sorted(MESSAGES))
def test_every_template_fills_from_its_parameters(code_id: str) -> None:
    """Each template is worded with made-up values for the parameters it names: no placeholder
    is left, nothing is an id-like `{x}` leftover, and each front end's field name shows."""
    msg = MESSAGES[code_id]
    params = {
        f: 3 for t in msg.texts() for f in _fields(t) if not f.startswith("opt[") and f != "field"
    }
    if msg.count:
        params[msg.count] = 3
    code = REGISTRY.get(code_id)
    if code is None:
        pytest.skip("not registered (reported by the test above)")
    problem = Problem(code, **params)
    for front in (CLI, API, FORM):
        text = word(problem, front)
        assert "{" not in text and "}" not in text, text


def test_safety_codes_and_bad_input_codes_map_to_their_exit_codes() -> None:
    from supple.cli.common import EXIT_BAD_INPUT, EXIT_SAFETY, exit_code_for

    for code in REGISTRY.values():
        expected = EXIT_SAFETY if code.kind is Kind.SAFETY else EXIT_BAD_INPUT
        assert exit_code_for(Problem(code)) == expected


_FLAG = re.compile(r"(^|[\s(\"'`])--[a-z]")


def _strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Docstrings, attribute docstrings and comments-as-strings: any string standing alone.
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("package", ["domain", "services"])
def test_no_message_in_the_domain_or_services_names_a_command_line_flag(package: str) -> None:
    """Flags belong to the terminal's wording; the domain and services pass codes and fields."""
    found = [
        f"{path.relative_to(SRC)}:{line}: {text[:70]!r}"
        for path in sorted((SRC / package).rglob("*.py"))
        for line, text in _strings(path)
        if _FLAG.search(text)
    ]
    assert not found, "command-line flags in messages:\n" + "\n".join(found)
