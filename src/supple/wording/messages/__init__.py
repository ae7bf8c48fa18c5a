"""Every problem code's English template, one module per area, gathered here.

Each area module has `MESSAGES: dict[str, Message]`, keyed by the code ids it words.
"""

from __future__ import annotations

import importlib
import pkgutil

from supple.wording.render import Message


def _gather() -> dict[str, Message]:
    out: dict[str, Message] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, msg in module.MESSAGES.items():
            if key in out:
                raise ValueError(f"problem code {key!r} is worded twice")
            out[key] = msg
    return out


MESSAGES: dict[str, Message] = _gather()
