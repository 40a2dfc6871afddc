"""An import is all or nothing: a failure half way leaves the database as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine

from ropa.model.enums import LegalBasis
from ropa.model.register import Activity, Purpose, Register, SecurityMeasure
from ropa.store import StoreError, engine_for, import_register, read_register

PREVIOUS = Register(
    security_measures=[SecurityMeasure(id="tls", description="TLS")],
    activities=[Activity(id="kept", name="Kept", security_measures=["tls"],
                         purposes=[Purpose(description="Old", legal_basis=LegalBasis.CONTRACT)])],
)
NEW = Register(
    activities=[
        Activity(id="one", name="One", purposes=[Purpose(description="New")]),
        Activity(id="two", name="Two", purposes=[Purpose(description="Newer")]),
    ],
)


class Explosion(RuntimeError):
    pass


@pytest.fixture
def explode_on() -> Iterator[Any]:
    """Make the next statement that starts with a given text fail; record what ran."""
    seen: list[str] = []
    armed: dict[str, str] = {}

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)
        if "prefix" in armed and statement.lstrip().startswith(armed["prefix"]):
            raise Explosion(f"failed on purpose at: {armed['prefix']}")

    def arm(prefix: str) -> list[str]:
        armed["prefix"] = prefix
        return seen

    event.listen(Engine, "before_cursor_execute", before)
    yield arm
    event.remove(Engine, "before_cursor_execute", before)


def test_a_failure_half_way_keeps_the_previous_register(db_url: str, explode_on: Any) -> None:
    import_register(PREVIOUS, db_url)
    seen = explode_on("INSERT INTO purpose")

    with pytest.raises(Explosion):
        import_register(NEW, db_url)

    assert any(s.startswith("DELETE FROM activity") for s in seen)
    assert any(s.startswith("INSERT INTO activity ") for s in seen)
    assert read_register(db_url) == PREVIOUS


@pytest.mark.parametrize("where", ["CREATE TABLE purpose", "INSERT INTO purpose"])
def test_a_failed_first_import_leaves_no_database_behind(
    db_url: str, explode_on: Any, tmp_path: Path, where: str
) -> None:
    explode_on(where)

    with pytest.raises(Explosion):
        import_register(NEW, db_url)

    if db_url.startswith("sqlite"):
        assert sorted(p.name for p in tmp_path.iterdir()) == []
    else:
        engine = engine_for(db_url)
        try:
            assert inspect(engine).get_table_names() == []
        finally:
            engine.dispose()


def test_duplicate_ids_are_refused_before_anything_changes(sqlite_url: str) -> None:
    import_register(PREVIOUS, sqlite_url)
    twice = Register(activities=[Activity(id="same", name="A"), Activity(id="same", name="B")])

    with pytest.raises(StoreError) as caught:
        import_register(twice, sqlite_url)

    assert str(caught.value) == (
        "the register has two activity items with the id 'same'; ids must be unique within "
        "their kind (fix the register, then import again)"
    )
    assert read_register(sqlite_url) == PREVIOUS
