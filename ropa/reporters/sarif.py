"""SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif) and other viewers.

- ``tool.driver.rules`` is the whole catalogue in id order, each rule with its summary, its
  documentation (``help.text`` / ``help.markdown``), ``helpUri`` to its section of
  docs/rules.md, its level in force and, in ``properties``, its GDPR article and tags.
- Every result has ``ruleId``, ``ruleIndex``, an explicit ``level`` (error -> error,
  warning -> warning, info -> note), a physical location relative to the repository
  (``uriBaseId`` ``%SRCROOT%``, lines from 1), and ``partialFingerprints`` built from what
  identifies the finding (rule, file, JSON path, subject) rather than its line, so an alert
  survives edits elsewhere in the file.
- A suppressed finding carries ``suppressions: [{kind: inSource, justification: reason}]``:
  code scanning shows it as dismissed rather than dropping it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from ropa import __version__
from ropa.reporters.base import (
    Report,
    Reporter,
    RuleInfo,
    column_of,
    is_url,
    line_of,
    redact,
    relative_file,
)
from ropa.reporters.ruledoc import anchor, family, full_description, rule_markdown, rule_text
from ropa.rules.finding import Finding, Severity

PROJECT_URL = "https://github.com/ropa-project/ropa"
DOCS_URL = f"{PROJECT_URL}/blob/main/docs/rules.md"
"""Where docs/rules.md is published; ``docs_url`` in ropa.toml overrides it."""

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "ropaFinding/v1"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def help_uri(info: RuleInfo, docs_url: str | None = None) -> str:
    return f"{docs_url or DOCS_URL}#{anchor(info)}"


def rule_descriptor(info: RuleInfo, docs_url: str | None) -> dict[str, Any]:
    configuration: dict[str, Any] = {"level": LEVEL[info.severity or info.default]}
    if not info.enabled:
        configuration["enabled"] = False
    return {
        "id": info.id,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": full_description(info)},
        "help": {"text": rule_text(info), "markdown": rule_markdown(info)},
        "helpUri": help_uri(info, docs_url),
        "defaultConfiguration": configuration,
        "properties": {"article": info.article, "tags": ["gdpr", family(info.id)]},
    }


def artifact_location(file: str, report: Report) -> dict[str, Any]:
    """A relative URI under %SRCROOT% for a file in the repository; an absolute URI otherwise."""
    if is_url(file):
        return {"uri": redact(file)}
    path = relative_file(file, report.base)
    if path.startswith("/"):
        return {"uri": "file://" + quote(path)}
    return {"uri": quote(path), "uriBaseId": SRCROOT}


def fingerprint(finding: Finding, file: str) -> str:
    identity = "\x1f".join((finding.rule, file, finding.location.path, finding.subject or ""))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def result(finding: Finding, index: int | None, report: Report, occurrence: int) -> dict[str, Any]:
    location = artifact_location(finding.location.file, report)
    entry: dict[str, Any] = {"ruleId": finding.rule}
    if index is not None:
        entry["ruleIndex"] = index
    entry["level"] = LEVEL[finding.severity]
    entry["message"] = {"text": finding.message + (f"\nFix: {finding.fix}" if finding.fix else "")}
    entry["locations"] = [{"physicalLocation": {
        "artifactLocation": location,
        "region": {"startLine": line_of(finding), "startColumn": column_of(finding)},
    }}]
    entry["partialFingerprints"] = {
        FINGERPRINT_KEY: f"{fingerprint(finding, location['uri'])}:{occurrence}",
    }
    properties = {"subject": finding.subject, "jsonPath": finding.location.path, "fix": finding.fix}
    entry["properties"] = {key: value for key, value in properties.items() if value is not None}
    if finding.suppressed is not None:
        entry["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return entry


def sarif_log(report: Report) -> dict[str, Any]:
    index = {info.id: i for i, info in enumerate(report.rules)}
    seen: dict[str, int] = {}
    results = []
    for finding in report.findings:
        key = fingerprint(finding, finding.location.file)
        seen[key] = seen.get(key, 0) + 1
        results.append(result(finding, index.get(finding.rule), report, seen[key]))
    driver = {
        "name": "ropa",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URL,
        "rules": [rule_descriptor(info, report.docs_url) for info in report.rules],
    }
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"asOf": report.as_of.isoformat(), "source": redact(report.source)},
        }],
    }


class SarifReporter(Reporter):
    name = "sarif"
    suffix = ".sarif"

    def render(self, report: Report) -> str:
        return json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
