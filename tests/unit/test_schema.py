"""The shipped JSON Schemas: fresh, valid Draft 2020-12, and in step with the model."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from ropa.model import enums
from ropa.schema import KINDS, load_schema, schema_text

ROOT = Path(__file__).resolve().parents[2]


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_schema", ROOT / "scripts" / "build_schema.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_schemas_are_generated_from_the_model() -> None:
    builder = _builder()
    for kind, schema in builder.schemas().items():
        assert schema_text(kind) == builder.render(schema), (
            f"ropa/schema/{kind}.schema.json is stale: run `python scripts/build_schema.py`"
        )


@pytest.mark.parametrize("kind", KINDS)
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    Draft202012Validator.check_schema(load_schema(kind))
    assert load_schema(kind)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_enum_values_reach_the_schema() -> None:
    defs = load_schema("register")["$defs"]
    text = json.dumps(defs)
    for cls in (enums.LegalBasis, enums.Mechanism, enums.DpiaCriterion, enums.Art9Condition):
        for member in cls:
            assert f'"{member.value}"' in text


def test_country_codes_include_aliases_and_norway() -> None:
    codes = load_schema("register")["$defs"]["country"]["enum"]
    assert {"FR", "NO", "GR", "GB", "EL", "UK", "US"} <= set(codes)
    assert len(codes) == 251
