"""The privacy notice as Markdown and HTML: values are text in either, the notice covers
the organisation as a controller only, and gold files pin the three examples."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ropa.export.notice import build_notice, markdown_cell, notice_html, notice_markdown
from ropa.export.view import build_view
from ropa.loading import load_text
from tests.gold import assert_gold
from tests.gold.support import AS_OF, prepared

REGISTER = """\
ropa: 1
organisation:
  name: 'Acme | <img src=x onerror=alert(1)> *gras* [lien](http://127.0.0.1:9/)'
  rights_contact: 'droits@acme.example'
processors:
  - id: mailer
    name: 'Mailer & Co &amp; Cie'
    service: 'Envoi d''e-mails'
    country: US
activities:
  - id: newsletter
    name: Newsletter
    status: active
    purposes:
      - description: 'Lettre | mensuelle'
        legal_basis: consent
        mandatory: false
    recipients:
      - type: processor
        processor: mailer
    transfers:
      - country: US
        importer: Mailer Inc.
        mechanism: scc
  - id: old
    name: Ancien jeu concours
    status: retired
    purposes:
      - description: Jeu concours 2019
        legal_basis: consent
"""


def notice_of(text: str, language: str = "fr") -> str:
    result = load_text(text)
    return notice_markdown(build_notice(build_view(result.register, [], language=language, as_of=AS_OF)))


@pytest.mark.parametrize(("value", "cell"), [
    ("a | b", "a \\| b"),
    ("<img src=x>", "&lt;img src=x&gt;"),
    ("*gras* _it_ `code` ~~barré~~", "\\*gras\\* \\_it\\_ \\`code\\` \\~\\~barré\\~\\~"),
    ("[lien](http://x)", "\\[lien\\](http://x)"),
    ("ligne 1\nligne 2", "ligne 1 ligne 2"),
    ("Dupont & Fils", "Dupont & Fils"),
    ("&amp; &#38;", "&amp;amp; &amp;#38;"),
    ("C:\\dossier", "C:\\\\dossier"),
])
def test_markdown_cells_are_text(value: str, cell: str) -> None:
    assert markdown_cell(value) == cell


def test_markdown_rows_keep_their_columns() -> None:
    text = notice_of(REGISTER)
    assert "| Lettre \\| mensuelle | Non renseigné dans le registre | Consentement | Facultatif |" in text
    assert "Acme \\| &lt;img src=x onerror=alert(1)&gt; \\*gras\\* \\[lien\\](http://127.0.0.1:9/)" in text
    assert "| Mailer & Co &amp;amp; Cie | Sous-traitant | Envoi d'e-mails | États-Unis |" in text


def test_an_empty_table_says_so() -> None:
    text = notice_of(REGISTER)
    assert "## Durées de conservation\n\nNon renseigné dans le registre.\n" in text


def test_retired_activities_are_left_out() -> None:
    text = notice_of(REGISTER)
    assert "Jeu concours" not in text and "Ancien jeu concours" not in text
    assert "| Mailer Inc. | États-Unis | Clauses contractuelles types (art. 46) | — | Newsletter |" in text


def test_no_transfer_is_said_in_words() -> None:
    text = notice_of("ropa: 1\norganisation: {name: Acme}\nactivities:\n  - {id: a, name: A}\n", "en")
    assert "## Transfers outside the EEA\n\nNo data are transferred outside the EEA.\n" in text
    assert "| Data protection officer | No DPO designated |" in text


def test_the_processor_register_stays_out_of_the_notice() -> None:
    view, _ = prepared("nuage-b2b")
    notice = build_notice(view)
    assert view.on_behalf and any(t.recipient == "Postwire, Inc." for o in view.on_behalf for t in o.transfers)
    assert [row[0] for row in notice.table("transfers").rows] == ["Supportly Ltd"]
    assert "Postwire, Inc." not in notice_markdown(notice)


class Cells(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.cells: list[str] = []
        self._cell = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._cell = tag in ("td", "th")
        if self._cell:
            self.cells.append("")

    def handle_data(self, data: str) -> None:
        if self._cell:
            self.cells[-1] += data


def test_html_notice_is_text_in_cells() -> None:
    result = load_text(REGISTER)
    html = notice_html(build_notice(build_view(result.register, [], language="fr", as_of=AS_OF)))
    parsed = Cells(html)
    assert "img" not in parsed.tags and "a" not in parsed.tags and "script" not in parsed.tags
    assert "Mailer & Co &amp; Cie" in parsed.cells
    assert "Lettre | mensuelle" in parsed.cells
    assert '<section class="ropa-notice" lang="fr">' in html


@pytest.mark.parametrize(("name", "language"), [("persiance", None), ("cabinet-medical", "en"),
                                                ("nuage-b2b", None)])
def test_gold_markdown(name: str, language: str | None) -> None:
    view, _ = prepared(name, language)
    assert_gold(f"notice/{name}.{view.language}.md", notice_markdown(build_notice(view)))


def test_gold_html() -> None:
    view, _ = prepared("persiance")
    assert_gold("notice/persiance.fr.html", notice_html(build_notice(view)))
