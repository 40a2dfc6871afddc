"""The register's own data, carried in a hidden sheet of the workbook so that
``ropa import xlsx`` gives back exactly the register that was exported.

The sheet ``ropa-source`` holds, in column A: a marker row (marker, version, language,
as-of date, whether fiches were written), a note for the curious, then the register as
compact JSON (which the YAML loader reads) cut in pieces of at most 8,000 characters.
Characters that are not printable are escaped (``\\u`` and four hex digits) and no piece
begins or ends with a space, so that Excel, LibreOffice and a save as .ods keep every piece
as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ropa.model.register import Register

MARKER = "ropa-source"
VERSION = "1"
PIECE = 8000
ESCAPE_CHUNK = 4096
NOTE = ("Register data for `ropa import xlsx`; do not edit (edit the YAML register and export again). "
        "Données du registre pour `ropa import xlsx` : ne pas modifier.")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    language: str
    as_of: date
    fiches: bool


def _escape(text: str) -> str:
    """``text`` with each unprintable character escaped; runs of printable text (nearly
    all of it) are checked a chunk at a time and kept as they are."""
    out = []
    for start in range(0, len(text), ESCAPE_CHUNK):
        chunk = text[start:start + ESCAPE_CHUNK]
        out.append(chunk if chunk.isprintable() else "".join(_escape_char(ch) for ch in chunk))
    return "".join(out)


def _escape_char(ch: str) -> str:
    if ch == " " or ch.isprintable():
        return ch
    if ord(ch) > 0xFFFF:
        return f"\\U{ord(ch):08x}"  # YAML's escape (the loader reads YAML)
    return f"\\u{ord(ch):04x}"


def source_text(register: Register) -> str:
    """The register as one line of JSON with every unprintable character escaped."""
    from ropa.writer import register_to_data

    def default(value: Any) -> str:
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(f"cannot embed {type(value).__name__}")

    data = register_to_data(register)
    return _escape(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=default))


def pieces(text: str) -> list[str]:
    """``text`` cut in pieces of at most PIECE characters, never next to a space."""
    result, start = [], 0
    while start < len(text):
        end = min(start + PIECE, len(text))
        while end < len(text) and end > start + 1 and (text[end - 1] == " " or text[end] == " "):
            end -= 1
        result.append(text[start:end])
        start = end
    return result


def source_rows(register: Register, info: SourceInfo) -> list[list[str]]:
    marker = [MARKER, VERSION, info.language, info.as_of.isoformat(), "fiches" if info.fiches else "no-fiches"]
    return [marker, [NOTE]] + [[piece] for piece in pieces(source_text(register))]


def read_marker(values: list[object]) -> SourceInfo | None:
    """The marker row's meaning, or None when the row is not ropa's marker."""
    if len(values) < 5 or values[0] != MARKER or str(values[1]) != VERSION:
        return None
    try:
        as_of = date.fromisoformat(str(values[3]))
    except ValueError:
        return None
    language = str(values[2]) if values[2] in ("fr", "en") else "fr"
    return SourceInfo(language, as_of, values[4] != "no-fiches")


def join_pieces(column: list[object]) -> str:
    """The JSON text back from column A of the rows after the note."""
    return "".join(str(v) for v in column if v not in (None, ""))
