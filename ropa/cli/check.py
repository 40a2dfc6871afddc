"""``ropa check SOURCE``: run the rule catalogue and report the findings in a CI format.

The command only parses options, then: config -> load -> run_rules -> Report -> reporter.
Exit 0 when no unsuppressed finding reaches ``--fail-on``, 1 when one does (a register that
does not parse or breaks the schema included), 2 when ropa could not run."""

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ropa.cli.common import ExitCode, err, fail, finish, out, parse_as_of
from ropa.cli.progress import Bar, progress_bar, wanted
from ropa.cli.sources import (
    CLEAR_CACHE_HELP,
    SOURCE_HELP,
    NoCacheOpt,
    cache_folder,
    load_or_fail,
    one_shot_gc,
)
from ropa.rules.finding import Severity

if TYPE_CHECKING:
    from ropa.reporters import Report
    from ropa.rules.config import Config
    from ropa.rules.engine import CheckResult

_kept: list[object] = []  # the register last checked: see finish()


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    MARKDOWN = "markdown"


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def load_check_config(source: str, config_path: Path | None) -> "Config":
    """The ropa.toml given with --config, else the one beside the register, else defaults."""
    from ropa.loading import is_database_url
    from ropa.rules.catalogue import all_ids
    from ropa.rules.config import Config, ConfigError, find_config, load_config

    path = config_path
    if path is None and not is_database_url(source):
        path = find_config(Path(source))
    if path is None:
        return Config()
    try:
        return load_config(path, set(all_ids()))
    except ConfigError as exc:
        fail(str(exc))


def build_report(source: str, as_of: date, config: "Config", fail_on: FailOn | None,
                 show_suppressed: bool, *, use_cache: bool = True, clear_cache: bool = False,
                 bar: Bar) -> "Report":
    from ropa.model.origin import printable
    from ropa.reporters import Report, rule_infos

    label, checked = _check(source, as_of, config, use_cache=use_cache, clear_cache=clear_cache, bar=bar)
    threshold = Severity(fail_on.value) if fail_on else (config.fail_on or Severity.ERROR)
    return Report(
        findings=tuple(checked.findings),
        as_of=as_of,
        source=printable(label),  # a folder whose name is not UTF-8, shown as Location shows it
        rules=rule_infos(config),
        fail_on=threshold,
        docs_url=config.docs_url,
        show_suppressed=show_suppressed,
        base=Path.cwd(),
    )


def _check(source: str, as_of: date, config: "Config", *, use_cache: bool, clear_cache: bool,
           bar: Bar) -> tuple[str, "CheckResult"]:
    """The register's label and its check: a folder with ropa's cache is checked
    incrementally (only the activity files changed since the last check are read)."""
    from ropa.rules.engine import run_rules

    folder = cache_folder(source, use_cache=use_cache, clear_cache=clear_cache)
    if folder is not None and Path(source).is_dir():
        from ropa.loading import SourceError
        from ropa.rules.incremental import Incremental

        label = str(Path(source))
        run = Incremental(Path(source), folder, as_of=as_of, config=config, label=label)
        _kept[:] = [run]  # freed by the next check, or never (see finish())
        try:
            return label, run.run(bar.files(), lambda: bar.stage("Running the rules"))
        except SourceError as exc:
            fail(str(exc))
    result = load_or_fail(source, use_cache=use_cache, clear_cache=False, bar=bar)
    _kept[:] = [result]
    bar.stage("Running the rules")
    label = result.label or source
    return label, run_rules(result.register, as_of=as_of, config=config, load_problems=result.problems,
                            label=label)


def emit(report: "Report", format: CheckFormat, output: Path | None) -> None:
    """Write the report to --output atomically, or to standard output."""
    from ropa.reporters import REPORTER_BY_NAME
    from ropa.reporters.text import TextReporter

    reporter = REPORTER_BY_NAME[format.value]()
    if output is not None:
        from ropa.util.atomic import write_text_atomic

        try:
            write_text_atomic(output, reporter.render(report))
        except OSError as exc:
            fail(f"cannot write {output}: {exc.strerror or exc}")
        return
    if isinstance(reporter, TextReporter) and out().is_terminal:
        for line in reporter.lines(report):
            out().print(line)
        return
    out().file.write(reporter.render(report))
    out().file.flush()


def check(
    source: Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Report format.")] = CheckFormat.TEXT,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report to this file (atomically) instead of standard output.",
        dir_okay=False)] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Judge dates as of this day (default: today).",
        show_default=False)] = None,
    fail_on: Annotated[FailOn | None, typer.Option(
        "--fail-on", help="Exit 1 when an unsuppressed finding is at or above this severity "
                          "[default: error, or fail_on in ropa.toml].", show_default=False)] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", metavar="FILE", help="Settings file (default: ropa.toml beside the register).",
        dir_okay=False)] = None,
    show_suppressed: Annotated[bool, typer.Option(
        "--show-suppressed", help="List suppressed findings in text and markdown too.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on standard "
                                        "error.")] = False,
    no_cache: NoCacheOpt = False,
    clear_cache: Annotated[bool, typer.Option("--clear-cache", help=CLEAR_CACHE_HELP)] = False,
) -> None:
    """Check a register against the rule catalogue (Art. 30 content, legal bases, retention,
    transfers, processors, security, DPIA) and report each finding with its file, line,
    rule and fix. Exit 0 when it passes, 1 when a finding reaches --fail-on, 2 when ropa
    could not run. Files unchanged since the last check are taken from ropa's cache
    (.ropa-cache/ in the register folder, or $ROPA_CACHE_DIR; safe to delete); in a register
    folder, so are the findings about activity files unchanged while the rest of the
    register, ropa.toml and the date stay the same."""
    day = parse_as_of(as_of)
    settings = load_check_config(source, config)
    with one_shot_gc():
        with progress_bar(wanted(quiet)) as bar:
            report = build_report(source, day, settings, fail_on, show_suppressed, use_cache=not no_cache,
                                  clear_cache=clear_cache, bar=bar)
        emit(report, format, output)
    if not quiet:
        from ropa.reporters import summary_line

        err().print(summary_line(report), markup=False, emoji=False)
        if output is not None:
            err().print(f"Wrote the {format.value} report to {output}", markup=False, emoji=False)
    finish(ExitCode.FINDINGS if report.failed else ExitCode.OK)


def install(app: typer.Typer) -> None:
    app.command("check")(check)
