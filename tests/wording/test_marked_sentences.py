"""Every sentence the web front end, the services and the domain write for people is marked
for translation: an AST scan of supple.web, supple.services and supple.domain finds string
literals with words in them (two words, or one capitalised) outside a translation call (`_`,
`N_`, `ngettext`, `say`, …), outside docstrings, logging, FastAPI's parameter declarations and
OpenAPI texts, and fails on any that is not one of the few that are code rather than words
(listed here, with why). The terminal's own scan is test_marked_strings.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import supple

SRC = Path(supple.__file__).resolve().parent
FILES = sorted(
    [*(SRC / "web").rglob("*.py"), *(SRC / "services").glob("*.py"), *(SRC / "domain").glob("*.py")]
)
WORDS = re.compile(r"[A-Za-z]{2,}[,.:;!?']* +[A-Za-z]{2,}")
MARKS = {"_", "N_", "ngettext", "N_ngettext", "say", "say_n", "gettext"}
#: Calls whose strings are for developers, OpenAPI or FastAPI, not for the person.
NOT_SHOWN = {"getLogger", "debug", "info", "warning", "error", "exception", "warn", "Field"}
NOT_SHOWN |= {"Query", "Path", "Body", "Form", "File", "Header", "Cookie", "APIRouter"}
NOT_SHOWN |= {"get", "post", "put", "delete", "patch", "ValueError", "TypeError"}
KEYWORDS = {"description", "summary", "help", "metavar", "response_description"}
#: Code that happens to contain words: (file, how the literal starts, why it is not words).
CODE = [
    ("services/context.py", "disk", "the system's error text it recognises"),
    ("services/planning.py", "supple screen", "a command to type"),
    ("services/context.py", "unable to open database file", "SQLite's own error text"),
    ("services/catalog.py", "SELECT", "SQL"),
    ("services/reminders.py", "-//supple//", "the calendar's product id"),
    ("services/user_catalog.py", "(same movement as ", "a marker in stored data"),
    ("services/transfer.py", "", "export file format errors worded by wording/messages"),
    ("web/security.py", "default-src", "the Content-Security-Policy"),
    ("web/security.py", "Cookie realm", "a WWW-Authenticate header"),
    ("web/accounts.py", "Cookie realm", "a WWW-Authenticate header"),
    ("web/app.py", "The supple REST API", "the OpenAPI description"),
    ("web/charts.py", "rect met", "CSS classes"),
    ("web/charts.py", "a discomfort line needs", "a developer's ValueError"),
    ("web/charts.py", "a level line needs", "a developer's ValueError"),
    ("web/api/sessions.py", "This routine", "a label check_allowed does not show"),
    ("web/errors/body.py", "", "OpenAPI response descriptions"),
    ("domain/figure_check.py", "", "figure-file checks for catalog authors (the loader's errors)"),
    ("domain/figure_rom.py", "", "the joints' sign conventions for catalog authors"),
    ("domain/planner_imported.py", "", "markers in an imported entry's stored origin"),
    ("domain/questions.py", "", "questions.toml checks for its authors (the loader's errors)"),
]
NOT_TEXT = re.compile(r"max-age|attachment;|charset=|^<|^SELECT|^INSERT")


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {c: n for n in ast.walk(tree) for c in ast.iter_child_nodes(n)}
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        text = node.value
        if not WORDS.search(text) or NOT_TEXT.search(text):
            continue
        if isinstance(parents.get(node), ast.Expr):
            continue  # a docstring
        up: ast.AST | None = parents.get(node)
        skip = False
        while up is not None and not skip:
            if isinstance(up, ast.Call) and _name(up.func) in MARKS | NOT_SHOWN:
                skip = True
            if isinstance(up, ast.keyword) and up.arg in KEYWORDS:
                skip = True
            if isinstance(up, ast.Dict) and any(
                isinstance(k, ast.Constant) and k.value in KEYWORDS and v is node
                for k, v in zip(up.keys, up.values, strict=True)
            ):
                skip = True  # {"description": ...}: OpenAPI
            up = parents.get(up)
        rel = path.relative_to(SRC).as_posix()
        if skip or any(rel == f and text.lstrip().startswith(p) for f, p, _ in CODE):
            continue
        out.append(f"{rel}:{node.lineno}: {text[:60]!r}")
    return out


def test_the_web_and_the_services_mark_every_sentence() -> None:
    found = [line for path in FILES for line in unmarked(path)]
    assert not found, "unmarked words (wrap them in _() or list them in CODE):\n" + "\n".join(found)


def test_the_scan_finds_an_unmarked_sentence(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text('def f():\n    return render(title="No such page")\n', encoding="utf-8")
    marked = tmp_path / "marked.py"
    marked.write_text('def f():\n    return render(title=_("No such page"))\n', encoding="utf-8")
    global SRC
    keep, SRC = SRC, tmp_path
    try:
        assert unmarked(page) and not unmarked(marked)
    finally:
        SRC = keep
