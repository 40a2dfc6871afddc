"""ROPA1xx: the controller and the content Art. 30(1) requires of each activity."""

from __future__ import annotations

from typing import Iterable

from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity


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
            yield self.finding(
                ctx,
                message=f"the organisation has no {what}: Art. 30(1)(a) requires the controller's "
                        "name and contact details",
                about=org,
                at=org.origin,
                fix=f"add {what} under `organisation`",
            )


RULES: tuple[type[Rule], ...] = (ControllerIdentityMissing,)
