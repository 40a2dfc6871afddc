"""ROPA202-209: messages, severities, locations and the cases the examples cannot express."""

from __future__ import annotations

import textwrap
from datetime import date

from ropa.loading import load_text
from ropa.model.enums import LegalBasis
from ropa.model.register import Activity, DataSubject, Purpose, Register, SpecialData
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
    assert interest.message_fr == ("la finalité 'Prospecter' de l'activité 'prospecting' repose sur "
                                   "l'intérêt légitime mais ne précise pas l'intérêt poursuivi")
    assert interest.fix_fr == ("ajouter `legitimate_interest:` avec l'intérêt poursuivi, et `lia:` "
                               "avec la référence de la mise en balance des intérêts")
    # the warning is a copy (dataclasses.replace): it keeps its French
    assert lia.message_fr == ("la finalité 'Détecter la fraude' de l'activité 'prospecting' repose "
                              "sur l'intérêt légitime sans indiquer la référence de la mise en "
                              "balance des intérêts (LIA)")
    assert lia.fix_fr == ("ajouter `lia:` avec la référence ou le lien de la mise en balance des "
                          "intérêts")
    assert lia.message_in("fr") == lia.message_fr and lia.fix_in("fr") == lia.fix_fr


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
    assert finding.message_fr == ("la finalité 'Tenir les registres' de l'activité 'civil-status' "
                                  "repose sur public_task mais ne cite aucun texte de loi")
    assert finding.fix_fr == ("ajouter `legal_reference:` avec le texte qui établit l'obligation "
                              "ou la mission (par exemple «\u00a0Code de commerce, art. "
                              "L123-22\u00a0»)")


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
    assert finding.message_fr == ("la catégorie particulière de données n°\u00a01 de l'activité "
                                  "'survey' n'a pas de condition de l'art. 9(2)")


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
    assert finding.message_fr == ("les personnes concernées 'users' de l'activité 'game' peuvent "
                                  "n'avoir que 13 ans (`min_age`), alors que la majorité numérique "
                                  "(art. 8) est fixée à 15 ans dans l'État membre de l'organisme "
                                  "(France)\u00a0; la finalité 'Jouer' repose sur leur consentement "
                                  "et aucun `parental_consent` n'est indiqué")
    assert finding.fix_fr == ("ajouter `parental_consent:` indiquant comment le consentement d'un "
                              "parent est obtenu pour les utilisateurs de moins de 15 ans, ou "
                              "fixer `min_age: 15` si les utilisateurs plus jeunes sont refusés")


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


# --- the messages and fixes in French ---------------------------------------------------------


def test_legal_basis_missing_in_french() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: newsletter
            name: Newsletter
            purposes:
              - description: Envoyer
        """, "ROPA201")
    assert finding.message_fr == "la finalité 'Envoyer' de l'activité 'newsletter' n'a pas de base légale"
    assert finding.fix_fr == ("ajouter `legal_basis:` (consent, contract, legal_obligation, "
                              "vital_interests, public_task ou legitimate_interests)")


def test_consent_record_missing_in_french() -> None:
    register = Register(activities=[Activity(id="newsletter", purposes=[
        Purpose(description="Envoyer", legal_basis=LegalBasis.CONSENT),
        Purpose(legal_basis=LegalBasis.CONSENT)])])
    result = model_findings(register, "ROPA203")
    assert sorted(f.message_fr or "" for f in result) == [
        ("la finalité 'Envoyer' de l'activité 'newsletter' repose sur le consentement mais "
         "n'indique pas où il est enregistré"),
        ("la finalité n°\u00a02 de l'activité 'newsletter' repose sur le consentement mais "
         "n'indique pas où il est enregistré")]
    assert {f.fix_fr for f in result} == {("ajouter `consent_record:` indiquant où chaque "
                                           "consentement est enregistré (système, date, texte "
                                           "affiché)")}


def test_public_authority_legitimate_interest_in_french() -> None:
    [finding] = findings("""\
        ropa: 1
        organisation: {name: Ville d'Exemple, public_authority: true}
        activities:
          - id: news
            name: Lettre d'information
            purposes:
              - description: Informer les habitants
                legal_basis: legitimate_interests
                legitimate_interest: Informer
                lia: LIA-1
        """, "ROPA205")
    assert finding.message_fr == ("la finalité 'Informer les habitants' de l'activité 'news' repose "
                                  "sur l'intérêt légitime, qu'une autorité publique ne peut pas "
                                  "invoquer dans l'exécution de ses missions (art. 6(1), dernier "
                                  "alinéa)")
    assert finding.fix_fr == ("utiliser `legal_basis: public_task` ou `legal_obligation` avec sa "
                              "référence `legal_reference:`")


def test_special_category_condition_missing_in_french() -> None:
    [named] = findings("""\
        ropa: 1
        activities:
          - id: wellbeing
            name: Bien-être
            special_categories:
              - category: health
        """, "ROPA206")
    assert named.message_fr == ("la catégorie particulière de données 'health' de l'activité "
                                "'wellbeing' n'a pas de condition de l'art. 9(2)")
    assert named.fix_fr == ("ajouter `condition:` avec la condition de l'art. 9(2) (par exemple "
                            "explicit_consent, employment, health_care)")


def test_criminal_data_basis_missing_in_french() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: hiring
            name: Recrutement
            special_categories:
              - category: criminal_offences
        """, "ROPA207")
    assert finding.message_fr == ("les données d'infraction de l'activité 'hiring' ne citent aucun "
                                  "texte qui en autorise le traitement (art. 10)")
    assert finding.fix_fr == ("ajouter `legal_reference:` avec le texte qui autorise le "
                              "traitement de ces données")


