"""The canonical source the archival PDF carries and whose digest every document shows:
exactly the bytes PyYAML's own emitter writes (the writer only skips repeated work),
written once per render, and only when a document asks for it."""

from __future__ import annotations

import copy
import pickle
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from ropa import writer
from ropa.export import digest
from ropa.export.digest import Stamp, canonical_source, sha256_hex, stamp_register
from ropa.export.pdf_chunks import render_chunked
from ropa.loading import load
from tests.gold.support import EXAMPLES, ROOT, WHEN, page_texts, prepared
from tests.strategies import TRICKY_TEXT, registers


class _PyYAML(writer._Dumper):
    """The writer's dumper with PyYAML's own scalar analysis and plain writing."""

    analyze_scalar = yaml.emitter.Emitter.analyze_scalar
    write_plain = yaml.emitter.Emitter.write_plain

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        yaml.SafeDumper.__init__(self, *args, **kwargs)


def by_pyyaml(data: Any) -> str:
    """``data`` through PyYAML's whole pipeline: representer, serializer, emitter."""
    return yaml.dump(data, Dumper=_PyYAML, **writer._OPTIONS)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_examples_are_written_as_pyyaml_writes_them(name: str) -> None:
    data = writer.register_to_data(load(ROOT / EXAMPLES[name]).register)
    assert writer.to_yaml(data) == by_pyyaml(data)


def test_a_synthetic_register_is_written_as_pyyaml_writes_it(tmp_path: Path) -> None:
    generate(60, 1, tmp_path / "register")
    data = writer.register_to_data(load(tmp_path / "register").register)
    text = writer.to_yaml(data)
    assert text == by_pyyaml(data)
    assert text.count("\n  - id: ") == 60 + len(data["processors"]) + len(data["security_measures"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers())
def test_any_register_is_written_as_pyyaml_writes_it(register: Any) -> None:
    data = writer.register_to_data(register)
    assert writer.to_yaml(data) == by_pyyaml(data)


scalars = st.one_of(st.text(), st.sampled_from(TRICKY_TEXT), st.integers(), st.booleans(), st.none(),
                    st.dates(), st.sampled_from(["", " a", "a ", "a: b", "a:", "#x", "a #x", "- x", "NO", "0189", "1e3",
                                     "a\nb", "a\n", "\na", "a\rb", "a\u2028b", "\ufeffa", "a\tb", "---", "...",
                                     "x" * 200, "é" * 130, "a  b", "'a'", '"a"', "@a", "%a", "|", ">", "~"]))
keys = st.text(st.characters(blacklist_characters="\n\r\x85\u2028\u2029"), min_size=1, max_size=8) | st.just("a: b")
documents = st.recursive(st.dictionaries(keys, scalars, max_size=4),
                         lambda inner: st.dictionaries(keys, inner | st.lists(inner | scalars, max_size=3), max_size=3),
                         max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_text_met_again_elsewhere_is_written_as_pyyaml_writes_it(data: dict[str, Any]) -> None:
    twice = {"first": data, "again": [copy.deepcopy(data), copy.deepcopy(data)]}  # the same texts, elsewhere
    text = writer._Blocks().dump(twice)
    assume(text is not None)  # not left to PyYAML (a literal block keeping its final line breaks)
    assert text == writer.to_yaml(twice) == by_pyyaml(twice)


def test_an_object_met_twice_is_written_as_pyyaml_writes_it() -> None:
    day, mapping = date(2026, 1, 1), {"a": 1}
    for data in ({"x": day, "y": [day, date(2026, 1, 1)]}, {"z": mapping, "w": [mapping], "u": {}, "t": []}):
        assert writer.to_yaml(data) == by_pyyaml(data)
        assert "&id001" in writer.to_yaml(data)


@pytest.mark.parametrize("data", [{"v": 1.5, "w": [2.0, -0.0, float("inf")]}, {"": 1}, {"x" * 130: 1}, {"a\nb": 1},
                                  {"a": "b\n\n"}, {1: "a"}, {"a": (1, 2)}])
def test_what_is_left_to_pyyaml_is_written_by_pyyaml(data: dict[Any, Any]) -> None:
    assert writer._Blocks().dump(data) is None
    assert writer.to_yaml(data) == by_pyyaml(data)


def test_the_source_is_written_when_first_asked_for_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    register = load(ROOT / EXAMPLES["cabinet-medical"]).register
    written: list[int] = []
    monkeypatch.setattr(digest, "canonical_source", lambda reg: written.append(1) or canonical_source(reg))
    stamp = stamp_register(register)
    assert written == []
    assert stamp.digest == sha256_hex(stamp.source) == sha256_hex(canonical_source(register))
    assert written == [1]


def test_a_stamp_travels_to_another_process_as_its_source() -> None:
    register = load(ROOT / EXAMPLES["cabinet-medical"]).register
    stamp = stamp_register(register)
    copy = pickle.loads(pickle.dumps(stamp))
    assert (copy.source, copy.digest, copy.git) == (stamp.source, stamp.digest, stamp.git)
    assert copy == stamp == Stamp(source=canonical_source(register))
    assert len(pickle.dumps(stamp)) < len(stamp.source) + 1000  # not the register besides


def test_a_chunked_pdf_writes_the_source_once(monkeypatch: pytest.MonkeyPatch) -> None:
    view, _ = prepared("persiance")
    register = load(ROOT / EXAMPLES["persiance"]).register
    written: list[int] = []
    monkeypatch.setattr(digest, "canonical_source", lambda reg: written.append(1) or canonical_source(reg))
    stamp = stamp_register(register)
    data, _ = render_chunked(view, stamp, when=WHEN, jobs=1, per_chunk=2)
    assert written == [1]
    assert stamp.digest in page_texts(data)[0]
