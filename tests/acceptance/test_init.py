"""``ropa init`` through the command line: files, messages, exit codes, and a register that
the loader reads without a single problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from ropa.cli import init as init_command
from ropa.loading import load
from ropa.model.enums import LegalBasis, Status
from ropa.starter import available_activities


def _app() -> typer.Typer:
    """A throwaway app holding only ``init``, as the lead's app will hold it."""
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def _root() -> None:
        """ropa"""

    init_command.install(app)
    return app


def _run(*args: str) -> Result:
    return CliRunner().invoke(_app(), ["init", *args])


def _files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_init_with_every_activity_gives_a_register_that_loads_without_problems(
    tmp_path: Path,
) -> None:
    target = tmp_path / "acme"

    result = _run(str(target), "--with-activities")

    assert result.exit_code == 0, result.output
    loaded = load(target)
    assert loaded.problems == []
    register = loaded.register
    assert register.organisation is not None and register.organisation.name is None
    assert [a.id for a in register.activities] == available_activities()
    assert {a.status for a in register.activities} == {Status.PLANNED}
    assert len(register.security_measures) == 23
    accounting = next(a for a in register.activities if a.id == "accounting")
    assert accounting.purposes[0].legal_basis == LegalBasis.LEGAL_OBLIGATION
    assert accounting.purposes[0].legal_reference == "Code de commerce, art. L123-22"


def test_init_reports_on_standard_error_what_it_created_and_the_next_step(
    tmp_path: Path,
) -> None:
    target = tmp_path / "acme"

    result = _run(str(target), "--activities", "payroll, accounting")

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Created in {target}:",
        "  register.yaml",
        "  activities/.gitkeep",
        "  activities/accounting.yaml",
        "  activities/payroll.yaml",
        "  processors/.gitkeep",
        "  .schema/register.schema.json",
        "  .schema/activity.schema.json",
        "  .schema/processor.schema.json",
        (
            "Next: fill in register.yaml (each value left null has a comment saying what to "
            "write), review each starter activity in activities/, then check the register with:"
        ),
        f"  ropa validate {target}",
    ]


def test_name_and_english(tmp_path: Path) -> None:
    target = tmp_path / "acme"

    result = _run(str(target), "--name", "ACME SAS", "--lang", "en", "--activities", "newsletter")

    assert result.exit_code == 0
    loaded = load(target)
    assert loaded.problems == []
    assert loaded.register.organisation is not None
    assert loaded.register.organisation.name == "ACME SAS"
    assert loaded.register.activities[0].name == "Newsletter"
    assert "  language: en " in (target / "register.yaml").read_text(encoding="utf-8")


def test_without_activities_the_register_has_none(tmp_path: Path) -> None:
    target = tmp_path / "acme"

    result = _run(str(target))

    assert result.exit_code == 0
    assert _files(target) == [
        ".schema/activity.schema.json",
        ".schema/processor.schema.json",
        ".schema/register.schema.json",
        "activities/.gitkeep",
        "processors/.gitkeep",
        "register.yaml",
    ]
    assert "review each starter activity" not in result.stderr
    assert load(target).register.activities == []


def test_a_folder_that_is_not_empty_is_refused_with_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    target.mkdir()
    (target / "README.md").write_text("mine")

    result = _run(str(target))

    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {target} is not empty: ropa init writes a new register into a new or empty "
        "folder. Choose another folder, or use --force to add only the missing files "
        "(existing files are never overwritten).\n"
    )
    assert _files(target) == ["README.md"]


def test_an_unknown_activity_exits_2_listing_the_valid_names(tmp_path: Path) -> None:
    target = tmp_path / "acme"

    result = _run(str(target), "--activities", "accounting,marketing")

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: unknown starter activity: marketing. Valid names: accounting, "
        "audience-measurement, customer-management, newsletter, payroll, recruitment, "
        "security-logs, staff-management.\n"
    )
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--with-activities", "--activities", "payroll"], "not both"),
        (["--activities", " , "], "--activities needs at least one name"),
    ],
)
def test_contradictory_or_empty_options_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = _run(str(tmp_path / "acme"), *args)

    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "acme").exists()


def test_force_adds_what_is_missing_and_says_what_it_skipped(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    assert _run(str(target)).exit_code == 0
    mine = "# my register\nropa: 1\norganisation:\n  name: Mine\n  email: dpo@example.com\n"
    (target / "register.yaml").write_text(mine, encoding="utf-8")

    result = _run(str(target), "--force", "--activities", "recruitment")

    assert result.exit_code == 0
    assert "Created in" in result.stderr and "  activities/recruitment.yaml" in result.stderr
    assert "Skipped, already there (left unchanged):\n  register.yaml\n" in result.stderr
    assert (target / "register.yaml").read_text(encoding="utf-8") == mine
    assert load(target).problems == []


def test_force_on_a_complete_folder_says_there_is_nothing_to_add(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    _run(str(target))

    result = _run(str(target), "--force")

    assert result.exit_code == 0
    assert f"Nothing to add: {target} already has every file." in result.stderr


def test_help_lists_the_starter_activities() -> None:
    result = CliRunner().invoke(_app(), ["init", "--help"])

    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    for name in available_activities():
        assert name in flat
