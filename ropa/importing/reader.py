"""Reading a spreadsheet (.xlsx with openpyxl, .ods with python-calamine) into plain grids
of cell values, refusing what is not safe or not a spreadsheet.

Before any XML is parsed, the file is checked: a spreadsheet is a zip archive; a legacy
.xls or a password-protected workbook (an encrypted OLE file) is named as such; a zip
archive whose declared content exceeds MAX_UNPACKED bytes or MAX_ENTRIES members is
refused (a zip bomb), and so is a workbook with more than MAX_CELLS non-empty cells. An
.ods file is first scanned in a stream to measure the area it would fill (its rows and
cells can be "repeated" a million times in a few bytes). XML is parsed by defusedxml
(openpyxl uses it when it is installed), which refuses entity declarations.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO

Value = str | int | float | bool | date | datetime

MAX_UNPACKED = 512 * 1024 * 1024
MAX_ENTRIES = 20_000
MAX_CELLS = 3_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


class SpreadsheetError(Exception):
    """The file cannot be read as a spreadsheet. The message is for the user."""


@dataclass(slots=True)
class Grid:
    """One sheet's non-empty cells, by (row, column) counted from 1."""

    name: str
    cells: dict[tuple[int, int], Value] = field(default_factory=dict)
    hidden: bool = False

    def get(self, row: int, column: int) -> Value | None:
        return self.cells.get((row, column))

    def text(self, row: int, column: int) -> str:
        return as_text(self.cells.get((row, column)))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)


