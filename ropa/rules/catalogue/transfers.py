"""ROPA4xx: transfers outside the EEA (GDPR Chapter V).

Transfers are written in three places: on a processor (``processor.transfers``: the
processor, its affiliate or its sub-processor receives the data abroad), on an activity
(``activity.transfers``: a controller or other non-processor recipient abroad), and on a
processing carried out for a client (``processing_on_behalf[].transfers``: we are the
processor). Every rule here reads all three through :func:`chapter_v_transfers`, which
leaves out what is no transfer at all: a destination inside the EEA on the as-of date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ropa.model.enums import Derogation, Exporter, Mechanism
from ropa.model.register import Activity, ProcessingOnBehalf, Processor, Transfer
from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity
from ropa.rules.french import country_fr

if TYPE_CHECKING:
    from ropa.reference.facts import AdequacyDecision, InvalidatedDecision

Owner = Activity | Processor | ProcessingOnBehalf
ART46_TOOLS = "`scc` with `scc: {module, decision: \"2021/914\", signed}`, `bcr` or `ad_hoc_clauses`"
ART46_TOOLS_FR = "`scc` avec `scc: {module, decision: \"2021/914\", signed}`, `bcr` ou `ad_hoc_clauses`"
TIA_MECHANISMS = (Mechanism.SCC, Mechanism.BCR, Mechanism.AD_HOC_CLAUSES)


@dataclass(frozen=True, slots=True)
class Site:
    """One transfer entry and the register item it is written on."""

    owner: Owner
    transfer: Transfer

    @property
    def country(self) -> str | None:
        from ropa.reference import normalise_country

        return normalise_country(self.transfer.country) if self.transfer.country else None

    def label(self, lang: str = "en") -> str:
        """``the transfer of processor 'stripe' to US (Stripe, Inc.)``, in ``lang`` ("en" or
        "fr": ``le transfert du sous-traitant 'stripe' hors de l'EEE (États-Unis, Stripe, Inc.)``,
        ``le transfert du traitement 'x', effectué pour le compte d'un client, hors de l'EEE
        (...)``)."""
        if lang == "fr":
            owner = self.owner
            if isinstance(owner, Activity):
                kind = f"de l'activité {owner.id!r}"
            elif isinstance(owner, Processor):
                kind = f"du sous-traitant {owner.id!r}"
            else:  # commas: the destination follows, and is not the client's
                kind = f"du traitement {owner.id!r}, effectué pour le compte d'un client,"
            return f"le transfert {kind} {self.destination('fr')}"
        kind = {Activity: "activity", Processor: "processor"}.get(type(self.owner), "processing on behalf")
        return f"the transfer of {kind} {self.owner.id!r} to {self.destination()}"

    def destination(self, lang: str = "en") -> str:
        """Where the data go, and to whom: ``US (Stripe, Inc.)``; in French, with its
        preposition and the country's French name (``hors de l'EEE (États-Unis, Stripe,
        Inc.)``): a code such as IN reads as a word in a French sentence."""
        transfer = self.transfer
        who = transfer.importer or transfer.recipient
        if lang == "fr":
            return self._destination_fr(who)
        if transfer.international_organisation:
            place = f"the international organisation {transfer.international_organisation!r}"
            if who == transfer.international_organisation:
                return place
        else:
            place = self.country or "an unnamed country"
        return f"{place} ({who})" if who else place

    def _destination_fr(self, who: str | None) -> str:
        organisation = self.transfer.international_organisation
        if organisation:
            place = f"vers l'organisation internationale {organisation!r}"
            return f"{place} ({who})" if who and who != organisation else place
        if self.country is None:
            return f"vers un pays non précisé ({who})" if who else "vers un pays non précisé"
        name = country_fr(self.country)
        return f"hors de l'EEE ({name}, {who})" if who else f"hors de l'EEE ({name})"


def is_chapter_v(transfer: Transfer, ctx: Context) -> bool:
    """A transfer in the sense of Chapter V: to an international organisation, or to a
    country outside the EEA on the as-of date. A destination left out counts as one (the
    entry says data leave; the rules say what is missing)."""
    from ropa.reference import is_eea

    if transfer.international_organisation:
        return True
    return transfer.country is None or not is_eea(transfer.country, ctx.as_of)


def chapter_v_transfers(ctx: Context) -> tuple[Site, ...]:
    """Every Chapter V transfer of the register: those of the processors, then of the
    activities, then of the processing on behalf, each in register order. Worked out once
    per check for all the rules that read them."""
    return ctx.shared("chapter_v_transfers", lambda: _chapter_v_transfers(ctx))


def _chapter_v_transfers(ctx: Context) -> tuple[Site, ...]:
    owners: list[Owner] = [*ctx.processors(), *ctx.activities(), *ctx.processing_on_behalf()]
    return tuple(Site(owner, transfer) for owner in owners for transfer in owner.transfers
                 if is_chapter_v(transfer, ctx))


def with_severity(finding: Finding, severity: Severity) -> Finding:
    """``finding`` with another severity (its French message and fix are kept)."""
    return dataclasses.replace(finding, severity=severity)


# --- the French of the reference data ------------------------------------------------------
# adequacy.yaml holds the French of each decision (place_fr, scope_fr, certification_fr,
# reference_fr) and of each struck-down one (name_fr, gender_fr, judgment_fr); these read
# them, with a fallback for an entry that has none.

def place_fr(decision: AdequacyDecision) -> str:
    """The country, territory or organisation ``decision`` covers, named in French with its
    article: ``la Suisse``, ``les îles Féroé``, ``la République de Corée`` (``place_fr``);
    else the French name of the country, without article, or ``l'organisation
    internationale 'X'``."""
    if decision.place_fr:
        return decision.place_fr
    if decision.country is None:
        return f"l'organisation internationale {decision.name!r}"
    return country_fr(decision.country)


def certification_fr(decision: AdequacyDecision) -> str:
    """The list an importer must be on, in French with its article (else quoted as written)."""
    return decision.certification_fr or f"la liste «\u00a0{decision.certification}\u00a0»"


def scope_fr(decision: AdequacyDecision) -> str:
    """What a decision of partial scope covers, in French (else quoted as written)."""
    return decision.scope_fr or f"«\u00a0{decision.scope}\u00a0»"


def reference_fr(decision: AdequacyDecision) -> str:
    """The decision's reference as French cites it: ``décision d'exécution (UE) 2019/419 de la
    Commission`` (else quoted as written)."""
    return decision.reference_fr or f"«\u00a0{decision.decision_ref}\u00a0»"


_INVALIDATED_FR = {"feminine": "invalidée", "masculine": "invalidé"}


def struck_down_fr(struck: InvalidatedDecision) -> str:
    """A decision the Court of Justice struck down, in French: ``le bouclier de protection
    des données UE-États-Unis (Privacy Shield), invalidé le 2020-07-16 (Cour de justice
    ...)``; the English quoted where the French is not written."""
    if struck.name_fr and struck.gender_fr:
        name, invalidated = struck.name_fr, _INVALIDATED_FR[struck.gender_fr]
    else:
        name, invalidated = f"la décision «\u00a0{struck.name}\u00a0»", "invalidée"
    judgment = struck.judgment_fr or f"«\u00a0{struck.judgment}\u00a0»"
    return f"{name}, {invalidated} le {struck.invalidated.isoformat()} ({judgment})"


class TransferWithoutSafeguard(Rule):
    """
    What it checks
    Every transfer outside the EEA (on a processor, an activity or a processing on behalf)
    names the Chapter V tool it rests on: `mechanism` is set, and a `derogation` mechanism
    says which Art. 49 derogation. A transfer to an EEA country is no transfer and is not
    checked. `mechanism: adequacy` is judged by ROPA402 (is a decision in force, does it
    cover the importer), `privacy_shield`, `safe_harbour` and the repealed SCCs by ROPA404.

    Why it matters
    Art. 44 forbids a transfer unless Chapter V is complied with: an adequacy decision
    (Art. 45), an appropriate safeguard (Art. 46, 47) or, for occasional cases, a
    derogation (Art. 49). A transfer with none of them is unlawful whatever the contract.

    Example
    ```yaml
    transfers:
      - country: IN
        importer: Support Offshore Pvt Ltd
        # no mechanism
      - country: US
        mechanism: derogation      # which one?
    ```

    Fix
    Add `mechanism:` — `adequacy` where a decision in force covers the destination,
    `scc` with `scc: {module, decision: "2021/914", signed}`, `bcr`, `ad_hoc_clauses`,
    `code_of_conduct`, `certification` — or, for an occasional transfer, `mechanism:
    derogation` with `derogation:` (explicit_consent, contract_performance, ...).

    References
    GDPR Art. 44-49; EDPB Guidelines 2/2018 on Art. 49 derogations; CNIL, "Transférer des
    données hors de l'UE".
    """

    id = "ROPA401"
    name = "transfer-without-safeguard"
    severity = Severity.ERROR
    article = "Art. 44"
    summary = "a non-EEA transfer has no adequacy, Art. 46 safeguard or Art. 49 derogation"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for site in chapter_v_transfers(ctx):
            transfer = site.transfer
            if transfer.mechanism is None:
                yield self.finding(
                    ctx,
                    message=f"{site.label()} names no transfer mechanism: no adequacy decision, "
                            "Art. 46 safeguard or Art. 49 derogation is recorded",
                    message_fr=f"{site.label('fr')} n'indique aucun mécanisme de transfert\u00a0: ni "
                               "décision d'adéquation, ni garantie appropriée (art. 46), ni dérogation "
                               "(art. 49) n'est enregistrée",
                    about=site.owner, at=transfer.origin, key="mechanism",
                    fix=self._fix(site, ctx),
                    fix_fr=self._fix(site, ctx, "fr"),
                )
            elif transfer.mechanism == Mechanism.DEROGATION and transfer.derogation is None:
                yield self.finding(
                    ctx,
                    message=f"{site.label()} rests on an Art. 49 derogation but does not say which",
                    message_fr=f"{site.label('fr')} repose sur une dérogation (art. 49) sans préciser "
                               "laquelle",
                    about=site.owner, at=transfer.origin, key="mechanism",
                    fix="add `derogation:` (explicit_consent, contract_performance, pre_contract, "
                        "public_interest, third_party_contract, legal_claims, vital_interests, "
                        "public_register or compelling_legitimate_interests)",
                    fix_fr="ajouter `derogation:` (explicit_consent, contract_performance, pre_contract, "
                           "public_interest, third_party_contract, legal_claims, vital_interests, "
                           "public_register ou compelling_legitimate_interests)",
                )

    @staticmethod
    def _fix(site: Site, ctx: Context, lang: str = "en") -> str:
        from ropa.reference import adequacy_decision

        decision = adequacy_decision(site.country, ctx.as_of) if site.country else None
        if lang == "fr":
            tools = (f"ajouter `mechanism:`\u00a0: {ART46_TOOLS_FR}\u00a0; `derogation` seulement pour "
                     "un transfert occasionnel")
        else:
            tools = f"add `mechanism:`: {ART46_TOOLS}; `derogation` only for an occasional transfer"
        if decision is None or site.transfer.international_organisation:
            return tools
        if lang == "fr":
            if decision.requires_certification:
                return (f"{tools}\u00a0; `mechanism: adequacy` avec `dpf_certified: true` ne convient que "
                        f"si l'importateur figure sur {certification_fr(decision)}")
            return (f"{tools}\u00a0; une décision d'adéquation couvre {place_fr(decision)}\u00a0: "
                    "`mechanism: adequacy`")
        if decision.requires_certification:
            return (f"{tools}; `mechanism: adequacy` with `dpf_certified: true` fits only if the "
                    f"importer is on the {decision.certification}")
        return f"{tools}; an adequacy decision covers {decision.name}: `mechanism: adequacy`"


class AdequacyOutOfScope(Rule):
    """
    What it checks
    A transfer with `mechanism: adequacy` goes where an adequacy decision in force on the
    as-of date covers the importer: a decision exists for the country (or, for
    `international_organisation`, for that organisation) and is in force (adopted, not
    expired); for the United States the importer is on the Data Privacy Framework List
    (`dpf_certified: true`); for a decision of partial scope (Canada: PIPEDA
    organisations; Japan: APPI private sector; Korea, Israel, Uruguay, the Faroe Islands)
    the importer is within it (`adequacy_in_scope: true`). `adequacy_in_scope: false` is an
    error; left out, the finding is a warning asking to confirm the scope. Switzerland,
    the United Kingdom (until 2031-12-27) or Brazil (from 2026-01-26) pass as they are.

    Why it matters
    Art. 45 adequacy covers only what the decision covers: a US company not certified
    under the Data Privacy Framework, a Canadian body outside PIPEDA, or any country once
    its decision has expired receives data with no protection recognised by the EU.

    Example
    ```yaml
    transfers:
      - country: US
        importer: Analytics Inc.
        mechanism: adequacy
        dpf_certified: false
    ```

    Fix
    Check the importer against the decision: for the US, on the DPF List
    (https://www.dataprivacyframework.gov) and write `dpf_certified: true`; for a partial
    decision write `adequacy_in_scope: true` once checked. Otherwise rely on an Art. 46
    safeguard: `mechanism: scc` with the right module.

    References
    GDPR Art. 45; Commission Implementing Decision (EU) 2023/1795 (EU-US DPF), 2002/2/EC
    (Canada), (EU) 2021/1772 as renewed (United Kingdom); EDPB, information note on data
    transfers to the United States after the adequacy decision of 10 July 2023; CNIL, "La
    protection des données dans le monde".
    """

    id = "ROPA402"
    name = "adequacy-out-of-scope"
    severity = Severity.ERROR
    article = "Art. 45"
    summary = "adequacy relied on where no decision in force covers the importer"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for site in chapter_v_transfers(ctx):
            if site.transfer.mechanism == Mechanism.ADEQUACY:
                yield from self._judge(site, ctx)

    def _judge(self, site: Site, ctx: Context) -> Iterator[Finding]:
        from ropa.reference import adequacy_decision, adequacy_for_organisation

        transfer = site.transfer
        if transfer.international_organisation:
            decision = adequacy_for_organisation(transfer.international_organisation, ctx.as_of)
        else:
            decision = adequacy_decision(site.country, ctx.as_of) if site.country else None
        if decision is None:
            yield self._report(site, ctx, f"{site.label()} relies on adequacy, but "
                               f"{self._no_decision(site, ctx)}", "mechanism",
                               f"rely on an Art. 46 safeguard instead: {ART46_TOOLS}",
                               message_fr=f"{site.label('fr')} repose sur une décision d'adéquation, "
                                          f"mais {self._no_decision(site, ctx, 'fr')}",
                               fix_fr="s'appuyer plutôt sur une garantie appropriée (art. 46)\u00a0: "
                                      f"{ART46_TOOLS_FR}")
        elif decision.requires_certification:
            if transfer.dpf_certified is True:
                return
            state = ("`dpf_certified` is false" if transfer.dpf_certified is False
                     else "`dpf_certified` is not stated")
            state_fr = ("`dpf_certified: false` est indiqué" if transfer.dpf_certified is False
                        else "`dpf_certified` n'est pas renseigné")
            yield self._report(
                site, ctx,
                f"{site.label()} relies on the adequacy decision for {decision.name}, which covers "
                f"only importers on the {decision.certification}, but {state}",
                "dpf_certified",
                "check the importer on https://www.dataprivacyframework.gov and write "
                "`dpf_certified: true`; otherwise use `mechanism: scc`",
                message_fr=f"{site.label('fr')} repose sur la décision d'adéquation pour "
                           f"{place_fr(decision)}, qui ne couvre que les importateurs inscrits sur "
                           f"{certification_fr(decision)}, mais {state_fr}",
                fix_fr="vérifier l'inscription de l'importateur sur https://www.dataprivacyframework.gov "
                       "et écrire "
                       "`dpf_certified: true`\u00a0; sinon, utiliser `mechanism: scc`")
        elif decision.partial_scope and transfer.adequacy_in_scope is not True:
            yield from self._partial(site, ctx, decision)

    def _partial(self, site: Site, ctx: Context, decision: AdequacyDecision) -> Iterator[Finding]:
        name, name_fr = decision.name, place_fr(decision)
        fix = ("write `adequacy_in_scope: true` once you have checked that the importer is "
               f"within the scope ({decision.scope}); otherwise use `mechanism: scc`")
        fix_fr = ("écrire `adequacy_in_scope: true` après avoir vérifié que l'importateur entre dans "
                  f"le champ de la décision ({scope_fr(decision)})\u00a0; sinon, utiliser `mechanism: scc`")
        if site.transfer.adequacy_in_scope is False:
            yield self._report(site, ctx, f"{site.label()} relies on the adequacy decision for "
                               f"{name}, but the importer is outside its scope "
                               "(`adequacy_in_scope: false`)", "adequacy_in_scope", fix,
                               message_fr=f"{site.label('fr')} repose sur la décision d'adéquation pour "
                                          f"{name_fr}, mais l'importateur n'entre pas dans son champ "
                                          "(`adequacy_in_scope: false`)",
                               fix_fr=fix_fr)
            return
        finding = self._report(site, ctx, f"{site.label()} relies on the adequacy decision for "
                               f"{name}, which covers only part of the country: the scope must be "
                               "confirmed (`adequacy_in_scope` is not stated)", "mechanism", fix,
                               message_fr=f"{site.label('fr')} repose sur la décision d'adéquation pour "
                                          f"{name_fr}, qui ne couvre qu'une partie du pays\u00a0: il "
                                          "faut confirmer que l'importateur entre dans son champ "
                                          "(`adequacy_in_scope` n'est pas renseigné)",
                               fix_fr=fix_fr)
        yield with_severity(finding, Severity.WARNING)

    @staticmethod
    def _no_decision(site: Site, ctx: Context, lang: str = "en") -> str:
        from ropa.reference import adequacy_decisions

        fr = lang == "fr"
        organisation = site.transfer.international_organisation
        if organisation:
            if fr:
                return ("aucune décision d'adéquation en vigueur ne couvre l'organisation "
                        f"internationale {organisation!r}")
            return f"no adequacy decision in force covers the international organisation {organisation!r}"
        if site.country is None:
            if fr:
                return "le transfert n'indique aucun pays (`country`) pour lequel rechercher une décision"
            return "the transfer names no `country` to check a decision for"
        for decision in adequacy_decisions():
            if decision.country != site.country:
                continue
            if decision.adopted > ctx.as_of:
                if fr:
                    return (f"la décision d'adéquation pour {place_fr(decision)} "
                            f"({reference_fr(decision)}) ne s'applique qu'à compter du "
                            f"{decision.adopted.isoformat()}")
                return (f"the adequacy decision for {decision.name} ({decision.decision_ref}) applies "
                        f"only from {decision.adopted.isoformat()}")
            if decision.expiry is not None:
                if fr:
                    return (f"la décision d'adéquation pour {place_fr(decision)} "
                            f"({reference_fr(decision)}) n'était en vigueur que "
                            f"jusqu'au {decision.expiry.isoformat()}")
                return (f"the adequacy decision for {decision.name} ({decision.decision_ref}) "
                        f"was in force only until {decision.expiry.isoformat()}")
        if fr:
            return "il n'existe aucune décision d'adéquation pour ce pays"
        return f"there is no adequacy decision for {site.country}"

    def _report(self, site: Site, ctx: Context, message: str, key: str, fix: str, *,
                message_fr: str | None = None, fix_fr: str | None = None) -> Finding:
        return self.finding(ctx, message=message, about=site.owner, at=site.transfer.origin,
                            key=key, fix=fix, message_fr=message_fr, fix_fr=fix_fr)


class SccModuleMismatch(Rule):
    """
    What it checks
    A transfer on the standard contractual clauses of Decision (EU) 2021/914 states the
    module that fits who exports to whom, as the register says it:
    - on a processor (`processor.transfers`): module 2 when `exporter: controller` (we
      signed with the importer); module 3 when `exporter: processor` and the exporting
      processor is in the EEA — the processor itself, or us when the processor is our
      sub-processor in `processing_on_behalf`. A processor established outside the EEA
      cannot export: module 2. Without `exporter`, 2 or 3 (where 3 can fit) are accepted;
    - on an activity (a controller abroad): module 1;
    - on a processing on behalf (we are the processor): module 3 to a sub-processor,
      module 4 back to the client controller (the importer is the client's name), module 2
      where `exporter: controller` (the client signed with the importer).
    A module left out is reported too (the register cannot show the right clauses were
    signed). The repealed clauses have no modules: ROPA404 reports them.

    Why it matters
    Each module sets different duties for exporter and importer (Art. 28 terms in modules
    2 and 3, the processor's instructions in module 4); clauses of the wrong module do not
    bind the parties to what the transfer needs, so they are not an Art. 46 safeguard for
    it.

    Example
    ```yaml
    processors:
      - id: stripe
        country: IE
        transfers:
          - country: US
            exporter: controller
            mechanism: scc
            scc: {module: 3}       # the controller exports to a processor: module 2
    ```

    Fix
    Sign, and write, the module that fits: `scc: {module: 2}` for controller to processor,
    3 for processor to sub-processor, 1 for controller to controller, 4 for processor to
    controller; correct `exporter` if it is the one that is wrong.

    References
    GDPR Art. 46(2)(c); Commission Implementing Decision (EU) 2021/914, Annex (the four
    modules); European Commission, Questions and Answers on the SCCs (2022); EDPB Guidelines
    05/2021 on the interplay between Art. 3 and Chapter V (who exports).
    """

    id = "ROPA403"
    name = "scc-module-mismatch"
    severity = Severity.WARNING
    article = "Art. 46(2)(c)"
    summary = "the SCC module does not fit who exports to whom"

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ropa.reference import is_legacy_scc

        sub_processors = {ref.id for pob in ctx.processing_on_behalf() for ref in pob.sub_processors if ref.id}
        for site in chapter_v_transfers(ctx):
            transfer, scc = site.transfer, site.transfer.scc
            if transfer.mechanism != Mechanism.SCC:
                continue
            if scc is not None and is_legacy_scc(scc.decision, scc.signed):
                continue
            expected, why = self._expected(site, ctx, sub_processors)
            module = scc.module if scc else None
            if module in expected:
                continue
            fits = " or ".join(self._module(n) for n in sorted(expected))
            stated = "states no SCC module;" if module is None else f"uses {self._module(module)}, but"
            fix = f"sign the clauses of the module that fits and write `scc: {{module: {min(expected)}}}`"
            fits_fr = " ou ".join(f"le {self._module(n)}" for n in sorted(expected))
            stated_fr = ("n'indique aucun module des CCT\u00a0;" if module is None
                         else f"utilise le {self._module(module)}, mais")
            fix_fr = ("signer les clauses du module qui convient et écrire "
                      f"`scc: {{module: {min(expected)}}}`")
            if len(expected) > 1:
                fix += " (or the other module named)"
                fix_fr += " (ou l'autre module indiqué)"
            if not isinstance(site.owner, Activity):
                fix += "; if `exporter` is what is wrong, correct it"
                fix_fr += "\u00a0; si c'est `exporter` qui est erroné, le corriger"
            _, why_fr = self._expected(site, ctx, sub_processors, "fr")
            yield self.finding(
                ctx,
                message=f"{site.label()} {stated} {fits} fits: {why}",
                message_fr=f"{site.label('fr')} {stated_fr} c'est {fits_fr} qui convient\u00a0: {why_fr}",
                about=site.owner, at=scc.origin if scc and scc.origin else transfer.origin,
                key="module" if scc and scc.origin else "scc", fix=fix, fix_fr=fix_fr,
            )

    @staticmethod
    def _module(n: int) -> str:
        from ropa.reference import scc_module

        try:
            return f"module {n} ({scc_module(n).code})"
        except ValueError:
            return f"module {n}"

    def _expected(self, site: Site, ctx: Context, sub_processors: set[str],
                  lang: str = "en") -> tuple[set[int], str]:
        """The modules that fit, and why, in ``lang`` ("en" or "fr")."""
        owner, exporter = site.owner, site.transfer.exporter
        fr = lang == "fr"
        if isinstance(owner, Activity):
            return {1}, ("le destinataire de l'activité à l'étranger est un responsable du traitement"
                         if fr else "the activity's recipient abroad is a controller")
        if isinstance(owner, Processor):
            return self._for_processor(owner, exporter, ctx, sub_processors, lang)
        if exporter == Exporter.CONTROLLER:
            return {2}, ("le client, responsable du traitement, exporte vers l'importateur" if fr
                         else "the client controller exports to the importer")
        return self._for_client(owner, site.transfer, lang)

    @staticmethod
    def _for_processor(processor: Processor, exporter: Exporter | None, ctx: Context,
                       sub_processors: set[str], lang: str = "en") -> tuple[set[int], str]:
        from ropa.reference import is_eea

        fr = lang == "fr"
        eea_exporter = (processor.country is None or is_eea(processor.country, ctx.as_of)
                        or processor.id in sub_processors)
        if exporter == Exporter.CONTROLLER:
            return {2}, ("le responsable du traitement exporte vers l'importateur du sous-traitant" if fr
                         else "the controller exports to the processor's importer")
        if not eea_exporter:
            if fr and processor.country is not None:  # never None here: None counts as the EEA
                return {2}, (f"le sous-traitant {processor.id!r} est établi hors de l'EEE "
                             f"({country_fr(processor.country)}), c'est donc le responsable du "
                             "traitement qui exporte vers lui")
            return {2}, (f"processor {processor.id!r} is established outside the EEA "
                         f"({processor.country}), so the controller exports to it")
        if exporter == Exporter.PROCESSOR:
            return {3}, ("un sous-traitant de l'EEE exporte vers sa filiale ou son sous-traitant ultérieur"
                         if fr else "an EEA processor exports to its affiliate or sub-processor")
        return {2, 3}, ("un sous-traitant reçoit les données (`exporter` n'est pas renseigné)" if fr
                        else "a processor receives the data (no `exporter` is stated)")

    @staticmethod
    def _for_client(pob: ProcessingOnBehalf, transfer: Transfer,
                    lang: str = "en") -> tuple[set[int], str]:
        fr = lang == "fr"
        who = _key(transfer.importer or transfer.recipient or "")
        client = _key(pob.controller.name or "") if pob.controller else ""
        if who and who == client:
            return {4}, ("nous, sous-traitant, renvoyons les données au client, responsable du "
                         "traitement" if fr
                         else "we, the processor, send the data back to the client controller")
        names = {_key(ref.name) for ref in pob.sub_processors if ref.name}
        if who and who in names:
            return {3}, ("nous, sous-traitant, exportons vers un sous-traitant ultérieur" if fr
                         else "we, the processor, export to a sub-processor")
        return {3, 4}, ("nous exportons en tant que sous-traitant du client" if fr
                        else "we export as the client's processor")


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


class ObsoleteTransferInstrument(Rule):
    """
    What it checks
    No transfer relies on an instrument that no longer exists on the as-of date: the
    Safe Harbour (invalidated on 2015-10-06, Schrems I) or the EU-US Privacy Shield
    (invalidated on 2020-07-16, Schrems II), or the repealed standard contractual clauses
    — `scc.decision` 2010/87, 2004/915 or 2001/497, or no decision and signed before
    2021-06-27 — after 2022-12-27 (the end of their transition), or signed on or after
    2021-09-27, when the old decisions were repealed.

    Why it matters
    A transfer on an invalid instrument has no Chapter V basis at all (Art. 44). The Court
    of Justice struck down both US decisions (C-362/14, C-311/18); Decision (EU) 2021/914
    repealed the old clauses and let contracts on them run only until 2022-12-27.

    Example
    ```yaml
    transfers:
      - country: US
        mechanism: scc
        scc: {decision: "2010/87", signed: 2019-03-01}
    ```

    Fix
    Sign the clauses of Decision (EU) 2021/914 with the right module and write `scc:
    {module, decision: "2021/914", signed}`; for a US importer on the Data Privacy
    Framework List, `mechanism: adequacy` with `dpf_certified: true` is the successor of
    the Privacy Shield.

    References
    GDPR Art. 44, 46; CJEU C-362/14 (Schrems I), C-311/18 (Schrems II); Commission
    Implementing Decision (EU) 2021/914, Art. 4; EDPB, FAQ on the judgment in C-311/18
    (2020).
    """

    id = "ROPA404"
    name = "obsolete-transfer-instrument"
    severity = Severity.ERROR
    article = "Art. 46"
    summary = "Privacy Shield, Safe Harbour or the repealed SCCs relied on"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for site in chapter_v_transfers(ctx):
            reason = self._reason(site.transfer, ctx)
            if reason is None:
                continue
            yield self.finding(
                ctx,
                message=f"{site.label()} relies on {reason}",
                message_fr=f"{site.label('fr')} repose sur {self._reason(site.transfer, ctx, 'fr')}",
                about=site.owner, at=site.transfer.origin,
                key="scc" if site.transfer.mechanism == Mechanism.SCC else "mechanism",
                fix="sign the clauses of Decision (EU) 2021/914 and write `mechanism: scc` with "
                    "`scc: {module, decision: \"2021/914\", signed}` (or `mechanism: adequacy` with "
                    "`dpf_certified: true` for a US importer on the DPF List)",
                fix_fr="signer les CCT de la décision d'exécution (UE) 2021/914 et écrire "
                       "`mechanism: scc` avec `scc: {module, decision: \"2021/914\", signed}` (ou "
                       "`mechanism: adequacy` avec `dpf_certified: true` pour un importateur américain "
                       "inscrit sur la liste du DPF)",
            )

    @staticmethod
    def _reason(transfer: Transfer, ctx: Context, lang: str = "en") -> str | None:
        from ropa.reference import invalidated_decision, is_legacy_scc, scc_dates

        fr = lang == "fr"
        if transfer.mechanism in (Mechanism.PRIVACY_SHIELD, Mechanism.SAFE_HARBOUR):
            struck = invalidated_decision(transfer.mechanism.value)
            if struck is None:
                if fr:
                    return f"le mécanisme invalidé `{transfer.mechanism.value}`"
                return f"the invalidated `{transfer.mechanism.value}`"
            if struck.invalidated > ctx.as_of:
                return None
            if fr:
                return struck_down_fr(struck)
            return (f"the {struck.name}, invalidated on {struck.invalidated.isoformat()} "
                    f"({struck.judgment})")
        scc = transfer.scc
        if transfer.mechanism != Mechanism.SCC or scc is None or not is_legacy_scc(scc.decision, scc.signed):
            return None
        dates = scc_dates()
        if fr:
            which = f"décision {scc.decision}" if scc.decision else f"clauses signées le {scc.signed}"
            if scc.signed is not None and scc.signed >= dates.legacy_repealed:
                return (f"les clauses contractuelles types abrogées ({which}), conclues après leur "
                        f"abrogation le {dates.legacy_repealed.isoformat()}")
            if ctx.as_of > dates.legacy_grandfathering_end:
                return (f"les clauses contractuelles types abrogées ({which}), valables seulement "
                        f"jusqu'au {dates.legacy_grandfathering_end.isoformat()}")
            return None
        which = f"Decision {scc.decision}" if scc.decision else f"clauses signed {scc.signed}"
        if scc.signed is not None and scc.signed >= dates.legacy_repealed:
            return (f"the repealed standard contractual clauses ({which}), concluded after their "
                    f"repeal on {dates.legacy_repealed.isoformat()}")
        if ctx.as_of > dates.legacy_grandfathering_end:
            return (f"the repealed standard contractual clauses ({which}), valid only until "
                    f"{dates.legacy_grandfathering_end.isoformat()}")
        return None


class TiaMissing(Rule):
    """
    What it checks
    A transfer outside the EEA on SCCs, binding corporate rules or ad hoc clauses refers
    to its transfer impact assessment (`tia`).

    Why it matters
    After Schrems II an Art. 46 tool is a safeguard only if the law and practice of the
    destination let the importer honour it; the exporter must assess that, transfer by
    transfer, and add supplementary measures where needed (EDPB Recommendations 01/2020),
    and be able to show it (Art. 5(2)).

    Example
    ```yaml
    transfers:
      - country: US
        mechanism: scc
        scc: {module: 2, decision: "2021/914", signed: 2025-01-10}
        # no tia
    ```

    Fix
    Write the assessment and add `tia:` with its reference (a document, a link, an id in
    your document system).

    References
    GDPR Art. 46(1), 5(2); CJEU C-311/18 (Schrems II); EDPB Recommendations 01/2020 on
    supplementary measures; CNIL, guide "Analyse d'impact des transferts de données
    (AITD)".
    """

    id = "ROPA405"
    name = "tia-missing"
    severity = Severity.WARNING
    article = "Art. 46(1)"
    summary = "SCC/BCR/ad hoc transfer without a transfer impact assessment reference"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for site in chapter_v_transfers(ctx):
            transfer = site.transfer
            if transfer.mechanism in TIA_MECHANISMS and not transfer.tia:
                yield self.finding(
                    ctx,
                    message=f"{site.label()} relies on `{transfer.mechanism}` with no transfer "
                            "impact assessment (`tia`)",
                    message_fr=f"{site.label('fr')} repose sur `{transfer.mechanism}` sans analyse "
                               "d'impact du transfert (TIA, `tia`)",
                    about=site.owner, at=transfer.origin, key="mechanism",
                    fix="assess the destination's law and practice (EDPB Recommendations 01/2020) "
                        "and add `tia:` with the reference of the assessment",
                    fix_fr="évaluer la législation et les pratiques du pays de destination "
                           "(recommandations 01/2020 du CEPD) et ajouter `tia:` avec la référence de "
                           "l'analyse",
                )


class DerogationForSystematicTransfer(Rule):
    """
    What it checks
    No processor's transfer rests on an Art. 49 derogation: neither a transfer written on
    a processor (`processor.transfers`) nor one written on a processing on behalf (we are
    the processor). Both are the routine transfers of an outsourced service. The finding
    is an error, and a warning where the derogation is `explicit_consent`. An activity's
    occasional transfer to a controller may rest on a derogation and is not reported.

    Why it matters
    Derogations are exceptions, read restrictively, for occasional and non-repetitive
    transfers (recital 111, EDPB Guidelines 2/2018). Art. 49(1)(b) covers a transfer
    necessary for the contract with the data subject, not the controller's choice to
    outsource; consent cannot stand for a systematic transfer either, and is withdrawable
    at any time.

    Example
    ```yaml
    processors:
      - id: helpdesk
        transfers:
          - country: IN
            mechanism: derogation
            derogation: contract_performance
    ```

    Fix
    Put an Art. 46 safeguard in place for the processor: `mechanism: scc` with `scc:
    {module: 2, decision: "2021/914", signed}` (module 3 for an onward transfer by an EEA
    processor), or rely on an adequacy decision in force.

    References
    GDPR Art. 49(1), recital 111; EDPB Guidelines 2/2018 on derogations of Art. 49.
    """

    id = "ROPA406"
    name = "derogation-for-systematic-transfer"
    severity = Severity.ERROR
    article = "Art. 49(1)"
    summary = "an Art. 49 derogation covers a processor's routine transfer"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for site in chapter_v_transfers(ctx):
            transfer = site.transfer
            if isinstance(site.owner, Activity) or transfer.mechanism != Mechanism.DEROGATION:
                continue
            which = (f"the Art. 49 derogation `{transfer.derogation}`" if transfer.derogation
                     else "an Art. 49 derogation")
            which_fr = (f"la dérogation `{transfer.derogation}` (art. 49)" if transfer.derogation
                        else "une dérogation (art. 49)")
            finding = self.finding(
                ctx,
                message=f"{site.label()} is a processor's routine transfer, yet rests on {which}: "
                        "derogations are for occasional transfers",
                message_fr=f"{site.label('fr')} est un transfert habituel d'un sous-traitant, mais "
                           f"repose sur {which_fr}\u00a0: les dérogations sont réservées aux "
                           "transferts occasionnels",
                about=site.owner, at=transfer.origin,
                key="derogation" if transfer.derogation else "mechanism",
                fix="sign the SCCs of Decision (EU) 2021/914 (`mechanism: scc`, module 2, or 3 "
                    "for an EEA processor's onward transfer), or rely on an adequacy decision",
                fix_fr="signer les CCT de la décision d'exécution (UE) 2021/914 (`mechanism: scc`, "
                       "module 2, ou 3 pour le transfert ultérieur d'un sous-traitant de l'EEE), ou "
                       "s'appuyer sur une décision d'adéquation",
            )
            if transfer.derogation == Derogation.EXPLICIT_CONSENT:
                finding = with_severity(finding, Severity.WARNING)
            yield finding


class UndeclaredTransfer(Rule):
    """
    What it checks
    Every country outside the EEA where a processor is established (`country`) or
    processes or accesses data (`locations`) has a transfer entry for that country in the
    processor's `transfers`. EL and UK are read as GR and GB; a country inside the EEA on
    the as-of date needs no entry.

    Why it matters
    Data a processor stores in, or makes accessible from, a third country are transferred
    there (EDPB Guidelines 05/2021 on the interplay of Art. 3 and Chapter V), and the
    register must name the third countries and their safeguards (Art. 30(1)(e)). A
    location without a transfer entry is a transfer no rule can check.

    Example
    ```yaml
    processors:
      - id: crm
        country: FR
        locations: [FR, US]
        # no transfers entry for US
    ```

    Fix
    Add under the processor `transfers: [{country: US, importer: ..., exporter: ...,
    mechanism: ...}]`, one entry per non-EEA country; if the data never leave the EEA,
    correct `locations`.

    References
    GDPR Art. 30(1)(e), 44; EDPB Guidelines 05/2021 on the interplay between Art. 3 and
    Chapter V.
    """

    id = "ROPA407"
    name = "undeclared-transfer"
    severity = Severity.ERROR
    article = "Art. 30(1)(e)"
    summary = "a processor location outside the EEA has no transfer entry"

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ropa.reference import is_eea, normalise_country

        for processor in ctx.processors():
            declared = {normalise_country(t.country) for t in processor.transfers if t.country}
            places = [(code, "locations", i) for i, code in enumerate(processor.locations)]
            if processor.country:
                places.append((processor.country, "country", -1))
            reported: set[str] = set()
            for written, key, index in places:
                code = normalise_country(written)
                if code in declared or code in reported or is_eea(code, ctx.as_of):
                    continue
                reported.add(code)
                yield self._report(ctx, processor, code, key, index)

    def _report(self, ctx: Context, processor: Processor, code: str, key: str, index: int) -> Finding:
        where = "is established in" if key == "country" else "processes or accesses data in"
        where_fr = "est établi" if key == "country" else "traite des données ou y a accès"
        finding = self.finding(
            ctx,
            message=f"processor {processor.id!r} {where} {code}, outside the EEA, but declares no "
                    f"transfer to {code}",
            message_fr=f"le sous-traitant {processor.id!r} {where_fr} dans un pays hors de l'EEE "
                       f"({country_fr(code)}), mais ne déclare aucun transfert vers ce pays",
            about=processor, at=processor.origin, key=key,
            fix=f"add a `transfers` entry with `country: {code}` and its mechanism to processor "
                f"{processor.id!r}, or correct `{key}` if no data go there",
            fix_fr=f"ajouter au sous-traitant {processor.id!r} une entrée `transfers` avec "
                   f"`country: {code}` et son mécanisme, ou corriger `{key}` si aucune donnée n'y "
                   "est envoyée",
        )
        if index >= 0 and processor.origin is not None:
            finding = dataclasses.replace(finding, location=processor.origin.at_item(key, index))
        return finding


class TransferWithoutScc(Rule):
    """
    What it checks
    Lists each transfer outside the EEA whose mechanism is not `scc`: it rests on
    adequacy, BCRs, another Art. 46 tool or a derogation. Transfers with no mechanism are
    ROPA401's. This is information by default; a team whose policy is "SCCs everywhere"
    raises it to an error in ropa.toml (`ROPA408 = "error"`).

    Why it matters
    Adequacy can fall (Safe Harbour and Privacy Shield did, overnight) and derogations
    are narrow: many organisations sign SCCs even where adequacy applies, so that a
    transfer survives the loss of a decision. The list shows where that is not the case.

    Example
    ```yaml
    transfers:
      - country: US
        importer: Analytics Inc.
        mechanism: adequacy
        dpf_certified: true
    ```

    Fix
    Nothing is wrong in law. Under an "SCCs everywhere" policy, sign the SCCs of Decision
    (EU) 2021/914 and write `mechanism: scc` with `scc: {module, decision, signed}`; or
    accept the transfer with a `suppress` entry giving the reason.

    References
    GDPR Art. 45, 46(2)(c), 49; Commission Implementing Decision (EU) 2021/914; EDPB
    Recommendations 01/2020 (step 2: the transfer tool relied on).
    """

    id = "ROPA408"
    name = "transfer-without-scc"
    severity = Severity.INFO
    article = "Art. 46(2)(c)"
    summary = "a non-EEA transfer has no SCCs"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for site in chapter_v_transfers(ctx):
            mechanism = site.transfer.mechanism
            if mechanism is None or mechanism == Mechanism.SCC:
                continue
            yield self.finding(
                ctx,
                message=f"{site.label()} rests on `{mechanism}`, not on standard contractual clauses",
                message_fr=f"{site.label('fr')} repose sur `{mechanism}`, et non sur des clauses "
                           "contractuelles types",
                about=site.owner, at=site.transfer.origin, key="mechanism",
                fix="under an \"SCCs everywhere\" policy, sign the SCCs of Decision (EU) 2021/914 "
                    "and write `mechanism: scc`; otherwise nothing to do",
                fix_fr="dans le cadre d'une politique «\u00a0CCT partout\u00a0», signer les CCT de la décision "
                       "d'exécution (UE) 2021/914 et écrire `mechanism: scc`\u00a0; sinon, rien à faire",
            )


RULES: tuple[type[Rule], ...] = (
    TransferWithoutSafeguard,
    AdequacyOutOfScope,
    SccModuleMismatch,
    ObsoleteTransferInstrument,
    TiaMissing,
    DerogationForSystematicTransfer,
    UndeclaredTransfer,
    TransferWithoutScc,
)
