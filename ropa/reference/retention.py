"""CNIL reference retention periods, and ISO 8601 durations as comparable days.

Days follow ropa.model.duration (1 year = 365.25 days, 1 month = a twelfth of that, so
P12M = P1Y and P13M > P1Y), rounded to the nearest whole day: the references and a
register's durations compare by the same convention.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ropa.model.duration import parse_duration
from ropa.model.enums import ActivityKind, DataCategory
from ropa.reference._loader import DATA_DIR, Node, read_yaml, unique
from ropa.reference.facts import RetentionReference

RETENTION_FILE = "retention.yaml"

def duration_days(iso: str) -> int:
    """The number of days in an ISO 8601 duration (``P3Y``, ``P13M``, ``P1Y6M``, ``P30D``),
    rounded to the nearest day, by ropa.model.duration's convention (the one rules use for
    a register's durations); ValueError for text that is not such a duration."""
    parsed = parse_duration(iso)
    if parsed is None:
        raise ValueError(f"{iso!r} is not an ISO 8601 duration such as P3Y, P13M or P30D.")
    return int(parsed.total_days + 0.5)


def _days(node: Node, key: str) -> tuple[str | None, int | None]:
    value = node.opt_text(key)
    if value is None:
        return None, None
    try:
        return value, duration_days(value)
    except ValueError as exc:
        raise node.fail(key, str(exc)) from None


def _reference(node: Node) -> RetentionReference:
    confidence, sources, checked = node.provenance()
    category = node.opt_text("data_category")
    if category is not None:
        category = node.choice("data_category", {c.value for c in DataCategory})
    maximum, max_days = _days(node, "max")
    justified, justified_days = _days(node, "max_justified")
    if justified_days is not None and (max_days is None or justified_days <= max_days):
        raise node.fail("max_justified", "must be longer than a fixed max.")
    return RetentionReference(
        id=node.text("id"),
        kind=ActivityKind(node.choice("kind", {k.value for k in ActivityKind})),
        data_category=DataCategory(category) if category else None,
        limits=node.choice("limits", {"retention", "cookie_lifetime"}),
        max=maximum,
        max_days=max_days,
        max_justified=justified,
        max_justified_days=justified_days,
        start=node.opt_text("start"),
        text_fr=node.text("text_fr"),
        instrument=node.opt_text("instrument"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


@cache
def _references(directory: Path) -> tuple[RetentionReference, ...]:
    root = Node.root(read_yaml(directory, RETENTION_FILE), RETENTION_FILE)
    found: list[RetentionReference] = []
    seen: list[tuple[str, Node]] = []
    for node in root.items("references", label="id"):
        found.append(_reference(node))
        seen.append((found[-1].id, node))
        node.done()
    root.done()
    unique(seen, "id")
    return tuple(found)


def all_retention_references() -> list[RetentionReference]:
    """Every reference, in the order of retention.yaml (grouped by activity kind)."""
    return list(_references(DATA_DIR))


def retention_references(kind: str, data_category: str | None = None) -> list[RetentionReference]:
    """The references for an activity ``kind``: those for every category of data, plus,
    when ``data_category`` is given, those for that category. Empty for a kind without a
    reference (research, other)."""
    return [
        ref
        for ref in _references(DATA_DIR)
        if ref.kind == kind and (ref.data_category is None or ref.data_category == data_category)
    ]


def retention_limit(kind: str, data_category: str | None = None) -> RetentionReference | None:
    """The one reference a rule should compare a retention with, or None when none applies.

    Among the references limiting retention (not cookie lifetimes) for that kind, those
    for the category win over those for every category. If any of them is not a fixed
    figure (``max`` None), there is no limit to enforce: None. Otherwise the longest, so
    that a rule warns only when a retention exceeds every reference that may apply."""
    candidates = [r for r in retention_references(kind, data_category) if r.limits == "retention"]
    specific = [r for r in candidates if r.data_category is not None]
    chosen = specific or candidates
    if not chosen or any(r.max_days is None for r in chosen):
        return None
    return max(chosen, key=lambda r: r.max_days or 0)
