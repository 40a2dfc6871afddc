"""Alembic environment for ropa's database layout.

ropa runs migrations itself (``ropa.store.migrate``) and hands over its connection in
``config.attributes["connection"]``, already inside the caller's transaction, so that a
migration commits or rolls back together with the import that needed it. Run from the
``alembic`` command instead, the URL comes from ``sqlalchemy.url`` (ropa.db by default).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from ropa.store.engine import default_url, engine_for
from ropa.store.tables import metadata


def _configure_and_run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or default_url()
    context.configure(url=url, target_metadata=metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = engine_for(context.config.get_main_option("sqlalchemy.url") or default_url())
    try:
        with engine.begin() as own_connection:
            _configure_and_run(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
