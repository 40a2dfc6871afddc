"""The register as Python objects: one class per section of the register format.

These are plain dataclasses (no database, no validation): the loader builds them from
files that passed the schema, the store builds them from database rows, and rules and
documents read them. A field left out by the user is ``None`` (unknown); an empty list
means the same as a list left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ropa.model.enums import (
    ActivityKind,
    AppliesTo,
    Art9Condition,
    Art22Exception,
    DataCategory,
    DataSource,
    Derogation,
    DpiaCriterion,
    DpiaStatus,
    Exporter,
    Language,
    LegalBasis,
    MeasureCategory,
    Mechanism,
    RecipientType,
    RetentionEnd,
    RiskLevel,
    Role,
    SpecialCategory,
    Status,
    SubjectCategory,
)
from ropa.model.origin import Origin


@dataclass(slots=True, kw_only=True)
class Address:
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Contact:
    """A person or body to reach: a representative, a DPO, a processor's contact."""

    name: str | None = None
    company: str | None = None
    email: str | None = None
    phone: str | None = None
    address: Address | str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Suppression:
    """A finding the user accepts, with the reason, until an optional date."""

    rule: str
    reason: str | None = None
    until: date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Organisation:
    name: str | None = None
    legal_form: str | None = None
    registration_number: str | None = None
    address: Address | str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    employees: int | None = None
    public_authority: bool | None = None
    establishments: list[str] = field(default_factory=list)
    representative: Contact | None = None
    dpo: Contact | None = None
    rights_contact: str | None = None
    supervisory_authority: str | None = None
    suppress: list[Suppression] = field(default_factory=list)
    notes: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Settings:
    review_interval: str | None = None
    language: Language | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class SecurityMeasure:
    id: str
    name: str | None = None
    category: MeasureCategory | None = None
    description: str | None = None
    applies_to: AppliesTo | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Dpa:
    """The Art. 28(3) contract with a processor."""

    signed: date | None = None
    reference: str | None = None
    expires: date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Scc:
    module: int | None = None
    decision: str | None = None
    signed: date | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Transfer:
    """A transfer outside the EEA (Chapter V), on a processor, an activity or a client."""

    country: str | None = None
    international_organisation: str | None = None
    recipient: str | None = None
    importer: str | None = None
    exporter: Exporter | None = None
    mechanism: Mechanism | None = None
    scc: Scc | None = None
    dpf_certified: bool | None = None
    adequacy_in_scope: bool | None = None
    derogation: Derogation | None = None
    tia: str | None = None
    documentation: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class SubProcessorRef:
    """A sub-processor: the id of a described processor, or a name known only as such."""

    id: str | None = None
    name: str | None = None
    country: str | None = None
    service: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Processor:
    id: str
    name: str | None = None
    service: str | None = None
    contact: Contact | None = None
    country: str | None = None
    locations: list[str] = field(default_factory=list)
    dpa: Dpa | None = None
    certifications: list[str] = field(default_factory=list)
    sub_processors: list[SubProcessorRef] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    suppress: list[Suppression] = field(default_factory=list)
    notes: str | None = None
    source: str | None = field(default=None, compare=False)
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class JointController:
    name: str | None = None
    contact: str | None = None
    arrangement: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Purpose:
    description: str | None = None
    legal_basis: LegalBasis | None = None
    legitimate_interest: str | None = None
    lia: str | None = None
    legal_reference: str | None = None
    consent_record: str | None = None
    mandatory: bool | None = None
    consequence: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class DataSubject:
    category: SubjectCategory | None = None
    description: str | None = None
    minors: bool | None = None
    min_age: int | None = None
    parental_consent: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Retention:
    duration: str | None = None
    start: str | None = None
    then: RetentionEnd | None = None
    criteria: str | None = None
    indefinite: bool | None = None
    justification: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class PersonalData:
    category: DataCategory | None = None
    description: str | None = None
    items: list[str] = field(default_factory=list)
    source: DataSource | None = None
    retention: Retention | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class SpecialData:
    category: SpecialCategory | None = None
    description: str | None = None
    items: list[str] = field(default_factory=list)
    condition: Art9Condition | None = None
    legal_reference: str | None = None
    retention: Retention | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Recipient:
    type: RecipientType | None = None
    name: str | None = None
    processor: str | None = None
    country: str | None = None
    description: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Consultation:
    date: date | None = None
    reference: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Dpia:
    status: DpiaStatus | None = None
    criteria: list[DpiaCriterion] = field(default_factory=list)
    reference: str | None = None
    date: date | None = None
    residual_risk: RiskLevel | None = None
    prior_consultation: Consultation | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class AutomatedDecision:
    exists: bool | None = None
    legal_effect: bool | None = None
    exception: Art22Exception | None = None
    safeguards: str | None = None
    description: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Activity:
    id: str
    ref: str | None = None
    name: str | None = None
    description: str | None = None
    role: Role | None = None
    joint_controllers: list[JointController] = field(default_factory=list)
    owner: str | None = None
    kind: ActivityKind | None = None
    status: Status | None = None
    created: date | None = None
    updated: date | None = None
    reviewed: date | None = None
    purposes: list[Purpose] = field(default_factory=list)
    data_subjects: list[DataSubject] = field(default_factory=list)
    personal_data: list[PersonalData] = field(default_factory=list)
    special_categories: list[SpecialData] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    security_measures: list[str] = field(default_factory=list)
    dpia: Dpia | None = None
    automated_decision: AutomatedDecision | None = None
    suppress: list[Suppression] = field(default_factory=list)
    notes: str | None = None
    source: str | None = field(default=None, compare=False)
    origin: Origin | None = field(default=None, compare=False, repr=False)

    @property
    def reference(self) -> str:
        """The N° / RÉF shown in documents: ``ref``, or the id when none is set."""
        return self.ref or self.id


