"""CI formats of findings: text, json, sarif, junit, github, markdown.

Each format is one small :class:`Reporter` with ``render(report) -> str``;
``REPORTER_BY_NAME`` maps the ``--format`` value of ``ropa check`` to its class.

```python
from ropa.reporters import REPORTER_BY_NAME, Report, rule_infos
text = REPORTER_BY_NAME["sarif"]().render(Report(findings=..., as_of=..., source=..., rules=rule_infos()))
```
"""

from __future__ import annotations

from ropa.reporters.base import Report, Reporter, RuleInfo, rule_infos, summary_line
from ropa.reporters.github import GithubReporter
from ropa.reporters.json import JsonReporter
from ropa.reporters.junit import JunitReporter
from ropa.reporters.markdown import MarkdownReporter
from ropa.reporters.sarif import SarifReporter
from ropa.reporters.text import TextReporter

REPORTER_BY_NAME: dict[str, type[Reporter]] = {
    reporter.name: reporter
    for reporter in (TextReporter, JsonReporter, SarifReporter, JunitReporter, GithubReporter,
                     MarkdownReporter)
}

__all__ = ["REPORTER_BY_NAME", "Report", "Reporter", "RuleInfo", "rule_infos", "summary_line"]
