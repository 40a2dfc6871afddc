"""ROPA401-408: what a user sees for transfers outside the EEA (messages, severities,
lines, dates), beyond the example registers."""

from __future__ import annotations

import re
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


def only(tmp_path: Path, text: str, rule: str, as_of: date = AS_OF) -> Finding:
    [finding] = findings(tmp_path, text, rule, as_of=as_of)
    assert finding.message_in("fr") == finding.message_fr and finding.fix_in("fr") == finding.fix_fr
    return finding


NBSP = "\u00a0"
TOOLS_FR = "`scc` avec `scc: {module, decision: \"2021/914\", signed}`, `bcr` ou `ad_hoc_clauses`"
DEROGATION_FIX_FR = ("signer les CCT de la décision d'exécution (UE) 2021/914 (`mechanism: scc`, module 2, ou 3 "
                     "pour le transfert ultérieur d'un sous-traitant de l'EEE), ou s'appuyer sur une décision "
                     "d'adéquation")


def test_missing_mechanism_message_location_and_fix(tmp_path: Path) -> None:
    finding = only(tmp_path, one_transfer("{country: IN, importer: Offshore Ltd}"), "ROPA401")
    assert finding.severity is Severity.ERROR
    assert finding.subject == "processor:vendor"
    assert finding.message == ("the transfer of processor 'vendor' to IN (Offshore Ltd) names no transfer "
                               "mechanism: no adequacy decision, Art. 46 safeguard or Art. 49 derogation "
                               "is recorded")
    assert finding.location.line == 7
    assert finding.location.path == "$.processors[0].transfers[0].mechanism"
    assert finding.message_fr == (
        f"le transfert du sous-traitant 'vendor' hors de l'EEE (Inde, Offshore Ltd) n'indique aucun "
        f"mécanisme de transfert{NBSP}: ni décision d'adéquation, ni garantie appropriée (art. 46), ni "
        "dérogation (art. 49) n'est enregistrée")
    assert finding.fix_fr == (f"ajouter `mechanism:`{NBSP}: {TOOLS_FR}{NBSP}; `derogation` seulement pour un "
                              "transfert occasionnel")


def test_missing_mechanism_fix_points_to_the_adequacy_decision_when_one_covers_the_country(
        tmp_path: Path) -> None:
    [swiss] = findings(tmp_path, one_transfer("{country: CH}"), "ROPA401")
    assert swiss.fix is not None and swiss.fix.endswith("an adequacy decision covers Switzerland: "
                                                       "`mechanism: adequacy`")
    us = only(tmp_path, one_transfer("{country: US}"), "ROPA401")
    assert us.fix is not None and "`dpf_certified: true` fits only if the importer is on the" in us.fix
    assert us.fix_fr is not None and us.fix_fr.endswith(
        f"{NBSP}; `mechanism: adequacy` avec `dpf_certified: true` ne convient que si l'importateur figure "
        "sur la liste du cadre de protection des données UE-États-Unis (Data Privacy Framework List, tenue "
        "par le ministère du Commerce des États-Unis)")


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
    finding = only(tmp_path, one_transfer("{country: US, mechanism: adequacy, dpf_certified: false}"), "ROPA402")
    assert finding.severity is Severity.ERROR
    assert finding.location.path == "$.processors[0].transfers[0].dpf_certified"
    assert "covers only importers on the EU-US Data Privacy Framework List" in finding.message
    assert finding.message.endswith("but `dpf_certified` is false")
    assert finding.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) repose sur la décision d'adéquation "
        "pour les États-Unis, qui ne couvre que les importateurs inscrits sur la liste du cadre de protection "
        "des données UE-États-Unis (Data Privacy Framework List, tenue par le ministère du Commerce des "
        "États-Unis), mais `dpf_certified: false` est indiqué")
    assert finding.fix_fr == ("vérifier l'inscription de l'importateur sur https://www.dataprivacyframework.gov "
                              "et écrire "
                              f"`dpf_certified: true`{NBSP}; sinon, utiliser `mechanism: scc`")


