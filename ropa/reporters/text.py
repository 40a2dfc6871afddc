"""The human format: findings grouped by file, each with its place, rule, message and fix.

```
registers/acme.yaml
  registers/acme.yaml:12:9: error ROPA201 legal-basis-missing [$.activities[0].purposes[0]]
    the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis
    Fix: add `legal_basis:` (consent, contract, ...)
```

:meth:`TextReporter.lines` gives the same lines as Rich ``Text`` with styles, which the CLI
prints on a terminal; :meth:`TextReporter.render` gives them plain (files, pipes, tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ropa.reporters.base import Report, Reporter, by_file, redact, where
from ropa.rules.finding import Finding, Severity

if TYPE_CHECKING:
    from rich.text import Text

SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _where(finding: Finding) -> str:
    """``FILE:LINE:COL``, or the file alone when the finding has no line."""
    return where(finding) if finding.location.line else redact(finding.location.file)


def _finding_lines(finding: Finding) -> list[tuple[str, str]]:
    """(text, style) pieces of one finding's lines; a "\n" piece ends a line."""
    status = finding.severity.value + (" (suppressed)" if finding.suppressed is not None else "")
    place = f" [{finding.location.path}]"
    if not finding.location.line and finding.subject:  # a database source has no lines
        place = f" [{finding.subject}]"
    pieces = [
        ("  ", ""), (_where(finding), "bold"), (": ", ""),
        (status, SEVERITY_STYLE[finding.severity]), (" ", ""),
        (f"{finding.rule} {finding.name}", "cyan"), (place, "dim"), ("\n", ""),
        (f"    {finding.message}", ""), ("\n", ""),
    ]
    if finding.fix:
        pieces += [("    Fix: ", "green"), (finding.fix, ""), ("\n", "")]
    if finding.suppressed is not None:
        reason = finding.suppressed or "no reason given"
        pieces += [("    Suppressed: ", "magenta"), (reason, ""), ("\n", "")]
    return pieces


def _pieces(report: Report) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    for index, (file, findings) in enumerate(by_file(report.shown())):
        if index:
            pieces.append(("\n", ""))
        pieces += [(redact(file), "bold underline"), ("\n", "")]
        for finding in findings:
            pieces += _finding_lines(finding)
    return pieces


class TextReporter(Reporter):
    name = "text"
    suffix = ".txt"

    def render(self, report: Report) -> str:
        return "".join(text for text, _ in _pieces(report))

    def lines(self, report: Report) -> list[Text]:
        """The report as styled Rich lines (no trailing newline in each)."""
        from rich.text import Text

        lines: list[Text] = []
        current = Text()
        for text, style in _pieces(report):
            if text == "\n":
                lines.append(current)
                current = Text()
            else:
                current.append(text, style=style or None)
        return lines
