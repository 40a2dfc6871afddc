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
from typing import Any, ClassVar, cast

import yaml

from ropa.loading.syntax import DEPTH_FIX, DEPTH_MESSAGE, MAX_DEPTH, explain, explain_reader
from ropa.model.origin import Location, child_path
from ropa.rules.finding import Finding, Severity

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NodeLoader(_BaseLoader):  # type: ignore[misc]
    """Parses and composes nodes only; every plain scalar keeps the plain-string tag."""

    yaml_implicit_resolvers: ClassVar[dict[str, Any]] = {}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        # what BaseResolver.resolve returns without implicit or path resolvers, for a
        # fraction of its cost (libyaml calls it for every node)
        return _DEFAULT_TAGS[kind]


MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_EXPANSION = 100_000  # values an alias may expand a document to beyond its own size

_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = _TAG_PREFIX + "str"
_MAP = _TAG_PREFIX + "map"
_SEQ = _TAG_PREFIX + "seq"
_DEFAULT_TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}
_SCALAR_TAGS = {_STR} | {_TAG_PREFIX + name for name in ("int", "float", "bool", "null")}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_WORDS = _NULLS | _TRUE | _FALSE
_NUMBER_START = frozenset("0123456789+-.")


class YMap(dict[str, Any]):
    """A mapping that knows its position and the positions of its keys and values."""

    __slots__ = ("column", "line", "positions")

    def __init__(self, line: int, column: int) -> None:
        super().__init__()
        self.line = line
        self.column = column
        self.positions: dict[str, tuple[int, int, int, int]] = {}


class YSeq(list[Any]):
    """A list that knows its position and the positions of its items."""

    __slots__ = ("column", "line", "positions")

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
    comments_only: bool = False  # no value, but the file is not blank


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
            return int(value, 0)
        if _HEX.fullmatch(value):
            return int(value, 0)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _INF.fullmatch(value):
            return float("-inf") if value.startswith("-") else float("inf")
        if _NAN.fullmatch(value):
            return float("nan")
    return value


def _syntax(file: str, line: int, column: int, message: str, fix: str, path: str = "$") -> Finding:
    return Finding(
        rule="ROPA001",
        name="yaml-syntax",
        severity=Severity.ERROR,
        message=message,
        location=Location(file, line, column, path),
        fix=fix,
    )


def _tag_text(tag: str) -> str:
    short = "!!" + tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else tag
    return short if len(short) <= 60 else short[:60] + "…"


class _TooDeep(Exception):
    """A mapping or list nested deeper than a document may be (see check_expansion)."""


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str, fix: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.fix = fix


