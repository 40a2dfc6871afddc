"""A report with known findings, shared by the reporter tests.

Five findings in two files: an error, a warning (ROPA101 configured down to warning), an
info, a suppressed error and a loader problem (ROPA002, no subject)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ropa.model.origin import Location
from ropa.reporters import Report, rule_infos
from ropa.rules.config import Config
from ropa.rules.finding import Finding, Severity

AS_OF = date(2026, 11, 26)
ACME = "registers/acme.yaml"
OTHER = "registers/other.yaml"

MISSING_BASIS = Finding(
    rule="ROPA201", name="legal-basis-missing", severity=Severity.ERROR,
    message="the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis",
    location=Location(ACME, 12, 9, "$.activities[0].purposes[0]"),
    fix="add `legal_basis:`", subject="activity:newsletter",
)
NO_EMAIL = Finding(
    rule="ROPA101", name="controller-identity-missing", severity=Severity.WARNING,
    message="the organisation has no `email`",
    location=Location(ACME, 2, 3, "$.organisation"),
    fix="add `email` under `organisation`", subject="organisation",
)
UNUSED_PROCESSOR = Finding(
    rule="ROPA504", name="processor-unused", severity=Severity.INFO,
    message="processor 'stripe' is used by no activity",
    location=Location(ACME, 30, 5, "$.processors[0]"),
    fix="remove it, or list it in the recipients of an activity", subject="processor:stripe",
)
SUPPRESSED = Finding(
    rule="ROPA201", name="legal-basis-missing", severity=Severity.ERROR,
    message="the purpose 'Gérer les comptes' of 'accounts' has no legal basis",
    location=Location(ACME, 20, 9, "$.activities[1].purposes[0]"),
    fix="add `legal_basis:`", subject="activity:accounts",
    suppressed="basis under review with counsel",
)
SCHEMA = Finding(
    rule="ROPA002", name="schema-violation", severity=Severity.ERROR,
    message="unknown key 'legal_bassis'",
    location=Location(OTHER, 3, 1, "$.purposes[0].legal_bassis"),
    fix="did you mean 'legal_basis'?",
)

FINDINGS = (NO_EMAIL, MISSING_BASIS, SUPPRESSED, UNUSED_PROCESSOR, SCHEMA)
CONFIG = Config(severities={"ROPA101": Severity.WARNING, "ROPA408": None})


def sample_report(findings: tuple[Finding, ...] = FINDINGS, **changes: object) -> Report:
    values: dict[str, object] = {
        "findings": findings, "as_of": AS_OF, "source": "registers", "rules": rule_infos(CONFIG),
        "base": Path("/work/repo"),
    }
    values.update(changes)
    return Report(**values)  # type: ignore[arg-type]
