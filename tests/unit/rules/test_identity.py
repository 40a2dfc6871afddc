"""ROPA102-109: messages, locations and the cases the example registers cannot express."""

from __future__ import annotations

import textwrap
from datetime import date

from ropa.loading import load_text
from ropa.model.enums import DpiaCriterion, Status
from ropa.model.register import Activity, Address, Dpia, Organisation, Register
from ropa.rules.config import Config
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding, Severity

AS_OF = date(2026, 11, 26)


def findings(text: str, rule: str, *, as_of: date = AS_OF,
             config: Config | None = None) -> list[Finding]:
    result = load_text(textwrap.dedent(text))
    assert not result.problems, [p.line() for p in result.problems]
    check = run_rules(result.register, as_of=as_of, config=config, label="register.yaml")
    return [f for f in check.findings if f.rule == rule]


def model_findings(register: Register, rule: str) -> list[Finding]:
    return [f for f in run_rules(register, as_of=AS_OF).findings if f.rule == rule]


# ROPA102 representative-missing

def test_representative_missing_names_the_establishments_and_points_at_them() -> None:
    [finding] = findings("""\
        ropa: 1
        organisation:
          name: Example Inc.
          establishments: [US, CH]
        """, "ROPA102")
    assert finding.severity == Severity.ERROR
    assert finding.message == ("the organisation's establishments (US, CH) are all outside the "
                               "EEA, and no Art. 27 representative in the EEA is named")
    assert (finding.location.line, finding.location.path) == (4, "$.organisation.establishments")
    assert "`establishments: [FR]`" in (finding.fix or "")
    assert finding.message_fr == ("les établissements de l'organisme (États-Unis, Suisse) sont tous hors "
                                  "de l'EEE, et aucun représentant (art. 27) dans l'EEE n'est désigné")
    assert finding.fix_fr == ("indiquer sous `organisation.establishments` les pays de l'EEE où "
                              "l'organisme est établi (par exemple `establishments: [FR]`), ou désigner "
                              "le représentant sous `organisation.representative` "
                              "(`{name, address, email}`)")


def test_register_without_organisation_fires_and_says_nothing_is_known() -> None:
    [finding] = findings("ropa: 1\nactivities: []\n", "ROPA102")
    assert finding.message == ("the organisation lists no establishments and its address gives "
                               "no country, and no Art. 27 representative in the EEA is named")
    assert finding.subject == "organisation"
    assert finding.message_fr == ("l'organisme n'indique aucun établissement, son adresse ne donne "
                                  "aucun pays, et aucun représentant (art. 27) dans l'EEE n'est désigné")


def test_address_outside_the_eea_is_named() -> None:
    [finding] = findings("""\
        ropa: 1
        organisation:
          name: Example Inc.
          address: {city: Zürich, country: CH}
        """, "ROPA102")
    assert finding.message.startswith("the organisation's address is in CH, outside the EEA, "
                                      "with no establishments listed")
    assert finding.message_fr == ("l'adresse de l'organisme est hors de l'EEE (Suisse), aucun "
                                  "établissement n'est indiqué, et aucun représentant (art. 27) dans "
                                  "l'EEE n'est désigné")


def test_an_empty_representative_mapping_is_no_representative() -> None:
    assert findings("""\
        ropa: 1
        organisation:
          name: Example Inc.
          establishments: [US]
          representative: {}
        """, "ROPA102")


def test_a_former_member_is_judged_at_the_as_of_date() -> None:
    text = """\
        ropa: 1
        organisation:
          name: Example Ltd
          establishments: [GB]
        """
    assert findings(text, "ROPA102", as_of=date(2019, 6, 1)) == []
    assert len(findings(text, "ROPA102", as_of=AS_OF)) == 1


def test_a_register_built_without_origins_takes_the_address_when_establishments_are_empty() -> None:
    in_france = Organisation(name="Exemple SAS", address=Address(country="FR"))
    assert model_findings(Register(organisation=in_france), "ROPA102") == []
    in_the_us = Organisation(name="Example Inc.", address=Address(country="US"))
    found = model_findings(Register(organisation=in_the_us), "ROPA102")
    assert [f.subject for f in found] == ["organisation"]


# ROPA103 dpo-may-be-required

