"""A large export file made from one real session, copied (tests and benchmarks of a long
import)."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any


def big_export(template: dict[str, Any], sessions: int, path: Path) -> Path:
    """`template`: an export (as supple export wrote it) with at least one session; the file
    written holds `sessions` copies of its first one, a minute apart, with counts and digest."""
    from supple.services.transfer import _digest, table_counts

    data = copy.deepcopy(template)
    first = data["sessions"][0]
    out = []
    for n in range(sessions):
        s = copy.deepcopy(first)
        shift = timedelta(minutes=n + 1)
        s["id"] = str(uuid.uuid4())
        for key in ("started_at", "ended_at", "heartbeat_at"):
            if s.get(key):
                s[key] = (datetime.fromisoformat(s[key]) - shift).isoformat()
        for item in s["items"]:
            if item.get("recorded_at"):
                item["recorded_at"] = (
                    datetime.fromisoformat(item["recorded_at"]) - shift
                ).isoformat()
        out.append(s)
    data["sessions"] = out
    data["routines"] = []
    data["counts"] = table_counts(data)
    data.pop("sha256", None)
    data["sha256"] = _digest(data)
    path.write_text(json.dumps(data))
    return path
