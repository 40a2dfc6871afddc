"""Generate the JSON Schemas shipped in ropa/schema/ from the format's vocabularies.

The enums in ropa/model/enums.py and this file are the single source: run
``python scripts/build_schema.py`` after changing either; a test fails while the shipped
files are stale.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ropa.model import enums as E  # noqa: E402

OUT = ROOT / "ropa" / "schema"
BASE_ID = "urn:ropa:register-format:1"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

Json = dict[str, Any]


def countries() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.name for c in pycountry.countries}
    table["EL"] = "Greece (EU alias of GR)"
    table["UK"] = "United Kingdom (alias of GB)"
    return dict(sorted(table.items()))


def country_table() -> dict[str, dict[str, str]]:
    """Code -> {"en": name, "fr": name}, from ISO 3166-1 and its French translation."""
    import gettext

    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    table = {}
    for c in pycountry.countries:
        english = getattr(c, "common_name", None) or c.name
        table[c.alpha_2] = {"en": english, "fr": french.gettext(c.name)}
    table["EL"] = {"en": table["GR"]["en"], "fr": table["GR"]["fr"]}
    table["UK"] = {"en": table["GB"]["en"], "fr": table["GB"]["fr"]}
    return dict(sorted(table.items()))


def enum(cls: type[StrEnum], description: str) -> Json:
    return {"type": "string", "enum": [m.value for m in cls], "description": description}


def ref(name: str) -> Json:
    return {"$ref": f"#/$defs/{name}"}


def nullable(schema: Json) -> Json:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: Json, required: list[str] | None = None, description: str = "") -> Json:
    out: Json = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        out["required"] = required
    if description:
        out["description"] = description
    return out


def array(items: Json, description: str = "") -> Json:
    out: Json = {"type": "array", "items": items}
    if description:
        out["description"] = description
    return out


def text(description: str = "") -> Json:
    out: Json = ref("text")
    if description:
        out = {"$ref": "#/$defs/text", "description": description}
    return out


def with_desc(schema: Json, description: str) -> Json:
    return {**schema, "description": description}


def defs() -> Json:
    d: Json = {}
    d["text"] = {
        "title": "text",
        "type": "string",
        "maxLength": 100000,
        "x-fix": "write plain text, at most 100,000 characters; quote it if it looks like a number, a date or true/false",
    }
    d["optional_text"] = nullable(ref("text"))
    d["slug"] = {
        "title": "identifier",
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "maxLength": 200,
        "x-fix": "use lowercase letters, digits and single dashes",
    }
    d["date"] = {
        "title": "date",
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "format": "date",
        "x-fix": "write an ISO 8601 date such as 2025-08-17",
    }
    d["optional_date"] = nullable(ref("date"))
    d["duration"] = {
        "title": "ISO 8601 duration",
        "type": "string",
        "pattern": "^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T(?=[0-9])([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$",
        "x-fix": "write an ISO 8601 duration such as P3Y (3 years), P13M (13 months), P6M or P30D",
    }
    d["country"] = {
        "title": "country code",
        "type": "string",
        "enum": list(countries()),
        "description": "ISO 3166-1 alpha-2 code (EL and UK are accepted for GR and GB)",
        "x-fix": "write the ISO 3166-1 alpha-2 code in capitals, such as FR, IE, US; quote 'NO' for Norway if another tool reads the file",
    }
    d["optional_country"] = nullable(ref("country"))
    d["email"] = {
        "title": "e-mail address",
        "type": "string",
        "pattern": "^[^@\\s]+@[^@\\s]+$",
        "maxLength": 320,
        "x-fix": "write an address such as contact@example.com",
    }
    d["optional_bool"] = {"type": ["boolean", "null"]}
    d["address"] = {
        "description": "a postal address, as one line of text or as its parts",
        "anyOf": [
            ref("text"),
            obj({
                "street": ref("optional_text"),
                "postcode": ref("optional_text"),
                "city": ref("optional_text"),
                "country": ref("optional_country"),
            }),
            {"type": "null"},
        ],
    }
    contact_props = {
        "name": ref("optional_text"),
        "company": ref("optional_text"),
        "email": nullable(ref("email")),
        "phone": ref("optional_text"),
        "address": ref("address"),
    }
    d["contact"] = nullable(obj(contact_props, description="how to reach a person or body"))
    d["suppress"] = array(
        obj(
            {
                "rule": {
                    "title": "rule id",
                    "type": "string",
                    "pattern": "^ROPA[0-9]{3}$",
                    "x-fix": "write a rule id such as ROPA303 (see `ropa rules`)",
                },
                "reason": with_desc(ref("text"), "why this finding is accepted (required)"),
                "until": with_desc(ref("optional_date"), "the date after which the finding comes back"),
            },
            ["rule", "reason"],
            "a finding accepted on purpose, with its reason",
        ),
        "findings accepted on purpose; each needs a reason",
    )
    d["retention"] = nullable(obj(
        {
            "duration": with_desc(nullable(ref("duration")), "how long, as an ISO 8601 duration (keep the unit: P13M)"),
            "start": with_desc(ref("optional_text"), "the event the duration counts from"),
            "then": nullable(enum(E.RetentionEnd, "what happens at the end")),
            "criteria": with_desc(ref("optional_text"), "the criteria used when no figure can be given"),
            "indefinite": with_desc(ref("optional_bool"), "true when kept without limit (a rule asks why)"),
            "justification": with_desc(ref("optional_text"), "the law or reason behind the period"),
        },
        description="how long the data are kept (Art. 30(1)(f))",
    ))
    d["scc"] = nullable(obj(
        {
            "module": {"type": ["integer", "null"], "minimum": 1, "maximum": 4,
                       "description": "module of Decision 2021/914: 1 C2C, 2 C2P, 3 P2P, 4 P2C"},
            "decision": {"type": ["string", "null"], "enum": ["2021/914", "2010/87", "2004/915", "2001/497", None],
                         "description": "the Commission decision of the clauses"},
            "signed": ref("optional_date"),
        },
        description="standard contractual clauses (Art. 46(2)(c))",
    ))
    d["transfer"] = obj(
        {
            "country": with_desc(ref("optional_country"), "the third country the data go to"),
            "international_organisation": with_desc(ref("optional_text"), "an international organisation the data go to"),
            "recipient": with_desc(ref("optional_text"), "who receives the data"),
            "importer": with_desc(ref("optional_text"), "the entity importing the data there"),
            "exporter": nullable(enum(E.Exporter, "who exports: the controller, or the processor (onward transfer)")),
            "mechanism": nullable(enum(E.Mechanism, "the Chapter V tool the transfer relies on")),
            "scc": ref("scc"),
            "dpf_certified": with_desc(ref("optional_bool"), "US importers: listed on the EU-US Data Privacy Framework"),
            "adequacy_in_scope": with_desc(ref("optional_bool"), "the importer falls within the adequacy decision's scope (PIPEDA for Canada, APPI for Japan…)"),
            "derogation": nullable(enum(E.Derogation, "the Art. 49 derogation relied on")),
            "tia": with_desc(ref("optional_text"), "reference of the transfer impact assessment"),
            "documentation": with_desc(ref("optional_text"), "link to the safeguard's documentation"),
        },
        description="a transfer outside the EEA (Chapter V)",
    )
    d["sub_processor"] = {
        "description": "the id of a described processor, or {name, country, service} for one known only by name",
        "anyOf": [
            ref("slug"),
            obj({
                "name": ref("text"),
                "country": ref("optional_country"),
                "service": ref("optional_text"),
            }, ["name"]),
        ],
    }
    d["organisation"] = obj(
        {
            "name": with_desc(ref("optional_text"), "the controller's name (Art. 30(1)(a))"),
            "legal_form": ref("optional_text"),
            "registration_number": with_desc(ref("optional_text"), "e.g. SIREN; quote it"),
            "address": ref("address"),
            "email": with_desc(nullable(ref("email")), "a contact for the register"),
            "phone": ref("optional_text"),
            "website": ref("optional_text"),
            "employees": {"type": ["integer", "null"], "minimum": 0},
            "public_authority": with_desc(ref("optional_bool"), "a public authority or body (Art. 37(1)(a))"),
            "establishments": array(ref("country"), "EEA countries where the organisation is established"),
            "representative": with_desc(ref("contact"), "Art. 27 representative in the EU"),
            "dpo": with_desc(ref("contact"), "Art. 37 data protection officer; null when none is designated"),
            "rights_contact": with_desc(ref("optional_text"), "where people exercise their rights"),
            "supervisory_authority": with_desc(ref("optional_country"), "the lead supervisory authority, by country"),
            "suppress": ref("suppress"),
            "notes": ref("optional_text"),
        },
        description="the controller (Art. 30(1)(a))",
    )
    d["settings"] = obj(
        {
            "review_interval": with_desc(nullable(ref("duration")), "an activity not reviewed within this is overdue"),
            "language": nullable(enum(E.Language, "default language of exported documents")),
        }
    )
    d["security_measure"] = obj(
        {
            "id": ref("slug"),
            "name": ref("optional_text"),
            "category": nullable(enum(E.MeasureCategory, "the CNIL family of the measure")),
            "description": ref("text"),
            "applies_to": nullable(enum(E.AppliesTo, "'all': every activity has it without listing it")),
        },
        ["id", "description"],
        "a technical or organisational security measure (Art. 32)",
    )
    d["processor_body"] = {
        "id": ref("slug"),
        "name": ref("text"),
        "service": ref("optional_text"),
        "contact": ref("contact"),
        "country": with_desc(ref("optional_country"), "where the contracting entity is established"),
        "locations": array(ref("country"), "where data are processed or can be accessed from"),
        "dpa": nullable(obj({
            "signed": ref("optional_date"),
            "reference": ref("optional_text"),
            "expires": ref("optional_date"),
        }, description="the Art. 28(3) contract")),
        "certifications": array(ref("text")),
        "sub_processors": array(ref("sub_processor")),
        "transfers": array(ref("transfer"), "one entry per location outside the EEA"),
        "suppress": ref("suppress"),
        "notes": ref("optional_text"),
    }
    d["processor"] = obj(d["processor_body"], ["id", "name"],
                         "a processor (Art. 28)")
    purpose = obj(
        {
            "description": ref("text"),
            "legal_basis": nullable(enum(E.LegalBasis, "the Art. 6(1) legal basis")),
            "legitimate_interest": with_desc(ref("optional_text"), "the interest pursued, for legitimate_interests"),
            "lia": with_desc(ref("optional_text"), "reference of the legitimate interest assessment"),
            "legal_reference": with_desc(ref("optional_text"), "the law, for legal_obligation or public_task"),
            "consent_record": with_desc(ref("optional_text"), "where consent is recorded, for consent"),
            "mandatory": with_desc(ref("optional_bool"), "is providing the data required?"),
            "consequence": with_desc(ref("optional_text"), "what happens if the data are not provided"),
        },
        ["description"],
        "a purpose and its legal basis (Art. 30(1)(b), Art. 6)",
    )
    subject = obj(
        {
            "category": enum(E.SubjectCategory, "category of data subjects"),
            "description": ref("optional_text"),
            "minors": with_desc(ref("optional_bool"), "true when children may be concerned"),
            "min_age": {"type": ["integer", "null"], "minimum": 0, "maximum": 150},
            "parental_consent": with_desc(ref("optional_text"), "how parental consent is obtained (Art. 8)"),
        },
        ["category"],
    )
    personal = obj(
        {
            "category": enum(E.DataCategory, "the CNIL category of personal data"),
            "description": ref("optional_text"),
            "items": array(ref("text")),
            "source": nullable(enum(E.DataSource, "where the data come from")),
            "retention": ref("retention"),
        },
        ["category"],
    )
    special = obj(
        {
            "category": enum(E.SpecialCategory, "Art. 9 category, or criminal_offences (Art. 10)"),
            "description": ref("optional_text"),
            "items": array(ref("text")),
            "condition": nullable(enum(E.Art9Condition, "the Art. 9(2) condition")),
            "legal_reference": with_desc(ref("optional_text"), "the law allowing criminal offence data (Art. 10)"),
            "retention": ref("retention"),
        },
        ["category"],
    )
    recipient = obj(
        {
            "type": enum(E.RecipientType, "kind of recipient"),
            "name": ref("optional_text"),
            "processor": with_desc(nullable(ref("slug")), "id of a processor, for type processor"),
            "country": ref("optional_country"),
            "description": ref("optional_text"),
        },
        ["type"],
    )
    dpia = nullable(obj(
        {
            "status": nullable(enum(E.DpiaStatus, "where the DPIA stands")),
            "criteria": array(enum(E.DpiaCriterion, "an EDPB criterion"), "EDPB criteria the processing meets"),
            "reference": ref("optional_text"),
            "date": ref("optional_date"),
            "residual_risk": nullable(enum(E.RiskLevel, "risk remaining after the measures")),
            "prior_consultation": nullable(obj({"date": ref("optional_date"), "reference": ref("optional_text")},
                                               description="the Art. 36 consultation")),
        },
        description="data protection impact assessment (Art. 35)",
    ))
    automated = nullable(obj(
        {
            "exists": ref("optional_bool"),
            "legal_effect": with_desc(ref("optional_bool"), "produces legal or similarly significant effects"),
            "exception": nullable(enum(E.Art22Exception, "the Art. 22(2) exception")),
            "safeguards": ref("optional_text"),
            "description": ref("optional_text"),
        },
        description="automated individual decisions (Art. 22)",
    ))
    d["activity_body"] = {
        "id": ref("slug"),
        "ref": with_desc(ref("optional_text"), "the N° / RÉF of the CNIL model; defaults to id"),
        "name": ref("text"),
        "description": ref("optional_text"),
        "role": nullable(enum(E.Role, "our role in this processing")),
        "joint_controllers": array(obj({
            "name": ref("optional_text"),
            "contact": ref("optional_text"),
            "arrangement": with_desc(ref("optional_text"), "the Art. 26 arrangement"),
        }), "joint controllers (Art. 26)"),
        "owner": with_desc(ref("optional_text"), "business function responsible"),
        "kind": nullable(enum(E.ActivityKind, "the type of processing, for CNIL references")),
        "status": nullable(enum(E.Status, "planned, active or retired")),
        "created": ref("optional_date"),
        "updated": ref("optional_date"),
        "reviewed": ref("optional_date"),
        "purposes": array(purpose, "at least one; a legal basis per purpose"),
        "data_subjects": array(subject, "categories of data subjects (Art. 30(1)(c))"),
        "personal_data": array(personal, "categories of personal data (Art. 30(1)(c))"),
        "special_categories": array(special, "Art. 9 and Art. 10 data"),
        "recipients": array(recipient, "recipients (Art. 30(1)(d))"),
        "transfers": array(ref("transfer"), "transfers to non-processor recipients outside the EEA"),
        "security_measures": array(ref("slug"), "ids of security measures"),
        "dpia": dpia,
        "automated_decision": automated,
        "suppress": ref("suppress"),
        "notes": ref("optional_text"),
    }
    d["activity"] = obj(d["activity_body"], ["id", "name"], "a processing activity (Art. 30(1))")
    d["processing_on_behalf_body"] = {
        "id": ref("slug"),
        "name": ref("optional_text"),
        "controller": nullable(obj({
            "name": ref("optional_text"),
            "contact": ref("optional_text"),
            "representative": ref("contact"),
            "dpo": ref("contact"),
        }, description="the client controller (Art. 30(2)(a))")),
        "categories_of_processing": array(ref("text"), "Art. 30(2)(b)"),
        "sub_processors": array(ref("sub_processor")),
        "transfers": array(ref("transfer")),
        "security_measures": array(ref("slug")),
        "suppress": ref("suppress"),
        "notes": ref("optional_text"),
    }
    d["processing_on_behalf"] = obj(d["processing_on_behalf_body"], ["id"],
                                    "processing carried out for a client controller (Art. 30(2))")
    del d["processor_body"], d["activity_body"], d["processing_on_behalf_body"]
    d["version"] = {"const": 1, "title": "format version",
                    "x-fix": "start the file with `ropa: 1`; this ropa reads format version 1"}
    return d


def register_schema() -> Json:
    d = defs()
    return {
        "$schema": DRAFT,
        "$id": f"{BASE_ID}:register",
        "title": "ropa register (GDPR Art. 30 record), format version 1",
        "description": "A register in one file, or the register.yaml of a register folder.",
        "type": "object",
        "additionalProperties": False,
        "required": ["ropa"],
        "properties": {
            "ropa": ref("version"),
            "organisation": ref("organisation"),
            "settings": ref("settings"),
            "security_measures": array(ref("security_measure")),
            "processors": array(ref("processor")),
            "activities": array(ref("activity")),
            "processing_on_behalf": array(ref("processing_on_behalf")),
        },
        "$defs": d,
    }


def item_file_schema(kind: str, plural: str, title: str) -> Json:
    d = defs()
    single = dict(d[kind])
    single["properties"] = {"ropa": ref("version"), **single["properties"]}
    single["required"] = ["ropa", *single.get("required", [])]
    many = obj({"ropa": ref("version"), plural: array(ref(kind))}, ["ropa", plural])
    return {
        "$schema": DRAFT,
        "$id": f"{BASE_ID}:{kind.replace('_', '-')}",
        "title": title,
        "description": f"One file of a register folder's {plural}/: one item, or a list under `{plural}`.",
        "type": "object",
        "if": {"required": [plural]},
        "then": many,
        "else": single,
        "$defs": d,
    }


def schemas() -> dict[str, Json]:
    return {
        "register": register_schema(),
        "activity": item_file_schema("activity", "activities", "ropa activity file, format version 1"),
        "processor": item_file_schema("processor", "processors", "ropa processor file, format version 1"),
    }


def render(schema: Json) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    for name, schema in schemas().items():
        (OUT / f"{name}.schema.json").write_text(render(schema), encoding="utf-8")
    (OUT / "countries.json").write_text(json.dumps(country_table(), ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")
    print(f"wrote {len(schemas())} schemas to {OUT}")


if __name__ == "__main__":
    main()
