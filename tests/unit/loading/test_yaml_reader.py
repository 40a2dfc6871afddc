"""Reading YAML: YAML 1.2 scalars, positions, and the problems libyaml leaves to us."""

from __future__ import annotations

import math
from typing import Any

import pytest

from ropa.loading import yaml_reader
from ropa.loading.yaml_reader import YMap, YSeq, read_yaml_bytes, read_yaml_text


def _value(written: str) -> Any:
    document = read_yaml_text(f"v: {written}\n", "f.yaml")
    assert document.problems == []
    return document.data["v"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # booleans: only true/false, in three spellings
        ("true", True), ("True", True), ("TRUE", True), ("false", False), ("False", False), ("FALSE", False),
        # YAML 1.1 booleans are text in YAML 1.2
        ("yes", "yes"), ("no", "no"), ("Yes", "Yes"), ("NO", "NO"), ("on", "on"), ("off", "off"),
        ("y", "y"), ("n", "n"),
        # null
        ("null", None), ("Null", None), ("NULL", None), ("~", None), ("", None),
        # integers: decimal (leading zeros allowed), octal 0o, hexadecimal 0x
        ("12", 12), ("+12", 12), ("-7", -7), ("0123", 123), ("0o17", 15), ("0x1F", 31),
        # floats
        ("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("1e3", 1000.0), ("2.5E-1", 0.25),
        (".inf", math.inf), ("-.Inf", -math.inf), ("+.INF", math.inf),
        # YAML 1.1 forms that are text in YAML 1.2
        ("1_000", "1_000"), ("0b101", "0b101"), ("017", 17), ("12:30", "12:30"), ("0x", "0x"),
        ("1.2.3", "1.2.3"), ("~x", "~x"), ("nulls", "nulls"), ("truely", "truely"),
        # dates stay text until the model is built
        ("2025-08-17", "2025-08-17"),
        # quoted and block scalars are always text
        ("'true'", "true"), ('"12"', "12"), ('""', ""), ("'null'", "null"), ("|\n  12\n", "12\n"),
        # an explicit !!str tag, or the non-specific tag !, keeps a plain scalar as text
        ("!!str 12", "12"), ("!!str true", "true"), ("! 12", "12"), ("!!str", ""),
        ("!!int '12'", 12), ("!!bool 'true'", True),
    ],
)
def test_scalars_are_read_with_yaml_1_2_core_schema(written: str, expected: Any) -> None:
    value = _value(written)
    assert value == expected
    assert type(value) is type(expected)


def test_nan_is_a_float() -> None:
    assert math.isnan(_value(".nan"))


def test_norway_stays_norway_in_lists_and_keys() -> None:
    data = read_yaml_text("ropa: 1\nNO: [NO, no, No]\n", "f.yaml").data
    assert data == {"ropa": 1, "NO": ["NO", "no", "No"]}


def test_keys_are_text_even_when_they_look_like_numbers_or_booleans() -> None:
    data = read_yaml_text("1: a\ntrue: b\nnull: c\n", "f.yaml").data
    assert list(data) == ["1", "true", "null"]


def test_mappings_and_lists_know_their_positions() -> None:
    text = "ropa: 1\norganisation:\n  name: Acme\n  establishments: [FR, 'IE']\nlist:\n  - a\n  -   b\n"
    data = read_yaml_text(text, "f.yaml").data
    assert isinstance(data, YMap) and (data.line, data.column) == (1, 1)
    assert data.positions["organisation"] == (2, 1, 3, 3)
    organisation = data["organisation"]
    assert isinstance(organisation, YMap) and (organisation.line, organisation.column) == (3, 3)
    assert organisation.positions == {"name": (3, 3, 3, 9), "establishments": (4, 3, 4, 19)}
    establishments = organisation["establishments"]
    assert isinstance(establishments, YSeq) and (establishments.line, establishments.column) == (4, 19)
    assert establishments.positions == [(4, 20), (4, 24)]
    assert data["list"].positions == [(6, 5), (7, 7)]


def test_positions_count_characters_not_bytes() -> None:
    data = read_yaml_text("nom: Société\nvilles: [Zürich, Genève]\n", "f.yaml").data
    assert data["villes"].positions == [(2, 10), (2, 18)]


def test_a_byte_order_mark_and_windows_line_ends_are_accepted() -> None:
    document = read_yaml_bytes(b"\xef\xbb\xbfropa: 1\r\nname: Acme\r\n", "f.yaml")
    assert document.problems == []
    assert document.data == {"ropa": 1, "name": "Acme"}
    assert document.data.positions["name"] == (2, 1, 2, 7)


