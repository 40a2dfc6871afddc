"""DPIA facts: the nine EDPB (WP248) criteria and the CNIL's mandatory and exempt lists."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ropa.model.enums import DpiaCriterion
from ropa.reference._loader import DATA_DIR, Node, ReferenceDataError, read_yaml, unique
from ropa.reference.facts import CnilDpiaType, EdpbCriterion

DPIA_FILE = "dpia.yaml"


def _criterion(node: Node) -> EdpbCriterion:
    confidence, sources, checked = node.provenance()
    return EdpbCriterion(
        id=DpiaCriterion(node.choice("id", {c.value for c in DpiaCriterion})),
        n=node.number("n"),
        label_en=node.text("label_en"),
        label_fr=node.text("label_fr"),
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


def _cnil_type(node: Node, listing: str, instrument: str) -> CnilDpiaType:
    confidence, sources, checked = node.provenance()
    return CnilDpiaType(
        id=node.text("id"),
        n=node.number("n"),
        cnil_list=listing,
        label_fr=node.text("label_fr"),
        label_en=node.text("label_en"),
        instrument=instrument,
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


@cache
def _dpia(
    directory: Path,
) -> tuple[int, tuple[EdpbCriterion, ...], tuple[CnilDpiaType, ...], tuple[CnilDpiaType, ...]]:
    root = Node.root(read_yaml(directory, DPIA_FILE), DPIA_FILE)
    threshold = root.number("threshold")
    criteria: list[EdpbCriterion] = []
    seen: list[tuple[str, Node]] = []
    for node in root.items("criteria", label="id"):
        criteria.append(_criterion(node))
        seen.append((criteria[-1].id.value, node))
        node.done()
    unique(seen, "id")
    lists: dict[str, tuple[CnilDpiaType, ...]] = {}
    for listing in ("mandatory", "exempt"):
        list_node = root.child(f"cnil_{listing}")
        instrument = list_node.text("instrument")
        entries: list[CnilDpiaType] = []
        seen = []
        for node in list_node.items("types", label="id"):
            entries.append(_cnil_type(node, listing, instrument))
            seen.append((entries[-1].id, node))
            node.done()
        list_node.done()
        unique(seen, "id")
        lists[listing] = tuple(entries)
    root.done()
    if not 1 <= threshold <= len(criteria):
        raise ReferenceDataError(f"{DPIA_FILE}: threshold: expected 1 to {len(criteria)}.")
    return threshold, tuple(criteria), lists["mandatory"], lists["exempt"]


def dpia_threshold() -> int:
    """How many EDPB criteria make a DPIA likely required (2)."""
    return _dpia(DATA_DIR)[0]


def dpia_criteria() -> list[EdpbCriterion]:
    """The nine EDPB criteria, numbered as in WP248."""
    return list(_dpia(DATA_DIR)[1])


def dpia_criterion(criterion: str) -> EdpbCriterion:
    """The criterion named by a ``DpiaCriterion`` value; KeyError for another word."""
    for entry in _dpia(DATA_DIR)[1]:
        if entry.id == criterion:
            return entry
    raise KeyError(f"no EDPB DPIA criterion {criterion!r} in {DPIA_FILE}")


def cnil_dpia_mandatory() -> list[CnilDpiaType]:
    """The CNIL's list of processing types that require a DPIA (délibération 2018-327)."""
    return list(_dpia(DATA_DIR)[2])


def cnil_dpia_exempt() -> list[CnilDpiaType]:
    """The CNIL's list of processing types that need no DPIA (délibération 2019-118)."""
    return list(_dpia(DATA_DIR)[3])
