"""The same register, options and --as-of give the same text and layout; with
SOURCE_DATE_EPOCH set, the same bytes, in this process or another one."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from ropa.export.pdf import RenderError, document_time, render_pdf
from tests.gold.support import ROOT, page_texts, prepared

EPOCH = "1795176000"  # 2026-11-20T12:00:00Z

RENDER_IN_A_CHILD = """
import sys
from tests.gold.support import prepared
from ropa.export.pdf import render_pdf
view, stamp = prepared("persiance")
sys.stdout.buffer.write(render_pdf(view, stamp, archival=True).data)
"""


def test_source_date_epoch_dates_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert document_time() == datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(RenderError, match="SOURCE_DATE_EPOCH must be a number of seconds, not 'yesterday'"):
        document_time()


@pytest.mark.parametrize("archival", [False, True], ids=["plain", "archival"])
def test_with_source_date_epoch_two_renders_are_the_same_bytes(monkeypatch: pytest.MonkeyPatch,
                                                                archival: bool) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    view, stamp = prepared("persiance")
    first = render_pdf(view, stamp, archival=archival).data
    second = render_pdf(view, stamp, archival=archival).data
    assert first == second
    assert PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20261120120000Z"


def test_another_process_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    view, stamp = prepared("persiance")
    here = render_pdf(view, stamp, archival=True).data
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "12345"}
    child = subprocess.run([sys.executable, "-c", RENDER_IN_A_CHILD], cwd=ROOT, env=env,
                           capture_output=True, check=True, timeout=300)
    assert child.stdout == here


def test_without_it_only_the_dates_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    view, stamp = prepared("cabinet-medical")
    first = render_pdf(view, stamp, when=datetime(2026, 1, 1, tzinfo=UTC)).data
    second = render_pdf(view, stamp, when=datetime(2026, 6, 1, tzinfo=UTC)).data
    assert first != second
    assert page_texts(first) == page_texts(second)
