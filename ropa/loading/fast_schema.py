"""A compiled "is this file valid?" check for the shipped JSON Schemas.

jsonschema finds every violation and explains it, which makes it slow on a large, valid
register. This module compiles each schema into plain Python (one function per schema
node) that only answers yes or no, and stops at the first violation. The loader asks it
first and runs jsonschema only on the files it rejects, so the messages stay exactly
those of jsonschema.

The compiled check is never more lenient than jsonschema: it supports exactly the
keywords the shipped schemas use, with jsonschema's Draft 2020-12 semantics (a keyword
applies only to values of its type; ``true`` is not the number 1; ``1.0`` is an integer).
Where it cannot be sure it says "not valid", and jsonschema decides. A schema with any
other keyword is not compiled at all: :func:`fast_check` returns ``None`` and jsonschema
does all the work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from ropa.schema import load_schema

Check = Callable[[Any], bool]

# Keywords that say nothing about validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "x-fix",
                          "default", "examples", "deprecated", "readOnly", "writeOnly"})
_SUPPORTED = frozenset({"type", "enum", "const", "properties", "additionalProperties", "required",
                        "items", "anyOf", "pattern", "maxLength", "minimum", "maximum", "format",
                        "if", "then", "else", "$ref"})
_TYPE_TESTS = {
    "string": "type({v}) is str",
    "integer": "(type({v}) is int or (type({v}) is float and {v}.is_integer()))",
    "number": "type({v}) in _NUMBER",
    "boolean": "type({v}) is bool",
    "null": "{v} is None",
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
}
_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # as jsonschema's "date" format


class UnsupportedSchema(Exception):
    """The schema uses something this compiler does not reproduce exactly."""


def is_date(value: str) -> bool:
    """jsonschema's "date" format: YYYY-MM-DD that is a real calendar day."""
    if _RE_DATE.fullmatch(value) is None:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


