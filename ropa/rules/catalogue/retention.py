"""ROPA3xx: how long data are kept (Art. 5(1)(e), 30(1)(f))."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ropa.model.register import Activity, PersonalData, Retention, SpecialData
from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity

if TYPE_CHECKING:
    from ropa.reference import RetentionReference


def data_items(activity: Activity) -> list[PersonalData | SpecialData]:
    """Each category of data of ``activity``: its personal data, then its special categories."""
    return [*activity.personal_data, *activity.special_categories]


def label(activity: Activity, item: PersonalData | SpecialData, lang: str = "en") -> str:
    """The words a message names a category of data of ``activity`` by, in ``lang`` ("en"
    or "fr"; worked out only for a message: a large register has 100,000 categories, and
    few get one)."""
    siblings: Sequence[PersonalData | SpecialData]
    special = isinstance(item, SpecialData)
    siblings = activity.special_categories if special else activity.personal_data
    index = next(i for i, other in enumerate(siblings) if other is item)
    name = _name(item, index, siblings, lang)
    if lang == "fr":
        kind = "catégorie particulière de données" if special else "catégorie de données personnelles"
        return f"la {kind} {name} de l'activité {activity.id!r}"
    kind = "special-category data" if special else "personal data"
    return f"the {kind} {name} of {activity.id!r}"


def _name(item: PersonalData | SpecialData, index: int,
          siblings: Sequence[PersonalData | SpecialData], lang: str = "en") -> str:
    """The item's category, with its position when another item shares it; else its
    description, else its position ("#2", in French "n°\u00a02")."""
    position = f"n°\u00a0{index + 1}" if lang == "fr" else f"#{index + 1}"
    if item.category is None:
        return repr(item.description) if item.description else position
    shared = sum(1 for other in siblings if other.category == item.category) > 1
    return f"{item.category.value!r} ({position})" if shared else repr(item.category.value)


def is_stated(retention: Retention | None) -> bool:
    """A retention that says something: a duration, criteria, or indefinite: true."""
    return retention is not None and bool(
        retention.duration or retention.criteria or retention.indefinite is True)


class RetentionMissing(Rule):
    """
    What it checks
    Every item of `personal_data` and `special_categories` has a `retention` that gives a
    `duration` (ISO 8601, e.g. P3Y), `criteria` (text, when no figure can be given), or
    `indefinite: true`.

    Why it matters
    Art. 30(1)(f) requires "where possible, the envisaged time limits for erasure" of each
    category of data, and storage limitation (Art. 5(1)(e)) forbids keeping data longer
    than the purpose needs. A period must also be told to the people (Art. 13(2)(a)).

    Example
    ```yaml
    personal_data:
      - category: identification
        items: [nom, e-mail]
        # no retention
    ```

    Fix
    Add `retention: {duration: P3Y, start: dernier contact, then: deletion}`, or
    `retention: {criteria: "..."}` when the period depends on an event.

    References
    GDPR Art. 5(1)(e), 13(2)(a), 30(1)(f); CNIL/SIAF, "Guide pratique : les durées de
    conservation" (2020); CNIL register model, "Durées de conservation".
    """

    id = "ROPA301"
    name = "retention-missing"
    severity = Severity.ERROR
    article = "Art. 30(1)(f)"
    summary = "a personal data or special category has no retention (30(1)(f))"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            for item in data_items(activity):
                if is_stated(item.retention):
                    continue
                empty = item.retention is not None
                yield self.finding(
                    ctx,
                    message=f"{label(activity, item)} have "
                            + ("a retention with no `duration`, `criteria` or `indefinite: true`" if empty
                               else "no retention"),
                    message_fr=f"{label(activity, item, 'fr')} "
                               + ("a un `retention` sans `duration`, `criteria` ni `indefinite: true`"
                                  if empty else "n'a pas de durée de conservation"),
                    about=activity,
                    at=item.retention.origin if item.retention is not None else item.origin,
                    key=None if empty else "retention",
                    fix="add `retention:` with `duration:` (e.g. P3Y) and `start:`, or "
                        "`criteria:` when the period depends on an event",
                    fix_fr="ajouter `retention:` avec `duration:` (par exemple P3Y) et `start:`, ou "
                           "`criteria:` quand la durée dépend d'un événement",
                )


class RetentionIndefinite(Rule):
    """
    What it checks
    No retention is `indefinite: true`.

    Why it matters
    Data may be kept in a form that identifies people no longer than the purpose needs
    (Art. 5(1)(e)). Only archiving in the public interest, scientific or historical research
    and statistics may keep them longer, with the safeguards of Art. 89(1). A register entry
    "kept forever" is either a missing decision or one of those cases, to be stated.

    Example
    ```yaml
    retention: {indefinite: true}
    ```

    Fix
    Give a `duration:` or `criteria:` and what happens then (`then: deletion`,
    `anonymisation` or `archive`). If keeping without limit is lawful (Art. 89 archiving),
    write why in `justification:` and suppress the finding with that reason.

    References
    GDPR Art. 5(1)(e), 89(1), recital 39; CNIL/SIAF, "Guide pratique : les durées de
    conservation" (2020).
    """

    id = "ROPA302"
    name = "retention-indefinite"
    severity = Severity.WARNING
    article = "Art. 5(1)(e)"
    summary = "retention is indefinite (Art. 5(1)(e))"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            for item in data_items(activity):
                if item.retention is not None and item.retention.indefinite is True:
                    yield self.finding(
                        ctx,
                        message=f"{label(activity, item)} are kept without time limit",
                        message_fr=f"{label(activity, item, 'fr')} est conservée sans limite de durée",
                        about=activity,
                        at=item.retention.origin,
                        key="indefinite",
                        fix="replace `indefinite: true` with a `duration:` (or `criteria:`) and "
                            "`then:`; if keeping them is lawful (Art. 89 archiving), suppress "
                            "with that reason",
                        fix_fr="remplacer `indefinite: true` par une durée `duration:` (ou `criteria:`) "
                               "et `then:`\u00a0; si la conservation sans limite est licite (archivage, "
                               "art. 89), accepter le constat par une entrée `suppress` qui donne "
                               "ce motif",
                    )


class RetentionBeyondReference(Rule):
    """
    What it checks
    For an activity with a `kind`, every retention `duration` is within the CNIL reference
    for that kind of processing (and for that category of data, where the reference is per
    category), unless a `justification` is given. References that are not a fixed figure
    ("the duration of the contract") are never enforced, nor are durations given only as
    `criteria`.

    Why it matters
    Storage limitation (Art. 5(1)(e)) is judged against what is usual for the purpose. The
    CNIL publishes reference periods (and French law sets some); keeping data longer is
    possible, but the reason must be documented (Art. 5(2)).

    Example
    ```yaml
    - id: recrutement
      kind: recruitment               # CNIL: 2 years after the last contact
      personal_data:
        - category: identification
          retention: {duration: P5Y}  # no justification
    ```

    Fix
    Shorten the `duration` to the reference, or write the reason for the longer period in
    `justification:` (e.g. the law that requires it).

    References
    GDPR Art. 5(1)(e), 5(2); CNIL/SIAF, "Guide pratique : les durées de conservation"
    (2020) and the CNIL's reference frameworks (référentiels), as listed in ropa's retention
    reference data with their sources.
    """

    id = "ROPA303"
    name = "retention-beyond-reference"
    severity = Severity.WARNING
    article = "Art. 5(1)(e)"
    summary = "a retention is longer than the CNIL reference for that kind and data"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            if activity.kind is None:
                continue
            for item in data_items(activity):
                reference = exceeded_reference(activity, item)
                if reference is None or item.retention is None:
                    continue
                category = reference.data_category.value if reference.data_category else None
                scope = activity.kind.value + (f", {category} data" if category else "")
                scope_fr = activity.kind.value + (f", catégorie {category}" if category else "")
                justified = reference.max_justified
                also = f" (up to {justified} when justified)" if justified else ""
                also_fr = f", jusqu'à {justified} si c'est justifié" if justified else ""
                source = reference.instrument or (reference.sources[0] if reference.sources else "")
                source = f" ({source})" if source else ""
                duration = item.retention.duration
                yield self.finding(
                    ctx,
                    message=f"{label(activity, item)} are kept {duration}, longer "
                            f"than the CNIL reference of {reference.max} for {scope}{also}: "
                            f"\"{reference.text_fr}\"{source}",
                    message_fr=f"{label(activity, item, 'fr')} est conservée {duration}, plus longtemps "
                               f"que la durée de référence de la CNIL pour {scope_fr} "
                               f"({reference.max}{also_fr})\u00a0: «\u00a0{reference.text_fr}\u00a0»{source}",
                    about=activity,
                    at=item.retention.origin,
                    key="duration",
                    fix=f"shorten `duration:` to {reference.max} at most, or write why a longer "
                        "period is needed in `justification:` (e.g. the law that requires it)",
                    fix_fr=f"ramener `duration:` à {reference.max} au plus, ou écrire dans "
                           "`justification:` pourquoi une durée plus longue est nécessaire (par exemple "
                           "la loi qui l'impose)",
                )


def exceeded_reference(activity: Activity,
                       item: PersonalData | SpecialData) -> RetentionReference | None:
    """The CNIL reference ``item``'s unjustified retention duration exceeds, if any."""
    retention = item.retention
    if activity.kind is None or retention is None or not retention.duration:
        return None
    if retention.justification:
        return None
    category = item.category.value if isinstance(item, PersonalData) and item.category else None
    reference = _limit(activity.kind.value, category)
    if reference is None or reference.max is None:
        return None
    days, limit = _days(retention.duration), _days(reference.max)
    if days is None or limit is None or days <= limit:
        return None
    return reference


@lru_cache(maxsize=1024)
def _limit(kind: str, category: str | None) -> RetentionReference | None:
    """The reference for a kind and category (a register has a few, for many items)."""
    from ropa.reference import retention_limit

    return retention_limit(kind, category)


@lru_cache(maxsize=1024)
def _days(duration: str) -> float | None:
    from ropa.model.duration import duration_days

    return duration_days(duration)

RULES: tuple[type[Rule], ...] = (RetentionMissing, RetentionIndefinite, RetentionBeyondReference)
