"""Register -> database, all or nothing.

One transaction creates or migrates the layout if needed (see :mod:`ropa.store.revision`), deletes the stored register and inserts
the new one with bulk inserts (one executemany per table). Any failure rolls all of it
back; a SQLite file that did not exist before is removed again.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from ropa.model.register import Register
from ropa.store.codec import Row, row_of
from ropa.store.engine import display, engine_for, parse_url, sqlite_file, translate
from ropa.store.errors import ImportSummary, StoreError
from ropa.store.layout import ITEM_KINDS, MEASURE_ID, ItemKind
from ropa.store.revision import HEAD, create_at_head, stored_revision
from ropa.store.tables import OrganisationRow, SettingsRow, metadata, table_of

_LOCK_KEY = 0x524F5041  # "ROPA": one import at a time on a PostgreSQL database


def register_rows(register: Register) -> dict[str, list[Row]]:
    """Table name -> the rows that hold ``register``."""
    rows: dict[str, list[Row]] = {name: [] for name in metadata.tables}
    rows[_name(OrganisationRow)].append({"id": 1, **row_of(register.organisation)})
    rows[_name(SettingsRow)].append({"id": 1, **row_of(register.settings)})
    for kind in ITEM_KINDS:
        _add_items(rows, kind, getattr(register, kind.field))
    return rows


def _add_items(rows: dict[str, list[Row]], kind: ItemKind, items: list[Any]) -> None:
    own = rows[_name(kind.table)]
    skip = kind.child_fields
    children = [(child, rows[_name(child.table)]) for child in kind.children]
    for position, item in enumerate(items):
        own.append({"id": item.id, "position": position, **row_of(item, skip)})
        for child, target in children:
            for index, value in enumerate(getattr(item, child.field)):
                row: Row = {kind.parent_key: item.id, "position": index}
                if child.model is None:
                    row[MEASURE_ID] = value
                else:
                    row.update(row_of(value))
                target.append(row)


def _name(table_class: Any) -> str:
    return table_of(table_class).name


def check_unique_ids(register: Register) -> None:
    """StoreError naming the first id used twice within its kind."""
    for kind in ITEM_KINDS:
        seen: set[str] = set()
        for item in getattr(register, kind.field):
            if item.id in seen:
                raise StoreError(
                    f"the register has two {kind.label} items with the id {item.id!r}; "
                    "ids must be unique within their kind (fix the register, then import again)"
                )
            seen.add(item.id)


def replace_register(connection: Connection, rows: dict[str, list[Row]]) -> None:
    """Delete what is stored and insert ``rows``, on ``connection`` (in its transaction)."""
    tables = metadata.sorted_tables
    for table in reversed(tables):
        connection.execute(table.delete())
    for table in tables:
        batch = rows.get(table.name)
        if batch:
            connection.execute(table.insert(), batch)


def import_register(register: Register, url: str) -> ImportSummary:
    """Store ``register`` at ``url`` in place of what is there, all or nothing."""
    check_unique_ids(register)
    rows = register_rows(register)
    parsed = parse_url(url)
    where = display(parsed)
    file = sqlite_file(parsed)
    created = file is not None and not file.exists()
    engine = engine_for(url)
    try:
        with engine.begin() as connection:
            if parsed.get_backend_name() == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
            revision = _bring_to_head(connection, where)
            replace_register(connection, rows)
    except BaseException as exc:
        engine.dispose()
        if created and file is not None:
            _remove_sqlite_file(file)
        if isinstance(exc, SQLAlchemyError):
            raise translate(exc, parsed) from exc
        if _is_migration_error(exc):
            raise StoreError(f"cannot migrate the database {where}: {exc}") from exc
        if isinstance(exc, OverflowError):
            raise StoreError(f"a number in the register is too large for the database {where} "
                             "(at most 9223372036854775807); correct it and import again") from exc
        raise
    finally:
        engine.dispose()
    return ImportSummary(
        url=where,
        revision=revision,
        security_measures=len(register.security_measures),
        processors=len(register.processors),
        activities=len(register.activities),
        processing_on_behalf=len(register.processing_on_behalf),
        created=created,
    )


def _bring_to_head(connection: Connection, where: str) -> str:
    """The newest layout, on ``connection`` (in its transaction): nothing to do at the
    newest revision, the declared tables in an empty database, else the migrations."""
    revision, has_tables = stored_revision(connection)
    if revision == HEAD:
        return HEAD
    if revision is None and not has_tables:
        create_at_head(connection, metadata)
        return HEAD
    from ropa.store.migrate import upgrade_to_head

    return upgrade_to_head(connection, where)[1]


def _is_migration_error(exc: BaseException) -> bool:
    """Alembic's CommandError, when Alembic was imported (only a migration imports it)."""
    errors = sys.modules.get("alembic.util.exc")
    return errors is not None and isinstance(exc, errors.CommandError)


def _remove_sqlite_file(file: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{file}{suffix}").unlink(missing_ok=True)
