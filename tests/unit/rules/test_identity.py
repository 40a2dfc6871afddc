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


def test_register_without_organisation_fires_and_says_nothing_is_known() -> None:
    [finding] = findings("ropa: 1\nactivities: []\n", "ROPA102")
    assert finding.message == ("the organisation lists no establishments and its address gives "
                               "no country, and no Art. 27 representative in the EEA is named")
    assert finding.subject == "organisation"


def test_address_outside_the_eea_is_named() -> None:
    [finding] = findings("""\
        ropa: 1
        organisation:
          name: Example Inc.
          address: {city: Zürich, country: CH}
        """, "ROPA102")
    assert finding.message.startswith("the organisation's address is in CH, outside the EEA, "
                                      "with no establishments listed")


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