def test_us_importer_with_dpf_certification_passes(tmp_path: Path) -> None:
    text = one_transfer("{country: US, mechanism: adequacy, dpf_certified: true}")
    assert findings(tmp_path, text, "ROPA402") == []
    assert findings(tmp_path, text, "ROPA401") == []


def test_partial_scope_false_is_an_error_and_unknown_a_warning(tmp_path: Path) -> None:
    fix_fr = ("écrire `adequacy_in_scope: true` après avoir vérifié que l'importateur entre dans le champ de la "
              f"décision (secteur privé{NBSP}: entreprises qui traitent des informations personnelles, soumises "
              f"à l'APPI et aux règles complémentaires de la PPC{NBSP}; secteur public non couvert)"
              f"{NBSP}; sinon, utiliser `mechanism: scc`")
    out = only(tmp_path, one_transfer("{country: JP, mechanism: adequacy, adequacy_in_scope: false}"), "ROPA402")
    assert out.severity is Severity.ERROR
    assert "the importer is outside its scope (`adequacy_in_scope: false`)" in out.message
    assert out.message_fr == ("le transfert du sous-traitant 'vendor' hors de l'EEE (Japon) repose sur la "
                              "décision d'adéquation pour le Japon, mais l'importateur n'entre pas dans son "
                              "champ (`adequacy_in_scope: false`)")
    assert out.fix_fr == fix_fr
    unknown = only(tmp_path, one_transfer("{country: JP, mechanism: adequacy}"), "ROPA402")
    assert unknown.severity is Severity.WARNING  # the warning is a copy: it keeps its French
    assert "the scope must be confirmed" in unknown.message
    assert unknown.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (Japon) repose sur la décision d'adéquation "
        f"pour le Japon, qui ne couvre qu'une partie du pays{NBSP}: il faut confirmer que l'importateur "
        "entre dans son champ (`adequacy_in_scope` n'est pas renseigné)")
    assert unknown.fix_fr == fix_fr
    assert findings(tmp_path, one_transfer("{country: JP, mechanism: adequacy, adequacy_in_scope: true}"),
                    "ROPA402") == []


def test_uk_adequacy_expires_after_2031_12_27(tmp_path: Path) -> None:
    text = one_transfer("{country: UK, mechanism: adequacy}")
    assert findings(tmp_path, text, "ROPA402", as_of=date(2031, 12, 27)) == []
    finding = only(tmp_path, text, "ROPA402", as_of=date(2031, 12, 28))
    assert finding.message.endswith("was in force only until 2031-12-27")
    assert finding.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (Royaume-Uni) repose sur une décision "
        "d'adéquation, mais la décision d'adéquation pour le Royaume-Uni (décision d'exécution (UE) 2021/1772 "
        "de la Commission (RGPD), modifiée par les décisions d'exécution (UE) 2025/1226 et (UE) 2025/2574) "
        "n'était en vigueur que jusqu'au 2031-12-27")


def test_no_decision_for_the_country(tmp_path: Path) -> None:
    finding = only(tmp_path, one_transfer("{country: IN, mechanism: adequacy}"), "ROPA402")
    assert finding.message == ("the transfer of processor 'vendor' to IN relies on adequacy, but there is "
                               "no adequacy decision for IN")
    assert finding.message_fr == ("le transfert du sous-traitant 'vendor' hors de l'EEE (Inde) repose sur une "
                                  "décision d'adéquation, mais il n'existe aucune décision d'adéquation pour "
                                  "ce pays")
    assert finding.fix_fr == f"s'appuyer plutôt sur une garantie appropriée (art. 46){NBSP}: {TOOLS_FR}"


def test_international_organisation_is_matched_by_name(tmp_path: Path) -> None:
    text = one_transfer("{international_organisation: EPO, mechanism: adequacy}", owner="activity")
    assert findings(tmp_path, text, "ROPA402") == []
    assert findings(tmp_path, text, "ROPA408")[0].subject == "activity:partners"


