"""Origins in ropa's cache: stored packed, read back unpacked only when a finding needs one,
and then the same positions as the origin that was stored."""

from __future__ import annotations

import copy
import io
import pickle
from pathlib import Path
from typing import TypeVar, cast

from ropa.loading import load
from ropa.loading.cache import _DISPATCH, _Unpickler
from ropa.model.origin import Location, Origin

T = TypeVar("T")
KEYS = {"name": (3, 1, 3, 7), "retention": (4, 1, 5, 3)}


def through_cache(value: T) -> T:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return cast(T, _Unpickler(io.BytesIO(buffer.getvalue())).load())


def test_an_origin_read_back_has_the_positions_it_was_stored_with() -> None:
    stored = Origin("activities/a.yaml", "$.purposes[0]", 2, 5, dict(KEYS))
    read = through_cache(stored)
    assert isinstance(read, Origin)
    assert read.at("retention") == Location("activities/a.yaml", 5, 3, "$.purposes[0].retention")
    assert read.at("name", on_key=True) == Location("activities/a.yaml", 3, 1, "$.purposes[0].name")
    assert (read.file, read.path, read.line, read.column, read.keys) == (
        "activities/a.yaml", "$.purposes[0]", 2, 5, KEYS)
    assert read == stored


def test_large_line_numbers_and_no_keys_survive_the_cache() -> None:
    stored = Origin("register.yaml", "$", 70_000, 1, {"id": (70_001, 3, 70_001, 200_000)})
    empty = Origin("register.yaml", "$.settings", 9, 3)
    read, read_empty = through_cache([stored, empty])
    assert read.keys == {"id": (70_001, 3, 70_001, 200_000)} and read.line == 70_000
    assert (read_empty.line, read_empty.column, read_empty.keys) == (9, 3, {})


def test_a_packed_origin_stored_again_and_copied_keeps_its_positions() -> None:
    stored = Origin("activities/a.yaml", "$", 1, 1, dict(KEYS))
    twice = through_cache(through_cache(stored))  # written back without being unpacked
    copied = copy.deepcopy(through_cache(stored))
    assert twice == stored == copied
    assert copied.at("name") == Location("activities/a.yaml", 3, 7, "$.name")


def test_an_origin_has_no_other_attributes() -> None:
    read = through_cache(Origin("register.yaml", "$", 1, 1))
    assert not hasattr(read, "missing")
    assert not hasattr(Origin("register.yaml", "$", 1, 1), "missing")


def test_a_register_checked_from_the_cache_points_at_the_same_lines(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    (folder / "activities").mkdir(parents=True)
    (folder / "register.yaml").write_text("ropa: 1\norganisation:\n  name: Example\n", encoding="utf-8")
    (folder / "activities" / "a.yaml").write_text(
        "ropa: 1\nid: newsletter\nname: Newsletter\npurposes:\n  - description: sending news\n",
        encoding="utf-8")
    cache = tmp_path / "cache"
    first = load(folder, cache=cache)
    second = load(folder, cache=cache)
    purpose = second.register.activities[0].purposes[0]
    assert purpose.origin is not None
    assert purpose.origin.at("description") == Location(
        str(folder / "activities" / "a.yaml"), 5, 18, "$.purposes[0].description")
    assert second.register.activities[0].origin == first.register.activities[0].origin
