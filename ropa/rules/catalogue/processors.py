"""ROPA5xx: processors and sub-processors (Art. 28)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ropa.model.enums import RecipientType
from ropa.model.register import Activity, ProcessingOnBehalf, Processor
from ropa.rules.base import Context, RegisterRule, Rule
from ropa.rules.finding import Finding, Severity
from ropa.rules.french import and_fr


def processors_used(ctx: Context, activity: Activity) -> tuple[str, ...]:
    """The processors an activity names as `processor` recipients, in order, once each."""
    return tuple(dict.fromkeys(r.processor for r in activity.recipients
                               if r.type == RecipientType.PROCESSOR and r.processor))


USERS = {"processors_used": processors_used}


def users_of(ctx: Context) -> dict[str, list[str]]:
    """Processor id -> who uses it, in register order: activities (as a recipient), our
    processing on behalf of clients and other processors (as a sub-processor)."""
    # ordered sets: a processor may have thousands of users
    users: defaultdict[str, dict[str, None]] = defaultdict(dict)
    for activity_id, used in ctx.across("processors_used", processors_used):
        user = f"activity {activity_id!r}"
        for processor_id in used:
            users[processor_id][user] = None
    for pob in ctx.processing_on_behalf():
        user = f"processing on behalf {pob.id!r}"
        for ref in pob.sub_processors:
            if ref.id:
                users[ref.id][user] = None
    for processor in ctx.processors():
        user = f"processor {processor.id!r}"
        for ref in processor.sub_processors:
            if ref.id:
                users[ref.id][user] = None
    return {processor_id: list(found) for processor_id, found in users.items()}


def shared_users(ctx: Context) -> dict[str, list[str]]:
    """users_of the register, computed once per check for every rule that needs it."""
    return ctx.shared("processor_users", lambda: users_of(ctx))


def _users_fr(users: list[str]) -> str:
    """Users as users_of names them ("activity 'x'", "processing on behalf 'y'"), in French
    after "utilisé par", grouped by kind: "l'activité 'a'", "les activités 'a', 'b' et 'c'",
    "le traitement 'y' effectué pour le compte d'un client", joined by "et par"."""
    activities = [u[len("activity "):] for u in users if u.startswith("activity ")]
    on_behalf = [u[len("processing on behalf "):] for u in users
                 if u.startswith("processing on behalf ")]
    processors = [u[len("processor "):] for u in users if u.startswith("processor ")]
    groups = []
    if activities:
        groups.append(f"l'activité {activities[0]}" if len(activities) == 1
                      else f"les activités {and_fr(activities)}")
    if on_behalf:
        groups.append(f"le traitement {on_behalf[0]} effectué pour le compte d'un client"
                      if len(on_behalf) == 1
                      else f"les traitements {and_fr(on_behalf)} effectués pour le compte de clients")
    if processors:
        groups.append(f"le sous-traitant {processors[0]}" if len(processors) == 1
                      else f"les sous-traitants {and_fr(processors)}")
    return " et par ".join(groups)


def _named(processor: Processor, lang: str = "en") -> str:
    """The processor by its id and name; in French without article ("sous-traitant 'x'"),
    for the caller to write "le" or "du"."""
    kind = "sous-traitant" if lang == "fr" else "processor"
    return f"{kind} {processor.id!r}" + (f" ({processor.name})" if processor.name else "")


class ProcessorContractMissing(RegisterRule):
    """
    What it checks
    Every processor we use — named as a `processor` recipient of an activity, or as a
    sub-processor of a processing we carry out for a client (`processing_on_behalf`) — has
    a signed Art. 28 contract: `dpa` with its `signed` date. A processor used only by
    another processor (its sub-processor) is bound by that processor's contract, not
    ours, and is not checked.

    Why it matters
    Processing by a processor must be governed by a contract or legal act binding it to
    the controller and setting out the Art. 28(3) terms (instructions, confidentiality,
    security, sub-processors, assistance, deletion, audits); a processor engaging a
    sub-processor owes the same terms (Art. 28(4)). Without it, the controller has not
    shown it chose a processor with sufficient guarantees (Art. 28(1)).

    Example
    ```yaml
    processors:
      - id: mailer
        name: Mailer SAS
        # no dpa
    activities:
      - id: newsletter
        recipients:
          - {type: processor, processor: mailer}
    ```

    Fix
    Sign the processor's data processing agreement (often an annex to its terms) and add
    `dpa: {signed: YYYY-MM-DD, reference: "..."}` to the processor.

    References
    GDPR Art. 28(1), 28(3), 28(4), 28(9); EDPB Guidelines 07/2020 on the concepts of
    controller and processor; CNIL, "Guide du sous-traitant" (2017).
    """

    id = "ROPA501"
    name = "processor-contract-missing"
    severity = Severity.ERROR
    article = "Art. 28(3)"
    summary = "a processor used by an activity has no Art. 28(3) contract (DPA)"
    summaries = USERS

    def check(self, ctx: Context) -> Iterable[Finding]:
        users = shared_users(ctx)
        for processor in ctx.processors():
            if processor.dpa is not None and processor.dpa.signed is not None:
                continue
            ours = [u for u in users.get(processor.id, []) if not u.startswith("processor ")]
            if not ours:
                continue
            what = "has no `dpa`" if processor.dpa is None else "has a `dpa` with no `signed` date"
            what_fr = ("n'a pas de `dpa`" if processor.dpa is None
                       else "a un `dpa` sans date `signed`")
            yield self.finding(
                ctx,
                message=f"{_named(processor)} is used by {', '.join(ours)} but {what}: nothing shows "
                        "an Art. 28(3) contract was concluded",
                message_fr=f"le {_named(processor, 'fr')} est utilisé par "
                           f"{_users_fr(ours)} mais {what_fr}\u00a0: rien ne "
                           "montre qu'un contrat de sous-traitance (art. 28(3)) a été conclu",
                about=processor,
                at=processor.dpa.origin if processor.dpa and processor.dpa.origin else processor.origin,
                key="signed" if processor.dpa and processor.dpa.origin else "dpa",
                fix="sign the processor's data processing agreement and write "
                    "`dpa: {signed: YYYY-MM-DD, reference: \"...\"}`",
                fix_fr="signer le contrat de sous-traitance (DPA) du sous-traitant et écrire "
                       "`dpa: {signed: YYYY-MM-DD, reference: \"...\"}`",
            )


class ProcessorContractExpired(Rule):
    """
    What it checks
    No processor's contract has expired: `dpa.expires` is not before the as-of date (the
    day written in `expires` is the last day it runs).

    Why it matters
    Once the Art. 28 contract has ended, a processor still processing data does so with
    no binding terms: no instructions, confidentiality, security or deletion duties the
    controller can enforce (Art. 28(3)).

    Example
    ```yaml
    processors:
      - id: mailer
        dpa: {signed: 2022-01-10, expires: 2025-01-09}
    ```

    Fix
    Renew the contract and update `dpa` (`signed`, `reference`, and `expires` or
    `expires: null` for a contract without end); or stop using the processor and remove
    it from the activities.

    References
    GDPR Art. 28(3), 28(9); EDPB Guidelines 07/2020 on the concepts of controller and
    processor; CNIL, "Guide du sous-traitant" (2017).
    """

    id = "ROPA502"
    name = "processor-contract-expired"
    severity = Severity.ERROR
    article = "Art. 28(3)"
    summary = "the DPA's expires date has passed"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for processor in ctx.processors():
            dpa = processor.dpa
            if dpa is None or dpa.expires is None or dpa.expires >= ctx.as_of:
                continue
            yield self.finding(
                ctx,
                message=f"the contract (DPA) of {_named(processor)} expired on "
                        f"{dpa.expires.isoformat()}",
                message_fr=f"le contrat de sous-traitance (DPA) du {_named(processor, 'fr')} a expiré le "
                           f"{dpa.expires.isoformat()}",
                about=processor, at=dpa.origin or processor.origin,
                key="expires" if dpa.origin else "dpa",
                fix="renew the contract and update `dpa` (`signed`, `reference`, `expires`), or "
                    "stop using this processor",
                fix_fr="renouveler le contrat et mettre à jour `dpa` (`signed`, `reference`, `expires`), "
                       "ou cesser de recourir à ce sous-traitant",
            )


class SubProcessorUnknown(Rule):
    """
    What it checks
    Every sub-processor, of a processor or of a processing carried out for a client, is
    described as a processor of the register (referred to by its id), not only named
    inline as `{name, country, service}`.

    Why it matters
    A sub-processor receives the same data: the register must show where it processes
    them and under which contract (Art. 28(2), 28(4)), and a transfer it makes must be
    checked like any other (Art. 30(1)(d), (e)). A name alone shows neither.

    Example
    ```yaml
    processors:
      - id: crm
        sub_processors:
          - {name: Mapsnap, service: Geocoding}
    ```

    Fix
    Describe the sub-processor under `processors` (its `country`, `locations`, `dpa`,
    `transfers`) and refer to it by id: `sub_processors: [mapsnap]`.

    References
    GDPR Art. 28(2), 28(4), 30(1)(d)-(e); EDPB Guidelines 07/2020 on the concepts of
    controller and processor (sub-processors); CNIL, "Guide du sous-traitant" (2017).
    """

    id = "ROPA503"
    name = "sub-processor-unknown"
    severity = Severity.WARNING
    article = "Art. 28(4)"
    summary = "a sub-processor is not itself described (location, DPA)"

    def check(self, ctx: Context) -> Iterable[Finding]:
        owners: list[Processor | ProcessingOnBehalf] = [*ctx.processors(), *ctx.processing_on_behalf()]
        for owner in owners:
            kind = "processor" if isinstance(owner, Processor) else "processing on behalf"
            owner_fr = (f"du sous-traitant {owner.id!r}" if isinstance(owner, Processor)
                        else f"du traitement {owner.id!r} effectué pour le compte d'un client")
            for ref in owner.sub_processors:
                if ref.id is not None:
                    continue
                yield self.finding(
                    ctx,
                    message=f"the sub-processor {ref.name!r} of {kind} {owner.id!r} "
                            "is known only by name: its location and contract are not described",
                    message_fr=f"le sous-traitant ultérieur {ref.name!r} {owner_fr} "
                               "n'est connu que par son nom\u00a0: sa localisation et son contrat ne "
                               "sont pas décrits",
                    about=owner, at=ref.origin or owner.origin,
                    fix=f"describe {ref.name!r} under `processors` (country, locations, dpa, "
                        "transfers) and refer to it by its id in `sub_processors`",
                    fix_fr=f"décrire {ref.name!r} sous `processors` (`country`, `locations`, `dpa`, "
                           "`transfers`), puis le désigner par son identifiant dans `sub_processors`",
                )


class ProcessorUnused(RegisterRule):
    """
    What it checks
    Every described processor is used: as a `processor` recipient of an activity, as a
    sub-processor of a processing on behalf of a client, or as the sub-processor of
    another processor.

    Why it matters
    A processor no activity uses is either a left-over (the register says data go where
    they no longer go) or a use the activities forget to declare (Art. 30(1)(d) requires
    the recipients of each activity).

    Example
    ```yaml
    processors:
      - id: old-mailer
        name: Old Mailer SAS
    # no activity has {type: processor, processor: old-mailer}
    ```

    Fix
    Add `{type: processor, processor: <id>}` to the `recipients` of the activities that
    use it, or remove the processor from the register.

    References
    GDPR Art. 30(1)(d), 28; CNIL register model, "Catégories de destinataires" and
    "Sous-traitants".
    """

    id = "ROPA504"
    name = "processor-unused"
    severity = Severity.INFO
    article = "Art. 30(1)(d)"
    summary = "a processor is described but no activity uses it"
    summaries = USERS

    def check(self, ctx: Context) -> Iterable[Finding]:
        users = shared_users(ctx)
        for processor in ctx.processors():
            if users.get(processor.id):
                continue
            yield self.finding(
                ctx,
                message=f"{_named(processor)} is described but no activity, processing on behalf or "
                        "processor uses it",
                message_fr=f"le {_named(processor, 'fr')} est décrit mais aucune activité, aucun traitement "
                           "effectué pour le compte d'un client ni aucun sous-traitant ne l'utilise",
                about=processor, at=processor.origin,
                fix=f"add `{{type: processor, processor: {processor.id}}}` to the recipients of the "
                    "activities that use it, or remove it",
                fix_fr=f"ajouter `{{type: processor, processor: {processor.id}}}` aux destinataires "
                       "(`recipients`) des activités qui l'utilisent, ou le supprimer du registre",
            )


RULES: tuple[type[Rule], ...] = (
    ProcessorContractMissing,
    ProcessorContractExpired,
    SubProcessorUnknown,
    ProcessorUnused,
)
