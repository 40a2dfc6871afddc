"""GitHub workflow commands and the Markdown summary: exact output and escaping."""

from __future__ import annotations

import dataclasses

from ropa.model.origin import Location
from ropa.reporters.github import GithubReporter, escape_data, escape_property
from ropa.reporters.markdown import MarkdownReporter
from ropa.reporters.sarif import DOCS_URL
from tests.unit.reporters.sample import MISSING_BASIS, sample_report

EXPECTED_GITHUB = """\
::warning file=registers/acme.yaml,line=2,col=3,title=ROPA101 controller-identity-missing::the organisation has no `email`%0AFix: add `email` under `organisation`
::error file=registers/acme.yaml,line=12,col=9,title=ROPA201 legal-basis-missing::the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis%0AFix: add `legal_basis:`
::notice file=registers/acme.yaml,line=30,col=5,title=ROPA504 processor-unused::processor 'stripe' is used by no activity%0AFix: remove it, or list it in the recipients of an activity
::error file=registers/other.yaml,line=3,col=1,title=ROPA002 schema-violation::unknown key 'legal_bassis'%0AFix: did you mean 'legal_basis'?
"""


def test_github_annotates_every_unsuppressed_finding() -> None:
    assert GithubReporter().render(sample_report()) == EXPECTED_GITHUB


def test_github_escaping_follows_the_runner_rules() -> None:
    assert escape_data("100% done\r\nnext, then: more") == "100%25 done%0D%0Anext, then: more"
    assert escape_property("a,b:c%d\ne") == "a%2Cb%3Ac%25d%0Ae"


def test_github_escapes_file_names_and_annotates_a_file_without_a_line() -> None:
    odd = dataclasses.replace(MISSING_BASIS, message="50% of it", fix=None,
                              location=Location("/work/repo/reg,1:a.yaml", 0, 0, "$"))
    assert GithubReporter().render(sample_report(findings=(odd,))) == (
        "::error file=reg%2C1%3Aa.yaml,title=ROPA201 legal-basis-missing::50%25 of it\n")


EXPECTED_MARKDOWN = f"""\
## ropa check: registers

**2 errors, 1 warning, 1 info**; 1 suppressed. As of 2026-11-26, the check fails at `--fail-on error`.

### `registers/acme.yaml`

| Line | Severity | Rule | Finding | Fix |
|---:|---|---|---|---|
| 2 | warning | [ROPA101]({DOCS_URL}#ropa101-controller-identity-missing) controller-identity-missing | the organisation has no `email` | add `email` under `organisation` |
| 12 | error | [ROPA201]({DOCS_URL}#ropa201-legal-basis-missing) legal-basis-missing | the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis | add `legal_basis:` |
| 30 | info | [ROPA504]({DOCS_URL}#ropa504-processor-unused) processor-unused | processor 'stripe' is used by no activity | remove it, or list it in the recipients of an activity |

### `registers/other.yaml`

| Line | Severity | Rule | Finding | Fix |
|---:|---|---|---|---|
| 3 | error | [ROPA002]({DOCS_URL}#ropa002-schema-violation) schema-violation | unknown key 'legal_bassis' | did you mean 'legal_basis'? |
"""


def test_markdown_has_a_table_per_file() -> None:
    assert MarkdownReporter().render(sample_report()) == EXPECTED_MARKDOWN


def test_markdown_shows_suppressed_findings_when_asked() -> None:
    text = MarkdownReporter().render(sample_report(show_suppressed=True))
    assert (f"| 20 | error | [ROPA201]({DOCS_URL}#ropa201-legal-basis-missing) legal-basis-missing | the "
            "purpose 'Gérer les comptes' of 'accounts' has no legal basis *(suppressed: basis under review "
            "with counsel)* | add `legal_basis:` |") in text


def test_markdown_escapes_register_text() -> None:
    odd = dataclasses.replace(MISSING_BASIS, message="a | b <img src=x>\nc", fix="x & y")
    text = MarkdownReporter().render(sample_report(findings=(odd,)))
    assert "| a \\| b &lt;img src=x&gt;<br>c | x &amp; y |" in text


def test_markdown_of_a_clean_register_says_so() -> None:
    assert MarkdownReporter().render(sample_report(findings=())) == (
        "## ropa check: registers\n\n**0 errors, 0 warnings, 0 info**; 0 suppressed. As of 2026-11-26, "
        "the check passes at `--fail-on error`.\n\nNo findings.\n")
