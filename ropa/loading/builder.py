"""Build model objects from one file's located data.

The builder is lenient: the schema has already reported every wrong value, so a value of
the wrong type is treated as unknown (None) and the rest of the register still builds and
still gets checked. Each object keeps its :class:`~ropa.model.origin.Origin`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any, TypeVar

from ropa.loading.yaml_reader import YMap, YSeq
from ropa.model import enums as E
from ropa.model import register as M
from ropa.model.origin import Origin
from ropa.model.origin import child_path as _child_path
from ropa.schema import country_names

T = TypeVar("T")
En = TypeVar("En", bound=StrEnum)

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DURATION = re.compile(
    r"P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?"
)
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

# the same JSON path in many files is one string (less memory, a smaller cache)
child_path = lru_cache(maxsize=8192)(_child_path)


class Node:
    """A mapping being read: its data, file and JSON path."""

    __slots__ = ("data", "file", "path")

    def __init__(self, data: YMap, file: str, path: str) -> None:
        self.data = data
        self.file = file
        self.path = path

    def origin(self) -> Origin:
        return Origin(self.file, self.path, self.data.line, self.data.column, self.data.positions)

    def origin_with_items(self, key: str) -> Origin:
        """An origin that also knows where each id of the list under ``key`` stands: the
        entry ``key[i]`` is item ``i`` of the file. Items that are not ids (the schema reports
        them) are left out, as they are from the model's list."""
        positions = dict(self.data.positions)
        seq = self.data.get(key)
        if isinstance(seq, YSeq):
            for index, (item, (line, column)) in enumerate(zip(seq, seq.positions, strict=True)):
                if isinstance(item, str) and _SLUG.fullmatch(item):
                    positions[f"{key}[{index}]"] = (line, column, line, column)
        return Origin(self.file, self.path, self.data.line, self.data.column, positions)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        return value if isinstance(value, str) else None

    def boolean(self, key: str) -> bool | None:
        value = self.data.get(key)
        return value if isinstance(value, bool) else None

    def integer(self, key: str) -> int | None:
        value = self.data.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def day(self, key: str) -> date | None:
        return parse_date(self.data.get(key))

    def duration(self, key: str) -> str | None:
        value = self.data.get(key)
        return value if isinstance(value, str) and _DURATION.fullmatch(value) else None

    def country(self, key: str) -> str | None:
        return valid_country(self.data.get(key))

    def choice(self, key: str, enum: type[En]) -> En | None:
        return to_enum(self.data.get(key), enum)

    def child(self, key: str) -> Node | None:
        value = self.data.get(key)
        return Node(value, self.file, child_path(self.path, key)) if isinstance(value, YMap) else None

    def raw_list(self, key: str) -> list[tuple[Any, str]]:
        value = self.data.get(key)
        if not isinstance(value, YSeq):
            return []
        base = child_path(self.path, key)
        return [(item, child_path(base, i)) for i, item in enumerate(value)]

    def nodes(self, key: str) -> list[Node]:
        return [Node(item, self.file, path) for item, path in self.raw_list(key) if isinstance(item, YMap)]

    def texts(self, key: str) -> list[str]:
        return [item for item, _ in self.raw_list(key) if isinstance(item, str)]

    def countries(self, key: str) -> list[str]:
        return [c for c in (valid_country(item) for item, _ in self.raw_list(key)) if c]

    def slugs(self, key: str) -> list[str]:
        return [s for s in self.texts(key) if _SLUG.fullmatch(s)]

    def choices(self, key: str, enum: type[En]) -> list[En]:
        return [c for c in (to_enum(item, enum) for item, _ in self.raw_list(key)) if c is not None]

    def many(self, key: str, build: Callable[[Node], T]) -> list[T]:
        return [build(node) for node in self.nodes(key)]

    def one(self, key: str, build: Callable[[Node], T]) -> T | None:
        node = self.child(key)
        return build(node) if node is not None else None