def test_module_mismatch_names_both_modules_and_the_reason(tmp_path: Path) -> None:
    text = one_transfer("{country: US, exporter: controller, mechanism: scc, tia: T,"
                        " scc: {module: 3, decision: '2021/914', signed: 2025-01-01}}")
    finding = only(tmp_path, text, "ROPA403")
    assert finding.severity is Severity.WARNING
    assert finding.message == ("the transfer of processor 'vendor' to US uses module 3 (P2P), but module 2 "
                               "(C2P) fits: the controller exports to the processor's importer")
    assert finding.location.path == "$.processors[0].transfers[0].scc.module"
    assert finding.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) utilise le module 3 (P2P), mais "
        f"c'est le module 2 (C2P) qui convient{NBSP}: le responsable du traitement exporte vers l'importateur "
        "du sous-traitant")
    assert finding.fix_fr == ("signer les clauses du module qui convient et écrire `scc: {module: 2}`"
                              f"{NBSP}; si c'est `exporter` qui est erroné, le corriger")


def test_module_not_stated_is_reported_with_the_module_that_fits(tmp_path: Path) -> None:
    text = one_transfer("{country: US, mechanism: scc, tia: T}", owner="activity")
    finding = only(tmp_path, text, "ROPA403")
    assert finding.message == ("the transfer of activity 'partners' to US states no SCC module; module 1 "
                               "(C2C) fits: the activity's recipient abroad is a controller")
    assert finding.fix == "sign the clauses of the module that fits and write `scc: {module: 1}`"
    assert finding.message_fr == (
        f"le transfert de l'activité 'partners' hors de l'EEE (États-Unis) n'indique aucun module des CCT{NBSP}; "
        f"c'est le module 1 (C2C) qui convient{NBSP}: le destinataire de l'activité à l'étranger est un "
        "responsable du traitement")
    assert finding.fix_fr == "signer les clauses du module qui convient et écrire `scc: {module: 1}`"


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
    finding = only(tmp_path, old, "ROPA404")
    assert "the repealed standard contractual clauses (clauses signed 2021-06-26)" in finding.message
    assert finding.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) repose sur les clauses "
        "contractuelles types abrogées (clauses signées le 2021-06-26), valables seulement jusqu'au 2022-12-27")
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
    consent = only(tmp_path, one_transfer("{country: US, mechanism: derogation, derogation: explicit_consent}"),
                   "ROPA406")
    assert consent.severity is Severity.WARNING  # the warning is a copy: it keeps its French
    assert consent.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) est un transfert habituel d'un "
        "sous-traitant, mais repose sur la dérogation `explicit_consent` (art. 49)"
        f"{NBSP}: les dérogations sont réservées aux transferts occasionnels")
    assert consent.fix_fr == DEROGATION_FIX_FR


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
    info = only(tmp_path, text, "ROPA408")
    assert info.severity is Severity.INFO
    assert info.message_fr == ("le transfert du sous-traitant 'vendor' hors de l'EEE (Suisse) repose sur "
                               "`adequacy`, et non sur des clauses contractuelles types")
    assert info.fix_fr == (f"dans le cadre d'une politique «{NBSP}CCT partout{NBSP}», signer les CCT de la "
                           "décision d'exécution (UE) 2021/914 et écrire `mechanism: scc`"
                           f"{NBSP}; sinon, rien à faire")
    [raised] = findings(tmp_path, text, "ROPA408", config=Config(severities={"ROPA408": Severity.ERROR}))
    assert raised.severity is Severity.ERROR


# --- the French of every message and fix ---------------------------------------------------

# Words of English that must not remain in the French (outside backticks and quotes).
ENGLISH = re.compile(r"\b(the|has|have|is|are|was|were|with|without|and|no|not|of|its|for|to|by|in|which"
                     r"|from|only|until|amended|decision|court|justice)\b", re.IGNORECASE)


