"""Schema validation of one file's data, with messages a person can act on.

jsonschema finds every violation; this module turns each into a ROPA002 finding that
names the line, the JSON path, what is wrong in plain words and how to fix it (with
"did you mean" for typos in keys and values).
"""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any, Iterable

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from ropa.loading.yaml_reader import YMap, YSeq
from ropa.model.origin import Location, child_path
from ropa.rules.finding import Finding, Severity
from ropa.schema import load_schema

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "null": "nothing",
}


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(load_schema(kind), format_checker=FormatChecker(formats=("date",)))


def show(value: Any, limit: int = 60) -> str:
    """A value as a message shows it: quoted text, cut when long."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[:limit] + "…"
        return repr(text)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _found(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {show(value)}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {show(value)}"
    return show(value)


def _expected(types: Any) -> str:
    names = [types] if isinstance(types, str) else list(types)
    words = [_TYPE_WORDS.get(n, n) for n in names if n != "null"]
    return " or ".join(words) if words else "nothing"


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


class _Locator:
    """Finds the line and column of a JSON path in located data."""

    def __init__(self, data: Any, file: str) -> None:
        self.data = data
        self.file = file

    def locate(self, path: list[str | int], on_key: bool = False) -> Location:
        node: Any = self.data
        line, column = getattr(node, "line", 1), getattr(node, "column", 1)
        json_path = "$"
        for part in path:
            json_path = child_path(json_path, part)
            if isinstance(node, YMap) and isinstance(part, str) and part in node:
                pos = node.positions[part]
                line, column = (pos[0], pos[1]) if on_key else (pos[2], pos[3])
                node = node[part]
            elif isinstance(node, YSeq) and isinstance(part, int) and part < len(node):
                line, column = node.positions[part]
                node = node[part]
            else:
                break
        return Location(self.file, line, column, json_path)


def _finding(location: Location, message: str, fix: str | None) -> Finding:
    return Finding(
        rule="ROPA002",
        name="schema-violation",
        severity=Severity.ERROR,
        message=message,
        location=location,
        fix=fix,
    )


class _Describer:
    def __init__(self, locator: _Locator) -> None:
        self.locator = locator

    def describe(self, error: ValidationError) -> list[Finding]:
        handler = getattr(self, f"_{error.validator}", None)
        if handler is not None:
            result: list[Finding] = handler(error)
            return result
        return [self._plain(error, f"{error.message[:200]}", None)]

    def _where(self, error: ValidationError, *extra: str | int, on_key: bool = False) -> Location:
        return self.locator.locate([*error.absolute_path, *extra], on_key=on_key)

    def _plain(self, error: ValidationError, message: str, fix: str | None) -> Finding:
        return _finding(self._where(error), message, fix)

    def _key(self, error: ValidationError) -> str:
        for part in reversed(error.absolute_path):
            if isinstance(part, str):
                return part
        return "value"

    def _type(self, error: ValidationError) -> list[Finding]:
        value = error.instance
        schema = error.schema
        if not error.absolute_path and value is None:
            return [self._plain(error, "the file is empty",
                                "a register file starts with `ropa: 1` followed by its sections")]
        expected = schema["title"] if "x-fix" in schema else _expected(error.validator_value)
        message = f"expected {expected}, found {_found(value)}"
        fix = schema.get("x-fix")
        wants = error.validator_value
        if "string" in wants and isinstance(value, (int, float, bool)):
            fix = "quote the value so that it is read as text, e.g. \"0123\""
        elif "boolean" in wants and isinstance(value, str):
            fix = "write true or false (ropa reads YAML 1.2, where yes/no/on/off are text)"
        elif ("integer" in wants or "number" in wants) and isinstance(value, str):
            fix = "write the number without quotes"
        elif "object" in wants and isinstance(value, list):
            fix = "remove the '- ' dashes: this takes key: value lines, not a list"
        elif "array" in wants and not isinstance(value, list):
            fix = "write a list: one '- item' per line, or [a, b]"
        return [self._plain(error, message, fix)]

    def _enum(self, error: ValidationError) -> list[Finding]:
        value, allowed = error.instance, [a for a in error.validator_value if a is not None]
        schema = error.schema
        key = self._key(error)
        suggestion = _did_you_mean(str(value), [str(a) for a in allowed]) if isinstance(value, str) else None
        if schema.get("title") == "country code":
            message = f"{show(value)} is not an ISO 3166-1 alpha-2 country code"
            fix = schema.get("x-fix")
            if suggestion:
                fix = f"did you mean {suggestion!r}? {fix}"
            return [self._plain(error, message, fix)]
        if not isinstance(value, str) and any(isinstance(a, str) for a in allowed):
            message = f"expected text for {key}, found {_found(value)}"
        else:
            message = f"{show(value)} is not an allowed value for {key}"
        fix = "use one of: " + ", ".join(str(a) for a in allowed)
        if suggestion:
            fix = f"did you mean {suggestion!r}? Allowed: " + ", ".join(str(a) for a in allowed)
        return [self._plain(error, message, fix)]

    def _const(self, error: ValidationError) -> list[Finding]:
        return [self._plain(
            error,
            f"this file says ropa: {show(error.instance)}; this version of ropa reads format version 1",
            error.schema.get("x-fix"),
        )]

    def _additionalProperties(self, error: ValidationError) -> list[Finding]:
        instance = error.instance
        known = list(error.schema.get("properties", {}))
        out = []
        for key in instance:
            if key in known:
                continue
            location = self._where(error, key, on_key=True)
            if key == "<<":
                out.append(_finding(location, "YAML merge keys (<<) are not supported",
                                    "write the keys out in full"))
                continue
            suggestion = _did_you_mean(key, known)
            fix = f"did you mean {suggestion!r}?" if suggestion else "allowed keys here: " + ", ".join(known)
            out.append(_finding(location, f"unknown key {key!r}", fix))
        return out

    def _required(self, error: ValidationError) -> list[Finding]:
        present = error.instance if isinstance(error.instance, dict) else {}
        missing = [k for k in error.validator_value if k not in present]
        out = []
        for key in missing:
            if key == "ropa":
                out.append(self._plain(error, "missing the format version `ropa: 1`",
                                       "add `ropa: 1` as the first line of the file"))
            else:
                out.append(self._plain(error, f"missing required key {key!r}",
                                       f"add `{key}: …` to this item; an item cannot exist without it"))
        return out

    def _pattern(self, error: ValidationError) -> list[Finding]:
        schema = error.schema
        title = schema.get("title", "value")
        value = error.instance
        message = f"{show(value)} is not a valid {title}"
        fix = schema.get("x-fix")
        if title == "identifier" and isinstance(value, str):
            slug = "-".join("".join(c if c.isalnum() and c.isascii() else " " for c in value.lower()).split())
            if slug:
                fix = f"{fix}, for example {slug!r}"
        return [self._plain(error, message, fix)]

    def _format(self, error: ValidationError) -> list[Finding]:
        return [self._plain(error, f"{show(error.instance)} is not a real calendar date",
                            "write an existing date as YYYY-MM-DD, such as 2025-08-17")]

    def _maxLength(self, error: ValidationError) -> list[Finding]:
        size = len(error.instance)
        return [self._plain(
            error,
            f"text too long: {size:,} characters, at most {error.validator_value:,}",
            "shorten it; keep long documents in a file and put its path or link here",
        )]

    def _minimum(self, error: ValidationError) -> list[Finding]:
        return [self._plain(error, f"{show(error.instance)} is below the minimum {error.validator_value}",
                            f"write a number of at least {error.validator_value}")]

    def _maximum(self, error: ValidationError) -> list[Finding]:
        return [self._plain(error, f"{show(error.instance)} is above the maximum {error.validator_value}",
                            f"write a number of at most {error.validator_value}")]

    def _anyOf(self, error: ValidationError) -> list[Finding]:
        branches: dict[int, list[ValidationError]] = {}
        for sub in error.context or []:
            branches.setdefault(int(sub.schema_path[0]), []).append(sub)
        fitting = {
            index: errors for index, errors in branches.items()
            if not any(e.validator == "type" and not e.relative_path for e in errors)
        }
        if len(fitting) == 1:
            (errors,) = fitting.values()
            out: list[Finding] = []
            for sub in errors:
                out.extend(self.describe(sub))
            return out
        kinds = []
        for option in error.validator_value:
            resolved = option
            if "$ref" in option:
                resolved = _resolve_ref(option["$ref"])
            kinds.append(resolved.get("title") or _expected(resolved.get("type", "value")))
        words = " or ".join(dict.fromkeys(k for k in kinds if k != "nothing"))
        return [self._plain(error, f"expected {words}, found {_found(error.instance)}", None)]

    _oneOf = _anyOf


def _resolve_ref(ref: str) -> dict[str, Any]:
    schema = load_schema("register")
    node: Any = schema
    for part in ref.lstrip("#/").split("/"):
        node = node[part]
    result: dict[str, Any] = node
    return result


def validate_document(data: Any, kind: str, file: str) -> list[Finding]:
    """Every schema violation in one file's data, as ROPA002 findings."""
    describer = _Describer(_Locator(data, file))
    findings: list[Finding] = []
    for error in _validator(kind).iter_errors(data):
        findings.extend(describer.describe(error))
    unique = {(f.location, f.message): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)
