"""The tables a privacy notice publishes (GDPR Art. 13 and 14), generated from the
register so that the notice cannot drift from it: purposes with their legal basis and
whether data are mandatory; recipients and processors with their country; retention per
category of data; transfers outside the EEA with their safeguards; the rights contact and
the supervisory authority.

The notice speaks for the organisation as a controller: it covers the activities that are
not retired (planned ones are named under the first table) and leaves out the register
kept as a processor. What the register leaves unknown is written as such, never blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ropa.export.html import Words, long_date, words
from ropa.export.labels import label
from ropa.export.view import ActivityView, ProcessorView, PurposeView, RegisterView
from ropa.model import enums as E


@dataclass(frozen=True, slots=True)
class NoticeTable:
    key: str  # purposes, recipients, retention, transfers, rights
    title: str
    columns: list[str]
    rows: list[list[str]]
    note: str = ""  # a sentence under the table
    empty: str = ""  # what to say when there is no row


@dataclass(frozen=True, slots=True)
class Notice:
    language: str
    title: str
    intro: str
    tables: list[NoticeTable] = field(default_factory=list)

    def table(self, key: str) -> NoticeTable:
        return next(t for t in self.tables if t.key == key)


class _NoticeBuilder:
    def __init__(self, view: RegisterView) -> None:
        self.view = view
        self.lang = view.language
        self.w: Words = words(view.language)
        self.unknown = str(self.w["notice_unknown"])
        self.activities = [a for a in view.activities if a.status_key != E.Status.RETIRED.value]

    def known(self, value: str) -> str:
        return value or self.unknown

    def basis(self, p: PurposeView) -> str:
        if not p.basis:
            return self.unknown
        if p.basis_key == "legitimate_interests":
            return f"{p.basis} ({p.legitimate_interest or self.w['notice_interest_unknown']})"
        if p.legal_reference:
            return f"{p.basis} ({p.legal_reference})"
        return p.basis

    def mandatory(self, p: PurposeView) -> str:
        if p.mandatory and p.consequence.casefold().startswith(p.mandatory.casefold()):
            return p.consequence
        parts = [self.known(p.mandatory)]
        if p.consequence:
            parts.append(p.consequence)
        return " — ".join(parts)

    def data_used(self, a: ActivityView) -> str:
        """The data an activity uses, as a person reads them: the items written in the
        register (nom, adresse e-mail…), else the category."""
        used = [", ".join(d.items) if d.items else d.category for d in [*a.personal_data, *a.special_data]]
        return "; ".join(dict.fromkeys(u for u in used if u))

    def purposes(self) -> NoticeTable:
        rows = [[self.known(p.description), self.known(self.data_used(a)), self.basis(p), self.mandatory(p)]
                for a in self.activities for p in a.purposes]
        names = [a.name or a.id for a in self.activities if a.status_key == E.Status.PLANNED.value]
        note = str(self.w["notice_planned"]).format(names=", ".join(names)) if names else ""
        w = self.w
        return NoticeTable("purposes", w["notice_purposes"],
                           [w["purpose"], w["notice_data_used"], w["basis"], w["notice_mandatory"]], rows, note,
                           empty=f"{self.unknown}.")

    def _processor(self, name: str) -> ProcessorView | None:
        return next((p for p in self.view.processors if p.name == name), None)

    def recipients(self) -> NoticeTable:
        processor_kind = label(E.RecipientType.PROCESSOR, self.lang)
        rows: dict[tuple[str, str], list[str]] = {}
        users: dict[tuple[str, str], list[str]] = {}
        for a in self.activities:
            for r in a.recipients:
                key = (r.kind, r.name)
                if key not in rows:
                    processor = self._processor(r.name) if r.kind == processor_kind else None
                    if processor is not None:
                        rows[key] = [r.name, r.kind, self.known(processor.service),
                                     self.known(processor.country_name),
                                     self.known(processor.location_names)]
                    else:
                        rows[key] = [self.known(r.name), self.known(r.kind), r.description or "—",
                                     r.country or "—", "—"]
                users.setdefault(key, []).append(a.name or a.id)
        w = self.w
        table = [[*row, ", ".join(dict.fromkeys(users[key]))] for key, row in rows.items()]
        return NoticeTable("recipients", w["notice_recipients"],
                           [w["notice_recipient"], w["notice_recipient_type"], w["notice_role"],
                            w["entity_country"], w["locations"], w["notice_activities"]], table,
                           empty=f"{self.unknown}.")

    def retention(self) -> NoticeTable:
        rows = [[a.name or a.id, d.description or d.category or self.unknown, self.known(d.retention)]
                for a in self.activities for d in [*a.personal_data, *a.special_data]]
        w = self.w
        return NoticeTable("retention", w["notice_retention"],
                           [w["notice_activities"], w["notice_data"], w["retention"]], rows,
                           empty=f"{self.unknown}.")

    def transfers(self) -> NoticeTable:
        rows: dict[tuple[str, str, str], list[str]] = {}
        users: dict[tuple[str, str, str], list[str]] = {}
        for a in self.activities:
            for t in a.transfers:
                key = (t.recipient, t.country_name, t.safeguard)
                rows.setdefault(key, [self.known(t.recipient), self.known(t.country_name),
                                      self.known(t.safeguard), t.documentation or "—"])
                users.setdefault(key, []).append(a.name or a.id)
        w = self.w
        table = [[*row, ", ".join(dict.fromkeys(users[key]))] for key, row in rows.items()]
        return NoticeTable("transfers", w["notice_transfers"],
                           [w["notice_recipient"], w["country_col"], w["safeguards_col"],
                            w["documentation_col"], w["notice_activities"]], table,
                           empty=w["notice_no_transfers"])

    def rights(self) -> NoticeTable:
        org = self.view.organisation
        controller = ", ".join(v for v in (org.name, org.address) if v)
        w = self.w
        rows = [[w["notice_controller"], self.known(controller)],
                [w["notice_rights_contact"], self.known(org.rights_contact or org.email)],
                [w["notice_dpo"], org.dpo_text],
                [w["notice_authority"], self.known(org.authority)]]
        return NoticeTable("rights", w["notice_rights"], [w["notice_topic"], w["notice_contact"]], rows)

    def build(self) -> Notice:
        org = self.view.organisation.name or "—"
        intro = str(self.w["notice_intro"]).format(organisation=org, date=long_date(self.view.as_of, self.lang))
        return Notice(self.lang, str(self.w["notice_title"]), intro,
                      [self.purposes(), self.recipients(), self.retention(), self.transfers(), self.rights()])


def build_notice(view: RegisterView) -> Notice:
    """The privacy-notice tables of ``view``, in the view's language."""
    return _NoticeBuilder(view).build()


