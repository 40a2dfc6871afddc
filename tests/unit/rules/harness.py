"""Running one rule's example registers.

Each rule has tests/unit/rules/examples/<ID>/ with ``pass.yaml`` (a register on which the
rule reports nothing) and ``fail.yaml`` (one on which it reports exactly the pairs listed in
its ``# expect: <ID> <subject>`` comment lines). A ``# as-of: YYYY-MM-DD`` line sets the
date the example is judged at (default 2026-11-26). More cases may sit beside them as
``pass-*.yaml`` and ``fail-*.yaml``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ropa.loading import load
from ropa.rules.engine import run_rules

AS_OF = date(2026, 11, 26)
EXAMPLES = Path(__file__).parent / "examples"
_EXPECT = re.compile(r"^#\s*expect:\s*(ROPA[0-9]{3})\s+(\S+)\s*$", re.MULTILINE)
_AS_OF = re.compile(r"^#\s*as-of:\s*([0-9]{4}-[0-9]{2}-[0-9]{2})\s*$", re.MULTILINE)


def expected_pairs(path: Path) -> set[tuple[str, str]]:
    return set(_EXPECT.findall(path.read_text(encoding="utf-8")))


def example_as_of(path: Path) -> date:
    match = _AS_OF.search(path.read_text(encoding="utf-8"))
    return date.fromisoformat(match.group(1)) if match else AS_OF


def pairs(rule_id: str, path: Path, as_of: date | None = None) -> set[tuple[str, str]]:
    """The (rule, subject) pairs ``rule_id`` reports on the register at ``path``."""
    result = load(path)
    assert not result.problems, [p.line() for p in result.problems]
    check = run_rules(result.register, as_of=as_of or example_as_of(path), label=str(path))
    return {(f.rule, f.subject or "") for f in check.findings if f.rule == rule_id and f.suppressed is None}


def example_files(rule_id: str) -> list[Path]:
    folder = EXAMPLES / rule_id
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []
