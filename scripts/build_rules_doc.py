"""Generate docs/rules.md from the rule catalogue.

The rules' class attributes and docstrings are the single source: run
``python scripts/build_rules_doc.py`` after adding or changing a rule; ``--check`` exits 1
(and a test fails) while the page is stale. Each rule's section heading
(``ROPA201 legal-basis-missing``) is the anchor SARIF ``helpUri`` points at.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ropa.reporters import rule_infos  # noqa: E402
from ropa.reporters.ruledoc import rules_document  # noqa: E402

TARGET = ROOT / "docs" / "rules.md"


def render() -> str:
    return rules_document(rule_infos())


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.is_file() else ""
        if current != text:
            sys.stderr.write(f"{TARGET.relative_to(ROOT)} is stale: run python scripts/build_rules_doc.py\n")
            return 1
        return 0
    from ropa.util.atomic import write_text_atomic

    write_text_atomic(TARGET, text)
    sys.stdout.write(f"wrote {TARGET.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
