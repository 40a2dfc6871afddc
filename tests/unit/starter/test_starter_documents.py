"""The text of the files ropa init writes: keys, exact values, comments, schema validity."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starter_support import load_yaml12, schema_errors

from ropa.starter import available_activities
from ropa.starter.documents import activity_text, plan_files, register_text

LANGUAGES = ["fr", "en"]


def _activity(name: str, language: str = "fr") -> dict[str, Any]:
    loaded: dict[str, Any] = load_yaml12(activity_text(name, language=language))
    return loaded


def _register(name: str | None = None, language: str = "fr") -> dict[str, Any]:
    loaded: dict[str, Any] = load_yaml12(register_text(name=name, language=language))
    return loaded


def _retentions(activity: dict[str, Any]) -> list[str]:
    return [item["retention"]["duration"] for item in activity["personal_data"]]


def _all_values(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [v for value in node.values() for v in _all_values(value)]
    if isinstance(node, list):
        return [v for item in node for v in _all_values(item)]
    return [node]


# register.yaml


def test_register_starts_with_the_editor_hint_to_the_local_schema() -> None:
    first_line = register_text(name=None, language="fr").splitlines()[0]

    assert first_line == "# yaml-language-server: $schema=.schema/register.schema.json"


def test_register_has_the_organisation_skeleton_settings_and_measures() -> None:
    register = _register(language="en")

    assert list(register) == ["ropa", "organisation", "settings", "security_measures"]
    assert register["ropa"] == 1
    assert list(register["organisation"]) == [
        "name", "legal_form", "registration_number", "address", "email", "phone", "website",
        "employees", "public_authority", "establishments", "representative", "dpo",
        "rights_contact", "supervisory_authority",
    ]  # fmt: skip
    assert register["settings"] == {"review_interval": "P12M", "language": "en"}


def test_without_a_name_every_organisation_fact_is_left_null_not_faked() -> None:
    organisation = _register()["organisation"]

    assert set(_all_values(organisation)) == {None}
    assert organisation["establishments"] == []


def test_the_placeholders_to_fill_are_comments_beside_null_values() -> None:
    lines = register_text(name=None, language="fr").splitlines()

    name = "  name: null                            # À REMPLIR : nom de l'organisation"
    email = "  email: null                           # À REMPLIR : adresse e-mail de contact"
    assert f"{name} (raison sociale)" in lines
    assert f"{email} pour le registre" in lines


def test_a_given_name_is_written_and_its_placeholder_comment_dropped() -> None:
    text = register_text(name="ACME : conseil", language="fr")

    assert load_yaml12(text)["organisation"]["name"] == "ACME : conseil"
    assert '  name: "ACME : conseil"' in text.splitlines()
    assert "nom de l'organisation" not in text


def test_measures_have_an_id_category_and_description_in_the_chosen_language() -> None:
    french = {m["id"]: m for m in _register(language="fr")["security_measures"]}
    english = {m["id"]: m for m in _register(language="en")["security_measures"]}

    assert french["tls"]["category"] == "encryption"
    assert french["tls"]["name"] == "Chiffrement des communications (TLS)"
    assert english["tls"]["name"] == "Encrypted communications (TLS)"
    assert french["backups"]["category"] == "backup"
    assert french["processor-contracts"]["category"] == "processor_control"
    assert all(list(m) == ["id", "category", "name", "description"] for m in french.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [None, "ACME SAS"])
def test_register_is_valid_against_its_schema(name: str | None, language: str) -> None:
    assert schema_errors(_register(name, language), "register") == []


def test_french_is_written_as_utf8_not_escaped() -> None:
    register = plan_files(name="Société d'Études", language="fr", activities=[])[0]

    assert "  name: Société d'Études\n".encode() in register.content
    assert "# Mesures de sécurité (RGPD, article 32)".encode() in register.content
    assert b"\\u00" not in register.content and b"\\x" not in register.content


# activities/<name>.yaml


@pytest.mark.parametrize("name", available_activities())
def test_activity_starts_with_the_editor_hint_one_folder_up(name: str) -> None:
    first_line = activity_text(name, language="fr").splitlines()[0]

    assert first_line == "# yaml-language-server: $schema=../.schema/activity.schema.json"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", available_activities())
def test_activity_is_valid_against_its_schema(name: str, language: str) -> None:
    assert schema_errors(_activity(name, language), "activity") == []


@pytest.mark.parametrize("name", available_activities())
def test_activity_is_in_single_item_form_with_keys_in_format_order(name: str) -> None:
    assert list(_activity(name)) == [
        "ropa", "id", "name", "description", "role", "owner", "kind", "status", "reviewed",
        "purposes", "data_subjects", "personal_data", "recipients", "security_measures", "notes",
    ]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", available_activities())
def test_a_starter_is_planned_unreviewed_and_says_it_is_to_review(name: str, language: str) -> None:
    activity = _activity(name, language)
    marker = {"fr": "Fiche de départ à relire et adapter", "en": "Starter entry to review"}

    assert activity["status"] == "planned"
    assert activity["reviewed"] is None
    assert activity["owner"] is None
    assert activity["notes"].startswith(marker[language])


@pytest.mark.parametrize("name", available_activities())
def test_a_starter_claims_no_fact_about_the_organisation(name: str) -> None:
    activity = _activity(name)
    texts = [v for v in _all_values(activity) if isinstance(v, str)]
    dates = [text for text in texts if re.search(r"\d{4}-\d\d-\d\d", text)]

    assert dates == []
    assert "created" not in activity and "updated" not in activity
    assert [r for r in activity["recipients"] if r["type"] == "processor"] == []
    assert activity["security_measures"] == []
    assert "transfers" not in activity


@pytest.mark.parametrize("name", available_activities())
def test_every_retention_cites_its_source(name: str) -> None:
    for item in _activity(name)["personal_data"]:
        assert item["retention"]["justification"], item


@pytest.mark.parametrize(
    ("name", "kind", "durations"),
    [
        ("customer-management", "customer_management", ["P3Y", "P5Y"]),
        ("accounting", "accounting", ["P10Y", "P10Y"]),
        ("newsletter", "prospecting", ["P3Y"]),
        ("audience-measurement", "audience_measurement", ["P13M", "P25M"]),
        ("security-logs", "security_logs", ["P6M"]),
        ("recruitment", "recruitment", ["P2Y", "P2Y"]),
        ("staff-management", "staff_management", ["P5Y", "P5Y"]),
        ("payroll", "payroll", ["P5Y", "P5Y", "P5Y"]),
    ],
)
def test_kinds_and_cnil_reference_retention_periods(
    name: str, kind: str, durations: list[str]
) -> None:
    activity = _activity(name)

    assert activity["kind"] == kind
    assert _retentions(activity) == durations


def test_accounting_is_a_legal_obligation_under_the_commercial_code() -> None:
    purpose = _activity("accounting")["purposes"][0]

    assert purpose["legal_basis"] == "legal_obligation"
    assert purpose["legal_reference"] == "Code de commerce, art. L123-22"
    retention = _activity("accounting")["personal_data"][0]["retention"]
    assert retention["justification"].startswith("Code de commerce, art. L123-22")


def test_newsletter_rests_on_consent_and_asks_where_it_is_recorded() -> None:
    purpose = _activity("newsletter")["purposes"][0]
    text = activity_text("newsletter", language="en")

    assert purpose["legal_basis"] == "consent"
    assert purpose["consent_record"] is None
    comment = "# TO FILL: where and how consent is collected and recorded"
    assert f"    consent_record: null                {comment}" in text.splitlines()


def test_audience_measurement_rests_on_consent_and_notes_the_cnil_exemption() -> None:
    activity = _activity("audience-measurement", "en")

    assert activity["purposes"][0]["legal_basis"] == "consent"
    assert "exemption conditions" in activity["notes"]
    assert "legitimate_interests" in activity["notes"]


def test_security_logs_rest_on_a_stated_legitimate_interest() -> None:
    purpose = _activity("security-logs")["purposes"][0]

    assert purpose["legal_basis"] == "legitimate_interests"
    assert purpose["legitimate_interest"].startswith("Assurer la sécurité du système d'information")
    assert purpose["lia"] is None


@pytest.mark.parametrize(
    ("name", "bases"),
    [
        ("customer-management", ["contract", "contract", "legitimate_interests"]),
        ("accounting", ["legal_obligation", "legal_obligation"]),
        ("recruitment", ["contract", "consent"]),
        ("staff-management", ["contract", "legal_obligation"]),
        ("payroll", ["contract", "legal_obligation"]),
    ],
)
def test_usual_legal_bases(name: str, bases: list[str]) -> None:
    purposes = _activity(name)["purposes"]

    assert [p["legal_basis"] for p in purposes] == bases
    for purpose in purposes:
        if purpose["legal_basis"] == "legal_obligation":
            assert purpose["legal_reference"]
        if purpose["legal_basis"] == "legitimate_interests":
            assert purpose["legitimate_interest"]


# the whole plan


def test_plan_lists_every_file_in_report_order() -> None:
    files = plan_files(name=None, language="fr", activities=["payroll", "accounting"])

    assert [str(f.path) for f in files] == [
        "register.yaml",
        "activities/.gitkeep",
        "activities/accounting.yaml",
        "activities/payroll.yaml",
        "processors/.gitkeep",
        ".schema/register.schema.json",
        ".schema/activity.schema.json",
        ".schema/processor.schema.json",
    ]


def test_plan_is_deterministic() -> None:
    first = plan_files(name="ACME", language="fr", activities=available_activities())
    second = plan_files(name="ACME", language="fr", activities=available_activities())

    assert first == second
