"""Every word the terminal front end prints is marked for translation (`_()` / `ngettext()`).

An AST scan of src/supple/cli and the terminal player: a string literal with words in it that
reaches people directly (printed, failed with, echoed, asked, drawn) must be the text of a
`_()` or `ngettext()` call. Markup tags (`[bold]`, `[/]`), `--options` and `supple ...`
command lines are not words to translate; a product name alone ("supple") is not either.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import supple

SRC = Path(supple.__file__).resolve().parent
FILES = [
    *sorted((SRC / "cli").glob("*.py")),
    SRC / "player" / "view.py",
    SRC / "player" / "headless.py",
]
#: Calls whose arguments people read: the console's and typer's output, errors, prompts,
#: headings, and what the full-screen view draws.
SHOWN = {"print", "fail", "fail_problem", "echo", "input", "rule", "add_column", "Text", "Panel"}
#: Keyword arguments of those calls that people read too.
SHOWN_KEYWORDS = {"hint", "title"}
MARKS = {"_", "ngettext"}
#: Calls that only pass their text on (so a literal inside them is still shown as it is).
PASS_ON = {"escape", "join", "str"}
COMMANDS = (
    "welcome|catalog|learn|screen|profile|plan|routine|start|history|progress|remind|export"
    "|import|serve"
)
NOT_WORDS = [
    re.compile(r"\\?\[/?[a-z_][\w .#-]*\]|\[/\]"),  # Rich markup tags, escaped brackets
    re.compile(r"--[\w-]+"),  # an option
    re.compile(rf"\bsupple (?:{COMMANDS})\b[^\n{{#]*"),  # a command line to type
    re.compile(r"^\s*supple\s*$"),  # the product's name alone
]
WORD = re.compile(r"[A-Za-z]{2,}")


def has_words(text: str) -> bool:
    for pattern in NOT_WORDS:
        text = pattern.sub(" ", text)
    return WORD.search(text) is not None


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def is_marked(node: ast.expr) -> bool:
    """`_("...")`, `ngettext(...)`, or one of them `.format(...)`ed."""
    if not isinstance(node, ast.Call):
        return False
    if isinstance(node.func, ast.Name) and node.func.id in MARKS:
        return True
    return (
        isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and is_marked(node.func.value)
    )


def unmarked(node: ast.expr) -> list[str]:
    """The literal texts with words in `node` that people would read untranslated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if has_words(node.value) else []
    if isinstance(node, ast.JoinedStr):
        found: list[str] = []
        literal = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
        if has_words(literal):
            found.append(literal)
        for v in node.values:
            if isinstance(v, ast.FormattedValue):
                found += unmarked(v.value)
        return found
    if isinstance(node, ast.BinOp):
        return unmarked(node.left) + unmarked(node.right)
    if isinstance(node, ast.IfExp):
        return unmarked(node.body) + unmarked(node.orelse)
    if isinstance(node, ast.Call) and not is_marked(node) and _name(node.func) in PASS_ON:
        return [text for arg in node.args for text in unmarked(arg)]
    return []


def shown_texts(path: Path) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and _name(node.func) in SHOWN:
            args = list(node.args)
            args += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            found += [(node.lineno, text) for arg in args for text in unmarked(arg)]
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_printed_word_is_marked_for_translation(path: Path) -> None:
    missing = shown_texts(path)
    assert not missing, "\n".join(
        f"{path.name}:{line}: {text!r} is shown unmarked; wrap it in _() or ngettext()"
        for line, text in missing
    )


@pytest.mark.parametrize(
    "source",
    [
        'out.print("Nothing new.")',
        'out.print(f"[bold]Steps[/]")',
        'fail(f"No topic {t}.", hint="Try again")',
        "console().print(f\"{n} stretches: {escape('each side' if x else y)}\")",
        'typer.echo("supple is at " + url)',
    ],
)
def test_the_scan_finds_words_left_unmarked(source: str, tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(source)
    assert shown_texts(module)


@pytest.mark.parametrize(
    "source",
    [
        'out.print(_("Nothing new."))',
        "out.print(f\"[bold]{_('Steps')}[/]\")",
        'fail(_("No topic {t}.").format(t=t), hint=_("Try again"))',
        'out.print(ngettext("{n} hold", "{n} holds", n).format(n=n))',
        'out.print(f" • {escape(step)} [dim]\\\\[{n}][/]")',
        'out.print(f"--save {save}: {e}")',
        'out.print("  supple plan --minutes 10")',
        'Panel(body, title="supple")',
    ],
)
def test_the_scan_lets_marked_text_and_markup_pass(source: str, tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(source)
    assert shown_texts(module) == []
