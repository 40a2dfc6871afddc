"""``ropa show SOURCE``: a readable summary of a register."""

from typing import TYPE_CHECKING, Annotated

import typer

from ropa.cli.common import ExitCode, err, out
from ropa.cli.progress import progress_bar, wanted
from ropa.cli.sources import SOURCE_HELP, load_or_fail

if TYPE_CHECKING:
    from ropa.model.register import Register

_UNKNOWN = "—"


def _org_lines(register: "Register") -> list[str]:
    org = register.organisation
    dpo = org.dpo
    dpo_text = "none designated" if dpo is None else ", ".join(
        v for v in (dpo.name, dpo.company, dpo.email) if v) or "designated"
    authority = org.supervisory_authority or _UNKNOWN
    if org.supervisory_authority:
        from ropa.reference import supervisory_authority

        found = supervisory_authority(org.supervisory_authority)
        authority = found.name if found else org.supervisory_authority
    lines = [
        f"Controller: {org.name or _UNKNOWN}" + (f" ({org.legal_form})" if org.legal_form else ""),
        f"Contact: {org.email or _UNKNOWN}   Rights: {org.rights_contact or _UNKNOWN}",
        (f"Establishments: {', '.join(org.establishments) or _UNKNOWN}   "
        f"Authority: {authority}   DPO: {dpo_text}"),
    ]
    return lines


def show(source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)]) -> None:
    """Print a summary: the controller, each activity with its purposes and legal bases,
    the processors and where they process data."""
    from rich.table import Table
    from rich.text import Text

    with progress_bar(wanted(quiet=False)) as bar:
        result = load_or_fail(source, bar=bar)
    register = result.register
    console = out()
    if not console.is_terminal:  # a file or a pipe: wide enough to read, the same everywhere
        from rich.console import Console

        console = Console(file=console.file, width=160, highlight=False, emoji=False, soft_wrap=True)
    for line in _org_lines(register):
        console.print(Text(line))
    activities = Table(title=f"Activities ({len(register.activities)})", title_justify="left",
                       show_lines=True)
    for column in ("Ref", "Activity", "Status", "Purposes and legal bases", "Processors"):
        activities.add_column(column, overflow="fold")
    for activity in register.activities:
        purposes = "\n".join(
            f"{p.description or _UNKNOWN}: {p.legal_basis.value if p.legal_basis else 'no basis'}"
            for p in activity.purposes
        ) or _UNKNOWN
        used = ", ".join(r.processor for r in activity.recipients if r.processor) or _UNKNOWN
        status = activity.status.value if activity.status else _UNKNOWN
        activities.add_row(Text(activity.reference), Text(activity.name or _UNKNOWN), Text(status),
                           Text(purposes), Text(used))
    console.print(activities)
    processors = Table(title=f"Processors ({len(register.processors)})", title_justify="left")
    for column in ("Id", "Name", "Service", "Country", "Locations", "DPA signed"):
        processors.add_column(column, overflow="fold")
    for processor in register.processors:
        signed = processor.dpa.signed.isoformat() if processor.dpa and processor.dpa.signed else _UNKNOWN
        processors.add_row(*(Text(v) for v in (
            processor.id, processor.name or _UNKNOWN, processor.service or _UNKNOWN,
            processor.country or _UNKNOWN, ", ".join(processor.locations) or _UNKNOWN, signed)))
    console.print(processors)
    console.print(Text(f"Security measures: {len(register.security_measures)}"))
    if register.processing_on_behalf:
        console.print(Text(f"Processing on behalf of clients (Art. 30(2)): "
                           f"{len(register.processing_on_behalf)}"))
    if result.problems:
        err().print(f"{len(result.problems)} problem(s): run `ropa validate {source}` to see them",
                    markup=False)
        raise typer.Exit(ExitCode.FINDINGS)


def install(app: typer.Typer) -> None:
    app.command("show")(show)
