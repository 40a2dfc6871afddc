"""The register in a database: SQLite by default, PostgreSQL for a team.

The database holds the same model as the YAML files, losslessly: ids, order, and the file
each item came from (so an export to a folder recreates the same files).

- ``import_register(register, url)`` stores a register in place of the one stored, all or
  nothing, migrating the layout first when needed;
- ``read_register(url)`` gives it back; ``upgrade(url)`` migrates the layout alone;
- ``engine_for(url)`` and ``default_url()`` (``sqlite:///ropa.db``, in the current folder).

Every failure a user can cause raises :class:`StoreError` with a one-line message.
SQLAlchemy and Alembic are imported only when one of these functions runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ropa.store.errors import ImportSummary, StoreError, UpgradeSummary

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from ropa.model.register import Register

__all__ = [
    "ImportSummary",
    "StoreError",
    "UpgradeSummary",
    "default_url",
    "engine_for",
    "import_register",
    "read_register",
    "upgrade",
]


def default_url() -> str:
    """``sqlite:///ropa.db``: the file ropa.db in the current folder."""
    from ropa.store.engine import default_url as _default_url

    return _default_url()


def engine_for(url: str) -> Engine:
    """A SQLAlchemy engine for a ``sqlite:///path`` or ``postgresql+psycopg://`` URL."""
    from ropa.store.engine import engine_for as _engine_for

    return _engine_for(url)


def import_register(register: Register, url: str) -> ImportSummary:
    """Store ``register`` at ``url`` in place of the stored one, in one transaction."""
    from ropa.store.importer import import_register as _import_register

    return _import_register(register, url)


def read_register(url: str) -> Register:
    """The register stored at ``url``."""
    from ropa.store.reader import read_register as _read_register

    return _read_register(url)


def upgrade(url: str) -> UpgradeSummary:
    """Migrate the database layout at ``url`` to the newest revision."""
    from ropa.store.reader import upgrade as _upgrade

    return _upgrade(url)
