"""ROPA202-209: messages, severities, locations and the cases the examples cannot express."""

from __future__ import annotations

import textwrap
from datetime import date

from ropa.loading import load_text
from ropa.model.enums import LegalBasis
from ropa.model.register import Activity, Purpose, Register, SpecialData
from ropa.rules.config import Config
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding, Severity

AS_OF = date(2026, 11, 26)


def findings(text: str, rule: str, *, config: Config | None = None) -> list[Finding]:
    result = load_text(textwrap.dedent(text))
    assert not result.problems, [p.line() for p in result.problems]
    check = run_rules(result.register, as_of=AS_OF, config=config, label="register.yaml")
    return [f for f in check.findings if f.rule == rule]


LEGITIMATE = """\
    ropa: 1
    activities:
      - id: prospecting
        name: Prospection
        purposes:
          - description: Prospecter
            legal_basis: legitimate_interests
          - description: Détecter la fraude
            legal_basis: legitimate_interests
            legitimate_interest: Prévenir la fraude
    """


def test_missing_interest_is_an_error_and_missing_lia_a_warning() -> None:
    interest, lia = findings(LEGITIMATE, "ROPA202")
    assert (interest.severity, interest.location.line, interest.location.path) == (
        Severity.ERROR, 7, "$.activities[0].purposes[0].legal_basis")
    assert interest.message == ("the purpose 'Prospecter' of 'prospecting' rests on legitimate "
                                "interests but does not state the interest")
    assert (lia.severity, lia.location.line) == (Severity.WARNING, 10)
    assert lia.message == ("the purpose 'Détecter la fraude' of 'prospecting' rests on "
                           "legitimate interests without a reference to its balancing test (LIA)")
    assert lia.fix == ("add `lia:` with the reference or link of the legitimate interests "
                       "assessment")


def test_a_configured_severity_applies_to_both_findings() -> None:
    severities = {f.severity for f in findings(LEGITIMATE, "ROPA202", config=Config(severities={
        "ROPA202": Severity.ERROR}))}
    assert severities == {Severity.ERROR}


def model_findings(register: Register, rule: str) -> list[Finding]:
    return [f for f in run_rules(register, as_of=AS_OF).findings if f.rule == rule]


def test_purpose_without_description_is_named_by_position() -> None:
    # rules run on what parsed: an item the schema rejects for a missing key is still judged
    register = Register(activities=[Activity(id="newsletter", purposes=[
        Purpose(description="Envoyer", legal_basis=LegalBasis.CONTRACT),
        Purpose(legal_basis=LegalBasis.CONSENT)])])
    [finding] = model_findings(register, "ROPA203")
    assert finding.message == ("purpose #2 of 'newsletter' rests on consent but does not say "
                               "where consent is recorded")
    assert str(finding.location) == "register"  # no origin: the register as a whole


def test_legal_reference_message_names_the_basis() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: civil-status
            name: État civil
            purposes:
              - {description: Tenir les registres, legal_basis: public_task}
        """, "ROPA204")
    assert finding.message == ("the purpose 'Tenir les registres' of 'civil-status' rests on "
                               "public_task but names no law")
    assert finding.severity == Severity.WARNING


def test_unknown_public_authority_status_is_not_judged() -> None:
    assert findings("""\
        ropa: 1
        organisation: {name: Exemple}
        activities:
          - id: prospecting
            name: Prospection
            purposes:
              - description: Prospecter
                legal_basis: legitimate_interests
                legitimate_interest: Vendre
                lia: L-1
        """, "ROPA205") == []


def test_special_category_without_category_or_condition_is_named_by_position() -> None:
    register = Register(activities=[Activity(id="survey", special_categories=[
        SpecialData(description="Opinions exprimées")])])
    [finding] = model_findings(register, "ROPA206")
    assert finding.message == ("the special-category data '#1' of 'survey' have no Art. 9(2) "
                               "condition")


def test_automated_decision_message_says_what_is_missing() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: credit
            name: Crédit
            automated_decision:
              exists: true
              legal_effect: true
              safeguards: Revue humaine
        """, "ROPA208")
    assert finding.message == ("the activity 'credit' takes automated decisions with legal or "
                               "similar effects without an Art. 22(2) exception (`exception`)")
    assert finding.location.path == "$.activities[0].automated_decision.exception"


def test_automated_decision_with_unknown_effect_is_not_judged() -> None:
    assert findings("""\
        ropa: 1
        activities:
          - id: credit
            name: Crédit
            automated_decision: {exists: true}
        """, "ROPA208") == []


def _children(organisation: str, subject: str) -> str:
    return f"""\
        ropa: 1
        organisation: {organisation}
        activities:
          - id: game
            name: Jeu
            purposes:
              - {{description: Jouer, legal_basis: consent, consent_record: table optin}}
            data_subjects:
              - {subject}
        """


def test_child_consent_message_names_subject_age_and_country() -> None:
    org = "{name: Exemple, establishments: [FR]}"
    [finding] = findings(_children(org, "{category: users, min_age: 13}"), "ROPA209")
    assert finding.message == ("the data subjects 'users' of 'game' may be as young as 13 "
                               "(`min_age`), below the Art. 8 age of 15 in FR; the purpose 'Jouer' "
                               "rests on their consent and no `parental_consent` is given")
    assert finding.location.line == 9
    assert finding.location.path == "$.activities[0].data_subjects[0].min_age"
    assert finding.fix == ("add `parental_consent:` saying how a parent's consent is obtained for "
                           "users under 15, or set `min_age: 15` if younger users are refused")


def test_without_a_member_state_the_gdpr_default_of_16_applies() -> None:
    [finding] = findings(_children("{name: Exemple}", "{category: users, min_age: 15}"), "ROPA209")
    assert ("below the Art. 8 age of 16 by default (the organisation's member state is "
            "unknown)") in finding.message


def test_member_state_comes_from_the_first_establishment_before_the_address() -> None:
    org = "{name: Exemple, address: {country: FR}, establishments: [DE, FR]}"
    assert len(findings(_children(org, "{category: users, min_age: 15}"), "ROPA209")) == 1
    org = "{name: Exemple, address: {country: FR}, supervisory_authority: DE}"
    assert findings(_children(org, "{category: users, min_age: 15}"), "ROPA209") == []


def test_minors_false_with_a_young_min_age_still_fires() -> None:
    assert findings(_children("{name: Exemple, establishments: [FR]}",
                              "{category: users, minors: false, min_age: 14}"), "ROPA209")
