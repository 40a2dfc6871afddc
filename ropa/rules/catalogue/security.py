"""ROPA6xx: security measures (Art. 30(1)(g), 32) and impact assessments (Art. 35, 36)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ropa.model.duration import parse_duration
from ropa.model.enums import (
    ActivityKind,
    DataCategory,
    DataSource,
    DpiaCriterion,
    DpiaStatus,
    MeasureCategory,
    RiskLevel,
    SpecialCategory,
    Status,
    SubjectCategory,
)
from ropa.model.register import Activity, Register
from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity

if TYPE_CHECKING:
    from ropa.reference import CnilDpiaType

HR_KINDS = frozenset({ActivityKind.PAYROLL, ActivityKind.STAFF_MANAGEMENT, ActivityKind.RECRUITMENT})
HR_SUBJECTS = frozenset({SubjectCategory.EMPLOYEES, SubjectCategory.CANDIDATES})
EXTERNAL_SOURCES = frozenset({DataSource.THIRD_PARTY, DataSource.PUBLIC})
SMALL_ORGANISATION = 250  # staff, CNIL exempt list n° 1


class SecurityMeasuresMissing(Rule):
    """
    What it checks
    Every activity has at least one security measure: listed in its `security_measures`,
    or a catalogue measure with `applies_to: all`.

    Why it matters
    The record must give, where possible, a general description of the technical and
    organisational security measures of each activity (Art. 30(1)(g)); they are what
    Art. 32 requires, and what an authority asks for first after a breach.

    Example
    ```yaml
    security_measures:
      - {id: backups, category: backup, description: Sauvegardes quotidiennes}
    activities:
      - id: newsletter
        # no security_measures, and no measure applies_to: all
    ```

    Fix
    List the measures' ids in the activity's `security_measures`, or mark the measures
    every activity has (`applies_to: all`) in the `security_measures` catalogue.

    References
    GDPR Art. 30(1)(g), 32; CNIL, "Guide de la sécurité des données personnelles" (2024).
    """

    id = "ROPA601"
    name = "security-measures-missing"
    severity = Severity.WARNING
    article = "Art. 30(1)(g)"
    summary = "an activity has no security measure"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            if activity.security_measures or ctx.register.measures_of(activity):
                continue
            yield self.finding(
                ctx,
                message=f"activity {activity.id!r} has no security measure, listed or `applies_to: all`",
                message_fr=f"l'activité {activity.id!r} n'a aucune mesure de sécurité (ni listée dans "
                           "`security_measures`, ni marquée `applies_to: all`)",
                about=activity, at=activity.origin, key="security_measures",
                fix="list the ids of its measures in `security_measures`, or give the measures every "
                    "activity has `applies_to: all` in the catalogue",
                fix_fr="lister les identifiants de ses mesures dans `security_measures`, ou donner "
                       "`applies_to: all` dans le catalogue aux mesures communes à toutes les activités",
            )


# The measure categories ROPA602 asks for, in French words (the message also shows the value)
MEASURE_FR = {MeasureCategory.ENCRYPTION.value: "chiffrement",
              MeasureCategory.ACCESS_CONTROL.value: "contrôle d'accès"}


class SpecialCategoryUnprotected(Rule):
    """
    What it checks
    An activity with special-category data (Art. 9, and Art. 10 offence data) has both an
    `encryption` and an `access_control` measure, listed or `applies_to: all`.

    Why it matters
    Sensitive data call for security matching the risk (Art. 32(1)): encryption is named
    by the article itself, and access restricted to those who need the data is the first
    measure of the CNIL's guide for health and other sensitive data.

    Example
    ```yaml
    special_categories:
      - {category: health, condition: explicit_consent}
    security_measures: [backups]     # no encryption, no access_control measure
    ```

    Fix
    Describe the encryption (at rest, in transit) and access-control measures in the
    `security_measures` catalogue (`category: encryption`, `category: access_control`) and
    list them on the activity, or give them `applies_to: all`.

    References
    GDPR Art. 9, 10, 32(1)(a); CNIL, "Guide de la sécurité des données personnelles"
    (2024), on access management and encryption.
    """

    id = "ROPA602"
    name = "special-category-unprotected"
    severity = Severity.WARNING
    article = "Art. 32(1)"
    summary = "special-category data without encryption and access-control measures"

    def check(self, ctx: Context) -> Iterable[Finding]:
        wanted = (MeasureCategory.ENCRYPTION, MeasureCategory.ACCESS_CONTROL)
        for activity in ctx.activities():
            if not activity.special_categories:
                continue
            present = {m.category for m in ctx.register.measures_of(activity)}
            missing = [c.value for c in wanted if c not in present]
            if not missing:
                continue
            data = ", ".join(sorted({str(s.category) for s in activity.special_categories if s.category}))
            missing_fr = " ni de ".join(f"{MEASURE_FR[c]} (`{c}`)" for c in missing)
            yield self.finding(
                ctx,
                message=f"activity {activity.id!r} processes special-category data ({data or 'unnamed'}) "
                        f"with no {' and no '.join(missing)} measure",
                message_fr=f"l'activité {activity.id!r} traite des données relevant des art. 9 ou 10 "
                           f"({data or 'non précisées'}) sans mesure de {missing_fr}",
                about=activity, at=activity.origin, key="security_measures",
                fix=f"add a measure with `category: {missing[0]}`"
                    + (f" and one with `category: {missing[1]}`" if len(missing) > 1 else "")
                    + " to the catalogue and list it in the activity's `security_measures`",
                fix_fr=f"ajouter au catalogue une mesure avec `category: {missing[0]}`"
                       + (f" et une autre avec `category: {missing[1]}`" if len(missing) > 1 else "")
                       + (", et les lister" if len(missing) > 1 else ", et la lister")
                       + " dans les `security_measures` de l'activité",
            )


@dataclass(slots=True)
class DpiaCase:
    """An activity as the DPIA lists read it: its EDPB criteria and special categories are
    worked out once, not once per list entry."""

    activity: Activity
    register: Register
    criteria: frozenset[DpiaCriterion]
    special: frozenset[SpecialCategory]

    @classmethod
    def of(cls, activity: Activity, register: Register) -> DpiaCase:
        criteria = frozenset(activity.dpia.criteria) if activity.dpia else frozenset()
        special = frozenset(s.category for s in activity.special_categories if s.category)
        return cls(activity, register, criteria, special)

    @property
    def vulnerable(self) -> bool:
        return (DpiaCriterion.VULNERABLE_SUBJECTS in self.criteria
                or any(s.minors for s in self.activity.data_subjects))

    @property
    def hr(self) -> bool:
        return (self.activity.kind in HR_KINDS
                or any(s.category in HR_SUBJECTS for s in self.activity.data_subjects))


Recogniser = Callable[[DpiaCase], bool]

# The CNIL mandatory list (délibération 2018-327) types the model can show; by the ids of
# ropa/reference/data/dpia.yaml. Not recognised (nothing in the model says it): n° 5 and 6
# (alerts, whistleblowing), 7 (health data warehouse or registry), 9 (pooled files of
# contractual breaches), 12 (social housing), 13 (social support). N° 8 (profiling that
# may exclude from a contract) is evaluation_scoring + prevents_rights: two criteria.
MANDATORY: dict[str, Recogniser] = {
    "health_institutions_care": lambda c: (c.activity.kind == ActivityKind.HEALTH_CARE
                                           and SpecialCategory.HEALTH in c.special
                                           and DpiaCriterion.LARGE_SCALE in c.criteria),
    "genetic_vulnerable": lambda c: SpecialCategory.GENETIC in c.special and c.vulnerable,
    "hr_profiling": lambda c: DpiaCriterion.EVALUATION_SCORING in c.criteria and c.hr,
    "employee_monitoring": lambda c: (
        DpiaCriterion.SYSTEMATIC_MONITORING in c.criteria
        and any(s.category == SubjectCategory.EMPLOYEES for s in c.activity.data_subjects)),
    "external_data_profiling": lambda c: (
        DpiaCriterion.EVALUATION_SCORING in c.criteria
        and any(d.source in EXTERNAL_SOURCES for d in c.activity.personal_data)),
    "biometric_vulnerable": lambda c: SpecialCategory.BIOMETRIC in c.special and c.vulnerable,
    "large_scale_location": lambda c: (
        DpiaCriterion.LARGE_SCALE in c.criteria
        and any(d.category == DataCategory.LOCATION for d in c.activity.personal_data)),
}

# The CNIL exempt list (délibération 2019-118) types the model can show. Not recognised:
# n° 3 (electoral rolls), 4 (works councils), 5 (non-profits' members and donors: the
# model does not say the organisation is a non-profit), 7-9 (lawyers, court clerks,
# notaries), 10 (local authorities' school services), 11 (physical access control),
# 12 (breathalysers).
EXEMPT: dict[str, Recogniser] = {
    # health_care without large_scale: an individual practitioner's patient care (recital
    # 91: not large scale); a health establishment adds large_scale (mandatory n° 1).
    "individual_health_professional": lambda c: (c.activity.kind == ActivityKind.HEALTH_CARE
                                                 and DpiaCriterion.LARGE_SCALE not in c.criteria),
    "hr_small_organisations": lambda c: (
        c.activity.kind in HR_KINDS and c.register.organisation.employees is not None
        and c.register.organisation.employees < SMALL_ORGANISATION
        and DpiaCriterion.EVALUATION_SCORING not in c.criteria),
    "supplier_management": lambda c: (bool(c.activity.data_subjects) and all(
        s.category == SubjectCategory.SUPPLIERS for s in c.activity.data_subjects)),
}


@cache
def _cnil_lists() -> tuple[dict[str, CnilDpiaType], frozenset[str]]:
    """The CNIL's DPIA list by id, and the ids of its exemption list (read once, not once
    per activity)."""
    from ropa.reference import cnil_dpia_exempt, cnil_dpia_mandatory

    return {t.id: t for t in cnil_dpia_mandatory()}, frozenset(t.id for t in cnil_dpia_exempt())


# A ground for a DPIA, before it is put in words: ("cnil", (id of the CNIL list entry,)),
# ("art35_3b", ()) or ("edpb", the EDPB criteria met)
Ground = tuple[str, tuple[str, ...]]


def _grounds(activity: Activity, register: Register) -> list[Ground]:
    """Why ``activity`` needs a DPIA; empty when it does not (or is exempt)."""
    from ropa.reference import dpia_threshold

    if not (activity.dpia and activity.dpia.criteria) and not activity.special_categories:
        return []  # every ground below needs an EDPB criterion or special-category data
    case = DpiaCase.of(activity, register)
    listed, exempt = _cnil_lists()
    grounds: list[Ground] = [("cnil", (i,)) for i, recognise in MANDATORY.items()
                             if i in listed and recognise(case)]
    if DpiaCriterion.LARGE_SCALE in case.criteria and case.special:
        grounds.append(("art35_3b", ()))
    if grounds:
        return grounds
    met = sorted(c.value for c in case.criteria)
    if len(met) < dpia_threshold():
        return []
    if any(i in exempt and recognise(case) for i, recognise in EXEMPT.items()):
        return []
    return [("edpb", tuple(met))]


def _say(ground: Ground, lang: str = "en") -> str:
    """A ground in words, in ``lang`` ("en" or "fr"); its subject is the activity ("it",
    "elle")."""
    kind, what = ground
    if kind == "cnil":
        entry = _cnil_lists()[0][what[0]]
        if lang == "fr":
            return (f"elle figure sur la liste de la CNIL des traitements pour lesquels une AIPD est "
                    f"requise (n°\u00a0{entry.n}, {entry.label_fr}\u00a0; délibération n°\u00a02018-327)")
        return (f"it is on the CNIL list of processing requiring a DPIA (n° {entry.n}, "
                f"{entry.label_en}; délibération 2018-327)")
    if kind == "art35_3b":
        if lang == "fr":
            return ("elle traite à grande échelle des données relevant des art. 9 ou 10 "
                    "(art. 35(3)(b))")
        return "it processes Art. 9/10 data on a large scale (Art. 35(3)(b))"
    if lang == "fr":
        return f"elle remplit {len(what)} critères du CEPD ({', '.join(what)})"
    return f"it meets {len(what)} EDPB criteria ({', '.join(what)})"


def dpia_grounds(activity: Activity, register: Register, lang: str = "en") -> list[str]:
    """Why ``activity`` needs a DPIA, in words in ``lang`` ("en" or "fr"); empty when it
    does not (or is exempt)."""
    return [_say(ground, lang) for ground in _grounds(activity, register)]


class DpiaRequired(Rule):
    """
    What it checks
    An activity that needs an impact assessment has one done (`dpia.status: done`). It
    needs one when it is a type on the CNIL mandatory list, or processes Art. 9/10 data
    with `large_scale` (Art. 35(3)(b)), or meets two or more EDPB criteria in
    `dpia.criteria` — unless it is a type on the CNIL exempt list. A retired activity is
    not checked; a `planned` one gets a warning (the DPIA comes before processing).

    What the register shows of the CNIL lists: mandatory n° 1 (health_care with health
    data and `large_scale`), 2 and 11 (genetic or biometric data with
    `vulnerable_subjects` or `minors: true`), 3 (employees or candidates, or an HR kind,
    with `evaluation_scoring`), 4 (employees with `systematic_monitoring`), 10
    (`evaluation_scoring` with data from a third party or public source), 14 (location
    data with `large_scale`); n° 8 is two criteria (`evaluation_scoring`,
    `prevents_rights`). Exempt: n° 1 (payroll, staff_management or recruitment in an
    organisation with fewer than 250 `employees`, without `evaluation_scoring`), 2 (only
    suppliers as data subjects) and 6 (an individual practitioner's patient care, written
    `kind: health_care` without `large_scale`; a health establishment adds `large_scale`).
    The other types (alerts, whistleblowing, health data warehouses, social housing and
    support; electoral rolls, works councils, non-profits, regulated professions, access
    control, breathalysers) cannot be read from the model: judge them yourself.

    Why it matters
    Processing likely to result in a high risk needs an assessment before it starts
    (Art. 35(1)); the lists of the authority are binding for what they name (Art. 35(4),
    (5)), and the WP248 criteria are how the EDPB reads "high risk". Processing without a
    required DPIA is an infringement on its own (Art. 83(4)(a)).

    Example
    ```yaml
    dpia:
      status: required
      criteria: [sensitive_data, large_scale]
    ```

    Fix
    Carry out the DPIA (the CNIL's PIA software helps) and write `dpia: {status: done,
    date: YYYY-MM-DD, reference: "...", residual_risk: ...}`. If you concluded that none
    is needed despite the criteria, accept the finding with a `suppress` entry that gives
    the reason.

    References
    GDPR Art. 35(1), 35(3)-(5); WP29/EDPB Guidelines on DPIA (WP248 rev.01); CNIL
    délibérations n° 2018-327 (mandatory list) and n° 2019-118 (exempt list).
    """

    id = "ROPA603"
    name = "dpia-required"
    severity = Severity.ERROR
    article = "Art. 35(1)"
    summary = "a DPIA is required and not done"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            dpia = activity.dpia
            if activity.status == Status.RETIRED or (dpia and dpia.status == DpiaStatus.DONE):
                continue
            grounds = _grounds(activity, ctx.register)
            if not grounds:
                continue
            if dpia is None:
                state = "no `dpia` is recorded"
                state_fr = "`dpia` n'est pas renseigné"
            elif dpia.status is None:
                state = "`dpia.status` is not stated"
                state_fr = "`dpia.status` n'est pas renseigné"
            else:
                state = f"its DPIA is `{dpia.status}`, not `done`"
                state_fr = f"son AIPD est `{dpia.status}`, et non `done`"
            said = "; ".join(_say(g) for g in grounds)
            said_fr = "\u00a0; ".join(_say(g, "fr") for g in grounds)
            finding = self.finding(
                ctx,
                message=f"activity {activity.id!r} needs a DPIA: {said}; {state}",
                message_fr=f"l'activité {activity.id!r} nécessite une AIPD\u00a0: {said_fr}\u00a0; {state_fr}",
                about=activity,
                at=dpia.origin if dpia and dpia.origin else activity.origin,
                key="status" if dpia and dpia.origin else "dpia",
                fix="carry out the DPIA and write `dpia: {status: done, date: YYYY-MM-DD, reference: "
                    "\"...\"}`, or accept the finding with a `suppress` entry saying why none is needed",
                fix_fr="réaliser l'AIPD et écrire `dpia: {status: done, date: YYYY-MM-DD, reference: "
                       "\"...\"}`, ou accepter le constat par une entrée `suppress` qui explique pourquoi "
                       "aucune AIPD n'est nécessaire",
            )
            if activity.status == Status.PLANNED:
                finding = dataclasses.replace(finding, severity=Severity.WARNING)
            yield finding


