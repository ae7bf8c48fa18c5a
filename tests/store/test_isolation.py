"""Tests never see the real user's data directory or database."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from supple.config import Settings, get_settings


def test_settings_and_the_platform_default_stay_in_temporary_directories(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    assert settings.home.is_relative_to(tmp_path)
    assert "SUPPLE_DATABASE_URL" not in os.environ
    monkeypatch.delenv("SUPPLE_HOME")
    fallback = get_settings()  # the platform's user data dir, under the fake HOME
    real_home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    assert fallback.home.is_relative_to(Path(os.environ["HOME"]))
    assert not fallback.home.is_relative_to(real_home)
