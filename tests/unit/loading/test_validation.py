"""Schema problems in words a person can act on: one problem per wrong value, its place,
and a fix that names the value to write."""

from __future__ import annotations

import pytest

from ropa.loading.validation import empty_file, show, validate_document
from ropa.loading.yaml_reader import read_yaml_text


def _lines(text: str, kind: str = "register") -> list[str]:
    document = read_yaml_text(text, "f.yaml")
    assert document.problems == []
    return [p.line().removeprefix("f.yaml:") for p in validate_document(document.data, kind, "f.yaml")]


def _activity(*lines: str) -> str:
    return "ropa: 1\nactivities:\n  - id: a\n    name: A\n" + "".join(f"    {line}\n" for line in lines)


def test_show_quotes_text_and_cuts_it_at_sixty_characters() -> None:
    assert show("NO") == "'NO'"
    assert show("x" * 61) == "'" + "x" * 60 + "…'"
    assert [show(v) for v in (None, True, 3, [1], {"a": 1})] == [
        "nothing", "true", "3", "a list", "a mapping"]


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("24 months", "did you mean 'P24M'? "),
        ("3 ans", "did you mean 'P3Y'? "),
        ("6 mois", "did you mean 'P6M'? "),
        ("30 days", "did you mean 'P30D'? "),
        ("2 weeks", "did you mean 'P2W'? "),
        ("1 year", "did you mean 'P1Y'? "),
        ("12M", "did you mean 'P12M'? "),
        ("p12m", "did you mean 'P12M'? "),
        ("forever", ""),
        ("P1Y1M2X", ""),
    ],
)
def test_a_duration_in_words_gets_its_iso_form_suggested(written: str, fix: str) -> None:
    assert _lines(f"ropa: 1\nsettings:\n  review_interval: {written}\n") == [
        (f"3:20: ROPA002 schema-violation: {written!r} is not an ISO 8601 duration "
         "[$.settings.review_interval] "
        f"Fix: {fix}{'W' if fix else 'w'}rite an ISO 8601 duration such as P3Y (3 years), P13M (13 months), "
        "P6M or P30D")
    ]


def test_a_rule_id_in_lowercase_gets_its_capitals_suggested() -> None:
    assert _lines("ropa: 1\norganisation:\n  suppress:\n    - {rule: ropa303, reason: accepted}\n") == [
        ("4:14: ROPA002 schema-violation: 'ropa303' is not a rule id [$.organisation.suppress[0].rule] "
        "Fix: did you mean 'ROPA303'? Write a rule id such as ROPA303 (see `ropa rules`)")
    ]


