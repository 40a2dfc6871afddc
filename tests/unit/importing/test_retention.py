"""Retention periods as typed in the CNIL model's "Durée de conservation" column."""

from __future__ import annotations

import pytest

from ropa.importing.retention import parse_retention
from ropa.model.enums import RetentionEnd
from ropa.model.register import Retention


@pytest.mark.parametrize(("text", "retention"), [
    ("5 ans à compter du versement de la paie", Retention(duration="P5Y", start="versement de la paie")),
    ("13 mois", Retention(duration="P13M")),
    ("12 mois", Retention(duration="P12M")),  # the unit written is kept: not P1Y
    ("18 mois", Retention(duration="P18M")),
    ("1 an et 6 mois", Retention(duration="P1Y6M")),
    ("Six mois", Retention(duration="P6M")),
    ("Pendant 3 ans", Retention(duration="P3Y")),
    ("30 jours", Retention(duration="P30D")),
    ("3 ans après le dernier contact, puis suppression",
     Retention(duration="P3Y", start="dernier contact", then=RetentionEnd.DELETION)),
    ("24 mois à compter de la dernière activité - puis anonymisation",
     Retention(duration="P24M", start="dernière activité", then=RetentionEnd.ANONYMISATION)),
    ("10 ans (Code de commerce, art. L123-22)",
     Retention(duration="P10Y", justification="Code de commerce, art. L123-22")),
    ("5 years from the end of the contract", Retention(duration="P5Y", start="end of the contract")),
    ("jusqu'à la suppression du compte", Retention(criteria="jusqu'à la suppression du compte")),
    ("Jusqu’au départ du salarié", Retention(criteria="Jusqu’au départ du salarié")),
    ("Le temps de la relation commerciale", Retention(criteria="Le temps de la relation commerciale")),
    ("Durée illimitée", Retention(indefinite=True)),
])
def test_understood(text: str, retention: Retention) -> None:
    parsed = parse_retention(text)
    assert parsed is not None and parsed.understood
    assert parsed.retention == retention


@pytest.mark.parametrize("text", ["2,5 ans", "5", "variable selon les cas", "voir procédure"])
def test_not_understood_is_kept_as_criteria(text: str) -> None:
    parsed = parse_retention(text)
    assert parsed is not None and not parsed.understood
    assert parsed.retention == Retention(criteria=text)


def test_an_empty_cell_has_no_retention() -> None:
    assert parse_retention("  ") is None
