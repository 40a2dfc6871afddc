"""A filled copy of the CNIL register model (.ods, or saved as .xlsx) -> a register.

The list sheet gives the identity blocks and one row per activity; each fiche sheet gives
one activity. The model's tutorial, blank fiche, worked example and lists are not the
user's activities and are skipped (and said so in the report). The organisation is the
one the fiches name as "Responsable du traitement": the list sheet's Nom/Prénom is a
person, kept in the organisation's notes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ropa.export.excel_layout import fixed_sheet_names
from ropa.importing import labels as L
from ropa.importing import vocab as V
from ropa.importing.fiche import FicheResult, Measure, Party, is_fiche, parse_date, read_fiche
from ropa.importing.reader import Grid, SpreadsheetError, cell_name
from ropa.importing.report import Entry, ImportReport
from ropa.model.register import (
    Activity,
    Address,
    Contact,
    Organisation,
    Processor,
    Purpose,
    Register,
    SecurityMeasure,
)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def slug(text: str, fallback: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)
    value = "-".join(words)[:48].strip("-")
    return value or fallback


class Ids:
    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, text: str, fallback: str) -> str:
        base = slug(text, fallback)
        value, number = base, 1
        while value in self.taken:
            number += 1
            value = f"{base}-{number}"
        self.taken.add(value)
        return value


# ---------------------------------------------------------------------------------------
# The list sheet (sheet 2)


@dataclass(slots=True)
class ListRow:
    row: int
    name: str
    ref: str
    created: object
    updated: object
    purposes: str
    sensitive: str


@dataclass(slots=True)
class ListSheet:
    blocks: dict[str, Party]
    rows: list[ListRow]
    entries: list[Entry]


def is_list_sheet(grid: Grid) -> bool:
    return _header_row(grid) is not None


def _header_row(grid: Grid) -> int | None:
    for (row, column) in sorted(grid.cells):
        if column == 1 and L.list_columns().get(V.key(grid.text(row, 1))) == "name" and \
                L.list_columns().get(V.key(grid.text(row, 2))) == "ref":
            return row
    return None


def read_list_sheet(grid: Grid) -> ListSheet:
    used: set[tuple[int, int]] = set()
    blocks = _identity_blocks(grid, used)
    header = _header_row(grid) or 0
    columns: dict[str, int] = {}
    for column in range(1, 12):
        for row in (header, header - 1):
            name = L.list_columns().get(V.key(grid.text(row, column)))
            if name and name not in columns:
                columns[name] = column
                used.add((row, column))
    used |= {(r, c) for (r, c) in grid.cells if r in (header, header - 1)}  # the table's two header rows
    rows = []
    for row in range(header + 1, grid.max_row + 1):
        values = {name: grid.get(row, column) for name, column in columns.items()}
        used |= {(row, column) for column in columns.values()}
        text = {k: grid.text(row, columns[k]) if k in columns else "" for k in L.list_columns().values()}
        if not any(text.values()):
            continue
        rows.append(ListRow(row, text["name"], text["ref"], values.get("created"), values.get("updated"),
                            text["purposes"], text["sensitive"]))
    entries = [Entry(grid.name, cell_name(r, c), grid.text(r, c), "not in a place the CNIL list sheet defines",
                     "the organisation's notes")
               for (r, c) in sorted(grid.cells) if (r, c) not in used and grid.text(r, c)
               and not L.is_template(grid.text(r, c))]
    return ListSheet(blocks, rows, entries)


def _identity_blocks(grid: Grid, used: set[tuple[int, int]]) -> dict[str, Party]:
    blocks: dict[str, Party] = {}
    for (row, column) in sorted(grid.cells):
        if column != 1 or (block := L.list_block(grid.text(row, 1))) is None:
            continue
        used.add((row, 1))
        party = Party(cell=cell_name(row, 3))
        first_name = ""
        for r in (row, row + 1):
            for c in range(2, 12):
                field_name = L.list_labels().get(V.key(grid.text(r, c)))
                if field_name is None:
                    if V.key(grid.text(r, c)) in ("a jour au", "as of"):  # ropa's export date
                        used |= {(r, c), (r, c + 1)}
                    continue
                used |= {(r, c), (r, c + 1)}
                value = grid.text(r, c + 1)
                if field_name == "first_name":
                    first_name = value
                else:
                    setattr(party, field_name, value)
        party.name = " ".join(v for v in (first_name, party.name) if v)
        blocks[block] = party
    return blocks


# ---------------------------------------------------------------------------------------
# Assembling the register


def _skip_reason(grid: Grid, names: set[str]) -> str:
    first = V.key(grid.text(1, 1))
    if V.key(grid.name) == "tutoriel" or first.startswith("registre des traitements - fiche tutorielle"):
        return "skipped: the model's tutorial"
    if V.key(grid.name) == "5_-_listes" or (first == "garanties" and V.key(grid.text(1, 3)) == "pays"):
        return "skipped: the model's lists of values"
    if grid.name.casefold() in names:
        return "skipped: a summary sheet ropa exports (without its hidden ropa-source sheet it is not read back)"
    return f"skipped: not a sheet of the CNIL model ({len(grid.cells)} non-empty cells not imported)"


def _contact(party: Party | None, company: str = "") -> Contact | None:
    if party is None or V.means_none(party.name) or (party.empty() and not company):
        return None
    address = _address(party)
    email = party.email if _EMAIL.match(party.email) else None
    return Contact(name=party.name or None, company=(party.company or company or None) if not
                   V.means_none(party.company or company) else None, email=email,
                   phone=party.phone or None, address=address)


def _address(party: Party) -> Address | None:
    country = V.country(party.country) if party.country else None
    if not any((party.street, party.postcode, party.city, country)):
        return None
    return Address(street=party.street or None, postcode=party.postcode or None, city=party.city or None,
                   country=country)


class Assembler:
    def __init__(self, source: str) -> None:
        self.report = ImportReport(source, "cnil")
        self.ids = Ids()
        self.measures: dict[tuple[str, str], SecurityMeasure] = {}
        self.measure_ids = Ids()
        self.processors: dict[str, Processor] = {}
        self.processor_ids = Ids()
        self.list_name = ""

    def organisation(self, fiches: list[FicheResult], listing: ListSheet | None) -> Organisation:
        named = [f.controller for f in fiches if f.controller and f.controller.name]
        org = Organisation()
        notes = []
        if named:
            chosen_name = Counter(V.key(p.name) for p in named).most_common(1)[0][0]
            controller = next(p for p in named if V.key(p.name) == chosen_name)
            for fiche in fiches:
                if fiche.controller and fiche.controller.name and V.key(fiche.controller.name) != chosen_name:
                    self.report.add(Entry(fiche.sheet, fiche.controller.cell, fiche.controller.name,
                                          f"names another controller than {controller.name!r}",
                                          "the activity's notes"))
                    fiche.activity.notes = "\n".join(v for v in (fiche.activity.notes, ("Responsable du "
                                                     f"traitement : {fiche.controller.name}")) if v)
        else:
            controller = Party()
        person = listing.blocks.get("controller") if listing else None
        fallback = person or Party()
        org.name = controller.name or None
        org.address = _address(controller) or _address(fallback)
        email = controller.email or fallback.email
        org.email = email if _EMAIL.match(email) else None
        org.phone = controller.phone or fallback.phone or None
        if person and person.name and V.key(person.name) != V.key(org.name or ""):
            notes.append(f"Responsable de l'organisme (liste des traitements) : {person.name}")
            self.report.add(Entry(self.list_name, person.cell, person.name,
                                  "the person in charge of the organisation, not the organisation",
                                  "the organisation's notes"))
        for party, label in ((controller, "controller"), (fallback, "list sheet")):
            if party.email and not _EMAIL.match(party.email):
                notes.append(f"E-mail ({label}) : {party.email}")
        org.dpo = self._first_contact("dpo", fiches, listing)
        org.representative = self._first_contact("representative", fiches, listing)
        if listing:
            notes += [f"{e.sheet}!{e.cell}: {e.value}" for e in listing.entries]
            self.report.entries += listing.entries
        org.notes = "\n".join(notes) or None
        return org

    def _first_contact(self, role: str, fiches: list[FicheResult], listing: ListSheet | None) -> Contact | None:
        from_list = listing.blocks.get(role) if listing else None
        company = next((f.dpo_company for f in fiches if f.dpo_company), "") if role == "dpo" else ""
        found = _contact(from_list, company)
        for fiche in fiches:
            if found is not None:
                break
            found = _contact(fiche.dpo if role == "dpo" else fiche.representative, company)
        return found

    def measure_ids_for(self, measures: list[Measure]) -> list[str]:
        ids = []
        for m in measures:
            k = (m.category.value if m.category else "", V.key(m.description))
            if k not in self.measures:
                identifier = self.measure_ids.claim(m.description if m.description != m.name else m.name, "measure")
                self.measures[k] = SecurityMeasure(id=identifier, name=m.name if m.name != m.description else None,
                                                   category=m.category, description=m.description)
            if self.measures[k].id not in ids:
                ids.append(self.measures[k].id)
        return ids

    def link_processors(self, activity: Activity) -> None:
        from ropa.model.enums import RecipientType

        for recipient in activity.recipients:
            if recipient.type != RecipientType.PROCESSOR or not recipient.name:
                continue
            k = V.key(recipient.name)
            if k not in self.processors:
                self.processors[k] = Processor(id=self.processor_ids.claim(recipient.name, "processor"),
                                               name=recipient.name)
            recipient.processor, recipient.name = self.processors[k].id, None

    def activity(self, fiche: FicheResult) -> Activity:
        activity = fiche.activity
        activity.id = self.ids.claim(activity.ref or activity.name or "", "activity")
        activity.security_measures = self.measure_ids_for(fiche.measures)
        self.link_processors(activity)
        self.report.entries += fiche.entries
        return activity

    def from_list_row(self, row: ListRow) -> Activity:
        activity = Activity(id=self.ids.claim(row.ref or row.name, "activity"), name=row.name or None,
                            ref=row.ref or None, created=parse_date(row.created), updated=parse_date(row.updated))
        if row.purposes:
            activity.purposes = [Purpose(description=row.purposes)]
        self.report.add(Entry(self.list_name, cell_name(row.row, 1), row.name or row.ref,
                              "has no fiche: only the list's columns were imported"))
        if V.key(row.sensitive) in ("oui", "yes"):
            self.report.add(Entry(self.list_name, cell_name(row.row, 1), row.sensitive,
                                  "says sensitive data but no fiche tells which", "the activity's notes"))
            activity.notes = "Données sensibles : Oui (liste des traitements)"
        return activity


def _match(row: ListRow, fiches: list[FicheResult]) -> FicheResult | None:
    for fiche in fiches:
        if row.ref and V.key(fiche.activity.ref or "") == V.key(row.ref):
            return fiche
    for fiche in fiches:
        if row.name and V.key(fiche.activity.name or "") == V.key(row.name):
            return fiche
    return None


def _is_example_row(row: ListRow) -> bool:
    return V.key(row.ref) == V.key("1 - Exemple") or V.key(row.name).startswith("(exemple)")


def import_cnil(grids: list[Grid], source: str) -> tuple[Register, ImportReport]:
    """The register a filled CNIL model describes, and the report of what was not mapped."""
    assembler = Assembler(source)
    summary_names = {n.casefold() for lang in ("fr", "en") for n in fixed_sheet_names(lang).values()}
    listing, fiches = None, []
    for grid in grids:
        if is_fiche(grid):
            fiche = read_fiche(grid)
            if fiche.is_example:
                assembler.report.sheets.append((grid.name, "skipped: the model's worked example"))
            elif not fiche.content:
                assembler.report.sheets.append((grid.name, "skipped: a blank fiche (the model's own)"))
            else:
                fiches.append(fiche)
                assembler.report.sheets.append((grid.name, "fiche"))
        elif listing is None and is_list_sheet(grid):
            listing = read_list_sheet(grid)
            assembler.list_name = grid.name
            assembler.report.sheets.append((grid.name, "list of activities and identity blocks"))
        else:
            assembler.report.sheets.append((grid.name, _skip_reason(grid, summary_names)))
    if listing is None and not fiches:
        found = ", ".join(repr(g.name) for g in grids) or "none"
        raise SpreadsheetError(f"{source}: no sheet of the CNIL register model was found (sheets: {found}); give a "
                               "filled copy of registre-traitement-simplifie-2019.ods, or a workbook ropa exported")
    rows = [r for r in (listing.rows if listing else []) if not _is_example_row(r)]
    if not fiches and not rows:
        raise SpreadsheetError(f"{source}: the workbook holds no activity (only the model's blank fiche and its "
                               "example); fill a fiche or the list of activities first")
    register = Register(organisation=assembler.organisation(fiches, listing))
    for fiche in fiches:
        register.activities.append(assembler.activity(fiche))
    for row in rows:
        matched = _match(row, fiches)
        if matched is None:
            register.activities.append(assembler.from_list_row(row))
        else:
            matched.activity.created = matched.activity.created or parse_date(row.created)
            matched.activity.updated = matched.activity.updated or parse_date(row.updated)
    register.security_measures = list(assembler.measures.values())
    register.processors = list(assembler.processors.values())
    assembler.report.activities = len(register.activities)
    return register, assembler.report
