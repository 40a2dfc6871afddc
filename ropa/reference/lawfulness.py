"""Lawfulness facts: the Art. 6(1) legal bases and the Art. 9(2) conditions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ropa.model.enums import Art9Condition, LegalBasis
from ropa.reference._loader import DATA_DIR, Node, read_yaml
from ropa.reference.facts import LawfulBasis, SpecialCategoryCondition

BASES_FILE = "bases.yaml"


def _basis(node: Node) -> LawfulBasis:
    confidence, sources, checked = node.provenance()
    return LawfulBasis(
        id=LegalBasis(node.choice("id", {b.value for b in LegalBasis})),
        article=node.text("article"),
        label_en=node.text("label_en"),
        label_fr=node.text("label_fr"),
        public_authority_use=node.flag("public_authority_use"),
        requires_law=node.flag("requires_law"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


def _condition(node: Node) -> SpecialCategoryCondition:
    confidence, sources, checked = node.provenance()
    return SpecialCategoryCondition(
        id=Art9Condition(node.choice("id", {c.value for c in Art9Condition})),
        article=node.text("article"),
        label_en=node.text("label_en"),
        label_fr=node.text("label_fr"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


@cache
def _bases(
    directory: Path,
) -> tuple[dict[str, LawfulBasis], dict[str, SpecialCategoryCondition]]:
    root = Node.root(read_yaml(directory, BASES_FILE), BASES_FILE)
    bases: dict[str, LawfulBasis] = {}
    for node in root.items("bases", label="id"):
        basis = _basis(node)
        if basis.id in bases:
            raise node.fail("id", f"{basis.id.value!r} appears twice; keep one entry.")
        bases[basis.id.value] = basis
        node.done()
    conditions: dict[str, SpecialCategoryCondition] = {}
    for node in root.items("conditions", label="id"):
        condition = _condition(node)
        if condition.id in conditions:
            raise node.fail("id", f"{condition.id.value!r} appears twice; keep one entry.")
        conditions[condition.id.value] = condition
        node.done()
    root.done()
    return bases, conditions


def legal_basis(basis: str) -> LawfulBasis:
    """The Art. 6(1) basis named by a ``LegalBasis`` value; KeyError for another word."""
    found = _bases(DATA_DIR)[0].get(basis)
    if found is None:
        raise KeyError(f"no Art. 6(1) legal basis {basis!r} in {BASES_FILE}")
    return found


def legal_bases() -> list[LawfulBasis]:
    """The six Art. 6(1) bases, in the order of the article."""
    return list(_bases(DATA_DIR)[0].values())


def art9_condition(condition: str) -> SpecialCategoryCondition:
    """The Art. 9(2) condition named by an ``Art9Condition`` value; KeyError for another."""
    found = _bases(DATA_DIR)[1].get(condition)
    if found is None:
        raise KeyError(f"no Art. 9(2) condition {condition!r} in {BASES_FILE}")
    return found


def art9_conditions() -> list[SpecialCategoryCondition]:
    """The ten Art. 9(2) conditions, in the order of the article."""
    return list(_bases(DATA_DIR)[1].values())
