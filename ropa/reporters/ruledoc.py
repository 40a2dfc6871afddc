"""A rule's documentation as text and Markdown, and docs/rules.md built from the catalogue.

The same Markdown serves SARIF's ``help.markdown``, ``ropa rules --format markdown`` and the
generated page, so the three never disagree. Each rule's section in docs/rules.md has the
heading ``ROPA201 legal-basis-missing``; :func:`anchor` gives its GitHub anchor, which is
what SARIF ``helpUri`` points at."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ropa.reporters.base import RuleInfo

HEADINGS = ("What it checks", "Why it matters", "Example", "Fix", "References")

FAMILIES: dict[str, tuple[str, str]] = {
    "0": ("loading", "Reading the register"),
    "1": ("identity", "The controller and the content of Art. 30(1)"),
    "2": ("lawfulness", "Lawfulness: legal bases, special categories, automated decisions"),
    "3": ("retention", "Retention"),
    "4": ("transfers", "Transfers outside the EEA"),
    "5": ("processors", "Processors (Art. 28)"),
    "6": ("security", "Security and DPIA"),
    "7": ("processor-register", "The register kept as a processor (Art. 30(2))"),
}


def family(rule_id: str) -> str:
    """The family tag of a rule (``lawfulness`` for ROPA201)."""
    return FAMILIES.get(rule_id[4:5], ("other", "Other rules"))[0]


def anchor(info: RuleInfo) -> str:
    """The GitHub anchor of the rule's heading in docs/rules.md (``ropa201-legal-basis-missing``)."""
    text = f"{info.id} {info.name}".lower()
    text = re.sub(r"[^a-z0-9 _-]", "", text)
    return text.replace(" ", "-")


def first_paragraph(text: str) -> str:
    """The first paragraph of a section, on one line."""
    paragraph = text.strip().split("\n\n", 1)[0]
    return " ".join(line.strip() for line in paragraph.splitlines())


def full_description(info: RuleInfo) -> str:
    return first_paragraph(info.sections.get("What it checks", "")) or info.summary


def rule_text(info: RuleInfo) -> str:
    """The rule's documentation as plain text (``ropa rules explain``, SARIF ``help.text``)."""
    lines = [f"{info.id} {info.name}",
             f"Default severity: {info.default.value}   Article: {info.article}",
             info.summary]
    for heading in HEADINGS:
        body = info.sections.get(heading)
        if body:
            lines += ["", heading, body]
    return "\n".join(lines) + "\n"


def rule_markdown(info: RuleInfo) -> str:
    """The rule's documentation as Markdown, without a heading (SARIF ``help.markdown``)."""
    parts = [f"**Default severity:** {info.default.value} · **Article:** {info.article}",
             md_escape_line(info.summary)]
    for heading in HEADINGS:
        body = info.sections.get(heading)
        if body:
            parts.append(f"**{heading}**\n\n{body}")
    return "\n\n".join(parts) + "\n"


def md_escape_line(text: str) -> str:
    """Text safe inside a Markdown paragraph or table cell: no raw HTML, no column break."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|")
    return "<br>".join(part.strip() for part in text.splitlines()) if "\n" in text else text


def index_table(rules: Iterable[RuleInfo], *, link: bool = True) -> str:
    """The catalogue as a Markdown table: id, name, default severity, article, summary."""
    rows = ["| id | name | default | article | checks |", "|---|---|---|---|---|"]
    for info in rules:
        rule_id = f"[{info.id}](#{anchor(info)})" if link else info.id
        rows.append(f"| {rule_id} | {info.name} | {info.default.value} | "
                    f"{md_escape_line(info.article)} | {md_escape_line(info.summary)} |")
    return "\n".join(rows) + "\n"


_INTRO = """\
Every rule `ropa check` runs, generated from the rule catalogue by
`scripts/build_rules_doc.py` (do not edit this page by hand: run
`python scripts/build_rules_doc.py` after changing a rule).

Each rule has an id (a public contract: an id is never reused), a kebab-case name, a
default severity and the article it enforces. `ropa rules` lists them and
`ropa rules explain ROPA201` prints one rule's documentation.

- Change a rule's severity, or turn it off, in `ropa.toml` beside the register:
  `[rules]` then `ROPA408 = "error"` or `ROPA504 = "off"`.
- Accept one finding with a `suppress` entry on the activity, processor or organisation it
  is about: `suppress: [{rule: ROPA303, reason: "…", until: 2027-06-30}]`. The reason
  travels into SARIF (`suppressions[].justification`) and JUnit (`<skipped>`); an entry
  that matches nothing is ROPA005, one past its `until` date is ROPA006.
- `ropa check` exits 1 when an unsuppressed finding is at or above `--fail-on`
  (default `error`, or `fail_on` in `ropa.toml`).
"""


def rules_document(rules: Iterable[RuleInfo]) -> str:
    """docs/rules.md: an index table, then one section per rule, grouped by family."""
    infos = list(rules)
    parts = ["# Rules\n", _INTRO, f"## Index ({len(infos)} rules)\n", index_table(infos)]
    current = None
    for info in infos:
        digit = info.id[4:5]
        if digit != current:
            current = digit
            parts.append(f"## {FAMILIES.get(digit, ('other', 'Other rules'))[1]}\n")
        parts.append(f"### {info.id} {info.name}\n\n{rule_markdown(info)}")
    return "\n".join(parts)
