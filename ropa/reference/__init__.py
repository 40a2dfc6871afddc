"""The dated legal facts ropa's rules rest on, shipped as YAML files in ``data/``.

Each fact carries its sources, the date it was checked and a confidence mark. Files are
read on first use (never at import) and cached; a malformed file raises
:class:`ReferenceDataError` naming the file and the entry. See docs/reference-data.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa.reference._loader import DATA_DIR, ReferenceDataError
from ropa.reference.countries import (
    consent_ages,
    default_consent_age,
    digital_consent_age,
    eea_members,
    eea_table,
    is_eea,
    normalise_country,
    supervisory_authorities,
    supervisory_authority,
)
from ropa.reference.dpia import (
    cnil_dpia_exempt,
    cnil_dpia_mandatory,
    dpia_criteria,
    dpia_criterion,
    dpia_threshold,
)
from ropa.reference.facts import (
    AdequacyDecision,
    Authority,
    CnilDpiaType,
    Confidence,
    ConsentAge,
    EdpbCriterion,
    EeaMember,
    Fact,
    InvalidatedDecision,
    LawfulBasis,
    RetentionReference,
    SccDates,
    SccDecision,
    SccModule,
    SpecialCategoryCondition,
    TransferDerogation,
    TransferSafeguard,
)
from ropa.reference.lawfulness import art9_condition, art9_conditions, legal_bases, legal_basis
from ropa.reference.retention import (
    all_retention_references,
    duration_days,
    retention_limit,
    retention_references,
)
from ropa.reference.transfers import (
    adequacy_decision,
    adequacy_decisions,
    adequacy_for_organisation,
    decision_number,
    derogation,
    derogations,
    invalidated_decision,
    invalidated_decisions,
    is_legacy_scc,
    safeguards,
    scc_dates,
    scc_decisions,
    scc_module,
    scc_modules,
)

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper

DATA_FILES = (
    "adequacy.yaml",
    "ages.yaml",
    "authorities.yaml",
    "bases.yaml",
    "derogations.yaml",
    "dpia.yaml",
    "eea.yaml",
    "retention.yaml",
    "safeguards.yaml",
    "scc.yaml",
)


def _loaders() -> tuple[_lru_cache_wrapper[Any], ...]:
    """The cached reader of each data file, one per file, in DATA_FILES order."""
    from ropa.reference import countries, dpia, lawfulness, retention, transfers

    return (
        transfers._adequacy,
        countries._ages,
        countries._authorities,
        lawfulness._bases,
        transfers._derogations,
        dpia._dpia,
        countries._eea,
        retention._references,
        transfers._safeguards,
        transfers._scc,
    )


def load_all(directory: Path | None = None) -> None:
    """Read and check every data file of ``directory`` (the shipped data by default).

    Raises ReferenceDataError for the first malformed file. Loading the shipped data is
    otherwise lazy; this is for maintainers checking an edit, and for tests."""
    folder = DATA_DIR if directory is None else Path(directory)
    for load in _loaders():
        load(folder)


def clear_cache() -> None:
    """Forget what was read, so that the next call reads the files again."""
    for load in _loaders():
        load.cache_clear()


__all__ = [
    "DATA_DIR",
    "DATA_FILES",
    "AdequacyDecision",
    "Authority",
    "CnilDpiaType",
    "Confidence",
    "ConsentAge",
    "EdpbCriterion",
    "EeaMember",
    "Fact",
    "InvalidatedDecision",
    "LawfulBasis",
    "ReferenceDataError",
    "RetentionReference",
    "SccDates",
    "SccDecision",
    "SccModule",
    "SpecialCategoryCondition",
    "TransferDerogation",
    "TransferSafeguard",
    "adequacy_decision",
    "adequacy_decisions",
    "adequacy_for_organisation",
    "all_retention_references",
    "art9_condition",
    "art9_conditions",
    "clear_cache",
    "cnil_dpia_exempt",
    "cnil_dpia_mandatory",
    "consent_ages",
    "decision_number",
    "default_consent_age",
    "derogation",
    "derogations",
    "digital_consent_age",
    "dpia_criteria",
    "dpia_criterion",
    "dpia_threshold",
    "duration_days",
    "eea_members",
    "eea_table",
    "invalidated_decision",
    "invalidated_decisions",
    "is_eea",
    "is_legacy_scc",
    "legal_bases",
    "legal_basis",
    "load_all",
    "normalise_country",
    "retention_limit",
    "retention_references",
    "safeguards",
    "scc_dates",
    "scc_decisions",
    "scc_module",
    "scc_modules",
    "supervisory_authorities",
    "supervisory_authority",
]
