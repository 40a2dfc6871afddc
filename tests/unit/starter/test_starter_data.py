"""The shipped starter data: both languages everywhere, the format's vocabularies only."""

from __future__ import annotations

from typing import Any

import pytest

from ropa.model.enums import ActivityKind, MeasureCategory
from ropa.starter import available_activities
from ropa.starter.catalogue import (
    activity_data,
    is_bilingual,
    localise,
    measures_data,
    texts_data,
)

STARTERS = [
    "accounting",
    "audience-measurement",
    "customer-management",
    "newsletter",
    "payroll",
    "recruitment",
    "security-logs",
    "staff-management",
]


def _all_data() -> list[Any]:
    """One pytest parameter (where, data) per data file, named after the file."""
    files = [(f"activities/{n}.yaml", activity_data(n)) for n in STARTERS]
    files += [("measures.yaml", measures_data()), ("texts.yaml", texts_data())]
    return [pytest.param(where, data, id=where) for where, data in files]


def _half_bilingual(node: Any, path: str = "") -> list[str]:
    """Paths of mappings that hold one language key without being exactly {fr, en}."""
    found: list[str] = []
    if isinstance(node, dict):
        if {"fr", "en"} & set(node) and not is_bilingual(node):
            found.append(path)
        for key, value in node.items():
            found.extend(_half_bilingual(value, f"{path}.{key}"))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            found.extend(_half_bilingual(item, f"{path}[{index}]"))
    return found


def _leaves(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [leaf for value in node.values() for leaf in _leaves(value)]
    if isinstance(node, list):
        return [leaf for item in node for leaf in _leaves(item)]
    return [node]


def test_the_starter_activities_are_the_usual_processing_of_a_small_company() -> None:
    assert available_activities() == STARTERS


@pytest.mark.parametrize(("where", "data"), _all_data())
def test_every_text_has_a_french_and_an_english_version(where: str, data: Any) -> None:
    assert _half_bilingual(data) == [], where


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(("where", "data"), _all_data())
def test_localised_data_has_one_language_and_one_line_texts(
    where: str, data: Any, language: str
) -> None:
    leaves = _leaves(localise(data, language))

    assert all(isinstance(leaf, str | int | bool) or leaf is None for leaf in leaves), where
    assert [t for t in leaves if isinstance(t, str) and ("\n" in t or "\r" in t)] == []


def test_french_and_english_texts_differ() -> None:
    french = localise(activity_data("payroll"), "fr")
    english = localise(activity_data("payroll"), "en")

    assert (french["name"], english["name"]) == ("Paie", "Payroll")


@pytest.mark.parametrize("name", STARTERS)
def test_each_starter_has_its_file_name_as_id_and_a_kind_of_the_format(name: str) -> None:
    data = activity_data(name)

    assert data["id"] == name
    assert data["kind"] in set(ActivityKind)


def test_the_measure_catalogue_covers_the_cnil_families_with_unique_ids() -> None:
    measures = measures_data()
    ids = [m["id"] for m in measures]
    families = {m["category"] for m in measures}

    assert 15 <= len(measures) <= 25
    assert len(set(ids)) == len(ids)
    assert families == set(MeasureCategory) - {MeasureCategory.OTHER}
    assert all("applies_to" not in m for m in measures)


def test_localise_refuses_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        localise({"fr": "a", "en": "b"}, "de")
