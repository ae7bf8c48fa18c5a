"""Names people type: a person's name and a saved routine's name, with their limits.

A routine name is typed in the terminal (`--save`, `--routine`) and is part of a web address
(`/api/v1/routines/{name}`), so it keeps to one line of printable text without slashes; both
names have a length limit so a pasted paragraph is refused with a clear message, not stored.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from supple.domain.problems import Problem, code
from supple.domain.words import N_, say

PERSON_NAME_MAX = 80
ROUTINE_NAME_MAX = 80
#: A routine name as the API and an import take it: printable, no slash (it is part of the
#: URL), no control characters (a NUL), not blank, at most ROUTINE_NAME_MAX characters.
ROUTINE_NAME_PATTERN = r"^[^/\x00-\x1f\x7f]*[^/\s\x00-\x1f\x7f][^/\x00-\x1f\x7f]*$"
RoutineNameStr = Annotated[
    str, Field(min_length=1, max_length=ROUTINE_NAME_MAX, pattern=ROUTINE_NAME_PATTERN)
]

NAME_TOO_LONG = code("names.too-long")
NAME_EMPTY = code("names.empty")
NAME_BAD_CHARACTER = code("names.bad-character")


#: How a character a name cannot hold is named in the problem.
LINE_BREAK = N_("a line break")


def _check(text: str, field: str, limit: int, *, allow_empty: bool, slashes: bool) -> str:
    name = " ".join(text.split()) if text.isprintable() else text.strip()
    if not name and not allow_empty:
        raise Problem(NAME_EMPTY, field)
    if len(name) > limit:
        raise Problem(NAME_TOO_LONG, field, given=name, limit=limit, length=len(name))
    bad = sorted({c for c in name if not c.isprintable() or (not slashes and c in "/\\")})
    if bad:
        words = {"\n": LINE_BREAK, "\r": LINE_BREAK, "/": N_("a slash"), "\\": N_("a backslash")}
        shown = sorted({say(words.get(c, N_("a control character"))) for c in bad})
        raise Problem(NAME_BAD_CHARACTER, field, given=name, characters=shown)
    return name


def person_name(text: str) -> str:
    """The name as stored: spaces folded, at most PERSON_NAME_MAX characters; may be empty."""
    return _check(text, "name", PERSON_NAME_MAX, allow_empty=True, slashes=True)


def routine_name(text: str, field: str = "save") -> str:
    """A saved routine's name: one printable line without slashes, 1 to ROUTINE_NAME_MAX
    characters, spaces folded. `field`: the option or JSON name it came from."""
    return _check(text, field, ROUTINE_NAME_MAX, allow_empty=False, slashes=False)