class DpiaStale(Rule):
    """
    What it checks
    A DPIA marked `done` is not older than the review period (`dpia_stale_after` in
    ropa.toml, 3 years by default) at the as-of date. A DPIA with no `date` is not judged;
    retired activities are not checked.

    Why it matters
    An assessment must be reviewed when the risk of the processing changes (Art. 35(11)),
    and the EDPB asks that it be re-assessed regularly: an old DPIA describes a processing,
    a context and threats that may no longer exist. Three years is ropa's default period;
    set `dpia_stale_after` to your own policy.

    Example
    ```yaml
    dpia: {status: done, date: 2021-05-10}
    ```

    Fix
    Review the DPIA and write the new `dpia.date` (and `reference`, `residual_risk`).

    References
    GDPR Art. 35(11); WP29/EDPB Guidelines on DPIA (WP248 rev.01); CNIL, "Analyse d'impact
    relative à la protection des données (AIPD)".
    """

    id = "ROPA604"
    name = "dpia-stale"
    severity = Severity.WARNING
    article = "Art. 35(11)"
    summary = "a DPIA done more than 3 years before the as-of date"

    def check(self, ctx: Context) -> Iterable[Finding]:
        period = parse_duration(ctx.dpia_stale_after) or parse_duration("P3Y")
        assert period is not None
        for activity in ctx.activities():
            dpia = activity.dpia
            if (activity.status == Status.RETIRED or dpia is None or dpia.status != DpiaStatus.DONE
                    or dpia.date is None):
                continue
            due = period.after(dpia.date)
            if due >= ctx.as_of:
                continue
            yield self.finding(
                ctx,
                message=f"the DPIA of activity {activity.id!r} dates from {dpia.date.isoformat()}: its "
                        f"review was due on {due.isoformat()} ({ctx.dpia_stale_after})",
                message_fr=f"l'AIPD de l'activité {activity.id!r} date du {dpia.date.isoformat()}\u00a0: "
                           f"sa révision était due le {due.isoformat()} ({ctx.dpia_stale_after})",
                about=activity, at=dpia.origin or activity.origin, key="date" if dpia.origin else "dpia",
                fix="review the DPIA and update `dpia.date` (and `reference`, `residual_risk`)",
                fix_fr="réviser l'AIPD et mettre à jour `dpia.date` (ainsi que `reference` et "
                       "`residual_risk`)",
            )


