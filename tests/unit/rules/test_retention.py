"""ROPA301-303: messages, locations and the cases the examples cannot express."""

from __future__ import annotations

import textwrap
from datetime import date

from ropa.loading import load_text
from ropa.model.register import Activity, PersonalData, Register
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding, Severity

AS_OF = date(2026, 11, 26)


def findings(text: str, rule: str) -> list[Finding]:
    result = load_text(textwrap.dedent(text))
    assert not result.problems, [p.line() for p in result.problems]
    check = run_rules(result.register, as_of=AS_OF, label="register.yaml")
    return [f for f in check.findings if f.rule == rule]


def one_item(kind: str, data: str, rule: str) -> list[Finding]:
    """The findings of ``rule`` on an activity of ``kind`` with one personal data item."""
    return findings(f"""\
        ropa: 1
        activities:
          - id: act
            name: Traitement
            kind: {kind}
            personal_data:
              - {data}
        """, rule)


def kept(kind: str, category: str, duration: str) -> list[Finding]:
    """The ROPA303 findings on data of ``category`` kept ``duration`` by an activity of ``kind``."""
    return one_item(kind, f"{{category: {category}, retention: {{duration: {duration}}}}}",
                    "ROPA303")


def test_missing_retention_points_at_the_data_item() -> None:
    [finding] = one_item("other", "{category: identification, items: [nom]}", "ROPA301")
    assert finding.message == "the personal data 'identification' of 'act' have no retention"
    assert finding.location.line == 7
    assert finding.location.path == "$.activities[0].personal_data[0].retention"
    assert finding.severity == Severity.ERROR
    assert finding.message_fr == ("la catégorie de données personnelles 'identification' de l'activité 'act' "
                                  "n'a pas de durée de conservation")
    assert finding.fix_fr == ("ajouter `retention:` avec `duration:` (par exemple P3Y) et `start:`, ou "
                              "`criteria:` quand la durée dépend d'un événement")


def test_a_retention_saying_nothing_is_missing_too() -> None:
    data = "{category: other, retention: {start: collecte, indefinite: false}}"
    [finding] = one_item("other", data, "ROPA301")
    assert finding.message == ("the personal data 'other' of 'act' have a retention with no "
                               "`duration`, `criteria` or `indefinite: true`")
    assert finding.location.path == "$.activities[0].personal_data[0].retention"


def test_an_item_without_category_is_named_by_its_description() -> None:
    item = PersonalData(description="Notes libres")
    register = Register(activities=[Activity(id="act", personal_data=[item])])
    [finding] = [f for f in run_rules(register, as_of=AS_OF).findings if f.rule == "ROPA301"]
    assert finding.message == "the personal data 'Notes libres' of 'act' have no retention"


def test_items_sharing_a_category_are_told_apart_by_position() -> None:
    result = findings("""\
        ropa: 1
        activities:
          - id: act
            name: Traitement
            personal_data:
              - {category: identification, retention: {duration: P1Y}}
              - {category: identification}
        """, "ROPA301")
    assert [f.message for f in result] == [
        "the personal data 'identification' (#2) of 'act' have no retention"]


def test_indefinite_points_at_the_key() -> None:
    data = "{category: identification, retention: {indefinite: true}}"
    [finding] = one_item("other", data, "ROPA302")
    assert finding.message == ("the personal data 'identification' of 'act' are kept without "
                               "time limit")
    assert finding.location.path == "$.activities[0].personal_data[0].retention.indefinite"
    assert finding.message_fr == ("la catégorie de données personnelles 'identification' de l'activité "
                                  "'act' est conservée sans limite de durée")
    assert finding.fix_fr == ("remplacer `indefinite: true` par une durée `duration:` (ou `criteria:`) et "
                              "`then:`\u00a0; si la conservation sans limite est licite (archivage, "
                              "art. 89), accepter le constat par une entrée `suppress` qui donne ce "
                              "motif")


def test_beyond_reference_cites_the_reference_text_and_source() -> None:
    [finding] = kept("recruitment", "identification", "P25M")
    assert finding.message == (
        "the personal data 'identification' of 'act' are kept P25M, longer than the CNIL "
        "reference of P2Y for recruitment: \"Candidats non retenus : 2 ans au plus après le "
        "dernier contact, le candidat en étant informé et pouvant s'y opposer ou demander la "
        "suppression de ses données.\" (CNIL, durées de conservation (recrutement))")
    assert finding.location.path == "$.activities[0].personal_data[0].retention.duration"
    assert finding.fix == ("shorten `duration:` to P2Y at most, or write why a longer period is "
                           "needed in `justification:` (e.g. the law that requires it)")
    assert finding.message_fr == (
        "la catégorie de données personnelles 'identification' de l'activité 'act' est conservée P25M, "
        "plus longtemps que la durée de référence de la CNIL pour recruitment (P2Y)\u00a0: «\u00a0Candidats non retenus : 2 ans au plus "
        "après le dernier contact, le candidat en étant informé et pouvant s'y opposer ou demander la "
        "suppression de ses données.\u00a0» (CNIL, durées de conservation (recrutement))")
    assert finding.fix_fr == ("ramener `duration:` à P2Y au plus, ou écrire dans `justification:` pourquoi "
                              "une durée plus longue est nécessaire (par exemple la loi qui l'impose)")


def test_beyond_reference_says_what_a_justification_admits() -> None:
    [finding] = kept("security_logs", "connection", "P2Y")
    assert ("longer than the CNIL reference of P12M for security_logs "
            "(up to P3Y when justified)") in finding.message
    assert ("plus longtemps que la durée de référence de la CNIL pour security_logs "
            "(P12M, jusqu'à P3Y si c'est justifié)") in (finding.message_fr or "")


def test_months_and_years_compare_by_length() -> None:
    assert kept("security_logs", "connection", "P13M")
    assert kept("recruitment", "identification", "P24M") == []


def test_cookie_lifetimes_are_not_retention_references() -> None:
    # audience measurement: trackers live 13 months at most, the data they collect 25 months
    assert kept("audience_measurement", "internet", "P24M") == []
    assert kept("audience_measurement", "internet", "P26M")


def test_a_reference_that_is_not_a_fixed_figure_is_never_enforced() -> None:
    # staff management: the staff register's 5 years sit beside "the duration of employment"
    assert kept("staff_management", "professional_life", "P40Y") == []


def test_a_retention_with_only_a_start_in_french() -> None:
    [empty] = one_item("other", "{category: other, retention: {start: collecte}}", "ROPA301")
    assert empty.message_fr == ("la catégorie de données personnelles 'other' de l'activité 'act' a un "
                                "`retention` sans `duration`, `criteria` ni `indefinite: true`")


def test_a_shared_category_is_numbered_in_french() -> None:
    first, second = findings("""\
        ropa: 1
        activities:
          - id: act
            name: Traitement
            personal_data:
              - {category: identification, items: [nom]}
              - {category: identification, items: [e-mail]}
        """, "ROPA301")
    assert first.message == "the personal data 'identification' (#1) of 'act' have no retention"
    assert second.message_fr == ("la catégorie de données personnelles 'identification' (n°\u00a02) de "
                                 "l'activité 'act' n'a pas de durée de conservation")
