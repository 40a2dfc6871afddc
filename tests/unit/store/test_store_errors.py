"""Every failure a user can cause is a StoreError with one line that says what to do."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ropa.model.register import Register
from ropa.store import StoreError, default_url, engine_for, import_register, read_register, upgrade
from ropa.store.engine import parse_url

EXAMPLES = "sqlite:///ropa.db or postgresql+psycopg://user:password@host:5432/database"


def _message(action: object, *args: object) -> str:
    with pytest.raises(StoreError) as caught:
        action(*args)  # type: ignore[operator]
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_the_default_database_is_ropa_db_in_the_current_folder() -> None:
    assert default_url() == "sqlite:///ropa.db"


def test_a_plain_postgresql_url_uses_psycopg() -> None:
    assert parse_url("postgresql://u@db.example/ropa").drivername == "postgresql+psycopg"
    assert parse_url("postgres://u@db.example/ropa").drivername == "postgresql+psycopg"


def test_a_malformed_url_is_refused() -> None:
    assert _message(read_register, "not a url") == (
        f"'not a url' is not a database URL; write one such as {EXAMPLES}"
    )


def test_another_database_system_is_refused() -> None:
    assert _message(import_register, Register(), "mysql://u@h/db") == (
        f"ropa keeps registers in SQLite or PostgreSQL, not 'mysql'; write a URL such as {EXAMPLES}"
    )


def test_reading_a_missing_sqlite_file_says_how_to_create_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"

    for action in (read_register, upgrade):
        assert _message(action, url) == (
            f"there is no database file {tmp_path / 'none.db'}; create it by importing a "
            f"register: ropa db import SOURCE --db {url}"
        )
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_a_database_is_named(tmp_path: Path) -> None:
    file = tmp_path / "notes.db"
    file.write_text("these are not tables\n" * 100, encoding="utf-8")

    assert _message(read_register, f"sqlite:///{file}") == (
        f"{file} is not a SQLite database; give another file name"
    )
    assert _message(import_register, Register(), f"sqlite:///{file}") == (
        f"{file} is not a SQLite database; give another file name"
    )
    assert file.read_text(encoding="utf-8") == "these are not tables\n" * 100


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    file = tmp_path / "no" / "such" / "ropa.db"

    assert _message(import_register, Register(), f"sqlite:///{file}") == (
        f"cannot open the database file {file}: check that its folder exists and that you "
        "may write there"
    )


def test_a_locked_sqlite_file_is_reported(sqlite_url: str) -> None:
    import_register(Register(), sqlite_url)
    holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        message = _message(import_register, Register(), f"{sqlite_url}?timeout=0")
    finally:
        holder.execute("ROLLBACK")
        holder.close()

    file = sqlite_url.removeprefix("sqlite:///")
    assert message == (
        f"the database file {file} is locked by another program; try again once it has finished"
    )


def test_an_unreachable_server_is_reported_without_the_password() -> None:
    url = "postgresql+psycopg://ropa:s3cret@127.0.0.1:1/register"

    message = _message(read_register, url)

    assert message.startswith("cannot connect to postgresql+psycopg://ropa:***@127.0.0.1:1/register: ")
    assert message.endswith("; check that the server is running and that the URL (user, "
                            "password, host, port, database) is right")
    assert "s3cret" not in message


def test_a_missing_postgresql_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)

    message = _message(engine_for, "postgresql+psycopg://u@127.0.0.1/db")

    assert message.startswith("PostgreSQL support is not installed")
    assert message.endswith("install it with: pip install 'ropa[postgres]'")


def test_the_store_and_the_writer_load_no_database_library_until_used() -> None:
    code = ("import sys, ropa.store, ropa.writer; "
            "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[3])
    assert result.stdout.strip() == "[]"
