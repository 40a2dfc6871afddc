"""Importing a filled copy of the CNIL's real register model (its .ods, filled here cell by
cell; and the same saved as .xlsx by LibreOffice where LibreOffice is installed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa.importing import SpreadsheetError, import_workbook
from ropa.loading import load
from ropa.model import enums as E
from ropa.model.register import Address, Contact, Register, Retention
from ropa.rules.engine import run_rules
from ropa.writer import write_register
from tests.unit.importing.cnil_model import BLANK, LIST, convert, fill, model

HEALTH_ROW = "B39"
FILLED = {
    LIST: {
        "C1": "DUPONT", "E1": "Louise", "G1": "12 rue des Lilas", "I1": "louise.dupont@boulangerie.example",
        "C2": "69001", "E2": "Lyon", "G2": "04 00 00 00 00",
        "C5": "MARTIN", "E5": "Paul", "G5": "DPO Conseil SARL", "I5": "3 place Bellecour",
        "C6": "69002", "E6": "Lyon", "G6": "04 11 11 11 11", "I6": "dpo@dpo-conseil.example",
        "A10": "Paie des salariés", "B10": "T-01", "C10": "15/01/2024", "D10": "02/09/2025",
        "E10": "Gestion de la paie", "H10": "Oui",
        "A11": "Fichier clients", "B11": "T-02", "E11": "Fidélité", "H11": "Non",
        "A12": "Vidéosurveillance", "B12": "T-03", "C12": "01/03/2022", "E12": "Sécurité des locaux", "H12": "Non",
    },
    BLANK: {
        "B4": "Paie des salariés", "B5": "T-01", "B6": "15/01/2024", "B7": "02/09/2025",
        "B10": "Boulangerie Exemple SARL", "C10": "12 rue des Lilas", "D10": "69001", "E10": "Lyon",
        "F10": "France", "G10": "04 00 00 00 00", "H10": "contact@boulangerie.example",
        "B11": "Paul MARTIN", "H11": "dpo@dpo-conseil.example", "B12": "DPO Conseil SARL",
        "B17": "Gestion de la paie", "B18": "Calcul des rémunérations", "B19": "Déclarations sociales",
        "B25": "Nom, prénom, adresse", "E25": "5 ans à compter du versement de la paie",
        "B27": "RIB, salaire", "E27": "5 ans à compter du versement de la paie",
        "B30": "NIR des salariés", "E30": "5 ans à compter du versement de la paie",
        HEALTH_ROW: "Arrêts de travail (sans le motif)", "E39": "jusqu'à la fin du contrat de travail",
        "B44": "Salariés", "E44": "CDI et CDD",
        "B48": "Service interne qui traite les données", "E48": "Service comptabilité",
        "B49": "Sous-traitants", "E49": "Cabinet Paie Plus",
        "B50": "Destinataires dans des pays tiers ou organisations internationales", "E50": "Banque Andorrane",
        "B54": "Sauvegarde des données", "E54": "Sauvegarde chiffrée hebdomadaire",
        "B55": "Contrôle d'accès des utilisateurs", "E55": "Mot de passe individuel",
        "B59": "Banque Andorrane", "C59": "Andorre", "D59": "Clauses contractuelles types (CCT)",
        "F59": "Contrat du 23/01/2018",
        "J20": "À revoir avec le comptable",
    },
    "Clients": {
        "B4": "Fichier clients", "B5": "T-02", "B6": "01/03/2023",
        "B10": "Boulangerie Exemple SARL", "H10": "contact@boulangerie.example",
        "B17": "Gestion des commandes et de la fidélité",
        "B25": "Nom, prénom, téléphone", "E25": "3 ans après le dernier achat",
        "B26": "Habitudes d'achat", "E26": "jusqu'à la suppression du compte",
        "B27": "Montant des achats", "E27": "variable selon les cas",
        "B28": "Adresse IP", "E28": "13 mois",
        "B44": "Clients", "B45": "Membres du club fidélité",
        "B48": "Partenaires institutionnels ou commerciaux", "E48": "Programme de fidélité régional",
        "B54": "Chiffrement des données", "E54": "Base chiffrée",
        "B55": "Sauvegarde des données", "E55": "Sauvegarde chiffrée hebdomadaire",
        "B59": "Hébergeur Cloud Inc.", "C59": "Etats-Unis", "D59": "Pays adéquat", "F59": "https://dpf.example",
        "B60": "Agence Marketing", "C60": "Atlantide", "D60": "Contrat",
    },
}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill(tmp_path_factory.mktemp("cnil") / "registre.ods", FILLED, copies={"Clients": BLANK})


@pytest.fixture(scope="module")
def imported(filled: Path) -> Register:
    return import_workbook(filled).register


def _activity(register: Register, ref: str):  # type: ignore[no-untyped-def]
    return next(a for a in register.activities if a.ref == ref)


def test_every_fiche_and_the_list_are_read_and_the_model_own_sheets_skipped(filled: Path) -> None:
    result = import_workbook(filled)
    assert [(a.id, a.ref, a.name) for a in result.register.activities] == [
        ("t-01", "T-01", "Paie des salariés"), ("t-02", "T-02", "Fichier clients"),
        ("t-03", "T-03", "Vidéosurveillance")]
    assert result.report.sheets == [
        ("Tutoriel", "skipped: the model's tutorial"),
        (LIST, "list of activities and identity blocks"),
        (BLANK, "fiche"), ("Clients", "fiche"),
        ("4_-_Exemple_de_fiche", "skipped: the model's worked example"),
        ("5_-_Listes", "skipped: the model's lists of values"),
    ]


def test_the_organisation_is_the_controller_the_fiches_name(imported: Register) -> None:
    org = imported.organisation
    assert org.name == "Boulangerie Exemple SARL"
    assert org.address == Address(street="12 rue des Lilas", postcode="69001", city="Lyon", country="FR")
    assert org.email == "contact@boulangerie.example"
    assert org.notes == "Responsable de l'organisme (liste des traitements) : Louise DUPONT"
    assert org.dpo == Contact(name="Paul MARTIN", company="DPO Conseil SARL", email="dpo@dpo-conseil.example",
                              phone="04 11 11 11 11",
                              address=Address(street="3 place Bellecour", postcode="69002", city="Lyon"))


def test_payroll_fiche(imported: Register) -> None:
    paie = _activity(imported, "T-01")
    assert (paie.created, paie.updated) == (date(2024, 1, 15), date(2025, 9, 2))
    assert [p.description for p in paie.purposes] == ["Gestion de la paie", "Calcul des rémunérations",
                                                      "Déclarations sociales"]
    assert [(d.category, d.description) for d in paie.personal_data] == [
        (E.DataCategory.IDENTIFICATION, "Nom, prénom, adresse"), (E.DataCategory.FINANCIAL, "RIB, salaire"),
        (E.DataCategory.NATIONAL_ID, "NIR des salariés")]
    assert paie.personal_data[0].retention == Retention(duration="P5Y", start="versement de la paie")
    assert [(s.category, s.description, s.retention) for s in paie.special_categories] == [
        (E.SpecialCategory.HEALTH, "Arrêts de travail (sans le motif)",
         Retention(criteria="jusqu'à la fin du contrat de travail"))]
    assert [(s.category, s.description) for s in paie.data_subjects] == [(E.SubjectCategory.EMPLOYEES, "CDI et CDD")]
    recipients = [(r.type, r.name, r.processor, r.country, r.description) for r in paie.recipients]
    assert recipients == [
        (E.RecipientType.INTERNAL, "Service comptabilité", None, None, None),
        (E.RecipientType.PROCESSOR, None, "cabinet-paie-plus", None, None),
        (E.RecipientType.THIRD_PARTY, "Banque Andorrane", None, "AD",
         "Destinataires dans des pays tiers ou organisations internationales")]
    assert [(t.recipient, t.country, t.mechanism, t.documentation) for t in paie.transfers] == [
        ("Banque Andorrane", "AD", E.Mechanism.SCC, "Contrat du 23/01/2018")]
    assert paie.notes == f"Not mapped from the spreadsheet:\n{BLANK}!J20: À revoir avec le comptable"


def test_clients_fiche_retentions_keep_the_unit_written(imported: Register) -> None:
    clients = _activity(imported, "T-02")
    assert [d.retention for d in clients.personal_data] == [
        Retention(duration="P3Y", start="dernier achat"),
        Retention(criteria="jusqu'à la suppression du compte"),
        Retention(criteria="variable selon les cas"),
        Retention(duration="P13M"),
    ]
    assert [(s.category, s.description) for s in clients.data_subjects] == [
        (E.SubjectCategory.CUSTOMERS, None), (E.SubjectCategory.OTHER, "Membres du club fidélité")]
    assert [(t.recipient, t.country, t.mechanism) for t in clients.transfers] == [
        ("Hébergeur Cloud Inc.", "US", E.Mechanism.ADEQUACY), ("Agence Marketing", None, None)]
    assert clients.notes == "Not mapped from the spreadsheet:\nClients!C60: Atlantide\nClients!D60: Contrat"


def test_security_measures_become_one_shared_catalogue(imported: Register) -> None:
    assert [(m.id, m.category, m.name, m.description) for m in imported.security_measures] == [
        ("sauvegarde-chiffree-hebdomadaire", E.MeasureCategory.BACKUP, "Sauvegarde des données",
         "Sauvegarde chiffrée hebdomadaire"),
        ("mot-de-passe-individuel", E.MeasureCategory.ACCESS_CONTROL, "Contrôle d'accès des utilisateurs",
         "Mot de passe individuel"),
        ("base-chiffree", E.MeasureCategory.ENCRYPTION, "Chiffrement des données", "Base chiffrée"),
    ]
    assert _activity(imported, "T-02").security_measures == ["base-chiffree", "sauvegarde-chiffree-hebdomadaire"]
    assert [(p.id, p.name) for p in imported.processors] == [("cabinet-paie-plus", "Cabinet Paie Plus")]


def test_a_list_row_without_fiche_keeps_the_list_columns(imported: Register) -> None:
    video = _activity(imported, "T-03")
    assert (video.name, video.created, [p.description for p in video.purposes]) == (
        "Vidéosurveillance", date(2022, 3, 1), ["Sécurité des locaux"])


def test_the_report_lists_what_could_not_be_mapped(filled: Path) -> None:
    report = import_workbook(filled).report
    assert [(e.sheet, e.cell, e.value, e.why, e.kept) for e in report.entries] == [
        (LIST, "C1", "Louise DUPONT", "the person in charge of the organisation, not the organisation",
         "the organisation's notes"),
        (BLANK, "J20", "À revoir avec le comptable", "not in a place the CNIL fiche defines", "the activity's notes"),
        ("Clients", "E27", "variable selon les cas", "no duration could be read; kept as the retention's criteria", ""),
        ("Clients", "B45", "Membres du club fidélité", ("not one of the model's categories of persons; imported as "
         "'other' with the text as description"), ""),
        ("Clients", "C60", "Atlantide", "not a country ropa knows (ISO 3166-1)", "the activity's notes"),
        ("Clients", "D60", "Contrat", "not a transfer mechanism ropa knows", "the activity's notes"),
        (LIST, "A12", "Vidéosurveillance", "has no fiche: only the list's columns were imported", ""),
    ]
    markdown = report.markdown()
    assert "| Clients | C60 | Atlantide | not a country ropa knows (ISO 3166-1) | the activity's notes |" in markdown
    assert "legal bases" in markdown


def test_the_result_is_a_valid_register_that_check_finds_incomplete(imported: Register, tmp_path: Path) -> None:
    write_register(imported, tmp_path / "register")
    loaded = load(tmp_path / "register")
    assert loaded.problems == []
    assert loaded.register == imported
    checked = run_rules(loaded.register, as_of=date(2026, 11, 26), load_problems=[], label="register")
    missing_basis = [f for f in checked.findings if f.rule == "ROPA201"]
    assert {f.subject for f in missing_basis} >= {"activity:t-01", "activity:t-02"}


def test_the_same_model_saved_as_xlsx_by_libreoffice_gives_the_same_register(
        filled: Path, imported: Register, tmp_path: Path) -> None:
    xlsx = convert(filled, "xlsx", tmp_path)
    assert import_workbook(xlsx).register == imported


def test_the_unfilled_model_has_nothing_to_import() -> None:
    with pytest.raises(SpreadsheetError, match="holds no activity \\(only the model's blank fiche and its example\\)"):
        import_workbook(model())


def test_every_country_of_the_model_list_maps_to_an_iso_code() -> None:
    from python_calamine import CalamineWorkbook

    from ropa.importing.vocab import country

    rows = CalamineWorkbook.from_path(str(model())).get_sheet_by_name("5_-_Listes").to_python()
    names = [row[2] for row in rows[2:] if len(row) > 2 and row[2]]
    assert len(names) == 175
    unknown = [name for name in names if country(name) is None]
    assert unknown == ["Kosovo"]  # no ISO 3166-1 code: reported, kept in the notes
    assert (country("Etats-Unis"), country("Iles FEROE"), country("Rép. dém. du Congo"), country("Andorre")) == (
        "US", "FO", "CD", "AD")
