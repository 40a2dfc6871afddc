"""The exact facts the rules depend on, as ropa.reference answers them."""

from __future__ import annotations

from datetime import date

import pytest

from ropa import reference as ref
from ropa.model.enums import Art9Condition, Derogation, DpiaCriterion, LegalBasis

COMPILED = date(2026, 11, 26)


# --- countries ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [("EL", "GR"), ("el", "GR"), ("UK", "GB"), (" fr ", "FR"), ("gb", "GB"), ("US", "US")],
)
def test_normalise_country(given: str, expected: str) -> None:
    assert ref.normalise_country(given) == expected


def test_eea_membership_on_dates() -> None:
    assert ref.is_eea("FR", COMPILED)
    assert ref.is_eea("NO", COMPILED)  # an EFTA state party to the EEA
    assert ref.is_eea("EL", COMPILED)  # Greece under its EU code
    assert not ref.is_eea("CH", COMPILED)  # EFTA, not EEA
    assert ref.is_eea("GB", date(2020, 12, 31))  # last day of the transition period
    assert not ref.is_eea("GB", date(2021, 1, 1))
    assert not ref.is_eea("UK", COMPILED)


def test_eea_members_counts_thirty_now_and_thirty_one_in_2020() -> None:
    now = ref.eea_members(COMPILED)
    assert len(now) == 30
    assert now == sorted(now)
    assert "GB" not in now and "GR" in now and {"IS", "LI", "NO"} <= set(now)
    assert ref.eea_members(date(2020, 6, 1)) == sorted([*now, "GB"])


def test_digital_consent_age() -> None:
    france = ref.digital_consent_age("fr")
    assert (france.country, france.age, france.default) == ("FR", 15, False)
    assert ref.digital_consent_age("EL").age == 15
    assert ref.digital_consent_age("DE").age == 16
    assert ref.digital_consent_age("BE").age == 13
    assert len(ref.consent_ages()) == 30


def test_unknown_country_falls_back_to_the_gdpr_default() -> None:
    age = ref.digital_consent_age("US")
    assert (age.country, age.age, age.default) == ("US", 16, True)
    assert age.note == "US is not listed in ages.yaml: the GDPR default of Art. 8(1) (16) applies"
    assert age.sources == ref.default_consent_age().sources


def test_supervisory_authority() -> None:
    cnil = ref.supervisory_authority("FR")
    assert cnil is not None
    assert cnil.website == "https://www.cnil.fr"
    assert "CNIL" in cnil.name
    assert ref.supervisory_authority("el") is not None
    assert ref.supervisory_authority("US") is None
    assert len(ref.supervisory_authorities()) == 30


# --- adequacy -----------------------------------------------------------------------------


def test_uk_adequacy_in_force_until_its_expiry() -> None:
    for day in (COMPILED, date(2031, 12, 27)):
        decision = ref.adequacy_decision("UK", day)
        assert decision is not None and decision.country == "GB"
        assert decision.expiry == date(2031, 12, 27)
    assert ref.adequacy_decision("GB", date(2031, 12, 28)) is None
    assert ref.adequacy_decision("GB", date(2021, 6, 27)) is None  # before its adoption


def test_brazil_adequacy_from_its_adoption() -> None:
    assert ref.adequacy_decision("BR", date(2025, 12, 31)) is None
    brazil = ref.adequacy_decision("BR", date(2026, 2, 1))
    assert brazil is not None and brazil.adopted == date(2026, 1, 26)


def test_us_adequacy_needs_dpf_certification() -> None:
    us = ref.adequacy_decision("US", COMPILED)
    assert us is not None
    assert us.requires_certification and us.partial_scope
    assert us.certification is not None and "Data Privacy Framework" in us.certification


@pytest.mark.parametrize("country", ["CA", "JP", "KR", "IL", "UY", "FO"])
def test_partial_scopes(country: str) -> None:
    decision = ref.adequacy_decision(country, COMPILED)
    assert decision is not None and decision.partial_scope
    assert not decision.requires_certification


@pytest.mark.parametrize("country", ["CH", "GB", "NZ", "AR", "AD", "GG", "JE", "IM", "BR"])
def test_full_scopes(country: str) -> None:
    decision = ref.adequacy_decision(country, COMPILED)
    assert decision is not None and not decision.partial_scope


def test_canada_covers_pipeda_only() -> None:
    canada = ref.adequacy_decision("CA", COMPILED)
    assert canada is not None and "PIPEDA" in canada.scope


