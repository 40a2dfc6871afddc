"""The PDF laid out in chunks (``jobs``) reads as the one-pass PDF: the same pages, text,
footers "X / Y", contents numbers, bookmarks and metadata, whether the chunks are laid
out in this process or in two; with SOURCE_DATE_EPOCH, the same bytes every time; and a
register's values never become markup or CSS in any chunk."""

from __future__ import annotations

import functools
import io
import re

import pytest
from pypdf import PdfReader

from ropa.export import pdf_chunks
from ropa.export.digest import stamp_register
from ropa.export.pdf import FetchLog, render_pdf
from ropa.export.pdf_chunks import chunk_sizes, css_string, render_chunked
from ropa.export.view import build_view
from ropa.loading import load_text
from tests.gold.support import (
    AS_OF,
    WHEN,
    Recorder,
    flat,
    page_texts,
    pdf_bytes,
    prepared,
    recording_server,
)

EPOCH = "1795176000"


@functools.cache
def chunked(name: str, jobs: int, per_chunk: int = 2) -> bytes:
    """An example's PDF with ``per_chunk`` fiches a chunk (persiance: 4 chunks of fiches)."""
    view, stamp = prepared(name)
    return render_chunked(view, stamp, when=WHEN, jobs=jobs, per_chunk=per_chunk)[0]


