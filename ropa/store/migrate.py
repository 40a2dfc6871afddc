"""Alembic, run from inside ropa: the layout revision of a database, and upgrades.

Migrations run on the caller's connection (``config.attributes["connection"]``), inside
its transaction: an import that needs a migration commits both or neither.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection

from ropa.store.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    """The newest layout revision this ropa knows."""
    revision = _scripts().get_current_head()
    assert revision is not None, "ropa ships at least one migration"
    return revision


def is_known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except (CommandError, RevisionError):
        return False


def current_revision(connection: Connection) -> str | None:
    """The layout revision stored in the database; None when it has none yet."""
    return MigrationContext.configure(connection).get_current_revision()


def check_known(connection: Connection, where: str) -> str | None:
    """The stored revision, or StoreError when a newer ropa wrote it."""
    revision = current_revision(connection)
    if revision is not None and not is_known(revision):
        raise StoreError(
            f"the database {where} was written by a newer version of ropa (layout revision "
            f"{revision!r}); upgrade ropa to use it: pip install --upgrade ropa"
        )
    return revision


def upgrade_to_head(connection: Connection, where: str) -> tuple[str | None, str]:
    """Bring the layout to the newest revision, on ``connection`` and inside its
    transaction. Returns the revisions before and after."""
    before = check_known(connection, where)
    if before != head():
        command.upgrade(alembic_config(connection), "head")
    return before, head()
