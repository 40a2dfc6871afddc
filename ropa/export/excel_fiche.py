"""One activity's sheet, laid out as the CNIL model's "fiche de registre" (its sheet 3):
the same sections in the same order with the same labels, the fixed rows of data
categories and sensitive data, then one row per subject category, recipient, measure and
transfer. Columns: A holds the labels, B to H the values (merged as in the model)."""

from __future__ import annotations

from ropa.export.excel_labels import word
from ropa.export.excel_layout import (
    LABEL,
    PLAIN,
    SECTION,
    TITLE,
    Actors,
    Cell,
    Parts,
    Row,
    Sheet,
)
from ropa.export.labels import VALUE_LABELS
from ropa.export.view import ActivityView, DataView, RegisterView
from ropa.model import enums as E

# The model's six rows of personal data, then the three categories it lacks.
DATA_ROWS = [E.DataCategory.IDENTIFICATION, E.DataCategory.PERSONAL_LIFE, E.DataCategory.FINANCIAL,
             E.DataCategory.CONNECTION, E.DataCategory.LOCATION, E.DataCategory.NATIONAL_ID,
             E.DataCategory.PROFESSIONAL_LIFE, E.DataCategory.INTERNET, E.DataCategory.OTHER]
SPECIAL_ROWS = list(E.SpecialCategory)
WIDTHS = [44.0, 22, 24, 12, 16, 14, 16, 28]


class _Fiche:
    def __init__(self, view: RegisterView, activity: ActivityView) -> None:
        self.lang = view.language
        self.activity = activity
        self.rows: list[Row] = []
        self.shade = 0

    def w(self, key: str, **values: object) -> str:
        return word(key, self.lang, **values)

    def blank(self) -> None:
        self.rows.append([])

    def section(self, title: str, *headers: tuple[str, int]) -> None:
        self.shade = 0
        row: Row = [Cell(title, SECTION)]
        for text, span in headers:
            row.append(Cell(text, SECTION, span))
            row.extend([None] * (span - 1))
        self.rows.append(row)

    def line(self, label: str, *values: tuple[str, int]) -> None:
        """A labelled row; values are (text, columns spanned)."""
        self.shade += 1
        style = "dark" if self.shade % 2 else "light"
        row: Row = [Cell(label, LABEL)]
        for text, span in values:
            row.append(Cell(text, style, span))
            row.extend([None] * (span - 1))
        self.rows.append(row)

    def pair(self, label: str, left: str, right: str) -> None:
        """Description (B:D) and details (E:H), as the model's lower sections."""
        self.line(label, (left, 3), (right, 4))

    # -- sections -------------------------------------------------------------------------
    def head(self, organisation_name: str, title: str) -> None:
        a = self.activity
        self.rows.append([Cell(self.w("fiche_title"), TITLE, 6)] + [None] * 5 + [Cell(a.ref, TITLE, 2), None])
        subtitle = " — ".join(v for v in (organisation_name, title) if v)
        self.rows.append([Cell(subtitle, PLAIN, 8)])
        self.section(self.w("description_section"))
        for key, text in (("activity_name", a.name), ("ref", a.ref), ("created", a.created),
                          ("updated", a.updated), ("reviewed", a.reviewed), ("description", a.description),
                          ("kind", a.kind), ("status", a.status), ("owner", a.owner)):
            self.line(self.w(key), (text, 7))

    def actors(self, people: Actors, no_dpo: str, no_representative: str) -> None:
        columns = ("name", "address", "postcode", "city", "country", "phone", "email")
        self.section(self.w("actors"), *((self.w(c), 1) for c in columns))

        def contact(label: str, parts: Parts | None, missing: str) -> None:
            if parts is None:
                self.line(label, (missing, 7))
                return
            self.line(label, *((v, 1) for v in (parts.name, parts.street, parts.postcode, parts.city,
                                                parts.country, parts.phone, parts.email)))

        contact(self.w("controller"), people.controller, "")
        contact(self.w("dpo"), people.dpo, no_dpo)
        self.line(self.w("dpo_company"), (people.dpo.company if people.dpo else "", 7))
        contact(self.w("representative"), people.representative, no_representative)
        self.line(self.w("joint_controllers"), (self.activity.joint_controllers, 7))

    def purposes(self) -> None:
        self.section(self.w("purposes"))
        purposes = self.activity.purposes or []
        self.line(self.w("main_purpose"), (purposes[0].description if purposes else "", 7))
        for number, purpose in enumerate(purposes[1:], start=1):
            self.line(f"{self.w('sub_purpose')} {number}", (purpose.description, 7))

    def data(self, title: str, rows: list[E.DataCategory] | list[E.SpecialCategory],
             items: list[DataView]) -> None:
        self.section(title, (self.w("description"), 3), (self.w("retention"), 4))
        by_key: dict[str, list[DataView]] = {}
        for item in items:
            by_key.setdefault(item.category_key, []).append(item)
        enum = type(rows[0])
        for category in rows:
            label = VALUE_LABELS[enum][category.value][0 if self.lang == "fr" else 1]
            found: list[DataView] = by_key.pop(category.value, [])
            for item in found or [DataView(category.value, label, "", "", "")]:
                self.pair(label, item.description, item.retention)
        for item in (i for group in by_key.values() for i in group):  # items with no category
            self.pair(item.category or "—", item.description, item.retention)

    def rows_section(self, title: str, left: str, label_key: str, rows: list[tuple[str, str]]) -> None:
        self.section(title, (left, 3), (self.w("details"), 4))
        for number, (kind, details) in enumerate(rows or [("", "")], start=1):
            self.pair(self.w(label_key, n=number), kind, details)

    def transfers(self) -> None:
        self.section(self.w("transfers"), (self.w("recipient"), 1), (self.w("country"), 1),
                     (self.w("safeguards"), 2), (self.w("documentation"), 3))
        transfers = self.activity.transfers
        if not transfers:
            self.line(self.w("transfer_n", n=1), ("", 1), ("", 1), ("", 2), ("", 3))
        for number, t in enumerate(transfers, start=1):
            documentation = "\n".join(v for v in (t.documentation, f"TIA : {t.tia}" if t.tia else "") if v)
            self.line(self.w("transfer_n", n=number), (t.recipient, 1), (t.country_name, 1), (t.safeguard, 2),
                      (documentation, 3))


def _joined(*parts: str) -> str:
    return " ; ".join(p for p in parts if p)


def fiche_sheet(view: RegisterView, activity: ActivityView, people: Actors, name: str) -> Sheet:
    f = _Fiche(view, activity)
    f.head(view.organisation.name, view.title)
    f.blank()
    f.actors(people, view.organisation.dpo_text, view.organisation.representative_text)
    f.blank()
    f.purposes()
    f.blank()
    f.data(f.w("personal_data"), DATA_ROWS, activity.personal_data)
    f.blank()
    f.data(f.w("sensitive"), SPECIAL_ROWS, activity.special_data)
    f.blank()
    f.rows_section(f.w("subjects"), f.w("description"), "subject_n",
                   [(r.kind, _joined(r.name, r.details)) for r in activity.subjects])
    f.blank()
    f.rows_section(f.w("recipients"), f.w("recipient_type"), "recipient_n",
                   [(r.kind, _joined(r.name, r.details)) for r in activity.recipients])
    f.blank()
    f.rows_section(f.w("measures"), f.w("measure_type"), "measure_n",
                   [(r.kind, _joined(r.name, r.details)) for r in activity.measures])
    f.blank()
    f.transfers()
    return Sheet(name, "fiche", f.rows, widths=list(WIDTHS))
