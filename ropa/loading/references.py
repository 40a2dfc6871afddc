"""Checks across the whole register once it is built: duplicate ids (ROPA004) and
references to ids that do not exist (ROPA003)."""

from __future__ import annotations

import difflib
from typing import Iterable, Sequence

from ropa.model.origin import Location, Origin
from ropa.model.register import Register
from ropa.rules.finding import Finding, Severity


def _where(origin: Origin | None, key: str | int | None = None) -> Location:
    if origin is None:
        return Location("register")
    return origin.at(key) if key is not None else origin.location


def _item(origin: Origin | None, key: str, index: int) -> Location:
    if origin is None:
        return Location("register", path=f"$.{key}[{index}]")
    return origin.at_item(key, index)


def _suggest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}? Otherwise " if close else ""


def duplicate_ids(register: Register) -> list[Finding]:
    findings = []
    groups: Sequence[tuple[str, Sequence[object]]] = (
        ("activity", register.activities),
        ("processor", register.processors),
        ("security measure", register.security_measures),
        ("processing on behalf", register.processing_on_behalf),
    )
    for kind, items in groups:
        seen: dict[str, Location] = {}
        for item in items:
            item_id: str = getattr(item, "id")
            location = _where(getattr(item, "origin"), "id")
            first = seen.get(item_id)
            if first is None:
                seen[item_id] = location
                continue
            findings.append(Finding(
                rule="ROPA004", name="duplicate-id", severity=Severity.ERROR,
                message=f"{kind} id {item_id!r} is already used at {first}",
                location=location,
                fix="give each item its own id; ids are unique within their kind across the register",
                subject=f"{kind.replace(' ', '_')}:{item_id}",
            ))
    return findings


def _unknown(kind: str, ref: str, known: set[str], location: Location, fix: str, subject: str) -> Finding:
    return Finding(
        rule="ROPA003", name="unknown-reference", severity=Severity.ERROR,
        message=f"{kind} {ref!r} is not described in this register",
        location=location, fix=_suggest(ref, known) + fix, subject=subject,
    )


def unknown_references(register: Register) -> list[Finding]:
    measures = {m.id for m in register.security_measures}
    processors = {p.id for p in register.processors}
    findings: list[Finding] = []
    measure_fix = "describe it under security_measures in the register file, or correct the id"
    processor_fix = "describe it under processors (or in processors/), or correct the id"
    for activity in register.activities:
        subject = f"activity:{activity.id}"
        for index, measure_id in enumerate(activity.security_measures):
            if measure_id not in measures:
                location = _item(activity.origin, "security_measures", index)
                findings.append(_unknown("security measure", measure_id, measures, location, measure_fix, subject))
        for recipient in activity.recipients:
            if recipient.processor and recipient.processor not in processors:
                findings.append(_unknown("processor", recipient.processor, processors,
                                         _where(recipient.origin, "processor"), processor_fix, subject))
    for processor in register.processors:
        for sub in processor.sub_processors:
            if sub.id and sub.id not in processors:
                findings.append(_unknown("sub-processor", sub.id, processors, _where(sub.origin),
                                         processor_fix + " (or write {name, country, service})",
                                         f"processor:{processor.id}"))
    for pob in register.processing_on_behalf:
        subject = f"processing_on_behalf:{pob.id}"
        for sub in pob.sub_processors:
            if sub.id and sub.id not in processors:
                findings.append(_unknown("sub-processor", sub.id, processors, _where(sub.origin),
                                         processor_fix, subject))
        for index, measure_id in enumerate(pob.security_measures):
            if measure_id not in measures:
                location = _item(pob.origin, "security_measures", index)
                findings.append(_unknown("security measure", measure_id, measures, location, measure_fix, subject))
    return findings
