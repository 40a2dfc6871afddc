"""docs/register-format.md shows every section in YAML: those examples must read cleanly."""

from __future__ import annotations

import re
from pathlib import Path

from ropa.loading import load_text

DOC = Path(__file__).resolve().parents[3] / "docs" / "register-format.md"
SECTION = re.compile(r"(organisation|settings|security_measures|processors|activities|processing_on_behalf):")


def test_the_documented_sections_form_a_valid_register() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    sections = [b for b in blocks if SECTION.match(b) and "[...]" not in b]
    assert [SECTION.match(b).group(1) for b in sections] == [  # type: ignore[union-attr]
        "organisation", "settings", "security_measures", "processors", "activities", "processing_on_behalf",
    ]
    result = load_text("ropa: 1\n" + "".join(sections))
    # the examples refer to measures and processors they do not describe, and nothing else is wrong
    assert sorted((p.rule, p.message) for p in result.problems) == [
        ("ROPA003", "security measure 'access-control' is not described in this register"),
        ("ROPA003", "security measure 'backups' is not described in this register"),
        ("ROPA003", "security measure 'backups' is not described in this register"),
        ("ROPA003", "sub-processor 'aws' is not described in this register"),
        ("ROPA003", "sub-processor 'ovh' is not described in this register"),
    ]


def test_the_documented_activity_files_are_valid_activity_files() -> None:
    from ropa.loading.validation import validate_document
    from ropa.loading.yaml_reader import read_yaml_text

    blocks = re.findall(r"```yaml\n(# activities/.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 2
    for block in blocks:
        document = read_yaml_text(block, "a.yaml")
        assert document.problems == []
        assert validate_document(document.data, "activity", "a.yaml") == []