def test_dpo_message_lists_every_reason() -> None:
    [finding] = findings("""\
        ropa: 1
        organisation:
          name: Ville d'Exemple
          public_authority: true
        activities:
          - id: cameras
            name: Vidéoprotection
            dpia: {criteria: [large_scale, systematic_monitoring]}
          - id: social
            name: Action sociale
            special_categories: [{category: health, condition: substantial_public_interest}]
            dpia: {criteria: [large_scale]}
        """, "ROPA103")
    assert finding.severity == Severity.WARNING
    assert finding.message == (
        "no DPO is designated, but Art. 37(1) may require one: the organisation is a public "
        "authority (Art. 37(1)(a)); systematic monitoring on a large scale in 'cameras' "
        "(Art. 37(1)(b)); large-scale processing of Art. 9 or Art. 10 data in 'social' "
        "(Art. 37(1)(c))")
    assert finding.location.path == "$.organisation.dpo"


def test_criminal_offence_data_on_a_large_scale_count_as_art_10_data() -> None:
    assert findings("""\
        ropa: 1
        activities:
          - id: screening
            name: Contrôle d'honorabilité
            special_categories: [{category: criminal_offences, legal_reference: CASF L133-6}]
            dpia: {criteria: [large_scale]}
        """, "ROPA103")


def test_planned_activities_do_not_call_for_a_dpo_yet() -> None:
    register = Register(activities=[Activity(
        id="tracking", name="Suivi", status=Status.PLANNED,
        dpia=Dpia(criteria=[DpiaCriterion.LARGE_SCALE, DpiaCriterion.SYSTEMATIC_MONITORING]))])
    assert model_findings(register, "ROPA103") == []


def test_a_designated_dpo_silences_the_rule() -> None:
    assert findings("""\
        ropa: 1
        organisation:
          name: Ville d'Exemple
          public_authority: true
          dpo: {company: DPO Mutualisé, email: dpo@exemple.fr}
        """, "ROPA103") == []


# ROPA104-107: the lists Art. 30(1) requires

def test_empty_lists_are_reported_on_the_key_the_user_must_fill() -> None:
    text = """\
        ropa: 1
        activities:
          - id: payroll
            name: Paie
            purposes: []
        """
    [purpose] = findings(text, "ROPA104")
    assert purpose.message == ("the activity 'payroll' has no purpose: Art. 30(1)(b) requires "
                               "the purposes of the processing")
    assert (purpose.location.line, purpose.location.path) == (5, "$.activities[0].purposes")
    [subjects] = findings(text, "ROPA105")
    assert subjects.location.path == "$.activities[0].data_subjects"
    assert subjects.location.line == 3  # the key is absent: the activity
    [data] = findings(text, "ROPA106")
    assert data.message == ("the activity 'payroll' has no category of personal data: "
                            "Art. 30(1)(c) requires them")
    [recipients] = findings(text, "ROPA107")
    assert recipients.severity == Severity.WARNING
    assert "`internal` recipient" in recipients.message


# ROPA108 review-overdue

def test_review_overdue_message_gives_the_dates_and_points_at_reviewed() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: newsletter
            name: Newsletter
            reviewed: 2025-01-31
        """, "ROPA108")
    assert finding.message == ("the activity 'newsletter' was last reviewed on 2025-01-31; with "
                               "a review interval of P12M (12 months) the review was due on "
                               "2026-01-31")
    assert finding.location.line == 5
    assert finding.fix == ("review the activity with its owner, then set `reviewed:` to the "
                           "review's date (e.g. `reviewed: 2026-11-26`)")
    assert finding.message_fr == ("l'activité 'newsletter' a été revue pour la dernière fois le "
                                  "2025-01-31\u00a0; avec un intervalle de revue de P12M (12 mois), la "
                                  "revue était due le 2026-01-31")


def test_never_reviewed_counts_from_created_when_there_is_no_update() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: newsletter
            name: Newsletter
            created: 2025-03-01
        """, "ROPA108")
    assert finding.message == ("the activity 'newsletter' has never been reviewed (`created`: "
                               "2025-03-01); with a review interval of P12M (12 months) the "
                               "review was due on 2026-03-01")


def test_ropa_toml_interval_wins_over_the_register_setting() -> None:
    text = """\
        ropa: 1
        settings: {review_interval: P6M}
        activities:
          - id: newsletter
            name: Newsletter
            reviewed: 2026-01-15
        """
    assert len(findings(text, "ROPA108")) == 1
    assert findings(text, "ROPA108", config=Config(review_interval="P12M")) == []


