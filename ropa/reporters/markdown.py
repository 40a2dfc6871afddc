"""Markdown for a pull-request comment or a GitHub job summary ($GITHUB_STEP_SUMMARY).

A heading with the counts, then one table per file: line, severity, rule (linked to its
documentation), finding and fix. Register text is escaped: no HTML from a register reaches
the page, and a ``|`` never breaks a row."""

from __future__ import annotations

from ropa.reporters.base import Report, Reporter, RuleInfo, by_file, plural, redact, relative_file
from ropa.reporters.ruledoc import anchor, md_escape_line
from ropa.reporters.sarif import DOCS_URL
from ropa.rules.finding import Finding, Severity


def _rule_cell(finding: Finding, report: Report) -> str:
    label = f"{finding.rule} {finding.name}"
    info: RuleInfo | None = report.rule(finding.rule)
    if info is None:
        return label
    return f"[{finding.rule}]({report.docs_url or DOCS_URL}#{anchor(info)}) {finding.name}"


def _row(finding: Finding, report: Report) -> str:
    text = md_escape_line(finding.message)
    if finding.suppressed is not None:
        text += f" *(suppressed: {md_escape_line(finding.suppressed or 'no reason given')})*"
    line = str(finding.location.line) if finding.location.line >= 1 else ""
    fix = md_escape_line(finding.fix or "")
    return f"| {line} | {finding.severity.value} | {_rule_cell(finding, report)} | {text} | {fix} |"


def _heading(report: Report) -> list[str]:
    counts = ", ".join(plural(report.count(s), s.value) for s in Severity)
    status = "fails" if report.failed else "passes"
    line = (f"**{counts}**; {len(report.suppressed)} suppressed. As of {report.as_of.isoformat()}, "
            f"the check {status} at `--fail-on {report.fail_on.value}`.")
    return [f"## ropa check: {md_escape_line(redact(report.source))}", "", line]


class MarkdownReporter(Reporter):
    name = "markdown"
    suffix = ".md"

    def render(self, report: Report) -> str:
        lines = _heading(report)
        shown = report.shown()
        if not shown:
            lines += ["", "No findings."]
        for file, findings in by_file(shown):
            lines += ["", f"### `{relative_file(file, report.base)}`", "",
                      "| Line | Severity | Rule | Finding | Fix |", "|---:|---|---|---|---|"]
            lines += [_row(f, report) for f in findings]
        return "\n".join(lines) + "\n"
