"""The audit PDF laid out in chunks, in parallel, then merged: the same pages, text and
numbering as one pass, in bounded memory.

WeasyPrint's memory grows with the pages it holds, so the document is cut into parts that
each start on a new page (identity and list, groups of fiches, the annexes), laid out by
``jobs`` worker processes, each with the package-only URL fetcher. The parts leave out the
"X / Y" footer; once every part's page count is known, the cover and contents are laid
out with their page numbers as text, the parts are merged with pypdf, and each page gets
its footer once, in the shipped font. Same register, options and ``when``: same bytes.
"""

from __future__ import annotations

import gc
import io
import multiprocessing
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ropa.export.digest import Stamp
from ropa.export.html import (
    ASSET_SCHEME,
    DocumentContext,
    document_context,
    render_annex,
    render_cover,
    render_fiche,
    render_fiches_title,
    render_head,
    render_identity,
    render_tail,
)
from ropa.export.pdf_footer import FooterFont
from ropa.export.view import RegisterView

FICHES_PER_CHUNK = 40
_NO_FOOTER = "@media print { @page { @bottom-right { content: none; } } }\n"
_TOC_NUMBERS = ("@media print { .toc a[data-page]::after { content: leader(\". \") attr(data-page); } }\n")


@dataclass(frozen=True, slots=True)
class Part:
    """A run of the document: 'cover', 'identity', 'fiches' (first, last) or 'annexes'."""

    kind: str
    first: int = 0
    last: int = 0


@dataclass(frozen=True, slots=True)
class LaidOut:
    data: bytes
    pages: int
    anchors: dict[str, tuple[int, float, float]]  # anchor -> page index in the part, x, y (CSS px)
    links: list[tuple[int, str, tuple[float, float, float, float]]]  # to other parts: page, anchor, x y w h
    bookmarks: list[tuple[int, str, int, float, float]]  # level, label, page, x, y (CSS px)
    asked: list[str]  # the URLs WeasyPrint asked the package-only fetcher for
    refused: list[str]


def plan(view: RegisterView, ctx: DocumentContext, per_chunk: int = FICHES_PER_CHUNK) -> list[Part]:
    """The parts after the cover, in document order: each starts on a new page."""
    parts = [Part("identity")]
    count = len(view.activities)
    starts = range(1, count + 1, per_chunk) if count else [1]
    parts += [Part("fiches", first, min(first + per_chunk - 1, count)) for first in starts]
    parts.append(Part("annexes"))
    return parts


