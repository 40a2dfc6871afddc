"""A sheet's cells and merged ranges written as SpreadsheetML text into the worksheet
part openpyxl lays out (columns, panes, filter, page setup) with no row, streamed into the
.xlsx archive (no temporary file).

openpyxl builds an object per cell and serialises it through a pure-Python XML tree, and
its write-only sheets each go through a temporary file: most of an export's time. Every
cell ropa writes is an inline string with one of a few styles, so its text is formatted
here instead, each style's id asked of openpyxl once a sheet. The XML is what openpyxl
writes for the same cells; only the merged ranges come in row order.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zipfile import ZipFile

    # no type stubs for openpyxl are installed
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet  # type: ignore[import-untyped]

RISKY_START = ("=", "+", "-", "@", "\t", "\r")
EMPTY_SHEET_DATA = "<sheetData></sheetData>"
MERGE_BEFORE = "<printOptions"  # openpyxl writes mergeCells right before the print options
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # no wall-clock time in the package
BATCH_ROWS = 500
PACKAGE_ATTRIBUTE = "_ropa_package"
# One row: its height (None for the default) and its cells, each (text, style) or None.
RowCells = tuple[float | None, list[tuple[str, str | None] | None]]


class SheetFormatError(RuntimeError):
    """openpyxl wrote a worksheet part ropa does not recognise (a changed version)."""


class StyleIds:
    """The workbook's cell-format id of each (named style, quote prefix), asked of openpyxl
    once each so that the ids are the ones its styles part lists."""

    def __init__(self) -> None:
        self._ids: dict[tuple[str | None, bool], str] = {}

    def attribute(self, ws: WriteOnlyWorksheet, style: str | None, quote: bool) -> str:
        key = (style, quote)
        found = self._ids.get(key)
        if found is None:
            # no type stubs for openpyxl are installed
            from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

            cell = WriteOnlyCell(ws)
            if style:
                cell.style = f"ropa-{style}"
            if quote:
                cell.quotePrefix = True
            found = f' s="{cell.style_id}"' if cell.has_style else ""
            self._ids[key] = found
        return found


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _columns(count: int) -> list[str]:
    # no type stubs for openpyxl are installed
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    return [get_column_letter(index) for index in range(1, count + 1)]


class RowWriter:
    """Formats rows as ``<row>`` elements for one worksheet."""

    def __init__(self, ws: WriteOnlyWorksheet, styles: StyleIds) -> None:
        self.ws = ws
        self.styles = styles
        self.letters = _columns(26)

    def cell(self, reference: str, text: str, style: str | None) -> str:
        if not text:
            attribute = self.styles.attribute(self.ws, style, False)
            return f'<c r="{reference}"{attribute} t="n" />' if attribute else ""
        attribute = self.styles.attribute(self.ws, style, text.startswith(RISKY_START))
        stripped = text.strip()
        space = ' xml:space="preserve"' if stripped and stripped != text else ""
        return f'<c r="{reference}"{attribute} t="inlineStr"><is><t{space}>{_xml_text(text)}</t></is></c>'

    def row(self, number: int, height: float | None, cells: list[tuple[str, str | None] | None]) -> str:
        if len(cells) > len(self.letters):
            self.letters = _columns(len(cells))
        suffix = str(number)
        body = "".join(self.cell(self.letters[index] + suffix, cell[0], cell[1])
                       for index, cell in enumerate(cells) if cell is not None)
        dimension = f' ht="{height:g}" customHeight="1"' if height else ""
        return f'<row r="{number}"{dimension}>{body}</row>'


def part_name(ws: WriteOnlyWorksheet) -> str:
    """The worksheet's part in the package, as openpyxl's writer names it when saving."""
    return f"xl/worksheets/sheet{ws.parent.worksheets.index(ws) + 1}.xml"


def laid_out(ws: WriteOnlyWorksheet) -> tuple[str, str]:
    """openpyxl's XML for ``ws`` with no row, in memory (no temporary file), split where
    the rows go; ``ws`` is closed after."""
    # no type stubs for openpyxl are installed
    from openpyxl.worksheet._writer import WorksheetWriter  # type: ignore[import-untyped]

    ws._writer = WorksheetWriter(ws, io.BytesIO())
    ws._writer.write_top()
    ws.close()
    head, found, tail = ws._writer.out.getvalue().decode("utf-8").partition(EMPTY_SHEET_DATA)
    if not found:
        raise SheetFormatError(f"openpyxl laid out sheet {ws.title!r} in an unknown way")
    return head, tail


def merge_cells(ranges: list[str]) -> str:
    """The ``<mergeCells>`` element as openpyxl writes it."""
    if not ranges:
        return ""
    cells = "".join(f'<mergeCell ref="{reference}" />' for reference in ranges)
    return f'<mergeCells count="{len(ranges)}">{cells}</mergeCells>'


def write_part(archive: ZipFile, ws: WriteOnlyWorksheet, rows: Iterable[RowCells],
               merged: list[str] | None = None) -> str:
    """Write ``ws`` (laid out, no row appended) with ``rows`` and the ``merged`` ranges
    ("A1:F1") into ``archive``, streamed a few hundred rows at a time; the part's name."""
    from zipfile import ZIP_DEFLATED, ZipInfo

    head, tail = laid_out(ws)
    before, anchor, after = tail.partition(MERGE_BEFORE)
    if merged and not anchor:
        raise SheetFormatError(f"openpyxl laid out sheet {ws.title!r} without print options")
    name = part_name(ws)
    info = ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = ZIP_DEFLATED
    writer = RowWriter(ws, StyleIds())
    with archive.open(info, "w") as part:
        part.write(f"{head}<sheetData>".encode())
        batch: list[str] = []
        for number, (height, cells) in enumerate(rows, start=1):
            batch.append(writer.row(number, height, cells))
            if len(batch) == BATCH_ROWS:
                part.write("".join(batch).encode("utf-8"))
                batch.clear()
        batch.append(f"</sheetData>{before}{merge_cells(merged or [])}{anchor}{after}")
        part.write("".join(batch).encode("utf-8"))
    return name


