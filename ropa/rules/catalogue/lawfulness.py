"""ROPA2xx: legal bases (Art. 6), special categories (Art. 9, 10), automated decisions
(Art. 22) and children's consent (Art. 8)."""

from __future__ import annotations

from typing import Iterable

from ropa.rules.base import Context, Rule
from ropa.rules.finding import Finding, Severity


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
        for activity in ctx.activities():
            for purpose in activity.purposes:
                if purpose.legal_basis is None:
                    yield self.finding(
                        ctx,
                        message=f"the purpose {purpose.description!r} of {activity.id!r} has no legal basis",
                        about=activity,
                        at=purpose.origin,
                        fix="add `legal_basis:` (consent, contract, legal_obligation, vital_interests, "
                            "public_task or legitimate_interests)",
                    )


RULES: tuple[type[Rule], ...] = (LegalBasisMissing,)
