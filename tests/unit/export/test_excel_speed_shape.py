"""The shape of the streamed Excel writer: cells written as text straight into each
worksheet part, merged ranges in row order, no temporary file, the garbage collector left
as it was found, and the hidden source's escapes at any position."""

from __future__ import annotations

import gc
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from ropa.export.excel import row_height, workbook_bytes
from ropa.export.excel_layout import Cell
from ropa.export.excel_source import ESCAPE_CHUNK, _escape
from ropa.export.view import build_view
from ropa.loading import load
from ropa.model.register import Activity, Organisation, Purpose, Register

ROOT = Path(__file__).resolve().parents[3]
AS_OF = date(2026, 11, 26)


@pytest.fixture(scope="module")
def persiance() -> Register:
    return load(ROOT / "registers" / "persiance").register


@pytest.fixture(scope="module")
def persiance_book(persiance: Register) -> bytes:
    return workbook_bytes(build_view(persiance, [], language="fr", as_of=AS_OF), register=persiance)


def _part(book: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return archive.read(name).decode("utf-8")


def test_fiche_merged_ranges_are_listed_in_row_order(persiance_book: bytes) -> None:
    fiche = _part(persiance_book, "xl/worksheets/sheet2.xml")
    refs = re.findall(r'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)" />', fiche)
    assert refs[:4] == ["A1:F1", "G1:H1", "A2:H2", "B4:H4"]
    assert f'<mergeCells count="{len(refs)}">' in fiche
    sheet = openpyxl.load_workbook(io.BytesIO(persiance_book)).worksheets[1]
    assert sorted(str(r) for r in sheet.merged_cells.ranges) == sorted(refs)


def test_every_cell_is_an_inline_string_or_a_styled_blank(persiance_book: bytes) -> None:
    listing = _part(persiance_book, "xl/worksheets/sheet1.xml")
    kinds = set(re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")? t="(\w+)"', listing))
    assert kinds == {"inlineStr", "n"}  # "n" only for the blank value cells the model shows
    assert re.findall(r'<c r="[A-Z]+\d+" s="\d+" t="n" />', listing)


def test_worksheet_parts_carry_no_wall_clock_time(persiance_book: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(persiance_book)) as archive:
        stamps = {i.date_time for i in archive.infolist() if i.filename.startswith("xl/worksheets/sheet")}
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_no_temporary_file_is_written(persiance: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.worksheet._writer as sheet_writer

    def refuse() -> str:
        raise AssertionError("a temporary file was asked for")

    monkeypatch.setattr(sheet_writer, "create_temporary_file", refuse)
    book = workbook_bytes(build_view(persiance, [], language="en", as_of=AS_OF), register=persiance)
    assert openpyxl.load_workbook(io.BytesIO(book)).sheetnames[0] == "Processing activities"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_found(enabled: bool) -> None:
    register = Register(organisation=Organisation(name="Org"),
                        activities=[Activity(id="a", name="A", purposes=[Purpose(description="p")])])
    view = build_view(register, [], language="fr", as_of=AS_OF)
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        workbook_bytes(view, register=register)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_text_that_fits_one_line_keeps_the_default_height() -> None:
    widths = [10.0, 10.0]  # 10 * 0.9 - 1 = 8 characters a line
    assert row_height([Cell("x" * 8), None], widths) is None
    assert row_height([Cell("x" * 9), None], widths) == 30.0
    assert row_height([Cell("x" * 9, span=2)], widths) is None  # 17 characters over two columns
    assert row_height([Cell("a\nb")], widths) == 30.0


def test_unprintable_characters_are_escaped_wherever_they_fall() -> None:
    edge = "a" * (ESCAPE_CHUNK - 1)
    assert _escape(edge + "\u2028b c") == edge + "\\u2028b c"
    assert _escape(edge + "b\x07") == edge + "b\\u0007"
    assert _escape("tag \U000e0001 end") == "tag \\U000e0001 end"
    assert _escape("plain text, é, 漢字") == "plain text, é, 漢字"