def test_an_empty_file_and_a_file_of_comments_have_no_data() -> None:
    empty = read_yaml_text("", "f.yaml")
    comments = read_yaml_text("# nothing yet\n", "f.yaml")
    assert (empty.data, empty.problems, empty.comments_only) == (None, [], False)
    assert (comments.data, comments.problems, comments.comments_only) == (None, [], True)


def test_aliases_are_expanded_within_limits() -> None:
    data = read_yaml_text("a: &x [1, 2]\nb: *x\n", "f.yaml").data
    assert data == {"a": [1, 2], "b": [1, 2]}


def _lines(text: str) -> list[str]:
    return [p.line() for p in read_yaml_text(text, "f.yaml").problems]


def test_duplicate_keys_are_reported_with_their_path_and_the_first_line() -> None:
    assert _lines("ropa: 1\nactivities:\n  - id: a\n    name: A\n    id: b\n") == [
        ("f.yaml:5:5: ROPA004 duplicate-id: the key 'id' appears twice in this mapping (first at line 3); "
        "YAML would keep only one of the values [$.activities[0].id] Fix: remove one of the two, or "
        "merge their values")
    ]


def test_the_first_of_two_duplicate_keys_is_kept() -> None:
    assert read_yaml_text("a: 1\na: 2\n", "f.yaml").data == {"a": 1}


@pytest.mark.parametrize(
    ("text", "where", "tag"),
    [
        (("ropa: 1\nname: !!binary "
         "aGk=\n"), "2:7: ROPA001 yaml-syntax: unsupported YAML tag !!binary", "$.name"),
        ("ropa: 1\norganisation: !!set {a, b}\n", "2:15: ROPA001 yaml-syntax: unsupported YAML tag !!set",
         "$.organisation"),
        ("ropa: 1\nlist: !!omap [a: 1]\n", "2:7: ROPA001 yaml-syntax: unsupported YAML tag !!omap", "$.list"),
        ("ropa: 1\n!!python/name:os.system key: 1\n",
         "2:1: ROPA001 yaml-syntax: unsupported YAML tag !!python/name:os.system", "$.key"),
        ("ropa: 1\nname: !local x\n", "2:7: ROPA001 yaml-syntax: unsupported YAML tag !local", "$.name"),
    ],
)
def test_unsupported_tags_are_refused_where_they_stand(text: str, where: str, tag: str) -> None:
    assert _lines(text) == [
        (f"f.yaml:{where}: ropa reads plain data only [{tag}] Fix: remove the tag and write the value as "
         "plain YAML")
    ]


def test_a_value_with_an_unsupported_tag_is_still_read() -> None:
    assert read_yaml_text("name: !!binary aGk=\n", "f.yaml").data == {"name": "aGk="}


