"""The YAML emitter of ropa init: exact layout, quoting that reads back the same."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from starter_support import load_yaml12

from ropa.starter.render import Comments, format_scalar, render_document


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (1, "1"),
        ("Comptabilité", "Comptabilité"),
        ("P13M", "P13M"),
        ("Code de commerce, art. L123-22", "Code de commerce, art. L123-22"),
        ("CNIL : 3 ans", '"CNIL : 3 ans"'),
        ("Aucune : l'inscription est facultative", '"Aucune : l\'inscription est facultative"'),
        ("no", '"no"'),
        ("NO", '"NO"'),
        ("null", '"null"'),
        ("2025-08-17", '"2025-08-17"'),
        ("1e3", '"1e3"'),
        ("0o17", '"0o17"'),
        ("12", '"12"'),
        (" padded", '" padded"'),
        ('say "hi"', 'say "hi"'),
        ("# not a comment", '"# not a comment"'),
    ],
)
def test_scalars_are_plain_when_they_read_back_the_same_else_double_quoted(
    value: str | int | bool | None, expected: str
) -> None:
    assert format_scalar(value) == expected


def test_flow_items_are_quoted_when_a_comma_would_split_them() -> None:
    assert format_scalar("nom, prénom", in_flow=True) == '"nom, prénom"'
    assert format_scalar("prénom (facultatif)", in_flow=True) == "prénom (facultatif)"


def test_a_text_over_several_lines_is_refused() -> None:
    with pytest.raises(ValueError, match="must be one line"):
        format_scalar("two\nlines")


def test_layout_keys_in_order_lists_of_mappings_flow_lists_and_comments() -> None:
    body = {
        "ropa": 1,
        "organisation": {"name": None, "establishments": []},
        "purposes": [
            {"description": "Vendre", "legal_basis": "consent", "consent_record": None},
            {"description": "Facturer", "legal_basis": "legal_obligation"},
        ],
        "items": ["nom", "prénom"],
        "notes": "À relire",
    }
    comments = Comments(
        header=["Premier", ""],
        inline={"organisation.name": "À REMPLIR : le nom", "purposes.consent_record": "où"},
        above={"notes": ["Au-dessus"]},
    )

    text = render_document(body, hint="yaml-language-server: $schema=x.json", comments=comments)

    assert text == (
        "# yaml-language-server: $schema=x.json\n"
        "# Premier\n"
        "#\n"
        "ropa: 1\n"
        "organisation:\n"
        "  name: null                            # À REMPLIR : le nom\n"
        "  establishments: []\n"
        "purposes:\n"
        "  - description: Vendre\n"
        "    legal_basis: consent\n"
        "    consent_record: null                # où\n"
        "  - description: Facturer\n"
        "    legal_basis: legal_obligation\n"
        "items: [nom, prénom]\n"
        "# Au-dessus\n"
        "notes: À relire\n"
    )
    assert load_yaml12(text) == body


def test_a_comment_above_the_first_key_of_a_list_item_is_refused() -> None:
    with pytest.raises(ValueError, match="first key of an item of purposes"):
        render_document(
            {"purposes": [{"description": "x"}]},
            comments=Comments(above={"purposes.description": ["no room here"]}),
        )


def test_a_value_that_is_not_yaml_data_is_refused() -> None:
    with pytest.raises(TypeError, match="float"):
        render_document({"ratio": 0.5})


_one_line_text = st.text().filter(lambda s: "\n" not in s and "\r" not in s)


@given(_one_line_text)
def test_any_one_line_text_reads_back_identical_in_block_and_flow(text: str) -> None:
    rendered = render_document({"key": text, "items": [text, "x"]})

    assert load_yaml12(rendered) == {"key": text, "items": [text, "x"]}
    assert yaml.safe_load(rendered) == {"key": text, "items": [text, "x"]}
