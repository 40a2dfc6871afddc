"""ROPA7xx: the register kept as a processor, for clients (Art. 30(2))."""

from __future__ import annotations

from collections.abc import Iterable

from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity
from ropa.rules.french import neither

HINTS = {
    "name": "`controller.name` (the client's name)",
    "contact": "`controller.contact` (the address, e-mail or phone of the client's data protection contact)",
}
HINTS_FR = {
    "name": "`controller.name` (le nom du client)",
    "contact": "`controller.contact` (l'adresse, le courriel ou le téléphone du contact du client pour "
               "la protection des données)",
}


# What ROPA701 finds missing, in French after "n'indique"
MISSING_FR = {
    "name": "le nom du client (`controller.name`)",
    "contact": "les coordonnées du client (`controller.contact`)",
}


class ClientControllerMissing(Rule):
    """
    What it checks
    Every processing carried out on behalf of a client (`processing_on_behalf`) names the
    client controller and how to reach it: `controller.name` and `controller.contact`.

    Why it matters
    A processor's record opens with the name and contact details of each controller it
    acts for (Art. 30(2)(a)): an authority, or the processor's own staff after a breach
    (Art. 33(2)), must know whom to notify without delay.

    Example
    ```yaml
    processing_on_behalf:
      - id: hosting-client-x
        controller: {name: Client X}     # no contact
    ```

    Fix
    Add `controller: {name: "...", contact: "..."}` (the address, e-mail or phone of the
    client's data protection contact); add `representative` and `dpo` where the client has
    them.

    References
    GDPR Art. 30(2)(a), 33(2); CNIL, "Guide du sous-traitant" (2017), the register of
    categories of processing activities.
    """

    id = "ROPA701"
    name = "client-controller-missing"
    severity = Severity.ERROR
    article = "Art. 30(2)(a)"
    summary = "processing on behalf of a client without the client's identity"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for pob in ctx.processing_on_behalf():
            controller = pob.controller
            missing = [key for key in ("name", "contact")
                       if controller is None or not getattr(controller, key)]
            if not missing:
                continue
            what = " and ".join(f"`controller.{key}`" for key in missing)
            what_fr = neither([MISSING_FR[key] for key in missing], partitive=False)
            yield self.finding(
                ctx,
                message=f"the processing on behalf {pob.id!r} has no {what}: Art. 30(2)(a) requires "
                        "the name and contact details of the controller",
                message_fr=f"le traitement {pob.id!r} effectué pour le compte d'un client n'indique {what_fr}"
                           "\u00a0: l'art. 30(2)(a) exige le nom et les coordonnées du responsable "
                           "du traitement",
                about=pob,
                at=controller.origin if controller and controller.origin else pob.origin,
                key=missing[0] if controller and controller.origin else "controller",
                fix="add " + " and ".join(HINTS[key] for key in missing),
                fix_fr="ajouter " + " et ".join(HINTS_FR[key] for key in missing),
            )


class ClientProcessingUndescribed(Rule):
    """
    What it checks
    Every processing carried out on behalf of a client lists the categories of processing
    done for it (`categories_of_processing`).

    Why it matters
    A processor's record must state the categories of processing carried out on behalf
    of each controller (Art. 30(2)(b)): it is what shows the processor acts only on the
    controller's documented instructions (Art. 28(3)(a), 29).

    Example
    ```yaml
    processing_on_behalf:
      - id: hosting-client-x
        controller: {name: Client X, contact: dpo@client-x.example}
        # no categories_of_processing
    ```

    Fix
    Add `categories_of_processing: [hébergement, sauvegarde, ...]`, one entry per kind of
    operation the contract asks of you.

    References
    GDPR Art. 30(2)(b), 28(3)(a), 29; CNIL, "Guide du sous-traitant" (2017), the register
    of categories of processing activities.
    """

    id = "ROPA702"
    name = "client-processing-undescribed"
    severity = Severity.ERROR
    article = "Art. 30(2)(b)"
    summary = "no categories of processing for a client"

    def check(self, ctx: Context) -> Iterable[Finding]:
        for pob in ctx.processing_on_behalf():
            if pob.categories_of_processing:
                continue
            client = pob.controller.name if pob.controller and pob.controller.name else None
            yield self.finding(
                ctx,
                message=f"the processing on behalf {pob.id!r}"
                        + (f" (for {client})" if client else "")
                        + " lists no `categories_of_processing` (Art. 30(2)(b))",
                message_fr=f"le traitement {pob.id!r} effectué pour le compte "
                           + (f"de {client}" if client else "d'un client")
                           + " n'indique aucune catégorie de traitement (`categories_of_processing`, "
                             "art. 30(2)(b))",
                about=pob, at=pob.origin, key="categories_of_processing",
                fix="add `categories_of_processing:` with each kind of operation done for the client "
                    "(hosting, backup, support...)",
                fix_fr="ajouter `categories_of_processing:` avec chaque type d'opération effectuée "
                       "pour le client (hébergement, sauvegarde, assistance, etc.)",
            )


RULES: tuple[type[Rule], ...] = (ClientControllerMissing, ClientProcessingUndescribed)
