"""``ropa reference``, through a throwaway Typer app that only installs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from ropa.cli import reference as reference_cli
from ropa.reference import DATA_DIR, countries

COMMANDS = ["eea", "adequacy", "scc", "derogations", "bases", "ages", "retention", "dpia",
            "authorities"]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(add_completion=False, rich_markup_mode=None)  # as ropa.cli.app

    @app.callback()
    def root() -> None:
        """A throwaway app for the tests."""

    reference_cli.install(app)
    return app


def run(app: typer.Typer, *args: str) -> Result:
    return CliRunner().invoke(app, ["reference", *args])


def as_json(app: typer.Typer, *args: str) -> dict[str, Any]:
    result = run(app, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def by_id(entries: list[dict[str, Any]], key: str = "id") -> dict[str, dict[str, Any]]:
    return {entry[key]: entry for entry in entries}


def row(output: str, first_cell: str) -> list[str]:
    """The cells of the table row that starts with ``first_cell``."""
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row {first_cell!r} in:\n{output}")


def header(output: str) -> list[str]:
    """The column headers of the first table in ``output``."""
    line = next(line for line in output.splitlines() if line.startswith("┃"))
    return [cell.strip() for cell in line.strip("┃").split("┃")]


def test_help_lists_every_command(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["reference", "--help"])
    assert result.exit_code == 0
    assert reference_cli.HELP in result.stdout
    for command in COMMANDS:
        assert f"  {command} " in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_prints_a_table_with_confidence_and_checked(
    app: typer.Typer, command: str
) -> None:
    result = run(app, command)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert header(result.stdout)[-2:] == ["confidence", "checked"]
    assert "2026-11-26" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_gives_a_stable_sorted_json_document(app: typer.Typer, command: str) -> None:
    dated = command in {"eea", "adequacy", "scc"}
    args = [command, "--as-of", "2026-11-26"] if dated else [command]
    first = run(app, *args, "--format", "json")
    assert first.exit_code == 0, first.output
    document = json.loads(first.stdout)
    assert first.stdout == json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert run(app, *args, "--format", "json").stdout == first.stdout
    assert document["topic"] == command
    assert document.get("as_of") == ("2026-11-26" if dated else None)
    entries = [e for value in document.values() if isinstance(value, list) for e in value
               if isinstance(e, dict)]
    assert entries
    assert all(e["sources"] is not None and e["checked"] == "2026-11-26" for e in entries)


def test_adequacy_as_of(app: typer.Typer) -> None:
    late = by_id(as_json(app, "adequacy", "--as-of", "2031-12-28")["decisions"])
    assert late["GB"]["in_force_on_as_of"] is False
    assert late["US"]["in_force_on_as_of"] is True
    early = by_id(as_json(app, "adequacy", "--as-of", "2025-12-31")["decisions"])
    assert early["BR"]["in_force_on_as_of"] is False
    assert early["GB"]["expiry"] == "2031-12-27"
    assert early["US"]["requires_certification"] is True
    assert early["INTORG-EPO"]["aliases"][:2] == ["European Patent Organisation",
                                                 "European Patent Organization"]
    text = run(app, "adequacy", "--as-of", "2031-12-28").stdout
    assert "Adequacy decisions (Art. 45) on 2031-12-28" in text
    assert row(text, "GB")[1:5] == ["United Kingdom", "2021-06-28", "2031-12-27", "no"]
    assert row(text, "US")[4] == "yes"
    assert row(text, "US")[5].startswith("partial scope, certified")
    assert row(text, "privacy_shield")[2] == "2020-07-16"


def test_eea_as_of(app: typer.Typer) -> None:
    before = as_json(app, "eea", "--as-of", "2020-12-31")
    after = as_json(app, "eea", "--as-of", "2021-01-01")
    assert "GB" in before["members_on_as_of"] and len(before["members_on_as_of"]) == 31
    assert "GB" not in after["members_on_as_of"] and len(after["members_on_as_of"]) == 30
    text = run(app, "eea", "--as-of", "2021-01-01").stdout
    assert text.startswith("EEA states: 30 on 2021-01-01\n")
    assert row(text, "GB")[1:5] == ["United Kingdom", "eu", "2020-12-31", "no"]
    assert row(text, "FR")[4:7] == ["yes", "confirmed", "2026-11-26"]


def test_scc_status_as_of(app: typer.Typer) -> None:
    statuses = {d["id"]: d["status_on_as_of"]
                for d in as_json(app, "scc", "--as-of", "2022-01-01")["decisions"]}
    assert statuses == {"2021/914": "usable", "2010/87": "only if signed before 2021-09-27",
                        "2004/915": "only if signed before 2021-09-27",
                        "2001/497": "only if signed before 2021-09-27"}
    later = by_id(as_json(app, "scc", "--as-of", "2022-12-28")["decisions"])
    assert later["2010/87"]["status_on_as_of"] == "invalid"
    assert row(run(app, "scc", "--as-of", "2021-06-26").stdout, "2021/914")[2] == "not yet usable"


def test_retention_and_ages_and_dpia_values(app: typer.Typer) -> None:
    text = run(app, "retention", "--kind", "security_logs").stdout
    assert row(text, "security_logs")[1:7] == ["all", "security_logs", "retention", "P12M", "365",
                                               "P3Y"]
    assert "customer_management" not in text
    assert row(run(app, "retention").stdout, "customer_management")[4] == "not a fixed figure"
    ages = run(app, "ages").stdout
    assert row(ages, "FR")[1] == "15"
    assert "Any other country: 16, the GDPR default." in ages
    assert as_json(app, "ages")["default_age"] == 16
    dpia = as_json(app, "dpia")
    assert dpia["threshold"] == 2
    assert [c["id"] for c in dpia["criteria"]] == sorted(c["id"] for c in dpia["criteria"])
    assert len(dpia["cnil_mandatory"]) == 14 and len(dpia["cnil_exempt"]) == 12


def test_sources_are_numbered_and_listed(app: typer.Typer) -> None:
    result = run(app, "authorities", "--sources")
    assert result.exit_code == 0
    assert row(result.stdout, "FR")[-1] == "1"  # FR's one source is the first one shown for AT
    assert "\nSources:\n  [1] https://ictinstitute.nl/europes-data-protection-authorities/\n" in (
        result.stdout)
    assert "Sources:" not in run(app, "authorities").stdout


@pytest.mark.parametrize("bad", ["2026-02-30", "26/11/2026", "20261126", "tomorrow"])
def test_bad_as_of_exits_2(app: typer.Typer, bad: str) -> None:
    result = run(app, "adequacy", "--as-of", bad)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: --as-of must be a date as YYYY-MM-DD (such as 2026-11-26), not '{bad}'\n")


def test_bad_kind_and_bad_format_exit_2(app: typer.Typer) -> None:
    result = run(app, "retention", "--kind", "hiring")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --kind: 'hiring' is not an activity kind; use one of ")
    assert run(app, "ages", "--format", "xml").exit_code == 2


def test_malformed_data_file_exits_2_with_the_message(
    app: typer.Typer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "ages.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("age: 15", "age: fifteen", 1),
                    encoding="utf-8")
    monkeypatch.setattr(countries, "DATA_DIR", folder)
    result = run(app, "ages")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: ages.yaml: countries[4] (CZ).age: expected a whole number, got 'fifteen'.\n")
