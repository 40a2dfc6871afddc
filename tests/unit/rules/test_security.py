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
    assert finding.message_fr == ("l'activité 'a' traite des données relevant des art. 9 ou 10 (biometric, "
                                  "health) sans mesure de chiffrement (`encryption`) ni de contrôle d'accès "
                                  "(`access_control`)")
    assert finding.fix_fr == ("ajouter au catalogue une mesure avec `category: encryption` et une autre avec "
                              "`category: access_control`, et les lister dans les `security_measures` de "
                              "l'activité")


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
    assert dpia_grounds(genetic, Register(), "fr") == [
        ("elle figure sur la liste de la CNIL des traitements pour lesquels une AIPD est requise (n°\u00a02, "
         "données génétiques de personnes vulnérables\u00a0; délibération n°\u00a02018-327)")]
    assert dpia_grounds(genetic, Register(), "en") == dpia_grounds(genetic, Register())
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
    assert finding.message_fr == ("l'AIPD de l'activité 'a' date du 2024-11-25\u00a0: sa révision était due "
                                  "le 2026-11-25 (P2Y)")
    assert finding.fix_fr == ("réviser l'AIPD et mettre à jour `dpia.date` (ainsi que `reference` et "
                              "`residual_risk`)")


def test_prior_consultation_with_a_reference_only_is_enough(tmp_path: Path) -> None:
    text = activity("    dpia: {status: done, residual_risk: high, prior_consultation: {reference: CNIL-1}}\n")
    assert findings(tmp_path, text, "ROPA605") == []
    [finding] = findings(tmp_path, activity("    dpia: {status: done, residual_risk: high}\n"), "ROPA605")
    assert finding.severity is Severity.ERROR
    assert finding.location.path == "$.activities[0].dpia.residual_risk"
    assert finding.message_fr == ("l'AIPD de l'activité 'a' laisse un risque résiduel élevé et aucune "
                                  "consultation préalable de l'autorité de contrôle n'est enregistrée")
    assert finding.fix_fr == ("consulter l'autorité de contrôle avant de mettre en œuvre le traitement et écrire "
                              "`prior_consultation: {date: YYYY-MM-DD, reference: \"...\"}`, ou réduire le "
                              "risque et mettre à jour `residual_risk`")


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


def test_no_security_measure_in_french(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, activity(""), "ROPA601")
    assert finding.message_fr == ("l'activité 'a' n'a aucune mesure de sécurité (ni listée dans "
                                  "`security_measures`, ni marquée `applies_to: all`)")
    assert finding.fix_fr == ("lister les identifiants de ses mesures dans `security_measures`, ou donner "
                              "`applies_to: all` dans le catalogue aux mesures communes à toutes les "
                              "activités")
    assert finding.message_in("fr") == finding.message_fr
    assert finding.fix_in("fr") == finding.fix_fr


def test_special_categories_unprotected_in_french_with_one_measure_missing(tmp_path: Path) -> None:
    text = activity("    special_categories:\n      - {category: health, condition: explicit_consent}\n"
                    "      - {category: biometric, condition: explicit_consent}\n")
    catalogue = "security_measures:\n  - {id: tls, category: encryption, description: TLS, applies_to: all}\n"
    [one] = findings(tmp_path, catalogue + text, "ROPA602")
    assert one.message == ("activity 'a' processes special-category data (biometric, health) with no "
                           "access_control measure")
    assert one.message_fr == ("l'activité 'a' traite des données relevant des art. 9 ou 10 (biometric, "
                              "health) sans mesure de contrôle d'accès (`access_control`)")
    assert one.fix_fr == ("ajouter au catalogue une mesure avec `category: access_control`, et la lister "
                          "dans les `security_measures` de l'activité")


DPIA_FIX_FR = ("réaliser l'AIPD et écrire `dpia: {status: done, date: YYYY-MM-DD, reference: \"...\"}`, ou "
               "accepter le constat par une entrée `suppress` qui explique pourquoi aucune AIPD n'est "
               "nécessaire")


def test_dpia_required_in_french_for_each_state(tmp_path: Path) -> None:
    body = "    dpia: {status: required, criteria: [large_scale, matching_datasets]}\n"
    grounds = "elle remplit 2 critères du CEPD (large_scale, matching_datasets)"
    [required] = findings(tmp_path, activity(body), "ROPA603")
    assert required.message_fr == (f"l'activité 'a' nécessite une AIPD\u00a0: {grounds}\u00a0; son AIPD "
                                   "est `required`, et non `done`")
    assert required.fix_fr == DPIA_FIX_FR
    [unstated] = findings(tmp_path, activity(body.replace("status: required, ", "")), "ROPA603")
    assert unstated.message == ("activity 'a' needs a DPIA: it meets 2 EDPB criteria (large_scale, "
                                "matching_datasets); `dpia.status` is not stated")
    assert unstated.message_fr == (f"l'activité 'a' nécessite une AIPD\u00a0: {grounds}\u00a0; "
                                   "`dpia.status` n'est pas renseigné")
    hospital = ("    kind: health_care\n    special_categories: [{category: health, condition: health_care}]\n"
                "    dpia: {criteria: [large_scale]}\n")
    [planned] = findings(tmp_path, activity("    status: planned\n" + hospital), "ROPA603")
    assert planned.severity is Severity.WARNING  # dataclasses.replace keeps the French
    assert planned.message_fr == (
        "l'activité 'a' nécessite une AIPD\u00a0: elle figure sur la liste de la CNIL des traitements pour "
        "lesquels une AIPD est requise (n°\u00a01, données de santé traitées par les établissements de santé "
        "ou médico-sociaux pour la prise en charge des personnes\u00a0; délibération n°\u00a02018-327)\u00a0; "
        "elle traite à grande échelle des données relevant des art. 9 ou 10 (art. 35(3)(b))\u00a0; "
        "`dpia.status` n'est pas renseigné")
    assert planned.fix_fr == DPIA_FIX_FR


def test_dpia_required_in_french_when_no_dpia_is_recorded(tmp_path: Path) -> None:
    body = ("    special_categories: [{category: genetic, condition: explicit_consent}]\n"
            "    data_subjects: [{category: patients, minors: true}]\n")
    [finding] = findings(tmp_path, activity(body), "ROPA603")
    assert finding.message.endswith("; no `dpia` is recorded")
    assert finding.message_fr == (
        "l'activité 'a' nécessite une AIPD\u00a0: elle figure sur la liste de la CNIL des traitements pour "
        "lesquels une AIPD est requise (n°\u00a02, données génétiques de personnes vulnérables\u00a0; "
        "délibération n°\u00a02018-327)\u00a0; `dpia` n'est pas renseigné")
    assert finding.location.path == "$.activities[0].dpia"


def test_dpia_grounds_from_edpb_criteria_in_french() -> None:
    criteria = Activity(id="c", dpia=Dpia(criteria=[DpiaCriterion.MATCHING_DATASETS, DpiaCriterion.LARGE_SCALE]))
    assert dpia_grounds(criteria, Register()) == ["it meets 2 EDPB criteria (large_scale, matching_datasets)"]
    assert dpia_grounds(criteria, Register(), "fr") == [
        "elle remplit 2 critères du CEPD (large_scale, matching_datasets)"]
