"""ROPA701-702: the register kept as a processor (Art. 30(2))."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ropa.loading import load
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding, Severity


def findings(tmp_path: Path, text: str, rule: str) -> list[Finding]:
    path = tmp_path / "register.yaml"
    path.write_text("ropa: 1\nprocessing_on_behalf:\n" + text, encoding="utf-8")
    result = load(path)
    assert not result.problems, [p.line() for p in result.problems]
    return [f for f in run_rules(result.register, as_of=date(2026, 11, 26)).findings if f.rule == rule]


def test_missing_contact_points_at_the_controller(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, "  - id: hosting\n    controller:\n      name: Client X\n"
                                   "    categories_of_processing: [hébergement]\n", "ROPA701")
    assert finding.severity is Severity.ERROR
    assert finding.subject == "processing_on_behalf:hosting"
    assert finding.message == ("the processing on behalf 'hosting' has no `controller.contact`: "
                               "Art. 30(2)(a) requires the name and contact details of the controller")
    assert finding.location.path == "$.processing_on_behalf[0].controller.contact"
    assert finding.message_fr == ("le traitement 'hosting' effectué pour le compte d'un client n'indique "
                                  "pas les coordonnées du client (`controller.contact`)\u00a0: "
                                  "l'art. 30(2)(a) exige le nom et les coordonnées du responsable du "
                                  "traitement")
    assert finding.fix_fr == ("ajouter `controller.contact` (l'adresse, le courriel ou le téléphone du "
                              "contact du client pour la protection des données)")


def test_missing_controller_asks_for_both(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, "  - id: hosting\n    categories_of_processing: [hébergement]\n", "ROPA701")
    assert "has no `controller.name` and `controller.contact`" in finding.message
    assert finding.fix == ("add `controller.name` (the client's name) and `controller.contact` (the address, "
                           "e-mail or phone of the client's data protection contact)")
    assert finding.message_fr == ("le traitement 'hosting' effectué pour le compte d'un client n'indique "
                                  "ni le nom du client (`controller.name`) ni les coordonnées du client "
                                  "(`controller.contact`)\u00a0: l'art. 30(2)(a) exige le nom et les "
                                  "coordonnées du responsable du traitement")
    assert finding.fix_fr == ("ajouter `controller.name` (le nom du client) et `controller.contact` "
                              "(l'adresse, le courriel ou le téléphone du contact du client pour la "
                              "protection des données)")


def test_complete_client_passes_both_rules(tmp_path: Path) -> None:
    text = ("  - id: hosting\n    controller: {name: Client X, contact: dpo@x.example}\n"
            "    categories_of_processing: [hébergement]\n")
    assert findings(tmp_path, text, "ROPA701") == []
    assert findings(tmp_path, text, "ROPA702") == []


def test_categories_missing_names_the_client(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, "  - id: hosting\n    controller: {name: Client X, contact: c}\n", "ROPA702")
    assert finding.message == ("the processing on behalf 'hosting' (for Client X) lists no "
                               "`categories_of_processing` (Art. 30(2)(b))")
    assert finding.message_fr == ("le traitement 'hosting' effectué pour le compte de Client X n'indique "
                                  "aucune catégorie de traitement (`categories_of_processing`, "
                                  "art. 30(2)(b))")
    assert finding.fix_fr == ("ajouter `categories_of_processing:` avec chaque type d'opération effectuée "
                              "pour le client (hébergement, sauvegarde, assistance, etc.)")


def test_categories_missing_for_a_client_without_a_name_in_both_languages(tmp_path: Path) -> None:
    [anonymous] = findings(tmp_path, "  - id: hosting\n    controller: {contact: c}\n", "ROPA702")
    assert anonymous.message == ("the processing on behalf 'hosting' lists no "
                                 "`categories_of_processing` (Art. 30(2)(b))")
    assert anonymous.message_fr == ("le traitement 'hosting' effectué pour le compte d'un client "
                                    "n'indique aucune catégorie de traitement "
                                    "(`categories_of_processing`, art. 30(2)(b))")
