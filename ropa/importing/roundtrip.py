"""A workbook ropa exported: the register comes back from its hidden ``ropa-source``
sheet, exactly. The visible sheets are laid out again from that register and compared
with the workbook: a cell someone changed after the export is listed in the report (the
change is not imported; the register's YAML is where changes are made)."""

from __future__ import annotations

from ropa.export.excel_layout import SOURCE_SHEET, cell_text, workbook_sheets
from ropa.export.excel_source import SourceInfo, join_pieces, read_marker
from ropa.importing.reader import Grid, SpreadsheetError, as_text, cell_name
from ropa.importing.report import Entry, ImportReport
from ropa.model.register import Register


def source_of(grids: list[Grid]) -> tuple[Grid, SourceInfo] | None:
    """The hidden sheet ropa wrote and what its marker row says, if there is one."""
    for grid in grids:
        if grid.name != SOURCE_SHEET:
            continue
        info = read_marker([grid.get(1, c) for c in range(1, 6)])
        if info is not None:
            return grid, info
    return None


def import_exported(grids: list[Grid], found: tuple[Grid, SourceInfo], source: str) -> tuple[Register, ImportReport]:
    from ropa.loading import load_text

    grid, info = found
    text = join_pieces([grid.get(row, 1) for row in range(3, grid.max_row + 1)])
    report = ImportReport(source, "ropa")
    try:
        result = load_text(text, file=f"{source}#{SOURCE_SHEET}")
    except Exception as exc:  # the loader reports problems; this is a sheet it cannot read at all
        raise SpreadsheetError(f"{source}: the hidden sheet {SOURCE_SHEET!r} is damaged ({exc}); export the "
                               "workbook again, or delete that sheet to import the visible fiches") from exc
    for problem in result.problems:
        report.add(Entry(SOURCE_SHEET, "", "", f"{problem.rule} {problem.name}: {problem.message}"))
    register = result.register
    report.activities = len(register.activities)
    compare_visible(grids, register, info, report)
    return register, report


def _normal(text: str) -> str:
    return " ".join(text.split())


def compare_visible(grids: list[Grid], register: Register, info: SourceInfo, report: ImportReport) -> None:
    """Report every visible cell that differs from what the export wrote."""
    from ropa.export.view import build_view

    by_name = {g.name: g for g in grids}
    view = build_view(register, [], language=info.language, as_of=info.as_of)
    expected_names = {SOURCE_SHEET}
    for sheet in workbook_sheets(view, register, fiches=info.fiches):
        expected_names.add(sheet.name)
        if sheet.kind == "findings":  # the findings depend on the rules' version and settings
            report.sheets.append((sheet.name, "not compared: the findings of the rules at the export"))
            continue
        report.sheets.append((sheet.name, "compared with the embedded register"))
        grid = by_name.get(sheet.name)
        if grid is None:
            report.add(Entry(sheet.name, "", "", "sheet missing (renamed or deleted after the export)"))
            continue
        expected: dict[tuple[int, int], str] = {}
        for row_number, row in enumerate(sheet.rows, start=1):
            for column, cell in enumerate(row, start=1):
                if cell is not None and _normal(cell_text(cell.value)):
                    expected[(row_number, column)] = _normal(cell_text(cell.value))
        for position in sorted(set(expected) | set(grid.cells)):
            found = _normal(as_text(grid.get(*position)))
            if found != expected.get(position, ""):
                was = expected.get(position, "")
                report.add(Entry(sheet.name, cell_name(*position), found,
                                 f"changed after the export (was {was!r}); not imported: change the register "
                                 "and export again" if was else "typed after the export; not imported"))
    report.sheets.append((SOURCE_SHEET, "the register ropa embedded (imported)"))
    for grid in grids:
        if grid.name not in expected_names:
            report.sheets.append((grid.name, "added after the export: not imported"))
            report.add(Entry(grid.name, "", "", f"sheet added after the export; not imported "
                             f"({len(grid.cells)} non-empty cells)"))