def test_review_is_judged_at_the_as_of_date_not_today() -> None:
    text = """\
        ropa: 1
        activities:
          - id: newsletter
            name: Newsletter
            reviewed: 2020-05-01
        """
    assert findings(text, "ROPA108", as_of=date(2021, 5, 1)) == []
    assert len(findings(text, "ROPA108", as_of=date(2021, 5, 2))) == 1


# ROPA109 joint-arrangement-missing

def test_an_unnamed_joint_controller_is_named_by_position() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: study
            name: Étude
            joint_controllers:
              - {contact: dpo@univ.example}
        """, "ROPA109")
    assert finding.message == "the joint controller #1 of 'study' has no Art. 26 arrangement"
    assert finding.location.path == "$.activities[0].joint_controllers[0].arrangement"


# The messages and fixes in French

def test_controller_identity_in_french() -> None:
    [one] = findings("ropa: 1\norganisation:\n  name: Exemple SAS\n", "ROPA101")
    assert one.message_fr == ("l'organisme n'a pas d'adresse électronique (`email`)\u00a0: "
                              "l'art. 30(1)(a) exige le nom et les coordonnées du responsable du "
                              "traitement")
    assert one.fix_fr == "ajouter `email` sous `organisation`"
    [both] = findings("ropa: 1\norganisation:\n  address: {country: FR}\n", "ROPA101")
    assert both.message == ("the organisation has no `name` and `email`: Art. 30(1)(a) requires the "
                            "controller's name and contact details")
    assert both.message_fr == ("l'organisme n'a ni nom (`name`) ni adresse électronique (`email`)"
                               "\u00a0: l'art. 30(1)(a) exige le nom et les coordonnées du "
                               "responsable du traitement")
    assert both.fix_fr == "ajouter `name` et `email` sous `organisation`"


def test_representative_missing_with_empty_establishments_in_french() -> None:
    [empty] = findings("""\
        ropa: 1
        organisation:
          name: Example Inc.
          establishments: []
        """, "ROPA102")
    assert empty.message_fr == ("l'organisme n'indique aucun établissement (`establishments` est "
                                "vide), et aucun représentant (art. 27) dans l'EEE n'est désigné")


def test_dpo_message_in_french_lists_every_reason() -> None:
    [finding] = findings("""\
        ropa: 1
        organisation:
          name: Ville d'Exemple
          public_authority: true
        activities:
          - id: cameras
            name: Vidéoprotection
            dpia: {criteria: [large_scale, systematic_monitoring]}
          - id: social
            name: Action sociale
            special_categories: [{category: health, condition: substantial_public_interest}]
            dpia: {criteria: [large_scale]}
          - id: screening
            name: Contrôle d'honorabilité
            special_categories: [{category: criminal_offences, legal_reference: CASF L133-6}]
            dpia: {criteria: [large_scale]}
        """, "ROPA103")
    assert finding.message_fr == (
        "aucun délégué à la protection des données (DPO) n'est désigné, mais l'art. 37(1) peut en "
        "exiger un\u00a0: l'organisme est une autorité publique (art. 37(1)(a))\u00a0; suivi "
        "systématique à grande échelle dans l'activité 'cameras' (art. 37(1)(b))\u00a0; traitement à "
        "grande échelle de catégories particulières de données (art. 9) ou de données d'infraction "
        "(art. 10) dans les activités 'social' et 'screening' (art. 37(1)(c))")
    assert finding.fix_fr == ("désigner un DPO et ajouter `organisation.dpo: {name, email}`\u00a0; si "
                              "le traitement ne relève pas des activités de base de l'organisme, "
                              "accepter le constat par une entrée `suppress` qui donne ce motif")


def test_empty_lists_in_french() -> None:
    text = """\
        ropa: 1
        activities:
          - id: payroll
            name: Paie
        """
    [purpose] = findings(text, "ROPA104")
    assert purpose.message_fr == ("l'activité 'payroll' n'a pas de finalité\u00a0: l'art. 30(1)(b) "
                                  "exige les finalités du traitement")
    assert purpose.fix_fr == ("ajouter `purposes:` avec au moins une entrée `- description: ...` et "
                              "sa base légale `legal_basis:`")
    [subjects] = findings(text, "ROPA105")
    assert subjects.message_fr == ("l'activité 'payroll' n'a pas de catégorie de personnes "
                                   "concernées\u00a0: l'art. 30(1)(c) exige de les décrire")
    assert subjects.fix_fr == ("ajouter `data_subjects:` avec au moins une entrée `- category: ...` "
                               "(par exemple `customers`, `employees`)")
    [data] = findings(text, "ROPA106")
    assert data.message_fr == ("l'activité 'payroll' n'a pas de catégorie de données "
                               "personnelles\u00a0: l'art. 30(1)(c) exige de les décrire")
    assert data.fix_fr == ("ajouter `personal_data:` avec au moins une entrée `- category: ...` (par "
                           "exemple `identification`) et ses `items`")
    [recipients] = findings(text, "ROPA107")
    assert recipients.message_fr == (
        "l'activité 'payroll' n'a pas de destinataire\u00a0: l'art. 30(1)(d) exige les catégories de "
        "destinataires (des données qui restent en interne se déclarent avec un destinataire "
        "`internal`)")
    assert recipients.fix_fr == ("ajouter `recipients:`, par exemple `- {type: internal, name: "
                                 "<équipe>}`, ainsi que les sous-traitants et les tiers")


def test_review_overdue_in_french() -> None:
    reviewed, created, undated = findings("""\
        ropa: 1
        settings: {review_interval: P1Y6M}
        activities:
          - id: newsletter
            name: Newsletter
            reviewed: 2025-01-31
          - id: accounts
            name: Comptes
            created: 2024-03-01
          - id: crm
            name: CRM
        """, "ROPA108")
    assert reviewed.message == ("the activity 'newsletter' was last reviewed on 2025-01-31; with a "
                                "review interval of P1Y6M (1 year and 6 months) the review was due on "
                                "2026-07-31")
    assert reviewed.message_fr == ("l'activité 'newsletter' a été revue pour la dernière fois le "
                                   "2025-01-31\u00a0; avec un intervalle de revue de P1Y6M (1 an et "
                                   "6 mois), la revue était due le 2026-07-31")
    assert reviewed.fix_fr == ("revoir l'activité avec son référent, puis indiquer la date de la "
                               "revue dans `reviewed:` (par exemple `reviewed: 2026-11-26`)")
    assert created.message_fr == ("l'activité 'accounts' n'a jamais été revue (`created`\u00a0: "
                                  "2024-03-01)\u00a0; avec un intervalle de revue de P1Y6M (1 an et "
                                  "6 mois), la revue était due le 2025-09-01")
    assert undated.message_fr == ("l'activité 'crm' n'a jamais été revue (aucune date `reviewed`, "
                                  "`updated` ni `created`)")


def test_joint_arrangement_in_french() -> None:
    unnamed, joint = findings("""\
        ropa: 1
        activities:
          - id: events
            name: Salon commun
            role: joint_controller
          - id: study
            name: Étude
            joint_controllers:
              - {name: Université Exemple, contact: dpo@univ.example}
        """, "ROPA109")
    assert unnamed.message_fr == ("l'activité 'events' relève d'une responsabilité conjointe mais "
                                  "n'indique ni responsable conjoint ni accord (art. 26)")
    assert unnamed.fix_fr == ("ajouter `joint_controllers:` avec `- {name: ..., contact: ..., "
                              "arrangement: ...}` pour chaque responsable conjoint")
    assert joint.message_fr == ("le responsable conjoint 'Université Exemple' de l'activité 'study' "
                                "n'a pas d'accord (art. 26)")
    assert joint.fix_fr == ("ajouter `arrangement:` avec la référence ou le lien de l'accord "
                            "(art. 26)")


def test_an_unnamed_joint_controller_is_numbered_in_french() -> None:
    [finding] = findings("""\
        ropa: 1
        activities:
          - id: study
            name: Étude
            joint_controllers:
              - {name: Université Exemple, arrangement: Convention 2025-04}
              - {contact: dpo@labo.example}
        """, "ROPA109")
    assert finding.message == "the joint controller #2 of 'study' has no Art. 26 arrangement"
    assert finding.message_fr == ("le responsable conjoint n°\u00a02 de l'activité 'study' n'a pas "
                                  "d'accord (art. 26)")