def test_missing_mechanism_fix_in_french_names_the_adequacy_decision(tmp_path: Path) -> None:
    swiss = only(tmp_path, one_transfer("{country: CH}", owner="activity"), "ROPA401")
    assert swiss.message_fr is not None
    assert swiss.message_fr.startswith("le transfert de l'activité 'partners' hors de l'EEE (Suisse) n'indique")
    assert swiss.fix_fr == (f"ajouter `mechanism:`{NBSP}: {TOOLS_FR}{NBSP}; `derogation` seulement pour un "
                            f"transfert occasionnel{NBSP}; une décision d'adéquation couvre la Suisse{NBSP}: "
                            "`mechanism: adequacy`")


def test_derogation_not_named_in_french(tmp_path: Path) -> None:
    finding = only(tmp_path, one_transfer("{country: US, recipient: Org, mechanism: derogation}",
                                          owner="activity"), "ROPA401")
    assert finding.message == ("the transfer of activity 'partners' to US (Org) rests on an Art. 49 derogation "
                               "but does not say which")
    assert finding.message_fr == ("le transfert de l'activité 'partners' hors de l'EEE (États-Unis, Org) repose "
                                  "sur une dérogation (art. 49) sans préciser laquelle")
    assert finding.fix_fr == ("ajouter `derogation:` (explicit_consent, contract_performance, pre_contract, "
                              "public_interest, third_party_contract, legal_claims, vital_interests, "
                              "public_register ou compelling_legitimate_interests)")


def test_destinations_in_french() -> None:
    transfers = [Transfer(international_organisation="EPO", recipient="EPO"),
                 Transfer(international_organisation="OMS", importer="Bureau"),
                 Transfer(importer="X Ltd"), Transfer(), Transfer(country="kr")]
    ctx = Context(register=Register(activities=[Activity(id="a", transfers=transfers)]), as_of=AS_OF)
    assert [f.message_fr.split(" n'indique")[0] for f in TransferWithoutSafeguard().check(ctx)
            if f.message_fr] == [
        "le transfert de l'activité 'a' vers l'organisation internationale 'EPO'",
        "le transfert de l'activité 'a' vers l'organisation internationale 'OMS' (Bureau)",
        "le transfert de l'activité 'a' vers un pays non précisé (X Ltd)",
        "le transfert de l'activité 'a' vers un pays non précisé",
        "le transfert de l'activité 'a' hors de l'EEE (République de Corée)",
    ]


def test_processing_on_behalf_is_named_in_french(tmp_path: Path) -> None:
    text = ("processing_on_behalf:\n  - id: client-work\n    controller: {name: Client X, contact: a@b.example}\n"
            "    categories_of_processing: [support]\n    transfers:\n      - {country: MA, importer: Maroc SARL}\n")
    finding = only(tmp_path, text, "ROPA401")
    assert finding.message_fr is not None and finding.message_fr.startswith(
        "le transfert du traitement 'client-work', effectué pour le compte d'un client, hors de l'EEE (Maroc, "
        "Maroc SARL) n'indique aucun mécanisme de transfert")


def test_country_names_in_french() -> None:
    from ropa.rules.french import country_fr

    assert [country_fr(code) for code in ("IN", "uk", "EL", "KR", "IR", "FK", "TW", "SH", "VI", "XX")] == [
        "Inde", "Royaume-Uni", "Grèce", "République de Corée", "République islamique d'Iran",
        "Îles Malouines (Falkland)", "Taïwan", "Sainte-Hélène, Ascension et Tristan da Cunha",
        "Îles Vierges, États-Unis", "XX"]


