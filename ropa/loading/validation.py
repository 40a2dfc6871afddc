"""Schema validation of one file's data, with messages a person can act on.

jsonschema finds every violation; this module turns each into a ROPA002 finding that
names the line, the JSON path, what is wrong in plain words and how to fix it (with
"did you mean" for typos in keys and values).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from ropa.loading.fast_schema import fast_check
from ropa.loading.yaml_reader import YMap, YSeq, path_key
from ropa.model.origin import Location, child_path
from ropa.rules.finding import Finding, Severity
from ropa.schema import load_schema

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

    class _KeywordError(ValidationError):
        """A ValidationError as the keyword handlers of :class:`_Describer` receive it: the
        error of a keyword (``type``, ``enum``, …), for which jsonschema sets the instance
        and the keyword's value, and whose schema is the mapping that holds the keyword (the
        stubs also allow them unset, and a boolean schema)."""

        validator: str
        validator_value: Any
        instance: Any
        schema: Mapping[str, Any]

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
    from jsonschema import Draft202012Validator, FormatChecker  # only for files that fail

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


def _a(title: str) -> str:
    """'a date', 'an identifier', but plain 'text'."""
    if title in ("text", "nothing") or " or " in title or title.startswith(("a ", "an ", "true")):
        return title
    return ("an " if title[0] in "aeiouAEIOU" else "a ") + title


_UNITS = {"y": "Y", "a": "Y", "m": "M", "w": "W", "s": "W", "d": "D", "j": "D"}
_SPELLED_DURATION = re.compile(
    r"\s*([0-9]+)\s*(years?|yrs?|ans?|années?|months?|mois|weeks?|semaines?|days?|jours?)\s*",
    re.IGNORECASE)


def _pattern_hint(value: str, title: str, pattern: str) -> str | None:
    """A written-out value that the pattern accepts: 'P24M' for '24 months', 'ROPA303' for
    'ropa303', 'P12M' for '12m'; None when there is no obvious one."""
    if len(value) > 40:
        return None
    candidates = [value.strip().upper()]
    if title == "ISO 8601 duration":
        found = _SPELLED_DURATION.fullmatch(value)
        if found is not None:
            unit = found.group(2).lower()
            letter = "M" if unit.startswith(("mo", "mois")) else _UNITS[unit[0]]
            candidates.insert(0, f"P{int(found.group(1))}{letter}")
        candidates.append("P" + value.strip().upper())
    return next((c for c in candidates if c != value and re.fullmatch(pattern, c)), None)


def _did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    if len(word) > 100:  # nobody mistypes 100 characters; difflib would be slow on them
        return None
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
            json_path = child_path(json_path, path_key(part) if isinstance(part, str) else part)
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
        if handler is not None:  # the keyword's own handler: it takes a _KeywordError
            result: list[Finding] = handler(error)
            return result
        return [self._plain(error, f"the value breaks the schema's {error.validator!r} rule", None)]

    def _where(self, error: ValidationError, *extra: str | int, on_key: bool = False) -> Location:
        return self.locator.locate([*error.absolute_path, *extra], on_key=on_key)

    def _plain(self, error: ValidationError, message: str, fix: str | None) -> Finding:
        return _finding(self._where(error), message, fix)

    def _key(self, error: ValidationError) -> str:
        for part in reversed(error.absolute_path):
            if isinstance(part, str):
                return part
        return "value"

    def _type(self, error: _KeywordError) -> list[Finding]:
        value = error.instance
        schema = error.schema
        title = schema.get("title") if "x-fix" in schema else None
        expected = _a(title) if title else _expected(error.validator_value)
        message = f"expected {expected}, found {_found(value)}"
        return [self._plain(error, message, self._type_fix(error, title))]

    @staticmethod
    def _type_fix(error: _KeywordError, title: str | None) -> str | None:
        value, schema, wants = error.instance, error.schema, error.validator_value
        fix: str | None = schema.get("x-fix")
        if value is None:
            detail = f" ({fix})" if fix and title != "text" else ""
            return "fill it in: this key cannot be left empty" + detail
        if "enum" in schema and len(schema["enum"]) <= 20:
            return "use one of: " + ", ".join(str(a) for a in schema["enum"] if a is not None)
        if "string" in wants and isinstance(value, (int, float, bool)) and title in (None, "text"):
            return 'put the value in quotes ("…") so that it is read as text, with any leading zeros'
        if "boolean" in wants and isinstance(value, str):
            return "write true or false (ropa reads YAML 1.2, where yes/no/on/off are text)"
        if ("integer" in wants or "number" in wants) and isinstance(value, str):
            return "write the number alone, without quotes or units"
        if "object" in wants and isinstance(value, list):
            return "remove the '- ' dashes: this takes key: value lines, not a list"
        if "array" in wants and not isinstance(value, list):
            return "write a list: one '- item' per line, or [a, b]"
        return fix or f"write {_expected(wants)}"

    def _enum(self, error: _KeywordError) -> list[Finding]:
        value, allowed = error.instance, [a for a in error.validator_value if a is not None]
        schema = error.schema
        key = self._key(error)
        suggestion = _did_you_mean(str(value), [str(a) for a in allowed]) if isinstance(value, str) else None
        if schema.get("title") == "country code":
            message = f"{show(value)} is not an ISO 3166-1 alpha-2 country code"
            fix = schema.get("x-fix")
            if suggestion:
                fix = f"did you mean {suggestion!r}? " + (fix[:1].upper() + fix[1:] if fix else "")
            return [self._plain(error, message, fix)]
        if not isinstance(value, str) and any(isinstance(a, str) for a in allowed):
            message = f"expected text for {key}, found {_found(value)}"
        else:
            message = f"{show(value)} is not an allowed value for {key}"
        fix = "use one of: " + ", ".join(str(a) for a in allowed)
        if suggestion:
            fix = f"did you mean {suggestion!r}? Allowed: " + ", ".join(str(a) for a in allowed)
        return [self._plain(error, message, fix)]

    def _const(self, error: _KeywordError) -> list[Finding]:
        value = error.instance
        if isinstance(value, int) and not isinstance(value, bool) and value > 1:
            message = f"this file is in format version {value}; this ropa reads format version 1"
            return [self._plain(error, message,
                                "upgrade ropa (pip install -U ropa), or write the file in format 1")]
        return [self._plain(error, f"the format version must be the number 1, found {_found(value)}",
                            "write `ropa: 1` (a plain 1, without quotes)")]

    def _additionalProperties(self, error: _KeywordError) -> list[Finding]:
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
            out.append(_finding(location, f"unknown key {show(key)}", fix))
        return out

    def _required(self, error: _KeywordError) -> list[Finding]:
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

    def _pattern(self, error: _KeywordError) -> list[Finding]:
        schema = error.schema
        title = schema.get("title", "value")
        value = error.instance
        message = f"{show(value)} is not {_a(title)}"
        fix = schema.get("x-fix")
        if title == "identifier" and isinstance(value, str):
            slug = "-".join("".join(c if c.isalnum() and c.isascii() else " " for c in value.lower()).split())
            if slug:
                fix = f"{fix}, for example {slug[:60]!r}"
        elif title == "date":
            message = f"{show(value)} is not a date written YYYY-MM-DD"
        if title in ("ISO 8601 duration", "rule id") and isinstance(value, str):
            hint = _pattern_hint(value, title, error.validator_value)
            if hint:
                fix = f"did you mean {hint!r}? " + (fix[:1].upper() + fix[1:] if fix else "")
        return [self._plain(error, message, fix)]

    def _format(self, error: _KeywordError) -> list[Finding]:
        return [self._plain(error, f"{show(error.instance)} is not a real calendar date",
                            "write an existing date as YYYY-MM-DD, such as 2025-08-17")]

    def _maxLength(self, error: _KeywordError) -> list[Finding]:
        size = len(error.instance)
        fix = "shorten it; keep long documents in a file and put its path or link here"
        if error.schema.get("title") not in (None, "text"):
            fix = f"shorten it to at most {error.validator_value:,} characters"
        message = f"text too long: {size:,} characters, at most {error.validator_value:,}"
        return [self._plain(error, message, fix)]

    def _minimum(self, error: _KeywordError) -> list[Finding]:
        return [self._plain(error, f"{show(error.instance)} is below the minimum {error.validator_value}",
                            f"write a number of at least {error.validator_value}")]

    def _maximum(self, error: _KeywordError) -> list[Finding]:
        return [self._plain(error, f"{show(error.instance)} is above the maximum {error.validator_value}",
                            f"write a number of at most {error.validator_value}")]

    def _anyOf(self, error: _KeywordError) -> list[Finding]:
        branches: dict[int, list[ValidationError]] = {}
        for sub in error.context or []:
            branches.setdefault(int(sub.schema_path[0]), []).append(sub)
        fitting = {
            index: errors for index, errors in branches.items()
            if not any(e.validator == "type" and not e.relative_path for e in errors)
        }
        options = [_resolve(option) for option in error.validator_value]
        if len(fitting) != 1:
            # a value of the wrong type for an optional key: describe the one real option
            real = [i for i, option in enumerate(options) if option.get("type") != "null"]
            if len(real) == 1 and real[0] in branches:
                fitting = {real[0]: branches[real[0]]}
        if len(fitting) == 1:
            (errors,) = fitting.values()
            out: list[Finding] = []
            for sub in _dominant(errors):
                out.extend(self.describe(sub))
            return out
        kinds = [option.get("title") or _expected(option.get("type", "value")) for option in options]
        words = " or ".join(dict.fromkeys(_a(k) for k in kinds if k != "nothing"))
        description = error.schema.get("description")
        fix = f"write {description}" if description else None
        return [self._plain(error, f"expected {words}, found {_found(error.instance)}", fix)]

    _oneOf = _anyOf


def _resolve(option: dict[str, Any]) -> dict[str, Any]:
    """A schema option with its $ref followed (all kinds share the register's $defs)."""
    ref = option.get("$ref")
    if not isinstance(ref, str):
        return option
    node: Any = load_schema("register")
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    result: dict[str, Any] = node
    return result


def _hidden(validator: str, here: set[str]) -> bool:
    if "type" in here:
        return validator != "type"
    if "maxLength" in here and validator in ("pattern", "format", "enum"):
        return True
    return "pattern" in here and validator == "format"


def _dominant(errors: Iterable[ValidationError]) -> list[ValidationError]:
    """One clear error per value: a wrong type hides everything else said about the same
    value, a text too long hides its pattern, a pattern hides the calendar check."""
    errors = list(errors)
    kinds: dict[tuple[str | int, ...], set[str]] = {}
    for e in errors:
        kinds.setdefault(tuple(e.absolute_path), set()).add(str(e.validator))
    return [e for e in errors if not _hidden(str(e.validator), kinds[tuple(e.absolute_path)])]


_EMPTY_FIX = {
    "register": "a register file starts with `ropa: 1` followed by its sections "
                "(organisation, activities, …)",
    "activity": "write `ropa: 1` and the activity's keys (id, name, …), or delete the file",
    "processor": "write `ropa: 1` and the processor's keys (id, name, …), or delete the file",
}


def empty_file(kind: str, file: str, comments_only: bool) -> Finding:
    """The problem of a file that holds no YAML value at all."""
    message = "the file holds only comments, no data" if comments_only else "the file is empty"
    return _finding(Location(file, 1, 1, "$"), message, _EMPTY_FIX.get(kind, _EMPTY_FIX["register"]))


def validate_document(data: Any, kind: str, file: str) -> list[Finding]:
    """Every schema violation in one file's data, as ROPA002 findings."""
    if data is None:
        return [empty_file(kind, file, comments_only=False)]
    if is_valid_fast(data, kind):
        return []
    describer = _Describer(_Locator(data, file))
    findings: list[Finding] = []
    for error in _dominant(_validator(kind).iter_errors(data)):
        findings.extend(describer.describe(error))
    unique = {(f.location, f.message): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)


def is_valid_fast(data: Any, kind: str) -> bool:
    """Whether the compiled check accepts ``data``: then jsonschema would find nothing. False
    means "ask jsonschema" (the compiled check is never more lenient than it)."""
    check = fast_check(kind)
    if check is None:
        return False
    try:
        return check(data)
    except Exception:  # noqa: BLE001 - a value the compiled check did not foresee: jsonschema judges
        return False
