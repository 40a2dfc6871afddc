"""The text and JSON formats on the sample report: exact output."""

from __future__ import annotations

import dataclasses
import json

from ropa.model.origin import Location
from ropa.reporters.json import JsonReporter
from ropa.reporters.text import TextReporter
from tests.unit.reporters.sample import NO_EMAIL, sample_report

EXPECTED_TEXT = """\
registers/acme.yaml
  registers/acme.yaml:2:3: warning ROPA101 controller-identity-missing [$.organisation]
    the organisation has no `email`
    Fix: add `email` under `organisation`
  registers/acme.yaml:12:9: error ROPA201 legal-basis-missing [$.activities[0].purposes[0]]
    the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis
    Fix: add `legal_basis:`
  registers/acme.yaml:30:5: info ROPA504 processor-unused [$.processors[0]]
    processor 'stripe' is used by no activity
    Fix: remove it, or list it in the recipients of an activity

registers/other.yaml
  registers/other.yaml:3:1: error ROPA002 schema-violation [$.purposes[0].legal_bassis]
    unknown key 'legal_bassis'
    Fix: did you mean 'legal_basis'?
"""

SUPPRESSED_BLOCK = """\
  registers/acme.yaml:20:9: error (suppressed) ROPA201 legal-basis-missing [$.activities[1].purposes[0]]
    the purpose 'Gérer les comptes' of 'accounts' has no legal basis
    Fix: add `legal_basis:`
    Suppressed: basis under review with counsel
"""


def test_text_groups_findings_by_file_and_hides_suppressed_ones() -> None:
    assert TextReporter().render(sample_report()) == EXPECTED_TEXT


def test_text_shows_suppressed_findings_with_their_reason_when_asked() -> None:
    text = TextReporter().render(sample_report(show_suppressed=True))
    assert SUPPRESSED_BLOCK in text
    assert text.index("acme.yaml:12:9") < text.index("acme.yaml:20:9") < text.index("acme.yaml:30:5")


def test_text_styled_lines_carry_the_same_text_and_colour_the_severity() -> None:
    lines = TextReporter().lines(sample_report())
    assert "\n".join(line.plain for line in lines) + "\n" == EXPECTED_TEXT
    first = lines[1]
    styles = {first.plain[span.start:span.end]: str(span.style) for span in first.spans}
    assert styles["warning"] == "yellow"
    assert styles["ROPA101 controller-identity-missing"] == "cyan"


def test_text_of_a_clean_register_is_empty() -> None:
    assert TextReporter().render(sample_report(findings=())) == ""


def test_json_document_lists_every_finding_with_stable_keys() -> None:
    document = json.loads(JsonReporter().render(sample_report()))
    assert {k: v for k, v in document.items() if k != "findings"} == {
        "tool": "ropa", "version": "0.1.0", "as_of": "2026-11-26", "source": "registers",
        "fail_on": "error", "failed": True,
        "summary": {"error": 2, "warning": 1, "info": 1, "suppressed": 1, "total": 5},
    }
    assert [(f["rule"], f["subject"], f["suppressed"]) for f in document["findings"]] == [
        ("ROPA101", "organisation", None),
        ("ROPA201", "activity:newsletter", None),
        ("ROPA201", "activity:accounts", "basis under review with counsel"),
        ("ROPA504", "processor:stripe", None),
        ("ROPA002", None, None),
    ]
    assert document["findings"][1] == {
        "rule": "ROPA201", "name": "legal-basis-missing", "severity": "error",
        "message": "the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis",
        "fix": "add `legal_basis:`", "file": "registers/acme.yaml", "line": 12, "column": 9,
        "path": "$.activities[0].purposes[0]", "subject": "activity:newsletter", "suppressed": None,
    }


def test_json_keeps_non_ascii_text_readable_and_ends_with_a_newline() -> None:
    text = JsonReporter().render(sample_report())
    assert "Gérer les comptes" in text
    assert text.endswith("}\n")


def test_json_hides_the_password_of_a_database_source() -> None:
    report = sample_report(findings=(), source="postgresql+psycopg://ropa:s3cret@db.example/ropa")
    document = json.loads(JsonReporter().render(report))
    assert document["source"] == "postgresql+psycopg://ropa:***@db.example/ropa"
    assert document["failed"] is False


def test_text_names_the_subject_when_a_finding_has_no_line() -> None:
    from_database = dataclasses.replace(NO_EMAIL, location=Location("sqlite:///ropa.db"))
    assert TextReporter().render(sample_report(findings=(from_database,))) == (
        "sqlite:///ropa.db\n"
        "  sqlite:///ropa.db: warning ROPA101 controller-identity-missing [organisation]\n"
        "    the organisation has no `email`\n"
        "    Fix: add `email` under `organisation`\n")


def test_json_puts_each_finding_on_its_own_line_and_reads_back_to_the_same_document() -> None:
    from ropa.reporters.json import report_dict

    report = sample_report()
    text = JsonReporter().render(report)
    lines = text.splitlines()
    start = lines.index('  "findings": [')
    assert [line[:14] for line in lines[start + 1:start + 6]] == ['    {"rule": "'] * 5
    assert lines[start + 6:] == ["  ]", "}"]
    assert json.loads(text) == report_dict(report)


def test_json_of_a_clean_register_has_an_empty_list_of_findings() -> None:
    text = JsonReporter().render(sample_report(findings=()))
    assert text.endswith('  "findings": []\n}\n')
    assert json.loads(text)["findings"] == []