class Package:
    """The .xlsx archive a workbook's sheets are streamed into as they are laid out, and
    the worksheet parts written so far; ``save`` adds the workbook's other parts."""

    def __init__(self, archive: ZipFile) -> None:
        self.archive = archive
        self.written: set[str] = set()

    def add_sheet(self, ws: WriteOnlyWorksheet, rows: Iterable[RowCells], merged: list[str] | None = None) -> None:
        self.written.add(write_part(self.archive, ws, rows, merged))

    def save(self, workbook: Workbook) -> None:
        """openpyxl's writer for every other part (styles, workbook, relations, content
        types); the worksheets are already in the archive."""
        # no type stubs for openpyxl are installed
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing  # type: ignore[import-untyped]
        from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped]

        written = self.written

        class StreamedWriter(ExcelWriter):  # type: ignore[misc]
            def write_worksheet(self, ws: WriteOnlyWorksheet) -> None:
                if ws.path[1:] not in written:
                    raise SheetFormatError(f"sheet {ws.title!r} was not written as {ws.path[1:]}")
                ws._drawing = SpreadsheetDrawing()
                ws._rels = ws._writer._rels
                self.manifest.append(ws)

        StreamedWriter(workbook, self.archive).save()


def package_of(workbook: Workbook) -> Package:
    package = getattr(workbook, PACKAGE_ATTRIBUTE, None)
    if not isinstance(package, Package):
        raise SheetFormatError("the workbook has no package to stream its sheets into")
    return package


def attach_package(workbook: Workbook, archive: ZipFile) -> Package:
    package = Package(archive)
    setattr(workbook, PACKAGE_ATTRIBUTE, package)
    return package
