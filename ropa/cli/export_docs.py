"""``ropa export pdf|html|notice``: the audit PDF, its HTML twin, the privacy-notice tables.

Each command: load -> rules as of --as-of -> view -> render -> atomic write. A failure
leaves no partial file and keeps the previous one. Exit 0 once written (findings do not
fail an export; the cover and the findings annex state them), 2 when ropa could not run.
"""

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ropa.cli.common import ExitCode, err, fail, finish, out
from ropa.cli.export import Lang, parse_as_of
from ropa.cli.progress import Bar, progress_bar, wanted
from ropa.cli.sources import SOURCE_HELP, NoCacheOpt, load_or_fail, one_shot_gc

if TYPE_CHECKING:
    from ropa.export.digest import Stamp
    from ropa.export.view import RegisterView
    from ropa.loading import LoadResult

SourceArg = Annotated[str, typer.Argument(help=SOURCE_HELP, show_default=False)]
LangOpt = Annotated[Lang | None, typer.Option(
    "--lang", help="Language of the document (default: the register's settings.language, else fr).")]
AsOfOpt = Annotated[str | None, typer.Option(
    "--as-of", help="Date the register is checked and dated at, YYYY-MM-DD (default: today).")]
ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="The ropa.toml to use (default: the one beside the register).")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")]


class NoticeFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


def _prepare(source: str, lang: Lang | None, as_of: str | None, config: Path | None, *,
             use_cache: bool = True, bar: Bar) -> "tuple[LoadResult, RegisterView, Stamp]":
    from ropa.export.digest import stamp_register
    from ropa.export.prepare import prepare_view
    from ropa.rules.config import ConfigError

    day = parse_as_of(as_of)
    result = load_or_fail(source, use_cache=use_cache, bar=bar)
    bar.stage("Running the rules")
    try:
        view = prepare_view(result, language=lang.value if lang else None, as_of=day, config_path=config)
    except ConfigError as exc:
        fail(str(exc))
    files = result.files if result.layout != "database" else []
    return result, view, stamp_register(result.register, files)


def _write(path: Path, data: bytes) -> None:
    from ropa.util.atomic import write_bytes_atomic

    try:
        write_bytes_atomic(path, data)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {words or word + 's'}"


def _summary(quiet: bool, path: Path, what: str, view: "RegisterView") -> NoReturn:
    """The last line of an export, then the exit (see :func:`finish`)."""
    if not quiet:
        counts = f"{plural(view.errors, 'error')}, {plural(view.warnings, 'warning')}"
        err().print(f"Wrote {path} ({what}; {counts}).", markup=False)
    finish(ExitCode.OK)


def _on_render(bar: Bar) -> Callable[[str, int], None] | None:
    """The renderer's progress callback ``(stage, count)`` shown on ``bar``: parts of the
    HTML, then pages laid out, then the PDF written."""
    if not bar.shown:
        return None

    def update(stage: str, count: int) -> None:
        bar.update(detail={"layout": f"page {count:,}", "pdf": "writing", "html": f"part {count:,}"}.get(stage, stage))

    return update


def export_pdf(
    source: SourceArg,
    output: Annotated[Path, typer.Option("--output", "--out", "-o", help="The PDF file to write (its folder is "
                                         "created).")] = Path("reports/register.pdf"),
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    archival: Annotated[bool, typer.Option(
        "--archival", help="PDF/A-3b with the register's canonical YAML attached.")] = False,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, max=64, help="Processes laying out the pages in parallel (1: this process "
        "alone). Large registers are laid out in chunks, in bounded memory; --archival is one pass.")] = 2,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write the audit PDF: cover (version, SHA-256 digest, compliance status), contents,
    controller identity, list of activities, one record per activity, annexes
    (processors, transfers, security measures, findings, processor register)."""
    from ropa.export.pdf import RenderError, render_pdf

    with one_shot_gc(), progress_bar(wanted(quiet)) as bar:
        _, view, stamp = _prepare(source, lang, as_of, config, use_cache=not no_cache, bar=bar)
        bar.stage("Rendering the PDF")
        try:
            rendered = render_pdf(view, stamp, archival=archival, progress=_on_render(bar), jobs=jobs)
        except RenderError as exc:
            fail(str(exc))
        _write(output, rendered.data)
    kind = plural(rendered.pages, "page") + (", PDF/A-3b with the register attached" if archival else "")
    _summary(quiet, output, kind, view)


def export_html(
    source: SourceArg,
    output: Annotated[Path, typer.Option("--output", "--out", "-o", help="The HTML file to write (its folder is "
                                         "created).")] = Path("reports/register.html"),
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write the audit document as one self-contained HTML page (styles inline, nothing
    fetched), the twin of the PDF."""
    from ropa.export.html import render_html

    with one_shot_gc(), progress_bar(wanted(quiet)) as bar:
        _, view, stamp = _prepare(source, lang, as_of, config, use_cache=not no_cache, bar=bar)
        bar.stage("Rendering the HTML")
        progress = _on_render(bar)
        on_part = (lambda done, total: progress("html", done)) if progress else None
        html = render_html(view, stamp, target="html", on_part=on_part)
        _write(output, html.encode("utf-8"))
    _summary(quiet, output, plural(len(view.activities), "activity", "activities"), view)


def notice_format(format: NoticeFormat | None, output: Path | None) -> NoticeFormat:
    """--format, else from the output's suffix (.html, .htm), else Markdown."""
    if format is not None:
        return format
    if output is not None and output.suffix.lower() in (".html", ".htm"):
        return NoticeFormat.HTML
    return NoticeFormat.MARKDOWN


def export_notice(
    source: SourceArg,
    output: Annotated[Path | None, typer.Option(
        "--output", "--out", "-o", help="The file to write (default: standard output).")] = None,
    format: Annotated[NoticeFormat | None, typer.Option(
        "--format", "-f", help="markdown or html (default: from the output's suffix, else markdown).")] = None,
    lang: LangOpt = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write the tables of a privacy notice under GDPR Articles 13 and 14: purposes and
    legal bases, recipients and processors, retention, transfers outside the EEA, rights
    contact and authority, as Markdown or HTML."""
    from ropa.export.notice import build_notice, notice_html, notice_markdown

    with one_shot_gc(), progress_bar(wanted(quiet)) as bar:
        _, view, _ = _prepare(source, lang, as_of, config, use_cache=not no_cache, bar=bar)
    notice = build_notice(view)
    chosen = notice_format(format, output)
    text = notice_html(notice) if chosen == NoticeFormat.HTML else notice_markdown(notice)
    if output is None:
        out().file.write(text)
        finish(ExitCode.OK)
    _write(output, text.encode("utf-8"))
    _summary(quiet, output, f"privacy notice, {chosen.value}", view)


def add_commands(export_app: typer.Typer) -> None:
    export_app.command("pdf")(export_pdf)
    export_app.command("html")(export_html)
    export_app.command("notice")(export_notice)
