"""ROPA601-605: security measures and impact assessments, as a user sees the findings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa.loading import load
from ropa.model.enums import (
    ActivityKind,
    DataCategory,
    DataSource,
    DpiaCriterion,
    SpecialCategory,
    SubjectCategory,
)
from ropa.model.register import (
    Activity,
    DataSubject,
    Dpia,
    Organisation,
    PersonalData,
    Register,
    SpecialData,
)
from ropa.rules.catalogue.security import MANDATORY, DpiaCase, dpia_grounds
from ropa.rules.config import Config
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding, Severity

AS_OF = date(2026, 11, 26)


def findings(tmp_path: Path, text: str, rule: str, as_of: date = AS_OF,
             config: Config | None = None) -> list[Finding]:
    path = tmp_path / "register.yaml"
    path.write_text("ropa: 1\n" + text, encoding="utf-8")
    result = load(path)
    assert not result.problems, [p.line() for p in result.problems]
    return [f for f in run_rules(result.register, as_of=as_of, config=config).findings if f.rule == rule]


def activity(body: str, employees: str = "") -> str:
    org = f"organisation:\n  name: Exemple\n  employees: {employees}\n" if employees else ""
    return org + "activities:\n  - id: a\n    name: A\n" + body


def test_measure_applying_to_all_counts(tmp_path: Path) -> None:
    text = "security_measures:\n  - {id: tls, category: encryption, description: TLS, applies_to: all}\n"
    assert findings(tmp_path, text + activity(""), "ROPA601") == []
    [finding] = findings(tmp_path, text.replace(", applies_to: all", "") + activity(""), "ROPA601")
    assert finding.message == "activity 'a' has no security measure, listed or `applies_to: all`"
    assert finding.severity is Severity.WARNING


def test_special_categories_need_encryption_and_access_control(tmp_path: Path) -> None:
    text = activity("    special_categories:\n      - {category: health, condition: explicit_consent}\n"
                    "      - {category: biometric, condition: explicit_consent}\n")
    [finding] = findings(tmp_path, text, "ROPA602")
    assert finding.message == ("activity 'a' processes special-category data (biometric, health) with no "
                               "encryption and no access_control measure")
    assert finding.fix == ("add a measure with `category: encryption` and one with `category: access_control` "
                           "to the catalogue and list it in the activity's `security_measures`")


def test_planned_activity_gets_a_warning_and_retired_nothing(tmp_path: Path) -> None:
    body = "    status: {}\n    dpia: {{status: required, criteria: [large_scale, matching_datasets]}}\n"
    [active] = findings(tmp_path, activity(body.format("active")), "ROPA603")
    assert active.severity is Severity.ERROR
    assert active.message == ("activity 'a' needs a DPIA: it meets 2 EDPB criteria (large_scale, "
                              "matching_datasets); its DPIA is `required`, not `done`")
    assert active.location.path == "$.activities[0].dpia.status"
    [planned] = findings(tmp_path, activity(body.format("planned")), "ROPA603")
    assert planned.severity is Severity.WARNING
    assert findings(tmp_path, activity(body.format("retired")), "ROPA603") == []


def test_done_dpia_satisfies_the_rule(tmp_path: Path) -> None:
    body = "    dpia: {status: done, criteria: [large_scale, matching_datasets], date: 2025-01-01}\n"
    assert findings(tmp_path, activity(body), "ROPA603") == []


@pytest.mark.parametrize(("employees", "expected"), [("", 1), ("249", 0), ("250", 1)])
def test_hr_exemption_needs_fewer_than_250_employees_known(tmp_path: Path, employees: str,
                                                           expected: int) -> None:
    body = ("    kind: staff_management\n    data_subjects: [{category: employees}]\n"
            "    dpia: {criteria: [sensitive_data, vulnerable_subjects]}\n")
    assert len(findings(tmp_path, activity(body, employees), "ROPA603")) == expected


def test_health_care_is_exempt_unless_large_scale(tmp_path: Path) -> None:
    body = ("    kind: health_care\n    special_categories: [{category: health, condition: health_care}]\n"
            "    dpia: {criteria: [sensitive_data, vulnerable_subjects]}\n")
    assert findings(tmp_path, activity(body), "ROPA603") == []
    [hospital] = findings(tmp_path, activity(body.replace("vulnerable_subjects", "large_scale")), "ROPA603")
    assert "it is on the CNIL list of processing requiring a DPIA (n° 1, " in hospital.message
    assert "it processes Art. 9/10 data on a large scale (Art. 35(3)(b))" in hospital.message


def test_grounds_from_the_cnil_mandatory_list() -> None:
    genetic = Activity(id="g", special_categories=[SpecialData(category=SpecialCategory.GENETIC)],
                       data_subjects=[DataSubject(category=SubjectCategory.PATIENTS, minors=True)])
    [ground] = dpia_grounds(genetic, Register())
    assert ground.startswith("it is on the CNIL list of processing requiring a DPIA (n° 2, genetic data")
    adult = Activity(id="g", special_categories=[SpecialData(category=SpecialCategory.GENETIC)])
    assert dpia_grounds(adult, Register()) == []
    profiling = Activity(id="p", kind=ActivityKind.RECRUITMENT,
                         dpia=Dpia(criteria=[DpiaCriterion.EVALUATION_SCORING]))
    small = Register(organisation=Organisation(employees=10))
    assert len(dpia_grounds(profiling, small)) == 1


def test_stale_dpia_follows_the_configured_period(tmp_path: Path) -> None:
    text = activity("    dpia: {status: done, date: 2024-11-25}\n")
    assert findings(tmp_path, text, "ROPA604") == []
    [finding] = findings(tmp_path, text, "ROPA604", config=Config(dpia_stale_after="P2Y"))
    assert finding.message == ("the DPIA of activity 'a' dates from 2024-11-25: its review was due on "
                               "2026-11-25 (P2Y)")


def test_prior_consultation_with_a_reference_only_is_enough(tmp_path: Path) -> None:
    text = activity("    dpia: {status: done, residual_risk: high, prior_consultation: {reference: CNIL-1}}\n")
    assert findings(tmp_path, text, "ROPA605") == []
    [finding] = findings(tmp_path, activity("    dpia: {status: done, residual_risk: high}\n"), "ROPA605")
    assert finding.severity is Severity.ERROR
    assert finding.location.path == "$.activities[0].dpia.residual_risk"


def test_no_cnil_type_is_recognised_without_a_criterion_or_special_data() -> None:
    # dpia_grounds returns early for such an activity; a type recognised from other fields
    # (the kind alone, say) would be missed, so this must stay true.
    register = Register(organisation=Organisation(employees=10))
    subjects = [DataSubject(category=c, minors=True) for c in SubjectCategory]
    data = [PersonalData(category=c, source=s) for c in DataCategory for s in DataSource]
    for kind in [None, *ActivityKind]:
        case = DpiaCase.of(Activity(id="a", kind=kind, data_subjects=subjects, personal_data=data,
                                    dpia=Dpia(criteria=[])), register)
        assert [i for i, recognise in MANDATORY.items() if recognise(case)] == [], kind
