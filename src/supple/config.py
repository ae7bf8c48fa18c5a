"""Settings from the environment, built by get_settings() (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

#: Every setting, its environment variable and its help text (docs are tested against this).
SETTINGS_DOC: dict[str, str] = {
    "SUPPLE_HOME": "Data directory (database, cached audio, exports). Default: the platform's user "
    "data directory for 'supple'. Every command also takes --home DIR.",
    "SUPPLE_DATABASE_URL": "SQLAlchemy URL of the database. Default: a SQLite file "
    "'supple.db' inside SUPPLE_HOME. PostgreSQL: postgresql+psycopg://user:pass@host/db.",
    "SUPPLE_VOICE": "Override the profile's voice setting for this run: 'on' or 'off'.",
    "SUPPLE_PASSWORD": "The login password for `supple serve --allow-remote` (or --password-file).",
}


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    voice: bool | None = None
    extra: dict[str, str] = field(default_factory=dict)
    account: str | None = None
    """Multi-user server only: the PostgreSQL schema holding one account's data (`acct_<id>`);
    None for a person's own database (services.accounts)."""

    def ensure_home(self) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("supple", appauthor=False))


def get_settings(home: str | os.PathLike[str] | None = None) -> Settings:
    """Build settings: `home` (from --home) beats SUPPLE_HOME beats the platform default."""
    env = os.environ
    if home is not None:
        home_path = Path(home).expanduser()
    elif env.get("SUPPLE_HOME"):
        home_path = Path(env["SUPPLE_HOME"]).expanduser()
    else:
        home_path = _default_home()
    url = env.get("SUPPLE_DATABASE_URL") or f"sqlite:///{home_path / 'supple.db'}"
    voice_env = env.get("SUPPLE_VOICE", "").strip().lower()
    voice = {"on": True, "off": False}.get(voice_env)
    return Settings(home=home_path, database_url=url, voice=voice)
