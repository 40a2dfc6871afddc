"""Fixtures shared by the whole suite: database URLs for the store's tests.

``sqlite_url`` is a fresh SQLite file in the test's tmp_path. ``postgres_url`` is a fresh
PostgreSQL database (``ropa_test_<random>``, dropped afterwards) on the server named by
ROPA_TEST_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test). When
that server cannot be reached within 3 s the test is skipped, or fails when
ROPA_REQUIRE_POSTGRES=1 (CI sets it). ``db_url`` runs a test on both.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_server_url() -> str:
    return os.environ.get("ROPA_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL


def _unavailable(reason: str) -> None:
    if os.environ.get("ROPA_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required (ROPA_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL not available: {reason} (set ROPA_TEST_POSTGRES_URL to run these tests)")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ropa.db'}"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[Any, str | None]]:
    """An AUTOCOMMIT engine on the test server, or None and why it cannot be used.
    The server is tried once per session, with a 3 s timeout."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    server = make_url(postgres_server_url())
    if server.drivername in ("postgresql", "postgres"):
        server = server.set(drivername="postgresql+psycopg")
    shown = server.render_as_string(hide_password=True)
    try:
        admin = create_engine(server, isolation_level="AUTOCOMMIT",
                              connect_args={"connect_timeout": 3})
    except ImportError as exc:
        yield None, f"the PostgreSQL driver is missing ({exc})"
        return
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        admin.dispose()
        first = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        yield None, f"cannot use {shown}: {first}"
        return
    yield admin, None
    admin.dispose()


@pytest.fixture
def postgres_url(postgres_server: tuple[Any, str | None]) -> Iterator[str]:
    """A fresh database ropa_test_<random> on the test server, dropped afterwards."""
    from sqlalchemy import text

    admin, problem = postgres_server
    if admin is None:
        _unavailable(problem or "unknown reason")
    name = f"ropa_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh database URL: SQLite, then PostgreSQL (skipped where unreachable)."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own ropa cache, so that no test leaves `.ropa-cache/` in the
    repository or sees another test's cache. Cache tests unset it where they need the
    default location."""
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path_factory.mktemp("ropa-cache")))
