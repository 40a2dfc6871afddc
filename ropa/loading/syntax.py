"""YAML errors in plain words: where to look, what is wrong, and what to change.

libyaml reports a problem (and sometimes the construct it was reading, its "context")
with a position. Most of its wording speaks of the parser ("did not find expected
node content"); this module says what the user wrote instead, and points at the place to
edit, which for an unclosed quote or a key without ':' is where the construct starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

MAX_DEPTH = 100
DEPTH_MESSAGE = f"values are nested more than {MAX_DEPTH} levels deep"
DEPTH_FIX = "flatten the structure; a register is never this deep"
_GENERIC_FIX = "correct the YAML syntax at this position (check indentation, colons and quotes)"
_TAB_FIX = "indent with spaces, not tabs"
_ALIAS = re.compile(r"\*[^\s,\[\]{}]{1,60}")


@dataclass(frozen=True, slots=True)
class Explained:
    line: int
    column: int
    message: str
    fix: str


def _at(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _tab_in_indent(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    content = lines[line - 1]
    return "\t" in content[: len(content) - len(content.lstrip(" \t"))]


def _char_at(text: str, mark: Any) -> str:
    index = getattr(mark, "index", -1)
    return text[index] if 0 <= index < len(text) else ""


# (problem contains, context contains or "", located at the context?, message, fix)
_KNOWN: tuple[tuple[str, str, bool, str, str], ...] = (
    ("mapping values are not allowed", "", False,
     "unexpected ':' (a 'key: value' cannot start here)",
     "check this line's indentation against the line above, and quote a value that contains ': '"),
    ("found unexpected end of stream", "quoted scalar", True,
     "the quoted text that starts here is never closed",
     "close the quote with the same character (\" or ') that opens it"),
    ("did not find expected ',' or ']'", "", False,
     "expected ',' or ']': a list opened with '[' is not closed",
     "close the list with ']', and quote items that contain ',', ':', '[' or ']'"),
    ("did not find expected ',' or '}'", "", False,
     "expected ',' or '}': a mapping opened with '{' is not closed",
     "close the mapping with '}', and quote values that contain ',', ':', '{' or '}'"),
    ("did not find expected node content", "flow", False, "a value is missing: a '[' or '{' is not closed",
     "close every '[' with ']' and every '{' with '}'"),
    ("did not find expected key", "", False, "this line does not fit the mapping above it",
     "check the indentation: the keys of one mapping start in the same column"),
    ("did not find expected '-' indicator", "", False, "expected a '- ' list item at this indentation",
     "start every item of the list with '- ' in the same column, or indent this line under its item"),
    ("could not find expected ':'", "", True, "a key without ':' (or text that continues on a wrong line)",
     "write 'key: value' with ': ' after the key, or quote text that spans several lines"),
    ("but found another document", "", False, "a second YAML document ('---') in this file",
     "keep one document per file: remove the '---' and what follows, or move it to its own file"),
    ("did not find expected <document start>", "", False, "content after the end of the document ('...')",
     "remove the '...' line, or what follows it"),
    ("found unknown escape character", "", False, "an unknown escape sequence ('\\') in double-quoted text",
     "write \\\\ for a backslash, or use single quotes"),
    ("second occurrence", "duplicate anchor", False, "the anchor is defined twice",
     "give each anchor (&name) its own name"),
    ("found a tab character", "", False, "a tab character in the indentation", _TAB_FIX),
)


def explain(exc: yaml.MarkedYAMLError, text: str) -> Explained:
    """What a libyaml error means for the person who wrote ``text``."""
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context or ""
    line, column = _at(exc.problem_mark or exc.context_mark)
    if "cannot start any token" in problem:
        return _bad_start(text, exc.problem_mark, line, column)
    if "found undefined alias" in problem:
        index = getattr(exc.problem_mark, "index", 0)
        found = _ALIAS.match(text, index)
        name = found.group(0) if found else "*"
        return Explained(line, column, f"YAML syntax error: the alias {name} refers to no anchor",
                         f"define the anchor (&{name[1:]}) before using it, or quote the value if "
                         "'*' is meant as text")
    if "exceeded maximum nesting depth" in problem:
        return Explained(line, column, DEPTH_MESSAGE, DEPTH_FIX)
    for needle, in_context, at_context, message, fix in _KNOWN:
        if needle in problem and in_context in context:
            if at_context and exc.context_mark is not None:
                line, column = _at(exc.context_mark)
            if fix != _TAB_FIX and _tab_in_indent(text, line):
                return Explained(line, column, f"YAML syntax error: {message} (a tab character in the "
                                 "indentation)", _TAB_FIX)
            return Explained(line, column, f"YAML syntax error: {message}", fix)
    message = f"YAML syntax error: {problem}"
    if _tab_in_indent(text, line):
        return Explained(line, column, message + " (a tab character in the indentation)", _TAB_FIX)
    return Explained(line, column, message, _GENERIC_FIX)


def _bad_start(text: str, mark: Any, line: int, column: int) -> Explained:
    char = _char_at(text, mark)
    if char == "\t" or _tab_in_indent(text, line):
        return Explained(line, column, "YAML syntax error: a tab character in the indentation", _TAB_FIX)
    message = f"YAML syntax error: {char or 'this character'!r} cannot start a plain value"
    return Explained(line, column, message,
                     "quote the value (\"…\"): YAML reserves '@', '`' and '%' at the start of plain text")


def explain_reader(exc: yaml.reader.ReaderError, text: str) -> Explained:
    """A character YAML does not allow (libyaml gives its offset in UTF-8 bytes)."""
    position = max(int(getattr(exc, "position", 0) or 0), 0)
    before = text.encode("utf-8")[:position].decode("utf-8", "ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    character = exc.character
    code = f"U+{character:04X}" if isinstance(character, int) else "a control character"
    return Explained(line, column, f"the file holds the control character {code}, which YAML does not allow",
                     "delete it (it is invisible in most editors), then save the file as UTF-8 text")
