"""Checks across the whole register once it is built: duplicate ids (ROPA004) and
references to ids that do not exist (ROPA003)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from ropa.model.origin import Location, Origin
from ropa.model.register import Activity, ProcessingOnBehalf, Processor, Register, SecurityMeasure
from ropa.rules.finding import Finding, Severity

Identified = Activity | Processor | SecurityMeasure | ProcessingOnBehalf  # what carries an id


def _where(origin: Origin | None, key: str | int | None = None) -> Location:
    if origin is None:
        return Location("register")
    return origin.at(key) if key is not None else origin.location


def _item(origin: Origin | None, key: str, index: int) -> Location:
    """The location of the ``index``-th id of the list under ``key``: the builder keeps
    only the valid ids, so it is the ``index``-th entry the origin knows for that list."""
    if origin is None:
        return Location("register", path=f"$.{key}[{index}]")
    prefix = f"{key}["
    in_file = sorted(int(k[len(prefix):-1]) for k in origin.keys if k.startswith(prefix))
    return origin.at_item(key, in_file[index] if index < len(in_file) else index)


def _suggest(word: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}? Otherwise " if close else ""


def duplicate_ids(register: Register) -> list[Finding]:
    findings = []
    groups: Sequence[tuple[str, Sequence[Identified]]] = (
        ("activity", register.activities),
        ("processor", register.processors),
        ("security measure", register.security_measures),
        ("processing on behalf", register.processing_on_behalf),
    )
    for kind, items in groups:
        seen: dict[str, Identified] = {}
        for item in items:
            item_id: str = item.id
            first = seen.setdefault(item_id, item)
            if first is item:
                continue
            findings.append(Finding(
                rule="ROPA004", name="duplicate-id", severity=Severity.ERROR,
                message=f"{kind} id {item_id!r} is already used at {_where(first.origin, 'id')}",
                location=_where(item.origin, "id"),
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


_MEASURE_FIX = "describe it under security_measures in the register file, or correct the id"
_PROCESSOR_FIX = "describe it under processors (or in processors/), or correct the id"
_SUB_FIX = ("describe it under processors (or in processors/), correct the id, or write "
            "{name, country, service} for a sub-processor known only by name")


def _measure_refs(register: Register, measures: set[str]) -> list[Finding]:
    findings = []
    holders: list[tuple[str, list[Activity] | list[ProcessingOnBehalf]]] = [
        ("activity", register.activities), ("processing_on_behalf", register.processing_on_behalf)]
    for kind, items in holders:
        for holder in items:
            if measures.issuperset(holder.security_measures):
                continue  # the common case, checked at C speed
            for index, measure_id in enumerate(holder.security_measures):
                if measure_id not in measures:
                    location = _item(holder.origin, "security_measures", index)
                    findings.append(_unknown("security measure", measure_id, measures, location,
                                             _MEASURE_FIX, f"{kind}:{holder.id}"))
    return findings


def _processor_refs(register: Register, processors: set[str]) -> list[Finding]:
    findings = []
    for activity in register.activities:
        for recipient in activity.recipients:
            if recipient.processor and recipient.processor not in processors:
                findings.append(_unknown("processor", recipient.processor, processors,
                                         _where(recipient.origin, "processor"), _PROCESSOR_FIX,
                                         f"activity:{activity.id}"))
    holders: list[tuple[str, Processor | ProcessingOnBehalf]] = [
        *((f"processor:{p.id}", p) for p in register.processors),
        *((f"processing_on_behalf:{p.id}", p) for p in register.processing_on_behalf),
    ]
    for subject, holder in holders:
        for sub in holder.sub_processors:
            if sub.id and sub.id not in processors:
                findings.append(_unknown("sub-processor", sub.id, processors, _where(sub.origin), _SUB_FIX,
                                         subject))
    return findings


def unknown_references(register: Register, *, measures_complete: bool = True,
                       processors_complete: bool = True) -> list[Finding]:
    """References to ids that nothing describes. A catalogue read only in part (a file that
    did not parse) is not checked: its missing ids would only repeat the syntax error."""
    findings: list[Finding] = []
    if measures_complete:
        findings += _measure_refs(register, {m.id for m in register.security_measures})
    if processors_complete:
        findings += _processor_refs(register, {p.id for p in register.processors})
    return findings
