"""The register as documents show it: plain, sorted, already formatted, in one language.

Every renderer (Excel, HTML/PDF, privacy notice) reads this view, never the model, so the
documents agree with each other. Building it is pure: the same register, findings,
language and as-of date give the same view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ropa.export.labels import label, text
from ropa.model import enums as E
from ropa.model.duration import describe
from ropa.model.origin import printable
from ropa.model.register import (
    Activity,
    Address,
    Contact,
    Register,
    Retention,
    Transfer,
)
from ropa.rules.finding import Finding, Severity

_duration_words = cache(describe)  # a register repeats a few durations thousands of times


@cache
def _day_text(value: date, language: str) -> str:
    """A date as the document writes it (a register repeats a few hundred dates)."""
    return value.strftime("%d/%m/%Y") if language == "fr" else value.isoformat()


@dataclass(frozen=True, slots=True)
class ContactView:
    name: str
    company: str
    email: str
    phone: str
    address: str


@dataclass(frozen=True, slots=True)
class OrganisationView:
    name: str
    legal_form: str
    registration_number: str
    address: str
    street: str
    postcode: str
    city: str
    country: str
    email: str
    phone: str
    website: str
    rights_contact: str
    authority: str
    dpo: ContactView | None
    dpo_text: str
    representative: ContactView | None
    representative_text: str


@dataclass(frozen=True, slots=True)
class PurposeView:
    description: str
    basis: str
    basis_key: str
    legitimate_interest: str
    lia: str
    legal_reference: str
    consent_record: str
    mandatory: str
    consequence: str


@dataclass(frozen=True, slots=True)
class DataView:
    category_key: str
    category: str
    description: str
    retention: str
    source: str
    condition: str = ""
    legal_reference: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled row with details, for subjects, recipients and measures. ``kind_key`` is
    the vocabulary value behind ``kind``; ``country`` a recipient's country name."""

    kind: str
    name: str
    details: str
    kind_key: str = ""
    country: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class TransferView:
    source: str  # "processor:stripe", "activity:x", "processing_on_behalf:y"
    via: str  # the processor's or activity's name
    recipient: str
    country: str  # code
    country_name: str
    mechanism: str
    safeguard: str  # the mechanism with its details (module, decision, derogation...)
    tia: str
    documentation: str


@dataclass(frozen=True, slots=True)
class DpiaView:
    status: str
    criteria: str
    reference: str
    date: str
    residual_risk: str
    prior_consultation: str


