"""A workbook ropa exported gives back the same register: for any register (property
test over generated registers), and for the examples, also after LibreOffice re-saved it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from ropa.export.excel import workbook_bytes
from ropa.export.view import build_view
from ropa.importing import import_workbook
from ropa.loading import load
from ropa.model.register import Register
from tests.strategies import registers
from tests.unit.importing.cnil_model import ROOT, convert

AS_OF = date(2026, 11, 26)


def _export(register: Register, path: Path, language: str = "fr", fiches: bool = True) -> Path:
    path.write_bytes(workbook_bytes(build_view(register, [], language=language, as_of=AS_OF), register=register,
                                    fiches=fiches))
    return path


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(register=registers())
def test_import_of_an_exported_workbook_gives_back_the_same_register(register: Register, tmp_path: Path) -> None:
    result = import_workbook(_export(register, tmp_path / "register.xlsx"))
    assert result.register == register
    assert result.report.kind == "ropa"
    assert result.report.entries == []  # nothing was edited, so every visible cell matches


@pytest.fixture(scope="module")
def persiance() -> Register:
    return load(ROOT / "registers" / "persiance").register


@pytest.mark.parametrize("language", ["fr", "en"])
def test_persiance_comes_back_whole(tmp_path: Path, persiance: Register, language: str) -> None:
    result = import_workbook(_export(persiance, tmp_path / "register.xlsx", language))
    assert result.register == persiance
    assert result.report.entries == []
    assert ("Conformité" if language == "fr" else "Compliance",
            "not compared: the findings of the rules at the export") in result.report.sheets


def test_a_cell_edited_after_the_export_is_reported_not_imported(tmp_path: Path, persiance: Register) -> None:
    import openpyxl

    path = _export(persiance, tmp_path / "register.xlsx")
    workbook = openpyxl.load_workbook(path)
    fiche = workbook["Vente et exécution des commande"]
    assert fiche["B4"].value == "Vente et exécution des commandes"
    fiche["B4"] = "Ventes"
    fiche["J30"] = "à revoir"
    workbook.create_sheet("Brouillon")["A1"] = "idée"
    workbook.save(path)
    result = import_workbook(path)
    assert result.register == persiance
    assert [(e.sheet, e.cell, e.value, e.why) for e in result.report.entries] == [
        ("Vente et exécution des commande", "B4", "Ventes",
         ("changed after the export (was 'Vente et exécution des commandes'); not imported: change the register "
         "and export again")),
        ("Vente et exécution des commande", "J30", "à revoir", "typed after the export; not imported"),
        ("Brouillon", "", "", "sheet added after the export; not imported (1 non-empty cells)"),
    ]


@pytest.mark.parametrize("to", ["xlsx", "ods"])
def test_a_workbook_saved_again_by_libreoffice_still_comes_back_whole(
        tmp_path: Path, persiance: Register, to: str) -> None:
    exported = _export(persiance, tmp_path / "exported.xlsx")
    (tmp_path / "saved").mkdir()
    saved = convert(exported, to, tmp_path / "saved")
    result = import_workbook(saved)
    assert result.register == persiance
    assert result.report.entries == []


def test_without_its_hidden_sheet_an_export_is_read_as_a_cnil_model(tmp_path: Path, persiance: Register) -> None:
    import openpyxl

    path = _export(persiance, tmp_path / "register.xlsx")
    workbook = openpyxl.load_workbook(path)
    del workbook["ropa-source"]
    workbook.save(path)
    result = import_workbook(path)
    assert result.report.kind == "cnil"
    assert [(a.ref, a.name) for a in result.register.activities] == [
        (a.reference, a.name) for a in persiance.activities]
    assert result.register.organisation.name == "PERSIANCE"
    orders = next(a for a in result.register.activities if a.ref == "orders")
    assert [p.description for p in orders.purposes] == ["Vente et exécution d'une commande", "Facturation"]
    assert ("Bases légales", ("skipped: a summary sheet ropa exports (without its hidden ropa-source sheet it is "
            "not read back)")) in result.report.sheets