def css_string(text: str) -> str:
    """``text`` as a CSS string whose every character but letters, digits and spaces is
    an escape (six hex digits and the space that ends it): a register's value never
    becomes CSS syntax."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):06x} "
                         for c in text) + '"'


def _part_css(ctx: DocumentContext, part: Part) -> str:
    organisation = " ".join((ctx.view.organisation.name or str(ctx.w["unknown"])).split())
    css = _NO_FOOTER
    if part.kind != "cover":
        css += f"@media print {{ @page {{ @bottom-left {{ content: {css_string(organisation)}; }} }} }}\n"
    if part.kind == "fiches" and part.first > 1:
        css += f"@media print {{ @page {{ @top-right {{ content: {css_string(str(ctx.w['fiches']))}; }} }} }}\n"
    if part.kind == "cover":
        css += _TOC_NUMBERS
    return css


def part_html(ctx: DocumentContext, part: Part, created: str) -> str:
    head = render_head(ctx, created=created).replace("</style>", _part_css(ctx, part) + "</style>", 1)
    if part.kind == "cover":
        body = render_cover(ctx)
    elif part.kind == "identity":
        body = render_identity(ctx)
    elif part.kind == "fiches":
        body = render_fiches_title(ctx) if part.first == 1 else ""
        body += "".join(render_fiche(ctx, ctx.view.activities[i - 1], i) for i in range(part.first, part.last + 1))
    else:
        body = "".join(render_annex(ctx, annex) for annex in ctx.annexes)
    return head + body + render_tail()


def lay_out(ctx: DocumentContext, part: Part, created: str, full_fonts: bool = False) -> LaidOut:
    """One part as a PDF, with the anchors and bookmarks of its pages. With ``full_fonts``,
    the fonts are embedded whole rather than subset: the same bytes in every part, which
    the merge keeps once, and no subsetting (about a second a part with fontTools)."""
    from ropa.export.pdf import (
        FetchLog,
        RenderError,
        _weasyprint_html,
        _weasyprint_logs,
        package_fetcher,
    )

    HTML = _weasyprint_html()
    log = FetchLog()
    gc.disable()
    try:
        with _weasyprint_logs(None):
            try:
                document = HTML(string=part_html(ctx, part, created), base_url=f"{ASSET_SCHEME}:",
                                url_fetcher=package_fetcher(log)).render()
                data = document.write_pdf(full_fonts=full_fonts)
            except (OSError, ValueError, RuntimeError) as exc:
                raise RenderError(f"WeasyPrint could not render the PDF: {exc}") from exc
        anchors: dict[str, tuple[int, float, float]] = {}
        marks: list[tuple[int, str, int, float, float]] = []
        for index, page in enumerate(document.pages):
            for name, (x, y, *_) in page.anchors.items():
                anchors.setdefault(name, (index, float(x), float(y)))
            marks += [(level, label, index, float(x), float(y)) for level, label, (x, y), _ in page.bookmarks]
        links = [(index, target, tuple(map(float, rectangle)))
                 for index, page in enumerate(document.pages)
                 for kind, target, rectangle, _ in page.links if kind == "internal" and target not in anchors]
        return LaidOut(data=data, pages=len(document.pages), anchors=anchors, links=links,  # type: ignore[arg-type]
                       bookmarks=marks, asked=log.asked, refused=log.refused)
    finally:
        del HTML
        gc.enable()
        gc.collect()


_WORKER: dict[str, Any] = {}


def _start_worker(ctx: DocumentContext, created: str, full_fonts: bool) -> None:
    _WORKER.update(ctx=ctx, created=created, full_fonts=full_fonts)


def _work(task: tuple[int, Part]) -> tuple[int, LaidOut]:
    index, part = task
    return index, lay_out(_WORKER["ctx"], part, _WORKER["created"], _WORKER["full_fonts"])


def _pool(jobs: int, ctx: DocumentContext, created: str, full_fonts: bool) -> Any:
    """Worker processes, forked where the system can (nothing to import again)."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method).Pool(jobs, initializer=_start_worker,
                                                    initargs=(ctx, created, full_fonts), maxtasksperchild=4)


def lay_out_parts(ctx: DocumentContext, parts: list[Part], created: str, jobs: int,
                  progress: Any = None, full_fonts: bool = False) -> list[LaidOut]:
    results: list[LaidOut | None] = [None] * len(parts)
    done_pages = 0
    if jobs <= 1:
        outcomes: Any = (_one(ctx, i, p, created, full_fonts) for i, p in enumerate(parts))
        pool = None
    else:
        pool = _pool(jobs, ctx, created, full_fonts)
        # The identity (with the list of activities) and the annexes grow with the register
        # and are not cut: laid out first, they do not leave one process working alone at
        # the end while the other waits.
        tasks = sorted(enumerate(parts), key=lambda task: task[1].kind == "fiches")
        outcomes = pool.imap_unordered(_work, tasks)
    try:
        for index, laid in outcomes:
            results[index] = laid
            done_pages += laid.pages
            if progress is not None:
                progress("layout", done_pages)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    return [r for r in results if r is not None]


def _one(ctx: DocumentContext, index: int, part: Part, created: str, full_fonts: bool) -> tuple[int, LaidOut]:
    return index, lay_out(ctx, part, created, full_fonts)


def anchor_pages(laid: list[LaidOut], first_page: int = 1) -> dict[str, tuple[int, float, float]]:
    """Every anchor's page number in the whole document (from ``first_page``), x and y."""
    pages: dict[str, tuple[int, float, float]] = {}
    offset = first_page
    for result in laid:
        for name, (index, x, y) in result.anchors.items():
            pages.setdefault(name, (offset + index, x, y))
        offset += result.pages
    return pages


