"""Read one YAML file into plain data that remembers where every value stands.

ropa reads YAML with the scalars of YAML 1.2's core schema: only true/false are booleans,
so ``NO`` (Norway), ``yes`` or ``on`` stay text, and dates stay text until the model is
built. Mappings and lists come back as :class:`YMap` and :class:`YSeq`, which carry the
1-based line and column of themselves and of each key and item. libyaml does the parsing
when it is installed (PyYAML's C extension), and duplicate keys, alias bombs and
unsupported tags are refused with a location instead of being silently accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ropa.model.origin import Location
from ropa.rules.finding import Finding, Severity

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NodeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Parses and composes nodes only; every plain scalar keeps the plain-string tag."""

    yaml_implicit_resolvers: dict[str, Any] = {}


MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 100
MAX_EXPANSION = 100_000  # values an alias may expand a document to beyond its own size

_STR = "tag:yaml.org,2002:str"
_CORE_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


class YMap(dict[str, Any]):
    """A mapping that knows its position and the positions of its keys and values."""

    __slots__ = ("line", "column", "positions")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.positions: dict[str, tuple[int, int, int, int]] = {}


class YSeq(list[Any]):
    """A list that knows its position and the positions of its items."""

    __slots__ = ("line", "column", "positions")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.positions: list[tuple[int, int]] = []