def test_seventeen_decisions_and_none_for_other_countries() -> None:
    decisions = ref.adequacy_decisions()
    assert len(decisions) == 17
    assert [d.id for d in decisions] == sorted(d.id for d in decisions)
    assert ref.adequacy_decision("IN", COMPILED) is None
    assert ref.adequacy_decision("FR", COMPILED) is None


@pytest.mark.parametrize(
    "name",
    ["EPO", "EPOrg", "European Patent Office", "european patent organisation",
     "European Patent Organization", "  E.P.O.  "],
)
def test_epo_found_by_name_or_alias(name: str) -> None:
    decision = ref.adequacy_for_organisation(name, COMPILED)
    assert decision is not None
    assert (decision.id, decision.country, decision.entity_type) == (
        "INTORG-EPO", None, "international_organisation")


def test_epo_not_before_its_decision_and_no_other_organisation() -> None:
    assert ref.adequacy_for_organisation("EPO", date(2025, 7, 14)) is None
    assert ref.adequacy_for_organisation("World Health Organization", COMPILED) is None
    assert ref.adequacy_for_organisation("United Kingdom", COMPILED) is None


def test_invalidated_decisions() -> None:
    shield = ref.invalidated_decision("privacy_shield")
    harbour = ref.invalidated_decision("safe_harbour")
    assert shield is not None and shield.invalidated == date(2020, 7, 16)
    assert harbour is not None and harbour.invalidated == date(2015, 10, 6)
    assert ref.invalidated_decision("scc") is None


def test_every_adequacy_decision_has_its_french() -> None:
    for decision in ref.adequacy_decisions():
        assert decision.place_fr and decision.reference_fr, decision.id
        if decision.partial_scope:
            assert decision.scope_fr, decision.id
        assert bool(decision.certification_fr) == decision.requires_certification, decision.id
    switzerland = ref.adequacy_decision("CH", COMPILED)
    assert switzerland is not None and switzerland.place_fr == "la Suisse"
    assert switzerland.reference_fr == "décision 2000/518/CE de la Commission"
    us = ref.adequacy_decision("US", COMPILED)
    assert us is not None and us.scope_fr is not None and "\u00a0; " in us.scope_fr
    for struck in ref.invalidated_decisions():
        assert struck.name_fr and struck.judgment_fr, struck.mechanism
    shield = ref.invalidated_decision("privacy_shield")
    harbour = ref.invalidated_decision("safe_harbour")
    assert shield is not None and shield.gender_fr == "masculine"
    assert harbour is not None and harbour.gender_fr == "feminine"


# --- SCCs ---------------------------------------------------------------------------------


def test_scc_modules() -> None:
    codes = {m.module: (m.code, m.exporter_role, m.importer_role) for m in ref.scc_modules()}
    assert codes[1] == ("C2C", "controller", "controller")
    assert codes[2] == ("C2P", "controller", "processor")
    assert ref.scc_module(3).code == "P2P"
    assert ref.scc_module(4).code == "P2C"
    with pytest.raises(ValueError, match="modules 1 to 4, not 5"):
        ref.scc_module(5)


def test_scc_dates() -> None:
    dates = ref.scc_dates()
    assert dates.usable_from == date(2021, 6, 27)
    assert dates.legacy_repealed == date(2021, 9, 27)
    assert dates.legacy_grandfathering_end == date(2022, 12, 27)
    assert [d.id for d in ref.scc_decisions()] == ["2021/914", "2010/87", "2004/915", "2001/497"]


@pytest.mark.parametrize(
    ("decision", "signed", "legacy"),
    [
        ("2010/87", None, True),
        ("2010/87/EU", date(2022, 1, 1), True),  # the decision wins over the date
        ("2004/915", None, True),
        ("Decision 2001/497/EC", None, True),
        ("2021/914", date(2020, 1, 1), False),
        ("Implementing Decision (EU) 2021/914", None, False),
        (None, date(2021, 6, 26), True),
        (None, date(2021, 6, 27), False),
        (None, None, False),
        ("the new clauses", date(2021, 6, 1), True),  # no readable number: the date decides
    ],
)
def test_is_legacy_scc(decision: str | None, signed: date | None, legacy: bool) -> None:
    assert ref.is_legacy_scc(decision, signed) is legacy


# --- retention ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "days"),
    [("P12M", 365), ("P1Y", 365), ("P1M", 30), ("P13M", 396), ("P25M", 761), ("P3Y", 1096),
     ("P36M", 1096), ("P10Y", 3653), ("P30D", 30), ("P2W", 14), ("P1Y6M", 548), ("PT36H", 2)],
)
def test_duration_days(iso: str, days: int) -> None:
    assert ref.duration_days(iso) == days


