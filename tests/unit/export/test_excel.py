"""The Excel workbook, read back: sheet names, the CNIL model's sections and labels, the
values, the styling, what prints and filters, and that no cell ever holds a formula."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from ropa.export.excel import ExcelExportError, workbook_bytes, write_workbook
from ropa.export.excel_layout import MAX_CELL_TEXT, clean_sheet_name, fiche_names
from ropa.export.view import build_view
from ropa.loading import load
from ropa.model.register import Activity, Organisation, Purpose, Register

ROOT = Path(__file__).resolve().parents[3]
AS_OF = date(2026, 11, 26)
PERSIANCE_FICHES = ["Création et gestion des comptes", "Mesure d'audience et statistiqu",
                    "Support client et assistance te", "Vente et exécution des commande",
                    "Prospection commerciale et news", "Sécurité et lutte contre la fra"]
FR_ANNEXES = ["Bases légales", "Sous-traitants", "Transferts", "Mesures de sécurité", "AIPD", "Conformité"]
FICHE_SECTIONS_FR = ["Description du traitement", "Acteurs", "Finalité(s) du traitement effectué",
                     "Catégories de données personnelles concernées", "Données sensibles",
                     "Catégories de personnes concernées", "Destinataires", "Mesures de sécurité",
                     "Transferts hors UE"]
CNIL_DATA_ROWS = ["État civil, identité, données d'identification, images…",
                  "Vie personnelle (habitudes de vie, situation familiale, etc.)",
                  ("Informations d'ordre économique et financier (revenus, situation financière, situation "
                  "fiscale, etc.)"),
                  "Données de connexion (adresse IP, logs, etc.)",
                  "Données de localisation (déplacements, données GPS, GSM, etc.)",
                  "Numéro de Sécurité Sociale (ou NIR)"]


def _export(tmp_path: Path, register: Register, language: str = "fr", fiches: bool = True) -> Workbook:
    path = tmp_path / "register.xlsx"
    write_workbook(build_view(register, [], language=language, as_of=AS_OF), path, register=register, fiches=fiches)
    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def persiance() -> Register:
    return load(ROOT / "registers" / "persiance").register


def _column_a(ws: object) -> list[str]:
    return [c.value for c in ws["A"] if c.value]  # type: ignore[index]


def _assert_no_formula(workbook: Workbook) -> None:
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} holds a formula: {cell.value!r}"


def test_sheets_are_the_list_one_fiche_per_activity_the_annexes_and_the_hidden_source(
        tmp_path: Path, persiance: Register) -> None:
    workbook = _export(tmp_path, persiance)
    assert workbook.sheetnames == ["Liste des traitements", *PERSIANCE_FICHES, *FR_ANNEXES, "ropa-source"]
    assert [ws.sheet_state for ws in workbook.worksheets] == ["visible"] * 13 + ["hidden"]
    _assert_no_formula(workbook)


def test_list_sheet_is_laid_out_as_the_model_sheet_2(tmp_path: Path, persiance: Register) -> None:
    ws = _export(tmp_path, persiance)["Liste des traitements"]
    assert ws["A1"].value.startswith("Coordonnées du responsable de l'organisme")
    assert (ws["B1"].value, ws["C1"].value, ws["H1"].value, ws["I1"].value) == (
        "Nom :", "PERSIANCE", "Adresse mél :", "contact@persiance.com")
    assert ws["A3"].value.startswith("Coordonnées du représentant")
    assert (ws["A5"].value, ws["C5"].value) == ("Coordonnées du délégué à la protection des données (DPO)",
                                                "Aucun DPO désigné")
    assert [ws.cell(8, c).value for c in range(1, 7)] == [
        "Nom du traitement", "N° / RÉF", "Date de création de la fiche", "Dernière mise à jour de la fiche",
        "Finalité(s)", "Oui/non"]
    assert [ws.cell(12, c).value for c in range(1, 7)] == [
        "Vente et exécution des commandes", "orders", "17/08/2025", "17/08/2025",
        "Vente et exécution d'une commande\nFacturation", "Non"]
    assert ws.freeze_panes == "A9"
    assert ws.auto_filter.ref == "A8:F14"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


def test_fiche_has_the_model_sections_in_order_with_its_fixed_rows(tmp_path: Path, persiance: Register) -> None:
    ws = _export(tmp_path, persiance)["Vente et exécution des commande"]
    column_a = _column_a(ws)
    assert [s for s in column_a if s in FICHE_SECTIONS_FR] == FICHE_SECTIONS_FR
    data = column_a[column_a.index(FICHE_SECTIONS_FR[3]) + 1: column_a.index(FICHE_SECTIONS_FR[4])]
    assert list(dict.fromkeys(data))[:6] == CNIL_DATA_ROWS
    assert list(dict.fromkeys(data))[6:] == ["Vie professionnelle (CV, scolarité, formation, distinctions, etc.)",
                                             "Données d'usage d'internet (navigation, cookies, etc.)",
                                             "Autres données"]
    sensitive = column_a[column_a.index(FICHE_SECTIONS_FR[4]) + 1: column_a.index(FICHE_SECTIONS_FR[5])]
    assert len(sensitive) == 9 and sensitive[0] == "Données révélant l'origine raciale ou ethnique"
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    assert ws.cell(rows["Nom du traitement"], 2).value == "Vente et exécution des commandes"
    assert ws.cell(rows["N° / RÉF"], 2).value == "orders"
    assert ws.cell(rows["Finalité principale"], 2).value == "Vente et exécution d'une commande"
    assert ws.cell(rows["Sous-finalité 1"], 2).value == "Facturation"
    identity = rows[CNIL_DATA_ROWS[0]]
    assert ws.cell(identity, 5).value == ("10 ans à compter de clôture de l'exercice comptable — "
                                          "Code de commerce, art. L123-22")
    transfer = rows["Organisme destinataire 1"]
    assert [ws.cell(transfer, c).value for c in (2, 3)] == ["Stripe, Inc.", "États-Unis"]
    assert f"B{rows['Nom du traitement']}:H{rows['Nom du traitement']}" in {str(r) for r in ws.merged_cells.ranges}


def test_fiche_is_styled_with_the_model_blues(tmp_path: Path, persiance: Register) -> None:
    ws = _export(tmp_path, persiance)["Vente et exécution des commande"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    section, label = ws.cell(rows["Acteurs"], 1), ws.cell(rows["Nom du traitement"], 1)
    assert section.fill.fgColor.rgb.endswith("004A99") and section.font.bold
    assert section.font.color.rgb.endswith("FFFFFF")
    assert label.fill.fgColor.rgb.endswith("5B9BD5")
    fills = {ws.cell(rows[k], 2).fill.fgColor.rgb[-6:] for k in ("Nom du traitement", "N° / RÉF")}
    assert fills == {"9BC2E6", "DDEBF7"}
    assert ws["A1"].fill.fgColor.rgb.endswith("3B96EC")


def test_english_labels(tmp_path: Path, persiance: Register) -> None:
    workbook = _export(tmp_path, persiance, language="en")
    assert workbook.sheetnames[0] == "Processing activities"
    assert workbook.sheetnames[-7:-1] == ["Legal bases", "Processors", "Transfers", "Security measures", "DPIA",
                                          "Compliance"]
    assert workbook["Processing activities"]["A8"].value == "Name of the processing"
    fiche = workbook[workbook.sheetnames[1]]
    assert "Categories of personal data" in _column_a(fiche)
    assert "Transfers outside the EU" in _column_a(fiche)


def test_annex_sheets_are_filterable_tables(tmp_path: Path, persiance: Register) -> None:
    workbook = _export(tmp_path, persiance)
    bases = workbook["Bases légales"]
    assert [bases.cell(2, c).value for c in range(1, 5)] == ["N° / RÉF", "Traitement", "Finalité ou donnée sensible",
                                                            "Base légale (art. 6)"]
    assert ["orders", "Vente et exécution des commandes", "Facturation", "Obligation légale"] in [
        [bases.cell(r, c).value for c in range(1, 5)] for r in range(3, bases.max_row + 1)]
    for name in FR_ANNEXES:
        assert workbook[name].freeze_panes == "A3"
        assert workbook[name].auto_filter.ref.startswith("A2:")
    processors = [[c.value for c in row] for row in workbook["Sous-traitants"].iter_rows(min_row=3)]
    assert any(r[0] == "Stripe Payments Europe, Ltd." and r[2] == "Irlande" for r in processors)


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    risky = ['=HYPERLINK("http://evil.example","clic")', "+1+1", "-2+3", "@SUM(A1:A2)", "=1+1", "#N/A"]
    register = Register(
        organisation=Organisation(name=risky[0]),
        activities=[Activity(id="a", name=risky[1], description=risky[2], owner=risky[3],
                             purposes=[Purpose(description=risky[4]), Purpose(description=risky[5])])])
    path = tmp_path / "register.xlsx"
    write_workbook(build_view(register, [], language="fr", as_of=AS_OF), path, register=register)
    workbook = openpyxl.load_workbook(path)
    _assert_no_formula(workbook)
    values = {c.value: c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value}
    for text in risky:
        assert text in values, text
        assert values[text].data_type == "s"
    assert values["=1+1"].quotePrefix
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_sheet_names_are_valid_and_unique() -> None:
    assert clean_sheet_name("Paie [2024]: salariés/cadres*?\\", "x") == "Paie 2024 salariés cadres"
    assert clean_sheet_name("'quoted'", "x") == "quoted"
    assert clean_sheet_name("::", "fallback") == "fallback"
    activities = [Activity(id="a", name="Gestion de la paie des salariés et des dirigeants"),
                  Activity(id="b", name="gestion de la paie des salariés et des dirigeants"),
                  Activity(id="c", ref="T-1", name="Liste des traitements"),
                  Activity(id="d", name="Liste des traitements"),
                  Activity(id="history", name=None)]
    view = build_view(Register(activities=activities), [], language="fr", as_of=AS_OF)
    names = fiche_names(view)
    assert names == ["Gestion de la paie des salariés", "gestion de la paie des sala (2)",
                     "T-1 - Liste des traitements", "Liste des traitements (2)", "history (2)"]
    assert all(len(n) <= 31 for n in names)


def test_cell_text_is_kept_within_what_excel_accepts(tmp_path: Path) -> None:
    long_text = "é" * (MAX_CELL_TEXT + 10)
    register = Register(activities=[Activity(id="a", name="bell\x07 and tab\t", description=long_text)])
    workbook = _export(tmp_path, register)
    ws = workbook[workbook.sheetnames[1]]
    cells = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "bell\ufffd and tab\t" in cells
    longest = max(cells, key=len)
    assert len(longest) == MAX_CELL_TEXT and longest.endswith("…")


def test_no_fiches_keeps_the_list_and_annexes(tmp_path: Path, persiance: Register) -> None:
    workbook = _export(tmp_path, persiance, fiches=False)
    assert workbook.sheetnames == ["Liste des traitements", *FR_ANNEXES, "ropa-source"]


def test_a_failure_midway_keeps_the_previous_file(tmp_path: Path, persiance: Register,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from ropa.export import excel

    path = tmp_path / "reports" / "register.xlsx"
    view = build_view(persiance, [], language="fr", as_of=AS_OF)
    write_workbook(view, path, register=persiance)  # creates reports/
    before = path.read_bytes()
    written: list[str] = []
    real = excel._write_sheet

    def fails_on_the_third_sheet(workbook: Workbook, sheet: object) -> None:
        written.append(sheet.name)  # type: ignore[attr-defined]
        if len(written) == 3:
            raise RuntimeError("interrupted")
        real(workbook, sheet)  # type: ignore[arg-type]

    monkeypatch.setattr(excel, "_write_sheet", fails_on_the_third_sheet)
    with pytest.raises(RuntimeError, match="interrupted"):
        write_workbook(view, path, register=persiance)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["register.xlsx"]


def test_an_unwritable_place_is_a_clear_error(tmp_path: Path, persiance: Register) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ExcelExportError, match="cannot write"):
        write_workbook(build_view(persiance, [], language="fr", as_of=AS_OF), blocker / "register.xlsx",
                       register=persiance)


def test_same_register_and_options_give_the_same_content(persiance: Register) -> None:
    view = build_view(persiance, [], language="fr", as_of=AS_OF)
    first, second = workbook_bytes(view, register=persiance), workbook_bytes(view, register=persiance)
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as a, zipfile.ZipFile(__import__("io").BytesIO(second)) as b:
        assert a.namelist() == b.namelist()
        assert all(a.read(n) == b.read(n) for n in a.namelist())
        core = a.read("docProps/core.xml").decode()
    assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-26T00:00:00Z</dcterms:created>" in core
    assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-11-26T00:00:00Z</dcterms:modified>" in core


def test_libreoffice_opens_the_workbook_and_prints_it(tmp_path: Path, persiance: Register) -> None:
    from tests.unit.importing.cnil_model import convert

    path = tmp_path / "register.xlsx"
    write_workbook(build_view(persiance, [], language="fr", as_of=AS_OF), path, register=persiance)
    pdf = convert(path, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    csv = convert(path, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)  # the first sheet
    rows = list(__import__("csv").reader(csv.read_text(encoding="utf-8").splitlines(keepends=True)))
    assert rows[7][:2] == ["Nom du traitement", "N° / RÉF"]
    assert rows[11][:4] == ["Vente et exécution des commandes", "orders", "17/08/2025", "17/08/2025"]


@pytest.mark.parametrize(("language", "sheet", "expected"), [
    ("fr", "Conformité", ("la catégorie de données personnelles 'internet' de l'activité 'audience-measurement' "
                          "n'a pas de durée de conservation")),
    ("en", "Compliance", "the personal data 'internet' of 'audience-measurement' have no retention"),
])
def test_the_compliance_sheet_speaks_the_workbooks_language(tmp_path: Path, persiance: Register, language: str,
                                                             sheet: str, expected: str) -> None:
    from ropa.rules.engine import run_rules

    findings = run_rules(persiance, as_of=AS_OF, label="persiance").findings
    path = tmp_path / "register.xlsx"
    write_workbook(build_view(persiance, findings, language=language, as_of=AS_OF), path, register=persiance,
                   fiches=False)
    cells = {cell for row in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True) for cell in row}
    assert expected in cells
