"""A finding: one thing wrong with a register, where it is, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ropa.model.origin import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem. ``rule`` and ``name`` are the catalogue's id and slug (ROPA002,
    schema-violation); ``subject`` names what it is about (``activity:newsletter``)."""

    rule: str
    name: str
    severity: Severity
    message: str
    location: Location
    fix: str | None = None
    subject: str | None = None
    suppressed: str | None = None  # the reason, when a `suppress` entry accepts this finding
    message_fr: str | None = None  # the message and fix in French, for documents in French
    fix_fr: str | None = None

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` ("fr" or "en"): English where no French is known (the
        loader's problems, ROPA001-004, are in English only)."""
        return self.message_fr if lang == "fr" and self.message_fr else self.message

    def fix_in(self, lang: str) -> str | None:
        """The fix in ``lang``, as :meth:`message_in`."""
        return self.fix_fr if lang == "fr" and self.message_fr else self.fix

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.message)

    def line(self) -> str:
        """The one-line form editors and CI parse: ``FILE:LINE:COL: ID name: message``."""
        loc = self.location
        where = f"{loc.file}:{loc.line}:{loc.column}" if loc.line else f"{loc.file}:1:1"
        text = f"{where}: {self.rule} {self.name}: {self.message} [{loc.path}]"
        if self.fix:
            text += f" Fix: {self.fix}"
        return text
