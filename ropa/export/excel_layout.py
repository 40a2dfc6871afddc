"""What the Excel workbook holds, cell by cell, before any Excel library is involved.

The layout is plain data (sheets of rows of cells with a style name and a column span) so
that the writer (ropa.export.excel) stays small, and so that ``ropa import xlsx`` can
render the layout of a register again and compare it with a workbook to find the cells a
person changed after the export. Sheets are produced one at a time (a generator), so a
register of a thousand activities never holds a thousand fiches in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from ropa.export.excel_labels import word
from ropa.export.view import RegisterView
from ropa.model.register import Address, Contact, Register

MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32767  # Excel's limit, in UTF-16 code units
SOURCE_SHEET = "ropa-source"
_INVALID_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f\ufffe\uffff]")
_ILLEGAL_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Style names; ropa.export.excel gives each its fill and font (the CNIL model's blues).
TITLE, SECTION, LABEL, IDENT, HEADER, PLAIN = "title", "section", "label", "ident", "header", "plain"
DARK, LIGHT = "dark", "light"  # the alternating value fills


@dataclass(frozen=True, slots=True)
class Cell:
    value: str
    style: str = DARK
    span: int = 1  # how many columns the cell covers (merged to the right)


Row = list[Cell | None]


@dataclass(slots=True)
class Sheet:
    """One worksheet: its rows from row 1, column widths from column A, and how it prints."""

    name: str
    kind: str  # "list" | "fiche" | "annex" | "findings" (the last depends on the rules)
    rows: list[Row]
    widths: list[float]
    header_row: int | None = None  # frozen and filtered (list sheets)


def cell_text(value: str) -> str:
    """What a cell can hold: no character XML forbids, at most Excel's length."""
    text = _ILLEGAL_IN_XML.sub("\ufffd", value)
    if len(text) <= MAX_CELL_TEXT // 2 or len(text.encode("utf-16-le")) // 2 <= MAX_CELL_TEXT:
        return text
    cut = text[: MAX_CELL_TEXT - 1]
    while len(cut.encode("utf-16-le")) // 2 > MAX_CELL_TEXT - 1:
        cut = cut[:-1]
    return cut + "…"


# ---------------------------------------------------------------------------------------
# Sheet names


def clean_sheet_name(text: str, fallback: str) -> str:
    """A name Excel accepts: no []:*?/\\, no leading or trailing apostrophe, 31 characters."""
    name = " ".join(_INVALID_IN_SHEET_NAME.sub(" ", text).split()).strip("'").strip()
    name = name[:MAX_SHEET_NAME].rstrip().rstrip("'").rstrip()
    return name or fallback