def test_a_mapping_used_as_a_key_is_refused() -> None:
    assert _lines("? {a: 1}\n: x\n") == [
        ("f.yaml:1:3: ROPA001 yaml-syntax: a key must be plain text, not a list or a mapping [$] "
        "Fix: write the key as text")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ropa: 1\nitems: [a, b\n",
         ("3:1: ROPA001 yaml-syntax: YAML syntax error: expected ',' or ']': a list opened with '[' is not "
         "closed [$] Fix: close the list with ']', and quote items that contain ',', ':', '[' or ']'")),
        ("ropa: 1\nx: {a: 1\ny: 2\n",
         ("3:2: ROPA001 yaml-syntax: YAML syntax error: expected ',' or '}': a mapping opened with '{' is "
         "not closed [$] Fix: close the mapping with '}', and quote values that contain ',', ':', '{' or "
         "'}'")),
        ("ropa: 1\norganisation\nname: x\n",
         ("2:1: ROPA001 yaml-syntax: YAML syntax error: a key without ':' (or text that continues on a wrong "
         "line) [$] Fix: write 'key: value' with ': ' after the key, or quote text that spans several lines")),
        ("ropa: 1\nactivities:\n  - id: a\n  name: b\n",
         ("4:3: ROPA001 yaml-syntax: YAML syntax error: expected a '- ' list item at this indentation [$] "
         "Fix: start every item of the list with '- ' in the same column, or indent this line under its "
         "item")),
        ("ropa: 1\nactivities:\n  - id: a\n name: b\n",
         ("4:2: ROPA001 yaml-syntax: YAML syntax error: this line does not fit the mapping above it [$] "
         "Fix: check the indentation: the keys of one mapping start in the same column")),
        ("ropa: 1\nname: @acme\n",
         ("2:7: ROPA001 yaml-syntax: YAML syntax error: '@' cannot start a plain value [$] Fix: quote the "
         "value (\"…\"): YAML reserves '@', '`' and '%' at the start of plain text")),
        ('ropa: 1\nname: "C:\\data"\n',
         ("2:10: ROPA001 yaml-syntax: YAML syntax error: an unknown escape sequence ('\\') in double-quoted "
         "text [$] Fix: write \\\\ for a backslash, or use single quotes")),
        ("ropa: 1\na: &x 1\nb: &x 2\n",
         ("3:4: ROPA001 yaml-syntax: YAML syntax error: the anchor is defined twice [$] Fix: give each "
         "anchor (&name) its own name")),
        ("ropa: 1\n...\nname: x\n",
         ("3:1: ROPA001 yaml-syntax: YAML syntax error: content after the end of the document ('...') [$] "
         "Fix: remove the '...' line, or what follows it")),
        ("ropa: 1\norganisation:\n  name: A\n\temail: b\n",
         ("4:1: ROPA001 yaml-syntax: YAML syntax error: a tab character in the indentation [$] Fix: indent "
         "with spaces, not tabs")),
        ("ropa: 1\nname: 'Acme\n",
         ("2:7: ROPA001 yaml-syntax: YAML syntax error: the quoted text that starts here is never closed [$] "
         "Fix: close the quote with the same character (\" or ') that opens it")),
    ],
)
def test_syntax_errors_say_what_to_change_and_where(text: str, expected: str) -> None:
    assert _lines(text) == [f"f.yaml:{expected}"]


def test_libyaml_nesting_limit_gives_the_depth_message() -> None:
    assert _lines("v: " + "[" * 5000 + "]" * 5000 + "\n") == [
        ("f.yaml:1:1003: ROPA001 yaml-syntax: values are nested more than 100 levels deep [$] "
        "Fix: flatten the structure; a register is never this deep")
    ]


def test_an_alias_bomb_is_refused_before_it_is_expanded() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]" for p, n in zip("abcdefgh", "bcdefghi", strict=True)]
    document = read_yaml_text("\n".join(lines) + "\n", "f.yaml")
    assert document.data is None
    assert [p.line() for p in document.problems] == [
        ("f.yaml:1:1: ROPA001 yaml-syntax: aliases expand this file to 1,234,567,909 values from 29 written "
        "(a YAML alias bomb?); ropa refuses to expand it [$] Fix: write the values out, or use far fewer "
        "aliases")
    ]


def test_bytes_that_are_not_utf8_are_located_in_characters() -> None:
    document = read_yaml_bytes("ropa: 1\nnom: é".encode() + b"\xe9\n", "f.yaml")
    assert [p.line() for p in document.problems] == [
        ("f.yaml:2:7: ROPA001 yaml-syntax: the file is not UTF-8 text (byte 0xE9 at line 2, column 7) [$] "
        "Fix: save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)")
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_recognised(encoding: str) -> None:
    document = read_yaml_bytes("ropa: 1\n".encode(encoding), "f.yaml")
    assert [p.message for p in document.problems] == ["the file is UTF-16 (or UTF-32) text; ropa reads UTF-8"]


def test_a_control_character_is_located() -> None:
    assert _lines("ropa: 1\nnom: Société\x0b\n") == [
        ("f.yaml:2:13: ROPA001 yaml-syntax: the file holds the control character U+000B, which YAML does not "
        "allow [$] Fix: delete it (it is invisible in most editors), then save the file as UTF-8 text")
    ]


def test_a_file_over_the_size_limit_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_reader, "MAX_FILE_BYTES", 10)
    document = read_yaml_bytes(b"ropa: 1\nname: Acme\n", "f.yaml")
    assert document.data is None
    assert [p.line() for p in document.problems] == [
        ("f.yaml:1:1: ROPA001 yaml-syntax: the file is 19 bytes; ropa reads register files up to 10 bytes [$] "
        "Fix: split the register into one file per activity")
    ]


def test_a_byte_order_mark_is_not_counted_as_a_column() -> None:
    document = read_yaml_bytes(b"\xef\xbb\xbfnom: \xe9\n", "f.yaml")
    assert [(p.location.line, p.location.column) for p in document.problems] == [(1, 6)]
    assert document.problems[0].message == "the file is not UTF-8 text (byte 0xE9 at line 1, column 6)"
