"""The starter data shipped in ``ropa/starter/data``, read and put in one language.

Data files hold both languages: wherever a text differs by language, the value is a
mapping with exactly the keys ``fr`` and ``en``. :func:`localise` replaces each such
mapping by the text of the chosen language.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, cast

LANGUAGES = ("fr", "en")
_DATA_PACKAGE = "ropa.starter.data"
_ACTIVITY_SUFFIX = ".yaml"


class StarterDataError(Exception):
    """A shipped data file is broken: a defect of ropa, not of the user's register."""


def activity_names() -> list[str]:
    """The ids of the starter activities, sorted."""
    folder = _data_root() / "activities"
    return sorted(
        entry.name.removesuffix(_ACTIVITY_SUFFIX)
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(_ACTIVITY_SUFFIX)
    )


def activity_data(name: str) -> dict[str, Any]:
    """The bilingual data of one starter activity."""
    data = _read_mapping(("activities", f"{name}{_ACTIVITY_SUFFIX}"))
    if data.get("id") != name:
        raise StarterDataError(f"activities/{name}.yaml: its id is {data.get('id')!r}")
    return data


def measures_data() -> list[dict[str, Any]]:
    """The bilingual starter catalogue of security measures, in file order."""
    measures = _read_mapping(("measures.yaml",)).get("measures")
    if not isinstance(measures, list):
        raise StarterDataError("measures.yaml: `measures` must be a list")
    return cast(list[dict[str, Any]], measures)


def texts_data() -> dict[str, Any]:
    """The bilingual comments written into the files."""
    return _read_mapping(("texts.yaml",))


def localise(node: Any, language: str) -> Any:
    """A copy of ``node`` with every ``{fr: …, en: …}`` mapping replaced by one language."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    return _localise(node, language)


def is_bilingual(node: object) -> bool:
    """True for a mapping holding a text in each language and nothing else."""
    return isinstance(node, dict) and set(node) == set(LANGUAGES)


def _localise(node: Any, language: str) -> Any:
    if is_bilingual(node):
        return _localise(node[language], language)
    if isinstance(node, dict):
        return {key: _localise(value, language) for key, value in node.items()}
    if isinstance(node, list):
        return [_localise(item, language) for item in node]
    return node


def _data_root() -> Traversable:
    return resources.files(_DATA_PACKAGE)


@cache
def _read_text(parts: tuple[str, ...]) -> str:
    resource = _data_root().joinpath(*parts)
    return resource.read_text(encoding="utf-8")


def _read_mapping(parts: tuple[str, ...]) -> dict[str, Any]:
    """A fresh parse each time, so that callers may change what they get."""
    where = "/".join(parts)
    import yaml  # here, not at the top: `ropa --help` lists the starter names without it

    try:
        data = yaml.safe_load(_read_text(parts))
    except (OSError, yaml.YAMLError) as exc:
        raise StarterDataError(f"cannot read the starter data file {where}: {exc}") from exc
    if not isinstance(data, dict):
        raise StarterDataError(f"the starter data file {where} must hold a mapping")
    return data
