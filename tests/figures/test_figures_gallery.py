"""The gallery in docs/ is generated from the data and kept up to date."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from supple.data.loader import shipped

ROOT = Path(__file__).resolve().parents[2]


def test_the_figure_gallery_matches_the_data() -> None:
    r = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "figure_gallery.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, f"{r.stderr}run: python bench/figure_gallery.py"
    gallery = (ROOT / "docs" / "figures.md").read_text(encoding="utf-8")
    assert gallery.count("\n## ") == len(list(shipped().catalog))  # every stretch is shown
