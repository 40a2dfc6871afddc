"""A stable JSON document for scripts and dashboards.

```json
{"tool": "ropa", "version": "0.1.0", "as_of": "2026-11-26", "source": "registers/acme.yaml",
 "fail_on": "error", "failed": true,
 "summary": {"error": 1, "warning": 0, "info": 0, "suppressed": 1, "total": 2},
 "findings": [{"rule": "ROPA201", "name": "legal-basis-missing", "severity": "error",
               "message": "...", "fix": "...", "file": "registers/acme.yaml", "line": 12,
               "column": 9, "path": "$.activities[0].purposes[0]",
               "subject": "activity:newsletter", "suppressed": null}]}
```
Every finding is listed, suppressed ones with their reason in ``suppressed`` (null when the
finding stands). Keys never disappear: a value that is unknown is null."""

from __future__ import annotations

import json
from typing import Any

from ropa import __version__
from ropa.reporters.base import Report, Reporter, redact
from ropa.rules.finding import Finding, Severity


def finding_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": finding.fix,
        "file": redact(loc.file),
        "line": loc.line or None,
        "column": loc.column or None,
        "path": loc.path,
        "subject": finding.subject,
        "suppressed": finding.suppressed,
    }


def report_dict(report: Report) -> dict[str, Any]:
    summary: dict[str, int] = {s.value: report.count(s) for s in Severity}
    summary["suppressed"] = len(report.suppressed)
    summary["total"] = len(report.findings)
    return {
        "tool": "ropa",
        "version": __version__,
        "as_of": report.as_of.isoformat(),
        "source": redact(report.source),
        "fail_on": report.fail_on.value,
        "failed": report.failed,
        "summary": summary,
        "findings": [finding_dict(f) for f in report.findings],
    }


class JsonReporter(Reporter):
    name = "json"
    suffix = ".json"

    def render(self, report: Report) -> str:
        """Indented, with each finding on one line: readable in a diff and a terminal, and
        written by json's C encoder (an indented dump of 10,000 findings takes the pure-Python
        one, ten times slower)."""
        document = report_dict(report)
        findings = document.pop("findings")
        head = json.dumps(document, ensure_ascii=False, indent=2)[:-2]  # without the closing "\n}"
        if not findings:
            return head + ',\n  "findings": []\n}\n'
        lines = ",\n    ".join(json.dumps(f, ensure_ascii=False) for f in findings)
        return f'{head},\n  "findings": [\n    {lines}\n  ]\n}}\n'