def as_text(value: Value | None) -> str:
    """A cell's value as the text a person reads: 75001.0 is "75001", dates are ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


# ---------------------------------------------------------------------------------------
# What kind of file


def sniff(path: Path) -> str:
    """'xlsx' or 'ods', or SpreadsheetError saying what the file is instead."""
    if not path.exists():
        raise SpreadsheetError(f"{path}: no such file")
    if path.is_dir():
        raise SpreadsheetError(f"{path} is a folder; give a .xlsx or .ods file")
    with path.open("rb") as handle:
        start = handle.read(8)
    if start.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
            raise SpreadsheetError(f"{path} is password-protected; open it, remove the password "
                                   "(File > Info > Protect Workbook, or File > Properties > Security) and save it again")
        raise SpreadsheetError(f"{path} is a legacy Excel 97-2003 (.xls) file; open it and save it as .xlsx or .ods")
    if not start.startswith(b"PK"):
        raise SpreadsheetError(f"{path} is not a spreadsheet: give a .xlsx or .ods file "
                               "(a filled copy of the CNIL model, or a workbook ropa exported)")
    try:
        with zipfile.ZipFile(path) as archive:
            return _zip_kind(path, archive)
    except zipfile.BadZipFile as exc:
        raise SpreadsheetError(f"{path} is damaged ({exc}); open it in Excel or LibreOffice and save it again") from exc


def _zip_kind(path: Path, archive: zipfile.ZipFile) -> str:
    members = archive.infolist()
    if len(members) > MAX_ENTRIES or sum(m.file_size for m in members) > MAX_UNPACKED:
        raise SpreadsheetError(f"{path} unpacks to more than {MAX_UNPACKED // 2**20} MiB or {MAX_ENTRIES} files; "
                               "refusing to read it (a register never needs that much)")
    names = {m.filename for m in members}
    if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIME:
        manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
        if b"encryption-data" in manifest:
            raise SpreadsheetError(f"{path} is password-protected; open it in LibreOffice, remove the password "
                                   "(File > Properties > Security) and save it again")
        return "ods"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise SpreadsheetError(f"{path} is a zip archive but not a spreadsheet: give a .xlsx or .ods file")


# ---------------------------------------------------------------------------------------
# Reading


def read_workbook(path: Path) -> list[Grid]:
    """Every sheet of the workbook at ``path``, in order, as grids of non-empty values."""
    path = Path(path)
    kind = sniff(path)
    try:
        return _read_xlsx(path) if kind == "xlsx" else _read_ods(path)
    except SpreadsheetError:
        raise
    except Exception as exc:  # the parsers' errors are many and unrelated; all mean "unreadable"
        raise SpreadsheetError(_unreadable(path, exc)) from exc


def _unreadable(path: Path, exc: Exception) -> str:
    # no type stubs for defusedxml are installed
    from defusedxml import DefusedXmlException  # type: ignore[import-untyped]

    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps the parser's error in its own
        if isinstance(cause, DefusedXmlException):
            return f"{path} declares XML entities or a DTD (a possible XML bomb); refusing to read it"
        cause = cause.__cause__ or cause.__context__
    return (f"{path} is damaged and cannot be read ({type(exc).__name__}: {exc}); open it in Excel or "
            "LibreOffice and save it again")


def _read_xlsx(path: Path) -> list[Grid]:
    # no type stubs for openpyxl are installed
    import openpyxl  # type: ignore[import-untyped]

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        budget = [MAX_CELLS]
        return [Grid(ws.title, dict(_xlsx_cells(workbook, ws, budget, path)), ws.sheet_state != "visible")
                for ws in workbook.worksheets]
    finally:
        workbook.close()


def _xlsx_cells(workbook: object, ws: object, budget: list[int],
                path: Path) -> Iterator[tuple[tuple[int, int], Value]]:
    """The sheet's stored cells only: openpyxl's iter_rows would fill every gap up to the
    farthest cell, which a hostile file puts at XFD1048576."""
    # no type stubs for openpyxl are installed
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped]

    with ws._get_source() as source:  # type: ignore[attr-defined]
        parser = WorkSheetParser(source, ws._shared_strings, data_only=True,  # type: ignore[attr-defined]
                                 epoch=workbook.epoch,  # type: ignore[attr-defined]
                                 date_formats=workbook._date_formats,  # type: ignore[attr-defined]
                                 timedelta_formats=workbook._timedelta_formats)  # type: ignore[attr-defined]
        for row_number, cells in parser.parse():
            for cell in cells:
                value = cell["value"]
                if value is None or value == "" or cell["data_type"] == "e":  # empty, or a formula's error
                    continue
                budget[0] -= 1
                if budget[0] < 0:
                    raise SpreadsheetError(f"{path} holds more than {MAX_CELLS:,} cells; refusing to read it")
                yield (row_number, cell["column"]), value


def _read_ods(path: Path) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        if ods_extent(content) > MAX_CELLS:
            raise SpreadsheetError(f"{path} spreads over more than {MAX_CELLS:,} cells; refusing to read it")
    workbook = CalamineWorkbook.from_path(str(path))
    grids = []
    for meta in workbook.sheets_metadata:
        rows = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        cells: dict[tuple[int, int], Value] = {
            (r, c): v if isinstance(v, (str, int, float, bool, date)) else str(v)
            for r, row in enumerate(rows, start=1) for c, v in enumerate(row, start=1) if v is not None and v != ""}
        grids.append(Grid(meta.name, cells, str(meta.visible).lower().endswith("hidden")))
    return grids


def ods_extent(content: IO[bytes]) -> int:
    """How many cells the tables of an ODS content.xml would fill (rows x columns of
    each table's used area, repeats counted), read as a stream."""
    # no type stubs for defusedxml are installed
    from defusedxml.ElementTree import iterparse  # type: ignore[import-untyped]

    total = rows = last_row = last_column = column = 0
    row_used = False
    for event, element in iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == f"{_TABLE}table":
                rows = last_row = last_column = 0
            elif tag == f"{_TABLE}table-row":
                column, row_used = 0, False
            continue
        if tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
            if element.get(f"{_OFFICE}value-type") or len(element) or (element.text or "").strip():
                last_column, row_used = max(last_column, column + repeat), True
            column += repeat
            element.clear()
        elif tag == f"{_TABLE}table-row":
            repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            rows += repeat
            if row_used:
                last_row = rows
            element.clear()
        elif tag == f"{_TABLE}table":
            total += last_row * last_column
            element.clear()
            if total > MAX_CELLS:
                break
    return total
