"""Running the catalogue: rules, configured severities, suppressions (ROPA005, ROPA006)."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ropa.model.origin import Location
from ropa.model.register import Activity, Register, Suppression
from ropa.rules.base import Context, RegisterRule, Summarised, locate
from ropa.rules.config import Config
from ropa.rules.finding import Finding, Severity
from ropa.util.collector import paused_gc


@dataclass(slots=True)
class CheckResult:
    findings: list[Finding] = field(default_factory=list)  # suppressed ones included
    as_of: date = field(default_factory=date.today)

    @property
    def active(self) -> list[Finding]:
        return [f for f in self.findings if f.suppressed is None]

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.active if f.severity == severity)

    def fails(self, threshold: Severity) -> bool:
        return any(f.severity.rank >= threshold.rank for f in self.active)


Owners = list[tuple[str, list[Suppression]]]


def owners_of(register: Register) -> Owners:
    """The organisation, and each activity, processor and processing on behalf that has
    `suppress` entries, with its entries."""
    owners = [("organisation", register.organisation.suppress)]
    owners += [(f"activity:{a.id}", a.suppress) for a in register.activities if a.suppress]
    owners += [(f"processor:{p.id}", p.suppress) for p in register.processors if p.suppress]
    owners += [(f"processing_on_behalf:{p.id}", p.suppress)
               for p in register.processing_on_behalf if p.suppress]
    return owners


def _meta(rule_id: str, name: str, message: tuple[str, str], location: Location, fix: tuple[str, str],
          subject: str) -> Finding:
    """A finding about a `suppress` entry; ``message`` and ``fix`` in English and French."""
    return Finding(rule=rule_id, name=name, severity=Severity.WARNING, message=message[0],
                   location=location, fix=fix[0], subject=subject, message_fr=message[1], fix_fr=fix[1])


def apply_suppressions(ctx: Context, findings: list[Finding], known_rules: Collection[str],
                       owners: Owners | None = None) -> list[Finding]:
    """Mark findings accepted by a `suppress` entry, and report unused and expired entries.
    ``owners`` are the holders of `suppress` entries (default: :func:`owners_of` the register)."""
    out = list(findings)
    extra: list[Finding] = []
    by_target: dict[tuple[str | None, str], list[int]] = {}  # (subject, rule) -> findings, in order
    for index, finding in enumerate(out):
        by_target.setdefault((finding.subject, finding.rule), []).append(index)
    for subject, entries in owners_of(ctx.register) if owners is None else owners:
        for entry in entries:
            where = locate(ctx, entry.origin)
            matched = [i for i in by_target.get((subject, entry.rule), ()) if out[i].suppressed is None]
            if entry.until is not None and entry.until < ctx.as_of:
                until = entry.until.isoformat()
                extra.append(_meta(
                    "ROPA006", "expired-suppression",
                    (f"the suppression of {entry.rule} expired on {until}; its finding is reported again",
                     (f"l'entrée `suppress` pour {entry.rule} a expiré le {until}\u00a0; son constat "
                      "est de nouveau signalé")),
                    where, ("fix the finding, or renew the suppression with a new `until` and reason",
                            ("remédier au constat, ou prolonger l'entrée `suppress` avec une nouvelle "
                             "date `until` et un motif")), subject))
                continue
            if not matched:
                unknown = entry.rule not in known_rules
                what = ("no rule has this id" if unknown else f"{entry.rule} reports nothing here",
                        "aucune règle ne porte cet identifiant" if unknown else f"{entry.rule} ne signale rien ici")
                extra.append(_meta(
                    "ROPA005", "unused-suppression",
                    (f"the suppression of {entry.rule} matches no finding ({what[0]})",
                     f"l'entrée `suppress` pour {entry.rule} ne correspond à aucun constat ({what[1]})"),
                    where, ("remove this suppress entry", "retirer cette entrée `suppress`"), subject))
                continue
            for index in matched:
                out[index] = dataclasses.replace(out[index], suppressed=entry.reason or "")
    return out + extra


def configure(findings: Iterable[Finding], config: Config) -> list[Finding]:
    """Apply the configured severities; drop findings of rules turned off."""
    out = []
    for finding in findings:
        if finding.rule in config.severities:
            severity = config.severities[finding.rule]
            if severity is None:
                continue
            finding = dataclasses.replace(finding, severity=severity)
        out.append(finding)
    return out


def make_context(register: Register, *, as_of: date, config: Config, label: str = "register",
                 outline: Sequence[Activity | Summarised] | None = None) -> Context:
    return Context(
        register=register,
        as_of=as_of,
        label=label,
        review_interval=config.review_interval or register.settings.review_interval or "P12M",
        dpia_stale_after=config.dpia_stale_after or "P3Y",
        outline=outline,
    )


def rule_findings(ctx: Context, config: Config) -> tuple[list[Finding], list[Finding]]:
    """What the rules turned on find, before suppressions and configured severities: the
    local rules' findings, and those of the rules that look across activities."""
    from ropa.rules.catalogue import RULES

    local: list[Finding] = []
    across: list[Finding] = []
    with paused_gc():  # the rules make short-lived objects only; see paused_gc
        for rule_class in RULES:
            if config.severities.get(rule_class.id, rule_class.severity) is None:
                continue
            (across if issubclass(rule_class, RegisterRule) else local).extend(rule_class().check(ctx))
    return local, across


def settle(ctx: Context, findings: list[Finding], config: Config, owners: Owners | None = None) -> CheckResult:
    """Every finding of a check with suppressions applied, severities configured, in order."""
    from ropa.rules.catalogue import all_ids

    with paused_gc():
        findings = apply_suppressions(ctx, findings, all_ids(), owners)
        findings = configure(findings, config)
        findings.sort(key=Finding.sort_key)
    return CheckResult(findings=findings, as_of=ctx.as_of)


def run_rules(
    register: Register,
    *,
    as_of: date,
    config: Config | None = None,
    load_problems: Iterable[Finding] = (),
    label: str = "register",
) -> CheckResult:
    """Every rule of the catalogue on ``register`` as of ``as_of``."""
    config = config or Config()
    ctx = make_context(register, as_of=as_of, config=config, label=label)
    local, across = rule_findings(ctx, config)
    return settle(ctx, [*load_problems, *local, *across], config)
