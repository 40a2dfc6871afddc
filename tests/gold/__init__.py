"""Gold files: documents as ropa wrote them once and a person checked them.

``assert_gold(name, text)`` compares ``text`` with tests/gold/NAME after scrubbing what
changes from one commit to the next (the git commit on the cover, the content digest, the
ropa version). To accept a change on purpose, regenerate every gold file with::

    ROPA_UPDATE_GOLD=1 .venv/bin/python -m pytest tests/unit/export

then read the diff (``git diff tests/gold``) before committing it.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest

GOLD = Path(__file__).parent

_SCRUBS = [
    (re.compile(r"(commit git|git commit) [0-9a-f]{12}( \([^)<]*\))?"), r"\1 <COMMIT>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<SHA256>"),
    (re.compile(r"ropa [0-9]+\.[0-9]+\.[0-9]+(?:[.+-][0-9A-Za-z.]+)?"), "ropa <VERSION>"),
]


def scrub(text: str) -> str:
    """``text`` without the values that change with every commit or checkout."""
    text = text.replace(f"{GOLD.parents[1]}/", "")
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text.replace("hors dépôt git", "commit git <COMMIT>").replace(
        "not in a git repository", "git commit <COMMIT>")


def assert_gold(name: str, text: str) -> None:
    path = GOLD / name
    actual = scrub(text)
    if os.environ.get("ROPA_UPDATE_GOLD") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no gold file {path}; create it with ROPA_UPDATE_GOLD=1 and review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"gold/{name}", "generated", n=2))
        pytest.fail(f"{name} differs from its gold file (ROPA_UPDATE_GOLD=1 to accept):\n{diff[:6000]}")