@dataclass(frozen=True, slots=True)
class ActivityView:
    id: str
    ref: str
    name: str
    description: str
    status: str
    status_key: str
    kind: str
    role: str
    owner: str
    created: str
    updated: str
    reviewed: str
    joint_controllers: str
    purposes: list[PurposeView]
    personal_data: list[DataView]
    special_data: list[DataView]
    sensitive: bool
    subjects: list[Row]
    recipients: list[Row]
    measures: list[Row]
    transfers: list[TransferView]
    dpia: DpiaView
    automated_decision: str
    notes: str
    source: str
    findings: list[FindingView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ProcessorView:
    id: str
    name: str
    service: str
    country: str
    locations: str
    country_name: str
    location_names: str
    dpa_signed: str
    dpa_reference: str
    dpa_expires: str
    certifications: str
    sub_processors: str
    used_by: str
    contact: str


@dataclass(frozen=True, slots=True)
class MeasureView:
    id: str
    category: str
    name: str
    description: str
    scope: str


@dataclass(frozen=True, slots=True)
class FindingView:
    rule: str
    name: str
    severity: str
    severity_key: str
    message: str
    fix: str
    where: str
    subject: str
    suppressed: str


@dataclass(frozen=True, slots=True)
class OnBehalfView:
    id: str
    name: str
    controller: str
    controller_contact: str
    representative: str
    dpo: str
    categories: str
    sub_processors: str
    transfers: list[TransferView]
    measures: str


@dataclass(frozen=True, slots=True)
class RegisterView:
    language: str
    as_of: date
    title: str
    organisation: OrganisationView
    activities: list[ActivityView]
    processors: list[ProcessorView]
    transfers: list[TransferView]
    measures: list[MeasureView]
    findings: list[FindingView]
    on_behalf: list[OnBehalfView]
    errors: int
    warnings: int
    infos: int


class _Builder:
    def __init__(self, register: Register, findings: list[Finding], language: str, as_of: date,
                 root: str) -> None:
        self.register = register
        self.findings = findings
        self.lang = language
        self.as_of = as_of
        self.root = root

    def where(self, finding: Finding) -> str:
        """A finding's file relative to the register (``activities/x.yaml:12``)."""
        file = finding.location.file
        root = printable(self.root.rstrip("/")) if self.root else ""  # as Location shows it
        if root and file.startswith(root + "/"):
            file = file[len(root) + 1:]
        return f"{file}:{finding.location.line}" if finding.location.line else file

    # -- small formatters -------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def day(self, value: date | None) -> str:
        if value is None:
            return ""
        return _day_text(value, self.lang)

    def yes_no(self, value: bool | None) -> str:
        return "" if value is None else self.t("yes" if value else "no")

    def country(self, code: str | None) -> str:
        if not code:
            return ""
        from ropa.schema import country_names

        return country_names(self.lang).get(code, code)

    def address(self, value: Address | str | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        parts = [value.street, " ".join(p for p in (value.postcode, value.city) if p),
                 self.country(value.country)]
        return ", ".join(p for p in parts if p)

    def contact(self, value: Contact | None) -> ContactView | None:
        if value is None:
            return None
        return ContactView(value.name or "", value.company or "", value.email or "", value.phone or "",
                           self.address(value.address))

    def retention(self, value: Retention | None) -> str:
        """'24 mois à compter de la dernière activité (critères), puis suppression — loi'."""
        if value is None:
            return ""
        text = ""
        if value.duration:
            words = _duration_words(value.duration, self.lang)
            text = f"{words} {self.t('from')} {value.start}" if value.start else words
            if value.criteria:
                text += f" ({value.criteria})"
        elif value.criteria:
            text = value.criteria
        if value.indefinite:
            text = f"{self.t('indefinite')}{' — ' + text if text else ''}"
        if value.then:
            then = f"{self.t('then')} {label(value.then, self.lang)}"
            text = f"{text}, {then}" if text else then
        if value.justification:
            text = f"{text} — {value.justification}" if text else value.justification
        return text

    # -- sections ---------------------------------------------------------------------
    def organisation(self) -> OrganisationView:
        org = self.register.organisation
        address = org.address if isinstance(org.address, Address) else None
        dpo = self.contact(org.dpo)
        representative = self.contact(org.representative)
        authority = ""
        if org.supervisory_authority:
            from ropa.reference import supervisory_authority

            found = supervisory_authority(org.supervisory_authority)
            authority = found.name if found else org.supervisory_authority
        return OrganisationView(
            name=org.name or "", legal_form=org.legal_form or "",
            registration_number=org.registration_number or "", address=self.address(org.address),
            street=address.street or "" if address else (org.address if isinstance(org.address, str) else ""),
            postcode=address.postcode or "" if address else "", city=address.city or "" if address else "",
            country=self.country(address.country if address else None),
            email=org.email or "", phone=org.phone or "", website=org.website or "",
            rights_contact=org.rights_contact or "", authority=authority, dpo=dpo,
            dpo_text=", ".join(v for v in (dpo.name, dpo.company, dpo.email) if v) if dpo else self.t("no_dpo"),
            representative=representative,
            representative_text=(", ".join(v for v in (representative.name, representative.email) if v)
                                 if representative else self.t("no_representative")),
        )

    def purpose_views(self, activity: Activity) -> list[PurposeView]:
        return [
            PurposeView(
                description=p.description or "", basis=label(p.legal_basis, self.lang),
                basis_key=p.legal_basis.value if p.legal_basis else "",
                legitimate_interest=p.legitimate_interest or "", lia=p.lia or "",
                legal_reference=p.legal_reference or "", consent_record=p.consent_record or "",
                mandatory="" if p.mandatory is None else self.t("mandatory" if p.mandatory else "optional"),
                consequence=p.consequence or "",
            )
            for p in activity.purposes
        ]

    def data_views(self, activity: Activity) -> tuple[list[DataView], list[DataView]]:
        personal = [
            DataView(
                category_key=d.category.value if d.category else "", category=label(d.category, self.lang),
                description="; ".join(v for v in (d.description, ", ".join(d.items)) if v),
                retention=self.retention(d.retention), source=label(d.source, self.lang),
                items=tuple(d.items),
            )
            for d in activity.personal_data
        ]
        special = [
            DataView(
                category_key=d.category.value if d.category else "", category=label(d.category, self.lang),
                description="; ".join(v for v in (d.description, ", ".join(d.items)) if v),
                retention=self.retention(d.retention), source="",
                condition=label(d.condition, self.lang), legal_reference=d.legal_reference or "",
                items=tuple(d.items),
            )
            for d in activity.special_categories
        ]
        return personal, special

    def subject_rows(self, activity: Activity) -> list[Row]:
        rows = []
        for s in activity.data_subjects:
            details = [s.description or ""]
            if s.min_age is not None:
                details.append(self.t("from_age", age=s.min_age))
            elif s.minors:
                details.append(self.t("minors"))
            if s.parental_consent:
                details.append(f"{self.t('parental_consent')} : {s.parental_consent}" if self.lang == "fr"
                               else f"{self.t('parental_consent')}: {s.parental_consent}")
            rows.append(Row(label(s.category, self.lang), s.description or "", "; ".join(d for d in details[1:] if d),
                            kind_key=s.category.value if s.category else ""))
        return rows

    def recipient_rows(self, activity: Activity) -> list[Row]:
        rows = []
        for r in activity.recipients:
            name = r.name or ""
            if r.processor:
                processor = self.register.processor(r.processor)
                name = (processor.name if processor and processor.name else r.processor)
            details = "; ".join(v for v in (r.description or "", self.country(r.country)) if v)
            rows.append(Row(label(r.type, self.lang), name, details,
                            kind_key=r.type.value if r.type else "", country=self.country(r.country),
                            description=r.description or ""))
        return rows

    def measure_rows(self, activity: Activity) -> list[Row]:
        return [Row(label(m.category, self.lang), m.name or m.id, m.description or "",
                    kind_key=m.category.value if m.category else "")
                for m in self.register.measures_of(activity)]

    def transfer_view(self, transfer: Transfer, source: str, via: str) -> TransferView:
        safeguard = label(transfer.mechanism, self.lang)
        details: list[str] = []
        if transfer.scc is not None:
            if transfer.scc.decision:
                details.append(transfer.scc.decision)
            if transfer.scc.module:
                details.append(f"module {transfer.scc.module}")
            if transfer.scc.signed:
                details.append(self.day(transfer.scc.signed))
        if transfer.derogation:
            details.append(label(transfer.derogation, self.lang))
        if transfer.dpf_certified:
            details.append("Data Privacy Framework")
        if details:
            safeguard = f"{safeguard} ({', '.join(details)})"
        return TransferView(
            source=source, via=via, recipient=transfer.importer or transfer.recipient or via,
            country=transfer.country or "", country_name=self.country(transfer.country)
            or (transfer.international_organisation or ""),
            mechanism=label(transfer.mechanism, self.lang), safeguard=safeguard, tia=transfer.tia or "",
            documentation=transfer.documentation or "",
        )

    def activity_transfers(self, activity: Activity) -> list[TransferView]:
        views = [self.transfer_view(t, f"activity:{activity.id}", activity.name or activity.id)
                 for t in activity.transfers]
        for processor_id in dict.fromkeys(r.processor for r in activity.recipients if r.processor):
            processor = self.register.processor(processor_id)
            if processor is None:
                continue
            views += [self.transfer_view(t, f"processor:{processor.id}", processor.name or processor.id)
                      for t in processor.transfers]
        return views

    def dpia(self, activity: Activity) -> DpiaView:
        d = activity.dpia
        if d is None:
            return DpiaView(self.t("unknown"), "", "", "", "", "")
        consultation = ""
        if d.prior_consultation:
            consultation = " ".join(v for v in (self.day(d.prior_consultation.date),
                                                d.prior_consultation.reference or "") if v)
        return DpiaView(
            status=label(d.status, self.lang) or self.t("unknown"),
            criteria=", ".join(label(c, self.lang) for c in d.criteria),
            reference=d.reference or "", date=self.day(d.date),
            residual_risk=label(d.residual_risk, self.lang), prior_consultation=consultation,
        )

    def automated(self, activity: Activity) -> str:
        a = activity.automated_decision
        if a is None:
            return ""
        if a.exists is False:
            return self.t("none")
        parts = [a.description or "", label(a.exception, self.lang), a.safeguards or ""]
        return "; ".join(p for p in parts if p) or self.t("yes")

    def activity(self, activity: Activity, findings: dict[str, list[FindingView]]) -> ActivityView:
        personal, special = self.data_views(activity)
        joints = "; ".join(", ".join(v for v in (j.name, j.contact, j.arrangement) if v)
                           for j in activity.joint_controllers)
        return ActivityView(
            id=activity.id, ref=activity.reference, name=activity.name or "",
            description=activity.description or "", status=label(activity.status, self.lang),
            status_key=activity.status.value if activity.status else "",
            kind=label(activity.kind, self.lang), role=label(activity.role, self.lang),
            owner=activity.owner or "", created=self.day(activity.created), updated=self.day(activity.updated),
            reviewed=self.day(activity.reviewed), joint_controllers=joints,
            purposes=self.purpose_views(activity), personal_data=personal, special_data=special,
            sensitive=bool(activity.special_categories), subjects=self.subject_rows(activity),
            recipients=self.recipient_rows(activity), measures=self.measure_rows(activity),
            transfers=self.activity_transfers(activity), dpia=self.dpia(activity),
            automated_decision=self.automated(activity), notes=activity.notes or "",
            source=printable(activity.source or ""),
            findings=findings.get(f"activity:{activity.id}", []),
        )

    def processors(self) -> list[ProcessorView]:
        users: dict[str, list[str]] = {}
        for activity in self.register.activities:
            for processor_id in dict.fromkeys(r.processor for r in activity.recipients if r.processor):
                users.setdefault(processor_id, []).append(activity.name or activity.id)
        views = []
        for p in self.register.processors:
            subs = ", ".join(s.id or " ".join(v for v in (s.name, f"({s.country})" if s.country else "") if v)
                             for s in p.sub_processors)
            contact = self.contact(p.contact)
            views.append(ProcessorView(
                id=p.id, name=p.name or p.id, service=p.service or "", country=p.country or "",
                locations=", ".join(p.locations), country_name=self.country(p.country),
                location_names=", ".join(self.country(c) for c in p.locations), dpa_signed=self.day(p.dpa.signed if p.dpa else None),
                dpa_reference=p.dpa.reference or "" if p.dpa else "",
                dpa_expires=self.day(p.dpa.expires if p.dpa else None),
                certifications=", ".join(p.certifications), sub_processors=subs,
                used_by=", ".join(users.get(p.id, [])),
                contact=", ".join(v for v in (contact.name, contact.email, contact.address) if v) if contact else "",
            ))
        return views

    def all_transfers(self) -> list[TransferView]:
        views = [self.transfer_view(t, f"processor:{p.id}", p.name or p.id)
                 for p in self.register.processors for t in p.transfers]
        views += [self.transfer_view(t, f"activity:{a.id}", a.name or a.id)
                  for a in self.register.activities for t in a.transfers]
        views += [self.transfer_view(t, f"processing_on_behalf:{o.id}", o.name or o.id)
                  for o in self.register.processing_on_behalf for t in o.transfers]
        return views

    def measures(self) -> list[MeasureView]:
        users: dict[str, int] = {}
        for activity in self.register.activities:
            for measure in self.register.measures_of(activity):
                users[measure.id] = users.get(measure.id, 0) + 1
        total = len(self.register.activities)
        views = []
        for m in self.register.security_measures:
            count = users.get(m.id, 0)
            scope = f"{count}/{total}"
            views.append(MeasureView(m.id, label(m.category, self.lang), m.name or m.id, m.description or "",
                                     scope))
        return views

    def finding_views(self) -> list[FindingView]:
        return [
            FindingView(
                rule=f.rule, name=f.name, severity=f.severity.value, severity_key=f.severity.value,
                message=f.message_in(self.lang), fix=f.fix_in(self.lang) or "",
                where=self.where(f),
                subject=f.subject or "", suppressed=f.suppressed or "",
            )
            for f in self.findings
        ]

    def _measure_name(self, measure_id: str) -> str:
        measure = self.register.measure(measure_id)
        return (measure.name or measure.id) if measure else measure_id

    def on_behalf(self) -> list[OnBehalfView]:
        views = []
        for o in self.register.processing_on_behalf:
            c = o.controller
            rep = self.contact(c.representative) if c else None
            dpo = self.contact(c.dpo) if c else None
            subs = ", ".join(s.id or s.name or "" for s in o.sub_processors)
            views.append(OnBehalfView(
                id=o.id, name=o.name or o.id, controller=c.name or "" if c else "",
                controller_contact=c.contact or "" if c else "",
                representative=", ".join(v for v in (rep.name, rep.email) if v) if rep else "",
                dpo=", ".join(v for v in (dpo.name, dpo.email) if v) if dpo else "",
                categories="; ".join(o.categories_of_processing), sub_processors=subs,
                transfers=[self.transfer_view(t, f"processing_on_behalf:{o.id}", o.name or o.id)
                           for t in o.transfers],
                measures=", ".join(self._measure_name(i) for i in o.security_measures),
            ))
        return views

    def build(self) -> RegisterView:
        findings = self.finding_views()
        by_subject: dict[str, list[FindingView]] = {}
        for finding in findings:
            by_subject.setdefault(finding.subject, []).append(finding)
        active = [f for f in self.findings if f.suppressed is None]
        return RegisterView(
            language=self.lang, as_of=self.as_of, title=self.t("register_title"),
            organisation=self.organisation(),
            activities=[self.activity(a, by_subject) for a in self.register.activities],
            processors=self.processors(), transfers=self.all_transfers(), measures=self.measures(),
            findings=findings, on_behalf=self.on_behalf(),
            errors=sum(1 for f in active if f.severity == Severity.ERROR),
            warnings=sum(1 for f in active if f.severity == Severity.WARNING),
            infos=sum(1 for f in active if f.severity == Severity.INFO),
        )


def build_view(register: Register, findings: list[Finding] | None = None, *, language: str = "fr",
               as_of: date, root: str = "") -> RegisterView:
    """The document view of ``register`` with ``findings`` (from ``ropa check``), in
    ``language`` ('fr' or 'en'), as of ``as_of``. Finding locations are shown relative to
    ``root``, the register folder as it was given to the loader."""
    if language not in ("fr", "en"):
        raise ValueError(f"language must be 'fr' or 'en', not {language!r}")
    return _Builder(register, list(findings or []), language, as_of, root).build()


def document_language(register: Register, requested: str | None) -> str:
    """The language asked for, else the register's settings.language, else French."""
    if requested:
        return requested
    if register.settings.language is not None:
        return register.settings.language.value
    return E.Language.FR.value
