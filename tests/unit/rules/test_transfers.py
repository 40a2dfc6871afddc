"""ROPA401-408: what a user sees for transfers outside the EEA (messages, severities,
lines, dates), beyond the example registers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa.loading import load
from ropa.model.enums import Exporter, Mechanism
from ropa.model.register import Activity, Processor, Register, Scc, Transfer
from ropa.rules.base import Context
from ropa.rules.catalogue.transfers import RULES, TransferWithoutSafeguard, UndeclaredTransfer
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
    check = run_rules(result.register, as_of=as_of, label="register.yaml", config=config)
    return [f for f in check.findings if f.rule == rule]


def one_transfer(transfer: str, owner: str = "processor") -> str:
    if owner == "activity":
        return f"activities:\n  - id: partners\n    name: Partenaires\n    transfers:\n      - {transfer}\n"
    return (f"processors:\n  - id: vendor\n    name: Vendor\n    country: FR\n"
            f"    transfers:\n      - {transfer}\n")


def test_missing_mechanism_message_location_and_fix(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, one_transfer("{country: IN, importer: Offshore Ltd}"), "ROPA401")
    assert finding.severity is Severity.ERROR
    assert finding.subject == "processor:vendor"
    assert finding.message == ("the transfer of processor 'vendor' to IN (Offshore Ltd) names no transfer "
                               "mechanism: no adequacy decision, Art. 46 safeguard or Art. 49 derogation "
                               "is recorded")
    assert finding.location.line == 7
    assert finding.location.path == "$.processors[0].transfers[0].mechanism"


def test_missing_mechanism_fix_points_to_the_adequacy_decision_when_one_covers_the_country(
        tmp_path: Path) -> None:
    [swiss] = findings(tmp_path, one_transfer("{country: CH}"), "ROPA401")
    assert swiss.fix is not None and swiss.fix.endswith("an adequacy decision covers Switzerland: "
                                                       "`mechanism: adequacy`")
    [us] = findings(tmp_path, one_transfer("{country: US}"), "ROPA401")
    assert us.fix is not None and "`dpf_certified: true` fits only if the importer is on the" in us.fix


@pytest.mark.parametrize("country", ["IE", "NO", "EL", "IS", "LI"])
def test_no_transfer_rule_fires_inside_the_eea(tmp_path: Path, country: str) -> None:
    text = (f"processors:\n  - id: vendor\n    name: Vendor\n    country: {country}\n"
            f"    locations: [{country}]\n    transfers:\n"
            f"      - {{country: {country}, mechanism: derogation, scc: {{module: 4}}}}\n")
    for rule in RULES:
        assert findings(tmp_path, text, rule.id) == [], rule.id


def test_the_eea_is_judged_at_the_as_of_date(tmp_path: Path) -> None:
    text = one_transfer("{country: GB}")
    assert findings(tmp_path, text, "ROPA401", as_of=date(2020, 12, 31)) == []
    assert len(findings(tmp_path, text, "ROPA401", as_of=date(2021, 1, 1))) == 1


def test_country_aliases_are_normalised() -> None:
    processor = Processor(id="vendor", name="Vendor", country="uk", locations=["UK", "el"],
                          transfers=[Transfer(country="GB", mechanism=Mechanism.ADEQUACY)])
    ctx = Context(register=Register(processors=[processor]), as_of=AS_OF)
    assert list(UndeclaredTransfer().check(ctx)) == []
    activity = Activity(id="a", transfers=[Transfer(country="el"), Transfer(country=" uk ")])
    ctx = Context(register=Register(activities=[activity]), as_of=AS_OF)
    assert [f.message for f in TransferWithoutSafeguard().check(ctx)] == [
        ("the transfer of activity 'a' to GB names no transfer mechanism: no adequacy decision, "
         "Art. 46 safeguard or Art. 49 derogation is recorded")]


def test_us_importer_without_dpf_certification_is_an_error(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, one_transfer("{country: US, mechanism: adequacy, dpf_certified: false}"),
                         "ROPA402")
    assert finding.severity is Severity.ERROR
    assert finding.location.path == "$.processors[0].transfers[0].dpf_certified"
    assert "covers only importers on the EU-US Data Privacy Framework List" in finding.message
    assert finding.message.endswith("but `dpf_certified` is false")


def test_us_importer_with_dpf_certification_passes(tmp_path: Path) -> None:
    text = one_transfer("{country: US, mechanism: adequacy, dpf_certified: true}")
    assert findings(tmp_path, text, "ROPA402") == []
    assert findings(tmp_path, text, "ROPA401") == []


def test_partial_scope_false_is_an_error_and_unknown_a_warning(tmp_path: Path) -> None:
    [out] = findings(tmp_path, one_transfer("{country: JP, mechanism: adequacy, adequacy_in_scope: false}"),
                     "ROPA402")
    assert out.severity is Severity.ERROR
    assert "the importer is outside its scope (`adequacy_in_scope: false`)" in out.message
    [unknown] = findings(tmp_path, one_transfer("{country: JP, mechanism: adequacy}"), "ROPA402")
    assert unknown.severity is Severity.WARNING
    assert "the scope must be confirmed" in unknown.message
    assert findings(tmp_path, one_transfer("{country: JP, mechanism: adequacy, adequacy_in_scope: true}"),
                    "ROPA402") == []


def test_uk_adequacy_expires_after_2031_12_27(tmp_path: Path) -> None:
    text = one_transfer("{country: UK, mechanism: adequacy}")
    assert findings(tmp_path, text, "ROPA402", as_of=date(2031, 12, 27)) == []
    [finding] = findings(tmp_path, text, "ROPA402", as_of=date(2031, 12, 28))
    assert finding.message.endswith("was in force only until 2031-12-27")


def test_no_decision_for_the_country(tmp_path: Path) -> None:
    [finding] = findings(tmp_path, one_transfer("{country: IN, mechanism: adequacy}"), "ROPA402")
    assert finding.message == ("the transfer of processor 'vendor' to IN relies on adequacy, but there is "
                               "no adequacy decision for IN")


def test_international_organisation_is_matched_by_name(tmp_path: Path) -> None:
    text = one_transfer("{international_organisation: EPO, mechanism: adequacy}", owner="activity")
    assert findings(tmp_path, text, "ROPA402") == []
    assert findings(tmp_path, text, "ROPA408")[0].subject == "activity:partners"


def test_module_mismatch_names_both_modules_and_the_reason(tmp_path: Path) -> None:
    text = one_transfer("{country: US, exporter: controller, mechanism: scc, tia: T,"
                        " scc: {module: 3, decision: '2021/914', signed: 2025-01-01}}")
    [finding] = findings(tmp_path, text, "ROPA403")
    assert finding.severity is Severity.WARNING
    assert finding.message == ("the transfer of processor 'vendor' to US uses module 3 (P2P), but module 2 "
                               "(C2P) fits: the controller exports to the processor's importer")
    assert finding.location.path == "$.processors[0].transfers[0].scc.module"


def test_module_not_stated_is_reported_with_the_module_that_fits(tmp_path: Path) -> None:
    text = one_transfer("{country: US, mechanism: scc, tia: T}", owner="activity")
    [finding] = findings(tmp_path, text, "ROPA403")
    assert finding.message == ("the transfer of activity 'partners' to US states no SCC module; module 1 "
                               "(C2C) fits: the activity's recipient abroad is a controller")
    assert finding.fix == "sign the clauses of the module that fits and write `scc: {module: 1}`"


def test_eea_processor_without_exporter_accepts_module_2_or_3() -> None:
    from ropa.rules.catalogue.transfers import SccModuleMismatch

    transfers = [Transfer(country="US", mechanism=Mechanism.SCC, scc=Scc(module=n)) for n in (2, 3)]
    processor = Processor(id="vendor", name="Vendor", country="IE", transfers=transfers)
    ctx = Context(register=Register(processors=[processor]), as_of=AS_OF)
    assert list(SccModuleMismatch().check(ctx)) == []
    processor.transfers = [Transfer(country="US", exporter=Exporter.PROCESSOR, mechanism=Mechanism.SCC,
                                    scc=Scc(module=2))]
    ctx = Context(register=Register(processors=[processor]), as_of=AS_OF)  # a new run
    [finding] = SccModuleMismatch().check(ctx)
    assert "but module 3 (P2P) fits: an EEA processor exports to its affiliate" in finding.message


@pytest.mark.parametrize(("as_of", "expected"), [(date(2022, 12, 27), 0), (date(2022, 12, 28), 1)])
def test_legacy_scc_fall_after_2022_12_27(tmp_path: Path, as_of: date, expected: int) -> None:
    text = one_transfer("{country: US, mechanism: scc, tia: T, scc: {decision: '2010/87', signed: 2020-01-01}}")
    assert len(findings(tmp_path, text, "ROPA404", as_of=as_of)) == expected


def test_no_decision_and_signed_before_2021_06_27_means_the_old_clauses(tmp_path: Path) -> None:
    old = one_transfer("{country: US, mechanism: scc, tia: T, scc: {module: 2, signed: 2021-06-26}}")
    new = one_transfer("{country: US, mechanism: scc, tia: T, scc: {module: 2, signed: 2021-06-27}}")
    [finding] = findings(tmp_path, old, "ROPA404")
    assert "the repealed standard contractual clauses (clauses signed 2021-06-26)" in finding.message
    assert findings(tmp_path, new, "ROPA404") == []


def test_privacy_shield_fails_from_the_day_of_the_judgment(tmp_path: Path) -> None:
    text = one_transfer("{country: US, mechanism: privacy_shield}")
    assert findings(tmp_path, text, "ROPA404", as_of=date(2020, 7, 15)) == []
    [finding] = findings(tmp_path, text, "ROPA404", as_of=date(2020, 7, 16))
    assert "EU-US Privacy Shield, invalidated on 2020-07-16" in finding.message
    assert findings(tmp_path, text, "ROPA401") == []


def test_tia_missing_only_for_scc_bcr_and_ad_hoc_clauses(tmp_path: Path) -> None:
    for mechanism, expected in (("scc", 1), ("bcr", 1), ("ad_hoc_clauses", 1), ("code_of_conduct", 0),
                                ("certification", 0), ("adequacy", 0)):
        text = one_transfer(f"{{country: CH, mechanism: {mechanism}, scc: {{module: 2}}}}")
        assert len(findings(tmp_path, text, "ROPA405")) == expected, mechanism


def test_derogation_on_a_processor_is_an_error_and_explicit_consent_a_warning(tmp_path: Path) -> None:
    [contract] = findings(tmp_path, one_transfer("{country: US, mechanism: derogation, "
                                                 "derogation: contract_performance}"), "ROPA406")
    assert contract.severity is Severity.ERROR
    assert contract.message == ("the transfer of processor 'vendor' to US is a processor's routine transfer, "
                                "yet rests on the Art. 49 derogation `contract_performance`: derogations "
                                "are for occasional transfers")
    [consent] = findings(tmp_path, one_transfer("{country: US, mechanism: derogation, "
                                                "derogation: explicit_consent}"), "ROPA406")
    assert consent.severity is Severity.WARNING


def test_explicit_consent_for_an_occasional_activity_transfer_passes(tmp_path: Path) -> None:
    text = one_transfer("{country: US, mechanism: derogation, derogation: explicit_consent}", owner="activity")
    for rule in ("ROPA401", "ROPA402", "ROPA403", "ROPA404", "ROPA405", "ROPA406"):
        assert findings(tmp_path, text, rule) == [], rule


def test_undeclared_location_points_at_the_location_item(tmp_path: Path) -> None:
    text = ("processors:\n  - id: vendor\n    name: Vendor\n    country: FR\n"
            "    locations:\n      - FR\n      - US\n      - US\n")
    [finding] = findings(tmp_path, text, "ROPA407")
    assert finding.message == ("processor 'vendor' processes or accesses data in US, outside the EEA, but "
                               "declares no transfer to US")
    assert (finding.location.line, finding.location.path) == (7, "$.processors[0].locations[1]")


def test_transfer_without_scc_is_info_and_can_be_raised(tmp_path: Path) -> None:
    text = one_transfer("{country: CH, mechanism: adequacy}")
    [info] = findings(tmp_path, text, "ROPA408")
    assert info.severity is Severity.INFO
    [raised] = findings(tmp_path, text, "ROPA408", config=Config(severities={"ROPA408": Severity.ERROR}))
    assert raised.severity is Severity.ERROR
