"""ROPA501-504: processors' contracts and use, as a user sees the findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ropa.loading import load
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding, Severity

AS_OF = date(2026, 11, 26)

USED_TWICE = """\
processors:
  - id: mailer
    name: Mailer SAS
activities:
  - id: newsletter
    name: Newsletter
    recipients: [{type: processor, processor: mailer}]
  - id: invoices
    name: Factures
    recipients: [{type: processor, processor: mailer}, {type: processor, processor: mailer}]
"""


def findings(tmp_path: Path, text: str, rule: str, as_of: date = AS_OF) -> list[Finding]:
    path = tmp_path / "register.yaml"
    path.write_text("ropa: 1\n" + text, encoding="utf-8")
    result = load(path)
    assert not result.problems, [p.line() for p in result.problems]
    return [f for f in run_rules(result.register, as_of=as_of, label="register.yaml").findings
            if f.rule == rule]


def test_contract_missing_names_every_activity_once(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, USED_TWICE, "ROPA501")
    assert finding.severity is Severity.ERROR
    assert finding.subject == "processor:mailer"
    assert finding.message == ("processor 'mailer' (Mailer SAS) is used by activity 'newsletter', activity "
                               "'invoices' but has no `dpa`: nothing shows an Art. 28(3) contract was "
                               "concluded")
    assert finding.location.line == 3
    assert finding.message_fr == ("le sous-traitant 'mailer' (Mailer SAS) est utilisé par les activités "
                                  "'newsletter' et 'invoices' mais n'a pas de `dpa`\u00a0: rien ne "
                                  "montre qu'un contrat de sous-traitance (art. 28(3)) a été conclu")
    assert finding.fix_fr == ("signer le contrat de sous-traitance (DPA) du sous-traitant et écrire "
                              "`dpa: {signed: YYYY-MM-DD, reference: \"...\"}`")
    assert finding.message_in("fr") == finding.message_fr


def test_a_signed_dpa_is_enough(tmp_path: Path) -> None:
    text = USED_TWICE.replace("    name: Mailer SAS\n", "    name: Mailer SAS\n    dpa: {signed: 2025-01-01}\n")
    assert findings(tmp_path, text, "ROPA501") == []


def test_dpa_without_signature_points_at_the_dpa(tmp_path: Path) -> None:
    text = USED_TWICE.replace("    name: Mailer SAS\n", "    name: Mailer SAS\n    dpa: {reference: CGV}\n")
    [finding] = findings(tmp_path, text, "ROPA501")
    assert "has a `dpa` with no `signed` date" in finding.message
    assert finding.location.path == "$.processors[0].dpa.signed"


def test_contract_expiry_is_judged_at_the_as_of_date(tmp_path: Path) -> None:
    text = "processors:\n  - id: mailer\n    name: Mailer SAS\n    dpa: {signed: 2024-01-01, expires: 2026-11-26}\n"
    assert findings(tmp_path, text, "ROPA502") == []
    [finding] = findings(tmp_path, text, "ROPA502", as_of=date(2026, 11, 27))
    assert finding.message == "the contract (DPA) of processor 'mailer' (Mailer SAS) expired on 2026-11-26"
    assert finding.location.path == "$.processors[0].dpa.expires"
    assert finding.message_fr == ("le contrat de sous-traitance (DPA) du sous-traitant 'mailer' (Mailer SAS) "
                                  "a expiré le 2026-11-26")
    assert finding.fix_fr == ("renouveler le contrat et mettre à jour `dpa` (`signed`, `reference`, "
                              "`expires`), ou cesser de recourir à ce sous-traitant")


def test_sub_processor_known_by_name_is_a_warning_on_its_item(tmp_path: Path) -> None:
    text = ("processors:\n  - id: mailer\n    name: Mailer SAS\n    sub_processors:\n"
            "      - {name: Relay GmbH, country: DE}\n")
    [finding] = findings(tmp_path, text, "ROPA503")
    assert finding.severity is Severity.WARNING
    assert finding.location.path == "$.processors[0].sub_processors[0]"
    assert finding.message == ("the sub-processor 'Relay GmbH' of processor 'mailer' is known only by name: "
                               "its location and contract are not described")


def test_unused_processor_is_info_and_sub_processor_use_counts(tmp_path: Path) -> None:
    text = ("processors:\n  - id: mailer\n    name: Mailer SAS\n    sub_processors: [relay]\n"
            "  - id: relay\n    name: Relay GmbH\n")
    [finding] = findings(tmp_path, text, "ROPA504")
    assert finding.severity is Severity.INFO
    assert finding.subject == "processor:mailer"


def test_contract_unsigned_used_on_behalf_of_a_client_in_french(tmp_path: Path) -> None:
    text = ("processors:\n  - id: hosting\n    name: Hébergeur SAS\n    dpa: {reference: CGV}\n"
            "processing_on_behalf:\n  - id: client-work\n    controller: {name: Client SA}\n"
            "    sub_processors: [hosting]\n")
    [finding] = findings(tmp_path, text, "ROPA501")
    assert finding.message == ("processor 'hosting' (Hébergeur SAS) is used by processing on behalf "
                               "'client-work' but has a `dpa` with no `signed` date: nothing shows an "
                               "Art. 28(3) contract was concluded")
    assert finding.message_fr == ("le sous-traitant 'hosting' (Hébergeur SAS) est utilisé par le traitement "
                                  "'client-work' effectué pour le compte d'un client mais a un `dpa` sans date "
                                  "`signed`\u00a0: rien ne montre qu'un contrat de sous-traitance "
                                  "(art. 28(3)) a été conclu")


def test_sub_processor_unknown_in_french_for_a_processor_and_a_processing_on_behalf(tmp_path: Path) -> None:
    text = ("processors:\n  - id: mailer\n    name: Mailer SAS\n    sub_processors:\n"
            "      - {name: Relay GmbH, country: DE}\n"
            "processing_on_behalf:\n  - id: client-work\n    controller: {name: Client SA}\n"
            "    sub_processors:\n      - {name: Mapsnap}\n")
    of_processor, of_client_work = findings(tmp_path, text, "ROPA503")
    assert of_processor.message_fr == ("le sous-traitant ultérieur 'Relay GmbH' du sous-traitant 'mailer' "
                                       "n'est connu que par son nom\u00a0: sa localisation et son contrat "
                                       "ne sont pas décrits")
    assert of_processor.fix_fr == ("décrire 'Relay GmbH' sous `processors` (`country`, `locations`, `dpa`, "
                                   "`transfers`), puis le désigner par son identifiant dans "
                                   "`sub_processors`")
    assert of_client_work.message_fr == ("le sous-traitant ultérieur 'Mapsnap' du traitement 'client-work' "
                                         "effectué pour le compte d'un client n'est connu que par son nom\u00a0: sa "
                                         "localisation et son contrat ne sont pas décrits")


def test_unused_processor_in_french(tmp_path: Path) -> None:
    text = "processors:\n  - id: old-mailer\n    name: Old Mailer SAS\n"
    [finding] = findings(tmp_path, text, "ROPA504")
    assert finding.message_fr == ("le sous-traitant 'old-mailer' (Old Mailer SAS) est décrit mais aucune "
                                  "activité, aucun traitement effectué pour le compte d'un client ni aucun "
                                  "sous-traitant ne l'utilise")
    assert finding.fix_fr == ("ajouter `{type: processor, processor: old-mailer}` aux destinataires "
                              "(`recipients`) des activités qui l'utilisent, ou le supprimer du registre")


def test_contract_missing_in_french_groups_the_users_by_kind(tmp_path: Path) -> None:
    text = ("processors:\n  - id: hosting\n    name: Hébergeur SAS\n"
            "activities:\n  - id: site\n    name: Site\n    recipients: [{type: processor, processor: hosting}]\n"
            "processing_on_behalf:\n"
            "  - id: client-a\n    controller: {name: Client A}\n    sub_processors: [hosting]\n"
            "  - id: client-b\n    controller: {name: Client B}\n    sub_processors: [hosting]\n")
    [finding] = findings(tmp_path, text, "ROPA501")
    assert finding.message_fr == ("le sous-traitant 'hosting' (Hébergeur SAS) est utilisé par l'activité "
                                  "'site' et par les traitements 'client-a' et 'client-b' effectués pour le "
                                  "compte de clients mais n'a pas de `dpa`\u00a0: rien ne montre qu'un contrat "
                                  "de sous-traitance (art. 28(3)) a été conclu")
