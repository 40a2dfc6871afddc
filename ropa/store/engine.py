"""Database URLs and engines: SQLite (a file, the default) or PostgreSQL (psycopg 3).

Engines are built from a URL when a command runs, never at import. For SQLite, foreign
keys are switched on and the driver's own transaction handling is switched off so that
SQLAlchemy's BEGIN covers DDL too (the recipe of the SQLAlchemy SQLite dialect docs):
an import, migration included, commits or rolls back as one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from ropa.store.errors import StoreError

DEFAULT_FILE = "ropa.db"
POSTGRES_DRIVER = "postgresql+psycopg"
INSTALL_POSTGRES = "pip install 'ropa[postgres]'"
_SQLITE_TIMEOUT_S = 15
_CONNECT_TIMEOUT_S = 10
_EXAMPLES = "sqlite:///ropa.db or postgresql+psycopg://user:password@host:5432/database"


def default_url() -> str:
    """The SQLite file ``ropa.db`` in the current folder."""
    return f"sqlite:///{DEFAULT_FILE}"


def parse_url(url: str) -> URL:
    """The URL, checked: SQLite or PostgreSQL (``postgresql://`` means psycopg 3)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"{url!r} is not a database URL; write one such as {_EXAMPLES}") from exc
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres") and parsed.drivername in ("postgresql", "postgres"):
        return parsed.set(drivername=POSTGRES_DRIVER)
    if parsed.drivername in ("sqlite", "sqlite+pysqlite", POSTGRES_DRIVER):
        return parsed
    raise StoreError(
        f"ropa keeps registers in SQLite or PostgreSQL, not {parsed.drivername!r}; "
        f"write a URL such as {_EXAMPLES}"
    )


def display(url: str | URL) -> str:
    """The URL as messages show it: the password hidden."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except (ArgumentError, ValueError):
        return str(url)
    return parsed.render_as_string(hide_password=True)


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for an in-memory database."""
    if not is_sqlite(url) or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def engine_for(url: str) -> Engine:
    """An engine for ``url``; StoreError when the URL or the driver is wrong."""
    parsed = parse_url(url)
    if is_sqlite(parsed):
        waits = {} if "timeout" in parsed.query else {"timeout": _SQLITE_TIMEOUT_S}
        engine = create_engine(parsed, connect_args=waits)
        _make_sqlite_transactional(engine)
        return engine
    try:
        return create_engine(parsed, connect_args={"connect_timeout": _CONNECT_TIMEOUT_S})
    except (ImportError, NoSuchModuleError) as exc:
        raise StoreError(
            f"PostgreSQL support is not installed ({exc}); install it with: {INSTALL_POSTGRES}"
        ) from exc


def _make_sqlite_transactional(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy, not pysqlite, emits BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")


def translate(exc: SQLAlchemyError, url: URL) -> StoreError:
    """A database error as one line the user can act on."""
    where = display(url)
    detail = _first_line(exc)
    lowered = detail.lower()
    file = sqlite_file(url)
    if file is not None:
        if "locked" in lowered or "busy" in lowered:
            return StoreError(f"the database file {file} is locked by another program; "
                              "try again once it has finished")
        if "unable to open" in lowered:
            return StoreError(f"cannot open the database file {file}: check that its folder "
                              "exists and that you may write there")
        if "not a database" in lowered:
            return StoreError(f"{file} is not a SQLite database; give another file name")
        if "readonly" in lowered or "read-only" in lowered:
            return StoreError(f"the database file {file} is read-only; check its permissions")
        if "disk" in lowered and "full" in lowered:
            return StoreError(f"the disk holding {file} is full; free some space and try again")
    if isinstance(exc, OperationalError) and (exc.connection_invalidated or _is_connect_error(exc)):
        return StoreError(f"cannot connect to {where}: {detail}; check that the server is "
                          "running and that the URL (user, password, host, port, database) is right")
    return StoreError(f"the database {where} refused the operation: {detail}")


def _is_connect_error(exc: SQLAlchemyError) -> bool:
    text = _first_line(exc).lower()
    return any(word in text for word in (
        "connection", "could not translate host", "timeout", "authentication",
        "database", "no password supplied", "server closed", "role",
    ))


def _first_line(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(cause).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__