@dataclass(slots=True)
class YamlDocument:
    """One file's data (``None`` when it could not be read) and the problems found."""

    file: str
    data: Any = None
    problems: list[Finding] = field(default_factory=list)


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar, read with YAML 1.2's core schema."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(value):
            return int(value)
        if _OCT.fullmatch(value):
            return int(value[2:], 8)
        if _HEX.fullmatch(value):
            return int(value[2:], 16)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _INF.fullmatch(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.fullmatch(value):
            return float("nan")
    return value


def _syntax(file: str, line: int, column: int, message: str, fix: str) -> Finding:
    return Finding(
        rule="ROPA001",
        name="yaml-syntax",
        severity=Severity.ERROR,
        message=message,
        location=Location(file, line, column, "$"),
        fix=fix,
    )


def _syntax_fix(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "check the indentation of this line against the line above, and quote values that contain ': '"
    if "expected a single document" in problem:
        return "keep one YAML document per file (remove the extra '---')"
    if "found undefined alias" in problem:
        return "define the anchor (&name) before using the alias (*name)"
    return "correct the YAML syntax at this position (check indentation, colons and quotes)"


class _Builder:
    """Turns composed nodes into YMap/YSeq/scalars, with the checks libyaml does not make."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Finding] = []

    def check_expansion(self, root: yaml.Node) -> Finding | None:
        sizes: dict[int, int] = {}
        distinct = 0
        active: set[int] = set()

        def size(node: yaml.Node, depth: int) -> int:
            nonlocal distinct
            key = id(node)
            if key in sizes:
                return sizes[key]
            if key in active:
                raise _Refused(node, "an alias refers to the node that contains it (a recursive alias)",
                               "remove the recursive alias")
            if depth > MAX_DEPTH:
                raise _Refused(node, f"values are nested more than {MAX_DEPTH} levels deep",
                               "flatten the structure; a register is never this deep")
            distinct += 1
            total = 1
            if isinstance(node, yaml.MappingNode):
                active.add(key)
                for k, v in node.value:
                    total += size(k, depth + 1) + size(v, depth + 1)
                active.discard(key)
            elif isinstance(node, yaml.SequenceNode):
                active.add(key)
                for item in node.value:
                    total += size(item, depth + 1)
                active.discard(key)
            sizes[key] = total
            return total

        try:
            expanded = size(root, 0)
        except _Refused as refused:
            mark = refused.node.start_mark
            return _syntax(self.file, mark.line + 1, mark.column + 1, refused.message, refused.fix)
        if expanded > distinct + MAX_EXPANSION:
            return _syntax(
                self.file, 1, 1,
                f"aliases expand this file to {expanded:,} values from {distinct:,} written "
                "(a YAML alias bomb?); ropa refuses to expand it",
                "write the values out, or use far fewer aliases",
            )
        return None

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag not in _CORE_TAGS:
            self.refuse(node, f"unsupported YAML tag {tag!r}", "remove the tag; write a plain value")
            return node.value
        if not node.style and tag == _STR:
            return resolve_plain(node.value)
        if tag == _STR or tag.endswith(":str"):
            return node.value
        resolved = resolve_plain(node.value)
        return resolved

    def mapping(self, node: yaml.MappingNode) -> YMap:
        mark = node.start_mark
        out = YMap(mark.line + 1, mark.column + 1)
        for key_node, value_node in node.value:
            km, vm = key_node.start_mark, value_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                self.refuse(key_node, "a key must be plain text, not a list or a mapping",
                            "write the key as text")
                continue
            key = key_node.value
            if key in out:
                first = out.positions[key]
                self.problems.append(Finding(
                    rule="ROPA004",
                    name="duplicate-id",
                    severity=Severity.ERROR,
                    message=f"duplicate key {key!r} in this mapping (first at line {first[0]}); "
                            "YAML would silently keep only one of the values",
                    location=Location(self.file, km.line + 1, km.column + 1, "$"),
                    fix="remove one of the two keys, or rename it",
                ))
                continue
            out[key] = self.build(value_node)
            out.positions[key] = (km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
        return out

    def sequence(self, node: yaml.SequenceNode) -> YSeq:
        mark = node.start_mark
        out = YSeq(mark.line + 1, mark.column + 1)
        for item in node.value:
            out.append(self.build(item))
            im = item.start_mark
            out.positions.append((im.line + 1, im.column + 1))
        return out

    def refuse(self, node: yaml.Node, message: str, fix: str) -> None:
        mark = node.start_mark
        self.problems.append(_syntax(self.file, mark.line + 1, mark.column + 1, message, fix))


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str, fix: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.fix = fix


def decode(raw: bytes, file: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text from a file's bytes, or the problem that says where it is not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _syntax(file, 1, 1, "the file is UTF-16 text; ropa reads UTF-8",
                             "save the file as UTF-8")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        start = exc.start
        line = raw.count(b"\n", 0, start) + 1
        column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
        return None, _syntax(
            file, line, column,
            f"the file is not UTF-8 text (byte 0x{raw[start]:02X} at line {line}, column {column})",
            "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
        )


def _tab_at(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    content = lines[line - 1]
    indent = content[: len(content) - len(content.lstrip(" \t"))]
    return "\t" in indent


def read_yaml_text(text: str, file: str) -> YamlDocument:
    """Parse ``text`` (the content of ``file``) into located data and problems."""
    doc = YamlDocument(file)
    loader = _NodeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        fix = _syntax_fix(problem)
        if _tab_at(text, line):
            problem += " (a tab character in the indentation)"
            fix = "indent with spaces, not tabs"
        doc.problems.append(_syntax(file, line, column, f"YAML syntax error: {problem}", fix))
        return doc
    except yaml.YAMLError as exc:
        doc.problems.append(_syntax(file, 1, 1, f"YAML error: {exc}",
                                    "remove control characters and save as plain UTF-8 text"))
        return doc
    finally:
        loader.dispose()
    if node is None:
        return doc
    builder = _Builder(file)
    refused = builder.check_expansion(node)
    if refused is not None:
        doc.problems.append(refused)
        return doc
    doc.data = builder.build(node)
    doc.problems.extend(builder.problems)
    return doc


def read_yaml_bytes(raw: bytes, file: str) -> YamlDocument:
    if len(raw) > MAX_FILE_BYTES:
        return YamlDocument(file, None, [_syntax(
            file, 1, 1, f"the file is {len(raw):,} bytes; ropa reads register files up to "
            f"{MAX_FILE_BYTES:,} bytes", "split the register into one file per activity")])
    text, problem = decode(raw, file)
    if problem is not None or text is None:
        return YamlDocument(file, None, [problem] if problem else [])
    return read_yaml_text(text, file)
