"""Reading the reference data files: YAML in, checked plain values out.

Each data file is parsed once per directory (``functools.cache`` in the topic modules)
with ``yaml.CSafeLoader``, imported on first use so that importing ``ropa.reference``
stays cheap. Every problem becomes a :class:`ReferenceDataError` naming the file, the
entry and the key, so that a maintainer editing a fact sees at once what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ropa.reference.facts import Confidence

DATA_DIR = Path(__file__).parent / "data"
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class ReferenceDataError(Exception):
    """A reference data file is missing, does not parse, or breaks its expected shape."""


def read_yaml(directory: Path, name: str) -> dict[str, Any]:
    """Parse ``directory/name`` and return its top-level mapping."""
    import yaml

    path = directory / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(f"{name}: cannot read {path} ({exc.strerror}).") from None
    try:
        document = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ReferenceDataError(f"{name}: {where}not valid YAML ({problem}).") from None
    if not isinstance(document, dict):
        raise ReferenceDataError(f"{name}: expected a mapping at the top of the file.")
    return document


@dataclass
class Node:
    """One mapping of a data file, read key by key with type checks.

    ``where`` is the path shown in messages (``decisions[3] (US)``). Call :meth:`done`
    after reading: a key nobody read is reported, which catches typos in the data.
    """

    data: dict[str, Any]
    file: str
    where: str
    _seen: set[str] = field(default_factory=set)

    @classmethod
    def root(cls, document: dict[str, Any], file: str) -> Node:
        return cls(document, file, "")

    def fail(self, key: str | None, message: str) -> ReferenceDataError:
        path = ".".join(part for part in (self.where, key) if part) or "top level"
        return ReferenceDataError(f"{self.file}: {path}: {message}")

    def _get(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        if key not in self.data:
            if required:
                raise self.fail(key, "missing; every entry of this file needs it.")
            return None
        return self.data[key]

    def text(self, key: str) -> str:
        value = self._get(key, True)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected non-empty text, got {value!r}.")
        return value.strip()

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, False)
        return None if value is None else self.text(key)

    def flag(self, key: str) -> bool:
        value = self._get(key, True)
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {value!r}.")
        return value

    def number(self, key: str) -> int:
        value = self._get(key, True)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(key, f"expected a whole number, got {value!r}.")
        return value

    def day(self, key: str) -> date:
        value = self._get(key, True)
        if type(value) is date:  # a YAML timestamp with a time of day is refused
            return value
        if isinstance(value, str) and _DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(key, f"expected a date written YYYY-MM-DD, got {value!r}.")

    def opt_day(self, key: str) -> date | None:
        return None if self._get(key, False) is None else self.day(key)

    def texts(self, key: str, required: bool = False) -> tuple[str, ...]:
        value = self._get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item.strip() for item in value
        ):
            raise self.fail(key, f"expected a list of texts, got {value!r}.")
        return tuple(item.strip() for item in value)

    def choice(self, key: str, allowed: frozenset[str] | set[str]) -> str:
        value = self.text(key)
        if value not in allowed:
            raise self.fail(key, f"{value!r} is not one of {', '.join(sorted(allowed))}.")
        return value

    def confidence(self) -> Confidence:
        return Confidence(self.choice("confidence", {c.value for c in Confidence}))

    def sources(self, confidence: Confidence) -> tuple[str, ...]:
        """Sources are required, except for a fact marked unconfirmed (none was seen)."""
        sources = self.texts("sources", required=True)
        if not sources and confidence is not Confidence.UNCONFIRMED:
            raise self.fail("sources", f"empty, but the fact is marked {confidence.value}.")
        return sources

    def provenance(self) -> tuple[Confidence, tuple[str, ...], date]:
        """The three keys every entry carries: confidence, sources, checked."""
        confidence = self.confidence()
        return confidence, self.sources(confidence), self.day("checked")

    def child(self, key: str) -> Node:
        value = self._get(key, True)
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a mapping, got {type(value).__name__}.")
        where = f"{self.where}.{key}" if self.where else key
        return Node(value, self.file, where)

    def items(self, key: str, label: str | None = None) -> Iterator[Node]:
        """The mappings of the list under ``key``; ``label`` names each in messages."""
        value = self._get(key, True)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "expected a non-empty list of entries.")
        prefix = f"{self.where}.{key}" if self.where else key
        for index, item in enumerate(value):
            name = f"{prefix}[{index}]"
            if isinstance(item, dict) and label and isinstance(item.get(label), str):
                name = f"{name} ({item[label]})"
            if not isinstance(item, dict):
                raise ReferenceDataError(f"{self.file}: {name}: expected a mapping.")
            yield Node(item, self.file, name)

    def done(self) -> None:
        unknown = sorted(set(self.data) - self._seen)
        if unknown:
            raise self.fail(None, f"unknown key {unknown[0]!r}; check its spelling.")


def unique(nodes: list[tuple[str, Node]], what: str) -> None:
    """Reject two entries with the same key (``what`` names the key in the message)."""
    seen: set[str] = set()
    for key, node in nodes:
        if key in seen:
            raise node.fail(None, f"{what} {key!r} appears twice; keep one entry.")
        seen.add(key)
