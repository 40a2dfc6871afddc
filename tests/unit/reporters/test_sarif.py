"""SARIF 2.1.0: valid against the official schema, and what GitHub code scanning reads."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from ropa.model.origin import Location
from ropa.reporters.base import Report
from ropa.reporters.sarif import DOCS_URL, SarifReporter
from ropa.rules.catalogue import catalogue
from tests.unit.reporters.sample import MISSING_BASIS, SCHEMA, SUPPRESSED, sample_report

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "data" / "sarif-schema-2.1.0.json"


@cache
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def assert_valid_sarif(log: dict[str, Any]) -> None:
    errors = sorted(validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def sarif(report: Report) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(SarifReporter().render(report))
    assert_valid_sarif(log)
    return log


def test_the_vendored_schema_rejects_what_it_must() -> None:
    log = sarif(sample_report())
    del log["runs"][0]["results"][0]["message"]
    assert list(validator().iter_errors(log))


def test_sarif_is_valid_and_describes_the_whole_catalogue() -> None:
    run = sarif(sample_report())["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("ropa", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == [e.id for e in catalogue()]
    rule = next(r for r in driver["rules"] if r["id"] == "ROPA201")
    assert rule["name"] == "legal-basis-missing"
    assert rule["shortDescription"] == {"text": "a purpose has no Art. 6 legal basis"}
    assert rule["fullDescription"] == {"text": "Every purpose of every activity names its Art. 6(1) legal basis."}
    assert rule["helpUri"] == f"{DOCS_URL}#ropa201-legal-basis-missing"
    assert all(urlsplit(r["helpUri"]).scheme == "https" and urlsplit(r["helpUri"]).netloc
               for r in driver["rules"])
    assert rule["help"]["text"].startswith("ROPA201 legal-basis-missing\n")
    assert "**Why it matters**\n\nProcessing without a legal basis is unlawful" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["properties"] == {"article": "Art. 6(1)", "tags": ["gdpr", "lawfulness"]}


def test_configured_severities_reach_the_rule_descriptors() -> None:
    rules = {r["id"]: r for r in sarif(sample_report())["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["ROPA101"]["defaultConfiguration"] == {"level": "warning"}
    assert rules["ROPA408"]["defaultConfiguration"] == {"level": "note", "enabled": False}


def test_results_carry_rule_index_level_location_and_fix() -> None:
    run = sarif(sample_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("ROPA101", "warning"), ("ROPA201", "error"), ("ROPA201", "error"), ("ROPA504", "note"),
        ("ROPA002", "error"),
    ]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    first = results[1]
    assert first["message"] == {"text": "the purpose 'Envoyer la newsletter' of 'newsletter' has no "
                                        "legal basis\nFix: add `legal_basis:`"}
    assert first["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "registers/acme.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 12, "startColumn": 9},
    }}]
    assert first["properties"] == {"subject": "activity:newsletter",
                                   "jsonPath": "$.activities[0].purposes[0]", "fix": "add `legal_basis:`"}
    assert "suppressions" not in first


def test_a_suppressed_finding_is_reported_with_its_justification() -> None:
    results = sarif(sample_report())["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{"kind": "inSource",
                                              "justification": "basis under review with counsel"}]
    assert suppressed[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 20


def test_fingerprints_survive_line_changes_and_tell_findings_apart() -> None:
    def fingerprints(report: Report) -> list[str]:
        return [r["partialFingerprints"]["ropaFinding/v1"] for r in sarif(report)["runs"][0]["results"]]

    moved = dataclasses.replace(MISSING_BASIS, location=dataclasses.replace(MISSING_BASIS.location, line=40))
    before = fingerprints(sample_report(findings=(MISSING_BASIS, SUPPRESSED)))
    after = fingerprints(sample_report(findings=(moved, SUPPRESSED)))
    assert before == after
    assert before[0] != before[1]
    twice = fingerprints(sample_report(findings=(MISSING_BASIS, MISSING_BASIS)))
    assert twice[0].endswith(":1") and twice[1].endswith(":2")
    assert twice[0][:-2] == twice[1][:-2]


def test_paths_are_relative_to_the_repository_and_lines_start_at_one() -> None:
    absolute = dataclasses.replace(SCHEMA, location=Location("/work/repo/registers/b c.yaml", 0, 0, "$"))
    outside = dataclasses.replace(SCHEMA, location=Location("/elsewhere/reg.yaml", 4, 2, "$"))
    results = sarif(sample_report(findings=(absolute, outside)))["runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"] for r in results]
    assert locations[0] == {"artifactLocation": {"uri": "registers/b%20c.yaml", "uriBaseId": "%SRCROOT%"},
                            "region": {"startLine": 1, "startColumn": 1}}
    assert locations[1]["artifactLocation"] == {"uri": "file:///elsewhere/reg.yaml"}


def test_docs_url_from_the_config_replaces_the_default() -> None:
    rules = sarif(sample_report(docs_url="https://intra.example/ropa/rules.html"))["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == "https://intra.example/ropa/rules.html#ropa001-yaml-syntax"


def test_a_clean_register_gives_an_empty_results_array() -> None:
    run = sarif(sample_report(findings=()))["runs"][0]
    assert run["results"] == []
    assert run["properties"] == {"asOf": "2026-11-26", "source": "registers"}
