"""``ropa init DIR``: create a new register folder to fill in."""

import shlex
from pathlib import Path
from typing import Annotated

import typer

from ropa.cli.common import err, fail
from ropa.model.enums import Language

DIRECTORY_HELP = "The register folder to create (new or empty)."
NAME_HELP = "The organisation's name. Left out, register.yaml asks for it."
LANG_HELP = "Language of the starter texts and of exported documents."
WITH_ACTIVITIES_HELP = "Add every starter activity (activities/<name>.yaml)."
FORCE_HELP = (
    "Write into a folder that is not empty: add the missing files only, "
    "never overwrite an existing one."
)


def _activities_help() -> str:
    from ropa.starter import available_activities

    names = ", ".join(available_activities())
    return f"Add only these starter activities, comma-separated: {names}."


def init(
    directory: Annotated[Path, typer.Argument(help=DIRECTORY_HELP, show_default=False)],
    name: Annotated[str | None, typer.Option("--name", help=NAME_HELP)] = None,
    lang: Annotated[Language, typer.Option("--lang", help=LANG_HELP)] = Language.FR,
    with_activities: Annotated[
        bool, typer.Option("--with-activities", help=WITH_ACTIVITIES_HELP)
    ] = False,
    activities: Annotated[
        str | None, typer.Option("--activities", metavar="NAME,NAME", help=_activities_help())
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=FORCE_HELP)] = False,
) -> None:
    """Create a register folder: register.yaml (organisation to fill in, settings, a
    catalogue of security measures after the CNIL's guide), activities/ and processors/,
    the JSON Schemas in .schema/ for editors, and optionally starter activities to review.
    Exit 0 when written, 2 when refused (folder not empty, unknown activity) or not written."""
    from ropa.starter import InitError, available_activities, create_register

    if with_activities and activities is not None:
        fail("use either --with-activities (every starter) or --activities NAME,NAME, not both.")
    chosen = available_activities() if with_activities else _names(activities)
    try:
        result = create_register(
            directory, name=name, language=lang.value, activities=chosen, force=force
        )
    except InitError as exc:
        fail(str(exc))
    _report(directory, [str(p) for p in result.written], [str(p) for p in result.skipped])


def _names(option: str | None) -> list[str]:
    """The names given to --activities, comma-separated; an empty list is refused."""
    if option is None:
        return []
    names = [part.strip() for part in option.split(",") if part.strip()]
    if not names:
        fail("--activities needs at least one name, such as --activities accounting,payroll.")
    return names


def _report(directory: Path, written: list[str], skipped: list[str]) -> None:
    """What was created and skipped, then the next step: all on standard error."""
    console = err()
    if written:
        console.print(f"Created in {directory}:", markup=False)
        for path in written:
            console.print(f"  {path}", markup=False)
    if skipped:
        console.print("Skipped, already there (left unchanged):", markup=False)
        for path in skipped:
            console.print(f"  {path}", markup=False)
    if not written:
        console.print(f"Nothing to add: {directory} already has every file.", markup=False)
    starters = any(p.startswith("activities/") and p.endswith(".yaml") for p in written)
    review = ", review each starter activity in activities/" if starters else ""
    console.print(
        "Next: fill in register.yaml (each value left null has a comment saying what to "
        f"write){review}, then check the register with:",
        markup=False,
    )
    console.print(f"  ropa validate {shlex.quote(str(directory))}", markup=False)


def install(app: typer.Typer) -> None:
    app.command("init")(init)
