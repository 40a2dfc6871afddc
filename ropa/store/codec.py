"""Model objects <-> table rows, driven by the model's type hints.

A field becomes a column of the same name: enums as their values, dates as dates, nested
objects and lists of them as JSON holding the data the YAML format writes (dates as ISO
text). Decoding reads the same hints back, so the two directions cannot drift apart.
"""

from __future__ import annotations

import types
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from ropa.model.register import SubProcessorRef

Row = dict[str, Any]

PLAIN, ENUM, JSON, LIST = "plain", "enum", "json", "list"


@cache
def hints_of(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


@cache
def plan(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(field, kind, type hint) for every stored field of a model class."""
    hints = hints_of(cls)
    out = []
    for f in fields(cls):
        if f.name == "origin":
            continue
        hint = hints[f.name]
        out.append((f.name, _kind(hint), hint))
    return tuple(out)


def _kind(hint: Any) -> str:
    if get_origin(hint) is list:
        return LIST
    args = [a for a in _union_args(hint) if a is not type(None)]
    if any(is_dataclass(a) for a in args):
        return JSON
    if len(args) == 1 and isinstance(args[0], type) and issubclass(args[0], Enum):
        return ENUM
    return PLAIN


def _union_args(hint: Any) -> tuple[Any, ...]:
    if get_origin(hint) in (Union, types.UnionType):
        return get_args(hint)
    return (hint,)


def to_json(value: Any) -> Any:
    """JSON-ready data of a nested value, as the YAML format writes it (dates as ISO text);
    None for nothing or an empty list."""
    if value is None or (isinstance(value, list) and not value):
        return None
    return _jsonable(value)


@cache
def _written_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.compare)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _jsonable(value: Any) -> Any:
    kind: type = type(value)  # type, not type[Any]: mypy takes only the former as Hashable
    if kind in _SCALARS:
        return value
    if kind is list:
        return [_jsonable(item) for item in value]
    if isinstance(value, Enum):
        return value._value_
    if isinstance(value, date):
        return value.isoformat()
    if kind is SubProcessorRef and value.id is not None:
        return value.id
    if is_dataclass(value):
        data = {}
        for name in _written_fields(kind):
            item = getattr(value, name)
            if item is not None and item != []:
                data[name] = _jsonable(item)
        return data
    if isinstance(value, list):
        return [_jsonable(item) for item in value]
    return value


def _enum_value(value: Any) -> Any:
    return value._value_  # what .value returns, without the enum descriptor's cost


@cache
def _encoders(cls: type, skip: frozenset[str]) -> tuple[tuple[str, Any], ...]:
    """(column, encoder or None) for each stored field of ``cls`` not in ``skip``."""
    out = []
    for name, kind, _hint in plan(cls):
        if name in skip:
            continue
        encoder = to_json if kind in (JSON, LIST) else _enum_value if kind == ENUM else None
        out.append((name, encoder))
    return tuple(out)


def row_of(obj: Any, skip: frozenset[str] = frozenset()) -> Row:
    """The column values of one model object (fields in ``skip`` are child tables)."""
    row: Row = {}
    cls: Any = type(obj)
    for name, encoder in _encoders(cls, skip):
        value = getattr(obj, name)
        row[name] = value if encoder is None or value is None else encoder(value)
    return row


def object_of(cls: type, row: Any, children: dict[str, list[Any]] | None = None) -> Any:
    """The model object of one row (a mapping); ``children`` fill the list fields kept
    in child tables."""
    children = children or {}
    values: dict[str, Any] = {}
    for name, _kind, hint in plan(cls):
        if name in children:
            values[name] = children[name]
        else:
            values[name] = decode(hint, row[name])
    return cls(**values)


def decode(hint: Any, value: Any) -> Any:
    """A stored value (column or JSON data) as the model type ``hint``."""
    if get_origin(hint) is list:
        (item,) = get_args(hint)
        return [decode(item, v) for v in value] if value else []
    if value is None:
        return None
    args = [a for a in _union_args(hint) if a is not type(None)]
    if len(args) > 1:
        return _decode_union(args, value)
    target: Any = args[0]
    if target is SubProcessorRef and isinstance(value, str):
        return SubProcessorRef(id=value)
    if isinstance(target, type) and is_dataclass(target):
        known = hints_of(target)
        return target(**{k: decode(known[k], v) for k, v in value.items() if k in known})
    if isinstance(target, type) and issubclass(target, Enum):
        return target(value)
    if target is date and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _decode_union(args: list[Any], value: Any) -> Any:
    """``Address | str``: text stays text, a mapping becomes the object."""
    if isinstance(value, str) and str in args:
        return value
    for arg in args:
        if is_dataclass(arg) and isinstance(value, dict):
            return decode(arg, value)
    return value
