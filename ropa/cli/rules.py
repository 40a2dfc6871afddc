"""``ropa rules``: the rule catalogue; ``ropa rules explain ID``: one rule's documentation."""

import json
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ropa.cli.common import fail, out

if TYPE_CHECKING:
    from ropa.reporters import RuleInfo


class RulesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


rules_app = typer.Typer(
    name="rules",
    help="The rule catalogue: `ropa rules` lists it, `ropa rules explain ROPA401` documents one rule.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
)


def catalogue_text(infos: "list[RuleInfo]") -> str:
    """One aligned line per rule: id, name, default severity, article, summary."""
    name_width = max((len(i.name) for i in infos), default=4)
    article_width = max((len(i.article) for i in infos), default=7)
    lines = []
    for info in infos:
        lines.append(f"{info.id}  {info.name:<{name_width}}  {info.default.value:<7}  "
                     f"{info.article:<{article_width}}  {info.summary}")
    return "\n".join(lines) + "\n"


def catalogue_json(infos: "list[RuleInfo]") -> str:
    from ropa.reporters.sarif import help_uri

    payload = [
        {"id": i.id, "name": i.name, "severity": i.default.value, "article": i.article,
         "summary": i.summary, "help_uri": help_uri(i)}
        for i in infos
    ]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


@rules_app.callback(invoke_without_command=True)
def rules(
    ctx: typer.Context,
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.TEXT,
) -> None:
    """List every rule: id, name, default severity, GDPR article and what it checks."""
    if ctx.invoked_subcommand is not None:
        return
    from ropa.reporters import rule_infos
    from ropa.reporters.ruledoc import index_table

    infos = list(rule_infos())
    if format == RulesFormat.JSON:
        text = catalogue_json(infos)
    elif format == RulesFormat.MARKDOWN:
        text = index_table(infos, link=False)
    else:
        text = catalogue_text(infos)
    out().file.write(text)


def find_rule(key: str) -> "RuleInfo | None":
    """A rule by id (any case) or by name."""
    from ropa.reporters import rule_infos

    wanted = key.strip()
    for info in rule_infos():
        if info.id == wanted.upper() or info.name == wanted.lower():
            return info
    return None


@rules_app.command("explain")
def explain(
    rule: Annotated[str, typer.Argument(help="A rule id (ROPA401) or name (transfer-without-safeguard).",
                                        show_default=False)],
) -> None:
    """Print a rule's documentation: what it checks, why it matters, an example, the fix,
    and the references."""
    from ropa.reporters.ruledoc import rule_text
    from ropa.reporters.sarif import help_uri

    info = find_rule(rule)
    if info is None:
        fail(f"no rule {rule!r}; `ropa rules` lists every rule id and name")
    out().file.write(rule_text(info) + f"\nDocumentation: {help_uri(info)}\n")


def install(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")
