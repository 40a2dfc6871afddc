"""The rule catalogue: one explicit registry, no registration by import side effect.

Ids are a public contract: never reuse one. A retired id stays in ``RETIRED`` with the
reason, and tests make sure no active rule takes it again.
"""

from __future__ import annotations

from functools import cache

from ropa.rules.base import LoaderRule, Rule
from ropa.rules.catalogue import (
    identity,
    lawfulness,
    processor_register,
    processors,
    retention,
    security,
    transfers,
)
from ropa.rules.catalogue.loading import LOADER_RULES

RULES: tuple[type[Rule], ...] = (
    *identity.RULES,
    *lawfulness.RULES,
    *retention.RULES,
    *transfers.RULES,
    *processors.RULES,
    *security.RULES,
    *processor_register.RULES,
)

RETIRED: dict[str, str] = {}

Entry = LoaderRule | type[Rule]


def catalogue() -> list[Entry]:
    """Every active rule, loader rules first, in id order."""
    entries: list[Entry] = [*LOADER_RULES, *RULES]
    return sorted(entries, key=lambda e: e.id)


@cache
def all_ids() -> frozenset[str]:
    return frozenset(e.id for e in catalogue())


def get(rule_id: str) -> Entry | None:
    for entry in catalogue():
        if entry.id == rule_id.upper():
            return entry
    return None