def test_every_adequacy_decision_reads_in_french() -> None:
    from ropa.reference import adequacy_decisions
    from ropa.rules.catalogue.transfers import certification_fr, place_fr, reference_fr, scope_fr

    for decision in adequacy_decisions():
        texts = [place_fr(decision), reference_fr(decision)]
        if decision.requires_certification:
            texts.append(certification_fr(decision))
        if decision.partial_scope:
            texts.append(scope_fr(decision))
        for text in texts:
            assert not ENGLISH.findall(re.sub(r"\([^()]*\)", " ", text)), (decision.id, text)
            assert not re.search(r"[^\u00a0][:;]\s", text), (decision.id, text)
    by_id = {decision.id: decision for decision in adequacy_decisions()}
    assert [place_fr(by_id[code]) for code in ("CH", "US", "IL", "FO", "IM", "KR", "INTORG-EPO")] == [
        "la Suisse", "les États-Unis", "Israël", "les îles Féroé", "l'île de Man", "la République de Corée",
        "l'Organisation européenne des brevets"]
    assert reference_fr(by_id["GB"]) == (
        "décision d'exécution (UE) 2021/1772 de la Commission (RGPD), modifiée par les décisions d'exécution "
        "(UE) 2025/1226 et (UE) 2025/2574")
    assert reference_fr(by_id["CH"]) == "décision 2000/518/CE de la Commission"


def test_adequacy_french_falls_back_when_the_data_has_none() -> None:
    import dataclasses

    from ropa.reference import adequacy_decisions, invalidated_decision
    from ropa.rules.catalogue.transfers import (
        certification_fr,
        place_fr,
        reference_fr,
        scope_fr,
        struck_down_fr,
    )

    by_id = {decision.id: dataclasses.replace(decision, place_fr=None, scope_fr=None,
                                              certification_fr=None, reference_fr=None)
             for decision in adequacy_decisions()}
    assert [place_fr(by_id[code]) for code in ("CH", "FO", "KR", "INTORG-EPO")] == [
        "Suisse", "Îles Féroé", "République de Corée",
        "l'organisation internationale 'European Patent Organisation'"]
    assert scope_fr(by_id["UY"]) == f"«{NBSP}automated processing of personal data{NBSP}»"
    assert certification_fr(by_id["US"]) == (
        f"la liste «{NBSP}EU-US Data Privacy Framework List (US Department of Commerce){NBSP}»")
    assert reference_fr(by_id["CH"]) == f"«{NBSP}Commission Decision 2000/518/EC{NBSP}»"
    shield = invalidated_decision("privacy_shield")
    assert shield is not None
    assert struck_down_fr(shield) == (
        "le bouclier de protection des données UE-États-Unis (Privacy Shield), invalidé le 2020-07-16 "
        "(Cour de justice (grande chambre), C-311/18, Facebook Ireland et Schrems (Schrems II))")
    bare = dataclasses.replace(shield, name_fr=None, gender_fr=None, judgment_fr=None)
    assert struck_down_fr(bare) == (
        f"la décision «{NBSP}EU-US Privacy Shield{NBSP}», invalidée le 2020-07-16 («{NBSP}Court of "
        f"Justice (Grand Chamber), C-311/18 Facebook Ireland and Schrems (Schrems II){NBSP}»)")


def test_adequacy_without_decision_for_an_organisation_or_no_country_in_french(tmp_path: Path) -> None:
    organisation = only(tmp_path, one_transfer("{international_organisation: OMS, mechanism: adequacy}",
                                               owner="activity"), "ROPA402")
    assert organisation.message_fr == (
        "le transfert de l'activité 'partners' vers l'organisation internationale 'OMS' repose sur une "
        "décision d'adéquation, mais aucune décision d'adéquation en vigueur ne couvre l'organisation "
        "internationale 'OMS'")
    nowhere = only(tmp_path, one_transfer("{importer: X, mechanism: adequacy}"), "ROPA402")
    assert nowhere.message_fr == (
        "le transfert du sous-traitant 'vendor' vers un pays non précisé (X) repose sur une décision "
        "d'adéquation, mais le transfert n'indique aucun pays (`country`) pour lequel rechercher une décision")


