"""The Alembic migrations build exactly the tables the code declares, inside the caller's
transaction, and a database from a newer ropa is refused with advice."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, event, inspect, text
from sqlalchemy.engine import Engine

from ropa.model.register import Activity, Register
from ropa.store import StoreError, engine_for, import_register, read_register, upgrade
from ropa.store.migrate import head, upgrade_to_head
from ropa.store.revision import HEAD
from ropa.store.tables import metadata

REGISTER = Register(activities=[Activity(id="a", name="A")])


def _differences(url: str, target: Any) -> list[Any]:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, target))
    finally:
        engine.dispose()


def test_the_migrated_schema_is_the_declared_one(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        sqlite3.connect(db_url.removeprefix("sqlite:///")).close()
    upgrade(db_url)  # the migrations, run by Alembic
    import_register(REGISTER, db_url)

    assert _differences(db_url, metadata) == []


def test_a_new_database_gets_the_declared_schema_at_the_newest_revision(db_url: str) -> None:
    import_register(REGISTER, db_url)  # a new database: the declared tables, stamped

    assert _differences(db_url, metadata) == []
    engine = engine_for(db_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head()]
    finally:
        engine.dispose()
    assert upgrade(db_url).changed is False
    assert read_register(db_url).activities[0].name == "A"


def test_the_revision_ropa_stamps_without_alembic_is_alembics_head() -> None:
    assert HEAD == head()


def test_the_schema_comparison_sees_a_difference(sqlite_url: str) -> None:
    import_register(REGISTER, sqlite_url)
    changed = MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["activity"].append_column(Column("extra", Integer()))

    diffs = _differences(sqlite_url, changed)

    assert [(d[0], d[2], d[3].name) for d in diffs] == [("add_column", "activity", "extra")]


def test_upgrade_reports_the_revisions(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        sqlite3.connect(db_url.removeprefix("sqlite:///")).close()  # an existing, empty file

    first = upgrade(db_url)
    second = upgrade(db_url)

    assert (first.before, first.after, first.changed) == (None, head(), True)
    assert (second.before, second.after, second.changed) == (head(), head(), False)


def test_sqlite_ddl_rolls_back_with_the_transaction(sqlite_url: str) -> None:
    sqlite3.connect(sqlite_url.removeprefix("sqlite:///")).close()
    engine = engine_for(sqlite_url)
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            upgrade_to_head(connection, sqlite_url)
            assert "activity" in inspect(connection).get_table_names()
            transaction.rollback()
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_a_failed_migration_leaves_an_existing_database_untouched(
    db_url: str, tmp_path: Path
) -> None:
    if db_url.startswith("sqlite"):
        sqlite3.connect(db_url.removeprefix("sqlite:///")).close()

    def fail(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().startswith("CREATE TABLE purpose"):
            raise RuntimeError("failed on purpose")

    event.listen(Engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(RuntimeError):
            import_register(REGISTER, db_url)
    finally:
        event.remove(Engine, "before_cursor_execute", fail)

    engine = engine_for(db_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def _set_revision(url: str, revision: str) -> None:
    engine = engine_for(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    finally:
        engine.dispose()


def test_a_database_from_a_newer_ropa_is_refused_and_left_alone(db_url: str) -> None:
    import_register(REGISTER, db_url)
    _set_revision(db_url, "9999")
    message = (
        f"the database {db_url} was written by a newer version of ropa (layout revision "
        "'9999'); upgrade ropa to use it: pip install --upgrade ropa"
    )

    for action in (read_register, upgrade, lambda url: import_register(Register(), url)):
        with pytest.raises(StoreError) as caught:
            action(db_url)
        assert str(caught.value) == message

    _set_revision(db_url, head())
    assert read_register(db_url) == REGISTER


def test_an_empty_database_has_no_register_to_read(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        sqlite3.connect(db_url.removeprefix("sqlite:///")).close()

    with pytest.raises(StoreError) as caught:
        read_register(db_url)

    assert str(caught.value) == (
        f"the database {db_url} holds no register yet; import one first: "
        f"ropa db import SOURCE --db {db_url}"
    )
