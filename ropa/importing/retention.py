"""Retention periods as people write them in spreadsheets, turned into the register's
``retention`` (an ISO 8601 duration that keeps the unit written, the event it counts
from, what happens then), or kept as text when no figure can be read.

"5 ans à compter du versement de la paie" -> duration P5Y, start "versement de la paie";
"13 mois" -> P13M; "1 an et 6 mois" -> P1Y6M; "jusqu'à la suppression du compte" ->
criteria (the period ends with an event); "durée illimitée" -> indefinite.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ropa.model.enums import RetentionEnd
from ropa.model.register import Retention

_NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}
_UNITS = {"an": "Y", "ans": "Y", "annee": "Y", "annees": "Y", "year": "Y", "years": "Y",
          "mois": "M", "month": "M", "months": "M", "semaine": "W", "semaines": "W", "week": "W",
          "weeks": "W", "jour": "D", "jours": "D", "day": "D", "days": "D"}
_AMOUNT = r"(?P<n{i}>\d{{1,4}}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_UNIT = r"\s*(?P<u{i}>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b"
_PART = _AMOUNT + _UNIT
_LEAD = r"^(?:(?:conservation|duree|pendant|durant|for|during|kept for|retained for)\s*:?\s*)?"
_DURATION = re.compile(_LEAD + _PART.format(i=0) + r"(?:\s*(?:,|et|and|\+)\s*" + _PART.format(i=1)
                       + r")?(?:\s*(?:,|et|and|\+)\s*" + _PART.format(i=2) + r")?")
_START = re.compile(r"^[\s,]*(?:a compter|a partir|apres|des|depuis|from|after|since|following)\b\s*", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:du|de la|de l'|des|de|d'|le|la|l'|les|the|of the|of)\s*", re.IGNORECASE)
_THEN = re.compile(r"[\s,;]*(?:puis|avant|then|and then|followed by)\s+(?P<what>[^,;()]+)", re.IGNORECASE)
_EVENT = re.compile(r"^(?:jusqu'(?:a|au|aux)|until|till|tant que|pendant (?:toute )?la duree|"
                    r"durant (?:toute )?la duree|pour la duree|for the duration|as long as|"
                    r"duree (?:de la|du|des)|le temps (?:de|du|necessaire)|a la fin|at the end)\b")
_INDEFINITE = re.compile(r"\b(?:illimitee?s?|indefinie?s?|indeterminee?s?|sans limit\w*|indefinite(?:ly)?|"
                         r"unlimited|permanent(?:e|ly)?|a vie)\b")
_ENDINGS = {RetentionEnd.DELETION: ("suppression", "effacement", "destruction", "delet", "eras", "destroy"),
            RetentionEnd.ANONYMISATION: ("anonymi",),
            RetentionEnd.ARCHIVE: ("archiv",)}


@dataclass(frozen=True, slots=True)
class ParsedRetention:
    retention: Retention
    understood: bool  # False: kept as criteria text because no figure could be read


def fold(text: str) -> str:
    """Lowercase without accents, typographic apostrophes straightened, spaces collapsed."""
    text = text.replace("\u2019", "'").replace("\u00a0", " ")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _amount(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _iso(match: re.Match[str]) -> str | None:
    totals: dict[str, int] = {}
    for i in range(3):
        number, unit = match.group(f"n{i}"), match.group(f"u{i}")
        if number is None:
            continue
        totals[_UNITS[unit]] = totals.get(_UNITS[unit], 0) + _amount(number)
    if not any(totals.values()):
        return None
    return "P" + "".join(f"{totals[u]}{u}" for u in "YMWD" if totals.get(u))


def _ending(text: str) -> RetentionEnd | None:
    folded = fold(text)
    for end, stems in _ENDINGS.items():
        if any(stem in folded for stem in stems):
            return end
    return None


def _rest(original: str, consumed: int) -> tuple[str | None, RetentionEnd | None, str | None]:
    """From what follows the duration: the start event, the ending, and a justification."""
    rest = original[consumed:]
    justification_parts = [m.strip() for m in re.findall(r"\(([^()]*)\)", rest) if m.strip()]
    rest = re.sub(r"\([^()]*\)", " ", rest)
    then = None
    then_match = _THEN.search(rest)
    if then_match and _ending(then_match.group("what")):
        then = _ending(then_match.group("what"))
        rest = rest[: then_match.start()] + " " + rest[then_match.end():]
    start = None
    start_match = _START.match(fold(rest))
    if start_match:
        body = rest.lstrip(" ,")
        body = body[len(body) - len(body.lstrip()):]
        words = len(start_match.group(0).split())
        body = " ".join(body.split()[words:])
        cut = re.split(r"\s*(?:;|\s-\s|\s–\s|\s—\s)\s*", body, maxsplit=1)
        start = _ARTICLE.sub("", cut[0].strip(" .,;:-–—"), count=1).strip(" .,;:-–—") or None
        rest = cut[1] if len(cut) > 1 else ""
    leftover = rest.strip(" .,;:-–—")
    if leftover:
        justification_parts.insert(0, leftover)
    return start, then, "; ".join(justification_parts) or None


def parse_retention(text: str) -> ParsedRetention | None:
    """The retention ``text`` describes; None for an empty cell."""
    original = " ".join(text.replace("\u00a0", " ").split())
    if not original:
        return None
    folded = fold(original)
    match = _DURATION.match(folded)
    if match and _iso(match):
        duration = _iso(match)
        # ``fold`` keeps one character per character of the collapsed text, except for
        # decomposed accents, so map the end of the match back through the original.
        consumed = _original_offset(original, match.end())
        start, then, justification = _rest(original, consumed)
        return ParsedRetention(Retention(duration=duration, start=start, then=then,
                                         justification=justification), True)
    if _EVENT.match(folded):
        return ParsedRetention(Retention(criteria=original), True)
    if _INDEFINITE.search(folded):
        extra = original if len(folded.split()) > 3 else None
        return ParsedRetention(Retention(indefinite=True, justification=extra), True)
    return ParsedRetention(Retention(criteria=original), False)


def _original_offset(original: str, folded_end: int) -> int:
    """The index in ``original`` that corresponds to ``folded_end`` in ``fold(original)``."""
    count = 0
    for index, ch in enumerate(original):
        if count >= folded_end:
            return index
        count += len(fold(ch)) if ch.strip() else 1
    return len(original)
