"""The audit PDF laid out in chunks, in parallel, then merged: the same pages, text and
numbering as one pass, in bounded memory.

WeasyPrint's memory grows with the pages it holds, so the document is cut into parts that
each start on a new page (identity and list, groups of fiches, the annexes), laid out by
``jobs`` worker processes, each with the package-only URL fetcher. The parts leave out the
"X / Y" footer. Once every part's page count is known, a worker lays out the cover and
contents with their page numbers as text while this process merges the parts with pypdf;
the cover then goes in front, and each page gets its footer once, in the shipped font.
Same register, options and ``when``: same bytes, whatever the number of processes.
"""

from __future__ import annotations

import gc
import hashlib
import io
import multiprocessing
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Self

from ropa.export.digest import Stamp
from ropa.export.html import (
    ASSET_SCHEME,
    DocumentContext,
    document_context,
    load_templates,
    render_annex,
    render_cover,
    render_fiche,
    render_fiches_title,
    render_head,
    render_identity,
    render_tail,
)
from ropa.export.pdf_footer import FooterFont, font_program
from ropa.export.view import RegisterView

FICHES_PER_CHUNK = 40
# The page number is drawn at the merge. The margin boxes left take the page's width, as
# they would anyway, without WeasyPrint measuring their text on every page.
_MARGINS = ("@media print { @page { @bottom-right { content: none; } @bottom-left { width: 100%; } "
            "@top-right { width: 100%; } } }\n")
_TOC_NUMBERS = "@media print { .toc a[data-page]::after { content: attr(data-page); } }\n"


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
    links: list[tuple[int, str, tuple[float, float, float, float]]]  # to other parts: page, anchor, x1 y1 x2 y2
    bookmarks: list[tuple[int, str, int, float, float]]  # level, label, page, x, y (CSS px)
    asked: list[str]  # the URLs WeasyPrint asked the package-only fetcher for
    refused: list[str]


def plan(view: RegisterView, ctx: DocumentContext, per_chunk: int = FICHES_PER_CHUNK) -> list[Part]:
    """The parts after the cover, in document order: each starts on a new page."""
    parts = [Part("identity")]
    first = 1
    for size in chunk_sizes(len(view.activities), per_chunk) or [0]:
        parts.append(Part("fiches", first, first + size - 1))
        first += size
    parts.append(Part("annexes"))
    return parts


