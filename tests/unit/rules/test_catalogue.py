"""The catalogue as a contract: ids, names, documentation, and an example pair per rule."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ropa.rules.base import HEADINGS, Rule
from ropa.rules.catalogue import RETIRED, RULES, catalogue
from tests.unit.rules.harness import EXAMPLES, example_files, expected_pairs, pairs

DESIGN_RULES = Path(__file__).resolve().parents[4] / "shared" / "design" / "rules.md"
_ROW = re.compile(r"^\| (ROPA[0-9]{3}) \| ([a-z0-9-]+) \| (error|warning|info) \|", re.MULTILINE)


def test_ids_are_unique_and_well_formed() -> None:
    ids = [entry.id for entry in catalogue()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"ROPA[0-9]{3}", i) for i in ids)
    names = [entry.name for entry in catalogue()]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", n) for n in names)


def test_no_retired_id_is_reused() -> None:
    assert not set(RETIRED) & {entry.id for entry in catalogue()}


@pytest.mark.skipif(not DESIGN_RULES.is_file(), reason="design pages not beside the repository")
def test_catalogue_matches_the_design_page() -> None:
    design = {m[0]: (m[1], m[2]) for m in _ROW.findall(DESIGN_RULES.read_text(encoding="utf-8"))}
    ours = {entry.id: (entry.name, entry.severity.value) for entry in catalogue()}
    assert ours == design


@pytest.mark.parametrize("entry", catalogue(), ids=lambda e: e.id)
def test_every_rule_is_documented_under_the_fixed_headings(entry: object) -> None:
    sections = entry.documentation()  # type: ignore[attr-defined]
    assert list(sections) == list(HEADINGS)
    assert all(sections[h] for h in HEADINGS)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_pass_and_a_fail_example(rule: type[Rule]) -> None:
    names = {p.name for p in example_files(rule.id)}
    assert {"pass.yaml", "fail.yaml"} <= names, f"add {EXAMPLES / rule.id}/pass.yaml and fail.yaml"


def _cases() -> list[tuple[str, Path]]:
    return [(rule.id, path) for rule in RULES for path in example_files(rule.id)]


@pytest.mark.parametrize(("rule_id", "path"), _cases(), ids=lambda v: v if isinstance(v, str) else v.name)
def test_example_reports_exactly_what_it_expects(rule_id: str, path: Path) -> None:
    expected = expected_pairs(path)
    if path.name.startswith("pass"):
        assert expected == set()
    else:
        assert expected, f"{path} needs '# expect: {rule_id} <subject>' lines"
    assert pairs(rule_id, path) == expected
