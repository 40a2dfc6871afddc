"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=registers/acme.yaml,line=12,col=9,title=ROPA201 legal-basis-missing::message``
(warning -> ``::warning``, info -> ``::notice``). Values are escaped as GitHub's runner
expects: ``%``, CR and LF in the message; those and ``:`` and ``,`` in the properties.
Suppressed findings are not annotated (they are accepted); the fix follows the message on
a second line. A finding without a line is annotated on the file."""

from __future__ import annotations

from ropa.reporters.base import Report, Reporter, relative_file
from ropa.rules.finding import Finding, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, report: Report) -> str:
    loc = finding.location
    props = [("file", relative_file(loc.file, report.base))]
    if loc.line >= 1:
        props.append(("line", str(loc.line)))
        if loc.column >= 1:
            props.append(("col", str(loc.column)))
    props.append(("title", f"{finding.rule} {finding.name}"))
    message = finding.message + (f"\nFix: {finding.fix}" if finding.fix else "")
    properties = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[finding.severity]} {properties}::{escape_data(message)}"


class GithubReporter(Reporter):
    name = "github"
    suffix = ".txt"

    def render(self, report: Report) -> str:
        return "".join(annotation(f, report) + "\n" for f in report.active)
