"""Importers: open exercise formats → supple stretches (pure parsing; services store the result)."""

from supple.importers.free_exercise_db import import_file, parse_entries
from supple.importers.report import ImportFormatError, ImportReport, SkippedEntry
from supple.importers.variations import generate_variations

__all__ = [
    "ImportFormatError",
    "ImportReport",
    "SkippedEntry",
    "generate_variations",
    "import_file",
    "parse_entries",
]