def parse_date(value: Any) -> date | None:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def valid_country(value: Any) -> str | None:
    return value if isinstance(value, str) and value in country_names() else None


def to_enum(value: Any, enum: type[En]) -> En | None:
    if isinstance(value, str):
        try:
            return enum(value)
        except ValueError:
            return None
    return None


def address(n: Node, key: str) -> M.Address | str | None:
    value = n.data.get(key)
    if isinstance(value, str):
        return value
    sub = n.child(key)
    if sub is None:
        return None
    return M.Address(street=sub.text("street"), postcode=sub.text("postcode"), city=sub.text("city"),
                     country=sub.country("country"), origin=sub.origin())


def contact(n: Node) -> M.Contact:
    return M.Contact(name=n.text("name"), company=n.text("company"), email=n.text("email"),
                     phone=n.text("phone"), address=address(n, "address"), origin=n.origin())


def suppression(n: Node) -> M.Suppression:
    return M.Suppression(rule=n.text("rule") or "", reason=n.text("reason"), until=n.day("until"),
                         origin=n.origin())


def organisation(n: Node) -> M.Organisation:
    return M.Organisation(
        name=n.text("name"), legal_form=n.text("legal_form"),
        registration_number=n.text("registration_number"), address=address(n, "address"),
        email=n.text("email"), phone=n.text("phone"), website=n.text("website"),
        employees=n.integer("employees"), public_authority=n.boolean("public_authority"),
        establishments=n.countries("establishments"), representative=n.one("representative", contact),
        dpo=n.one("dpo", contact), rights_contact=n.text("rights_contact"),
        supervisory_authority=n.country("supervisory_authority"),
        suppress=n.many("suppress", suppression), notes=n.text("notes"), origin=n.origin(),
    )


def settings(n: Node) -> M.Settings:
    return M.Settings(review_interval=n.duration("review_interval"),
                      language=n.choice("language", E.Language), origin=n.origin())


def measure(n: Node) -> M.SecurityMeasure:
    return M.SecurityMeasure(
        id=n.text("id") or "", name=n.text("name"), category=n.choice("category", E.MeasureCategory),
        description=n.text("description"), applies_to=n.choice("applies_to", E.AppliesTo),
        origin=n.origin(),
    )


def scc(n: Node) -> M.Scc:
    return M.Scc(module=n.integer("module"), decision=n.text("decision"), signed=n.day("signed"),
                 origin=n.origin())


def transfer(n: Node) -> M.Transfer:
    return M.Transfer(
        country=n.country("country"), international_organisation=n.text("international_organisation"),
        recipient=n.text("recipient"), importer=n.text("importer"),
        exporter=n.choice("exporter", E.Exporter), mechanism=n.choice("mechanism", E.Mechanism),
        scc=n.one("scc", scc), dpf_certified=n.boolean("dpf_certified"),
        adequacy_in_scope=n.boolean("adequacy_in_scope"), derogation=n.choice("derogation", E.Derogation),
        tia=n.text("tia"), documentation=n.text("documentation"), origin=n.origin(),
    )


def sub_processors(n: Node) -> list[M.SubProcessorRef]:
    seq = n.data.get("sub_processors")
    if not isinstance(seq, YSeq):
        return []
    base = child_path(n.path, "sub_processors")
    out = []
    for index, item in enumerate(seq):
        path = child_path(base, index)
        if isinstance(item, str) and _SLUG.fullmatch(item):
            line, column = seq.positions[index]
            out.append(M.SubProcessorRef(id=item, origin=Origin(n.file, path, line, column)))
        elif isinstance(item, YMap):
            sub = Node(item, n.file, path)
            out.append(M.SubProcessorRef(name=sub.text("name"), country=sub.country("country"),
                                         service=sub.text("service"), origin=sub.origin()))
    return out


def dpa(n: Node) -> M.Dpa:
    return M.Dpa(signed=n.day("signed"), reference=n.text("reference"), expires=n.day("expires"),
                 origin=n.origin())


