"""What an import produced: the stretches, what was skipped and why, and the file's fingerprint."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from supple.domain.catalog import Stretch


class ImportFormatError(ValueError):
    """The file is not in the expected format; the message names the entry and the field.

    The CLI turns this into exit code 2 and prints the message as is.
    """

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        index: int | None = None,
        entry_id: str | None = None,
        field: str = "",
    ) -> None:
        self.file, self.problem, self.index, self.entry_id, self.field = (
            file,
            problem,
            index,
            entry_id,
            field,
        )
        where = file
        if index is not None:
            where += f": entry {index}"
            if entry_id:
                where += f" (id '{entry_id}')"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class SkippedEntry:
    """An entry that was read but not imported. `reason` is a short fixed phrase (entries are
    counted by it); `detail` says what exactly in this entry led to it."""

    index: int
    id: str
    name: str
    reason: str
    detail: str = ""

    def as_dict(self) -> dict[str, str | int]:
        return {
            "index": self.index,
            "id": self.id,
            "name": self.name,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class IncompleteEntry:
    """An imported entry that lacks what the planner needs (`missing` fields): it is among the
    report's stretches with placeholders the planner never uses, until `supple catalog set`
    fills them in."""

    index: int
    id: str
    """Our id (fedb-...)."""
    name: str
    reason: str
    missing: list[str]

    def as_dict(self) -> dict[str, object]:
        return {"index": self.index, "id": self.id, "name": self.name, "missing": self.missing}


@dataclass(frozen=True)
class ImportReport:
    file_label: str
    source_hash: str
    """sha256 of the file's bytes (or of the canonical JSON when parsed from an object)."""
    entries: int
    stretches: list[Stretch] = field(default_factory=list)
    skipped: list[SkippedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    incomplete: list[IncompleteEntry] = field(default_factory=list)

    def skip_counts(self) -> dict[str, int]:
        """How many entries were skipped for each reason, most frequent first (ties by reason)."""
        counts = Counter(s.reason for s in self.skipped)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def summary_lines(self) -> list[str]:
        """A short human summary: counts per reason rather than one line per skipped entry."""
        stored = f" ({len(self.incomplete)} incomplete)" if self.incomplete else ""
        lines = [
            f"{self.file_label}: {self.entries} entries read, {len(self.stretches)} stretches "
            f"imported{stored}, {len(self.skipped)} skipped."
        ]
        lines += [f"  skipped {n}: {reason}" for reason, n in self.skip_counts().items()]
        for e in self.incomplete:
            lines.append(
                f"  incomplete: {e.id} ({e.name}), {e.reason.split(':')[0]}; the planner skips "
                f"it until you run: supple catalog set {e.id} --place ... --position ..."
            )
        return lines

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file_label,
            "source_hash": self.source_hash,
            "entries": self.entries,
            "imported": [s.id for s in self.stretches],
            "skipped_counts": self.skip_counts(),
            "skipped": [s.as_dict() for s in self.skipped],
            "warnings": list(self.warnings),
            "incomplete": [e.as_dict() for e in self.incomplete],
        }
