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

from ropa.model.enums import Derogation, Exporter, Mechanism
from ropa.model.register import Activity, ProcessingOnBehalf, Processor, Transfer
from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity

Owner = Activity | Processor | ProcessingOnBehalf
ART46_TOOLS = "`scc` with `scc: {module, decision: \"2021/914\", signed}`, `bcr` or `ad_hoc_clauses`"
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

    def label(self) -> str:
        """``the transfer of processor 'stripe' to US (Stripe, Inc.)``"""
        kind = {Activity: "activity", Processor: "processor"}.get(type(self.owner), "processing on behalf")
        return f"the transfer of {kind} {self.owner.id!r} to {self.destination()}"

    def destination(self) -> str:
        transfer = self.transfer
        who = transfer.importer or transfer.recipient
        if transfer.international_organisation:
            place = f"the international organisation {transfer.international_organisation!r}"
            if who == transfer.international_organisation:
                return place
        else:
            place = self.country or "an unnamed country"
        return f"{place} ({who})" if who else place


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
    return dataclasses.replace(finding, severity=severity)


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
                    about=site.owner, at=transfer.origin, key="mechanism",
                    fix=self._fix(site, ctx),
                )
            elif transfer.mechanism == Mechanism.DEROGATION and transfer.derogation is None:
                yield self.finding(
                    ctx,
                    message=f"{site.label()} rests on an Art. 49 derogation but does not say which",
                    about=site.owner, at=transfer.origin, key="mechanism",
                    fix="add `derogation:` (explicit_consent, contract_performance, pre_contract, "
                        "public_interest, third_party_contract, legal_claims, vital_interests, "
                        "public_register or compelling_legitimate_interests)",
                )

    @staticmethod
    def _fix(site: Site, ctx: Context) -> str:
        from ropa.reference import adequacy_decision

        decision = adequacy_decision(site.country, ctx.as_of) if site.country else None
        tools = f"add `mechanism:`: {ART46_TOOLS}; `derogation` only for an occasional transfer"
        if decision is None or site.transfer.international_organisation:
            return tools
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
                               f"rely on an Art. 46 safeguard instead: {ART46_TOOLS}")
        elif decision.requires_certification:
            if transfer.dpf_certified is True:
                return
            state = ("`dpf_certified` is false" if transfer.dpf_certified is False
                     else "`dpf_certified` is not stated")
            yield self._report(
                site, ctx,
                f"{site.label()} relies on the adequacy decision for {decision.name}, which covers "
                f"only importers on the {decision.certification}, but {state}",
                "dpf_certified",
                "check the importer on https://www.dataprivacyframework.gov and write "
                "`dpf_certified: true`; otherwise use `mechanism: scc`")
        elif decision.partial_scope and transfer.adequacy_in_scope is not True:
            yield from self._partial(site, ctx, decision.name, decision.scope)

    def _partial(self, site: Site, ctx: Context, name: str, scope: str) -> Iterator[Finding]:
        fix = ("write `adequacy_in_scope: true` once you have checked that the importer is "
               f"within the scope ({scope}); otherwise use `mechanism: scc`")
        if site.transfer.adequacy_in_scope is False:
            yield self._report(site, ctx, f"{site.label()} relies on the adequacy decision for "
                               f"{name}, but the importer is outside its scope "
                               "(`adequacy_in_scope: false`)", "adequacy_in_scope", fix)
            return
        finding = self._report(site, ctx, f"{site.label()} relies on the adequacy decision for "
                               f"{name}, which covers only part of the country: the scope must be "
                               "confirmed (`adequacy_in_scope` is not stated)", "mechanism", fix)
        yield with_severity(finding, Severity.WARNING)

    @staticmethod
    def _no_decision(site: Site, ctx: Context) -> str:
        from ropa.reference import adequacy_decisions

        organisation = site.transfer.international_organisation
        if organisation:
            return f"no adequacy decision in force covers the international organisation {organisation!r}"
        if site.country is None:
            return "the transfer names no `country` to check a decision for"
        for decision in adequacy_decisions():
            if decision.country != site.country:
                continue
            if decision.adopted > ctx.as_of:
                return (f"the adequacy decision for {decision.name} ({decision.decision_ref}) applies "
                        f"only from {decision.adopted.isoformat()}")
            if decision.expiry is not None:
                return (f"the adequacy decision for {decision.name} ({decision.decision_ref}) "
                        f"was in force only until {decision.expiry.isoformat()}")
        return f"there is no adequacy decision for {site.country}"

    def _report(self, site: Site, ctx: Context, message: str, key: str, fix: str) -> Finding:
        return self.finding(ctx, message=message, about=site.owner, at=site.transfer.origin,
                            key=key, fix=fix)


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
            if len(expected) > 1:
                fix += " (or the other module named)"
            if not isinstance(site.owner, Activity):
                fix += "; if `exporter` is what is wrong, correct it"
            yield self.finding(
                ctx,
                message=f"{site.label()} {stated} {fits} fits: {why}",
                about=site.owner, at=scc.origin if scc and scc.origin else transfer.origin,
                key="module" if scc and scc.origin else "scc", fix=fix,
            )

    @staticmethod
    def _module(n: int) -> str:
        from ropa.reference import scc_module

        try:
            return f"module {n} ({scc_module(n).code})"
        except ValueError:
            return f"module {n}"

    def _expected(self, site: Site, ctx: Context, sub_processors: set[str]) -> tuple[set[int], str]:
        owner, exporter = site.owner, site.transfer.exporter
        if isinstance(owner, Activity):
            return {1}, "the activity's recipient abroad is a controller"
        if isinstance(owner, Processor):
            return self._for_processor(owner, exporter, ctx, sub_processors)
        if exporter == Exporter.CONTROLLER:
            return {2}, "the client controller exports to the importer"
        return self._for_client(owner, site.transfer)

    @staticmethod
    def _for_processor(processor: Processor, exporter: Exporter | None, ctx: Context,
                       sub_processors: set[str]) -> tuple[set[int], str]:
        from ropa.reference import is_eea

        eea_exporter = (processor.country is None or is_eea(processor.country, ctx.as_of)
                        or processor.id in sub_processors)
        if exporter == Exporter.CONTROLLER:
            return {2}, "the controller exports to the processor's importer"
        if not eea_exporter:
            return {2}, (f"processor {processor.id!r} is established outside the EEA "
                         f"({processor.country}), so the controller exports to it")
        if exporter == Exporter.PROCESSOR:
            return {3}, "an EEA processor exports to its affiliate or sub-processor"
        return {2, 3}, "a processor receives the data (no `exporter` is stated)"

    @staticmethod
    def _for_client(pob: ProcessingOnBehalf, transfer: Transfer) -> tuple[set[int], str]:
        who = _key(transfer.importer or transfer.recipient or "")
        client = _key(pob.controller.name or "") if pob.controller else ""
        if who and who == client:
            return {4}, "we, the processor, send the data back to the client controller"
        names = {_key(ref.name) for ref in pob.sub_processors if ref.name}
        if who and who in names:
            return {3}, "we, the processor, export to a sub-processor"
        return {3, 4}, "we export as the client's processor"


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
                about=site.owner, at=site.transfer.origin,
                key="scc" if site.transfer.mechanism == Mechanism.SCC else "mechanism",
                fix="sign the clauses of Decision (EU) 2021/914 and write `mechanism: scc` with "
                    "`scc: {module, decision: \"2021/914\", signed}` (or `mechanism: adequacy` with "
                    "`dpf_certified: true` for a US importer on the DPF List)",
            )

    @staticmethod
    def _reason(transfer: Transfer, ctx: Context) -> str | None:
        from ropa.reference import invalidated_decision, is_legacy_scc, scc_dates

        if transfer.mechanism in (Mechanism.PRIVACY_SHIELD, Mechanism.SAFE_HARBOUR):
            struck = invalidated_decision(transfer.mechanism.value)
            if struck is None:
                return f"the invalidated `{transfer.mechanism.value}`"
            if struck.invalidated > ctx.as_of:
                return None
            return (f"the {struck.name}, invalidated on {struck.invalidated.isoformat()} "
                    f"({struck.judgment})")
        scc = transfer.scc
        if transfer.mechanism != Mechanism.SCC or scc is None or not is_legacy_scc(scc.decision, scc.signed):
            return None
        dates = scc_dates()
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
                    about=site.owner, at=transfer.origin, key="mechanism",
                    fix="assess the destination's law and practice (EDPB Recommendations 01/2020) "
                        "and add `tia:` with the reference of the assessment",
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
            finding = self.finding(
                ctx,
                message=f"{site.label()} is a processor's routine transfer, yet rests on {which}: "
                        "derogations are for occasional transfers",
                about=site.owner, at=transfer.origin,
                key="derogation" if transfer.derogation else "mechanism",
                fix="sign the SCCs of Decision (EU) 2021/914 (`mechanism: scc`, module 2, or 3 "
                    "for an EEA processor's onward transfer), or rely on an adequacy decision",
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
        finding = self.finding(
            ctx,
            message=f"processor {processor.id!r} {where} {code}, outside the EEA, but declares no "
                    f"transfer to {code}",
            about=processor, at=processor.origin, key=key,
            fix=f"add a `transfers` entry with `country: {code}` and its mechanism to processor "
                f"{processor.id!r}, or correct `{key}` if no data go there",
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
                about=site.owner, at=site.transfer.origin, key="mechanism",
                fix="under an \"SCCs everywhere\" policy, sign the SCCs of Decision (EU) 2021/914 "
                    "and write `mechanism: scc`; otherwise nothing to do",
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
