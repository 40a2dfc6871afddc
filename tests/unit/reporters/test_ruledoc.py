"""docs/rules.md is generated from the catalogue; SARIF helpUri anchors land on its headings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from ropa.reporters import REPORTER_BY_NAME, rule_infos
from ropa.reporters.ruledoc import (
    anchor,
    family,
    index_table,
    rule_markdown,
    rule_text,
    rules_document,
)
from ropa.rules.catalogue import catalogue

ROOT = Path(__file__).resolve().parents[3]
RULES_DOC = ROOT / "docs" / "rules.md"


def github_slug(heading: str) -> str:
    """How GitHub turns a Markdown heading into an anchor."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_docs_rules_md_is_up_to_date() -> None:
    assert RULES_DOC.read_text(encoding="utf-8") == rules_document(rule_infos()), (
        "docs/rules.md is stale: run python scripts/build_rules_doc.py")


def test_the_script_check_mode_agrees() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_rules_doc.py"), "--check"],
                          check=False, capture_output=True, text=True, cwd=ROOT)
    assert (done.returncode, done.stderr) == (0, "")


def test_every_rule_has_a_section_whose_anchor_is_the_help_uri_fragment() -> None:
    document = rules_document(rule_infos())
    headings = re.findall(r"^### (.+)$", document, re.MULTILINE)
    assert headings == [f"{e.id} {e.name}" for e in catalogue()]
    slugs = {github_slug(h) for h in headings}
    assert {anchor(info) for info in rule_infos()} == slugs
    assert anchor(rule_infos()[0]) == "ropa001-yaml-syntax"


def test_a_rule_section_holds_its_whole_documentation() -> None:
    info = next(i for i in rule_infos() if i.id == "ROPA201")
    markdown = rule_markdown(info)
    assert markdown.startswith("**Default severity:** error · **Article:** Art. 6(1)\n\n"
                               "a purpose has no Art. 6 legal basis\n\n**What it checks**\n\n"
                               "Every purpose of every activity names its Art. 6(1) legal basis.")
    for heading in ("What it checks", "Why it matters", "Example", "Fix", "References"):
        assert f"**{heading}**" in markdown
        assert f"\n{heading}\n" in rule_text(info)
    assert family("ROPA201") == "lawfulness" and family("ROPA702") == "processor-register"


def test_the_index_table_escapes_pipes() -> None:
    info = rule_infos()[0]
    odd = type(info)(id="ROPA999", name="odd", default=info.default, severity=info.default,
                     article="Art. 1", summary="a | b")
    assert index_table([odd], link=False).splitlines()[-1] == "| ROPA999 | odd | error | Art. 1 | a \\| b |"


def test_every_check_format_has_a_reporter() -> None:
    from ropa.cli.check import CheckFormat

    assert sorted(REPORTER_BY_NAME) == sorted(f.value for f in CheckFormat)
    assert all(REPORTER_BY_NAME[name].name == name for name in REPORTER_BY_NAME)
