"""What every reporter shares: the report it renders, the rules it may describe, and the
small helpers for places, counts and grouping.

A reporter is pure: ``render(report) -> str``. It never prints, never reads the clock and
never touches the file system (the CLI writes what it returns)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import ClassVar

from ropa.model.origin import printable
from ropa.rules.config import Config
from ropa.rules.finding import Finding, Severity

_PASSWORD_IN_URL = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s]+):[^@/\s]*@")


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One catalogue entry as a report describes it: ``severity`` is the severity in force
    (after ``ropa.toml``), None when the rule is turned off."""

    id: str
    name: str
    default: Severity
    severity: Severity | None
    article: str
    summary: str
    sections: Mapping[str, str] = field(default_factory=dict)

    @property
    def enabled(self) -> bool:
        return self.severity is not None


def rule_infos(config: Config | None = None) -> tuple[RuleInfo, ...]:
    """The catalogue in id order, with the severities ``config`` sets."""
    from ropa.rules.catalogue import catalogue

    severities = config.severities if config else {}
    return tuple(
        RuleInfo(
            id=entry.id,
            name=entry.name,
            default=entry.severity,
            severity=severities.get(entry.id, entry.severity),
            article=entry.article,
            summary=entry.summary,
            sections=entry.documentation(),
        )
        for entry in catalogue()
    )


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one check, ready to be rendered in any format.

    ``findings`` holds every finding, suppressed ones included, in the engine's order.
    ``base`` is the folder absolute paths are made relative to (the current folder in CI)."""

    findings: tuple[Finding, ...]
    as_of: date
    source: str
    rules: tuple[RuleInfo, ...] = ()
    fail_on: Severity = Severity.ERROR
    docs_url: str | None = None
    show_suppressed: bool = False
    base: Path | None = None

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    @property
    def suppressed(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is not None]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.active if f.severity == severity)

    @property
    def failed(self) -> bool:
        """True when an unsuppressed finding is at or above ``fail_on``."""
        return any(f.severity.rank >= self.fail_on.rank for f in self.active)

    def shown(self) -> list[Finding]:
        """The findings a human-facing format lists: suppressed ones only when asked."""
        return list(self.findings) if self.show_suppressed else self.active

    def rule(self, rule_id: str) -> RuleInfo | None:
        return next((r for r in self.rules if r.id == rule_id), None)


class Reporter(ABC):
    """Base class of every format. Subclasses set ``name`` and implement ``render``."""

    name: ClassVar[str]
    suffix: ClassVar[str] = ".txt"

    @abstractmethod
    def render(self, report: Report) -> str:
        """The whole report in this format."""


def redact(text: str) -> str:
    """A database URL without its password (``postgresql://user:***@host/db``)."""
    return _PASSWORD_IN_URL.sub(r"\g<head>:***@", text)


def is_url(file: str) -> bool:
    return "://" in file


def relative_file(file: str, base: Path | None) -> str:
    """``file`` as a forward-slash path, relative to ``base`` (an absolute folder) when it
    lies under it; a URL (a database source) is returned without its password."""
    if is_url(file):
        return redact(file)
    path = Path(file)
    if path.is_absolute() and base is not None:
        try:  # against the base as Location shows a file name that is not UTF-8
            return path.relative_to(printable(str(base))).as_posix()
        except ValueError:
            return path.as_posix()
    text = path.as_posix()
    return text.removeprefix("./")


def line_of(finding: Finding) -> int:
    """The 1-based line a tool can jump to (1 when the finding has no line)."""
    return max(finding.location.line, 1)


def column_of(finding: Finding) -> int:
    return max(finding.location.column, 1)


def where(finding: Finding) -> str:
    """``FILE:LINE:COL``, the form editors and terminals turn into a link."""
    return f"{redact(finding.location.file)}:{line_of(finding)}:{column_of(finding)}"


def by_file(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by file, files in order of first appearance (the engine sorts by file)."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.location.file, []).append(finding)
    return list(groups.items())


def plural(count: int, word: str) -> str:
    if word == "info":
        return f"{count} info"
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary_line(report: Report) -> str:
    """``SOURCE: 2 errors, 1 warning, 0 info; 1 suppressed (as of 2026-11-26)``."""
    counts = ", ".join(plural(report.count(s), s.value) for s in Severity)
    suppressed = len(report.suppressed)
    return (f"{redact(report.source)}: {counts}; {suppressed} suppressed "
            f"(as of {report.as_of.isoformat()})")