def test_adequacy_not_yet_in_force_in_french(tmp_path: Path) -> None:
    early = only(tmp_path, one_transfer("{country: BR, mechanism: adequacy}"), "ROPA402", as_of=date(2026, 1, 25))
    assert early.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (Brésil) repose sur une décision d'adéquation, "
        "mais la décision d'adéquation pour le Brésil (décision d'exécution (UE) 2026/179 de la Commission "
        f"(C(2026) 373{NBSP}; JO L du 28.1.2026)) ne s'applique qu'à compter du 2026-01-26")


def test_dpf_certification_unknown_in_french(tmp_path: Path) -> None:
    unknown = only(tmp_path, one_transfer("{country: US, mechanism: adequacy}"), "ROPA402")
    assert unknown.message_fr is not None
    assert unknown.message_fr.endswith(", mais `dpf_certified` n'est pas renseigné")


@pytest.mark.parametrize(("country", "exporter", "module", "why", "fits"), [
    ("IE", None, 1, "un sous-traitant reçoit les données (`exporter` n'est pas renseigné)",
     "le module 2 (C2P) ou le module 3 (P2P)"),
    ("IE", Exporter.PROCESSOR, 2, ("un sous-traitant de l'EEE exporte vers sa filiale ou son sous-traitant "
                                   "ultérieur"), "le module 3 (P2P)"),
    ("US", Exporter.PROCESSOR, 3, ("le sous-traitant 'vendor' est établi hors de l'EEE (États-Unis), c'est "
                                   "donc le responsable du traitement qui exporte vers lui"), "le module 2 (C2P)"),
])
def test_module_reasons_for_a_processor_in_french(country: str, exporter: Exporter | None, module: int,
                                                  why: str, fits: str) -> None:
    from ropa.rules.catalogue.transfers import SccModuleMismatch

    transfer = Transfer(country="US", exporter=exporter, mechanism=Mechanism.SCC, scc=Scc(module=module))
    processor = Processor(id="vendor", name="Vendor", country=country, transfers=[transfer])
    [finding] = SccModuleMismatch().check(Context(register=Register(processors=[processor]), as_of=AS_OF))
    stated = f"utilise le module {module} ({['C2C', 'C2P', 'P2P'][module - 1]}), mais"
    assert finding.message_fr == (f"le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) {stated} "
                                  f"c'est {fits} qui convient{NBSP}: {why}")
    if " ou " in fits:
        assert finding.fix_fr == ("signer les clauses du module qui convient et écrire `scc: {module: 2}` (ou "
                                  f"l'autre module indiqué){NBSP}; si c'est `exporter` qui est erroné, le "
                                  "corriger")


@pytest.mark.parametrize(("transfer", "why"), [
    ("{country: CA, importer: Client X, mechanism: scc, scc: {module: 3}}",
     "nous, sous-traitant, renvoyons les données au client, responsable du traitement"),
    ("{country: CA, importer: Sub Inc, mechanism: scc, scc: {module: 4}}",
     "nous, sous-traitant, exportons vers un sous-traitant ultérieur"),
    ("{country: CA, importer: Other, mechanism: scc, scc: {module: 1}}",
     "nous exportons en tant que sous-traitant du client"),
    ("{country: CA, importer: Other, exporter: controller, mechanism: scc, scc: {module: 3}}",
     "le client, responsable du traitement, exporte vers l'importateur"),
])
def test_module_reasons_for_a_processing_on_behalf_in_french(tmp_path: Path, transfer: str, why: str) -> None:
    text = ("processing_on_behalf:\n  - id: client-work\n    controller: {name: Client X, contact: a@b.example}\n"
            "    categories_of_processing: [support]\n    sub_processors: [{name: Sub Inc}]\n"
            f"    transfers:\n      - {transfer}\n")
    finding = only(tmp_path, text, "ROPA403")
    assert finding.message_fr is not None and finding.message_fr.endswith(f"convient{NBSP}: {why}")


