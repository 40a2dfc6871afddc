"""The audit PDF of the example registers, read back with pypdf: sections, labels and
values, the contents' page numbers against the pages where sections start, footers,
metadata and fonts."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from ropa.export.html import count_text, words
from tests.gold.support import flat, pdf_bytes, pdf_pages, prepared

TOC_LINE = re.compile(r"^(?P<title>.+?[^\s/])\s+(?P<page>\d+)$")  # not the footer "ORGANISATION X / Y"


def toc_entries(pages: tuple[str, ...]) -> list[tuple[str, int]]:
    """(title, page) of each line of the contents, which follows the cover."""
    entries = []
    for line in pages[1].splitlines():
        match = TOC_LINE.match(line.strip())
        if match:
            entries.append((match["title"], int(match["page"])))
    return entries


def section(pages: tuple[str, ...], title: str) -> str:
    """The text of the pages from the contents entry ``title`` to the next entry."""
    entries = toc_entries(pages)
    starts = [page for _, page in entries]
    first = dict(entries)[title]
    following = [page for page in starts if page > first]
    last = following[0] - 1 if following else len(pages)
    return flat(" ".join(pages[first - 1:last]))


@pytest.mark.parametrize(("name", "language", "low", "high"), [
    ("persiance", None, 18, 30), ("cabinet-medical", "en", 12, 24), ("nuage-b2b", None, 12, 24)])
def test_page_count_stays_in_its_range(name: str, language: str | None, low: int, high: int) -> None:
    assert low <= len(pdf_pages(name, language)) <= high


@pytest.mark.parametrize(("name", "language", "organisation"), [
    ("persiance", None, "PERSIANCE"), ("cabinet-medical", "en", "Cabinet médical des Tilleuls"),
    ("nuage-b2b", None, "Nuage B2B")])
def test_every_footer_has_the_organisation_and_page_x_of_y(name: str, language: str | None,
                                                          organisation: str) -> None:
    pages = pdf_pages(name, language)
    for number, text in enumerate(pages, start=1):
        assert f"{organisation} {number} / {len(pages)}" in text, f"page {number}"


@pytest.mark.parametrize(("name", "language"), [("persiance", None), ("cabinet-medical", "en"),
                                                ("nuage-b2b", None)])
def test_contents_page_numbers_are_where_the_sections_start(name: str, language: str | None) -> None:
    pages = pdf_pages(name, language)
    view, _ = prepared(name, language)
    entries = toc_entries(pages)
    expected_count = 3 + len(view.activities) + (5 if view.on_behalf else 4)
    assert len(entries) == expected_count
    assert [page for _, page in entries] == sorted(page for _, page in entries)
    headings = {a.ref + " — " + a.name: ("Fiche " if view.language == "fr" else "Record ") + a.ref + " — " + a.name
                for a in view.activities}
    for title, page in entries:
        heading = headings.get(title, title)
        assert heading in flat(pages[page - 1]), f"{heading!r} is not on page {page}"
        assert heading not in flat(pages[page - 2]) or page - 2 == 1, f"{heading!r} starts before page {page}"


def test_contents_numbers_agree_with_the_pdf_bookmarks() -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes("persiance")))
    marks = {}
    for item in reader.outline:
        if isinstance(item, list):
            continue
        marks[" ".join(item.title.split())] = reader.get_destination_page_number(item) + 1
    for title, page in toc_entries(pdf_pages("persiance")):
        if title in marks:
            assert marks[title] == page, title
    assert marks["Identité du responsable du traitement"] == 3
    assert marks["Annexe A — Sous-traitants (art. 28)"] >= 5


def test_persiance_cover() -> None:
    view, stamp = prepared("persiance")
    cover = flat(pdf_pages("persiance")[0])
    w = words("fr")
    assert cover.startswith("ARTICLE 30 DU RGPD Registre des activités de traitement PERSIANCE")
    assert "État au 26 novembre 2026" in cover
    assert f"Empreinte SHA-256 du contenu {stamp.digest}" in cover
    status = f"{count_text(w, 'error', view.errors)}, {count_text(w, 'warning', view.warnings)}"
    assert f"État de conformité {status}" in cover
    version = (f"commit git {stamp.git.short}" + (" (avec des modifications non validées)" if stamp.git.modified
                                                  else "")) if stamp.git else "hors dépôt git"
    assert f"Version du registre {version}" in cover
    assert "Liste des activités de traitement 6 activités de traitement" in cover


def test_persiance_identity_list_and_fiche() -> None:
    text = flat(" ".join(pdf_pages("persiance")))
    assert "Délégué à la protection des données Aucun DPO désigné" in text
    assert "Autorité de contrôle Commission nationale de l'informatique et des libertés (CNIL)" in text
    for name in ("Création et gestion des comptes", "Mesure d'audience et statistiques",
                 "Support client et assistance technique", "Vente et exécution des commandes",
                 "Prospection commerciale et newsletters", "Sécurité et lutte contre la fraude"):
        assert text.count(name) >= 3, name  # contents, list, fiche heading
    fiche = section(pdf_pages("persiance"), "orders — Vente et exécution des commandes")
    assert fiche.startswith("Fiche orders — Vente et exécution des commandes Description du traitement")
    assert "Vente et exécution d'une commande (Finalité principale) — Base légale : Exécution d'un contrat" in fiche
    assert ("Facturation (Sous-finalité) — Base légale : Obligation légale · Texte : Code de commerce, art. L123-22"
            in fiche)
    assert "Stripe, Inc. — États-Unis · Type de garanties : Clauses contractuelles types (art. 46)" in fiche
    assert "Analyse d'impact (AIPD) Statut : Non renseigné · Critères : —" in fiche
    assert "Décision individuelle automatisée (art. 22) Aucune" in fiche


def test_persiance_annexes() -> None:
    pages = pdf_pages("persiance")
    processors = section(pages, "Annexe A — Sous-traitants (art. 28)")
    assert "Auth0 Service rendu Fournisseur d'identité" in processors
    assert "Google Cloud Service rendu Hébergement (Google Cloud Run) Pays de l'entité Non renseigné " \
           "Lieux de traitement Belgique" in processors
    assert "Stripe Payments Europe, Ltd. Service rendu Paiement en ligne" in processors
    transfers = section(pages, "Annexe B — Transferts hors UE et leurs garanties")
    assert "Stripe, Inc. États-Unis Clauses contractuelles types (art. 46)" in transfers
    measures = section(pages, "Annexe C — Mesures de sécurité")
    assert "Chiffrement des données Hachage des mots de passe" in measures
    findings = section(pages, "Annexe D — Constats des règles")
    assert "ROPA301" in findings and "Erreur" in findings


def test_cabinet_medical_in_english() -> None:
    text = flat(" ".join(pdf_pages("cabinet-medical", "en")))
    assert text.startswith("GDPR ARTICLE 30 Record of processing activities Cabinet médical des Tilleuls")
    assert "Data protection officer Délégué à la protection des données mutualisé, DPO Santé Conseil" in text
    assert "Data concerning health" in text and "Health or social care" in text
    assert "Data protection impact assessment (DPIA) Status: Done · Criteria: Sensitive or highly personal data" in text
    assert "Compliance status 0 errors, 0 warnings" in text
    assert "Annex D — Findings of the rules" in text


def test_nuage_b2b_processor_register_and_transfers() -> None:
    text = flat(" ".join(pdf_pages("nuage-b2b")))
    assert "Annexe E — Registre tenu en qualité de sous-traitant (art. 30(2))" in text
    assert "Responsable du traitement (client) Plomberie Durand SARL" in text
    assert "Royaume-Uni Décision d'adéquation (art. 45)" in text
    assert "Clauses contractuelles types (art. 46) (2021/914, module 3, 06/05/2024, Data Privacy Framework)" in text


@pytest.mark.parametrize(("name", "language", "lang", "title", "author", "subject"), [
    ("persiance", None, "fr", "Registre des activités de traitement — PERSIANCE", "PERSIANCE",
     "Registre des activités de traitement (article 30 du RGPD) de PERSIANCE, état au 26 novembre 2026"),
    ("cabinet-medical", "en", "en", "Record of processing activities — Cabinet médical des Tilleuls",
     "Cabinet médical des Tilleuls", ("Record of processing activities (GDPR Article 30) of Cabinet médical "
                                      "des Tilleuls, as of 26 November 2026")),
])
def test_metadata(name: str, language: str | None, lang: str, title: str, author: str, subject: str) -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes(name, language)))
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == (title, author, subject)
    assert meta["/Keywords"] == words(lang)["keywords"]
    assert meta["/Creator"].startswith("ropa ")
    assert meta["/CreationDate"] == "D:20261126120000Z"
    assert reader.trailer["/Root"]["/Lang"] == lang


def test_only_the_shipped_fonts_are_embedded() -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes("persiance")))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    assert fonts == {"Ropa-Sans", "Ropa-Sans-Bold", "Ropa-Sans-Italic"}


FRENCH = """\
ropa: 1
organisation:
  name: Société « Œuvre & Cœur » — 10 € l'unité, fiable, efficace, naïf, Ægir, 1ᵉʳ
activities:
  - id: a
    name: Traitement d'été
"""


def test_french_text_renders_with_the_shipped_font_alone() -> None:
    from ropa.export.digest import stamp_register
    from ropa.export.pdf import render_pdf
    from ropa.export.view import build_view
    from ropa.loading import load_text
    from tests.gold.support import AS_OF, WHEN, page_texts

    result = load_text(FRENCH)
    view = build_view(result.register, [], language="fr", as_of=AS_OF)
    data = render_pdf(view, stamp_register(result.register), when=WHEN).data
    cover = flat(page_texts(data)[0])
    assert "Société « Œuvre & Cœur » — 10 € l'unité, fiable, efficace, naïf, Ægir, 1ᵉʳ" in cover
    reader = PdfReader(io.BytesIO(data))
    fonts = {str(font.get_object()["/BaseFont"]).split("+", 1)[1]
             for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts <= {"Ropa-Sans", "Ropa-Sans-Bold", "Ropa-Sans-Italic"}
