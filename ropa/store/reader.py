"""Database -> register, and ``upgrade`` of a stored register's layout.

Reading changes nothing: a database at an older layout revision is refused with the
command that upgrades it, one at a newer (unknown) revision with the advice to upgrade
ropa.
"""

from __future__ import annotations

from typing import Any

from alembic.util.exc import CommandError
from sqlalchemy import Engine, select
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import SQLAlchemyError

from ropa.model import register as M
from ropa.store.codec import object_of
from ropa.store.engine import display, engine_for, parse_url, sqlite_file, translate
from ropa.store.errors import StoreError, UpgradeSummary
from ropa.store.layout import ITEM_KINDS, MEASURE_ID, ChildList, ItemKind
from ropa.store.migrate import check_known, head, upgrade_to_head
from ropa.store.tables import OrganisationRow, SettingsRow, table_of


def read_register(url: str) -> M.Register:
    """The register stored at ``url``; StoreError when there is none to read."""
    parsed = parse_url(url)
    where = display(parsed)
    _require_sqlite_file(parsed, where)
    engine = _engine(url, parsed)
    try:
        with engine.connect() as connection, connection.begin():
            _require_current_layout(connection, where)
            return build_register(connection, where)
    except SQLAlchemyError as exc:
        raise translate(exc, parsed) from exc
    finally:
        engine.dispose()


def upgrade(url: str) -> UpgradeSummary:
    """Bring the layout of the database at ``url`` to this ropa's newest revision."""
    parsed = parse_url(url)
    where = display(parsed)
    _require_sqlite_file(parsed, where)
    engine = engine_for(url)
    try:
        with engine.begin() as connection:
            before, after = upgrade_to_head(connection, where)
    except SQLAlchemyError as exc:
        raise translate(exc, parsed) from exc
    except CommandError as exc:
        raise StoreError(f"cannot migrate the database {where}: {exc}") from exc
    finally:
        engine.dispose()
    return UpgradeSummary(url=where, before=before, after=after)


def _engine(url: str, parsed: URL) -> Engine:
    engine = engine_for(url)
    if parsed.get_backend_name() == "postgresql":  # one snapshot for every table read
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    return engine


def _require_sqlite_file(parsed: URL, where: str) -> None:
    file = sqlite_file(parsed)
    if file is not None and not file.is_file():
        raise StoreError(
            f"there is no database file {file}; create it by importing a register: "
            f"ropa db import SOURCE --db {where}"
        )


def _require_current_layout(connection: Connection, where: str) -> None:
    revision = check_known(connection, where)
    if revision is None:
        raise _empty(where)
    if revision != head():
        raise StoreError(
            f"the database {where} has an older layout (revision {revision!r}); "
            f"upgrade it first: ropa db upgrade --db {where}"
        )


def _empty(where: str) -> StoreError:
    return StoreError(
        f"the database {where} holds no register yet; import one first: "
        f"ropa db import SOURCE --db {where}"
    )


def build_register(connection: Connection, where: str) -> M.Register:
    organisation = connection.execute(select(table_of(OrganisationRow))).mappings().first()
    if organisation is None:
        raise _empty(where)
    settings = connection.execute(select(table_of(SettingsRow))).mappings().first()
    register = M.Register(
        organisation=object_of(M.Organisation, organisation),
        settings=object_of(M.Settings, settings) if settings is not None else M.Settings(),
    )
    for kind in ITEM_KINDS:
        setattr(register, kind.field, _items(connection, kind))
    return register


def _items(connection: Connection, kind: ItemKind) -> list[Any]:
    children = {child.field: _children(connection, kind, child) for child in kind.children}
    table = table_of(kind.table)
    items = []
    for row in connection.execute(select(table).order_by(table.c.position)).mappings():
        own = {name: by_parent.get(row["id"], []) for name, by_parent in children.items()}
        items.append(object_of(kind.model, row, own))
    return items


def _children(connection: Connection, kind: ItemKind, child: ChildList) -> dict[str, list[Any]]:
    table = table_of(child.table)
    parent = table.c[kind.parent_key]
    by_parent: dict[str, list[Any]] = {}
    for row in connection.execute(select(table).order_by(parent, table.c.position)).mappings():
        value = row[MEASURE_ID] if child.model is None else object_of(child.model, row)
        by_parent.setdefault(row[kind.parent_key], []).append(value)
    return by_parent
