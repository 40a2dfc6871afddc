"""What the store reports back: the one error type, and the summary of an import.

This module imports nothing heavy, so that the loader and the CLI can name these types
without loading SQLAlchemy."""

from __future__ import annotations

from dataclasses import dataclass


class StoreError(Exception):
    """A database failure the user can act on (bad URL, unreachable server, locked file,
    missing driver, empty database...). The message is one line, for the user."""


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What ``import_register`` stored, and where (the URL without its password)."""

    url: str
    revision: str
    security_measures: int
    processors: int
    activities: int
    processing_on_behalf: int
    created: bool

    def counts(self) -> str:
        """``3 activities, 2 processors, 4 security measures, 1 processing on behalf``."""
        parts = [
            _count(self.activities, "activity", "activities"),
            _count(self.processors, "processor", "processors"),
            _count(self.security_measures, "security measure", "security measures"),
            _count(self.processing_on_behalf, "processing on behalf", "processing on behalf"),
        ]
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class UpgradeSummary:
    """The layout revision of a database before and after ``upgrade``."""

    url: str
    before: str | None
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
