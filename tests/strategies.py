"""Hypothesis strategies for valid registers.

``registers()`` draws a Register that the schema accepts and whose references hold: ids
are slugs unique within their kind; activities, processing on behalf and sub-processor
lists refer only to ids that exist. Text includes accents, quotes, line breaks, and words
YAML could read as something else ("NO", "yes", "0123", "2025-01-01"...). A list field is
either absent (empty) or holds items; optional objects are absent, empty or partly filled.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st

from ropa.model import enums as E
from ropa.model.register import (
    Activity,
    Address,
    AutomatedDecision,
    ClientController,
    Consultation,
    Contact,
    DataSubject,
    Dpa,
    Dpia,
    JointController,
    Organisation,
    PersonalData,
    ProcessingOnBehalf,
    Processor,
    Purpose,
    Recipient,
    Register,
    Retention,
    Scc,
    SecurityMeasure,
    Settings,
    SpecialData,
    SubProcessorRef,
    Suppression,
    Transfer,
)
from ropa.schema import country_names

T = TypeVar("T")

TRICKY_TEXT = [
    "NO", "no", "Yes", "yes", "on", "OFF", "true", "False", "null", "Null", "~", "",
    "0123", "0189", "1e3", "0o17", "0x1F", "1_000", ".5", "+1", "-0", ".inf", ".NaN",
    "2025-01-01", "2025-08-17T10:00:00", "12:30", "1:20:00",
    " leading space", "trailing space ", "a: b", "- dash", "# hash", "key:", "?", "|", ">",
    "'single'", '"double"', "l'été", "Ça coûte 10 € « net »", "naïve Zoë Ørsted", "日本語",
    "{not: a map}", "[not, a list]", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick`",
    "line one\nline two", "ends with a newline\n", "two\n\nparagraphs", "  indented\nthen not",
    "trailing space \nbefore a break", "tab\tinside",
]

# Any character a person can write: assigned code points (no surrogates, no unassigned
# "Cn"), control characters and line breaks included, NUL aside (PostgreSQL text refuses it).
_CHARACTERS = st.characters(codec="utf-8", exclude_categories=["Cs", "Cn"],
                            exclude_characters="\x00")

text = st.one_of(st.sampled_from(TRICKY_TEXT), st.text(_CHARACTERS, max_size=24))
slugs = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
emails = st.from_regex(r"[a-z0-9._+-]{1,8}@[a-z0-9-]{1,8}(\.[a-z]{2,4})?", fullmatch=True)
countries = st.sampled_from(sorted(country_names()))  # EL, UK and NO included
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))
durations = st.one_of(
    st.sampled_from(["P13M", "P3Y", "P6M", "P30D", "P1Y6M", "P2W", "PT12H", "P1DT2H", "P24M"]),
    st.from_regex(r"P[1-9][0-9]?[YMWD]", fullmatch=True),
)
rule_ids = st.from_regex(r"ROPA[0-9]{3}", fullmatch=True)


def opt(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def some(strategy: st.SearchStrategy[T], max_size: int = 2) -> st.SearchStrategy[list[T]]:
    """A list field: absent (empty) or a few items."""
    return st.lists(strategy, max_size=max_size)


def choice(enum: Any) -> st.SearchStrategy[Any]:
    return opt(st.sampled_from(list(enum)))


addresses = st.one_of(
    st.none(),
    text,
    st.builds(Address, street=opt(text), postcode=opt(text), city=opt(text),
              country=opt(countries)),
)
contacts = st.builds(Contact, name=opt(text), company=opt(text), email=opt(emails),
                     phone=opt(text), address=addresses)
suppressions = st.builds(Suppression, rule=rule_ids, reason=text, until=opt(dates))
sccs = st.builds(
    Scc, module=opt(st.integers(1, 4)),
    decision=opt(st.sampled_from(["2021/914", "2010/87", "2004/915", "2001/497"])),
    signed=opt(dates),
)
transfers = st.builds(
    Transfer, country=opt(countries), international_organisation=opt(text), recipient=opt(text),
    importer=opt(text), exporter=choice(E.Exporter), mechanism=choice(E.Mechanism),
    scc=opt(sccs), dpf_certified=opt(st.booleans()), adequacy_in_scope=opt(st.booleans()),
    derogation=choice(E.Derogation), tia=opt(text), documentation=opt(text),
)
retentions = st.builds(
    Retention, duration=opt(durations), start=opt(text), then=choice(E.RetentionEnd),
    criteria=opt(text), indefinite=opt(st.booleans()), justification=opt(text),
)
security_measures = st.builds(
    SecurityMeasure, id=slugs, name=opt(text), category=choice(E.MeasureCategory),
    description=text, applies_to=choice(E.AppliesTo),
)
organisations = st.builds(
    Organisation, name=opt(text), legal_form=opt(text), registration_number=opt(text),
    address=addresses, email=opt(emails), phone=opt(text), website=opt(text),
    employees=opt(st.integers(0, 10**12)), public_authority=opt(st.booleans()),
    establishments=some(countries), representative=opt(contacts), dpo=opt(contacts),
    rights_contact=opt(text), supervisory_authority=opt(countries), suppress=some(suppressions),
    notes=opt(text),
)
settings = st.builds(Settings, review_interval=opt(durations), language=choice(E.Language))


def sub_processors(ids: list[str]) -> st.SearchStrategy[SubProcessorRef]:
    inline = st.builds(SubProcessorRef, name=text, country=opt(countries), service=opt(text))
    if not ids:
        return inline
    return inline | st.builds(SubProcessorRef, id=st.sampled_from(ids))


def measure_refs(ids: list[str]) -> st.SearchStrategy[list[str]]:
    if not ids:
        return st.just([])
    return st.lists(st.sampled_from(ids), max_size=3, unique=True)


def sources(folder: str, item_id: str) -> st.SearchStrategy[str | None]:
    return st.sampled_from([None, "register.yaml", f"{folder}/{item_id}.yaml",
                            f"{folder}/shared.yaml", f"{folder}/other.yml", "elsewhere.yaml"])


@st.composite
def processors(draw: st.DrawFn, item_id: str, all_ids: list[str]) -> Processor:
    others = [i for i in all_ids if i != item_id]
    return Processor(
        id=item_id, name=draw(text), service=draw(opt(text)), contact=draw(opt(contacts)),
        country=draw(opt(countries)), locations=draw(some(countries)),
        dpa=draw(opt(st.builds(Dpa, signed=opt(dates), reference=opt(text), expires=opt(dates)))),
        certifications=draw(some(text)), sub_processors=draw(some(sub_processors(others))),
        transfers=draw(some(transfers)), suppress=draw(some(suppressions)),
        notes=draw(opt(text)), source=draw(sources("processors", item_id)),
    )


def recipients(processor_ids: list[str]) -> st.SearchStrategy[Recipient]:
    return st.builds(
        Recipient, type=st.sampled_from(list(E.RecipientType)), name=opt(text),
        processor=opt(st.sampled_from(processor_ids)) if processor_ids else st.none(),
        country=opt(countries), description=opt(text),
    )


purposes = st.builds(
    Purpose, description=text, legal_basis=choice(E.LegalBasis),
    legitimate_interest=opt(text), lia=opt(text), legal_reference=opt(text),
    consent_record=opt(text), mandatory=opt(st.booleans()), consequence=opt(text),
)
data_subjects = st.builds(
    DataSubject, category=st.sampled_from(list(E.SubjectCategory)), description=opt(text),
    minors=opt(st.booleans()), min_age=opt(st.integers(0, 150)), parental_consent=opt(text),
)
personal_data = st.builds(
    PersonalData, category=st.sampled_from(list(E.DataCategory)), description=opt(text),
    items=some(text, 3), source=choice(E.DataSource), retention=opt(retentions),
)
special_data = st.builds(
    SpecialData, category=st.sampled_from(list(E.SpecialCategory)), description=opt(text),
    items=some(text), condition=choice(E.Art9Condition), legal_reference=opt(text),
    retention=opt(retentions),
)
dpias = st.builds(
    Dpia, status=choice(E.DpiaStatus),
    criteria=st.lists(st.sampled_from(list(E.DpiaCriterion)), max_size=3, unique=True),
    reference=opt(text), date=opt(dates), residual_risk=choice(E.RiskLevel),
    prior_consultation=opt(st.builds(Consultation, date=opt(dates), reference=opt(text))),
)
automated_decisions = st.builds(
    AutomatedDecision, exists=opt(st.booleans()), legal_effect=opt(st.booleans()),
    exception=choice(E.Art22Exception), safeguards=opt(text), description=opt(text),
)
joint_controllers = st.builds(JointController, name=opt(text), contact=opt(text),
                              arrangement=opt(text))


@st.composite
def activities(draw: st.DrawFn, item_id: str, processor_ids: list[str],
               measure_ids: list[str]) -> Activity:
    return Activity(
        id=item_id, ref=draw(opt(text)), name=draw(text), description=draw(opt(text)),
        role=draw(choice(E.Role)), joint_controllers=draw(some(joint_controllers)),
        owner=draw(opt(text)), kind=draw(choice(E.ActivityKind)), status=draw(choice(E.Status)),
        created=draw(opt(dates)), updated=draw(opt(dates)), reviewed=draw(opt(dates)),
        purposes=draw(some(purposes)), data_subjects=draw(some(data_subjects)),
        personal_data=draw(some(personal_data)), special_categories=draw(some(special_data)),
        recipients=draw(some(recipients(processor_ids))), transfers=draw(some(transfers)),
        security_measures=draw(measure_refs(measure_ids)), dpia=draw(opt(dpias)),
        automated_decision=draw(opt(automated_decisions)), suppress=draw(some(suppressions)),
        notes=draw(opt(text)), source=draw(sources("activities", item_id)),
    )


@st.composite
def processing_on_behalf(draw: st.DrawFn, item_id: str, processor_ids: list[str],
                         measure_ids: list[str]) -> ProcessingOnBehalf:
    controller = st.builds(ClientController, name=opt(text), contact=opt(text),
                           representative=opt(contacts), dpo=opt(contacts))
    return ProcessingOnBehalf(
        id=item_id, name=draw(opt(text)), controller=draw(opt(controller)),
        categories_of_processing=draw(some(text)),
        sub_processors=draw(some(sub_processors(processor_ids))),
        transfers=draw(some(transfers)), security_measures=draw(measure_refs(measure_ids)),
        suppress=draw(some(suppressions)), notes=draw(opt(text)),
        source=draw(st.sampled_from([None, "register.yaml"])),
    )


def _ids(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(slugs, max_size=max_size, unique=True)


@st.composite
def registers(draw: st.DrawFn) -> Register:
    """A valid register: schema-valid values, unique ids, references that resolve."""
    measures = draw(st.lists(security_measures, max_size=3, unique_by=lambda m: m.id))
    measure_ids = [m.id for m in measures]
    processor_ids = draw(_ids(3))
    return Register(
        organisation=draw(organisations),
        settings=draw(settings),
        security_measures=measures,
        processors=[draw(processors(i, processor_ids)) for i in processor_ids],
        activities=[draw(activities(i, processor_ids, measure_ids)) for i in draw(_ids(4))],
        processing_on_behalf=[
            draw(processing_on_behalf(i, processor_ids, measure_ids)) for i in draw(_ids(2))
        ],
    )
