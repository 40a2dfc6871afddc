"""Transfer facts (GDPR Chapter V): adequacy decisions, SCCs, Art. 46 safeguards, Art. 49
derogations."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from ropa.model.enums import Derogation, Mechanism
from ropa.reference._loader import DATA_DIR, Node, ReferenceDataError, read_yaml, unique
from ropa.reference.countries import normalise_country
from ropa.reference.facts import (
    AdequacyDecision,
    InvalidatedDecision,
    SccDates,
    SccDecision,
    SccModule,
    TransferDerogation,
    TransferSafeguard,
)

ADEQUACY_FILE = "adequacy.yaml"
SCC_FILE = "scc.yaml"
SAFEGUARDS_FILE = "safeguards.yaml"
DEROGATIONS_FILE = "derogations.yaml"

_ENTITY_TYPES = {"country", "territory", "international_organisation"}
_GENDERS_FR = {"feminine", "masculine"}
_DECISION_NUMBER = re.compile(r"(\d{4})\s*/\s*(\d+)")
_NO_NBSP = re.compile(r"[^\u00a0][:;](\s|$)")  # French puts a no-break space before : and ;


# --- adequacy -----------------------------------------------------------------------------


def _french(node: Node, key: str) -> str | None:
    """An optional French text, checked for the no-break space French puts before : and ;
    (written \\u00a0 in a double-quoted YAML string)."""
    text = node.opt_text(key)
    if text is not None and _NO_NBSP.search(text):
        raise node.fail(key, "put a no-break space before ':' and ';' (write \\u00a0 in a "
                             "double-quoted string).")
    return text


def _decision(node: Node) -> AdequacyDecision:
    confidence, sources, checked = node.provenance()
    country = node.opt_text("country")
    entity_type = node.choice("entity_type", _ENTITY_TYPES)
    if (country is None) != (entity_type == "international_organisation"):
        raise node.fail("country", "a country or territory needs its code; an organisation none.")
    decision = AdequacyDecision(
        id=node.text("id"),
        country=country,
        name=node.text("name"),
        entity_type=entity_type,
        aliases=node.texts("aliases"),
        scope=node.text("scope"),
        partial_scope=node.flag("partial_scope"),
        requires_certification=node.flag("requires_certification"),
        certification=node.opt_text("certification"),
        decision_ref=node.text("decision_ref"),
        adopted=node.day("adopted"),
        expiry=node.opt_day("expiry"),
        legal_basis=node.text("legal_basis"),
        amended_by=node.texts("amended_by"),
        review=node.opt_text("review"),
        place_fr=_french(node, "place_fr"),
        scope_fr=_french(node, "scope_fr"),
        certification_fr=_french(node, "certification_fr"),
        reference_fr=_french(node, "reference_fr"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )
    if decision.requires_certification and not decision.certification:
        raise node.fail("certification", "name the list an importer must be on.")
    if decision.certification_fr and not decision.certification:
        raise node.fail("certification_fr", "translates no `certification`; remove it.")
    if decision.expiry is not None and decision.expiry < decision.adopted:
        raise node.fail("expiry", "is before the adoption date.")
    return decision


def _invalidated(node: Node) -> InvalidatedDecision:
    confidence, sources, checked = node.provenance()
    mechanism = node.choice(
        "mechanism", {Mechanism.SAFE_HARBOUR.value, Mechanism.PRIVACY_SHIELD.value}
    )
    name_fr = _french(node, "name_fr")
    gender_fr = node.opt_text("gender_fr")
    if gender_fr is not None:
        gender_fr = node.choice("gender_fr", _GENDERS_FR)
    if (name_fr is None) != (gender_fr is None):
        raise node.fail("gender_fr", "`name_fr` and `gender_fr` go together: write both or neither.")
    return InvalidatedDecision(
        mechanism=Mechanism(mechanism),
        name=node.text("name"),
        decision_ref=node.text("decision_ref"),
        invalidated=node.day("invalidated"),
        judgment=node.text("judgment"),
        name_fr=name_fr,
        gender_fr=gender_fr,
        judgment_fr=_french(node, "judgment_fr"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


@cache
def _adequacy(
    directory: Path,
) -> tuple[tuple[AdequacyDecision, ...], tuple[InvalidatedDecision, ...]]:
    root = Node.root(read_yaml(directory, ADEQUACY_FILE), ADEQUACY_FILE)
    decisions: list[AdequacyDecision] = []
    seen: list[tuple[str, Node]] = []
    for node in root.items("decisions", label="id"):
        decisions.append(_decision(node))
        seen.append((decisions[-1].id, node))
        node.done()
    unique(seen, "id")
    invalidated: list[InvalidatedDecision] = []
    for node in root.items("invalidated", label="mechanism"):
        invalidated.append(_invalidated(node))
        node.done()
    root.done()
    return tuple(sorted(decisions, key=lambda d: d.id)), tuple(invalidated)


def adequacy_decisions() -> list[AdequacyDecision]:
    """Every adequacy decision in adequacy.yaml, sorted by id (country code, INTORG-...)."""
    return list(_adequacy(DATA_DIR)[0])


def adequacy_decision(country: str, on: date) -> AdequacyDecision | None:
    """The decision for ``country`` in force on ``on`` (adopted <= on <= expiry), else None.

    A decision with a partial scope or one requiring certification is returned all the
    same: the caller checks ``partial_scope`` and ``requires_certification``."""
    code = normalise_country(country)
    for decision in _adequacy(DATA_DIR)[0]:
        if decision.country == code and decision.in_force(on):
            return decision
    return None


def _name_key(name: str) -> str:
    """A name compared without case, punctuation or extra spaces: "E.P.O." is "epo"."""
    return " ".join(re.sub(r"[^\w\s]+", "", name.casefold()).split())


def adequacy_for_organisation(name: str, on: date) -> AdequacyDecision | None:
    """The decision for an international organisation named ``name`` (its name or an alias,
    compared without case or punctuation) in force on ``on``, else None."""
    wanted = _name_key(name)
    for decision in _adequacy(DATA_DIR)[0]:
        if decision.entity_type != "international_organisation":
            continue
        names = {_name_key(alias) for alias in (decision.name, *decision.aliases)}
        if wanted in names and decision.in_force(on):
            return decision
    return None


def invalidated_decisions() -> list[InvalidatedDecision]:
    """The adequacy decisions the Court of Justice struck down (Safe Harbour, Privacy Shield)."""
    return list(_adequacy(DATA_DIR)[1])


def invalidated_decision(mechanism: str) -> InvalidatedDecision | None:
    """The struck-down decision behind ``mechanism`` (safe_harbour, privacy_shield), if any."""
    return next((d for d in _adequacy(DATA_DIR)[1] if d.mechanism == mechanism), None)


# --- standard contractual clauses ---------------------------------------------------------


def _scc_dates(node: Node) -> SccDates:
    confidence, sources, checked = node.provenance()
    dates = SccDates(
        decision_ref=node.text("decision_ref"),
        adopted=node.day("adopted"),
        published=node.day("published"),
        usable_from=node.day("usable_from"),
        legacy_repealed=node.day("legacy_repealed"),
        legacy_grandfathering_end=node.day("legacy_grandfathering_end"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )
    order = [dates.adopted, dates.published, dates.usable_from, dates.legacy_repealed]
    if order != sorted(order) or dates.legacy_grandfathering_end < dates.legacy_repealed:
        raise node.fail(None, "the dates are out of order.")
    return dates


def _scc_module(node: Node) -> SccModule:
    confidence, sources, checked = node.provenance()
    return SccModule(
        module=node.number("module"),
        code=node.text("code"),
        label=node.text("label"),
        exporter_role=node.text("exporter_role"),
        importer_role=node.text("importer_role"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


def _scc_decision(node: Node) -> SccDecision:
    confidence, sources, checked = node.provenance()
    ref = node.text("id")
    if not _DECISION_NUMBER.fullmatch(ref):
        raise node.fail("id", f"expected a decision number such as 2021/914, got {ref!r}.")
    return SccDecision(
        id=ref,
        ref=node.text("ref"),
        status=node.choice("status", {"current", "repealed"}),
        covers=node.text("covers"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


@cache
def _scc(
    directory: Path,
) -> tuple[SccDates, tuple[SccDecision, ...], dict[int, SccModule]]:
    root = Node.root(read_yaml(directory, SCC_FILE), SCC_FILE)
    dates_node = root.child("dates")
    dates = _scc_dates(dates_node)
    dates_node.done()
    decisions: list[SccDecision] = []
    modules: dict[int, SccModule] = {}
    seen: list[tuple[str, Node]] = []
    for node in root.items("decisions", label="id"):
        decisions.append(_scc_decision(node))
        seen.append((decisions[-1].id, node))
        node.done()
    unique(seen, "id")
    for node in root.items("modules"):
        module = _scc_module(node)
        if module.module in modules:
            raise node.fail("module", f"module {module.module} appears twice; keep one entry.")
        modules[module.module] = module
        node.done()
    root.done()
    if sorted(modules) != [1, 2, 3, 4]:
        raise ReferenceDataError(f"{SCC_FILE}: modules: expected modules 1 to 4.")
    if [d.id for d in decisions if d.status == "current"] != ["2021/914"]:
        raise ReferenceDataError(f"{SCC_FILE}: decisions: 2021/914 must be the one current.")
    return dates, tuple(decisions), modules


def scc_dates() -> SccDates:
    """The dates of Decision (EU) 2021/914: usable from, old clauses repealed, grace end."""
    return _scc(DATA_DIR)[0]


def scc_decisions() -> list[SccDecision]:
    """The current clauses (2021/914) first, then the repealed ones, newest first."""
    return list(_scc(DATA_DIR)[1])


def scc_modules() -> list[SccModule]:
    return [module for _, module in sorted(_scc(DATA_DIR)[2].items())]


def scc_module(n: int) -> SccModule:
    """Module ``n`` (1-4) of Decision (EU) 2021/914; ValueError for another number."""
    modules = _scc(DATA_DIR)[2]
    if n not in modules:
        raise ValueError(f"Decision 2021/914 has modules 1 to 4, not {n!r}.")
    return modules[n]


def decision_number(decision: str) -> tuple[int, int] | None:
    """(year, number) of a decision named in any usual way: "2010/87", "2010/87/EU",
    "Decision (EU) 2021/914"; None when no number can be read."""
    match = _DECISION_NUMBER.search(decision)
    return (int(match.group(1)), int(match.group(2))) if match else None


def is_legacy_scc(decision: str | None, signed: date | None) -> bool:
    """True for the repealed clauses: a decision older than 2021/914, or, where no decision
    is named (or it cannot be read), clauses signed before 2021-06-27.

    Whether they are still valid on a date is a separate question (see ``scc_dates()``)."""
    number = decision_number(decision) if decision else None
    if number is not None:
        return number < (2021, 914)
    return signed is not None and signed < scc_dates().usable_from


# --- Art. 46 safeguards and Art. 49 derogations -------------------------------------------


@cache
def _safeguards(directory: Path) -> tuple[TransferSafeguard, ...]:
    root = Node.root(read_yaml(directory, SAFEGUARDS_FILE), SAFEGUARDS_FILE)
    found: list[TransferSafeguard] = []
    seen: list[tuple[str, Node]] = []
    for node in root.items("safeguards", label="id"):
        confidence, sources, checked = node.provenance()
        mechanism = node.opt_text("mechanism")
        if mechanism is not None:
            mechanism = node.choice("mechanism", {m.value for m in Mechanism})
        found.append(
            TransferSafeguard(
                id=node.text("id"),
                mechanism=Mechanism(mechanism) if mechanism else None,
                label=node.text("label"),
                requires_sa_authorisation=node.flag("requires_sa_authorisation"),
                note=node.opt_text("note"),
                uncertain=node.opt_text("uncertain"),
                confidence=confidence,
                sources=sources,
                checked=checked,
            )
        )
        seen.append((found[-1].id, node))
        node.done()
    root.done()
    unique(seen, "id")
    return tuple(found)


def safeguards() -> list[TransferSafeguard]:
    """The Art. 46(2) and 46(3) safeguards, in the order of the article."""
    return list(_safeguards(DATA_DIR))


@cache
def _derogations(directory: Path) -> dict[str, TransferDerogation]:
    root = Node.root(read_yaml(directory, DEROGATIONS_FILE), DEROGATIONS_FILE)
    found: dict[str, TransferDerogation] = {}
    for node in root.items("derogations", label="id"):
        confidence, sources, checked = node.provenance()
        key = Derogation(node.choice("id", {d.value for d in Derogation}))
        if key in found:
            raise node.fail("id", f"{key.value!r} appears twice; keep one entry.")
        found[key] = TransferDerogation(
            id=key,
            article=node.text("article"),
            label=node.text("label"),
            public_authority_use=node.flag("public_authority_use"),
            conditions=node.texts("conditions"),
            note=node.opt_text("note"),
            uncertain=node.opt_text("uncertain"),
            confidence=confidence,
            sources=sources,
            checked=checked,
        )
        node.done()
    root.done()
    return found


def derogation(derogation_id: str) -> TransferDerogation:
    """The Art. 49 derogation named by a ``Derogation`` value; KeyError for another word."""
    entry = _derogations(DATA_DIR).get(derogation_id)
    if entry is None:
        raise KeyError(f"no Art. 49 derogation {derogation_id!r} in {DEROGATIONS_FILE}")
    return entry


def derogations() -> list[TransferDerogation]:
    """Every Art. 49 derogation, in the order of the article."""
    return list(_derogations(DATA_DIR).values())
