"""ISO 8601 durations as the register writes them (P3Y, P13M, P6M, P30D).

The register keeps the text the user wrote; these helpers compare durations and add them
to dates. For comparison a year is 365.25 days and a month a twelfth of that (30.4375
days), so P1Y and P12M are equal and P13M is longer than P1Y.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_PATTERN = re.compile(
    r"P(?!$)(?:(?P<years>[0-9]+)Y)?(?:(?P<months>[0-9]+)M)?(?:(?P<weeks>[0-9]+)W)?(?:(?P<days>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<hours>[0-9]+)H)?(?:(?P<minutes>[0-9]+)M)?(?:(?P<seconds>[0-9]+)S)?)?"
)

DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12


@dataclass(frozen=True, slots=True)
class Duration:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0
    hours: int = 0
    minutes: int = 0
    seconds: int = 0

    @property
    def total_days(self) -> float:
        return (self.years * DAYS_PER_YEAR + self.months * DAYS_PER_MONTH + self.weeks * 7
                + self.days + (self.hours * 3600 + self.minutes * 60 + self.seconds) / 86400)

    def after(self, start: date) -> date:
        """The calendar date this long after ``start`` (month ends are clamped: Jan 31 +
        P1M is the last day of February)."""
        month_index = start.month - 1 + self.months + 12 * self.years
        year, month = start.year + month_index // 12, month_index % 12 + 1
        day = start.day
        if day > 28:  # every month has 28 days: only a later day may need clamping
            day = min(day, calendar.monthrange(year, month)[1])
        extra = self.weeks * 7 + self.days + (self.hours * 3600 + self.minutes * 60 + self.seconds) // 86400
        end = date(year, month, day)
        return end + timedelta(days=extra) if extra else end


def parse_duration(text: str) -> Duration | None:
    """The duration ``text`` denotes, or None when it is not an ISO 8601 duration."""
    match = _PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        return None
    return Duration(**{k: int(v) for k, v in match.groupdict().items() if v is not None})


def duration_days(text: str) -> float | None:
    parsed = parse_duration(text)
    return parsed.total_days if parsed else None


def describe(text: str, language: str = "en") -> str:
    """A duration in words: 'P13M' -> '13 months' / '13 mois'."""
    parsed = parse_duration(text)
    if parsed is None:
        return text
    words = {
        "en": (("year", "years"), ("month", "months"), ("week", "weeks"), ("day", "days"),
               ("hour", "hours"), ("minute", "minutes"), ("second", "seconds")),
        "fr": (("an", "ans"), ("mois", "mois"), ("semaine", "semaines"), ("jour", "jours"),
               ("heure", "heures"), ("minute", "minutes"), ("seconde", "secondes")),
    }[language if language in ("en", "fr") else "en"]
    values = (parsed.years, parsed.months, parsed.weeks, parsed.days, parsed.hours, parsed.minutes,
              parsed.seconds)
    parts = [f"{v} {w[0] if v == 1 else w[1]}" for v, w in zip(values, words) if v]
    joiner = " et " if language == "fr" else " and "
    return joiner.join(parts) if parts else text
