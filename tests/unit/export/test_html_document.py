"""The audit document as HTML: its parts in order, every value escaped, nothing to fetch,
the stamp on the cover, and gold files for the three example registers."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser

import pytest

from ropa.export.digest import canonical_source, stamp_register
from ropa.export.html import render_html
from ropa.export.view import build_view
from ropa.loading import load_text
from tests.gold import assert_gold
from tests.gold.support import AS_OF, prepared


class Parsed(HTMLParser):
    """Tags with their attributes, ids in order, and the text outside <style>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.texts: list[str] = []
        self._in_style = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.append(str(found["id"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def tag_names(self) -> set[str]:
        return {tag for tag, _ in self.tags}


def persiance_html(language: str | None = None) -> str:
    view, stamp = prepared("persiance", language)
    return render_html(view, stamp)


def test_parts_come_in_the_documents_order() -> None:
    ids = Parsed(persiance_html()).ids
    assert ids == [
        "cover", "toc", "identity", "activity-list", "fiches",
        "activity-1", "activity-2", "activity-3", "activity-4", "activity-5", "activity-6",
        "annex-processors", "annex-transfers", "annex-measures", "annex-findings",
    ]


def test_every_contents_link_leads_to_a_part() -> None:
    parsed = Parsed(persiance_html())
    hrefs = [str(attrs["href"]) for tag, attrs in parsed.tags if tag == "a"]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert {h[1:] for h in hrefs} <= set(parsed.ids)


def test_the_processor_register_annex_appears_only_where_there_is_one() -> None:
    view, stamp = prepared("nuage-b2b")
    parsed = Parsed(render_html(view, stamp))
    assert parsed.ids[-1] == "annex-on-behalf"
    assert "Annexe E — Registre tenu en qualité de sous-traitant (art. 30(2))" in parsed.text
    assert "Planification des interventions pour Plomberie Durand" in parsed.text
    assert "annex-on-behalf" not in Parsed(persiance_html()).ids


def test_no_dpo_is_stated_not_left_blank() -> None:
    assert "Délégué à la protection des données Aucun DPO désigné" in Parsed(persiance_html()).text
    assert "Data protection officer No DPO designated" in Parsed(persiance_html("en")).text


def test_what_the_register_leaves_out_is_written_as_unknown() -> None:
    text = Parsed(persiance_html()).text
    assert "Forme juridique Non renseigné" in text
    assert "N° d'immatriculation (SIREN) Non renseigné" in text
    assert "Legal form Not stated" in Parsed(persiance_html("en")).text


def test_the_cover_carries_version_digest_and_status() -> None:
    view, stamp = prepared("persiance")
    text = Parsed(render_html(view, stamp)).text
    assert stamp.digest == hashlib.sha256(stamp.source).hexdigest()
    assert f"Empreinte SHA-256 du contenu {stamp.digest}" in text
    assert f"{view.errors} erreurs, {view.warnings} avertissements" in text
    assert "État au 26 novembre 2026" in text
    assert ("Version du registre commit git " in text) or ("Version du registre hors dépôt git" in text)


def test_the_browser_file_fetches_nothing() -> None:
    html = persiance_html()
    parsed = Parsed(html)
    assert not parsed.tag_names() & {"img", "script", "link", "iframe", "object", "embed", "video", "audio"}
    assert not any("src" in attrs for _, attrs in parsed.tags)
    assert "url(" not in html and "@import" not in html and "@font-face" not in html
    csp = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == [{"http-equiv": "Content-Security-Policy",
                    "content": "default-src 'none'; style-src 'unsafe-inline'"}]


HOSTILE = """\
ropa: 1
organisation:
  name: '<img src="file:///etc/passwd">'
  website: 'http://127.0.0.1:9/leak'
activities:
  - id: orders
    name: '<script>alert(1)</script>'
    description: '<a href="http://127.0.0.1:9/x">lien</a> </style><iframe src="data:text/html,x"></iframe>'
    purposes:
      - description: '{{ 7 * 7 }} {% raw %}'
"""


def test_register_values_are_text_never_markup() -> None:
    result = load_text(HOSTILE)
    view = build_view(result.register, [], language="fr", as_of=AS_OF)
    html = render_html(view, stamp_register(result.register))
    parsed = Parsed(html)
    assert not parsed.tag_names() & {"img", "script", "iframe"}
    assert [a for t, a in parsed.tags if t == "a" and not str(a.get("href", "")).startswith("#")] == []
    assert '<img src="file:///etc/passwd">' in parsed.text
    assert "<script>alert(1)</script>" in parsed.text
    assert '<a href="http://127.0.0.1:9/x">lien</a> </style><iframe src="data:text/html,x"></iframe>' in parsed.text
    assert "{{ 7 * 7 }} {% raw %}" in parsed.text
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html


def test_the_digest_is_the_sha256_of_the_canonical_source() -> None:
    result = load_text(HOSTILE)
    stamp = stamp_register(result.register)
    assert stamp.source == canonical_source(result.register)
    assert stamp.source.startswith(b"ropa: 1\norganisation:\n")
    assert stamp.digest == hashlib.sha256(stamp.source).hexdigest()
    assert stamp.git is None


def test_the_same_view_gives_the_same_html() -> None:
    assert persiance_html() == persiance_html()


@pytest.mark.parametrize(("name", "language"), [("persiance", None), ("cabinet-medical", "en"),
                                                ("nuage-b2b", None)])
def test_gold(name: str, language: str | None) -> None:
    view, stamp = prepared(name, language)
    assert_gold(f"html/{name}.{view.language}.html", render_html(view, stamp))
