"""JUnit XML: one case per rule and subject, failures, skipped suppressions, info as passing."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from ropa.reporters.junit import JunitReporter
from ropa.rules.catalogue import catalogue
from tests.unit.reporters.sample import MISSING_BASIS, sample_report


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def cases(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    return {(c.get("classname", ""), c.get("name", "")): c for c in root.iter("testcase")}


def test_counts_cover_every_enabled_rule() -> None:
    root = parse(JunitReporter().render(sample_report()))
    enabled = len(catalogue()) - 1  # ROPA408 is off in the sample configuration
    # five cases with findings (ROPA201 twice), one passing case per other enabled rule
    expected = 5 + (enabled - 4)
    suite = root.find("testsuite")
    assert suite is not None
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors"),
                element.get("skipped")) == (str(expected), "3", "0", "1")
    assert suite.get("name") == "ropa check registers"
    assert len(cases(root)) == expected
    assert ("ROPA408", "register") not in cases(root)
    assert ("ROPA301", "register") in cases(root)


def test_error_and_warning_findings_are_failures_with_message_and_location() -> None:
    found = cases(parse(JunitReporter().render(sample_report())))
    newsletter = found[("ROPA201", "activity:newsletter")]
    assert (newsletter.get("file"), newsletter.get("line")) == ("registers/acme.yaml", "12")
    failure = newsletter.find("failure")
    assert failure is not None
    assert failure.get("type") == "error"
    assert failure.get("message") == "the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis"
    assert failure.text == (
        "registers/acme.yaml:12:9: error ROPA201 legal-basis-missing [$.activities[0].purposes[0]]\n"
        "the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis\n"
        "Fix: add `legal_basis:`")
    organisation = found[("ROPA101", "organisation")].find("failure")
    assert organisation is not None and organisation.get("type") == "warning"
    loader = found[("ROPA002", "registers/other.yaml")].find("failure")
    assert loader is not None and loader.get("message") == "unknown key 'legal_bassis'"


def test_suppressed_findings_are_skipped_with_the_reason() -> None:
    accounts = cases(parse(JunitReporter().render(sample_report())))[("ROPA201", "activity:accounts")]
    assert [child.tag for child in accounts] == ["skipped"]
    assert accounts[0].get("message") == "basis under review with counsel"


def test_info_findings_pass_with_the_finding_in_system_out() -> None:
    stripe = cases(parse(JunitReporter().render(sample_report())))[("ROPA504", "processor:stripe")]
    assert [child.tag for child in stripe] == ["system-out"]
    assert stripe[0].text is not None and "processor 'stripe' is used by no activity" in stripe[0].text


def test_several_findings_of_one_rule_on_one_subject_make_one_case() -> None:
    second = dataclasses.replace(MISSING_BASIS, message="the purpose 'Mesurer' of 'newsletter' has no legal basis",
                                 location=dataclasses.replace(MISSING_BASIS.location, line=15))
    root = parse(JunitReporter().render(sample_report(findings=(MISSING_BASIS, second))))
    failure = cases(root)[("ROPA201", "activity:newsletter")].find("failure")
    assert failure is not None and failure.text is not None
    assert failure.get("message") == ("the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis "
                                      "(and 1 more)")
    assert failure.text.count("ROPA201 legal-basis-missing") == 2
    assert root.get("failures") == "1"


def test_a_clean_register_is_all_passing_cases() -> None:
    root = parse(JunitReporter().render(sample_report(findings=())))
    assert (root.get("failures"), root.get("skipped")) == ("0", "0")
    assert all(len(case) == 0 and case.get("name") == "register" for case in root.iter("testcase"))


def test_control_characters_from_a_register_do_not_break_the_xml() -> None:
    odd = dataclasses.replace(MISSING_BASIS, message="bell \x07 and <tag> & co")
    root = parse(JunitReporter().render(sample_report(findings=(odd,))))
    failure = cases(root)[("ROPA201", "activity:newsletter")].find("failure")
    assert failure is not None and failure.get("message") == "bell  and <tag> & co"
