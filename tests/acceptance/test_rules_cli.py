"""``ropa rules`` and ``ropa rules explain`` through the command line."""

from __future__ import annotations

import json
import re

import typer
from typer.testing import CliRunner, Result

from ropa.cli import rules as rules_command
from ropa.reporters import rule_infos
from ropa.reporters.ruledoc import index_table
from ropa.reporters.sarif import DOCS_URL
from ropa.rules.catalogue import catalogue


def app() -> typer.Typer:
    """A throwaway app holding ``rules``, as the lead's app holds it."""
    application = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @application.callback()
    def _root() -> None:
        """ropa"""

    rules_command.install(application)
    return application


def run(*args: str) -> Result:
    return CliRunner().invoke(app(), ["rules", *args])


def test_rules_lists_the_catalogue_one_line_per_rule() -> None:
    result = run()
    lines = result.stdout.splitlines()
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.split()[0] for line in lines] == [e.id for e in catalogue()]
    ropa201 = next(line for line in lines if line.startswith("ROPA201"))
    assert ropa201.split(None, 2)[:2] == ["ROPA201", "legal-basis-missing"]
    assert "  error  " in ropa201 and "Art. 6(1)" in ropa201
    assert ropa201.endswith("  a purpose has no Art. 6 legal basis")
    columns = {re.match(r"ROPA[0-9]{3}  \S+ +(error|warning|info) ", line).start(1)  # type: ignore[union-attr]
               for line in lines}
    assert len(columns) == 1  # the severity column is aligned


def test_rules_json() -> None:
    result = run("--format", "json")
    rules = json.loads(result.stdout)
    assert result.exit_code == 0
    assert len(rules) == len(catalogue())
    assert next(r for r in rules if r["id"] == "ROPA201") == {
        "id": "ROPA201", "name": "legal-basis-missing", "severity": "error", "article": "Art. 6(1)",
        "summary": "a purpose has no Art. 6 legal basis",
        "help_uri": f"{DOCS_URL}#ropa201-legal-basis-missing",
    }


def test_rules_markdown_is_the_index_table() -> None:
    result = run("--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == index_table(rule_infos(), link=False)
    assert result.stdout.splitlines()[0] == "| id | name | default | article | checks |"


def test_explain_prints_every_documented_section() -> None:
    result = run("explain", "ROPA201")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.startswith(
        "ROPA201 legal-basis-missing\nDefault severity: error   Article: Art. 6(1)\n"
        "a purpose has no Art. 6 legal basis\n\nWhat it checks\n"
        "Every purpose of every activity names its Art. 6(1) legal basis.\n\nWhy it matters\n")
    for heading in ("Example", "Fix", "References"):
        assert f"\n\n{heading}\n" in result.stdout
    assert result.stdout.endswith(f"\nDocumentation: {DOCS_URL}#ropa201-legal-basis-missing\n")


def test_explain_accepts_lower_case_ids_and_rule_names() -> None:
    by_id = run("explain", "ropa101").stdout
    assert by_id.startswith("ROPA101 controller-identity-missing\n")
    assert run("explain", "controller-identity-missing").stdout == by_id


def test_explain_an_unknown_rule_is_exit_2_with_the_list_hint() -> None:
    result = run("explain", "ROPA999")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: no rule 'ROPA999'; `ropa rules` lists every rule id and name\n"


def test_explain_works_for_every_rule() -> None:
    for entry in catalogue():
        result = run("explain", entry.id)
        assert result.exit_code == 0, entry.id
        assert "\n\nReferences\n" in result.stdout, entry.id
