"""Run the Alembic migrations shipped inside the package (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD = "head"


class DatabaseTooNew(RuntimeError):
    """The database was migrated by a newer supple than the one running."""

    def __init__(self, message: str, revision: str = "") -> None:
        super().__init__(message)
        self.revision = revision


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = HEAD) -> None:
    """Apply every pending migration up to `revision`. Migrations only ever add."""
    current = current_revision(engine)
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNew(
            f"The database is at schema revision '{current}', which this version of supple "
            "does not know: it was last opened by a newer supple. Upgrade supple "
            "(pip install -U supple) rather than running an older one against it.",
            str(current),
        )
    if current == (head_revision() if revision == HEAD else revision):
        return
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
