"""The document view: labels for every value, and what PERSIANCE's view says."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ropa.export.labels import VALUE_LABELS, label
from ropa.export.view import build_view, document_language
from ropa.loading import load
from ropa.model import enums as E

ROOT = Path(__file__).resolve().parents[3]
AS_OF = date(2026, 11, 26)

ENUMS = [E.LegalBasis, E.Art9Condition, E.DataCategory, E.SpecialCategory, E.SubjectCategory,
         E.RecipientType, E.Mechanism, E.Derogation, E.MeasureCategory, E.DpiaStatus, E.DpiaCriterion,
         E.RiskLevel, E.Status, E.Role, E.ActivityKind, E.DataSource, E.RetentionEnd, E.Exporter,
         E.Art22Exception]


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_every_value_has_a_french_and_an_english_label(enum: type) -> None:
    assert set(VALUE_LABELS[enum]) == {m.value for m in enum}
    for fr, en in VALUE_LABELS[enum].values():
        assert fr and en


def test_labels_follow_the_cnil_model_in_french() -> None:
    assert label(E.DataCategory.NATIONAL_ID, "fr") == "Numéro de Sécurité Sociale (ou NIR)"
    assert label(E.SpecialCategory.HEALTH, "fr") == "Données concernant la santé"
    assert label(E.LegalBasis.CONTRACT, "en") == "Performance of a contract"


def test_persiance_view_in_french() -> None:
    register = load(ROOT / "registers" / "persiance").register
    view = build_view(register, [], language="fr", as_of=AS_OF)
    assert view.title == "Registre des activités de traitement"
    assert view.organisation.name == "PERSIANCE"
    assert view.organisation.dpo_text == "Aucun DPO désigné"
    assert view.organisation.authority == "Commission nationale de l'informatique et des libertés (CNIL)"
    orders = next(a for a in view.activities if a.id == "orders")
    assert [(p.description, p.basis) for p in orders.purposes] == [
        ("Vente et exécution d'une commande", "Exécution d'un contrat"),
        ("Facturation", "Obligation légale"),
    ]
    assert orders.personal_data[0].retention == (
        "10 ans à compter de clôture de l'exercice comptable — Code de commerce, art. L123-22")
    assert [(t.recipient, t.country_name) for t in orders.transfers] == [("Stripe, Inc.", "États-Unis")]
    assert not orders.sensitive


def test_english_view_and_dates() -> None:
    register = load(ROOT / "registers" / "persiance").register
    view = build_view(register, [], language="en", as_of=AS_OF)
    orders = next(a for a in view.activities if a.id == "orders")
    assert orders.created == "2025-08-17"
    assert orders.transfers[0].country_name == "United States"
    assert view.organisation.dpo_text == "No DPO designated"
    assert document_language(register, None) == "fr"
    assert document_language(register, "en") == "en"