def _decision(extra: str) -> list[Finding]:
    return findings(f"""\
        ropa: 1
        activities:
          - id: credit
            name: Crédit
            automated_decision: {{exists: true, legal_effect: true{extra}}}
        """, "ROPA208")


def test_automated_decision_in_french_says_what_is_missing() -> None:
    start = ("l'activité 'credit' prend des décisions automatisées produisant des effets "
             "juridiques ou affectant les personnes de manière significative de façon similaire, "
             "sans ")
    [both] = _decision("")
    assert both.message_fr == (start + "exception de l'art. 22(2) (`exception`) et sans "
                               "garanties (`safeguards`)")
    assert both.message == ("the activity 'credit' takes automated decisions with legal or "
                            "similar effects without an Art. 22(2) exception (`exception`) and "
                            "without safeguards (`safeguards`)")
    [exception] = _decision(", safeguards: Revue humaine")
    assert exception.message_fr == start + "exception de l'art. 22(2) (`exception`)"
    [safeguards] = _decision(", exception: explicit_consent")
    assert safeguards.message_fr == start + "garanties (`safeguards`)"
    assert safeguards.fix_fr == ("ajouter `exception:` (contract, law ou explicit_consent) et "
                                 "`safeguards:` (intervention humaine, droit d'exprimer son point "
                                 "de vue et de contester la décision)")


def test_child_consent_in_french_for_minors_of_any_age_and_an_unknown_member_state() -> None:
    [finding] = findings(_children("{name: Exemple}", "{category: users, minors: true}"), "ROPA209")
    assert finding.message_fr == ("les personnes concernées 'users' de l'activité 'game' peuvent "
                                  "être des mineurs de tout âge (`minors: true`, sans `min_age`), "
                                  "alors que la majorité numérique (art. 8) est fixée à 16 ans par "
                                  "défaut (l'État membre de l'organisme est inconnu)\u00a0; la "
                                  "finalité 'Jouer' repose sur leur consentement et aucun "
                                  "`parental_consent` n'est indiqué")


def test_child_consent_in_french_for_a_purpose_without_description() -> None:
    register = Register(activities=[Activity(
        id="game", purposes=[Purpose(legal_basis=LegalBasis.CONSENT, consent_record="optin")],
        data_subjects=[DataSubject(min_age=12)])])
    [finding] = model_findings(register, "ROPA209")
    assert finding.message_fr == ("les personnes concernées n°\u00a01 de l'activité 'game' peuvent "
                                  "n'avoir que 12 ans (`min_age`), alors que la majorité numérique "
                                  "(art. 8) est fixée à 16 ans par défaut (l'État membre de "
                                  "l'organisme est inconnu)\u00a0; une finalité repose sur leur "
                                  "consentement et aucun `parental_consent` n'est indiqué")
    assert finding.message.startswith("the data subjects #1 of 'game' may be as young as 12")
    assert "; a purpose rests on their consent" in finding.message


def test_a_purpose_without_description_is_named_by_its_position() -> None:
    result = load_text(textwrap.dedent("""\
        ropa: 1
        activities:
          - id: act
            name: Traitement
            purposes:
              - {description: Vendre, legal_basis: contract}
              - {}
        """))
    check = run_rules(result.register, as_of=AS_OF, label="register.yaml")
    [finding] = [f for f in check.findings if f.rule == "ROPA201"]
    assert finding.message == "purpose #2 of 'act' has no legal basis"
    assert finding.message_fr == "la finalité n°\u00a02 de l'activité 'act' n'a pas de base légale"