def test_a_wrong_date_gets_one_problem_not_two() -> None:
    assert _lines(_activity("created: 2025-2-3", "updated: 2025-02-29", "reviewed: 2024-02-29")) == [
        ("5:14: ROPA002 schema-violation: '2025-2-3' is not a date written YYYY-MM-DD "
        "[$.activities[0].created] "
        "Fix: write an ISO 8601 date such as 2025-08-17"),
        ("6:14: ROPA002 schema-violation: '2025-02-29' is not a real calendar date [$.activities[0].updated] "
        "Fix: write an existing date as YYYY-MM-DD, such as 2025-08-17"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("description: 12", ("expected text, found the number 12 [$.activities[0].description] Fix: put the "
         "value in quotes (\"…\") so that it is read as text, with any leading zeros")),
        ("owner: true", ("expected text, found the boolean true [$.activities[0].owner] Fix: put the value in "
         "quotes (\"…\") so that it is read as text, with any leading zeros")),
        ("created: 20250817", ("expected a date, found the number 20250817 [$.activities[0].created] Fix: "
         "write an ISO 8601 date such as 2025-08-17")),
        ("status: 3", ("expected text, found the number 3 [$.activities[0].status] Fix: use one of: planned, "
         "active, retired")),
        ("transfers: [{country: 33}]", ("expected a country code, found the number 33 "
         "[$.activities[0].transfers[0].country] Fix: write the ISO 3166-1 alpha-2 code in capitals, such as "
         "FR, IE, US; quote 'NO' for Norway if another tool reads the file")),
        ("purposes: [{description: x, mandatory: 'yes'}]", ("expected true or false, found the text 'yes' "
         "[$.activities[0].purposes[0].mandatory] Fix: write true or false (ropa reads YAML 1.2, where "
         "yes/no/on/off are text)")),
        (("data_subjects: [{category: users, min_age: "
         "fifteen}]"), ("expected a whole number, found the text 'fifteen' "
         "[$.activities[0].data_subjects[0].min_age] Fix: write the number alone, without quotes or units")),
        (("data_subjects: [{category: users, min_age: "
         "15.5}]"), ("expected a whole number, found the number 15.5 "
         "[$.activities[0].data_subjects[0].min_age] Fix: write a whole number")),
        (("data_subjects: [{category: users, min_age: "
         "-1}]"), ("-1 is below the minimum 0 [$.activities[0].data_subjects[0].min_age] "
         "Fix: write a number of at least 0")),
        ("data_subjects: [{category: users, minors: 1}]", ("expected true or false, found the number 1 "
         "[$.activities[0].data_subjects[0].minors] Fix: write true or false")),
        ("purposes: {description: x}", ("expected a list, found a mapping [$.activities[0].purposes] Fix: "
         "write a list: one '- item' per line, or [a, b]")),
        ("dpia: [status: done]", ("expected a mapping (key: value lines), found a list [$.activities[0].dpia] "
         "Fix: remove the '- ' dashes: this takes key: value lines, not a list")),
    ],
)
def test_a_value_of_the_wrong_type_says_what_to_write(line: str, expected: str) -> None:
    (problem,) = _lines(_activity(line))
    assert problem.split(": ROPA002 schema-violation: ", 1)[1] == expected


def test_an_empty_required_value_asks_to_fill_it_in() -> None:
    assert _lines("ropa: 1\nactivities:\n  - id:\n    name:\n") == [
        ("3:8: ROPA002 schema-violation: expected an identifier, found nothing (an empty value) "
        "[$.activities[0].id] Fix: fill it in: this key cannot be left empty (use lowercase letters, digits "
        "and single dashes)"),
        ("4:10: ROPA002 schema-violation: expected text, found nothing (an empty value) "
        "[$.activities[0].name] "
        "Fix: fill it in: this key cannot be left empty"),
    ]


def test_an_empty_optional_value_is_fine() -> None:
    assert _lines(_activity("description:", "status: null", "created: ~", "dpia:", "purposes: []")) == []


def test_enum_values_get_a_suggestion_from_the_allowed_ones() -> None:
    assert _lines(_activity("dpia: {criteria: [large-scale, Large_Scale, huge]}")) == [
        ("5:23: ROPA002 schema-violation: 'large-scale' is not an allowed value for criteria "
        "[$.activities[0].dpia.criteria[0]] Fix: did you mean 'large_scale'? Allowed: evaluation_scoring, "
        "automated_decision, systematic_monitoring, sensitive_data, large_scale, matching_datasets, "
        "vulnerable_subjects, innovative_technology, prevents_rights"),
        ("5:36: ROPA002 schema-violation: 'Large_Scale' is not an allowed value for criteria "
        "[$.activities[0].dpia.criteria[1]] Fix: did you mean 'large_scale'? Allowed: evaluation_scoring, "
        "automated_decision, systematic_monitoring, sensitive_data, large_scale, matching_datasets, "
        "vulnerable_subjects, innovative_technology, prevents_rights"),
        ("5:49: ROPA002 schema-violation: 'huge' is not an allowed value for criteria "
        "[$.activities[0].dpia.criteria[2]] Fix: use one of: evaluation_scoring, automated_decision, "
        "systematic_monitoring, sensitive_data, large_scale, matching_datasets, vulnerable_subjects, "
        "innovative_technology, prevents_rights"),
    ]