@pytest.mark.parametrize("bad", ["", "P", "12M", "P1.5Y", "PT", "P1Y2"])
def test_duration_days_rejects_what_is_not_a_duration(bad: str) -> None:
    with pytest.raises(ValueError, match="is not an ISO 8601 duration"):
        ref.duration_days(bad)


@pytest.mark.parametrize(
    ("kind", "maximum"),
    [("security_logs", "P12M"), ("video_surveillance", "P1M"), ("recruitment", "P2Y"),
     ("prospecting", "P3Y"), ("accounting", "P10Y"), ("audience_measurement", "P25M"),
     ("payroll", "P5Y"), ("health_care", "P20Y")],
)
def test_retention_limit(kind: str, maximum: str) -> None:
    limit = ref.retention_limit(kind)
    assert limit is not None and limit.max == maximum
    assert limit.max_days == ref.duration_days(maximum)


def test_security_logs_reference_admits_three_years_when_justified() -> None:
    [logs] = ref.retention_references("security_logs")
    assert (logs.max, logs.max_days, logs.max_justified, logs.max_justified_days) == (
        "P12M", 365, "P3Y", 1096)


def test_cookie_lifetime_is_listed_but_does_not_limit_retention() -> None:
    found = {r.id: r for r in ref.retention_references("audience_measurement")}
    assert found["audience_cookies"].max == "P13M"
    assert found["audience_cookies"].limits == "cookie_lifetime"
    assert found["audience_data"].max == "P25M"


def test_no_limit_where_the_reference_is_not_a_fixed_figure() -> None:
    assert ref.retention_limit("customer_management") is None  # duration of the contract
    assert ref.retention_limit("customer_management", "financial") is None  # subscriptions
    assert ref.retention_limit("staff_management") is None  # duration of employment
    assert ref.retention_limit("research") is None  # no reference at all
    assert ref.retention_references("other") == []


def test_category_references_apply_only_to_their_category() -> None:
    ids = {r.id for r in ref.retention_references("customer_management")}
    assert ids == {"customers"}
    with_financial = {r.id for r in ref.retention_references("customer_management", "financial")}
    assert with_financial == {"customers", "card_single_payment", "card_subscription",
                              "card_stored_for_future"}


# --- lawfulness, derogations, DPIA --------------------------------------------------------


def test_every_enum_value_has_exactly_one_entry() -> None:
    assert [b.id for b in ref.legal_bases()] == list(LegalBasis)
    assert [c.id for c in ref.art9_conditions()] == list(Art9Condition)
    assert sorted(d.id for d in ref.derogations()) == sorted(Derogation)
    assert [c.id for c in ref.dpia_criteria()] == list(DpiaCriterion)


def test_lawfulness_facts() -> None:
    assert ref.legal_basis("legitimate_interests").public_authority_use is False
    assert ref.legal_basis("legitimate_interests").article == "Art. 6(1)(f)"
    assert ref.legal_basis("consent").label_fr == "consentement"
    assert {b.id for b in ref.legal_bases() if b.requires_law} == {
        LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK}
    assert ref.art9_condition("health_care").article == "Art. 9(2)(h)"
    with pytest.raises(KeyError, match="no Art. 6\\(1\\) legal basis 'whim'"):
        ref.legal_basis("whim")


def test_derogations_barred_to_public_authorities() -> None:
    barred = {d.id for d in ref.derogations() if not d.public_authority_use}
    assert barred == {Derogation.EXPLICIT_CONSENT, Derogation.CONTRACT_PERFORMANCE,
                      Derogation.PRE_CONTRACT, Derogation.THIRD_PARTY_CONTRACT,
                      Derogation.COMPELLING_LEGITIMATE_INTERESTS}
    assert ref.derogation("public_register").article == "Art. 49(1)(g)"
    assert len(ref.derogation("compelling_legitimate_interests").conditions) == 8


def test_dpia_lists() -> None:
    assert ref.dpia_threshold() == 2
    assert [c.n for c in ref.dpia_criteria()] == list(range(1, 10))
    mandatory, exempt = ref.cnil_dpia_mandatory(), ref.cnil_dpia_exempt()
    assert [t.n for t in mandatory] == list(range(1, 15))
    assert [t.n for t in exempt] == list(range(1, 13))
    assert {t.cnil_list for t in mandatory} == {"mandatory"}
    assert all("2018-327" in t.instrument for t in mandatory)
    assert all("2019-118" in t.instrument for t in exempt)
    assert all(t.label_fr and t.label_en for t in [*mandatory, *exempt])
