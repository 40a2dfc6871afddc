"""The sheets the CNIL model lacks and an audit needs, each one filterable table: legal
bases, processors (Art. 28), transfers, security measures, DPIA, the register kept as a
processor (Art. 30(2), when there is one) and the findings of the rules."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ropa.export.excel_labels import word
from ropa.export.excel_layout import Sheet, table_sheet
from ropa.export.view import RegisterView


def legal_bases(view: RegisterView, name: str) -> Sheet:
    w = partial(word, language=view.language)
    body: list[list[str]] = []
    for a in view.activities:
        for p in a.purposes:
            body.append([a.ref, a.name, p.description, p.basis, "", p.legitimate_interest, p.lia,
                         p.legal_reference, p.consent_record, p.mandatory, p.consequence])
        for d in a.special_data:
            body.append([a.ref, a.name, d.category, "", d.condition, "", "", d.legal_reference, "", "", ""])
        if not a.purposes and not a.special_data:
            body.append([a.ref, a.name] + [""] * 9)
    headers = [w(k) for k in ("ref", "activity", "purpose_or_data", "basis", "condition", "legitimate_interest",
                              "lia", "legal_reference", "consent_record", "mandatory", "consequence")]
    return table_sheet(name, "annex", w("legal_bases"), headers, body)


def processors(view: RegisterView, name: str) -> Sheet:
    w = partial(word, language=view.language)
    body = [[p.name, p.service, p.country_name, p.location_names,
             p.dpa_signed, p.dpa_reference, p.dpa_expires, p.certifications, p.sub_processors, p.used_by,
             p.contact] for p in view.processors]
    headers = [w(k) for k in ("name", "service", "establishment", "locations", "dpa_signed", "dpa_reference",
                              "dpa_expires", "certifications", "sub_processors", "used_by", "contact")]
    return table_sheet(name, "annex", w("processors"), headers, body)


def transfers(view: RegisterView, name: str) -> Sheet:
    w = partial(word, language=view.language)
    body = [[t.via, t.recipient, t.country_name, t.country, t.mechanism, t.safeguard, t.tia, t.documentation]
            for t in view.transfers]
    headers = [w(k) for k in ("via", "importer", "country", "country_code", "mechanism", "safeguards", "tia",
                              "documentation")]
    return table_sheet(name, "annex", w("transfers"), headers, body)


def measures(view: RegisterView, name: str) -> Sheet:
    w = partial(word, language=view.language)
    body = [[m.id, m.category, m.name, m.description, m.scope] for m in view.measures]
    headers = [w(k) for k in ("identifier", "category", "name", "description", "scope")]
    return table_sheet(name, "annex", w("measures"), headers, body)


def dpia(view: RegisterView, name: str) -> Sheet:
    w = partial(word, language=view.language)
    body = [[a.ref, a.name, a.dpia.status, a.dpia.criteria, a.dpia.reference, a.dpia.date, a.dpia.residual_risk,
             a.dpia.prior_consultation, a.automated_decision] for a in view.activities]
    headers = [w(k) for k in ("ref", "activity", "dpia_status", "dpia_criteria", "reference", "date",
                              "residual_risk", "prior_consultation", "automated_decision")]
    return table_sheet(name, "annex", w("dpia"), headers, body)


def on_behalf(view: RegisterView, name: str) -> Sheet:
    w = partial(word, language=view.language)
    body = [[o.name, o.controller, o.controller_contact, o.representative, o.dpo, o.categories, o.sub_processors,
             "\n".join(f"{t.recipient} ({t.country_name}) : {t.safeguard}" for t in o.transfers), o.measures]
            for o in view.on_behalf]
    headers = [w(k) for k in ("activity", "client", "client_contact", "representative", "dpo",
                              "processing_categories", "sub_processors", "transfers", "measures")]
    return table_sheet(name, "annex", w("on_behalf"), headers, body)


def compliance(view: RegisterView, name: str) -> Sheet:
    w = partial(word, language=view.language)
    as_of = view.as_of.strftime("%d/%m/%Y") if view.language == "fr" else view.as_of.isoformat()
    title = word("compliance_summary", view.language, date=as_of, errors=view.errors, warnings=view.warnings,
                 infos=view.infos)
    body = [[w(f.severity_key) if f.severity_key in ("error", "warning", "info") else f.severity, f.rule, f.name,
             f.message, f.fix, f.where, f.subject, f.suppressed] for f in view.findings]
    headers = [w(k) for k in ("severity", "rule", "name", "message", "fix", "where", "subject", "suppressed")]
    return table_sheet(name, "findings", title, headers, body)


def annexes(view: RegisterView, names: dict[str, str]) -> Iterator[Sheet]:
    yield legal_bases(view, names["sheet_bases"])
    yield processors(view, names["sheet_processors"])
    yield transfers(view, names["sheet_transfers"])
    yield measures(view, names["sheet_measures"])
    yield dpia(view, names["sheet_dpia"])
    if view.on_behalf:
        yield on_behalf(view, names["sheet_on_behalf"])
    yield compliance(view, names["sheet_compliance"])
