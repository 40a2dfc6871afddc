"""Spreadsheets -> a register: a filled copy of the CNIL register model (.ods, or the same
saved as .xlsx), or a workbook ropa exported (read back exactly from its hidden sheet).

``import_workbook(path)`` returns the register and an :class:`ImportReport` of every value
that could not be mapped; it raises :class:`SpreadsheetError` (a message for the user)
when the file is not a spreadsheet, is protected, damaged or oversized, or holds no sheet
of the model. Nothing is written here: ``ropa.writer.write_register`` does that.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ropa.importing.reader import SpreadsheetError
from ropa.importing.report import Entry, ImportReport
from ropa.model.register import Register

__all__ = ["Entry", "ImportReport", "ImportResult", "SpreadsheetError", "import_workbook"]


@dataclass(slots=True)
class ImportResult:
    register: Register
    report: ImportReport


def import_workbook(path: Path) -> ImportResult:
    from ropa.importing.cnil import import_cnil
    from ropa.importing.reader import read_workbook
    from ropa.importing.roundtrip import import_exported, source_of

    path = Path(path)
    grids = read_workbook(path)
    found = source_of(grids)
    if found is not None:
        register, report = import_exported(grids, found, path.name)
    else:
        register, report = import_cnil(grids, path.name)
    return ImportResult(register, report)