class PriorConsultationNeeded(Rule):
    """
    What it checks
    An activity whose DPIA leaves a high residual risk (`dpia.residual_risk: high`)
    records the consultation of the supervisory authority (`dpia.prior_consultation`
    with its `date` or `reference`). Retired activities are not checked.

    Why it matters
    Where the assessment shows a high risk the controller cannot mitigate, it must
    consult the authority before processing (Art. 36(1)); the authority may forbid the
    processing (Art. 58(2)(f)).

    Example
    ```yaml
    dpia:
      status: done
      residual_risk: high
      # no prior_consultation
    ```

    Fix
    Reduce the risk and update `residual_risk`, or consult the authority (for the CNIL:
    the online prior-consultation form) and write `prior_consultation: {date: YYYY-MM-DD,
    reference: "..."}`.

    References
    GDPR Art. 36(1)-(3), recital 94; WP29/EDPB Guidelines on DPIA (WP248 rev.01); CNIL,
    "Analyse d'impact relative à la protection des données (AIPD)", consultation préalable.
    """

    id = "ROPA605"
    name = "prior-consultation-needed"
    severity = Severity.ERROR
    article = "Art. 36(1)"
    summary = "a DPIA with high residual risk and no Art. 36 consultation recorded"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for activity in ctx.activities():
            dpia = activity.dpia
            if activity.status == Status.RETIRED or dpia is None or dpia.residual_risk != RiskLevel.HIGH:
                continue
            consultation = dpia.prior_consultation
            if consultation is not None and (consultation.date or consultation.reference):
                continue
            yield self.finding(
                ctx,
                message=f"the DPIA of activity {activity.id!r} leaves a high residual risk and no "
                        "consultation of the supervisory authority is recorded",
                message_fr=f"l'AIPD de l'activité {activity.id!r} laisse un risque résiduel élevé et "
                           "aucune consultation préalable de l'autorité de contrôle n'est enregistrée",
                about=activity, at=dpia.origin or activity.origin,
                key="residual_risk" if dpia.origin else "dpia",
                fix="consult the supervisory authority before processing and write "
                    "`prior_consultation: {date: YYYY-MM-DD, reference: \"...\"}`, or reduce the risk "
                    "and update `residual_risk`",
                fix_fr="consulter l'autorité de contrôle avant de mettre en œuvre le traitement et écrire "
                       "`prior_consultation: {date: YYYY-MM-DD, reference: \"...\"}`, ou réduire le "
                       "risque et mettre à jour `residual_risk`",
            )


RULES: tuple[type[Rule], ...] = (
    SecurityMeasuresMissing,
    SpecialCategoryUnprotected,
    DpiaRequired,
    DpiaStale,
    PriorConsultationNeeded,
)