def test_obsolete_instruments_in_french(tmp_path: Path) -> None:
    fix = ("signer les CCT de la décision d'exécution (UE) 2021/914 et écrire `mechanism: scc` avec "
           "`scc: {module, decision: \"2021/914\", signed}` (ou `mechanism: adequacy` avec "
           "`dpf_certified: true` pour un importateur américain inscrit sur la liste du DPF)")
    shield = only(tmp_path, one_transfer("{country: US, mechanism: privacy_shield}"), "ROPA404")
    assert shield.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) repose sur le bouclier de "
        "protection des données UE-États-Unis (Privacy Shield), invalidé le 2020-07-16 (Cour de justice "
        "(grande chambre), C-311/18, Facebook Ireland et Schrems (Schrems II))")
    assert shield.fix_fr == fix
    harbour = only(tmp_path, one_transfer("{country: US, mechanism: safe_harbour}"), "ROPA404")
    assert harbour.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) repose sur la sphère de sécurité "
        "UE-États-Unis (Safe Harbour), invalidée le 2015-10-06 (Cour de justice, C-362/14, Schrems "
        "(Schrems I))")
    late = only(tmp_path, one_transfer("{country: US, mechanism: scc, tia: T, "
                                       "scc: {decision: '2010/87', signed: 2021-10-15}}"), "ROPA404",
                as_of=date(2022, 6, 1))
    assert late.message_fr == (
        "le transfert du sous-traitant 'vendor' hors de l'EEE (États-Unis) repose sur les clauses "
        "contractuelles types abrogées (décision 2010/87), conclues après leur abrogation le 2021-09-27")


def test_tia_missing_in_french(tmp_path: Path) -> None:
    finding = only(tmp_path, one_transfer("{country: IN, importer: Groupe, mechanism: bcr}"), "ROPA405")
    assert finding.message_fr == ("le transfert du sous-traitant 'vendor' hors de l'EEE (Inde, Groupe) repose "
                                  "sur `bcr` sans analyse d'impact du transfert (TIA, `tia`)")
    assert finding.fix_fr == ("évaluer la législation et les pratiques du pays de destination (recommandations "
                              "01/2020 du CEPD) et ajouter `tia:` avec la référence de l'analyse")


def test_unnamed_derogation_on_a_processor_in_french(tmp_path: Path) -> None:
    unnamed = only(tmp_path, one_transfer("{country: US, mechanism: derogation}"), "ROPA406")
    assert unnamed.message_fr is not None and "mais repose sur une dérogation (art. 49)" in unnamed.message_fr
    assert unnamed.fix_fr == DEROGATION_FIX_FR


def test_undeclared_transfer_in_french(tmp_path: Path) -> None:
    text = ("processors:\n  - id: vendor\n    name: Vendor\n    country: IN\n"
            "    locations:\n      - FR\n      - US\n")
    by_key = {f.location.path.rsplit(".", 1)[-1]: f for f in findings(tmp_path, text, "ROPA407")}
    located, established = by_key["locations[1]"], by_key["country"]
    assert located.message_fr == ("le sous-traitant 'vendor' traite des données ou y a accès dans un pays hors "
                                  "de l'EEE (États-Unis), mais ne déclare aucun transfert vers ce pays")
    assert located.fix_fr == ("ajouter au sous-traitant 'vendor' une entrée `transfers` avec `country: US` et "
                              "son mécanisme, ou corriger `locations` si aucune donnée n'y est envoyée")
    assert located.location.path == "$.processors[0].locations[1]"
    assert established.message_fr == ("le sous-traitant 'vendor' est établi dans un pays hors de l'EEE (Inde), "
                                      "mais ne déclare aucun transfert vers ce pays")
    assert established.fix_fr is not None and established.fix_fr.endswith(
        "ou corriger `country` si aucune donnée n'y est envoyée")
