"""The reference facts as typed, immutable values.

Every fact carries where it comes from (``sources``), when it was last checked against
them (``checked``) and how sure that check was (``confidence``); ``note`` adds context
and ``uncertain`` says what a rule or a reader should not take for granted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ropa.model.enums import (
    ActivityKind,
    Art9Condition,
    DataCategory,
    Derogation,
    DpiaCriterion,
    LegalBasis,
    Mechanism,
)


class Confidence(StrEnum):
    CONFIRMED = "confirmed"  # seen in an official text, or in 2+ independent reputable sources
    SECONDARY = "secondary"  # seen only in secondary sources (law firms, news, third parties)
    UNCONFIRMED = "unconfirmed"  # not found in a source: domain knowledge or a default rule


@dataclass(frozen=True, slots=True, kw_only=True)
class Fact:
    """What every entry of the reference data carries."""

    confidence: Confidence
    sources: tuple[str, ...]
    checked: date
    note: str | None = None
    uncertain: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EeaMember(Fact):
    country: str  # ISO 3166-1 alpha-2 (GR for Greece, GB for the United Kingdom)
    name: str
    group: str  # "eu" (EU member state) or "efta" (EFTA state party to the EEA Agreement)
    until: date | None  # last day of membership; None while still a member

    def member_on(self, on: date) -> bool:
        return self.until is None or on <= self.until


@dataclass(frozen=True, slots=True, kw_only=True)
class AdequacyDecision(Fact):
    id: str  # the ISO code for a country or territory, INTORG-EPO for the organisation
    country: str | None  # None for an international organisation
    name: str
    entity_type: str  # "country", "territory" or "international_organisation"
    aliases: tuple[str, ...]  # other names an organisation is known by
    scope: str
    partial_scope: bool  # True: a transfer must confirm it falls within the scope
    requires_certification: bool  # True: only certified importers are covered (US: DPF)
    certification: str | None  # which list or scheme the importer must be on
    decision_ref: str
    adopted: date
    expiry: date | None  # last day in force; None for a decision without an end date
    legal_basis: str
    amended_by: tuple[str, ...]
    review: str | None
    # The French of the texts above, for French findings; None where not written (a rule
    # then falls back on the French country name, or quotes the English).
    place_fr: str | None = None  # the place with its French article: "la Suisse", "l'île de Man"
    scope_fr: str | None = None
    certification_fr: str | None = None  # with its article: "la liste du cadre ..."
    reference_fr: str | None = None  # decision_ref as French cites it

    def in_force(self, on: date) -> bool:
        return self.adopted <= on and (self.expiry is None or on <= self.expiry)


@dataclass(frozen=True, slots=True, kw_only=True)
class InvalidatedDecision(Fact):
    mechanism: Mechanism  # safe_harbour or privacy_shield
    name: str
    decision_ref: str
    invalidated: date
    judgment: str
    name_fr: str | None = None  # with its article: "le bouclier de protection ..."
    gender_fr: str | None = None  # "feminine" or "masculine": the agreement of "invalidé(e)"
    judgment_fr: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SccModule(Fact):
    module: int
    code: str  # C2C, C2P, P2P, P2C
    label: str
    exporter_role: str
    importer_role: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SccDecision(Fact):
    id: str  # "2021/914", "2010/87", "2004/915", "2001/497"
    ref: str
    status: str  # "current" or "repealed"
    covers: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SccDates(Fact):
    """The dates of Decision (EU) 2021/914 that decide whether clauses are still valid."""

    decision_ref: str
    adopted: date
    published: date
    usable_from: date  # the new clauses can be used from this day
    legacy_repealed: date  # the old decisions are repealed from this day
    legacy_grandfathering_end: date  # old clauses signed before legacy_repealed: valid until


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferSafeguard(Fact):
    id: str  # the article, e.g. "46(2)(c)"
    mechanism: Mechanism | None  # the register's word for it, where it has one
    label: str
    requires_sa_authorisation: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferDerogation(Fact):
    id: Derogation
    article: str
    label: str
    public_authority_use: bool  # False: Art. 49(3) bars authorities exercising public powers
    conditions: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LawfulBasis(Fact):
    id: LegalBasis
    article: str
    label_en: str
    label_fr: str
    public_authority_use: bool  # False: not for public authorities performing their tasks
    requires_law: bool  # True: must be laid down by Union or Member State law (Art. 6(3))


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecialCategoryCondition(Fact):
    id: Art9Condition
    article: str
    label_en: str
    label_fr: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentAge(Fact):
    country: str
    age: int
    default: bool  # True: the country is not listed and the GDPR default applies


@dataclass(frozen=True, slots=True, kw_only=True)
class RetentionReference(Fact):
    id: str
    kind: ActivityKind
    data_category: DataCategory | None  # None: applies to every category of the activity
    limits: str  # "retention" (how long data are kept) or "cookie_lifetime"
    max: str | None  # ISO 8601 duration; None where the reference is not a fixed figure
    max_days: int | None  # max in days (see ropa.reference.retention.duration_days)
    max_justified: str | None  # a longer period the reference admits when justified
    max_justified_days: int | None
    start: str | None  # what the period runs from
    text_fr: str  # the reference, in French
    instrument: str | None  # the text or page the reference comes from


@dataclass(frozen=True, slots=True, kw_only=True)
class EdpbCriterion(Fact):
    id: DpiaCriterion
    n: int
    label_en: str
    label_fr: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CnilDpiaType(Fact):
    id: str
    n: int
    cnil_list: str  # "mandatory" (délibération 2018-327) or "exempt" (délibération 2019-118)
    label_fr: str
    label_en: str
    instrument: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Authority(Fact):
    country: str
    name: str
    website: str
