"""ROPA1xx: the controller and the content Art. 30(1) requires of each activity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import cache
from typing import ClassVar

from ropa.model.enums import DpiaCriterion, Role, Status
from ropa.model.register import Activity, Address, Contact, Organisation
from ropa.rules.base import Context, RegisterRule, Rule, Summarise
from ropa.rules.finding import Finding, Severity
from ropa.rules.french import and_fr, country_fr, neither


def is_given(contact: Contact | None) -> bool:
    """A contact the user filled in: at least a name, a company, an e-mail or a phone."""
    if contact is None:
        return False
    return any((contact.name, contact.company, contact.email, contact.phone))


def address_country(org: Organisation) -> str | None:
    return org.address.country if isinstance(org.address, Address) else None


# The keys ROPA101 asks for, in French words (the message also shows the key)
_ORG_KEYS_FR = {"name": "nom (`name`)", "email": "adresse électronique (`email`)"}


def is_active(activity: Activity) -> bool:
    """An activity carried out now: `status: active`, or no status (a listed activity runs)."""
    return activity.status in (None, Status.ACTIVE)


class ControllerIdentityMissing(Rule):
    """
    What it checks
    The organisation has a name and a contact e-mail address.

    Why it matters
    Art. 30(1)(a) opens the record with the name and contact details of the controller: an
    authority reading the register must know whose it is and whom to write to.

    Example
    ```yaml
    organisation:
      name: PERSIANCE
      # no email
    ```

    Fix
    Add `organisation.name` and `organisation.email` (a mailbox that is read).

    References
    GDPR Art. 30(1)(a); CNIL register model, "Coordonnées du responsable de l'organisme".
    """

    id = "ROPA101"
    name = "controller-identity-missing"
    severity = Severity.ERROR
    article = "Art. 30(1)(a)"
    summary = "organisation name or contact missing (30(1)(a))"

    def check(self, ctx: Context) -> Iterable[Finding]:
        org = ctx.register.organisation
        missing = [key for key, value in (("name", org.name), ("email", org.email)) if not value]
        if missing:
            what = " and ".join(f"`{key}`" for key in missing)
            keys = [f"`{key}`" for key in missing]
            keys_fr = [_ORG_KEYS_FR[key] for key in missing]
            yield self.finding(
                ctx,
                message=f"the organisation has no {what}: Art. 30(1)(a) requires the controller's "
                        "name and contact details",
                message_fr=f"l'organisme n'a {neither(keys_fr)}\u00a0: l'art. 30(1)(a) exige le nom et "
                           "les coordonnées du responsable du traitement",
                about=org,
                at=org.origin,
                fix=f"add {what} under `organisation`",
                fix_fr=f"ajouter {' et '.join(keys)} sous `organisation`",
            )


class RepresentativeMissing(Rule):
    """
    What it checks
    An organisation established in the EEA lists it under `establishments`; one that is not
    names its Art. 27 representative. The rule fires when `establishments` lists no EEA
    country (it is empty, or every country is outside the EEA) and `representative` is not
    given. When `establishments` is left out, an address in the EEA counts as an
    establishment there.

    Why it matters
    A controller outside the EEA that offers goods or services to people in the EEA, or
    monitors them, must designate in writing a representative in a member state (Art. 27(1)),
    and the record must name it (Art. 30(1)(a)). Authorities and data subjects address it.

    Example
    ```yaml
    organisation:
      name: Example Inc.
      address: {city: Boston, country: US}
      establishments: []
      # no representative
    ```

    Fix
    List the EEA countries where the organisation is established (`establishments: [FR]`),
    or name the representative: `representative: {name: ..., address: ..., email: ...}`. An
    organisation exempt under Art. 27(2) (occasional processing without large-scale special
    categories, or a public authority) may suppress the finding with that reason.

    References
    GDPR Art. 3(2), 27, 30(1)(a); EDPB Guidelines 3/2018 on territorial scope, section 4.
    """

    id = "ROPA102"
    name = "representative-missing"
    severity = Severity.ERROR
    article = "Art. 27"
    summary = "no EEA establishment and no Art. 27 representative"

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ropa.reference import is_eea

        org = ctx.register.organisation
        if is_given(org.representative):
            return
        if any(is_eea(country, ctx.as_of) for country in org.establishments):
            return
        written = org.origin is not None and "establishments" in org.origin.keys
        country = address_country(org)
        if org.establishments:
            listed = ", ".join(org.establishments)
            why = f"the organisation's establishments ({listed}) are all outside the EEA"
            listed_fr = ", ".join(country_fr(code) for code in org.establishments)
            why_fr = f"les établissements de l'organisme ({listed_fr}) sont tous hors de l'EEE"
        elif written:
            why = "the organisation lists no establishment (`establishments` is empty)"
            why_fr = "l'organisme n'indique aucun établissement (`establishments` est vide)"
        elif country is not None and is_eea(country, ctx.as_of):
            return
        elif country is not None:
            why = (f"the organisation's address is in {country}, outside the EEA, "
                   "with no establishments listed")
            why_fr = (f"l'adresse de l'organisme est hors de l'EEE ({country_fr(country)}), aucun "
                      "établissement n'est indiqué")
        else:
            why = "the organisation lists no establishments and its address gives no country"
            why_fr = "l'organisme n'indique aucun établissement, son adresse ne donne aucun pays"
        yield self.finding(
            ctx,
            message=f"{why}, and no Art. 27 representative in the EEA is named",
            message_fr=f"{why_fr}, et aucun représentant (art. 27) dans l'EEE n'est désigné",
            about=org,
            at=org.origin,
            key="establishments" if written else None,
            fix="list the EEA countries where the organisation is established under "
                "`organisation.establishments` (e.g. `establishments: [FR]`), or name the "
                "representative under `organisation.representative` ({name, address, email})",
            fix_fr="indiquer sous `organisation.establishments` les pays de l'EEE où l'organisme "
                   "est établi (par exemple `establishments: [FR]`), ou désigner le représentant "
                   "sous `organisation.representative` (`{name, address, email}`)",
        )


def dpo_cases(ctx: Context, activity: Activity) -> tuple[bool, bool]:
    """Whether an activity carried out now is systematic monitoring on a large scale
    (Art. 37(1)(b)), and large-scale processing of Art. 9 or Art. 10 data (Art. 37(1)(c))."""
    if not is_active(activity):
        return False, False
    criteria = _criteria(activity)
    large = DpiaCriterion.LARGE_SCALE in criteria
    return (large and DpiaCriterion.SYSTEMATIC_MONITORING in criteria,
            large and bool(activity.special_categories))


class DpoMayBeRequired(RegisterRule):
    """
    What it checks
    When no DPO is designated (`organisation.dpo` is not given), whether a case of
    Art. 37(1) shows in the register: the organisation is a public authority
    (`public_authority: true`); or an active activity meets the DPIA criteria `large_scale`
    and `systematic_monitoring`; or an active activity meets `large_scale` and processes
    special-category (Art. 9) or criminal-offence (Art. 10) data. An activity without a
    `status` counts as active.

    Why it matters
    Art. 37(1) makes a DPO mandatory for public authorities, and for organisations whose core
    activities are regular and systematic monitoring on a large scale, or large-scale
    processing of Art. 9 or Art. 10 data. Whether the activity is a core activity is for the
    organisation to judge, hence a warning.

    Example
    ```yaml
    organisation: {name: Ville d'Exemple, public_authority: true}
    # no dpo
    ```

    Fix
    Designate a DPO and add `organisation.dpo: {name: ..., email: ...}` (and notify the
    supervisory authority, Art. 37(7)); or, when the processing is not a core activity,
    suppress the finding with the reasoning (EDPB/WP29 guidelines advise documenting it).

    References
    GDPR Art. 37(1), 37(7), 30(1)(a); WP29 Guidelines on DPOs (WP243 rev.01), section 2.1;
    CNIL, "Désigner un délégué à la protection des données".
    """

    id = "ROPA103"
    name = "dpo-may-be-required"
    severity = Severity.WARNING
    article = "Art. 37(1)"
    summary = "no DPO while Art. 37(1) may apply"
    summaries: ClassVar[dict[str, Summarise]] = {"dpo_cases": dpo_cases}

    def check(self, ctx: Context) -> Iterable[Finding]:
        org = ctx.register.organisation
        if is_given(org.dpo):
            return
        reasons = dpo_reasons(ctx)
        if reasons:
            yield self.finding(
                ctx,
                message="no DPO is designated, but Art. 37(1) may require one: "
                        + "; ".join(reasons),
                message_fr="aucun délégué à la protection des données (DPO) n'est désigné, mais "
                           "l'art. 37(1) peut en exiger un\u00a0: "
                           + "\u00a0; ".join(dpo_reasons(ctx, "fr")),
                about=org,
                at=org.origin,
                key="dpo",
                fix="designate a DPO and add `organisation.dpo: {name, email}`; if the processing "
                    "is not a core activity, suppress this finding with that reasoning",
                fix_fr="désigner un DPO et ajouter `organisation.dpo: {name, email}`\u00a0; si le "
                       "traitement ne relève pas des activités de base de l'organisme, accepter le "
                       "constat par une entrée `suppress` qui donne ce motif",
            )


def dpo_reasons(ctx: Context, lang: str = "en") -> list[str]:
    """The cases of Art. 37(1) the register shows, in the article's order, in ``lang``
    ("en" or "fr")."""
    fr = lang == "fr"
    reasons = []
    if ctx.register.organisation.public_authority:
        reasons.append("l'organisme est une autorité publique (art. 37(1)(a))" if fr
                       else "the organisation is a public authority (Art. 37(1)(a))")
    cases = ctx.across("dpo_cases", dpo_cases)
    monitoring = [activity_id for activity_id, (monitors, _) in cases if monitors]
    if monitoring:
        reasons.append(f"suivi systématique à grande échelle dans {_activities_fr(monitoring)} "
                       "(art. 37(1)(b))" if fr
                       else f"systematic monitoring on a large scale in {_ids(monitoring)} "
                            "(Art. 37(1)(b))")
    sensitive = [activity_id for activity_id, (_, special) in cases if special]
    if sensitive:
        reasons.append("traitement à grande échelle de catégories particulières de données (art. 9) "
                       f"ou de données d'infraction (art. 10) dans {_activities_fr(sensitive)} "
                       "(art. 37(1)(c))" if fr
                       else f"large-scale processing of Art. 9 or Art. 10 data in {_ids(sensitive)} "
                            "(Art. 37(1)(c))")
    return reasons


def _criteria(activity: Activity) -> set[DpiaCriterion]:
    return set(activity.dpia.criteria) if activity.dpia else set()


def _ids(ids: list[str]) -> str:
    return ", ".join(repr(i) for i in ids)


def _activities_fr(ids: list[str]) -> str:
    """"l'activité 'a'", "les activités 'a', 'b' et 'c'"."""
    names = and_fr([repr(i) for i in ids])
    return f"l'activité {names}" if len(ids) == 1 else f"les activités {names}"


class _EmptyListRule(Rule):
    """An activity must fill in one of the lists Art. 30(1) requires."""

    keys: tuple[str, ...]
    what: str
    fix_text: str
    what_fr: str  # after "l'activité 'x' n'a pas de"
    fix_text_fr: str

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            for key in self.keys:
                if getattr(activity, key):
                    break
            else:  # every list is empty
                yield self.finding(
                    ctx,
                    message=f"the activity {activity.id!r} has no {self.what}",
                    message_fr=f"l'activité {activity.id!r} n'a pas de {self.what_fr}",
                    about=activity,
                    at=activity.origin,
                    key=self.keys[0],
                    fix=self.fix_text,
                    fix_fr=self.fix_text_fr,
                )


class PurposeMissing(_EmptyListRule):
    """
    What it checks
    Every activity lists at least one purpose under `purposes`.

    Why it matters
    Art. 30(1)(b) requires the purposes of the processing. Purpose limitation (Art. 5(1)(b))
    and every legal basis are judged against them: data collected for no stated purpose may
    not be processed at all.

    Example
    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        # no purposes
    ```

    Fix
    Add `purposes:` with one item per purpose:
    `- {description: Envoyer la newsletter, legal_basis: consent}`.

    References
    GDPR Art. 5(1)(b), 30(1)(b); CNIL register model, "Finalité(s) du traitement effectué".
    """

    id = "ROPA104"
    name = "purpose-missing"
    severity = Severity.ERROR
    article = "Art. 30(1)(b)"
    summary = "an activity has no purpose (30(1)(b))"
    keys = ("purposes",)
    what = "purpose: Art. 30(1)(b) requires the purposes of the processing"
    fix_text = "add `purposes:` with at least one `- description: ...` and its `legal_basis:`"
    what_fr = "finalité\u00a0: l'art. 30(1)(b) exige les finalités du traitement"
    fix_text_fr = ("ajouter `purposes:` avec au moins une entrée `- description: ...` et sa base "
                   "légale `legal_basis:`")


class DataSubjectsMissing(_EmptyListRule):
    """
    What it checks
    Every activity lists at least one category of data subjects under `data_subjects`.

    Why it matters
    Art. 30(1)(c) requires a description of the categories of data subjects: whose data the
    activity processes decides the information owed (Art. 13, 14) and the risks (children,
    employees, patients).

    Example
    ```yaml
    activities:
      - id: payroll
        name: Paie
        # no data_subjects
    ```

    Fix
    Add `data_subjects:` with one item per category: `- {category: employees}`.

    References
    GDPR Art. 30(1)(c); CNIL register model, "Catégories de personnes concernées".
    """

    id = "ROPA105"
    name = "data-subjects-missing"
    severity = Severity.ERROR
    article = "Art. 30(1)(c)"
    summary = "no category of data subjects (30(1)(c))"
    keys = ("data_subjects",)
    what = "category of data subjects: Art. 30(1)(c) requires them"
    fix_text = ("add `data_subjects:` with at least one `- category: ...` "
                "(e.g. customers, employees)")
    what_fr = "catégorie de personnes concernées\u00a0: l'art. 30(1)(c) exige de les décrire"
    fix_text_fr = ("ajouter `data_subjects:` avec au moins une entrée `- category: ...` "
                   "(par exemple `customers`, `employees`)")


class PersonalDataMissing(_EmptyListRule):
    """
    What it checks
    Every activity lists at least one category of personal data, under `personal_data` or
    `special_categories` (an activity whose only data are special categories has personal
    data).

    Why it matters
    Art. 30(1)(c) requires a description of the categories of personal data. Without them,
    neither data minimisation (Art. 5(1)(c)) nor retention (Art. 30(1)(f)) can be judged.

    Example
    ```yaml
    activities:
      - id: newsletter
        name: Newsletter
        # no personal_data
    ```

    Fix
    Add `personal_data:` with one item per category:
    `- {category: identification, items: [e-mail], retention: {duration: P3Y}}`.

    References
    GDPR Art. 5(1)(c), 30(1)(c); CNIL register model, "Catégories de données collectées".
    """

    id = "ROPA106"
    name = "personal-data-missing"
    severity = Severity.ERROR
    article = "Art. 30(1)(c)"
    summary = "no category of personal data (30(1)(c))"
    keys = ("personal_data", "special_categories")
    what = "category of personal data: Art. 30(1)(c) requires them"
    fix_text = ("add `personal_data:` with at least one `- category: ...` (e.g. identification) "
                "and its `items`")
    what_fr = "catégorie de données personnelles\u00a0: l'art. 30(1)(c) exige de les décrire"
    fix_text_fr = ("ajouter `personal_data:` avec au moins une entrée `- category: ...` (par exemple "
                   "`identification`) et ses `items`")


class RecipientsMissing(_EmptyListRule):
    """
    What it checks
    Every activity lists its recipients under `recipients`. Data that stay inside the
    organisation are declared too, with a recipient of `type: internal`.

    Why it matters
    Art. 30(1)(d) requires the categories of recipients, including those in third countries.
    An empty list cannot tell "only the HR team" from "nobody checked": saying it is part of
    the record.

    Example
    ```yaml
    activities:
      - id: payroll
        name: Paie
        # no recipients
    ```

    Fix
    Add `recipients:`, e.g. `- {type: internal, name: Service RH}` and
    `- {type: processor, processor: payfit}`.

    References
    GDPR Art. 4(9), 30(1)(d); CNIL register model, "Catégories de destinataires".
    """

    id = "ROPA107"
    name = "recipients-missing"
    severity = Severity.WARNING
    article = "Art. 30(1)(d)"
    summary = "no recipients declared (30(1)(d)); internal-only must be said"
    keys = ("recipients",)
    what = ("recipients: Art. 30(1)(d) requires them (data kept in-house need an `internal` "
            "recipient)")
    fix_text = ("add `recipients:`, e.g. `- {type: internal, name: <team>}`, plus the processors "
                "and third parties")
    what_fr = ("destinataire\u00a0: l'art. 30(1)(d) exige les catégories de destinataires (des "
               "données qui restent en interne se déclarent avec un destinataire `internal`)")
    fix_text_fr = ("ajouter `recipients:`, par exemple `- {type: internal, name: <équipe>}`, ainsi "
                   "que les sous-traitants et les tiers")


class ReviewOverdue(Rule):
    """
    What it checks
    Every activity that is not retired was reviewed within the review interval (`P12M` by
    default; `settings.review_interval` in the register or `review_interval` in ropa.toml)
    before the as-of date. An activity never reviewed counts from `updated`, then `created`;
    one with none of these dates is overdue.

    Why it matters
    The record must be kept up to date (Art. 30 read with the accountability of Art. 5(2) and
    24(1): measures "reviewed and updated where necessary"). An entry nobody has looked at for
    years rarely matches the processing any more.

    Example
    ```yaml
    # as of 2026-11-26, with review_interval P12M
    activities:
      - id: newsletter
        reviewed: 2025-06-30
    ```

    Fix
    Review the activity with its owner, update what changed, and set `reviewed:` to the date
    of the review.

    References
    GDPR Art. 5(2), 24(1), 30; CNIL, "Le registre des activités de traitement" (keep it up to
    date).
    """

    id = "ROPA108"
    name = "review-overdue"
    severity = Severity.WARNING
    article = "Art. 5(2), 24(1)"
    summary = "`reviewed` older than the review interval"

    def check(self, ctx: Context) -> Iterable[Finding]:
        from ropa.model.duration import describe, parse_duration

        interval_text = ctx.review_interval if parse_duration(ctx.review_interval) else "P12M"
        interval = parse_duration(interval_text)
        assert interval is not None
        span = f"{interval_text} ({describe(interval_text)})"
        span_fr = f"{interval_text} ({describe(interval_text, 'fr')})"
        due_after = cache(interval.after)  # activities reviewed on the same day fall due together
        for activity in ctx.activities():
            if activity.status == Status.RETIRED:
                continue
            message = _overdue(activity, ctx, due_after, span)
            if message:
                yield self.finding(
                    ctx,
                    message=message,
                    message_fr=_overdue(activity, ctx, due_after, span_fr, "fr"),
                    about=activity,
                    at=activity.origin,
                    key="reviewed",
                    fix="review the activity with its owner, then set `reviewed:` to the "
                        f"review's date (e.g. `reviewed: {ctx.as_of.isoformat()}`)",
                    fix_fr="revoir l'activité avec son référent, puis indiquer la date de la revue "
                           f"dans `reviewed:` (par exemple `reviewed: {ctx.as_of.isoformat()}`)",
                )


def _overdue(activity: Activity, ctx: Context, due_after: Callable[[date], date],
             span: str, lang: str = "en") -> str | None:
    """The message when ``activity`` is overdue, else None, in ``lang`` ("en" or "fr";
    ``span`` is the interval in that language)."""
    for key in ("reviewed", "updated", "created"):
        last = getattr(activity, key)
        if last is None:
            continue
        due = due_after(last)
        if due >= ctx.as_of:
            return None
        if lang == "fr":
            since = (f"a été revue pour la dernière fois le {last.isoformat()}" if key == "reviewed"
                     else f"n'a jamais été revue (`{key}`\u00a0: {last.isoformat()})")
            return (f"l'activité {activity.id!r} {since}\u00a0; avec un intervalle de revue de "
                    f"{span}, la revue était due le {due.isoformat()}")
        if key == "reviewed":
            since = f"was last reviewed on {last.isoformat()}"
        else:
            since = f"has never been reviewed (`{key}`: {last.isoformat()})"
        return (f"the activity {activity.id!r} {since}; with a review interval of {span} "
                f"the review was due on {due.isoformat()}")
    if lang == "fr":
        return (f"l'activité {activity.id!r} n'a jamais été revue (aucune date `reviewed`, "
                "`updated` ni `created`)")
    return (f"the activity {activity.id!r} has never been reviewed (no `reviewed`, `updated` or "
            "`created` date)")


class JointArrangementMissing(Rule):
    """
    What it checks
    An activity with `role: joint_controller`, or with `joint_controllers` listed, names each
    joint controller with its Art. 26 arrangement (`arrangement:` gives the agreement, e.g. a
    contract reference or link).

    Why it matters
    Joint controllers must determine their respective responsibilities in an arrangement
    (Art. 26(1)) whose essence is made available to data subjects (Art. 26(2)). The record
    names the joint controller (Art. 30(1)(a)).

    Example
    ```yaml
    activities:
      - id: events
        role: joint_controller
        joint_controllers:
          - {name: Partenaire SAS, contact: dpo@partenaire.fr}   # no arrangement
    ```

    Fix
    Add `arrangement:` to each joint controller (the reference or link of the Art. 26
    agreement); with `role: joint_controller`, list the joint controllers under
    `joint_controllers`.

    References
    GDPR Art. 26, 30(1)(a); EDPB Guidelines 07/2020 on controller and processor, part II
    section 2; CNIL, "Responsables conjoints".
    """

    id = "ROPA109"
    name = "joint-arrangement-missing"
    severity = Severity.ERROR
    article = "Art. 26(1)"
    summary = "joint controller without the Art. 26 arrangement"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            if activity.role == Role.JOINT_CONTROLLER and not activity.joint_controllers:
                yield self.finding(
                    ctx,
                    message=f"the activity {activity.id!r} is under joint control but names no "
                            "joint controller and no Art. 26 arrangement",
                    message_fr=f"l'activité {activity.id!r} relève d'une responsabilité conjointe "
                               "mais n'indique ni responsable conjoint ni accord (art. 26)",
                    about=activity,
                    at=activity.origin,
                    key="role",
                    fix="add `joint_controllers:` with "
                        "`- {name: ..., contact: ..., arrangement: ...}` for each joint controller",
                    fix_fr="ajouter `joint_controllers:` avec "
                           "`- {name: ..., contact: ..., arrangement: ...}` pour chaque responsable "
                           "conjoint",
                )
            for index, joint in enumerate(activity.joint_controllers):
                if not joint.arrangement:
                    who = repr(joint.name) if joint.name else f"#{index + 1}"
                    who_fr = repr(joint.name) if joint.name else f"n°\u00a0{index + 1}"
                    yield self.finding(
                        ctx,
                        message=f"the joint controller {who} of {activity.id!r} has no Art. 26 "
                                "arrangement",
                        message_fr=f"le responsable conjoint {who_fr} de l'activité {activity.id!r} "
                                   "n'a pas d'accord (art. 26)",
                        about=activity,
                        at=joint.origin or activity.origin,
                        key="arrangement" if joint.origin else "joint_controllers",
                        fix="add `arrangement:` with the reference or link of the Art. 26 "
                            "agreement",
                        fix_fr="ajouter `arrangement:` avec la référence ou le lien de l'accord "
                               "(art. 26)",
                    )


RULES: tuple[type[Rule], ...] = (
    ControllerIdentityMissing,
    RepresentativeMissing,
    DpoMayBeRequired,
    PurposeMissing,
    DataSubjectsMissing,
    PersonalDataMissing,
    RecipientsMissing,
    ReviewOverdue,
    JointArrangementMissing,
)
