"""The JSON Schemas of the register format, shipped as package data.

``register`` describes a one-file register or a folder's register.yaml; ``activity`` and
``processor`` describe the files of a folder's activities/ and processors/.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

KINDS = ("register", "activity", "processor")


def schema_text(kind: str = "register") -> str:
    """The schema as shipped (JSON text)."""
    if kind not in KINDS:
        raise ValueError(f"unknown schema {kind!r}; one of: {', '.join(KINDS)}")
    return resources.files(__name__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")


@cache
def load_schema(kind: str = "register") -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text(kind))
    return data


@cache
def _country_table() -> dict[str, dict[str, str]]:
    text = resources.files(__name__).joinpath("countries.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


@cache
def country_names(language: str = "en") -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> short name in ``language`` ('en' or 'fr'); EL and UK
    are included as aliases of GR and GB. Source: ISO 3166-1 via the pycountry project."""
    return {code: names[language if language in ("en", "fr") else "en"]
            for code, names in _country_table().items()}
