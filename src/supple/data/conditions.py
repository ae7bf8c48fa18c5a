"""Names for condition ids (conditions.toml), for the words people read."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files


@cache
def condition_names() -> dict[str, str]:
    data = tomllib.loads(files("supple.data").joinpath("conditions.toml").read_text("utf-8"))
    return dict(data["conditions"])


def condition_name(condition_id: str) -> str:
    """ "hip-replacement-posterior" -> "a hip replacement (back approach)"; an unknown id is
    shown with its hyphens as spaces (a test keeps every shipped id listed)."""
    return condition_names().get(condition_id) or condition_id.replace("-", " ")
