"""What a person reads must be words: no stretch id, rule id or source id in running text, and
no `--option` outside a command to type. Shared by the page walk (tests/web/pages/test_words.py)
and the terminal walk (tests/cli/test_words.py)."""

from __future__ import annotations

import re
from functools import cache

from supple.data.loader import shipped
from supple.domain.planner_rules import RULES

#: A command a person is told to type ("supple start --routine desk", or an option in
#: backticks, "`--explain`"): the terminal's own words.
COMMAND = re.compile(
    r"`?\bsupple(?:\s+(?:'[^']{0,120}'|\"[^\"]{0,120}\"|[^\s`.,;:)'\"]+))+`?|`--[a-z-]+`"
)


@cache
def ids_pattern() -> re.Pattern[str]:
    data = shipped()
    # A stretch whose name is its id ("Cat-cow") may be named in prose.
    ids = {s.id for s in data.catalog if s.name.lower() != s.id} | set(data.sources) | set(RULES)
    # One-word ids, and "warm-up", are ordinary words too.
    ids = {i for i in ids if "-" in i} - {"warm-up"}
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids))) + r")(?![\w-])")


#: An option of the command, named by a terminal error about it ("--minutes must be …").
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def assert_words(text: str, where: str, commands: bool = False, options: bool = False) -> None:
    """`commands`: the terminal may tell a person what to type; those commands are left out of
    the check (their ids and flags are what the person types). `options`: a terminal error
    names the option it is about."""
    if commands:
        text = COMMAND.sub(" ", text)
    if options:
        text = OPTION.sub(" ", text)
    found = ids_pattern().findall(text)
    assert not found, f"{where}: ids in running text: {sorted(set(found))}"
    assert "--" not in text, (
        f"{where}: '--' in {text[max(0, text.index('--') - 60) : text.index('--') + 40]!r}"
    )