@dataclass(slots=True, kw_only=True)
class ClientController:
    """The controller a processor acts for (Art. 30(2)(a))."""

    name: str | None = None
    contact: str | None = None
    representative: Contact | None = None
    dpo: Contact | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class ProcessingOnBehalf:
    id: str
    name: str | None = None
    controller: ClientController | None = None
    categories_of_processing: list[str] = field(default_factory=list)
    sub_processors: list[SubProcessorRef] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    security_measures: list[str] = field(default_factory=list)
    suppress: list[Suppression] = field(default_factory=list)
    notes: str | None = None
    source: str | None = field(default=None, compare=False)
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True, kw_only=True)
class Register:
    """One organisation's Article 30 record."""

    organisation: Organisation = field(default_factory=Organisation)
    settings: Settings = field(default_factory=Settings)
    security_measures: list[SecurityMeasure] = field(default_factory=list)
    processors: list[Processor] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    processing_on_behalf: list[ProcessingOnBehalf] = field(default_factory=list)

    _index: dict[str, tuple[int, dict[str, Any]]] = field(
        default_factory=dict, init=False, compare=False, repr=False)

    def _lookup(self, kind: str, items: list[Any]) -> dict[str, Any]:
        """An id index of ``items``, rebuilt when the list's length changed (lists are only
        appended to while a register is built)."""
        cached = self._index.get(kind)
        if cached is None or cached[0] != len(items):
            index: dict[str, Any] = {}
            for item in items:
                index.setdefault(item.id, item)
            cached = (len(items), index)
            self._index[kind] = cached
        return cached[1]

    def processor(self, processor_id: str) -> Processor | None:
        found: Processor | None = self._lookup("processors", self.processors).get(processor_id)
        return found

    def measure(self, measure_id: str) -> SecurityMeasure | None:
        found: SecurityMeasure | None = self._lookup("measures", self.security_measures).get(measure_id)
        return found

    def measures_of(self, activity: Activity) -> list[SecurityMeasure]:
        """The measures an activity lists, then those that apply to every activity."""
        by_id = self._lookup("measures", self.security_measures)
        listed = [by_id[i] for i in activity.security_measures if i in by_id]
        implied = [
            m for m in self.security_measures
            if m.applies_to == AppliesTo.ALL and m.id not in activity.security_measures
        ]
        return listed + implied
