"""The archival PDF: PDF/A-3b that carries the register's canonical source, the very
bytes whose SHA-256 the cover prints."""

from __future__ import annotations

import hashlib
import io

from pypdf import PdfReader

from ropa.export.digest import canonical_source
from ropa.loading import load
from tests.gold.support import EXAMPLES, ROOT, flat, page_texts, pdf_bytes, prepared


def archival_reader() -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes("persiance", archival=True)))


def test_the_canonical_source_is_attached() -> None:
    reader = archival_reader()
    assert list(reader.attachments) == ["register.yaml"]
    (attached,) = reader.attachments["register.yaml"]
    assert attached == canonical_source(load(ROOT / EXAMPLES["persiance"]).register)
    assert attached.decode("utf-8").startswith("ropa: 1\norganisation:\n  name: PERSIANCE\n")


def test_the_cover_digest_is_the_sha256_of_the_attachment() -> None:
    reader = archival_reader()
    (attached,) = reader.attachments["register.yaml"]
    cover = flat(page_texts(pdf_bytes("persiance", archival=True))[0])
    assert f"Empreinte SHA-256 du contenu {hashlib.sha256(attached).hexdigest()} " in cover


def test_the_attachment_reloads_as_the_same_register(tmp_path: object) -> None:
    from pathlib import Path

    (attached,) = archival_reader().attachments["register.yaml"]
    copy = Path(str(tmp_path)) / "register.yaml"
    copy.write_bytes(attached)
    reloaded = load(copy)
    assert reloaded.problems == []
    assert reloaded.register == load(ROOT / EXAMPLES["persiance"]).register


def test_it_declares_pdf_a_3b_with_the_source_relationship() -> None:
    reader = archival_reader()
    assert reader.pdf_header == "%PDF-1.7"
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in raw and 'pdfaid:conformance="B"' in raw
    root = reader.trailer["/Root"]
    assert "/OutputIntents" in root
    (spec,) = [ref.get_object() for ref in root["/AF"]]
    assert spec["/AFRelationship"] == "/Source"
    assert spec["/UF"] == "register.yaml"


def test_the_plain_pdf_has_no_attachment_and_the_same_text() -> None:
    plain = PdfReader(io.BytesIO(pdf_bytes("persiance")))
    assert dict(plain.attachments) == {}
    assert page_texts(pdf_bytes("persiance")) == page_texts(pdf_bytes("persiance", archival=True))
    view, _ = prepared("persiance")
    assert len(plain.pages) >= 10 + len(view.activities)