_MARKDOWN_SPECIAL = str.maketrans({
    "\\": "\\\\", "|": "\\|", "*": "\\*", "_": "\\_", "`": "\\`", "[": "\\[", "]": "\\]", "~": "\\~",
    "<": "&lt;", ">": "&gt;", "\n": " ", "\r": " ",
})
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def markdown_cell(value: str) -> str:
    """A value as Markdown table text: never markup, never a link, never a new cell
    (``&`` is escaped only where it would start a character reference)."""
    return _ENTITY.sub("&amp;", value).translate(_MARKDOWN_SPECIAL).strip()


def notice_markdown(notice: Notice) -> str:
    lines = [f"# {markdown_cell(notice.title)}", "", markdown_cell(notice.intro), ""]
    for table in notice.tables:
        lines += [f"## {markdown_cell(table.title)}", ""]
        if not table.rows and table.empty:
            lines += [markdown_cell(table.empty), ""]
            continue
        lines.append("| " + " | ".join(markdown_cell(c) for c in table.columns) + " |")
        lines.append("|" + "|".join("---" for _ in table.columns) + "|")
        lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in table.rows]
        lines.append("")
        if table.note:
            lines += [markdown_cell(table.note), ""]
    return "\n".join(lines)


def notice_html(notice: Notice) -> str:
    """A self-contained HTML page; the tables sit in one ``<section class="ropa-notice">``
    to copy into a site."""
    from ropa.export.html import environment

    text: str = environment().get_template("notice.html.j2").render(notice=notice)
    return text
