"""Every finding of the catalogue says the same in French, for the documents in French.

Each rule's failing examples (tests/unit/rules/examples/<ID>/fail*.yaml) are checked, and
every finding they give must carry a French message and fix: present, not the English
ones, without English words (outside YAML in backticks, citations and links), and with
French typography (a no-break space before ":" and ";"). The exact French of each rule is
asserted beside its English in the rule's own test file.
"""

from __future__ import annotations

import re
import textwrap
from datetime import date
from functools import cache

import pytest

from ropa.loading import load, load_text
from ropa.rules.catalogue import LOADER_RULES, catalogue
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding
from tests.unit.rules.harness import EXAMPLES, example_as_of

# Words of English that French never uses as words; "a", "on", "or", "but" are French too.
_ENGLISH = re.compile(r"\b(the|has|have|is|are|was|were|with|without|and|no|not|of|its|their|for|to|be|by|in"
                      r"|which|this|that|from|should|must|does|do)\b", re.IGNORECASE)
_QUOTED = re.compile(r"`[^`]*`|«[^»]*»|\"[^\"]*\"|'[\w.#@/-]+'|https?://\S+|\([^()]*\d{4}[^()]*\)")
_LOADER = {rule.id for rule in LOADER_RULES}


@cache
def example_findings() -> dict[tuple[str, str], Finding]:
    """Each distinct (rule, English message) of the failing examples, with its finding."""
    found: dict[tuple[str, str], Finding] = {}
    for path in sorted(EXAMPLES.glob("ROPA*/fail*.yaml")):
        result = load(path)
        check = run_rules(result.register, as_of=example_as_of(path), label=str(path))
        for finding in check.findings:
            if finding.rule not in _LOADER:
                found.setdefault((finding.rule, finding.message), finding)
    return found


def _bare(text: str) -> str:
    """``text`` without what may rightly stay as written: YAML in backticks, citations in
    quotes, ids in quotes ('no-contact'), links, and references such as "(Guidelines
    05/2020)"."""
    return _QUOTED.sub(" ", text)


def test_the_examples_give_findings_of_every_rule() -> None:
    rules = {rule for rule, _ in example_findings()}
    assert rules >= {entry.id for entry in catalogue() if entry.id not in _LOADER}


@pytest.mark.parametrize("key", sorted(example_findings()), ids=lambda key: f"{key[0]}:{key[1][:40]}")
def test_every_finding_has_its_french(key: tuple[str, str]) -> None:
    finding = example_findings()[key]
    assert finding.message_fr and finding.fix_fr, finding.message
    assert finding.message_fr != finding.message
    assert finding.fix_fr != finding.fix
    for text in (finding.message_fr, finding.fix_fr):
        bare = _bare(text)
        assert not _ENGLISH.findall(bare), text
        assert not re.search(r"[^\u00a0][:;](\s|$)", bare), f"a no-break space before : and ; in {text!r}"
    assert finding.message_in("fr") == finding.message_fr
    assert finding.fix_in("fr") == finding.fix_fr
    assert finding.message_in("en") == finding.message


def test_suppression_findings_are_in_french_too() -> None:
    result = load_text(textwrap.dedent("""\
        ropa: 1
        organisation:
          name: Exemple
          suppress:
            - {rule: ROPA999, reason: ancienne règle}
            - {rule: ROPA103, reason: vu avec le DPO, until: 2026-01-31}
        """))
    check = run_rules(result.register, as_of=date(2026, 11, 26), label="register.yaml")
    texts = {f.rule: (f.message_in("fr"), f.fix_in("fr")) for f in check.findings if f.rule in ("ROPA005", "ROPA006")}
    assert texts == {
        "ROPA005": (("l'entrée `suppress` pour ROPA999 ne correspond à aucun constat (aucune règle ne "
                     "porte cet identifiant)"),
                    "retirer cette entrée `suppress`"),
        "ROPA006": ("l'entrée `suppress` pour ROPA103 a expiré le 2026-01-31\u00a0; son constat est de nouveau signalé",
                    "remédier au constat, ou prolonger l'entrée `suppress` avec une nouvelle date `until` et un motif"),
    }


def test_a_finding_of_the_loader_stays_in_english() -> None:
    result = load_text("ropa: 1\nactivities:\n  - id: a\n    name: A\n    nom: x\n")
    [problem] = [p for p in result.problems if p.rule == "ROPA002"]
    assert problem.message == "unknown key 'nom'"
    assert problem.message_in("fr") == problem.message
    assert problem.fix_in("fr") == problem.fix