def test_country_codes_accept_the_el_and_uk_aliases_and_suggest_capitals() -> None:
    assert _lines("ropa: 1\norganisation:\n  establishments: [EL, UK, NO, de, Germany]\n") == [
        ("3:32: ROPA002 schema-violation: 'de' is not an ISO 3166-1 alpha-2 country code "
        "[$.organisation.establishments[3]] Fix: did you mean 'DE'? Write the ISO 3166-1 alpha-2 code in "
        "capitals, such as FR, IE, US; quote 'NO' for Norway if another tool reads the file"),
        ("3:36: ROPA002 schema-violation: 'Germany' is not an ISO 3166-1 alpha-2 country code "
        "[$.organisation.establishments[4]] Fix: write the ISO 3166-1 alpha-2 code in capitals, such as FR, "
        "IE, US; quote 'NO' for Norway if another tool reads the file"),
    ]


def test_an_identifier_gets_a_slug_suggested() -> None:
    assert _lines("ropa: 1\nactivities:\n  - id: Gestion des Comptes (clients)\n    name: A\n") == [
        ("3:9: ROPA002 schema-violation: 'Gestion des Comptes (clients)' is not an identifier "
        "[$.activities[0].id] Fix: use lowercase letters, digits and single dashes, for example "
        "'gestion-des-comptes-clients'")
    ]


def test_unknown_keys_are_located_on_the_key() -> None:
    assert _lines(_activity("purpose: []", "Name: B", "colour: blue")) == [
        ("5:5: ROPA002 schema-violation: unknown key 'purpose' [$.activities[0].purpose] Fix: did you mean "
        "'purposes'?"),
        "6:5: ROPA002 schema-violation: unknown key 'Name' [$.activities[0].Name] Fix: did you mean 'name'?",
        ("7:5: ROPA002 schema-violation: unknown key 'colour' [$.activities[0].colour] Fix: allowed keys "
        "here: "
        "id, ref, name, description, role, joint_controllers, owner, kind, status, created, updated, "
        "reviewed, "
        "purposes, data_subjects, personal_data, special_categories, recipients, transfers, "
        "security_measures, dpia, automated_decision, suppress, notes"),
    ]


def test_a_long_unknown_key_is_not_echoed_in_full() -> None:
    (problem,) = _lines("ropa: 1\norganisation:\n  " + "k" * 1000 + ": 1\n")
    key = "k" * 60 + "…"
    assert problem.startswith(f"3:3: ROPA002 schema-violation: unknown key '{key}' "
                               f"[$.organisation['{key}']] ")
    assert "k" * 61 not in problem


def test_a_long_text_is_measured_not_echoed() -> None:
    assert _lines("ropa: 1\nactivities:\n  - id: " + "a" * 201 + "\n    name: " + "b" * 100_001 + "\n") == [
        ("3:9: ROPA002 schema-violation: text too long: 201 characters, at most 200 [$.activities[0].id] "
        "Fix: shorten it to at most 200 characters"),
        ("4:11: ROPA002 schema-violation: text too long: 100,001 characters, at most 100,000 "
        "[$.activities[0].name] Fix: shorten it; keep long documents in a file and put its path or link here"),
    ]


def test_a_value_that_fits_no_form_names_the_forms() -> None:
    assert _lines("ropa: 1\nprocessors:\n  - id: p\n    name: P\n    sub_processors: [12]\n") == [
        ("5:22: ROPA002 schema-violation: expected an identifier or a mapping (key: value lines), found the "
        "number 12 [$.processors[0].sub_processors[0]] Fix: write the id of a described processor, or {name, "
        "country, service} for one known only by name")
    ]


