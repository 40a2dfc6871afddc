"""``ropa db import | export | upgrade`` through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ropa.cli import db

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "registers" / "persiance"


@pytest.fixture
def app() -> typer.Typer:
    application = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @application.callback()
    def _root() -> None:
        """ropa"""

    db.install(application)
    return application


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(autouse=True)
def _needs_loader() -> None:
    try:
        import ropa.loading  # noqa: F401
    except ImportError as exc:  # the loader lands separately
        pytest.skip(f"ropa.loading is not available yet ({exc}); `ropa db import` needs it")


def test_db_help_says_what_it_is_for(app: typer.Typer, runner: CliRunner) -> None:
    result = runner.invoke(app, ["db", "--help"])

    assert result.exit_code == 0
    assert "Keep the register in a database (SQLite by default, PostgreSQL for a team)." in (
        result.stdout
    )
    for command in ("import", "export", "upgrade"):
        assert command in result.stdout


def test_import_then_export_a_register_folder(
    app: typer.Typer, runner: CliRunner, sqlite_url: str, tmp_path: Path
) -> None:
    imported = runner.invoke(app, ["db", "import", str(SAMPLE), "--db", sqlite_url])
    exported = runner.invoke(app, ["db", "export", "--db", sqlite_url, str(tmp_path / "out")])

    assert imported.exit_code == 0, imported.stderr
    assert imported.stdout == ""
    assert imported.stderr == (
        "Imported 6 activities, 3 processors, 6 security measures, 0 processing on behalf "
        f"into {sqlite_url}.\n"
    )
    assert exported.exit_code == 0, exported.stderr
    assert exported.stderr == f"Wrote 10 files to {tmp_path / 'out'}.\n"
    assert sorted(p.name for p in (tmp_path / "out" / "processors").iterdir()) == [
        "auth0.yaml", "google-cloud.yaml", "stripe.yaml",
    ]


def test_the_default_database_is_ropa_db_in_the_current_folder(
    app: typer.Typer, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, ["db", "import", str(SAMPLE)])
    upgraded = runner.invoke(app, ["db", "upgrade"])

    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "ropa.db").is_file()
    assert upgraded.exit_code == 0
    assert upgraded.stderr == "sqlite:///ropa.db is up to date (layout 0001).\n"


def test_a_register_with_problems_is_not_imported(
    app: typer.Typer, runner: CliRunner, tmp_path: Path
) -> None:
    source = tmp_path / "broken.yaml"
    source.write_text("ropa: 1\nactivities:\n  - id: Not A Slug\n    name: x\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'ropa.db'}"

    result = runner.invoke(app, ["db", "import", str(source), "--db", url])

    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{source}:") for line in lines)
    assert result.stderr == (
        f"Not imported: {source} has {len(lines)} problem{'s' if len(lines) > 1 else ''}; "
        "fix them and run again.\n"
    )
    assert not (tmp_path / "ropa.db").exists()


def test_a_missing_source_cannot_run(app: typer.Typer, runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "import", str(tmp_path / "nowhere.yaml"),
                                 "--db", f"sqlite:///{tmp_path / 'ropa.db'}"])

    assert result.exit_code == 2
    assert result.stderr == f"Error: no such file or folder: {tmp_path / 'nowhere.yaml'}\n"


def test_export_from_a_missing_database_cannot_run(
    app: typer.Typer, runner: CliRunner, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"

    result = runner.invoke(app, ["db", "export", "--db", url, str(tmp_path / "out.yaml")])

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: there is no database file {tmp_path / 'none.db'}; create it by importing a "
        f"register: ropa db import SOURCE --db {url}\n"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_export_into_a_folder_that_is_not_a_register_cannot_run(
    app: typer.Typer, runner: CliRunner, sqlite_url: str, tmp_path: Path
) -> None:
    runner.invoke(app, ["db", "import", str(SAMPLE), "--db", sqlite_url])
    target = tmp_path / "photos"
    target.mkdir()
    (target / "cat.jpg").write_bytes(b"")

    result = runner.invoke(app, ["db", "export", "--db", sqlite_url, str(target)])

    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {target} is not empty and is not a ropa register")


def test_a_bad_url_cannot_run(app: typer.Typer, runner: CliRunner) -> None:
    result = runner.invoke(app, ["db", "upgrade", "--db", "oracle://scott@db/orcl"])

    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ropa keeps registers in SQLite or PostgreSQL, not 'oracle'")
