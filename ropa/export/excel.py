"""The register as an Excel workbook in the CNIL model's layout (reports.md, part 1).

``write_workbook(view, out, register=...)`` writes the list sheet, one fiche per activity
(unless ``fiches=False``), the annex sheets and, hidden, the register's own data (so that
``ropa import xlsx`` gives it back). openpyxl (write-only mode) lays out each sheet and
writes the styles and package parts; the cells are formatted by ropa.export.excel_rows and
streamed into the .xlsx archive as soon as a sheet is laid out, so memory stays bounded
and no temporary file is written.

Every value is written as text (a name such as ``=HYPERLINK(...)`` stays a name, never a
formula), and the file replaces ``out`` only once it is complete.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ropa.export.excel_layout import (
    DARK,
    HEADER,
    IDENT,
    LABEL,
    LIGHT,
    PLAIN,
    SECTION,
    SOURCE_SHEET,
    TITLE,
    Sheet,
    cell_text,
    workbook_sheets,
)
from ropa.export.excel_rows import RowCells, attach_package, package_of
from ropa.export.excel_source import SourceInfo, source_rows
from ropa.export.view import RegisterView
from ropa.model.register import Register

if TYPE_CHECKING:
    # no type stubs for openpyxl are installed
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet  # type: ignore[import-untyped]

# The CNIL model's colours (registre-traitement-simplifie-2019.ods).
NAVY, BLUE, SKY, MID, PALE, DEEP, WHITE = "004A99", "5B9BD5", "3B96EC", "9BC2E6", "DDEBF7", "1F4E78", "FFFFFF"
STYLES: dict[str, tuple[str | None, str, bool]] = {  # name: (fill, font colour, bold)
    TITLE: (SKY, WHITE, True),
    SECTION: (NAVY, WHITE, True),
    LABEL: (BLUE, WHITE, True),
    IDENT: (SKY, WHITE, False),
    HEADER: (SKY, WHITE, True),
    PLAIN: (None, DEEP, True),
    DARK: (MID, NAVY, False),
    LIGHT: (PALE, NAVY, False),
}
POINTS_PER_LINE = 15.0
MAX_ROW_HEIGHT = 409.0


class ExcelExportError(Exception):
    """The workbook cannot be written where asked. The message is for the user."""


def write_workbook(view: RegisterView, out: Path, *, register: Register | None = None,
                   fiches: bool = True) -> Path:
    """Write the workbook of ``view`` to ``out`` atomically (a failure keeps the previous
    file). ``register`` is embedded, hidden, for ``ropa import xlsx``; without it the
    workbook is a document only. Raises ExcelExportError when ``out`` cannot be written."""
    from ropa.util.atomic import write_bytes_atomic

    data = workbook_bytes(view, register=register, fiches=fiches)
    try:
        write_bytes_atomic(Path(out), data)
    except OSError as exc:
        raise ExcelExportError(f"cannot write {exc.filename or out}: {exc.strerror or exc}") from exc
    return Path(out)


def workbook_bytes(view: RegisterView, *, register: Register | None = None, fiches: bool = True) -> bytes:
    """The .xlsx file's bytes. The garbage collector is paused meanwhile: the cells are
    millions of small objects without cycles, and each collection would walk the whole
    register and view again (a third of the time of a large export)."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        return _workbook_bytes(view, register, fiches)
    finally:
        if paused:
            gc.enable()


def _workbook_bytes(view: RegisterView, register: Register | None, fiches: bool) -> bytes:
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl import Workbook

    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        workbook = Workbook(write_only=True)
        package = attach_package(workbook, archive)  # each sheet goes in as soon as laid out
        _register_styles(workbook)
        for sheet in workbook_sheets(view, register, fiches=fiches):
            _write_sheet(workbook, sheet)
        if register is not None:
            _write_source(workbook, register, SourceInfo(view.language, view.as_of, fiches))
        stamp = datetime.combine(view.as_of, time())
        workbook.properties.creator = "ropa"
        title = f"{view.title} — {view.organisation.name}" if view.organisation.name else view.title
        workbook.properties.title = cell_text(title)[:255]
        workbook.properties.created = stamp
        workbook.properties.modified = stamp  # save_workbook() would stamp the wall clock
        package.save(workbook)
    return buffer.getvalue()


def _register_styles(workbook: Workbook) -> None:
    # no type stubs for openpyxl are installed
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side  # type: ignore[import-untyped]

    white = Side(style="thin", color="FFFFFF")
    for name, (fill, colour, bold) in STYLES.items():
        style = NamedStyle(name=f"ropa-{name}")
        style.font = Font(name="Calibri", size=11, bold=bold, color=colour)
        if fill:
            style.fill = PatternFill("solid", start_color=fill, end_color=fill)
            style.border = Border(left=white, right=white, top=white, bottom=white)
        style.alignment = Alignment(wrap_text=True, vertical="top")
        workbook.add_named_style(style)


def row_height(row: list[Any], widths: list[float]) -> float | None:
    """A height that shows every line of wrapped text (Excel does not grow rows with
    merged cells by itself); None when one line is enough."""
    lines = 1
    for index, cell in enumerate(row):
        if cell is None or not cell.value:
            continue
        width = sum(widths[index:index + cell.span]) if index < len(widths) else 10.0
        per_line = int(max(1.0, width * 0.9 - 1))
        if len(cell.value) <= per_line and "\n" not in cell.value:
            continue  # one line (most cells)
        count = sum(max(1, -(-len(part) // per_line)) for part in cell.value.split("\n"))
        lines = max(lines, count)
    return None if lines == 1 else min(MAX_ROW_HEIGHT, lines * POINTS_PER_LINE)


def _write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    # no type stubs for openpyxl are installed
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    ws = workbook.create_sheet(sheet.name)
    for index, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    _page_setup(ws, sheet)
    merged = [f"{get_column_letter(index)}{number}:{get_column_letter(index + cell.span - 1)}{number}"
              for number, row in enumerate(sheet.rows, start=1)
              for index, cell in enumerate(row, start=1) if cell is not None and cell.span > 1]
    package_of(workbook).add_sheet(ws, ((row_height(row, sheet.widths),  # streamed: one sheet at a time
                                         [(cell_text(c.value), c.style) if c is not None else None for c in row])
                                        for row in sheet.rows), merged)


def _page_setup(ws: WriteOnlyWorksheet, sheet: Sheet) -> None:
    # no type stubs for openpyxl are installed
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties  # type: ignore[import-untyped]

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    ws.oddHeader.center.text = sheet.name.replace("&", "&&")
    ws.oddFooter.center.text = "&P / &N"
    if sheet.header_row is not None:
        header = sheet.header_row
        last_column = get_column_letter(len([c for c in sheet.rows[header - 1] if c is not None]))
        ws.freeze_panes = f"A{header + 1}"
        ws.auto_filter.ref = f"A{header}:{last_column}{max(header, len(sheet.rows))}"
        ws.print_title_rows = f"{header}:{header}"


def _write_source(workbook: Workbook, register: Register, info: SourceInfo) -> None:
    ws = workbook.create_sheet(SOURCE_SHEET)
    ws.sheet_state = "hidden"
    ws.column_dimensions["A"].width = 120
    rows: Iterator[RowCells] = ((None, [(cell_text(v), None) for v in values])
                                for values in source_rows(register, info))
    package_of(workbook).add_sheet(ws, rows)
