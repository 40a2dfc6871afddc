"""Files that are not usable spreadsheets get a clear error, before any of them is trusted."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from ropa.export.excel import workbook_bytes
from ropa.export.view import build_view
from ropa.importing import SpreadsheetError, import_workbook, reader
from ropa.model.register import Activity, Register

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _exported() -> bytes:
    register = Register(activities=[Activity(id="a", name="Paie")])
    return workbook_bytes(build_view(register, [], language="fr", as_of=date(2026, 1, 1)), register=register)


def _error(path: Path) -> str:
    with pytest.raises(SpreadsheetError) as caught:
        import_workbook(path)
    return str(caught.value)


def test_openpyxl_parses_xml_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is not a spreadsheet: give a .xlsx or .ods file"),
    (b"Nom;Finalit\xc3\xa9\nPaie;Paie\n", "is not a spreadsheet: give a .xlsx or .ods file"),
    (OLE + b"\0" * 504, "is a legacy Excel 97-2003 (.xls) file; open it and save it as .xlsx or .ods"),
    # An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream (MS-OFFCRYPTO).
    (OLE + b"\0" * 120 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 300,
     "is password-protected; open it, remove the password"),
])
def test_what_is_not_an_xlsx_or_ods_is_named(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "registre.xlsx"
    path.write_bytes(content)
    assert message in _error(path)


def test_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    assert _error(tmp_path / "absent.xlsx") == f"{tmp_path / 'absent.xlsx'}: no such file"
    assert _error(tmp_path) == f"{tmp_path} is a folder; give a .xlsx or .ods file"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = _zip(tmp_path / "registre.xlsx", {"notes.txt": b"hello"})
    assert "is a zip archive but not a spreadsheet" in _error(path)


def test_a_truncated_workbook_is_damaged(tmp_path: Path) -> None:
    data = _exported()
    path = tmp_path / "registre.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "is damaged" in _error(path)


def test_a_workbook_with_a_broken_part_is_damaged(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(_exported())) as source:
        members = {n: source.read(n) for n in source.namelist()}
    members["xl/workbook.xml"] = b"<workbook><sheets><sheet name='x'"
    assert "is damaged and cannot be read" in _error(_zip(tmp_path / "registre.xlsx", members))


def test_an_xml_bomb_is_refused(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(_exported())) as source:
        members = {n: source.read(n) for n in source.namelist()}
    entities = '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)) + "]>"
    members["xl/workbook.xml"] = entities.encode() + members["xl/workbook.xml"]
    assert "declares XML entities or a DTD (a possible XML bomb)" in _error(_zip(tmp_path / "bomb.xlsx", members))


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**20
            for _ in range(reader.MAX_UNPACKED // 2**20 + 1):
                member.write(chunk)
    assert path.stat().st_size < 2 * 2**20
    assert "unpacks to more than 512 MiB or 20000 files; refusing to read it" in _error(path)


def _ods(path: Path, rows: int, columns: int) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="S"><table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_an_ods_that_repeats_cells_a_million_times_is_refused(tmp_path: Path) -> None:
    path = _ods(tmp_path / "bomb.ods", 3001, 1000)
    assert path.stat().st_size < 2000
    assert "spreads over more than 3,000,000 cells; refusing to read it" in _error(path)


def test_an_xml_bomb_in_an_ods_is_refused(tmp_path: Path) -> None:
    path = _ods(tmp_path / "bomb.ods", 1, 1)
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml")
    doctype = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = _zip(tmp_path / "bomb2.ods", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                         "content.xml": content.replace(b"?>", b"?>" + doctype, 1)})
    assert "declares XML entities or a DTD (a possible XML bomb)" in _error(path)


def test_a_password_protected_ods(tmp_path: Path) -> None:
    path = _zip(tmp_path / "registre.ods", {
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:'
                                 b'1.0"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data'
                                 b"/></manifest:file-entry></manifest:manifest>",
        "content.xml": b"\x8f\x12 encrypted bytes"})
    assert "is password-protected; open it in LibreOffice, remove the password" in _error(path)


def test_a_workbook_with_no_sheet_of_the_model(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Budget"
    workbook.active.append(["Poste", "Montant"])
    workbook.active.append(["Loyer", 1200])
    workbook.save(tmp_path / "budget.xlsx")
    assert _error(tmp_path / "budget.xlsx") == (
        "budget.xlsx: no sheet of the CNIL register model was found (sheets: 'Budget'); give a filled copy of "
        "registre-traitement-simplifie-2019.ods, or a workbook ropa exported")


def test_a_cell_far_away_is_read_without_filling_the_gap(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Nom"
    workbook.active["XFD1048576"] = "far"
    workbook.save(tmp_path / "far.xlsx")
    grid = reader.read_workbook(tmp_path / "far.xlsx")[0]
    assert grid.cells == {(1, 1): "Nom", (1048576, 16384): "far"}
