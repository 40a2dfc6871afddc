"""Shared by the document tests: the example registers as views, and their renders,
cached for the whole test session (a PDF takes seconds)."""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from ropa.export.digest import Stamp, stamp_register
from ropa.export.view import RegisterView
from ropa.loading import load

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 26)
WHEN = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)
EXAMPLES = {
    "persiance": "registers/persiance",
    "cabinet-medical": "registers/cabinet-medical.yaml",
    "nuage-b2b": "registers/nuage-b2b",
}


@functools.cache
def prepared(name: str, language: str | None = None) -> tuple[RegisterView, Stamp]:
    """An example register's view (rules run as of AS_OF) and stamp. Paths are relative
    to the repository, as a user running ropa from its root would give them."""
    from ropa.export.prepare import prepare_view

    result = load(ROOT / EXAMPLES[name])
    view = prepare_view(result, language=language, as_of=AS_OF)
    return view, stamp_register(result.register, result.files)


@functools.cache
def pdf_bytes(name: str, language: str | None = None, archival: bool = False) -> bytes:
    from ropa.export.pdf import render_pdf

    view, stamp = prepared(name, language)
    return render_pdf(view, stamp, archival=archival, when=WHEN).data


@functools.cache
def pdf_pages(name: str, language: str | None = None) -> tuple[str, ...]:
    """The text of each page of an example's PDF."""
    return page_texts(pdf_bytes(name, language))


def page_texts(data: bytes) -> tuple[str, ...]:
    from pypdf import PdfReader

    return tuple(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (PDF lines wrap anywhere)."""
    return " ".join(text.split())


class Recorder(BaseHTTPRequestHandler):
    """Records the path of every request the local server gets."""

    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # the name http.server calls
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def recording_server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1 (a free port) that records every request."""
    Recorder.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def hostile_register(server: str) -> str:
    """A register whose values are markup and URLs of ``server``."""
    return f"""\
ropa: 1
organisation:
  name: '<img src="file:///etc/passwd"> Acme'
  website: '{server}/website'
activities:
  - id: orders
    name: '<img src="{server}/activity.png">'
    description: '<link rel="stylesheet" href="{server}/style.css"> url({server}/bg.png) data:text/html,x'
    purposes:
      - description: '<a href="{server}/link">lien</a>'
"""