class SheetNames:
    """Hands out unique sheet names (Excel compares them without case)."""

    def __init__(self, reserved: list[str]) -> None:
        self.taken = {n.casefold() for n in reserved} | {"history"}

    def claim(self, wanted: str) -> str:
        name, number = wanted, 1
        while name.casefold() in self.taken:
            number += 1
            suffix = f" ({number})"
            name = wanted[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
        self.taken.add(name.casefold())
        return name


def fixed_sheet_names(language: str) -> dict[str, str]:
    keys = ("sheet_list", "sheet_bases", "sheet_processors", "sheet_transfers", "sheet_measures",
            "sheet_dpia", "sheet_compliance", "sheet_on_behalf")
    return {key: word(key, language) for key in keys}


def fiche_names(view: RegisterView) -> list[str]:
    """The fiche sheet of each activity, in order: "REF - name" when the activity has its
    own N° / RÉF, else its name (or id); unique and valid."""
    names = SheetNames([*fixed_sheet_names(view.language).values(), SOURCE_SHEET])
    result = []
    for activity in view.activities:
        own_ref = activity.ref != activity.id
        wanted = f"{activity.ref} - {activity.name}" if own_ref and activity.name else (
            activity.name or activity.ref)
        result.append(names.claim(clean_sheet_name(wanted, fallback=activity.id[:MAX_SHEET_NAME])))
    return result


# ---------------------------------------------------------------------------------------
# Addresses split as the CNIL model asks (address, postcode, city, country)


@dataclass(frozen=True, slots=True)
class Parts:
    name: str = ""
    company: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""


def address_parts(address: Address | str | None, country_name: dict[str, str]) -> tuple[str, ...]:
    if address is None:
        return "", "", "", ""
    if isinstance(address, str):
        return address, "", "", ""
    country = country_name.get(address.country, address.country) if address.country else ""
    return address.street or "", address.postcode or "", address.city or "", country or ""


def contact_parts(contact: Contact | None, country_name: dict[str, str]) -> Parts | None:
    if contact is None:
        return None
    street, postcode, city, country = address_parts(contact.address, country_name)
    return Parts(contact.name or "", contact.company or "", street, postcode, city, country,
                 contact.phone or "", contact.email or "")


@dataclass(frozen=True, slots=True)
class Actors:
    controller: Parts
    dpo: Parts | None
    representative: Parts | None


def actors(view: RegisterView, register: Register | None) -> Actors:
    """The controller, DPO and representative with their addresses split in parts."""
    from ropa.schema import country_names

    names = country_names(view.language)
    org = view.organisation
    controller = Parts(org.name, "", org.street, org.postcode, org.city, org.country, org.phone, org.email)
    if register is None:
        dpo = Parts(org.dpo.name, org.dpo.company, org.dpo.address, phone=org.dpo.phone,
                    email=org.dpo.email) if org.dpo else None
        rep = org.representative
        representative = Parts(rep.name, rep.company, rep.address, phone=rep.phone,
                               email=rep.email) if rep else None
        return Actors(controller, dpo, representative)
    organisation = register.organisation
    return Actors(controller, contact_parts(organisation.dpo, names),
                  contact_parts(organisation.representative, names))


# ---------------------------------------------------------------------------------------
# Sheet 2: the list of processing activities


def _value(text: str, dark: bool = True, span: int = 1) -> Cell:
    return Cell(text, DARK if dark else LIGHT, span)


def _identity_rows(view: RegisterView, people: Actors) -> list[Row]:
    w = partial(word, language=view.language)

    def lab(key: str) -> Cell:
        return Cell(w(key), IDENT)

    c, dpo, rep = people.controller, people.dpo, people.representative
    rep_name = rep.name if rep else view.organisation.representative_text
    dpo_name = dpo.name if dpo else view.organisation.dpo_text
    rep, dpo = rep or Parts(), dpo or Parts()
    as_of_text = view.as_of.strftime("%d/%m/%Y") if view.language == "fr" else view.as_of.isoformat()
    return [
        [Cell(w("controller_block"), SECTION), lab("name_colon"), _value(c.name), lab("first_name_colon"),
         _value(""), lab("address_colon"), _value(c.street), lab("email_colon"), _value(c.email)],
        [Cell("", SECTION), lab("postcode_colon"), _value(c.postcode, False), lab("city_colon"),
         _value(c.city, False), lab("phone_colon"), _value(c.phone, False), Cell(w("as_of"), PLAIN),
         Cell(as_of_text, PLAIN)],
        [Cell(w("representative_block"), SECTION), lab("name_colon"), _value(rep_name),
         lab("first_name_colon"), _value(""), lab("address_colon"), _value(rep.street), lab("email_colon"),
         _value(rep.email)],
        [Cell("", SECTION), lab("postcode_colon"), _value(rep.postcode, False), lab("city_colon"),
         _value(rep.city, False), lab("phone_colon"), _value(rep.phone, False)],
        [Cell(w("dpo_block"), SECTION), lab("name_colon"), _value(dpo_name), lab("first_name_colon"),
         _value(""), lab("dpo_company_colon"), _value(dpo.company), lab("address_colon"), _value(dpo.street)],
        [Cell("", SECTION), lab("postcode_colon"), _value(dpo.postcode, False), lab("city_colon"),
         _value(dpo.city, False), lab("phone_colon"), _value(dpo.phone, False), lab("email_colon"),
         _value(dpo.email, False)],
    ]


def list_sheet(view: RegisterView, register: Register | None, name: str) -> Sheet:
    w = partial(word, language=view.language)
    rows = _identity_rows(view, actors(view, register))
    rows.append([Cell(w("identification"), SECTION), Cell("", SECTION), Cell("", SECTION),
                 Cell("", SECTION), Cell(w("purpose_column"), SECTION), Cell(w("sensitive_question"), SECTION)])
    rows.append([Cell(w(k), HEADER) for k in ("activity_name", "ref", "sheet_created", "sheet_updated",
                                             "purposes_short", "yes_no")])
    for index, a in enumerate(view.activities):
        dark = index % 2 == 0
        purposes = "\n".join(p.description for p in a.purposes if p.description)
        rows.append([_value(v, dark) for v in (a.name, a.ref, a.created, a.updated, purposes,
                                               w("yes") if a.sensitive else w("no"))])
    return Sheet(name, "list", rows, widths=[40, 18, 14, 14, 50, 12, 24, 14, 26], header_row=8)


# ---------------------------------------------------------------------------------------
# Annex sheets: one table each, a title row then a header row


def table_sheet(name: str, kind: str, title: str, headers: list[str], body: list[list[str]]) -> Sheet:
    title_row: Row = [Cell(title, SECTION, len(headers)), *(None for _ in headers[1:])]
    rows: list[Row] = [title_row, [Cell(h, HEADER) for h in headers]]
    rows += [[_value(v, i % 2 == 0) for v in line] for i, line in enumerate(body)]
    return Sheet(name, kind, rows, widths=fitted_widths(headers, body), header_row=2)


def fitted_widths(headers: list[str], body: list[list[str]]) -> list[float]:
    """Each column as wide as its longest line (between 10 and 40 characters; longer text wraps)."""
    widths = []
    for index, header in enumerate(headers):
        longest = max((len(line) for row in body for line in row[index].split("\n")), default=0)
        widths.append(float(min(40, max(10, longest + 2, min(len(header), 24) + 2))))
    return widths


def workbook_sheets(view: RegisterView, register: Register | None, *, fiches: bool = True) -> Iterator[Sheet]:
    """Every visible sheet of the workbook, in order: the list, the fiches, the annexes."""
    from ropa.export.excel_annexes import annexes
    from ropa.export.excel_fiche import fiche_sheet

    names = fixed_sheet_names(view.language)
    yield list_sheet(view, register, names["sheet_list"])
    if fiches:
        people = actors(view, register)
        for activity, sheet_name in zip(view.activities, fiche_names(view)):
            yield fiche_sheet(view, activity, people, sheet_name)
    yield from annexes(view, names)
