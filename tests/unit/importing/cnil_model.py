"""Filling the CNIL's real register model (read from ../shared, never copied into the
repository) the way a person does in LibreOffice: type values into cells of its sheets,
and duplicate its blank fiche for a second activity. Also: LibreOffice conversions, for
the tests that need it (skipped where LibreOffice is not installed)."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

ROOT = Path(__file__).resolve().parents[3]
MODEL = ROOT.parent / "shared" / "reference" / "cnil" / "registre-traitement-simplifie-2019.ods"
T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
ROWS = (f"{T}table-row",)
CELLS = (f"{T}table-cell", f"{T}covered-table-cell")

LIST = "2_-_Liste_des_traitements"
BLANK = "3_-_Modèle_de_fiche_de_registre"
EXAMPLE = "4_-_Exemple_de_fiche"


def model() -> Path:
    if not MODEL.is_file():
        pytest.skip(f"the CNIL model is not at {MODEL}")
    return MODEL


def _position(ref: str) -> tuple[int, int]:
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    assert match, ref
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, column - 1


def _split(parent: ET.Element, element: ET.Element, attribute: str, offset: int) -> ET.Element:
    """Split a repeated row or cell so that the one at ``offset`` stands alone."""
    count = int(element.get(attribute, "1"))
    index = list(parent).index(element)
    pieces = []
    for size in (offset, 1, count - offset - 1):
        if size <= 0:
            pieces.append(None)
            continue
        piece = copy.deepcopy(element)
        piece.attrib.pop(attribute, None)
        if size > 1:
            piece.set(attribute, str(size))
        pieces.append(piece)
    parent.remove(element)
    for piece in reversed([p for p in pieces if p is not None]):
        parent.insert(index, piece)
    target = pieces[1]
    assert target is not None
    return target


def _rows(table: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    found = []
    for parent in table.iter():
        for child in parent:
            if child.tag in ROWS:
                found.append((parent, child))
    return found


def _cell(table: ET.Element, ref: str) -> ET.Element:
    row_index, column_index = _position(ref)
    seen = 0
    for parent, row in _rows(table):
        count = int(row.get(f"{T}number-rows-repeated", "1"))
        if seen + count > row_index:
            row = _split(parent, row, f"{T}number-rows-repeated", row_index - seen)
            break
        seen += count
    else:
        raise AssertionError(f"no row for {ref}")
    seen = 0
    for cell in list(row):
        if cell.tag not in CELLS:
            continue
        count = int(cell.get(f"{T}number-columns-repeated", "1"))
        if seen + count > column_index:
            return _split(row, cell, f"{T}number-columns-repeated", column_index - seen)
        seen += count
    for _ in range(column_index - seen + 1):
        cell = ET.SubElement(row, f"{T}table-cell")
    return cell


def _write(cell: ET.Element, value: str) -> None:
    cell.tag = f"{T}table-cell"
    for child in list(cell):
        if child.tag == f"{X}p":
            cell.remove(child)
    for name in list(cell.attrib):
        if name.endswith(("}value-type", "}value", "date-value")):
            del cell.attrib[name]
    cell.set(f"{O}value-type", "string")
    for line in value.split("\n"):
        paragraph = ET.SubElement(cell, f"{X}p")
        paragraph.text = line


def _declare(xml: bytes, namespaces: list[tuple[str, str]]) -> bytes:
    """ElementTree drops the declarations of prefixes used only inside attribute values
    (formulas say ``of:=HYPERLINK(...)``); put them back on the root element."""
    head, _, rest = xml.partition(b"<office:document-content")
    missing = b"".join(f' xmlns:{p}="{u}"'.encode() for p, u in namespaces
                       if p and f"xmlns:{p}=".encode() not in rest.split(b">", 1)[0])
    return head + b"<office:document-content" + missing + rest


def fill(out: Path, values: dict[str, dict[str, str]], copies: dict[str, str] | None = None) -> Path:
    """A copy of the model at ``out`` with ``values`` ({sheet: {cell: text}}) typed in;
    ``copies`` ({new sheet: sheet}) duplicates sheets first, as "Duplicate sheet" does."""
    with zipfile.ZipFile(model()) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
        order = [info for info in source.infolist()]
    content = members["content.xml"]
    namespaces = [ns for _event, ns in ET.iterparse(io.BytesIO(content), events=("start-ns",))]
    for prefix, uri in namespaces:
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(content)
    spreadsheet = root.find(f"{O}body/{O}spreadsheet")
    assert spreadsheet is not None
    tables = {t.get(f"{T}name"): t for t in spreadsheet.findall(f"{T}table")}
    for new_name, original in (copies or {}).items():
        duplicate = copy.deepcopy(tables[original])
        duplicate.set(f"{T}name", new_name)
        spreadsheet.insert(list(spreadsheet).index(tables[original]) + 1, duplicate)
        tables[new_name] = duplicate
    for sheet, cells in values.items():
        for ref, value in cells.items():
            _write(_cell(tables[sheet], ref), value)
    members["content.xml"] = _declare(ET.tostring(root, encoding="UTF-8", xml_declaration=True), namespaces)
    with zipfile.ZipFile(out, "w") as target:
        for info in order:
            kind = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, members[info.filename], compress_type=kind)
    return out


# ---------------------------------------------------------------------------------------
# LibreOffice


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc)")
    return found


def convert(path: Path, to: str, out_dir: Path) -> Path:
    """``path`` converted by LibreOffice headless (xlsx, ods, pdf, csv); fails on a non-zero
    exit or a missing output."""
    profile = out_dir / ".lo-profile"
    completed = subprocess.run(
        [soffice(), "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
         "--convert-to", to, "--outdir", str(out_dir), str(path)],
        capture_output=True, text=True, timeout=240, check=False)
    produced = out_dir / f"{path.stem}.{to.split(':')[0]}"
    assert completed.returncode == 0, completed.stderr
    assert produced.is_file(), f"LibreOffice wrote nothing: {completed.stdout} {completed.stderr}"
    return produced