def test_a_value_that_fits_one_form_is_described_in_that_form() -> None:
    assert _lines("ropa: 1\nprocessors:\n  - id: p\n    name: P\n    sub_processors: [AWS, {country: "
                  "US}]\n") == [
        ("5:22: ROPA002 schema-violation: 'AWS' is not an identifier [$.processors[0].sub_processors[0]] "
        "Fix: use lowercase letters, digits and single dashes, for example 'aws'"),
        ("5:27: ROPA002 schema-violation: missing required key 'name' [$.processors[0].sub_processors[1]] "
        "Fix: add `name: …` to this item; an item cannot exist without it"),
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2", ("1:7: ROPA002 schema-violation: this file is in format version 2; this ropa reads format "
         "version 1 [$.ropa] Fix: upgrade ropa (pip install -U ropa), or write the file in format 1")),
        ("'1'", ("1:7: ROPA002 schema-violation: the format version must be the number 1, found the text '1' "
         "[$.ropa] Fix: write `ropa: 1` (a plain 1, without quotes)")),
        ("true", ("1:7: ROPA002 schema-violation: the format version must be the number 1, found the boolean "
         "true [$.ropa] Fix: write `ropa: 1` (a plain 1, without quotes)")),
        ("", ("1:6: ROPA002 schema-violation: the format version must be the number 1, found nothing (an "
         "empty value) [$.ropa] Fix: write `ropa: 1` (a plain 1, without quotes)")),
    ],
)
def test_the_format_version(written: str, expected: str) -> None:
    assert _lines(f"ropa: {written}\n") == [expected]


def test_an_activity_file_holds_one_activity() -> None:
    assert _lines("ropa: 1\nid: a\nname: A\nstatus: actve\n", "activity") == [
        ("4:9: ROPA002 schema-violation: 'actve' is not an allowed value for status [$.status] Fix: did you "
        "mean 'active'? Allowed: planned, active, retired")
    ]


def test_an_activity_file_may_hold_a_list_and_nothing_else() -> None:
    assert _lines("ropa: 1\nactivities:\n  - id: a\n    nam: A\nid: b\n", "activity") == [
        ("3:5: ROPA002 schema-violation: missing required key 'name' [$.activities[0]] Fix: add `name: …` to "
        "this item; an item cannot exist without it"),
        "4:5: ROPA002 schema-violation: unknown key 'nam' [$.activities[0].nam] Fix: did you mean 'name'?",
        "5:1: ROPA002 schema-violation: unknown key 'id' [$.id] Fix: allowed keys here: ropa, activities",
    ]


def test_a_processor_file_needs_the_version_id_and_name() -> None:
    assert _lines("service: Hosting\n", "processor") == [
        ("1:1: ROPA002 schema-violation: missing required key 'id' [$] Fix: add `id: …` to this item; an item "
        "cannot exist without it"),
        ("1:1: ROPA002 schema-violation: missing required key 'name' [$] Fix: add `name: …` to this item; an "
        "item cannot exist without it"),
        ("1:1: ROPA002 schema-violation: missing the format version `ropa: 1` [$] Fix: add `ropa: 1` as the "
        "first line of the file"),
    ]


def test_a_register_with_gaps_is_valid() -> None:
    text = (
        "ropa: 1\norganisation: {}\nsettings: {}\nsecurity_measures:\n  - {id: tls, description: TLS}\n"
        "processors:\n  - {id: p, name: P, dpa: {}, transfers: [{}]}\nactivities:\n  - id: a\n    name: A\n"
        "    purposes:\n      - {description: Sell}\n    personal_data:\n      - {category: other, "
        "retention: {}}\n"
        "    dpia: {}\n    automated_decision: {}\nprocessing_on_behalf:\n  - id: x\n"
    )
    assert _lines(text) == []


@pytest.mark.parametrize(
    ("kind", "comments_only", "expected"),
    [
        ("register", False, ("the file is empty [$] Fix: a register file starts with `ropa: 1` followed "
         "by its sections (organisation, activities, …)")),
        ("register", True, ("the file holds only comments, no data [$] Fix: a register file starts with "
         "`ropa: 1` followed by its sections (organisation, activities, …)")),
        ("activity", False, ("the file is empty [$] Fix: write `ropa: 1` and the activity's keys (id, "
         "name, …), or delete the file")),
        ("processor", True, ("the file holds only comments, no data [$] Fix: write `ropa: 1` and the "
         "processor's keys (id, name, …), or delete the file")),
    ],
)
def test_an_empty_file_says_what_a_file_of_its_kind_holds(kind: str, comments_only: bool,
                                                          expected: str) -> None:
    line = empty_file(kind, "f.yaml", comments_only).line()
    assert line == f"f.yaml:1:1: ROPA002 schema-violation: {expected}"
