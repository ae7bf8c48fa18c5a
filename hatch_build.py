"""Build step: compile the message catalogs (locale/*/LC_MESSAGES/supple.po -> supple.mo).

Runs for every wheel, the editable install of `make run` / `make test` included, so the
compiled English catalog is always there; the .mo files are build output, not in git.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale_dir = Path(self.root) / "src" / "supple" / "locale"
        for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            with po.open("rb") as f:
                catalog = read_po(f)
            with po.with_suffix(".mo").open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
            build_data["artifacts"].append(str(po.with_suffix(".mo").relative_to(self.root)))
