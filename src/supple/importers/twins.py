"""Match an imported exercise to the shipped stretch it is the same movement as.

A match needs the same position and a name that, once normalised (lower case, apostrophes
dropped, anything else but letters and digits a single space), equals the shipped stretch's
name or one of its aliases. Aliases live with the shipped stretch (data/stretches/*.toml), so
a physiotherapist who knows another name for a movement adds it there. The match is recorded
in the imported entry's origin (supple.domain.planner_imported), where the user sees it.
"""

from __future__ import annotations

import re

from supple.domain.catalog import Catalog, Stretch


def normalise(name: str) -> str:
    text = re.sub(r"['’]", "", name.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def names_of(s: Stretch) -> set[str]:
    return {normalise(n) for n in (s.name, *s.aliases)}


def match_twin(name: str, position: str, known: Catalog) -> Stretch | None:
    """The shipped stretch in `known` this exercise is the same movement as, if any."""
    wanted = normalise(name)
    for s in known:
        shipped = s.origin == "supple" and s.style != "warmup"
        if shipped and s.position == position and wanted in names_of(s):
            return s
    return None
