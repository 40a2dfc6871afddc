"""The compiled schema check says "valid" exactly when jsonschema finds no violation.

The loader skips jsonschema for a file the compiled check accepts, so a check more lenient
than jsonschema would hide problems. These tests compare the two on every file of the
corpus of broken registers and of the example registers, and on thousands of variants of
valid files: each value replaced by values of other types and shapes, each key removed,
an unknown key added.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ropa.loading.fast_schema import UnsupportedSchema, compile_source, fast_check, is_date
from ropa.loading.files import discover, file_kind
from ropa.loading.validation import _validator, is_valid_fast, validate_document
from ropa.loading.yaml_reader import YMap, YSeq, read_yaml_bytes
from ropa.schema import KINDS, load_schema

from .conftest import BROKEN

REPO = Path(__file__).resolve().parents[3]
REGISTERS = REPO / "registers"


def _jsonschema_valid(data: Any, kind: str) -> bool:
    return next(iter(_validator(kind).iter_errors(data)), None) is None


def _documents() -> Iterator[tuple[str, Any, str]]:
    """(name, data, schema kind) of every file that parses, in the corpus and the examples."""
    paths: list[tuple[Path, str]] = []
    for root in (BROKEN, REGISTERS):
        for path in sorted(root.rglob("*.y*ml")):
            paths.append((path, file_kind(path)))
    for path, kind in paths:
        data = read_yaml_bytes(path.read_bytes(), path.name).data
        if data is not None:
            yield str(path.relative_to(REPO)), data, kind


DOCUMENTS = list(_documents())
DOCUMENT_COPIES = {name: copy.deepcopy(data) for name, data, _ in DOCUMENTS}

# Values of every type and shape YAML gives, and the edge cases of the shipped keywords.
REPLACEMENTS: tuple[Any, ...] = (
    None, True, False, 0, 1, 2, -1, 151, 1.0, 1.5, float("nan"), "", "x", "text with spaces",
    "Account Management", "ab-cd", "2025-02-30", "2025-02-28", "2025-2-28", "P12M", "P", "12 months",
    "FR", "fr", "NO", "consent", "ROPA101", "ropa101", "a@b", "x" * 201, "x" * 100_001,
)


SHAPES: tuple[Any, ...] = ([], {}, ["x"], [None], {"x": 1})
STRIDE = 5  # each place gets every fifth replacement, a different fifth from its neighbour's
BUDGET = 600  # variants compared per file, at most


def _containers(data: Any) -> list[YMap | YSeq]:
    found: list[YMap | YSeq] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, YSeq):
            found.append(node)
            stack.extend(node)
    return found


def _variants(data: Any) -> Iterator[Any]:
    """``data`` changed in one place at a time (and restored after each yield)."""
    replacements = REPLACEMENTS + SHAPES
    place = 0
    for node in _containers(data):
        keys: list[Any] = list(node) if isinstance(node, YMap) else list(range(len(node)))
        for key in keys:
            place += 1
            old = node[key]
            for value in replacements[place % STRIDE::STRIDE]:
                node[key] = copy.deepcopy(value)
                yield data
            node[key] = old
            if isinstance(node, YMap):
                saved = dict(node)
                del node[key]
                yield data
                node.clear()
                node.update(saved)
        if isinstance(node, YMap):
            node["unknown_key"] = "x"
            yield data
            del node["unknown_key"]
        else:
            node.append(None)
            yield data
            node.pop()


def test_every_shipped_schema_compiles() -> None:
    for kind in KINDS:
        assert fast_check(kind) is not None, kind


@pytest.mark.parametrize(("name", "data", "kind"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_compiled_check_agrees_with_jsonschema_on_each_file(name: str, data: Any, kind: str) -> None:
    assert is_valid_fast(data, kind) == _jsonschema_valid(data, kind)


VALID = [(name, data, kind) for name, data, kind in DOCUMENTS if _jsonschema_valid(data, kind)]


@pytest.mark.parametrize(("name", "data", "kind"), VALID, ids=[d[0] for d in VALID])
def test_the_compiled_check_agrees_with_jsonschema_on_every_variant(name: str, data: Any, kind: str) -> None:
    disagreements = []
    checked = 0
    step = max(1, sum(1 for _ in _variants(data)) // BUDGET)  # a large register: a sample
    for index, variant in enumerate(_variants(data)):
        if index % step:
            continue
        checked += 1
        fast, full = is_valid_fast(variant, kind), _jsonschema_valid(variant, kind)
        if fast != full:
            disagreements.append((fast, full, copy.deepcopy(variant)))
    assert checked >= 10
    assert disagreements == []
    assert data == dict(DOCUMENT_COPIES[name])  # every change was undone


def test_the_corpus_and_the_examples_hold_valid_and_invalid_files() -> None:
    assert len(VALID) >= 15
    assert len(DOCUMENTS) - len(VALID) >= 20


def test_a_valid_file_gets_no_finding_and_an_invalid_one_the_jsonschema_findings() -> None:
    path = REGISTERS / "persiance" / "activities" / "orders.yaml"
    data = read_yaml_bytes(path.read_bytes(), "orders.yaml").data
    assert validate_document(data, "activity", "orders.yaml") == []
    data["status"] = "ongoing"
    (finding,) = validate_document(data, "activity", "orders.yaml")
    assert finding.message == "'ongoing' is not an allowed value for status"
    assert finding.fix == "use one of: planned, active, retired"


def test_a_value_that_is_true_is_not_the_format_version_1() -> None:
    data = YMap(1, 1)
    data.update({"ropa": True, "activities": YSeq(2, 1)})
    assert fast_check("register")(data) is False  # type: ignore[misc]
    data["ropa"] = 1
    assert fast_check("register")(data) is True  # type: ignore[misc]


def test_a_schema_with_a_keyword_it_does_not_reproduce_is_not_compiled() -> None:
    with pytest.raises(UnsupportedSchema, match="uniqueItems"):
        compile_source({"type": "array", "uniqueItems": True})
    with pytest.raises(UnsupportedSchema, match="remote"):
        compile_source({"$ref": "https://example.org/remote.json"})
    with pytest.raises(UnsupportedSchema, match="enum"):
        compile_source({"enum": [1.5]})


def test_date_format_is_a_real_calendar_day() -> None:
    assert is_date("2024-02-29") is True
    assert is_date("2025-02-29") is False
    assert is_date("2025-2-28") is False
    assert is_date("２０２５-02-28") is False  # digits of other scripts are not dates


def test_every_file_the_loader_reads_in_a_register_folder_is_checked_with_its_own_schema() -> None:
    kinds = {relative.split("/")[0]: kind for _, relative, kind in discover(REGISTERS / "persiance")}
    assert kinds == {"register.yaml": "register", "activities": "activity", "processors": "processor"}
    assert load_schema("activity")["$id"].endswith(":activity")


IMPORTS = """
import sys
from ropa.loading import load
problems = load(sys.argv[1]).problems
print(len(problems), "jsonschema" in sys.modules)
"""


@pytest.mark.parametrize(("source", "expected"), [
    (REGISTERS / "persiance", "0 False"),  # valid: jsonschema is not even imported
    (BROKEN / "bad-enum-typo.yaml", "1 True"),  # a file that breaks the schema: jsonschema explains
])
def test_jsonschema_is_imported_only_for_a_file_that_breaks_the_schema(source: Path, expected: str) -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", IMPORTS, str(source)], cwd=REPO, capture_output=True,
                          text=True, check=True)
    assert done.stdout.strip() == expected