def processor(n: Node, source: str) -> M.Processor:
    return M.Processor(
        id=n.text("id") or "", name=n.text("name"), service=n.text("service"),
        contact=n.one("contact", contact), country=n.country("country"),
        locations=n.countries("locations"), dpa=n.one("dpa", dpa),
        certifications=n.texts("certifications"), sub_processors=sub_processors(n),
        transfers=n.many("transfers", transfer), suppress=n.many("suppress", suppression),
        notes=n.text("notes"), source=source, origin=n.origin(),
    )


def purpose(n: Node) -> M.Purpose:
    return M.Purpose(
        description=n.text("description"), legal_basis=n.choice("legal_basis", E.LegalBasis),
        legitimate_interest=n.text("legitimate_interest"), lia=n.text("lia"),
        legal_reference=n.text("legal_reference"), consent_record=n.text("consent_record"),
        mandatory=n.boolean("mandatory"), consequence=n.text("consequence"), origin=n.origin(),
    )


def subject(n: Node) -> M.DataSubject:
    return M.DataSubject(
        category=n.choice("category", E.SubjectCategory), description=n.text("description"),
        minors=n.boolean("minors"), min_age=n.integer("min_age"),
        parental_consent=n.text("parental_consent"), origin=n.origin(),
    )


def retention(n: Node) -> M.Retention:
    return M.Retention(
        duration=n.duration("duration"), start=n.text("start"), then=n.choice("then", E.RetentionEnd),
        criteria=n.text("criteria"), indefinite=n.boolean("indefinite"),
        justification=n.text("justification"), origin=n.origin(),
    )


def personal(n: Node) -> M.PersonalData:
    return M.PersonalData(
        category=n.choice("category", E.DataCategory), description=n.text("description"),
        items=n.texts("items"), source=n.choice("source", E.DataSource),
        retention=n.one("retention", retention), origin=n.origin(),
    )


def special(n: Node) -> M.SpecialData:
    return M.SpecialData(
        category=n.choice("category", E.SpecialCategory), description=n.text("description"),
        items=n.texts("items"), condition=n.choice("condition", E.Art9Condition),
        legal_reference=n.text("legal_reference"), retention=n.one("retention", retention),
        origin=n.origin(),
    )


def recipient(n: Node) -> M.Recipient:
    return M.Recipient(
        type=n.choice("type", E.RecipientType), name=n.text("name"), processor=n.text("processor"),
        country=n.country("country"), description=n.text("description"), origin=n.origin(),
    )


def consultation(n: Node) -> M.Consultation:
    return M.Consultation(date=n.day("date"), reference=n.text("reference"), origin=n.origin())


def dpia(n: Node) -> M.Dpia:
    return M.Dpia(
        status=n.choice("status", E.DpiaStatus), criteria=n.choices("criteria", E.DpiaCriterion),
        reference=n.text("reference"), date=n.day("date"),
        residual_risk=n.choice("residual_risk", E.RiskLevel),
        prior_consultation=n.one("prior_consultation", consultation), origin=n.origin(),
    )


def automated(n: Node) -> M.AutomatedDecision:
    return M.AutomatedDecision(
        exists=n.boolean("exists"), legal_effect=n.boolean("legal_effect"),
        exception=n.choice("exception", E.Art22Exception), safeguards=n.text("safeguards"),
        description=n.text("description"), origin=n.origin(),
    )


def joint(n: Node) -> M.JointController:
    return M.JointController(name=n.text("name"), contact=n.text("contact"),
                             arrangement=n.text("arrangement"), origin=n.origin())


