"""The audit PDF, rendered by WeasyPrint from the package's HTML templates.

WeasyPrint fetches through :func:`package_fetcher`, which serves the package's own fonts
and templates under the ``ropa-asset:`` scheme and refuses every other URL (``file:``,
``http:``, ``data:``...): nothing outside the package is ever read or requested. The
archival variant is PDF/A-3b with the register's canonical source attached, the file
whose SHA-256 the cover shows. With ``SOURCE_DATE_EPOCH`` set, the PDF's dates come from
it and the same register and options give the same bytes.
"""

from __future__ import annotations

import logging
import os
import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ropa.export.digest import Stamp
from ropa.export.html import ASSET_SCHEME, render_html
from ropa.export.view import RegisterView

PACKAGE_DIR = Path(__file__).parent
ARCHIVAL_VARIANT = "pdf/a-3b"
_ASSET = re.compile(rf"{ASSET_SCHEME}:(fonts|templates)/([A-Za-z0-9_-]+\.(ttf|css))")
_MEDIA_TYPES = {"ttf": "font/ttf", "css": "text/css"}
_LAYOUT_PAGE = re.compile(r"Step 5 - Creating layout - Page (\d+)")

Progress = Callable[[str, int], None]  # (stage, pages laid out so far)


class RenderError(Exception):
    """The PDF could not be rendered. The message is for the user."""


class RefusedURL(ValueError):
    """A URL outside the package was asked for (and not fetched)."""


def asset_path(url: str) -> Path | None:
    """The package file a ``ropa-asset:`` URL names, or None for any other URL."""
    match = _ASSET.fullmatch(url)
    if match is None:
        return None
    path = PACKAGE_DIR / match.group(1) / match.group(2)
    return path if path.is_file() else None


@dataclass(slots=True)
class FetchLog:
    """Every URL WeasyPrint asked for, and those refused."""

    asked: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def package_fetcher(log: FetchLog | None = None) -> Any:
    """A WeasyPrint URL fetcher that serves only the package's fonts and templates."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

    record = log if log is not None else FetchLog()

    class PackageOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            record.asked.append(url)
            path = asset_path(url)
            if path is None:
                record.refused.append(url)
                raise RefusedURL(f"ropa serves only its own files, not {url[:200]!r}")
            media = _MEDIA_TYPES[path.suffix.lstrip(".")]
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media})

    return PackageOnlyFetcher(fail_on_errors=False, allow_redirects=False)


def document_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now; UTC, whole seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except (ValueError, OverflowError, OSError) as exc:
            raise RenderError(f"SOURCE_DATE_EPOCH must be a number of seconds, not {epoch!r}") from exc
    return datetime.now(UTC).replace(microsecond=0)


class _Records(logging.Handler):
    def __init__(self, progress: Progress | None) -> None:
        super().__init__(logging.DEBUG)
        self.progress = progress
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.name == "weasyprint.progress":
            page = _LAYOUT_PAGE.match(message)
            if self.progress is not None and page:
                self.progress("layout", int(page.group(1)))
            elif self.progress is not None and message.startswith("Step 6"):
                self.progress("pdf", 0)
        elif record.levelno >= logging.WARNING:
            self.messages.append(message)


@contextmanager
def _weasyprint_logs(progress: Progress | None) -> Iterator[_Records]:
    """WeasyPrint's log records go to a list (and progress), never to the terminal."""
    handler = _Records(progress)
    loggers = [logging.getLogger("weasyprint"), logging.getLogger("weasyprint.progress")]
    saved = [(lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
    loggers[1].setLevel(logging.INFO if progress else logging.WARNING)
    try:
        yield handler
    finally:
        for lg, (level, propagate) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.setLevel(level)
            lg.propagate = propagate


def _unique_associated_files(document: Any, pdf: Any) -> None:
    """WeasyPrint lists an attachment twice in the catalog's /AF: keep each once."""
    associated = pdf.catalog.get("AF")
    if associated:
        unique = list(dict.fromkeys(associated))
        associated.clear()
        associated.extend(unique)


def _attachment(stamp: Stamp, view: RegisterView, when: datetime) -> Any:
    from weasyprint import Attachment  # type: ignore[import-untyped]

    from ropa.export.html import words

    naive = when.astimezone(UTC).replace(tzinfo=None)
    description = str(words(view.language)["attachment_description"]).format(digest=stamp.digest)
    return Attachment(string=stamp.source, name=stamp.source_name, description=description,
                      created=naive, modified=naive, relationship="Source",
                      url_fetcher=package_fetcher())


MISSING_PANGO = (
    "WeasyPrint cannot load its system libraries ({error}). On Debian or Ubuntu: "
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1; "
    "see docs/documents.md."
)


def _weasyprint_html() -> Any:
    """WeasyPrint's HTML class; without libharfbuzz-subset it subsets fonts with fontTools
    and warns about it at import, which a user of ropa need not read."""
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=UserWarning)
            from weasyprint import HTML
    except OSError as exc:  # Pango or HarfBuzz missing
        raise RenderError(MISSING_PANGO.format(error=exc)) from exc
    return HTML


@dataclass(frozen=True, slots=True)
class RenderedPdf:
    data: bytes
    pages: int


def render_pdf(view: RegisterView, stamp: Stamp, *, archival: bool = False, when: datetime | None = None,
               fetch_log: FetchLog | None = None, progress: Progress | None = None,
               jobs: int | None = None) -> RenderedPdf:
    """The audit PDF of ``view`` (PDF/A-3b with the canonical source attached when
    ``archival``). ``when`` dates the file (default :func:`document_time`). With ``jobs``,
    laid out in chunks by that many processes (1: in this one) and merged, in bounded
    memory, with the same pages and text; the archival PDF is always one pass. Raises
    RenderError when WeasyPrint fails."""
    HTML = _weasyprint_html()

    moment = when or document_time()
    if jobs is not None and not archival:
        from ropa.export.pdf_chunks import render_chunked

        data, pages = render_chunked(view, stamp, when=moment, jobs=jobs, progress=progress,
                                     fetch_log=fetch_log)
        return RenderedPdf(data=data, pages=pages)
    html = render_html(view, stamp, target="pdf", created=moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    options: dict[str, Any] = {}
    if archival:
        options = {"pdf_variant": ARCHIVAL_VARIANT, "attachments": [_attachment(stamp, view, moment)],
                   "finisher": _unique_associated_files}
    with _weasyprint_logs(progress):
        try:
            document = HTML(string=html, base_url=f"{ASSET_SCHEME}:",
                            url_fetcher=package_fetcher(fetch_log)).render()
            pdf = document.write_pdf(**options)
        except (OSError, ValueError, RuntimeError) as exc:
            raise RenderError(f"WeasyPrint could not render the PDF: {exc}") from exc
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf without target returns bytes
        raise RenderError("WeasyPrint returned no PDF")
    return RenderedPdf(data=pdf, pages=len(document.pages))
