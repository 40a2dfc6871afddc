"""ROPA2xx: legal bases (Art. 6), special categories (Art. 9, 10), automated decisions
(Art. 22) and children's consent (Art. 8)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator

from ropa.model.enums import LegalBasis, SpecialCategory
from ropa.model.register import Activity, Address, DataSubject, Organisation, Purpose, SpecialData
from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity
from ropa.rules.french import country_fr


def purposes_on(ctx: Context, *bases: LegalBasis | None) -> Iterator[tuple[Activity, Purpose]]:
    """Every (activity, purpose) whose legal basis is one of ``bases`` (None: no basis
    stated), basis by basis, in register order for each."""
    by_basis = ctx.shared("purposes_by_basis", lambda: _purposes_by_basis(ctx))
    for basis in bases:
        yield from by_basis.get(basis, ())


def _purposes_by_basis(ctx: Context) -> dict[LegalBasis | None, list[tuple[Activity, Purpose]]]:
    """The purposes of the register by legal basis, in one pass for all the rules that
    read them."""
    by_basis: defaultdict[LegalBasis | None, list[tuple[Activity, Purpose]]] = defaultdict(list)
    for activity in ctx.activities():
        for purpose in activity.purposes:
            by_basis[purpose.legal_basis].append((activity, purpose))
    return dict(by_basis)


def purpose_label(activity: Activity, purpose: Purpose, lang: str = "en") -> str:
    """How a message names a purpose, in ``lang`` ("en" or "fr"): its description, else its
    position."""
    if lang == "fr":
        if purpose.description:
            return f"la finalité {purpose.description!r} de l'activité {activity.id!r}"
        return (f"la finalité n°\u00a0{activity.purposes.index(purpose) + 1} de l'activité "
                f"{activity.id!r}")
    if purpose.description:
        return f"the purpose {purpose.description!r} of {activity.id!r}"
    return f"purpose #{activity.purposes.index(purpose) + 1} of {activity.id!r}"


def special_label(activity: Activity, item: SpecialData, lang: str = "en") -> str:
    """How a message names a special category of data, in ``lang`` ("en" or "fr")."""
    index = activity.special_categories.index(item)
    what = item.category.value if item.category else f"#{index + 1}"
    if lang == "fr":
        what_fr = repr(item.category.value) if item.category else f"n°\u00a0{index + 1}"
        return f"la catégorie particulière de données {what_fr} de l'activité {activity.id!r}"
    return f"the special-category data {what!r} of {activity.id!r}"


class LegalBasisMissing(Rule):
    """
    What it checks
    Every purpose of every activity names its Art. 6(1) legal basis.

    Why it matters
    Processing without a legal basis is unlawful (Art. 6(1)), and the basis decides which
    rights apply (portability for consent and contract, objection for legitimate interests).
    The privacy notice must state it (Art. 13(1)(c)).

    Example
    ```yaml
    purposes:
      - description: Envoyer la newsletter
        # no legal_basis
    ```

    Fix
    Add `legal_basis:` to the purpose: consent, contract, legal_obligation, vital_interests,
    public_task or legitimate_interests. One purpose, one basis: split a purpose that rests
    on two.

    References
    GDPR Art. 5(1)(a), 6(1), 13(1)(c); CNIL, "Les bases légales".
    """

    id = "ROPA201"
    name = "legal-basis-missing"
    severity = Severity.ERROR
    article = "Art. 6(1)"
    summary = "a purpose has no Art. 6 legal basis"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity, purpose in purposes_on(ctx, None):
            yield self.finding(
                ctx,
                message=f"{purpose_label(activity, purpose)} has no legal basis",
                message_fr=f"{purpose_label(activity, purpose, 'fr')} n'a pas de base légale",
                about=activity,
                at=purpose.origin,
                fix="add `legal_basis:` (consent, contract, legal_obligation, "
                    "vital_interests, public_task or legitimate_interests)",
                fix_fr="ajouter `legal_basis:` (consent, contract, legal_obligation, "
                       "vital_interests, public_task ou legitimate_interests)",
            )


class LegitimateInterestUndocumented(Rule):
    """
    What it checks
    A purpose on `legal_basis: legitimate_interests` states the interest pursued
    (`legitimate_interest:`), an error when it does not; and it refers to its balancing test
    (`lia:`, the legitimate interests assessment), a warning when it does not.

    Why it matters
    Art. 6(1)(f) requires an interest that is legitimate, a processing necessary for it, and
    a balance with the rights of the people concerned. The interest must be told to them
    (Art. 13(1)(d)), and the controller must be able to show the balancing (Art. 5(2)).

    Example
    ```yaml
    purposes:
      - description: Prospection des clients
        legal_basis: legitimate_interests
        # no legitimate_interest, no lia
    ```

    Fix
    Add `legitimate_interest:` in words ("promouvoir nos produits auprès de nos clients") and
    `lia:` with the reference or link of the balancing test.

    References
    GDPR Art. 5(2), 6(1)(f), 13(1)(d); EDPB Guidelines 1/2024 on legitimate interest;
    CNIL, "L'intérêt légitime".
    """

    id = "ROPA202"
    name = "legitimate-interest-undocumented"
    severity = Severity.ERROR
    article = "Art. 6(1)(f)"
    summary = "legitimate_interests without the interest stated (warning if no LIA reference)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity, purpose in purposes_on(ctx, LegalBasis.LEGITIMATE_INTERESTS):
            label = purpose_label(activity, purpose)
            label_fr = purpose_label(activity, purpose, "fr")
            if not purpose.legitimate_interest:
                yield self.finding(
                    ctx,
                    message=f"{label} rests on legitimate interests but does not state the "
                            "interest",
                    message_fr=f"{label_fr} repose sur l'intérêt légitime mais ne précise pas "
                               "l'intérêt poursuivi",
                    about=activity,
                    at=purpose.origin,
                    key="legal_basis",
                    fix="add `legitimate_interest:` with the interest pursued, and `lia:` with the "
                        "reference of the balancing test",
                    fix_fr="ajouter `legitimate_interest:` avec l'intérêt poursuivi, et `lia:` avec "
                           "la référence de la mise en balance des intérêts",
                )
            elif not purpose.lia:
                finding = self.finding(
                    ctx,
                    message=f"{label} rests on legitimate interests without a reference to its "
                            "balancing test (LIA)",
                    message_fr=f"{label_fr} repose sur l'intérêt légitime sans indiquer la "
                               "référence de la mise en balance des intérêts (LIA)",
                    about=activity,
                    at=purpose.origin,
                    key="legitimate_interest",
                    fix="add `lia:` with the reference or link of the legitimate interests "
                        "assessment",
                    fix_fr="ajouter `lia:` avec la référence ou le lien de la mise en balance "
                           "des intérêts",
                )
                # the copy keeps message_fr and fix_fr
                yield dataclasses.replace(finding, severity=Severity.WARNING)


class ConsentRecordMissing(Rule):
    """
    What it checks
    A purpose on `legal_basis: consent` says where and how consent is recorded
    (`consent_record:`).

    Why it matters
    The controller must be able to demonstrate that each person consented (Art. 7(1)): when,
    to what, and how. Without a record, consent cannot be proven, nor its withdrawal honoured.

    Example
    ```yaml
    purposes:
      - description: Envoyer la newsletter
        legal_basis: consent
        # no consent_record
    ```

    Fix
    Add `consent_record:` naming the system and what it keeps, e.g. "table newsletter_optin:
    date, texte affiché, adresse IP".

    References
    GDPR Art. 4(11), 7(1), 7(3); EDPB Guidelines 05/2020 on consent, section 5.1;
    CNIL, "Le consentement".
    """

    id = "ROPA203"
    name = "consent-record-missing"
    severity = Severity.WARNING
    article = "Art. 7(1)"
    summary = "consent without where/how consent is recorded (Art. 7(1))"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity, purpose in purposes_on(ctx, LegalBasis.CONSENT):
            if not purpose.consent_record:
                yield self.finding(
                    ctx,
                    message=f"{purpose_label(activity, purpose)} rests on consent but does not "
                            "say where consent is recorded",
                    message_fr=f"{purpose_label(activity, purpose, 'fr')} repose sur le "
                               "consentement mais n'indique pas où il est enregistré",
                    about=activity,
                    at=purpose.origin,
                    key="legal_basis",
                    fix="add `consent_record:` naming where each consent is kept (system, date, "
                        "text shown)",
                    fix_fr="ajouter `consent_record:` indiquant où chaque consentement est enregistré "
                           "(système, date, texte affiché)",
                )


class LegalReferenceMissing(Rule):
    """
    What it checks
    A purpose on `legal_obligation` or `public_task` names the law it rests on
    (`legal_reference:`).

    Why it matters
    Both bases must be laid down by Union or member state law (Art. 6(3)): the obligation or
    the task exists only if a text creates it, and naming it is how the record shows that it
    does.

    Example
    ```yaml
    purposes:
      - description: Conserver les factures
        legal_basis: legal_obligation
        # no legal_reference
    ```

    Fix
    Add `legal_reference:` with the text, e.g. "Code de commerce, art. L123-22".

    References
    GDPR Art. 6(1)(c), 6(1)(e), 6(3); CNIL, "L'obligation légale", "La mission d'intérêt
    public".
    """

    id = "ROPA204"
    name = "legal-reference-missing"
    severity = Severity.WARNING
    article = "Art. 6(3)"
    summary = "legal_obligation / public_task without the law named"

    def check(self, ctx: Context) -> Iterable[Finding]:
        bases = (LegalBasis.LEGAL_OBLIGATION, LegalBasis.PUBLIC_TASK)
        for activity, purpose in purposes_on(ctx, *bases):
            if not purpose.legal_reference:
                basis = purpose.legal_basis.value if purpose.legal_basis else ""
                yield self.finding(
                    ctx,
                    message=f"{purpose_label(activity, purpose)} rests on {basis} but names no law",
                    message_fr=f"{purpose_label(activity, purpose, 'fr')} repose sur {basis} mais "
                               "ne cite aucun texte de loi",
                    about=activity,
                    at=purpose.origin,
                    key="legal_basis",
                    fix="add `legal_reference:` with the text that lays down the obligation or "
                        "the task (e.g. \"Code de commerce, art. L123-22\")",
                    fix_fr="ajouter `legal_reference:` avec le texte qui établit l'obligation ou "
                           "la mission (par exemple «\u00a0Code de commerce, art. L123-22\u00a0»)",
                )


class PublicAuthorityLegitimateInterest(Rule):
    """
    What it checks
    When the organisation is a public authority (`public_authority: true`), no purpose rests
    on `legitimate_interests`.

    Why it matters
    Art. 6(1), last sentence: legitimate interests "shall not apply to processing carried out
    by public authorities in the performance of their tasks". Their processing rests on a
    legal obligation or a public task laid down by law (Art. 6(3)).

    Example
    ```yaml
    organisation: {name: Ville d'Exemple, public_authority: true}
    activities:
      - id: newsletter
        purposes:
          - {description: Informer les habitants, legal_basis: legitimate_interests}
    ```

    Fix
    Use `public_task` or `legal_obligation` with its `legal_reference`, or `consent` where it
    is freely given. A processing outside the authority's tasks (rare) may keep legitimate
    interests: suppress the finding with that reason.

    References
    GDPR Art. 6(1) last sentence, recital 47; CNIL, "L'intérêt légitime".
    """

    id = "ROPA205"
    name = "public-authority-legitimate-interest"
    severity = Severity.ERROR
    article = "Art. 6(1)"
    summary = "a public authority relies on legitimate interests"

    def check(self, ctx: Context) -> Iterable[Finding]:
        if not ctx.register.organisation.public_authority:
            return
        for activity, purpose in purposes_on(ctx, LegalBasis.LEGITIMATE_INTERESTS):
            yield self.finding(
                ctx,
                message=f"{purpose_label(activity, purpose)} rests on legitimate interests, which "
                        "a public authority cannot rely on for its tasks (Art. 6(1), last "
                        "sentence)",
                message_fr=f"{purpose_label(activity, purpose, 'fr')} repose sur l'intérêt "
                           "légitime, qu'une autorité publique ne peut pas invoquer dans "
                           "l'exécution de ses missions (art. 6(1), dernier alinéa)",
                about=activity,
                at=purpose.origin,
                key="legal_basis",
                fix="use `legal_basis: public_task` or `legal_obligation` with its "
                    "`legal_reference:`",
                fix_fr="utiliser `legal_basis: public_task` ou `legal_obligation` avec sa "
                       "référence `legal_reference:`",
            )


class SpecialCategoryConditionMissing(Rule):
    """
    What it checks
    Every Art. 9 special category of data (every category but `criminal_offences`) names the
    Art. 9(2) condition that lifts the prohibition (`condition:`).

    Why it matters
    Processing Art. 9(1) data is prohibited unless one of the conditions of Art. 9(2)
    applies, on top of an Art. 6 basis. Explicit consent for health data is such a
    condition; an ordinary consent or a contract is not.

    Example
    ```yaml
    special_categories:
      - category: health
        # no condition
    ```

    Fix
    Add `condition:` (explicit_consent, employment, vital_interests, non_profit, made_public,
    legal_claims, substantial_public_interest, health_care, public_health or
    archiving_research). Criminal-offence data take a `legal_reference` instead (ROPA207).

    References
    GDPR Art. 9(1), 9(2)(a)-(j), 30(1)(c); CNIL, "Les données sensibles".
    """

    id = "ROPA206"
    name = "special-category-condition-missing"
    severity = Severity.ERROR
    article = "Art. 9(2)"
    summary = "Art. 9 data without an Art. 9(2) condition"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            for item in activity.special_categories:
                if item.category != SpecialCategory.CRIMINAL_OFFENCES and item.condition is None:
                    yield self.finding(
                        ctx,
                        message=f"{special_label(activity, item)} have no Art. 9(2) condition",
                        message_fr=f"{special_label(activity, item, 'fr')} n'a pas de condition "
                                   "de l'art. 9(2)",
                        about=activity,
                        at=item.origin,
                        key="category",
                        fix="add `condition:` with the Art. 9(2) condition (e.g. explicit_consent, "
                            "employment, health_care)",
                        fix_fr="ajouter `condition:` avec la condition de l'art. 9(2) (par exemple "
                               "explicit_consent, employment, health_care)",
                    )


class CriminalDataBasisMissing(Rule):
    """
    What it checks
    Criminal-offence data (`category: criminal_offences`) name the law that authorises their
    processing (`legal_reference:`).

    Why it matters
    Art. 10: data relating to criminal convictions and offences may be processed only under
    the control of official authority or when Union or member state law authorises it, with
    safeguards. In France, article 46 of the loi Informatique et Libertés lists who may.

    Example
    ```yaml
    special_categories:
      - category: criminal_offences
        items: [extrait de casier judiciaire]
        # no legal_reference
    ```

    Fix
    Add `legal_reference:` with the text that authorises the processing, e.g. "Code de
    l'éducation, art. L911-5".

    References
    GDPR Art. 10; loi n° 78-17 du 6 janvier 1978, art. 46; CNIL, "Les données d'infraction".
    """

    id = "ROPA207"
    name = "criminal-data-basis-missing"
    severity = Severity.ERROR
    article = "Art. 10"
    summary = "criminal offence data without an Art. 10 legal reference"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            for item in activity.special_categories:
                if item.category == SpecialCategory.CRIMINAL_OFFENCES and not item.legal_reference:
                    yield self.finding(
                        ctx,
                        message=f"the criminal-offence data of {activity.id!r} name no law that "
                                "authorises their processing (Art. 10)",
                        message_fr=f"les données d'infraction de l'activité {activity.id!r} ne citent aucun "
                                   "texte qui en autorise le traitement (art. 10)",
                        about=activity,
                        at=item.origin,
                        key="category",
                        fix="add `legal_reference:` with the text that authorises processing "
                            "these data",
                        fix_fr="ajouter `legal_reference:` avec le texte qui autorise le "
                               "traitement de ces données",
                    )


class AutomatedDecisionUnlawful(Rule):
    """
    What it checks
    An activity that takes decisions based solely on automated processing
    (`automated_decision.exists: true`) with legal or similarly significant effects
    (`legal_effect: true`) names the Art. 22(2) exception it relies on (`exception:`) and
    the safeguards in place (`safeguards:`).

    Why it matters
    Such decisions are prohibited (Art. 22(1)) unless necessary for a contract, authorised by
    law, or based on explicit consent (Art. 22(2)); and then the person keeps the right to
    human intervention, to express a view and to contest (Art. 22(3)).

    Example
    ```yaml
    automated_decision: {exists: true, legal_effect: true}
    ```

    Fix
    Add `exception:` (contract, law or explicit_consent) and `safeguards:` describing the
    human review and how a person contests the decision.

    References
    GDPR Art. 13(2)(f), 22; WP29 Guidelines on automated decision-making (WP251 rev.01);
    CNIL, "Profilage et décision entièrement automatisée".
    """

    id = "ROPA208"
    name = "automated-decision-unlawful"
    severity = Severity.ERROR
    article = "Art. 22(2)"
    summary = "decision with legal/similar effect without an Art. 22(2) exception and safeguards"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            decision = activity.automated_decision
            if decision is None or not (decision.exists and decision.legal_effect):
                continue
            absent = [(text, text_fr) for text, text_fr, lacking in (
                ("an Art. 22(2) exception (`exception`)",
                 "exception de l'art. 22(2) (`exception`)", decision.exception is None),
                ("safeguards (`safeguards`)", "garanties (`safeguards`)", not decision.safeguards),
            ) if lacking]
            if absent:
                missing = [text for text, _ in absent]
                missing_fr = [text_fr for _, text_fr in absent]
                yield self.finding(
                    ctx,
                    message=f"the activity {activity.id!r} takes automated decisions with legal "
                            f"or similar effects without {' and without '.join(missing)}",
                    message_fr=f"l'activité {activity.id!r} prend des décisions automatisées "
                               "produisant des effets juridiques ou affectant les personnes de "
                               "manière significative de façon similaire, sans "
                               f"{' et sans '.join(missing_fr)}",
                    about=activity,
                    at=decision.origin,
                    key="exception" if decision.exception is None else "safeguards",
                    fix="add `exception:` (contract, law or explicit_consent) and `safeguards:` "
                        "(human review, the right to express a view and to contest)",
                    fix_fr="ajouter `exception:` (contract, law ou explicit_consent) et "
                           "`safeguards:` (intervention humaine, droit d'exprimer son point de vue "
                           "et de contester la décision)",
                )


class ChildConsentAge(Rule):
    """
    What it checks
    An activity with a purpose on `consent` whose data subjects may be younger than the
    Art. 8 age of the organisation's member state (taken from the first of
    `establishments`, else the address's country, else `supervisory_authority`; the GDPR
    default of 16 when none is known): `min_age` below that age, or `minors: true` with no
    `min_age`. Such subjects need `parental_consent:`. A `min_age` equal to the age is fine
    (France: 15).

    Why it matters
    For information society services offered directly to a child, a child's own consent is
    valid only from the age set by the member state (13 to 16, Art. 8(1)); below it, consent
    must be given or authorised by the holder of parental responsibility, and the controller
    must make reasonable efforts to verify it (Art. 8(2)).

    Example
    ```yaml
    # organisation established in FR (age 15)
    purposes: [{description: Newsletter, legal_basis: consent}]
    data_subjects:
      - {category: users, minors: true, min_age: 13}
    ```

    Fix
    Add `parental_consent:` to those data subjects, saying how the parent's consent is
    obtained and checked; or raise `min_age` to the member state's age if younger users are
    refused. Services not offered directly to children may suppress the finding.

    References
    GDPR Art. 8, recital 38; loi Informatique et Libertés, art. 45 (France: 15 years);
    EDPB Guidelines 05/2020 on consent, section 7.1; CNIL, "Recommandation 3 : ... mineurs".
    """

    id = "ROPA209"
    name = "child-consent-age"
    severity = Severity.WARNING
    article = "Art. 8(1)"
    summary = "a consent-based purpose whose data subjects may be younger than the Art. 8 age"

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ropa.reference import default_consent_age, digital_consent_age

        country = member_state(ctx.register.organisation)
        age = (digital_consent_age(country) if country else default_consent_age()).age
        where = (f"in {country}" if country
                 else "by default (the organisation's member state is unknown)")
        where_fr = (f"dans l'État membre de l'organisme ({country_fr(country)})" if country
                    else "par défaut (l'État membre de l'organisme est inconnu)")
        previous = None
        for activity, consent in purposes_on(ctx, LegalBasis.CONSENT):
            if activity is previous:
                continue  # one pass per activity, naming its first purpose on consent
            previous = activity
            for index, subject in enumerate(activity.data_subjects):
                if subject.parental_consent or not _may_be_younger(subject, age):
                    continue
                who = repr(subject.category.value) if subject.category else f"#{index + 1}"
                who_fr = (repr(subject.category.value) if subject.category
                          else f"n°\u00a0{index + 1}")
                yield self.finding(
                    ctx,
                    message=f"the data subjects {who} of {activity.id!r} {_youngest(subject)}, "
                            f"below the Art. 8 age of {age} {where}; {_what(consent)} rests on "
                            "their consent and no `parental_consent` is given",
                    message_fr=f"les personnes concernées {who_fr} de l'activité {activity.id!r} "
                               f"{_youngest(subject, 'fr')}, alors que la majorité numérique "
                               f"(art. 8) est fixée à {age} ans {where_fr}\u00a0; "
                               f"{_what(consent, 'fr')} repose "
                               "sur leur consentement et aucun `parental_consent` n'est indiqué",
                    about=activity,
                    at=subject.origin,
                    key="min_age" if subject.min_age is not None else "minors",
                    fix="add `parental_consent:` saying how a parent's consent is obtained for "
                        f"users under {age}, or set `min_age: {age}` if younger users are refused",
                    fix_fr="ajouter `parental_consent:` indiquant comment le consentement d'un "
                           f"parent est obtenu pour les utilisateurs de moins de {age} ans, ou "
                           f"fixer `min_age: {age}` si les utilisateurs plus jeunes sont refusés",
                )


def _what(purpose: Purpose, lang: str = "en") -> str:
    """How a message names the purpose on consent, in ``lang`` ("en" or "fr")."""
    if lang == "fr":
        return f"la finalité {purpose.description!r}" if purpose.description else "une finalité"
    return f"the purpose {purpose.description!r}" if purpose.description else "a purpose"


def _youngest(subject: DataSubject, lang: str = "en") -> str:
    """How young the data subjects may be, in ``lang`` ("en" or "fr")."""
    if lang == "fr":
        if subject.min_age is not None:
            return f"peuvent n'avoir que {subject.min_age} ans (`min_age`)"
        return "peuvent être des mineurs de tout âge (`minors: true`, sans `min_age`)"
    if subject.min_age is not None:
        return f"may be as young as {subject.min_age} (`min_age`)"
    return "may be minors of any age (`minors: true`, no `min_age`)"


def _may_be_younger(subject: DataSubject, age: int) -> bool:
    if subject.min_age is not None:
        return subject.min_age < age
    return subject.minors is True


def member_state(org: Organisation) -> str | None:
    """The country whose Art. 8 age applies: the first establishment, else the address's
    country, else the lead supervisory authority's."""
    if org.establishments:
        return org.establishments[0]
    if isinstance(org.address, Address) and org.address.country:
        return org.address.country
    return org.supervisory_authority


RULES: tuple[type[Rule], ...] = (
    LegalBasisMissing,
    LegitimateInterestUndocumented,
    ConsentRecordMissing,
    LegalReferenceMissing,
    PublicAuthorityLegitimateInterest,
    SpecialCategoryConditionMissing,
    CriminalDataBasisMissing,
    AutomatedDecisionUnlawful,
    ChildConsentAge,
)