def activity(n: Node, source: str) -> M.Activity:
    return M.Activity(
        id=n.text("id") or "", ref=n.text("ref"), name=n.text("name"), description=n.text("description"),
        role=n.choice("role", E.Role), joint_controllers=n.many("joint_controllers", joint),
        owner=n.text("owner"), kind=n.choice("kind", E.ActivityKind), status=n.choice("status", E.Status),
        created=n.day("created"), updated=n.day("updated"), reviewed=n.day("reviewed"),
        purposes=n.many("purposes", purpose), data_subjects=n.many("data_subjects", subject),
        personal_data=n.many("personal_data", personal),
        special_categories=n.many("special_categories", special),
        recipients=n.many("recipients", recipient), transfers=n.many("transfers", transfer),
        security_measures=n.slugs("security_measures"), dpia=n.one("dpia", dpia),
        automated_decision=n.one("automated_decision", automated),
        suppress=n.many("suppress", suppression), notes=n.text("notes"), source=source,
        origin=n.origin_with_items("security_measures"),
    )


def client(n: Node) -> M.ClientController:
    return M.ClientController(name=n.text("name"), contact=n.text("contact"),
                              representative=n.one("representative", contact), dpo=n.one("dpo", contact),
                              origin=n.origin())


def on_behalf(n: Node, source: str) -> M.ProcessingOnBehalf:
    return M.ProcessingOnBehalf(
        id=n.text("id") or "", name=n.text("name"), controller=n.one("controller", client),
        categories_of_processing=n.texts("categories_of_processing"), sub_processors=sub_processors(n),
        transfers=n.many("transfers", transfer), security_measures=n.slugs("security_measures"),
        suppress=n.many("suppress", suppression), notes=n.text("notes"), source=source,
        origin=n.origin_with_items("security_measures"),
    )


def _has_id(n: Node) -> bool:
    return bool(n.text("id"))


@dataclass(slots=True)
class FilePart:
    """What one file adds to the register (kept as it is in ropa's cache)."""

    organisation: M.Organisation | None = None
    settings: M.Settings | None = None
    security_measures: list[M.SecurityMeasure] = field(default_factory=list)
    processors: list[M.Processor] = field(default_factory=list)
    activities: list[M.Activity] = field(default_factory=list)
    processing_on_behalf: list[M.ProcessingOnBehalf] = field(default_factory=list)

    def add_to(self, register: M.Register) -> None:
        if self.organisation is not None:
            register.organisation = self.organisation
        if self.settings is not None:
            register.settings = self.settings
        register.security_measures += self.security_measures
        register.processors += self.processors
        register.activities += self.activities
        register.processing_on_behalf += self.processing_on_behalf


def register_part(data: YMap, file: str, source: str) -> FilePart:
    """What a register file (one-file register or register.yaml) holds."""
    root = Node(data, file, "$")
    org, conf = root.child("organisation"), root.child("settings")
    return FilePart(
        organisation=organisation(org) if org is not None else None,
        settings=settings(conf) if conf is not None else None,
        security_measures=[measure(n) for n in root.nodes("security_measures") if _has_id(n)],
        processors=[processor(n, source) for n in root.nodes("processors") if _has_id(n)],
        activities=[activity(n, source) for n in root.nodes("activities") if _has_id(n)],
        processing_on_behalf=[on_behalf(n, source) for n in root.nodes("processing_on_behalf") if _has_id(n)],
    )


def item_part(data: YMap, file: str, source: str, kind: str) -> FilePart:
    """What a file of activities/ or processors/ holds: one item, or a list."""
    root = Node(data, file, "$")
    plural = "activities" if kind == "activity" else "processors"
    nodes = [n for n in (root.nodes(plural) if plural in data else [root]) if _has_id(n)]
    if kind == "activity":
        return FilePart(activities=[activity(n, source) for n in nodes])
    return FilePart(processors=[processor(n, source) for n in nodes])


def add_register_file(register: M.Register, data: YMap, file: str, source: str) -> None:
    """Add what a register file (one-file register or register.yaml) holds."""
    register_part(data, file, source).add_to(register)


def add_item_file(register: M.Register, data: YMap, file: str, source: str, kind: str) -> None:
    """Add what a file of activities/ or processors/ holds: one item, or a list."""
    item_part(data, file, source, kind).add_to(register)
