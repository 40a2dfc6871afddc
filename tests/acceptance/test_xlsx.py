"""``ropa export xlsx`` and ``ropa import xlsx`` through the command line: files, messages,
exit codes; and an imported CNIL model that ``ropa validate`` accepts and ``ropa check``
finds incomplete."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner, Result

from ropa.cli import check, export_xlsx, import_cmd, validate
from ropa.loading import load
from tests.unit.importing.cnil_model import BLANK, LIST, fill

ROOT = Path(__file__).resolve().parents[2]
PERSIANCE = ROOT / "registers" / "persiance"


def _app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def _root() -> None:
        """ropa"""

    group = typer.Typer(no_args_is_help=True)
    export_xlsx.add_commands(group)
    app.add_typer(group, name="export")
    for module in (import_cmd, validate, check):
        module.install(app)
    return app


def _run(*args: str) -> Result:
    return CliRunner().invoke(_app(), list(args))


def test_export_writes_reports_register_xlsx_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run("export", "xlsx", str(PERSIANCE), "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(tmp_path / "reports" / "register.xlsx")
    assert workbook.sheetnames[0] == "Liste des traitements"
    assert workbook["Conformité"]["A1"].value.startswith("Conformité au 26/11/2026 : ")
    assert result.stderr.startswith("Wrote reports/register.xlsx (6 activities, 6 fiche(s), ")


def test_export_in_english_without_fiches(tmp_path: Path) -> None:
    out = tmp_path / "en.xlsx"
    result = _run("export", "xlsx", str(PERSIANCE), "-o", str(out), "--lang", "en", "--no-fiches",
                  "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames == [
        "Processing activities", "Legal bases", "Processors", "Transfers", "Security measures", "DPIA",
        "Compliance", "ropa-source"]


def test_export_errors_exit_2(tmp_path: Path) -> None:
    bad_date = _run("export", "xlsx", str(PERSIANCE), "-o", str(tmp_path / "x.xlsx"), "--as-of", "26/11/2026")
    assert bad_date.exit_code == 2
    assert "Error: --as-of must be a date as YYYY-MM-DD (such as 2026-11-26), not '26/11/2026'" in bad_date.stderr
    missing = _run("export", "xlsx", str(tmp_path / "nowhere"), "-o", str(tmp_path / "x.xlsx"))
    assert missing.exit_code == 2 and missing.stderr.startswith("Error: ")
    assert not (tmp_path / "x.xlsx").exists()


def test_export_then_import_gives_back_the_register(tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    assert _run("export", "xlsx", str(PERSIANCE), "-o", str(out), "--as-of", "2026-11-26").exit_code == 0
    result = _run("import", "xlsx", str(out), "-o", str(tmp_path / "back"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Imported 6 activities from " in result.stderr and "(a workbook ropa exported)" in result.stderr
    assert load(tmp_path / "back").register == load(PERSIANCE).register
    assert _run("validate", str(tmp_path / "back")).exit_code == 0


def test_import_of_a_filled_cnil_model_then_validate_and_check(tmp_path: Path) -> None:
    model = fill(tmp_path / "registre.ods", {
        LIST: {"C1": "DUPONT", "E1": "Louise"},
        BLANK: {"B4": "Paie", "B5": "T-01", "B10": "Boulangerie Exemple SARL", "H10": "contact@boulangerie.example",
                "B17": "Gestion de la paie", "B25": "Nom, prénom", "E25": "5 ans", "B44": "Salariés",
                "J30": "note libre"},
    })
    out = tmp_path / "imported"
    result = _run("import", "xlsx", str(model), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        (f"{LIST}!C1: 'Louise DUPONT' the person in charge of the organisation, not the organisation (kept in the "
        "organisation's notes)"),
        f"{BLANK}!J30: 'note libre' not in a place the CNIL fiche defines (kept in the activity's notes)",
    ]
    assert f"listed in {out / 'import-report.md'}" in result.stderr
    assert "| 3_-_Modèle_de_fiche_de_registre | J30 | note libre |" in (out / "import-report.md").read_text()
    assert _run("validate", str(out)).exit_code == 0
    checked = _run("check", str(out))
    assert checked.exit_code == 1
    assert "ROPA201" in checked.stdout  # the CNIL model never asks for a legal basis


def test_import_refuses_to_overwrite_a_register(tmp_path: Path) -> None:
    exported = tmp_path / "register.xlsx"
    _run("export", "xlsx", str(PERSIANCE), "-o", str(exported), "--as-of", "2026-11-26")
    assert _run("import", "xlsx", str(exported), "-o", str(tmp_path / "out")).exit_code == 0
    again = _run("import", "xlsx", str(exported), "-o", str(tmp_path / "out"))
    assert again.exit_code == 2
    assert again.stderr.strip() == (f"Error: {tmp_path / 'out'} already holds a register; choose another --out, "
                                    "or pass --force to replace it")
    assert _run("import", "xlsx", str(exported), "-o", str(tmp_path / "out"), "--force").exit_code == 0


def test_a_bad_spreadsheet_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "registre.xlsx"
    bad.write_text("Nom;Finalité\n")
    result = _run("import", "xlsx", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad} is not a spreadsheet")
    assert not (tmp_path / "out").exists()
