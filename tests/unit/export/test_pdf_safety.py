"""WeasyPrint fetches nothing outside the package: a register that holds file:, http: or
data: URLs renders them as text, and even markup that reached WeasyPrint could not make
it read a file or send a request (a local HTTP server proves it gets none)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ropa.export.digest import stamp_register
from ropa.export.html import ASSET_SCHEME
from ropa.export.pdf import FetchLog, RefusedURL, asset_path, package_fetcher, render_pdf
from ropa.export.view import build_view
from ropa.loading import load_text
from tests.gold.support import (
    AS_OF,
    WHEN,
    Recorder,
    flat,
    hostile_register,
    page_texts,
    recording_server,
)

FONTS = [f"{ASSET_SCHEME}:fonts/LiberationSans-{style}.ttf" for style in ("Regular", "Bold", "Italic")]


@pytest.fixture
def server() -> Iterator[str]:
    with recording_server() as url:
        yield url


def test_the_server_fixture_does_record_requests(server: str) -> None:
    from urllib.request import urlopen

    with urlopen(f"{server}/probe", timeout=5) as response:
        assert response.status == 200
    assert Recorder.requests == ["/probe"]


@pytest.mark.parametrize("url", FONTS)
def test_the_package_fonts_are_served(url: str) -> None:
    response = package_fetcher().fetch(url)
    assert response.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    assert response.content_type == "font/ttf"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.org/font.ttf",
    "data:image/png;base64,iVBORw0KGgo=", "ropa-asset:fonts/../../../../etc/passwd",
    "ropa-asset:../fonts/LiberationSans-Regular.ttf", "ropa-asset:fonts/missing.ttf",
    "ropa-asset:fonts/LICENSE-OFL.md", "ROPA-ASSET:fonts/LiberationSans-Regular.ttf",
    "ropa-asset:/etc/passwd", "ftp://127.0.0.1/x",
])
def test_every_other_url_is_refused(url: str) -> None:
    log = FetchLog()
    with pytest.raises(RefusedURL):
        package_fetcher(log).fetch(url)
    assert log.refused == [url]
    assert asset_path(url) is None


def test_a_hostile_register_renders_as_text_and_requests_nothing(server: str) -> None:
    result = load_text(hostile_register(server))
    view = build_view(result.register, [], language="fr", as_of=AS_OF)
    log = FetchLog()
    pdf = render_pdf(view, stamp_register(result.register), when=WHEN, fetch_log=log).data
    assert log.asked == FONTS and log.refused == []
    assert Recorder.requests == []
    text = flat(" ".join(page_texts(pdf)))
    assert '<img src="file:///etc/passwd"> Acme' in text
    assert f'Fiche orders — <img src="{server}/activity.png">' in text
    assert f"Site web {server}/website" in text


def test_markup_that_reached_weasyprint_still_fetches_nothing(server: str) -> None:
    from weasyprint import HTML

    html = f"""<html><head><link rel="stylesheet" href="{server}/linked.css">
<style>@import url("{server}/imported.css"); p {{ background: url("{server}/bg.png"); font-family: X }}
@font-face {{ font-family: X; src: url("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") }}</style>
</head><body><p>x</p><img src="{server}/img.png"><img src="file:///etc/passwd">
<img src="data:image/png;base64,iVBORw0KGgo="><object data="{server}/object"></object>
<iframe src="{server}/frame"></iframe></body></html>"""
    log = FetchLog()
    HTML(string=html, base_url=f"{ASSET_SCHEME}:", url_fetcher=package_fetcher(log)).write_pdf()
    assert Recorder.requests == []
    assert log.refused == log.asked
    assert set(log.refused) == {
        f"{server}/linked.css", f"{server}/imported.css", f"{server}/bg.png", f"{server}/img.png",
        f"{server}/object", "file:///etc/passwd", "data:image/png;base64,iVBORw0KGgo=",
        "file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    }
