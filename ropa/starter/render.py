"""Writes a register document as readable, stable YAML text, with comments.

PyYAML cannot write comments and chooses its own layout, so this module lays the document
out itself: keys in the order given, nested mappings and lists of mappings in block style,
short lists of scalars in flow style (``items: [nom, prénom]``), one scalar per line. Each
scalar is formatted by PyYAML (so quoting is always right) and falls back to double quotes
rather than single quotes, which French apostrophes would make unreadable. Output is UTF-8
text: accented letters are written as they are, never escaped.

Comments are looked up by dotted path in the document, list positions left out:
``purposes.consent_record`` matches the ``consent_record`` key of every purpose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

import yaml

INDENT = 2
COMMENT_COLUMN = 40
_WIDE = 1 << 30  # never fold a scalar over several lines

# Plain scalars that YAML 1.2 (the version ropa reads) would not read back as strings.
_YAML12_NOT_STRING = re.compile(
    r"""^(
        [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
      | 0o[0-7]+ | 0x[0-9a-fA-F]+
      | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
      | null|Null|NULL|~ | true|True|TRUE|false|False|FALSE
    )$""",
    re.VERBOSE,
)

Scalar = str | int | bool | None


@dataclass(frozen=True, slots=True)
class Comments:
    """Comments to place in a document: a header, and comments by dotted key path."""

    header: Sequence[str] = ()
    inline: Mapping[str, str] = field(default_factory=dict)
    above: Mapping[str, Sequence[str]] = field(default_factory=dict)


def render_document(
    body: Mapping[str, object], *, hint: str | None = None, comments: Comments | None = None
) -> str:
    """The YAML text of ``body``: the editor hint line, the header, then the keys."""
    notes = comments or Comments()
    lines: list[str] = []
    if hint is not None:
        lines.append(f"# {hint}")
    lines.extend(_comment_line(0, text) for text in notes.header)
    lines.extend(_mapping_lines(body, 0, "", notes))
    return "\n".join(lines) + "\n"


def format_scalar(value: Scalar, *, in_flow: bool = False) -> str:
    """One scalar as YAML: plain when that reads back the same, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _format_string(value, in_flow=in_flow)
    raise TypeError(f"cannot write a {type(value).__name__} as a YAML scalar: {value!r}")


def _format_string(text: str, *, in_flow: bool) -> str:
    if "\n" in text or "\r" in text:
        raise ValueError(f"a text written by ropa init must be one line: {text!r}")
    plain = _dump(text, in_flow=in_flow, quoted=False)
    if plain[:1] in ("'", '"') or _YAML12_NOT_STRING.match(text) or text != text.strip():
        return _dump(text, in_flow=in_flow, quoted=True)
    return plain


def _dump(text: str, *, in_flow: bool, quoted: bool) -> str:
    style = '"' if quoted else None
    if in_flow:
        dumped = yaml.safe_dump(
            [text], default_flow_style=True, default_style=style, allow_unicode=True, width=_WIDE
        )
        return dumped.strip()[1:-1]
    dumped = yaml.safe_dump(text, default_style=style, allow_unicode=True, width=_WIDE)
    return dumped.removesuffix("\n").removesuffix("\n...").removesuffix("\n")


def _mapping_lines(
    mapping: Mapping[str, object], indent: int, path: str, notes: Comments
) -> list[str]:
    lines: list[str] = []
    for key, value in mapping.items():
        key_path = f"{path}.{key}" if path else key
        lines.extend(_comment_line(indent, text) for text in notes.above.get(key_path, ()))
        lines.extend(_entry_lines(key, value, indent, key_path, notes))
    return lines


def _entry_lines(key: str, value: object, indent: int, path: str, notes: Comments) -> list[str]:
    head = " " * indent + f"{key}:"
    nested: list[str] = []
    if isinstance(value, Mapping) and value:
        nested = _mapping_lines(value, indent + INDENT, path, notes)
    elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        items = cast(list[Mapping[str, object]], value)
        nested = _list_of_mappings_lines(items, indent, path, notes)
    else:
        head += " " + _inline_value(value)
    return [_with_comment(head, notes.inline.get(path)), *nested]


def _inline_value(value: object) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list):
        return "[" + ", ".join(format_scalar(_scalar(v), in_flow=True) for v in value) + "]"
    return format_scalar(_scalar(value))


def _scalar(value: object) -> Scalar:
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"cannot write a {type(value).__name__} inline in YAML: {value!r}")


def _list_of_mappings_lines(
    items: Sequence[Mapping[str, object]], parent_indent: int, path: str, notes: Comments
) -> list[str]:
    """Items as ``- key: value`` blocks, the dash indented one step below the parent key."""
    indent = parent_indent + INDENT
    lines: list[str] = []
    for item in items:
        item_lines = _mapping_lines(item, indent + INDENT, path, notes)
        first = item_lines[0]
        if first.lstrip().startswith("#"):
            raise ValueError(f"no comment may stand above the first key of an item of {path}")
        item_lines[0] = " " * indent + "- " + first[indent + INDENT :]
        lines.extend(item_lines)
    return lines


def _with_comment(line: str, comment: str | None) -> str:
    if not comment:
        return line
    return f"{line.ljust(COMMENT_COLUMN - 1)} # {comment}"


def _comment_line(indent: int, text: str) -> str:
    return " " * indent + ("# " + text if text else "#").rstrip()
