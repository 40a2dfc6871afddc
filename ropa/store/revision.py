"""The layout revision of a database, read and written without Alembic.

Importing Alembic costs a few tenths of a second, which an import into a database already
at the newest layout, or into a new one, does not need: those read the stored revision
with one query, and a new database gets the tables the code declares (the same schema the
migrations build: a test compares them) and the newest revision, as Alembic's own
"create_all, then stamp head" does. Any other database goes through the migrations
(:mod:`ropa.store.migrate`).
"""

from __future__ import annotations

from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table, inspect, select
from sqlalchemy.engine import Connection

HEAD = "0001"  # the newest revision in migrations/versions (a test checks it is Alembic's head)
VERSION_TABLE = "alembic_version"

_version = Table(VERSION_TABLE, MetaData(), Column("version_num", String(32), nullable=False),
                 PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))


def stored_revision(connection: Connection) -> tuple[str | None, bool]:
    """The revision stored in the database (None when it has none), and whether it holds
    any table at all."""
    names = inspect(connection).get_table_names()
    if VERSION_TABLE not in names:
        return None, bool(names)
    return connection.execute(select(_version.c.version_num)).scalar(), True


def create_at_head(connection: Connection, metadata: MetaData) -> None:
    """The tables of ``metadata`` and the newest revision, in an empty database."""
    metadata.create_all(connection)
    _version.create(connection)
    connection.execute(_version.insert().values(version_num=HEAD))
