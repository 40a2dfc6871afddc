"""JUnit XML for GitLab (``artifacts:reports:junit``), Jenkins, Azure and other CI test views.

One ``<testcase>`` per rule and subject (``classname`` = rule id, ``name`` = the subject:
``activity:newsletter``, ``processor:stripe``, ``organisation``; the file for problems that
have no subject, such as ROPA001):

- error and warning findings are a ``<failure>`` (``type`` = the severity, ``message`` =
  the first message), whose text lists every finding of the case with its place and fix;
- a suppressed finding is ``<skipped message="reason"/>``;
- info findings do not fail the case: it passes, with the findings in ``<system-out>`` so
  they stay readable in the CI's test view without turning it red;
- every enabled rule that found nothing is one passing case named ``register``, so a clean
  register shows as N passed tests rather than an empty report.

No timestamps or durations: the same register gives the same file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from ropa.reporters.base import Report, Reporter, line_of, redact, relative_file, where
from ropa.rules.finding import Finding, Severity

PASSING_NAME = "register"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text with the characters XML 1.0 cannot hold removed."""
    return _XML_INVALID.sub("", text)


def _describe(finding: Finding) -> str:
    head = (f"{where(finding)}: {finding.severity.value} {finding.rule} {finding.name} "
            f"[{finding.location.path}]")
    lines = [head, finding.message]
    if finding.fix:
        lines.append(f"Fix: {finding.fix}")
    return "\n".join(lines)


def _case_name(finding: Finding, report: Report) -> str:
    return finding.subject or relative_file(finding.location.file, report.base)


def _cases(report: Report) -> dict[tuple[str, str], list[Finding]]:
    cases: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        cases[(finding.rule, _case_name(finding, report))].append(finding)
    return cases


def _fill_case(case: ET.Element, findings: list[Finding], report: Report) -> str:
    """Add the outcome of one case; return "failure", "skipped" or "passed"."""
    first = findings[0]
    case.set("file", relative_file(first.location.file, report.base))
    case.set("line", str(line_of(first)))
    active = [f for f in findings if f.suppressed is None]
    failing = [f for f in active if f.severity != Severity.INFO]
    if failing:
        more = f" (and {len(failing) - 1} more)" if len(failing) > 1 else ""
        failure = ET.SubElement(case, "failure", message=xml_text(failing[0].message + more),
                                type=failing[0].severity.value)
        failure.text = xml_text("\n\n".join(_describe(f) for f in failing))
        return "failure"
    if active:
        ET.SubElement(case, "system-out").text = xml_text("\n\n".join(_describe(f) for f in active))
        return "passed"
    reasons = sorted({f.suppressed or "no reason given" for f in findings})
    ET.SubElement(case, "skipped", message=xml_text("; ".join(reasons)))
    return "skipped"


def junit_tree(report: Report) -> ET.Element:
    suites = ET.Element("testsuites", name="ropa")
    suite = ET.SubElement(suites, "testsuite", name=xml_text(f"ropa check {redact(report.source)}"))
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="as_of", value=report.as_of.isoformat())
    ET.SubElement(properties, "property", name="fail_on", value=report.fail_on.value)
    outcomes = {"failure": 0, "skipped": 0, "passed": 0}
    cases = _cases(report)
    reported_rules = {rule for rule, _ in cases}
    for info in report.rules:
        if info.enabled and info.id not in reported_rules:
            cases[(info.id, PASSING_NAME)] = []
    for (rule, name) in sorted(cases):
        case = ET.SubElement(suite, "testcase", classname=rule, name=xml_text(name))
        findings = cases[(rule, name)]
        outcomes[_fill_case(case, findings, report) if findings else "passed"] += 1
    total = sum(outcomes.values())
    for element in (suites, suite):
        element.set("tests", str(total))
        element.set("failures", str(outcomes["failure"]))
        element.set("errors", "0")
        element.set("skipped", str(outcomes["skipped"]))
    return suites


class JunitReporter(Reporter):
    name = "junit"
    suffix = ".xml"

    def render(self, report: Report) -> str:
        tree = junit_tree(report)
        ET.indent(tree)
        body = ET.tostring(tree, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