def outline(data: bytes) -> list[tuple[int, str, int]]:
    reader = PdfReader(io.BytesIO(data))
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, str(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_page_reads_as_in_one_pass(jobs: int) -> None:
    one_pass = page_texts(pdf_bytes("persiance"))
    assert page_texts(chunked("persiance", jobs)) == one_pass
    assert len(one_pass) >= 18


def test_the_footers_count_every_page_of_the_whole_document() -> None:
    pages = page_texts(chunked("persiance", 2))
    for number, text in enumerate(pages, start=1):
        assert text.rstrip().endswith(f"PERSIANCE {number} / {len(pages)}"), f"page {number}"


def test_the_contents_give_the_pages_where_fiches_of_later_chunks_start() -> None:
    pages = page_texts(chunked("persiance", 2))
    view, _ = prepared("persiance")
    last = view.activities[-1]
    line = next(line for line in pages[1].splitlines() if line.startswith(f"{last.ref} — {last.name}"))
    page = int(re.sub(r"[.\s]", " ", line).split()[-1])
    assert flat(pages[page - 1]).startswith(f"Fiche {last.ref} — {last.name}")
    assert f"Fiche {last.ref} — {last.name}" not in flat(pages[page - 2])


def test_headers_name_the_chapter_in_every_chunk() -> None:
    pages = page_texts(chunked("persiance", 2))
    fiches = [text for text in pages if flat(text).startswith(("Fiche ", "Fiches des activités de traitement Fiche "))]
    assert len(fiches) == 6
    assert all("Fiches des activités de traitement" in text for text in fiches)


def test_bookmarks_nest_as_in_one_pass() -> None:
    marks = outline(chunked("persiance", 2))
    assert marks == outline(pdf_bytes("persiance"))
    view, _ = prepared("persiance")
    under_fiches = [(title, page) for depth, title, page in marks if depth == 1 and title.startswith("Fiche ")]
    assert len(under_fiches) == len(view.activities) == 6


def test_metadata_language_and_fonts_are_those_of_one_pass() -> None:
    mine = PdfReader(io.BytesIO(chunked("persiance", 2)))
    theirs = PdfReader(io.BytesIO(pdf_bytes("persiance")))
    assert dict(mine.metadata or {}) == dict(theirs.metadata or {})
    assert mine.trailer["/Root"]["/Lang"] == "fr"
    fonts = {str(font.get_object()["/BaseFont"]).split("+", 1)[1]
             for page in mine.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"Ropa-Sans", "Ropa-Sans-Bold", "Ropa-Sans-Italic"}


def test_each_font_is_embedded_once_however_many_parts_use_it() -> None:
    reader = PdfReader(io.BytesIO(chunked("persiance", 2)))  # 6 parts, each with the whole fonts
    programs: dict[str, set[int]] = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            program = described["/FontDescriptor"].raw_get("/FontFile2")
            programs.setdefault(str(font["/BaseFont"]), set()).add(program.idnum)
    assert len(programs) == 4  # regular, bold, italic, and the footer's digits
    assert all(len(numbers) == 1 for numbers in programs.values()), programs


@pytest.mark.parametrize(("count", "sizes"), [
    (0, []), (1, [1]), (40, [40]), (41, [21, 20]), (80, [40, 40]), (81, [21, 20, 20, 10, 5, 5]),
    (1000, [40] * 24 + [20, 10, 5, 5])])
def test_chunks_hold_up_to_forty_fiches_and_the_last_ones_fewer(count: int, sizes: list[int]) -> None:
    assert chunk_sizes(count, 40) == sizes


@pytest.mark.parametrize("guess", [1, 4])
def test_a_wrong_guess_of_the_contents_length_gives_the_same_pdf(guess: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parts are merged while the cover is laid out, with a guess of its length; when
    the guess is wrong, the footers and the contents' numbers are those of a right one."""
    view, stamp = prepared("persiance")
    monkeypatch.setattr(pdf_chunks, "cover_guess", lambda view: guess)
    covers: list[int] = []
    lay_out = pdf_chunks.Workers.cover
    monkeypatch.setattr(pdf_chunks.Workers, "cover", lambda self, *args: covers.append(1) or lay_out(self, *args))
    assert render_chunked(view, stamp, when=WHEN, jobs=1, per_chunk=2)[0] == chunked("persiance", 1)
    assert len(covers) == 2  # the cover and contents take 2 pages, not ``guess``


def test_one_process_and_two_give_the_same_bytes() -> None:
    assert chunked("persiance", 1) == chunked("persiance", 2)


def test_with_source_date_epoch_two_chunked_renders_are_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    view, stamp = prepared("cabinet-medical")
    first = render_pdf(view, stamp, jobs=2).data
    assert render_pdf(view, stamp, jobs=2).data == first
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20261120120000Z"


def test_archival_is_one_pass_pdf_a(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # fontTools dates each font subset with the clock otherwise
    view, stamp = prepared("cabinet-medical")
    data = render_pdf(view, stamp, when=WHEN, archival=True, jobs=2).data
    assert data == render_pdf(view, stamp, when=WHEN, archival=True).data
    assert list(PdfReader(io.BytesIO(data)).attachments) == ["register.yaml"]


def test_css_strings_escape_everything_but_letters_digits_and_spaces() -> None:
    assert css_string('Acme "X"; } @import url(x)') == (
        '"Acme \\000022 X\\000022 \\00003b  \\00007d  \\000040 import url\\000028 x\\000029 "')
    assert css_string("Société") == '"Soci\\0000e9 t\\0000e9 "'


def test_a_hostile_organisation_name_stays_text_and_nothing_is_fetched() -> None:
    with recording_server() as server:
        name = f'"; }} }} @import url("{server}/x.css"); @page {{ @bottom-left {{ content: "pwned'
        text = f"ropa: 1\norganisation:\n  name: '{name}'\nactivities:\n  - {{id: a, name: A}}\n"
        result = load_text(text)
        view = build_view(result.register, [], language="fr", as_of=AS_OF)
        log = FetchLog()
        data = render_pdf(view, stamp_register(result.register), when=WHEN, jobs=2, fetch_log=log).data
        assert Recorder.requests == []
    assert log.refused == [] and {url.rsplit("/", 1)[1] for url in log.asked} == {
        "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf"}
    pages = page_texts(data)
    assert pages == page_texts(render_pdf(view, stamp_register(result.register), when=WHEN).data)
    assert all("pwned" in page and page.rstrip().endswith(f"{number} / {len(pages)}")
               for number, page in enumerate(pages, start=1))


def link_targets(data: bytes) -> list[list[int]]:
    """For each page, the pages its internal links lead to (top to bottom)."""
    reader = PdfReader(io.BytesIO(data))
    numbers = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}
    found = []
    for page in reader.pages:
        targets = []
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            dest = link.get("/Dest") or link["/A"]["/D"]
            if isinstance(dest, str):
                target = reader.get_destination_page_number(reader.named_destinations[dest]) + 1
            else:
                target = numbers[dest[0].idnum]
            targets.append((round(-float(link["/Rect"][3])), target))
        found.append([target for _, target in sorted(targets)])
    return found


def test_links_of_the_contents_and_the_list_lead_where_they_do_in_one_pass() -> None:
    chunked_links = link_targets(chunked("persiance", 2))
    assert chunked_links == link_targets(pdf_bytes("persiance"))
    pages = page_texts(chunked("persiance", 2))
    last_fiche = max(n for n, text in enumerate(pages, start=1) if flat(text).startswith("Fiche "))
    first_annex = next(n for n, text in enumerate(pages, start=1) if flat(text).startswith("Annexe A"))
    assert {last_fiche, first_annex} <= set(chunked_links[1])  # from the contents to the third and last chunks


def link_areas(data: bytes) -> list[list[tuple[float, ...]]]:
    """For each page, the rectangles of its links: left, bottom, right, top (PDF points)."""
    areas = []
    for page in PdfReader(io.BytesIO(data)).pages:
        rects = [[round(float(v), 1) for v in annotation.get_object()["/Rect"]] for annotation in page.get("/Annots") or []]
        areas.append(sorted((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)) for x1, y1, x2, y2 in rects))
    return areas


def test_links_between_parts_cover_their_text_as_in_one_pass() -> None:
    """A link from the contents or the list of activities to another part covers its line,
    as in one pass, and not the lines below it (a click there would lead elsewhere)."""
    assert link_areas(chunked("persiance", 2)) == link_areas(pdf_bytes("persiance"))

