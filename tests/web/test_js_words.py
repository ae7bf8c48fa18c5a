"""The pages' scripts write no English of their own: every word they show or say is asked
for by key (`supple.t` / `supple.tn`) from the translated block the server sends
(`web/js_words.py`), and every key they ask for is one the server sends."""

from __future__ import annotations

import re
from pathlib import Path

from supple.domain.timeline import SEGMENT_KINDS
from supple.web.js_words import COUNTED, WORDS
from supple.web.templating import STATIC_DIR

SCRIPTS = sorted(STATIC_DIR.glob("*.js"))
#: Literals that are code, not words: a directive, a console note for developers, a media
#: query, a selector.
NOT_WORDS = {
    "use strict",
    "supple: server refused",
    "(prefers-reduced-motion: reduce)",
    ".fig-frame svg[data-inhale]",  # a selector
}
#: Key names the keyboard handler compares with.
KEYS = {"Spacebar", "Enter"}
STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
#: Two words, or one capitalised word: what a person would read.
WORDY = re.compile(r"[A-Za-z]{2,}[,.:;!?…]* +[A-Za-z]{2,}|^[A-Z][a-z]+$")
#: Keys the scripts build from data: a segment's kind, the side to switch to.
BUILT = {"part.": SEGMENT_KINDS, "next.side.": ("left", "right")}


def code_of(script: Path) -> str:
    """The script without its comments (a `//` after code or at a line's start)."""
    lines = script.read_text(encoding="utf-8").splitlines()
    return "\n".join(re.sub(r"(^|\s)//.*$", "", line) for line in lines)


def test_scripts_write_no_words_of_their_own() -> None:
    wordy = [
        f"{script.name}: {text!r}"
        for script in SCRIPTS
        for text in STRING.findall(code_of(script))
        if WORDY.search(text) and text not in NOT_WORDS | KEYS
    ]
    assert not wordy, f"words in a script, not from web/js_words.py: {wordy}"


def test_every_key_a_script_asks_for_is_sent() -> None:
    asked: set[str] = set()
    for script in SCRIPTS:
        code = code_of(script)
        asked |= set(re.findall(r'\bt\("([\w.-]+)"\s*[,)]', code))
        asked |= {f"counted:{k}" for k in re.findall(r'\btn\("([\w.-]+)"', code)}
        for prefix, parts in BUILT.items():
            if f't("{prefix}" +' in code:
                asked |= {prefix + part for part in parts}
    sent = set(WORDS) | {f"counted:{k}" for k in COUNTED}
    assert asked, "found no t()/tn() calls: has the scripts' API changed?"
    assert not asked - sent, f"asked for but never sent: {sorted(asked - sent)}"


def test_every_key_sent_is_used() -> None:
    """A message nobody asks for is a translator's wasted work (and a sign a script drifted)."""
    code = "\n".join(code_of(script) for script in SCRIPTS)
    built = {prefix + part for prefix, parts in BUILT.items() for part in parts}
    unused = [key for key in [*WORDS, *COUNTED] if f'"{key}"' not in code and key not in built]
    assert not unused, f"sent but never used: {unused}"
