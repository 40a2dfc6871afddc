"""One "fiche de registre" sheet (the CNIL model's sheet 3, filled) -> an activity.

Sections and rows are found by their labels in column A, not by position, so fiches whose
rows were added, removed or moved still read. Every non-empty cell is either read into
the activity, known text of the model, or reported (sheet, cell, value, why) and kept in
the activity's notes: nothing typed is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ropa.importing import labels as L
from ropa.importing import vocab as V
from ropa.importing.reader import Grid, as_text, cell_name
from ropa.importing.report import Entry
from ropa.importing.retention import parse_retention
from ropa.model import enums as E
from ropa.model.register import (
    Activity,
    DataSubject,
    JointController,
    PersonalData,
    Purpose,
    Recipient,
    Retention,
    SpecialData,
    Transfer,
)

EXAMPLE_REF = V.key("1 - Exemple")


@dataclass(slots=True)
class Party:
    """A row of the Acteurs table (or of the list sheet's identity blocks)."""

    name: str = ""
    company: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    cell: str = ""

    def empty(self) -> bool:
        return not any((self.name, self.company, self.street, self.postcode, self.city, self.country,
                        self.phone, self.email))


@dataclass(slots=True)
class Measure:
    category: E.MeasureCategory | None
    name: str
    description: str


@dataclass(slots=True)
class FicheResult:
    sheet: str
    activity: Activity
    controller: Party | None = None
    dpo: Party | None = None
    dpo_company: str = ""
    representative: Party | None = None
    measures: list[Measure] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    content: bool = False  # anything typed at all

    @property
    def is_example(self) -> bool:
        return V.key(self.activity.ref or "") == EXAMPLE_REF


def parse_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = as_text(value)  # type: ignore[arg-type]
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class FicheReader:
    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.used: set[tuple[int, int]] = set()
        self.result = FicheResult(grid.name, Activity(id="pending"))
        self.notes: list[str] = []

    # -- cells ----------------------------------------------------------------------------
    def take(self, row: int, column: int) -> str:
        """The text of a cell, marked as read; '' for the model's placeholders."""
        self.used.add((row, column))
        text = self.grid.text(row, column)
        if text and not V.is_placeholder(text) and not L.is_template(text):
            self.result.content = True
            return text
        return ""

    def report(self, row: int, column: int, value: str, why: str, keep: bool = True) -> None:
        where = cell_name(row, column)
        self.result.entries.append(Entry(self.grid.name, where, value, why,
                                         "the activity's notes" if keep else ""))
        if keep:
            self.notes.append(f"{self.grid.name}!{where}: {value}")

    # -- layout ---------------------------------------------------------------------------
    def sections(self) -> list[tuple[str, int, int]]:
        """(section, header row, last row) for each section found in column A."""
        found = [(L.sections()[V.key(self.grid.text(r, 1))], r) for r in range(1, self.grid.max_row + 1)
                 if V.key(self.grid.text(r, 1)) in L.sections()]
        return [(name, row, (found[i + 1][1] - 1) if i + 1 < len(found) else self.grid.max_row)
                for i, (name, row) in enumerate(found)]

    def columns(self, row: int, table: dict[str, str]) -> dict[str, int]:
        """The columns of a section's header row, by the names in ``table``."""
        self.used.add((row, 1))
        result: dict[str, int] = {}
        for column in range(2, 12):
            name = table.get(V.key(self.grid.text(row, column)))
            if name is not None:
                self.used.add((row, column))
                result.setdefault(name, column)
        return result

    def labelled_rows(self, first: int, last: int) -> list[tuple[int, str]]:
        rows = []
        for row in range(first, last + 1):
            label = self.grid.text(row, 1)
            if label:
                self.used.add((row, 1))
                rows.append((row, label))
        return rows

    # -- sections -------------------------------------------------------------------------
    def description(self, first: int, last: int) -> None:
        a = self.result.activity
        for row, label in self.labelled_rows(first, last):
            field_name = L.description_rows().get(V.key(label))
            if field_name is None:
                continue
            raw = self.grid.get(row, 2)
            text = self.take(row, 2)
            if not text:
                continue
            if field_name in ("created", "updated", "reviewed"):
                day = parse_date(raw)
                if day is None:
                    self.report(row, 2, text, f"'{label}' is not a date (DD/MM/YYYY)")
                setattr(a, field_name, day)
            elif field_name in ("kind", "status"):
                enum = E.ActivityKind if field_name == "kind" else E.Status
                value = V.enum_value(enum, text)
                if value is None:
                    self.report(row, 2, text, f"'{label}' is not one of ropa's values")
                setattr(a, field_name, value)
            else:
                setattr(a, field_name, text)

    def party(self, row: int, columns: dict[str, int]) -> Party:
        party = Party(cell=cell_name(row, 2))
        for name, column in columns.items():
            setattr(party, name, self.take(row, column))
        return party

    def actors(self, header: int, last: int) -> None:
        columns = self.columns(header, L.actor_columns()) or {"name": 2}
        r = self.result
        for row, label in self.labelled_rows(header + 1, last):
            kind = L.actor_rows().get(V.key(label))
            if kind == "controller":
                r.controller = self.party(row, columns)
            elif kind == "dpo":
                r.dpo = self.party(row, columns)
            elif kind == "representative":
                r.representative = self.party(row, columns)
            elif kind == "dpo_company":
                r.dpo_company = self.take(row, 2)
            elif kind == "joint":
                self.joint(row, columns)

    def joint(self, row: int, columns: dict[str, int]) -> None:
        name = self.take(row, columns.get("name", 2))
        others = [self.take(row, c) for k, c in sorted(columns.items(), key=lambda i: i[1]) if k != "name"]
        contact = ", ".join(o for o in others if o)
        if name or contact:
            self.result.activity.joint_controllers.append(JointController(name=name or None, contact=contact or None))
            self.result.activity.role = E.Role.JOINT_CONTROLLER

    def purposes(self, header: int, last: int) -> None:
        for row, label in self.labelled_rows(header + 1, last):
            if L.purpose_row(label):
                text = self.take(row, 2)
                if text:
                    self.result.activity.purposes.append(Purpose(description=text))

    def data(self, header: int, last: int, special: bool) -> None:
        """The fixed rows of personal data (or sensitive data): description and retention."""
        columns = self.columns(header, L.table_columns())
        described, kept = columns.get("description", 2), columns.get("retention", 5)
        for row, label in self.labelled_rows(header + 1, last):
            text, retention_text = self.take(row, described), self.take(row, kept)
            if not text and not retention_text:
                continue
            retention = self.retention(row, kept, retention_text)
            if special:
                self.special_row(row, label, text, retention, f"{label}: {text} {retention_text}".strip())
            else:
                self.personal_row(row, label, text, retention)

    def personal_row(self, row: int, label: str, text: str, retention: Retention | None) -> None:
        category = V.labelled(E.DataCategory, label)
        if category is None:
            self.report(row, 1, label, "not one of the model's categories of personal data; imported as "
                        "'other' with the label in the description", keep=False)
            category, text = E.DataCategory.OTHER, f"{label} : {text}" if text else label
        self.result.activity.personal_data.append(
            PersonalData(category=category, description=text or None, retention=retention))

    def special_row(self, row: int, label: str, text: str, retention: Retention | None, whole: str) -> None:
        category = V.labelled(E.SpecialCategory, label)
        if category is None:
            self.report(row, 2, whole, "not one of the nine kinds of sensitive data of the model")
            return
        self.result.activity.special_categories.append(
            SpecialData(category=category, description=text or None, retention=retention))

    def retention(self, row: int, column: int, text: str) -> Retention | None:
        parsed = parse_retention(text) if text else None
        if parsed is None:
            return None
        if not parsed.understood:
            self.report(row, column, text, "no duration could be read; kept as the retention's criteria", keep=False)
        return parsed.retention

    def subjects(self, header: int, last: int) -> None:
        columns = self.columns(header, L.table_columns())
        left, right = columns.get("description", 2), columns.get("details", 5)
        extra = {k: v for k, (v, _) in V.SUBJECTS.items()}
        for row, _label in self.labelled_rows(header + 1, last):
            kind, details = self.take(row, left), self.take(row, right)
            if not kind and not details:
                continue
            category = V.enum_value(E.SubjectCategory, kind, extra) if kind else None
            says_more = V.SUBJECTS.get(V.key(kind), (None, False))[1]
            if kind and category is None:
                self.report(row, left, kind, "not one of the model's categories of persons; imported as 'other' "
                            "with the text as description", keep=False)
                category, says_more = E.SubjectCategory.OTHER, True
            description = " ; ".join(v for v in ((kind if says_more else ""), details) if v)
            self.result.activity.data_subjects.append(DataSubject(category=category, description=description or None))

    def recipients(self, header: int, last: int) -> None:
        columns = self.columns(header, L.table_columns())
        left, right = columns.get("description", 2), columns.get("details", 5)
        for row, _label in self.labelled_rows(header + 1, last):
            kind_text, details = self.take(row, left), self.take(row, right)
            if not kind_text and not details:
                continue
            kind, says_more = V.RECIPIENTS.get(V.key(kind_text), (None, False))
            kind = kind or V.enum_value(E.RecipientType, kind_text)
            if kind is None:
                why = ("no type of recipient given" if not kind_text else
                       "not a type of recipient ropa can tell")
                self.report(row, left, kind_text, f"{why}; imported as 'third_party', check it", keep=False)
                kind, says_more = E.RecipientType.THIRD_PARTY, bool(kind_text) and V.key(kind_text) != "autre (preciser)"
            self.result.activity.recipients.append(Recipient(
                type=kind, name=details or None, description=kind_text if says_more else None))

    def measures(self, header: int, last: int) -> None:
        columns = self.columns(header, L.table_columns())
        left, right = columns.get("description", 2), columns.get("details", 5)
        for row, _label in self.labelled_rows(header + 1, last):
            kind_text, details = self.take(row, left), self.take(row, right)
            if not kind_text and not details:
                continue
            category = V.enum_value(E.MeasureCategory, kind_text, V.MEASURES) if kind_text else None
            if kind_text and category is None:
                self.report(row, left, kind_text, "not one of the model's types of measure; imported as 'other'",
                            keep=False)
                category = E.MeasureCategory.OTHER
            self.result.measures.append(Measure(category, kind_text, details or kind_text))

    def transfers(self, header: int, last: int) -> None:
        columns = self.columns(header, L.table_columns())
        spots = (columns.get("recipient", 2), columns.get("country", 3), columns.get("safeguards", 4),
                 columns.get("documentation", 6))
        for row, _label in self.labelled_rows(header + 1, last):
            recipient, country_text, safeguard, documentation = (self.take(row, c) for c in spots)
            if not any((recipient, country_text, safeguard, documentation)):
                continue
            code = V.country(country_text) if country_text else None
            if country_text and code is None:
                self.report(row, spots[1], country_text, "not a country ropa knows (ISO 3166-1)")
            mechanism = V.mechanism(safeguard) if safeguard else None
            if safeguard and mechanism is None:
                self.report(row, spots[2], safeguard, "not a transfer mechanism ropa knows")
            self.result.activity.transfers.append(Transfer(
                recipient=recipient or None, country=code, mechanism=mechanism, documentation=documentation or None))

    # -- the whole sheet ------------------------------------------------------------------
    def read(self) -> FicheResult:
        parts = self.sections()
        handlers = {"description": self.description, "actors": self.actors, "purposes": self.purposes,
                    "subjects": self.subjects, "recipients": self.recipients, "measures": self.measures,
                    "transfers": self.transfers}
        for name, header, last in parts:
            self.used.add((header, 1))
            if name in ("personal_data", "sensitive"):
                self.data(header, last, special=name == "sensitive")
            else:
                handlers[name](header if name != "description" else header + 1, last)
        self.title_area(parts[0][1] if parts else self.grid.max_row + 1)
        self.leftovers()
        self.link_transfer_countries()
        if self.notes:
            self.result.activity.notes = "Not mapped from the spreadsheet:\n" + "\n".join(self.notes)
        return self.result

    def title_area(self, first_section: int) -> None:
        """Above the first section: the model's title, instructions and reference copy."""
        ref_cell = self._ref_cell()
        ref = V.key(self.grid.text(*ref_cell)) if ref_cell else ""
        for (row, column) in list(self.grid.cells):
            if row < first_section:
                text = self.grid.text(row, column)
                if L.is_template(text) or V.key(text) == ref or V.key(text) == "ref-001":
                    self.used.add((row, column))

    def _ref_cell(self) -> tuple[int, int] | None:
        for row in range(1, self.grid.max_row + 1):
            if L.description_rows().get(V.key(self.grid.text(row, 1))) == "ref":
                return row, 2
        return None

    def leftovers(self) -> None:
        for (row, column) in sorted(self.grid.cells):
            if (row, column) in self.used:
                continue
            text = self.grid.text(row, column)
            if not text or L.is_template(text) or V.is_placeholder(text):
                continue
            self.result.content = True
            self.report(row, column, text, "not in a place the CNIL fiche defines")

    def link_transfer_countries(self) -> None:
        """A recipient named in the transfers table gets that transfer's country."""
        countries = {V.key(t.recipient): t.country for t in self.result.activity.transfers
                     if t.recipient and t.country}
        for recipient in self.result.activity.recipients:
            if recipient.name and recipient.type != E.RecipientType.PROCESSOR and recipient.country is None:
                recipient.country = countries.get(V.key(recipient.name))


def read_fiche(grid: Grid) -> FicheResult:
    return FicheReader(grid).read()


def is_fiche(grid: Grid) -> bool:
    """A sheet laid out as the model's fiche: its description and purposes sections."""
    found = {L.sections().get(V.key(grid.text(r, 1))) for r in range(1, min(grid.max_row, 400) + 1)}
    return {"description", "purposes"} <= found