class _Compiler:
    """Turns one schema into Python source: a function per object, list or $defs entry,
    and inline expressions for the rest."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.defs: dict[str, str] = {}
        self.tables: list[str] = []  # property name -> check function, once all are defined
        self.count = 0

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def constant(self, prefix: str, value: Any) -> str:
        name = self.name(prefix)
        self.constants[name] = value
        return name

    def ref(self, ref: str) -> str:
        if not ref.startswith("#/$defs/") or "/" in ref[len("#/$defs/"):]:
            raise UnsupportedSchema(f"$ref {ref!r}")
        key = ref[len("#/$defs/"):]
        if key not in self.defs:
            schema = self.root.get("$defs", {}).get(key)
            if not isinstance(schema, dict):
                raise UnsupportedSchema(f"$ref {ref!r} points at nothing")
            function = self.name("d")
            self.defs[key] = function
            self.function(function, schema)
        return self.defs[key]

    def function(self, name: str, schema: Any) -> None:
        """Emit ``def name(v)`` checking ``schema``."""
        body = self.statements(schema, "v")
        self.lines.append(f"def {name}(v):")
        self.lines.extend("    " + line for line in body)
        self.lines.append("    return True")
        self.lines.append("")

    def call(self, schema: Any, v: str) -> str:
        """An expression checking ``v`` against ``schema`` (a function when it is an object
        or a list schema, inline otherwise)."""
        if isinstance(schema, dict) and set(schema) - _ANNOTATIONS == {"$ref"}:
            return f"{self.ref(schema['$ref'])}({v})"
        if isinstance(schema, dict) and ({"properties", "items", "if"} & set(schema)):
            function = self.name("f")
            self.function(function, schema)
            return f"{function}({v})"
        return self.expression(schema, v)

    def expression(self, schema: Any, v: str) -> str:
        if schema is True or schema == {}:
            return "True"
        if schema is False:
            return "False"
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"schema {schema!r}")
        parts = [self.keyword(schema, key, v) for key in self.keys(schema)]
        parts = [p for p in parts if p != "True"]
        return "(" + " and ".join(parts) + ")" if parts else "True"

    def keys(self, schema: dict[str, Any]) -> list[str]:
        unknown = set(schema) - _ANNOTATIONS - _SUPPORTED
        if unknown:
            raise UnsupportedSchema(f"keywords {sorted(unknown)}")
        if ("then" in schema or "else" in schema) and "if" not in schema:
            return [k for k in schema if k in _SUPPORTED and k not in ("then", "else")]
        order = ["type"] + [k for k in schema if k in _SUPPORTED and k != "type"]
        return [k for k in order if k in schema and k not in ("then", "else")]

    def statements(self, schema: Any, v: str) -> list[str]:
        if not isinstance(schema, dict) or not ({"properties", "items", "required",
                                                 "additionalProperties"} & set(schema)):
            return [f"if not {self.expression(schema, v)}: return False"]
        lines: list[str] = []
        kinds = self.types(schema)
        for key in self.keys(schema):
            if key in ("properties", "additionalProperties", "required", "items"):
                continue
            lines.append(f"if not {self.keyword(schema, key, v)}: return False")
        if {"properties", "additionalProperties", "required"} & set(schema):
            lines += self.object_lines(schema, v, guarded=kinds != ["object"])
        if "items" in schema:
            lines += self.items_lines(schema["items"], v, guarded=kinds != ["array"])
        return lines

    @staticmethod
    def types(schema: dict[str, Any]) -> list[str]:
        kinds = schema.get("type")
        return [kinds] if isinstance(kinds, str) else list(kinds or [])

    def object_lines(self, schema: dict[str, Any], v: str, *, guarded: bool) -> list[str]:
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        if extra not in (True, False):
            raise UnsupportedSchema("additionalProperties with a schema")
        checks = {key: self.checker(sub) for key, sub in properties.items()}
        table = self.name("P")
        self.tables.append(f"{table} = {{" + ", ".join(f"{k!r}: {f}" for k, f in checks.items()) + "}")
        body = [f"for k, x in {v}.items():", f"    c = {table}.get(k)"]
        body.append("    if c is None: return False" if extra is False else
                    "    if c is None: continue")
        body.append("    if not c(x): return False")
        required = schema.get("required", [])
        if required:
            body.append("if " + " or ".join(f"{key!r} not in {v}" for key in required) + ": return False")
        if not guarded:
            return body
        return [f"if isinstance({v}, dict):"] + ["    " + line for line in body]

    def checker(self, schema: Any) -> str:
        """The name of a function checking ``schema`` (for a table of properties)."""
        if isinstance(schema, dict) and set(schema) - _ANNOTATIONS == {"$ref"}:
            return self.ref(schema["$ref"])
        function = self.name("f")
        self.function(function, schema)
        return function

    def items_lines(self, items: Any, v: str, *, guarded: bool) -> list[str]:
        if not isinstance(items, dict):
            raise UnsupportedSchema("items that is not one schema")
        body = [f"for x in {v}:", f"    if not {self.call(items, 'x')}: return False"]
        if not guarded:
            return body
        return [f"if isinstance({v}, list):"] + ["    " + line for line in body]

    def keyword(self, schema: dict[str, Any], key: str, v: str) -> str:
        value = schema[key]
        kinds = self.types(schema)
        if key == "type":
            tests = [_TYPE_TESTS[k].format(v=v) for k in kinds if k in _TYPE_TESTS]
            if len(tests) != len(kinds) or not tests:
                raise UnsupportedSchema(f"type {value!r}")
            return tests[0] if len(tests) == 1 else "(" + " or ".join(tests) + ")"
        if key == "$ref":
            return f"{self.ref(value)}({v})"
        if key == "enum":
            return self.enum(value, v)
        if key == "const":
            return self.enum([value], v)
        if key == "anyOf":
            return "(" + " or ".join(self.call(option, v) for option in value) + ")"
        if key == "if":
            test = self.call(value, v)
            then = self.call(schema.get("then", True), v)
            otherwise = self.call(schema.get("else", True), v)
            return f"({then} if {test} else {otherwise})"
        if key in ("pattern", "maxLength", "format"):
            return self.text_keyword(key, value, v, typed=kinds == ["string"])
        if key in ("minimum", "maximum"):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise UnsupportedSchema(f"{key} {value!r}")
            compare = ">=" if key == "minimum" else "<="
            return f"(type({v}) not in _NUMBER or {v} {compare} {value!r})"
        if key in ("properties", "additionalProperties", "required", "items"):
            function = self.name("f")
            self.function(function, {k: schema[k] for k in schema
                                     if k in ("properties", "additionalProperties", "required", "items")})
            return f"{function}({v})"
        raise UnsupportedSchema(key)  # pragma: no cover - keys() filters the rest

    def text_keyword(self, key: str, value: Any, v: str, *, typed: bool) -> str:
        if key == "pattern":
            test = f"{self.constant('R', re.compile(value).search)}({v}) is not None"
        elif key == "maxLength":
            test = f"len({v}) <= {int(value)}"
        elif value == "date":
            test = f"_is_date({v})"
        else:
            raise UnsupportedSchema(f"format {value!r}")
        return test if typed else f"(type({v}) is not str or {test})"

    def enum(self, allowed: list[Any], v: str) -> str:
        texts = frozenset(a for a in allowed if isinstance(a, str))
        ints = frozenset(a for a in allowed if type(a) is int)
        if len(texts) + len(ints) + allowed.count(None) != len(allowed):
            raise UnsupportedSchema(f"enum {allowed!r}")
        tests = []
        if None in allowed:
            tests.append(f"{v} is None")
        if texts:
            tests.append(f"(type({v}) is str and {v} in {self.constant('E', texts)})")
        if ints:
            tests.append(f"(type({v}) is int and {v} in {self.constant('E', ints)})")
        return "(" + " or ".join(tests) + ")" if tests else "False"


def compile_source(schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The Python source of ``check(v)`` for ``schema`` and the constants it uses."""
    compiler = _Compiler(schema)
    compiler.function("check", schema)
    return "\n".join(compiler.lines + compiler.tables), compiler.constants


@cache
def fast_check(kind: str) -> Check | None:
    """The compiled check of the schema ``kind``, or None when it cannot be compiled."""
    try:
        source, constants = compile_source(load_schema(kind))
    except UnsupportedSchema:
        return None
    namespace: dict[str, Any] = {"_NUMBER": (int, float), "_is_date": is_date, **constants}
    exec(compile(source, f"<ropa {kind} schema check>", "exec"), namespace)  # noqa: S102 - generated here
    check: Check = namespace["check"]
    return check