def chunk_sizes(count: int, per_chunk: int) -> list[int]:
    """How many fiches each chunk holds: at most ``per_chunk``, as evenly as can be,
    except that beyond two chunks the last ``per_chunk`` fiches are cut in halves (40:
    20, 10, 5, 5). The chunks are laid out in order, so the processes then finish within a
    small chunk of each other rather than one of them working alone through a whole chunk
    at the end."""
    tail: list[int] = []
    if count > 2 * per_chunk:
        rest, smallest = per_chunk, max(1, per_chunk // 8)
        while rest > smallest:
            tail.append(rest // 2)
            rest -= rest // 2
        tail.append(rest)
        count -= per_chunk
    chunks = -(-count // per_chunk)
    return [count // chunks + (1 if index < count % chunks else 0) for index in range(chunks)] + tail


def css_string(text: str) -> str:
    """``text`` as a CSS string whose every character but letters, digits and spaces is
    an escape (six hex digits and the space that ends it): a register's value never
    becomes CSS syntax."""
    return '"' + "".join(c if c.isascii() and (c.isalnum() or c == " ") else f"\\{ord(c):06x} "
                         for c in text) + '"'


def _part_css(ctx: DocumentContext, part: Part) -> str:
    organisation = " ".join((ctx.view.organisation.name or str(ctx.w["unknown"])).split())
    css = _MARGINS
    if part.kind != "cover":
        css += f"@media print {{ @page {{ @bottom-left {{ content: {css_string(organisation)}; }} }} }}\n"
    if part.kind == "fiches" and part.first > 1:
        css += f"@media print {{ @page {{ @top-right {{ content: {css_string(str(ctx.w['fiches']))}; }} }} }}\n"
    if part.kind == "cover":
        css += _TOC_NUMBERS
    return css


def part_html(ctx: DocumentContext, part: Part, created: str) -> str:
    # Only the cover's metadata are kept: the parts after it need not the digest, which
    # this process writes while they are laid out.
    head = render_head(ctx, created=created, digest=part.kind == "cover")
    head = head.replace("</style>", _part_css(ctx, part) + "</style>", 1)
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
    the merge keeps once, and no subsetting (about a second a part with fontTools). The
    garbage collector is left as it is: :class:`Workers` decides."""
    from ropa.export.pdf import (
        FetchLog,
        RenderError,
        _weasyprint_html,
        _weasyprint_logs,
        package_fetcher,
    )

    HTML = _weasyprint_html()
    log = FetchLog()
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


Task = tuple[int, Part, "tuple[dict[str, int], Stamp] | None"]  # index, part, (contents' page numbers, stamp): cover
_WORKER: dict[str, Any] = {}


def _lay_out_task(ctx: DocumentContext, created: str, full_fonts: bool, task: Task) -> tuple[int, LaidOut]:
    index, part, cover = task
    if cover is not None:
        numbers, stamp = cover
        ctx = replace(ctx, toc_pages=numbers, stamp=stamp)
    return index, lay_out(ctx, part, created, full_fonts)


def _start_worker(ctx: DocumentContext, created: str, full_fonts: bool, collect: bool) -> None:
    _WORKER.update(ctx=ctx, created=created, full_fonts=full_fonts, collect=collect)
    gc.disable()


def _work(task: Task) -> tuple[int, LaidOut]:
    try:
        return _lay_out_task(_WORKER["ctx"], _WORKER["created"], _WORKER["full_fonts"], task)
    finally:
        if _WORKER["collect"]:
            gc.collect()


class Workers:
    """Lays out parts in ``jobs`` worker processes, or in this process when ``jobs`` is 1.

    Where the system can fork, a worker lays out one part and exits: the system then frees
    the part's memory at no cost, where the garbage collector takes about 0.3 s a part.
    The workers are forked from this process once it has compiled the templates and laid
    out a first fiche, which fills the caches of WeasyPrint and cffi: they start warm
    (about 0.4 s less a part). Elsewhere a spawned worker imports everything once and lays
    out a few parts.

    The garbage collector, one policy here: what exists when the workers start is frozen,
    so that a collection scans only the objects made since (about 0.2 s less); a layout
    runs with the collector paused (it makes millions of objects, few of them cycles); a
    part laid out in this process or in a spawned worker is collected after (some of its
    boxes are cycles, and the memory stays bounded); a forked worker never collects."""

    def __init__(self, ctx: DocumentContext, created: str, jobs: int, full_fonts: bool) -> None:
        self.ctx, self.created, self.full_fonts = ctx, created, full_fonts
        self.enabled = gc.isenabled()
        gc.freeze()
        self.pool: Any = None
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            load_templates()
            self._here((0, Part("fiches", 1, min(1, len(ctx.view.activities))), None))
            self.pool = multiprocessing.get_context("fork").Pool(
                jobs, initializer=_start_worker, initargs=(ctx, created, full_fonts, False), maxtasksperchild=1)
        elif jobs > 1:
            self.pool = multiprocessing.get_context("spawn").Pool(
                jobs, initializer=_start_worker, initargs=(ctx, created, full_fonts, True), maxtasksperchild=4)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
        gc.unfreeze()

    def _here(self, task: Task) -> tuple[int, LaidOut]:
        gc.disable()
        try:
            return _lay_out_task(self.ctx, self.created, self.full_fonts, task)
        finally:
            if self.enabled:
                gc.enable()
            gc.collect()

    def parts(self, parts: list[Part], progress: Any = None,
              meanwhile: Callable[[], object] | None = None) -> list[LaidOut]:
        """Every part laid out, in document order; ``meanwhile`` runs here while the
        workers lay out (before them, in this process)."""
        tasks: list[Task] = [(index, part, None) for index, part in enumerate(parts)]
        if self.pool is None:
            if meanwhile is not None:
                meanwhile()
            outcomes: Any = map(self._here, tasks)
        else:
            # The identity (with the list of activities) and the annexes grow with the
            # register and are not cut: laid out first, they do not leave one process
            # working alone at the end while the other waits.
            outcomes = self.pool.imap_unordered(_work, sorted(tasks, key=lambda task: task[1].kind == "fiches"))
            if meanwhile is not None:
                meanwhile()
        results: list[LaidOut | None] = [None] * len(parts)
        done_pages = 0
        for index, laid in outcomes:
            results[index] = laid
            done_pages += laid.pages
            if progress is not None:
                progress("layout", done_pages)
        return [result for result in results if result is not None]

    def cover(self, numbers: dict[str, int], stamp: Stamp) -> Callable[[], LaidOut]:
        """The cover and contents with their page numbers, laid out by a worker while
        this process goes on; the function returned waits for it (in this process, it
        lays the cover out when called)."""
        task: Task = (0, Part("cover"), (numbers, stamp))
        if self.pool is None:
            return lambda: self._here(task)[1]
        pending = self.pool.apply_async(_work, (task,))
        return lambda: pending.get()[1]


def anchor_pages(laid: list[LaidOut], first_page: int = 1) -> dict[str, tuple[int, float, float]]:
    """Every anchor's page number in the whole document (from ``first_page``), x and y."""
    pages: dict[str, tuple[int, float, float]] = {}
    offset = first_page
    for result in laid:
        for name, (index, x, y) in result.anchors.items():
            pages.setdefault(name, (offset + index, x, y))
        offset += result.pages
    return pages


def cover_guess(view: RegisterView) -> int:
    """The pages of the cover and contents, before they are laid out: the cover, then 55
    entries a page. Checked once they are laid out."""
    return 1 + -(-(len(view.activities) + 12) // 55)


def render_chunked(view: RegisterView, stamp: Stamp, *, when: datetime, jobs: int = 2,
                   progress: Any = None, per_chunk: int = FICHES_PER_CHUNK,
                   fetch_log: Any = None) -> tuple[bytes, int]:
    """The audit PDF laid out in parts by ``jobs`` processes: (bytes, pages)."""
    from ropa.export.pdf import RenderError

    created = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    ctx = document_context(view, stamp, "pdf")
    parts = plan(view, ctx, per_chunk)
    full_fonts = len(parts) > 3  # several chunks of fiches: whole fonts, embedded once, cost less than subsets
    cover_pages = cover_guess(view)
    with Workers(ctx, created, jobs, full_fonts) as workers:
        body = workers.parts(parts, progress, meanwhile=lambda: (font_program(), stamp.source))
        if progress is not None:
            progress("pdf", 0)

        def cover_after(pages: int) -> Callable[[], LaidOut]:
            """The cover laid out with the contents' numbers for a cover of ``pages``."""
            numbers = {name: page for name, (page, _, _) in anchor_pages(body, pages + 1).items()}
            return workers.cover(numbers, stamp)

        laid_cover = cover_after(cover_pages)
        merged = Merger(body, cover_pages)  # meanwhile, with the cover's guessed length
        cover = laid_cover()
        for _ in range(3):  # the contents' length hardly depends on its numbers: one more pass at most
            if cover.pages == cover_pages:
                break
            cover_pages = cover.pages
            cover = cover_after(cover_pages)()
        else:
            raise RenderError("the contents' page numbers do not settle; render with --archival (one pass)")
    merged.renumber(cover_pages)
    if fetch_log is not None:
        for result in (cover, *body):
            fetch_log.asked.extend(result.asked)
            fetch_log.refused.extend(result.refused)
    return merged.finish(cover), merged.total


class Merger:
    """The parts after the cover as one PDF, each page with its footer "X / Y" for a
    cover of ``cover_pages``; :meth:`finish` puts the cover in front."""

    def __init__(self, body: list[LaidOut], cover_pages: int) -> None:
        from pypdf import PdfReader, PdfWriter

        self.writer = PdfWriter()
        self.font = FooterFont(self.writer)
        self.body = body
        self.cover_pages = cover_pages
        self.total = cover_pages + sum(result.pages for result in body)
        self.footers: list[Any] = []
        number = cover_pages
        for result in body:
            for page in PdfReader(io.BytesIO(result.data)).pages:
                number += 1
                self.footers.append(self.font.stamp(self.writer.add_page(page), f"{number} / {self.total}"))
        self.fonts = _Fonts()
        self.fonts.learn(self.writer.pages)

    def renumber(self, cover_pages: int) -> None:
        """The footers for a cover of ``cover_pages`` when the guess was wrong: the same
        pages, their footers' text redrawn rather than the parts merged again."""
        if cover_pages == self.cover_pages:
            return
        self.total += cover_pages - self.cover_pages
        self.cover_pages = cover_pages
        for number, footer in enumerate(self.footers, start=cover_pages + 1):
            self.font.redraw(footer, f"{number} / {self.total}")

    def finish(self, cover: LaidOut) -> bytes:
        """The whole PDF: metadata and language of the cover, an outline over all parts,
        the links from one part to another."""
        from pypdf import PdfReader
        from pypdf.generic import NameObject

        writer = self.writer
        first = PdfReader(io.BytesIO(cover.data))
        for index, page in enumerate(first.pages):
            self.font.stamp(writer.insert_page(page, index), f"{index + 1} / {self.total}")
        if first.metadata is not None:
            writer.add_metadata({key: value for key, value in first.metadata.items()})
        root: Any = first.trailer["/Root"]
        for key in ("/Lang", "/PageMode"):
            if key in root:
                writer._root_object[NameObject(key)] = root[key]
        laid = [cover, *self.body]
        marks: list[tuple[int, str, int, float, float]] = []
        offset = 0
        for result in laid:
            marks += [(level, label, offset + index, x, y) for level, label, index, x, y in result.bookmarks]
            offset += result.pages
        _outline(writer, marks)
        _links(writer, laid)
        self.fonts.keep_once(writer)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()


class _Fonts:
    """One copy of each font: with whole fonts, every part embeds the same font objects.
    The pages of later parts are pointed at the first copy and the other copies dropped.
    (pypdf's compress_identical_objects hashes every object of the document, takes a
    second and keeps a copy of the fonts' widths and Unicode maps for each part.) The
    fonts of the parts are hashed as they are merged, while the cover is laid out."""

    def __init__(self) -> None:
        self.digests: dict[int, bytes] = {}
        self.holds: dict[int, set[int]] = {}  # font object -> the objects it refers to, itself included

    def learn(self, pages: Any) -> None:
        """Hash the fonts of ``pages`` now, for :meth:`keep_once`."""
        for fonts in self._fonts(pages):
            for name in fonts:
                self._font(fonts.raw_get(name))

    def _fonts(self, pages: Any) -> Iterator[Any]:
        """Each font resource of ``pages``, once (the pages of a part share theirs)."""
        seen: set[int] = set()
        for page in pages:
            resources = page["/Resources"]
            if "/Font" in resources and id(resources["/Font"]) not in seen:
                fonts = resources["/Font"]  # resolved, where get() would give the reference
                seen.add(id(fonts))
                yield fonts

    def _font(self, font: Any) -> tuple[bytes, set[int]] | None:
        from pypdf.generic import IndirectObject

        if not isinstance(font, IndirectObject):
            return None
        holds = self.holds.get(font.idnum)
        if holds is None:
            holds = self.holds[font.idnum] = set()
            _reachable(font, holds)
        return _digest(font, self.digests), holds

    def keep_once(self, writer: Any) -> None:
        """Point every page at the first copy of each font and drop the others."""
        from pypdf.generic import NameObject

        first: dict[bytes, Any] = {}
        kept: set[int] = set()
        dropped: set[int] = set()
        for fonts in self._fonts(writer.pages):
            for name in list(fonts):
                font = fonts.raw_get(name)
                known = self._font(font)
                if known is None:
                    continue
                digest, holds = known
                same = first.setdefault(digest, font)
                if same is font:
                    kept |= holds
                else:
                    fonts[NameObject(name)] = same
                    dropped |= holds
        for number in sorted(dropped - kept):
            writer._objects[number - 1] = None


def _digest(obj: Any, known: dict[int, bytes]) -> bytes:
    """The SHA-256 of ``obj`` with everything it refers to, whatever the objects' numbers:
    equal objects have equal digests."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        IndirectObject,
        NumberObject,
        StreamObject,
    )

    if isinstance(obj, IndirectObject):
        if obj.idnum not in known:
            known[obj.idnum] = _digest(obj.get_object(), known)
        return known[obj.idnum]
    if isinstance(obj, DictionaryObject):
        data = b"".join(hashlib.sha256(key.encode()).digest() + _digest(value, known)
                        for key, value in sorted(obj.items()))
        if isinstance(obj, StreamObject):
            return hashlib.sha256(b"stream" + hashlib.sha256(data).digest() + obj._data).digest()
        return hashlib.sha256(b"dict" + data).digest()
    if isinstance(obj, ArrayObject):
        if all(type(value) in (FloatObject, NumberObject) for value in obj):  # a font's widths
            return hashlib.sha256(b"numbers" + array("d", obj).tobytes()).digest()
        return hashlib.sha256(b"array" + b"".join(_digest(value, known) for value in obj)).digest()
    text = float.__repr__(obj) if isinstance(obj, float) else str(obj)
    return hashlib.sha256(f"{type(obj).__name__}:{text}".encode()).digest()


def _reachable(obj: Any, numbers: set[int]) -> None:
    """Add the numbers of the objects ``obj`` refers to, directly or not, to ``numbers``."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if isinstance(obj, IndirectObject):
        if obj.idnum not in numbers:
            numbers.add(obj.idnum)
            _reachable(obj.get_object(), numbers)
    elif isinstance(obj, DictionaryObject):
        for value in obj.values():
            _reachable(value, numbers)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            if isinstance(value, (IndirectObject, DictionaryObject, ArrayObject)):  # not the widths' numbers
                _reachable(value, numbers)


def _links(writer: Any, laid: list[LaidOut]) -> None:
    """The links from one part to an anchor in another (contents, list of activities)."""
    from pypdf.annotations import Link
    from pypdf.generic import Fit

    anchors = anchor_pages(laid, 0)
    offset = 0
    for result in laid:
        for index, target, (left, top, right, bottom) in result.links:  # corners, CSS px from the top
            if target not in anchors:
                continue
            page_height = float(writer.pages[offset + index].mediabox.height)
            goal, goal_x, goal_y = anchors[target]
            rect = (left * 0.75, page_height - bottom * 0.75, right * 0.75, page_height - top * 0.75)
            fit = Fit.xyz(left=goal_x * 0.75, top=float(writer.pages[goal].mediabox.height) - goal_y * 0.75)
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