def _expanded_size(root: yaml.Node) -> tuple[int, int]:
    """(values the document expands to, distinct values written); raises _Refused when an
    alias contains itself or the nesting is too deep."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    distinct = 0

    def size(node: yaml.Node, depth: int) -> int:
        nonlocal distinct
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _Refused(node, "an alias refers to the node that contains it (a recursive alias)",
                           "remove the alias, or point it at a value outside the one it stands in")
        if depth > MAX_DEPTH:
            raise _Refused(node, DEPTH_MESSAGE, DEPTH_FIX)
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

    return size(root, 0), distinct


class _Builder:
    """Turns composed nodes into YMap/YSeq/scalars, with the checks libyaml does not make.

    Problems found while building (duplicate keys, unsupported tags) are kept with their
    position and given their JSON path once the whole document is built: nothing is
    spent on paths while reading a file that has none."""

    def __init__(self, file: str, text: str, shared: dict[Any, Any] | None = None) -> None:
        self.file = file
        self.text = text
        # equal keys, texts and positions of the files of one register are one object each:
        # less memory, and ropa's cache stores and reads each once
        self.shared: dict[Any, Any] = {} if shared is None else shared
        self.refused: list[tuple[int, int, str, str]] = []
        self.duplicates: list[tuple[YMap, str, int, int, int]] = []
        self.depth = 0  # of the mapping or list being built (the root's is 1)
        self.max_depth = MAX_DEPTH  # past it, build() stops: check_expansion() says why

    def check_expansion(self, root: yaml.Node) -> Finding | None:
        try:
            expanded, distinct = _expanded_size(root)
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
            value = self.scalar(node)
            return self.shared.setdefault(value, value) if type(value) is str else value
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if not node.style and tag == _STR:
            value = resolve_plain(node.value)
            if isinstance(value, str) or not self.explicit_tag(node):
                return value
            return node.value  # `!!str 12` or `! 12`: text, as written
        if tag == _STR:
            return node.value
        if tag not in _SCALAR_TAGS:
            self.refuse(node)
            return node.value
        return resolve_plain(node.value)

    def explicit_tag(self, node: yaml.Node) -> bool:
        return "!" in self.text[node.start_mark.index:node.end_mark.index]

    def mapping(self, node: yaml.MappingNode) -> YMap:
        mark = node.start_mark
        if node.tag != _MAP:
            self.refuse(node)
        self.enter()
        out = YMap(mark.line + 1, mark.column + 1)
        positions = out.positions
        shared = self.shared
        for key_node, value_node in node.value:
            km, vm = key_node.start_mark, value_node.start_mark
            if key_node.__class__ is not yaml.ScalarNode:
                message = "a key must be plain text, not a list or a mapping"
                self.refused.append((km.line + 1, km.column + 1, message, "write the key as text"))
                continue
            if key_node.tag not in _SCALAR_TAGS:
                self.refuse(key_node)
            key = cast(str, shared.setdefault(key_node.value, key_node.value))
            if key in positions:
                self.duplicates.append((out, key, km.line + 1, km.column + 1, positions[key][0]))
                continue
            text = value_node.value
            if (value_node.__class__ is yaml.ScalarNode and not value_node.style and value_node.tag == _STR
                    and text and text[0] not in _NUMBER_START and text not in _WORDS):
                out[key] = shared.setdefault(text, text)  # plain text, the common case
            else:
                out[key] = self.build(value_node)
            position = (km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
            positions[key] = shared.setdefault(position, position)
        self.depth -= 1
        return out

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise _TooDeep

    def sequence(self, node: yaml.SequenceNode) -> YSeq:
        mark = node.start_mark
        if node.tag != _SEQ:
            self.refuse(node)
        self.enter()
        out = YSeq(mark.line + 1, mark.column + 1)
        shared = self.shared
        for item in node.value:
            out.append(self.build(item))
            im = item.start_mark
            position = (im.line + 1, im.column + 1)
            out.positions.append(shared.setdefault(position, position))
        self.depth -= 1
        return out

    def refuse(self, node: yaml.Node) -> None:
        mark = node.start_mark
        self.refused.append((mark.line + 1, mark.column + 1,
                             f"unsupported YAML tag {_tag_text(node.tag)}: ropa reads plain data only",
                             "remove the tag and write the value as plain YAML"))

    def problems(self, data: Any) -> list[Finding]:
        if not self.refused and not self.duplicates:
            return []
        paths = _Paths(data)
        found = [_syntax(self.file, line, column, message, fix, paths.at(line, column))
                 for line, column, message, fix in self.refused]
        for mapping, key, line, column, first in self.duplicates:
            found.append(Finding(
                rule="ROPA004", name="duplicate-id", severity=Severity.ERROR,
                message=f"the key {_short(key)} appears twice in this mapping (first at line {first}); "
                        "YAML would keep only one of the values",
                location=Location(self.file, line, column, child_path(paths.of(mapping), path_key(key))),
                fix="remove one of the two, or merge their values",
            ))
        return found


def _short(text: str) -> str:
    return repr(path_key(text))


def path_key(key: str) -> str:
    """A key as a JSON path shows it: cut at 60 characters, like every value in a message."""
    return key if len(key) <= 60 else key[:60] + "…"


class _Paths:
    """The JSON path of each position and mapping of a built document (for problems)."""

    def __init__(self, data: Any) -> None:
        self.by_position: dict[tuple[int, int], str] = {}
        self.by_mapping: dict[int, str] = {}
        if isinstance(data, (YMap, YSeq)):
            self.by_position[(data.line, data.column)] = "$"
        stack: list[tuple[Any, str]] = [(data, "$")]
        while stack:
            node, path = stack.pop()
            if isinstance(node, YMap):
                self.by_mapping.setdefault(id(node), path)
                for key, (kl, kc, vl, vc) in node.positions.items():
                    child = child_path(path, path_key(key))
                    self.by_position.setdefault((kl, kc), child)
                    self.by_position.setdefault((vl, vc), child)
                    stack.append((node[key], child))
            elif isinstance(node, YSeq):
                for index, (line, column) in enumerate(node.positions):
                    child = child_path(path, index)
                    self.by_position.setdefault((line, column), child)
                    stack.append((node[index], child))

    def at(self, line: int, column: int) -> str:
        return self.by_position.get((line, column), "$")

    def of(self, mapping: YMap) -> str:
        return self.by_mapping.get(id(mapping), "$")


def decode(raw: bytes, file: str) -> tuple[str | None, Finding | None]:
    """UTF-8 text from a file's bytes, or the problem that says where it is not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4]:
        return None, _syntax(file, 1, 1, "the file is UTF-16 (or UTF-32) text; ropa reads UTF-8",
                             "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # a byte order mark is not text
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        start = exc.start
        line = body.count(b"\n", 0, start) + 1
        column = len(body[body.rfind(b"\n", 0, start) + 1:start].decode("utf-8", "replace")) + 1
        return None, _syntax(
            file, line, column,
            f"the file is not UTF-8 text (byte 0x{body[start]:02X} at line {line}, column {column})",
            "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
        )


def _parse(text: str, file: str) -> tuple[yaml.Node | None, Finding | None]:
    loader = _NodeLoader(text)
    try:
        return loader.get_single_node(), None
    except yaml.reader.ReaderError as exc:
        found = explain_reader(exc, text)
    except yaml.MarkedYAMLError as exc:
        found = explain(exc, text)
    except RecursionError:  # the pure-Python parser on a very deep document
        return None, _syntax(file, 1, 1, DEPTH_MESSAGE, DEPTH_FIX)
    except yaml.YAMLError as exc:
        return None, _syntax(file, 1, 1, f"YAML error: {str(exc)[:200]}",
                             "remove control characters and save as plain UTF-8 text")
    finally:
        loader.dispose()
    return None, _syntax(file, found.line, found.column, found.message, found.fix)


def read_yaml_text(text: str, file: str, shared: dict[Any, Any] | None = None) -> YamlDocument:
    """Parse ``text`` (the content of ``file``) into located data and problems."""
    doc = YamlDocument(file)
    node, problem = _parse(text, file)
    if problem is not None:
        doc.problems.append(problem)
        return doc
    if node is None:
        doc.comments_only = bool(text.strip())
        return doc
    builder = _Builder(file, text, shared)
    try:
        # without a '*' there is no alias, so nothing to expand: only the depth is checked,
        # while building; an alias (or a deep document) gets the full check first
        if "*" in text:
            raise _TooDeep
        doc.data = builder.build(node)
    except _TooDeep:
        refused = builder.check_expansion(node)
        if refused is not None:
            doc.problems.append(refused)
            return doc
        builder = _Builder(file, text, shared)
        builder.max_depth = MAX_DEPTH + 2  # check_expansion() found it shallow enough
        doc.data = builder.build(node)
    doc.problems.extend(builder.problems(doc.data))
    return doc


def read_yaml_bytes(raw: bytes, file: str, shared: dict[Any, Any] | None = None) -> YamlDocument:
    if len(raw) > MAX_FILE_BYTES:
        return YamlDocument(file, None, [_syntax(
            file, 1, 1, f"the file is {len(raw):,} bytes; ropa reads register files up to "
            f"{MAX_FILE_BYTES:,} bytes", "split the register into one file per activity")])
    text, problem = decode(raw, file)
    if problem is not None or text is None:
        return YamlDocument(file, None, [problem] if problem else [])
    return read_yaml_text(text, file, shared)
