"""The HTML twin in a real browser (headless Chromium, skipped where it is absent): it
lays out, paints, and asks nothing of the network, even for a register whose values
are URLs of a local server that records every request."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa.export.digest import stamp_register
from ropa.export.html import render_html
from ropa.export.view import build_view
from ropa.loading import load_text
from tests.gold.support import AS_OF, Recorder, hostile_register, prepared, recording_server

BROWSER = next((found for name in ("chromium", "chromium-browser", "google-chrome")
                if (found := shutil.which(name))), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed (apt-get install chromium)")


@pytest.fixture
def server() -> Iterator[str]:
    with recording_server() as url:
        yield url


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    profile = tmp_path / "profile"
    command = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--no-first-run", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_the_browser_builds_the_document(tmp_path: Path) -> None:
    view, stamp = prepared("persiance")
    page = tmp_path / "register.html"
    page.write_text(render_html(view, stamp), encoding="utf-8")
    done = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<title>Registre des activités de traitement — PERSIANCE</title>" in dom
    assert dom.count('<article class="fiche"') == len(view.activities)
    assert '<section class="chapter annex" id="annex-findings">' in dom


def test_the_page_paints_the_cover_in_the_registers_blue(tmp_path: Path) -> None:
    from PIL import Image

    view, stamp = prepared("persiance")
    page = tmp_path / "register.html"
    page.write_text(render_html(view, stamp), encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = chromium(tmp_path, "--window-size=1280,1400", "--hide-scrollbars", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 1400)
    colours = image.getcolors(maxcolors=1_000_000) or []
    blue = sum(count for count, rgb in colours if rgb == (0x00, 0x4A, 0x99))
    white = sum(count for count, rgb in colours if rgb == (0xFF, 0xFF, 0xFF))
    assert blue > 2_000  # the title, the headings' rules, the table headers
    assert 0.3 < white / (1280 * 1400) < 0.98  # a page with text on it, not a blank or an error


def test_a_hostile_register_makes_no_request(tmp_path: Path, server: str) -> None:
    result = load_text(hostile_register(server))
    view = build_view(result.register, [], language="fr", as_of=AS_OF)
    page = tmp_path / "hostile.html"
    page.write_text(render_html(view, stamp_register(result.register)), encoding="utf-8")
    done = chromium(tmp_path, "--dump-dom", "--virtual-time-budget=3000", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert Recorder.requests == []
    assert "&lt;img src=\"file:///etc/passwd\"&gt; Acme" in done.stdout
    assert "<img" not in done.stdout and "<link rel=\"stylesheet\"" not in done.stdout


def test_control_the_browser_does_request_real_markup(tmp_path: Path, server: str) -> None:
    page = tmp_path / "control.html"
    page.write_text(f'<!DOCTYPE html><html><body><img src="{server}/control.png"></body></html>', encoding="utf-8")
    done = chromium(tmp_path, "--dump-dom", "--virtual-time-budget=3000", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    assert Recorder.requests == ["/control.png"]