def render_chunked(view: RegisterView, stamp: Stamp, *, when: datetime, jobs: int = 2,
                   progress: Any = None, per_chunk: int = FICHES_PER_CHUNK,
                   fetch_log: Any = None) -> tuple[bytes, int]:
    """The audit PDF laid out in parts by ``jobs`` processes: (bytes, pages)."""
    from dataclasses import replace

    from ropa.export.pdf import RenderError

    created = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    ctx = document_context(view, stamp, "pdf")
    parts = plan(view, ctx, per_chunk)
    full_fonts = len(parts) > 3  # several chunks of fiches: whole fonts, embedded once, cost less than subsets
    laid = lay_out_parts(ctx, parts, created, jobs, progress, full_fonts)
    body_pages = sum(result.pages for result in laid)
    cover_pages = 1 + -(-(len(view.activities) + 12) // 55)  # a guess: the cover, 55 entries a page
    for _ in range(4):  # the contents' length hardly depends on its numbers: one more pass at most
        numbers = {name: page for name, (page, _, _) in anchor_pages(laid, cover_pages + 1).items()}
        cover = lay_out(replace(ctx, toc_pages=numbers), Part("cover"), created, full_fonts)
        if cover.pages == cover_pages:
            break
        cover_pages = cover.pages
    else:
        raise RenderError("the contents' page numbers do not settle; render with --archival (one pass)")
    total = cover.pages + body_pages
    if progress is not None:
        progress("pdf", 0)
    if fetch_log is not None:
        for result in (cover, *laid):
            fetch_log.asked.extend(result.asked)
            fetch_log.refused.extend(result.refused)
    return merge([cover, *laid], total), total


def merge(laid: list[LaidOut], total: int) -> bytes:
    """The parts as one PDF: metadata and language of the first, an outline over all,
    and the footer "X / Y" on every page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter()
    font = FooterFont(writer)
    first = PdfReader(io.BytesIO(laid[0].data))
    marks: list[tuple[int, str, int, float, float]] = []
    for result in laid:
        offset = len(writer.pages)
        reader = first if offset == 0 else PdfReader(io.BytesIO(result.data))
        for page in reader.pages:
            writer.add_page(page)
        marks += [(level, label, offset + index, x, y) for level, label, index, x, y in result.bookmarks]
    for number, page in enumerate(writer.pages, start=1):
        font.stamp(page, f"{number} / {total}")
    if first.metadata is not None:
        writer.add_metadata({key: value for key, value in first.metadata.items()})
    root: Any = first.trailer["/Root"]
    for key in ("/Lang", "/PageMode"):
        if key in root:
            writer._root_object[NameObject(key)] = root[key]
    _outline(writer, marks)
    _links(writer, laid)
    writer.compress_identical_objects()  # the fonts every part embeds, kept once
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _links(writer: Any, laid: list[LaidOut]) -> None:
    """The links from one part to an anchor in another (contents, list of activities)."""
    from pypdf.annotations import Link
    from pypdf.generic import Fit

    anchors = anchor_pages(laid, 0)
    offset = 0
    for result in laid:
        for index, target, (x, y, width, height) in result.links:
            if target not in anchors:
                continue
            page_height = float(writer.pages[offset + index].mediabox.height)
            goal, left, top = anchors[target]
            rect = (x * 0.75, page_height - (y + height) * 0.75, (x + width) * 0.75, page_height - y * 0.75)
            fit = Fit.xyz(left=left * 0.75, top=float(writer.pages[goal].mediabox.height) - top * 0.75)
            writer.add_annotation(offset + index, Link(rect=rect, target_page_index=goal, fit=fit))
        offset += result.pages


def _outline(writer: Any, marks: list[tuple[int, str, int, float, float]]) -> None:
    """Bookmarks nested by level, as WeasyPrint nests them in one pass."""
    from pypdf.generic import Fit

    stack: list[tuple[int, Any]] = []
    for level, label, page, x, y in marks:
        while stack and stack[-1][0] >= level:
            stack.pop()
        height = float(writer.pages[page].mediabox.height)
        item = writer.add_outline_item(title=label, page_number=page, parent=stack[-1][1] if stack else None,
                                       fit=Fit.xyz(left=x * 0.75, top=height - y * 0.75), is_open=False)
        stack.append((level, item))
