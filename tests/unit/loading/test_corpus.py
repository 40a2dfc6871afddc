"""The corpus of broken registers: every kind of problem, with the exact lines users see.

Each entry of broken/ is a file or a register folder with one kind of problem (a few hold
several, to show they are reported together). The expected problems are written out in
full: position, rule, JSON path, message and fix. Cases that must not be committed (a
10 MB value) or that cannot be loaded at all (exit 2) have their own tests below.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from ropa.loading import SourceError, load

from .conftest import BROKEN


class E(NamedTuple):
    """One expected problem, as `ropa validate` prints it."""

    where: str
    rule: str
    path: str
    message: str
    fix: str

    def line(self) -> str:
        return f"{self.where}: {self.rule}: {self.message} [{self.path}] Fix: {self.fix}"


CASES: dict[str, list[E]] = {
    "alias-bomb.yaml": [
        E("alias-bomb.yaml:1:1", "ROPA001 yaml-syntax", "$",
          "aliases expand this file to 12,345,679,023 values from 33 written (a YAML alias "
          "bomb?); ropa refuses to expand it",
          "write the values out, or use far fewer aliases"),
    ],
    "bad-enum-no-match.yaml": [
        E("bad-enum-no-match.yaml:5:13", "ROPA002 schema-violation", "$.activities[0].status",
          "'ongoing' is not an allowed value for status",
          "use one of: planned, active, retired"),
    ],
    "bad-enum-typo.yaml": [
        E("bad-enum-typo.yaml:7:22", "ROPA002 schema-violation",
          "$.activities[0].purposes[0].legal_basis",
          "'consnet' is not an allowed value for legal_basis",
          "did you mean 'consent'? Allowed: consent, contract, legal_obligation, vital_interests, "
          "public_task, legitimate_interests"),
    ],
    "bad-identifier.yaml": [
        E("bad-identifier.yaml:3:9", "ROPA002 schema-violation", "$.activities[0].id",
          "'Account Management' is not an identifier",
          "use lowercase letters, digits and single dashes, for example 'account-management'"),
    ],
    "control-character.yaml": [
        E("control-character.yaml:3:13", "ROPA001 yaml-syntax", "$",
          "the file holds the control character U+0007, which YAML does not allow",
          "delete it (it is invisible in most editors), then save the file as UTF-8 text"),
    ],
    "deeply-nested.yaml": [
        E("deeply-nested.yaml:3:109", "ROPA001 yaml-syntax", "$",
          "values are nested more than 100 levels deep",
          "flatten the structure; a register is never this deep"),
    ],
    "duplicate-id-across-files": [
        E("duplicate-id-across-files/activities/newsletter.yaml:2:5", "ROPA004 duplicate-id",
          "$.id",
          "activity id 'newsletter' is already used at "
          "duplicate-id-across-files/activities/mailing.yaml:5:9",
          "give each item its own id; ids are unique within their kind across the register"),
    ],
    "duplicate-key.yaml": [
        E("duplicate-key.yaml:5:3", "ROPA004 duplicate-id", "$.organisation.name",
          "the key 'name' appears twice in this mapping (first at line 3); YAML would keep only "
          "one of the values",
          "remove one of the two, or merge their values"),
    ],
    "empty-name.yaml": [
        E("empty-name.yaml:4:10", "ROPA002 schema-violation", "$.activities[0].name",
          "expected text, found nothing (an empty value)",
          "fill it in: this key cannot be left empty"),
    ],
    "empty.yaml": [
        E("empty.yaml:1:1", "ROPA002 schema-violation", "$",
          "the file is empty",
          "a register file starts with `ropa: 1` followed by its sections (organisation, "
          "activities, …)"),
    ],
    "impossible-date.yaml": [
        E("impossible-date.yaml:5:14", "ROPA002 schema-violation", "$.activities[0].created",
          "'2025-02-30' is not a real calendar date",
          "write an existing date as YYYY-MM-DD, such as 2025-08-17"),
    ],
    "item-without-id.yaml": [
        E("item-without-id.yaml:3:5", "ROPA002 schema-violation", "$.activities[0]",
          "missing required key 'id'",
          "add `id: …` to this item; an item cannot exist without it"),
    ],
    "item-without-name.yaml": [
        E("item-without-name.yaml:3:5", "ROPA002 schema-violation", "$.processors[0]",
          "missing required key 'name'",
          "add `name: …` to this item; an item cannot exist without it"),
    ],
    "latin1.yaml": [
        E("latin1.yaml:3:13", "ROPA001 yaml-syntax", "$",
          "the file is not UTF-8 text (byte 0xE9 at line 3, column 13)",
          "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)"),
    ],
    "list-at-root.yaml": [
        E("list-at-root.yaml:1:1", "ROPA002 schema-violation", "$",
          "expected a mapping (key: value lines), found a list",
          "remove the '- ' dashes: this takes key: value lines, not a list"),
    ],
    "list-for-mapping.yaml": [
        E("list-for-mapping.yaml:3:3", "ROPA002 schema-violation", "$.organisation",
          "expected a mapping (key: value lines), found a list",
          "remove the '- ' dashes: this takes key: value lines, not a list"),
    ],
    "lowercase-country.yaml": [
        E("lowercase-country.yaml:4:20", "ROPA002 schema-violation",
          "$.organisation.establishments[0]",
          "'fr' is not an ISO 3166-1 alpha-2 country code",
          "did you mean 'FR'? Write the ISO 3166-1 alpha-2 code in capitals, such as FR, IE, US; "
          "quote 'NO' for Norway if another tool reads the file"),
    ],
    "merge-key.yaml": [
        E("merge-key.yaml:7:5", "ROPA002 schema-violation", "$.security_measures[1]['<<']",
          "YAML merge keys (<<) are not supported",
          "write the keys out in full"),
        E("merge-key.yaml:7:5", "ROPA002 schema-violation", "$.security_measures[1]",
          "missing required key 'description'",
          "add `description: …` to this item; an item cannot exist without it"),
    ],
    "missing-version.yaml": [
        E("missing-version.yaml:1:1", "ROPA002 schema-violation", "$",
          "missing the format version `ropa: 1`",
          "add `ropa: 1` as the first line of the file"),
    ],
    "norway-unquoted.yaml": [],
    "not-a-date.yaml": [
        E("not-a-date.yaml:5:15", "ROPA002 schema-violation", "$.activities[0].reviewed",
          "'last spring' is not a date written YYYY-MM-DD",
          "write an ISO 8601 date such as 2025-08-17"),
    ],
    "number-for-text.yaml": [
        E("number-for-text.yaml:4:24", "ROPA002 schema-violation",
          "$.organisation.registration_number",
          "expected text, found the number 123456789",
          "put the value in quotes (\"…\") so that it is read as text, with any leading zeros"),
    ],
    "one-broken-file-of-many": [
        E("one-broken-file-of-many/activities/broken.yaml:4:1", "ROPA001 yaml-syntax", "$",
          "YAML syntax error: expected ',' or ']': a list opened with '[' is not closed",
          "close the list with ']', and quote items that contain ',', ':', '[' or ']'"),
        E("one-broken-file-of-many/activities/orders.yaml:4:9", "ROPA002 schema-violation",
          "$.status",
          "'actif' is not an allowed value for status",
          "did you mean 'active'? Allowed: planned, active, retired"),
        E("one-broken-file-of-many/activities/orders.yaml:5:26", "ROPA003 unknown-reference",
          "$.security_measures[1]",
          "security measure 'backups' is not described in this register",
          "describe it under security_measures in the register file, or correct the id"),
        E("one-broken-file-of-many/processors/stripe.yaml:4:1", "ROPA002 schema-violation",
          "$.contry",
          "unknown key 'contry'",
          "did you mean 'country'?"),
        E("one-broken-file-of-many/register.yaml:4:12", "ROPA002 schema-violation",
          "$.organisation.website",
          "expected text, found the number 42",
          "put the value in quotes (\"…\") so that it is read as text, with any leading zeros"),
    ],
    "only-comments.yaml": [
        E("only-comments.yaml:1:1", "ROPA002 schema-violation", "$",
          "the file holds only comments, no data",
          "a register file starts with `ropa: 1` followed by its sections (organisation, "
          "activities, …)"),
    ],
    "python-tag.yaml": [
        E("python-tag.yaml:2:15", "ROPA001 yaml-syntax", "$.organisation",
          "unsupported YAML tag !!python/object/apply:os.system: ropa reads plain data only",
          "remove the tag and write the value as plain YAML"),
        E("python-tag.yaml:2:15", "ROPA002 schema-violation", "$.organisation",
          "expected a mapping (key: value lines), found a list",
          "remove the '- ' dashes: this takes key: value lines, not a list"),
    ],
    "recursive-alias.yaml": [
        E("recursive-alias.yaml:2:15", "ROPA001 yaml-syntax", "$",
          "an alias refers to the node that contains it (a recursive alias)",
          "remove the alias, or point it at a value outside the one it stands in"),
    ],
    "several-problems.yaml": [
        E("several-problems.yaml:4:3", "ROPA002 schema-violation", "$.organisation.employes",
          "unknown key 'employes'",
          "did you mean 'employees'?"),
        E("several-problems.yaml:5:21", "ROPA002 schema-violation",
          "$.organisation.public_authority",
          "expected true or false, found the text 'no'",
          "write true or false (ropa reads YAML 1.2, where yes/no/on/off are text)"),
        E("several-problems.yaml:9:13", "ROPA002 schema-violation", "$.activities[0].status",
          "'actve' is not an allowed value for status",
          "did you mean 'active'? Allowed: planned, active, retired"),
        E("several-problems.yaml:10:14", "ROPA002 schema-violation", "$.activities[0].created",
          "'2025-13-01' is not a real calendar date",
          "write an existing date as YYYY-MM-DD, such as 2025-08-17"),
        E("several-problems.yaml:14:20", "ROPA002 schema-violation",
          "$.activities[0].purposes[0].mandatory",
          "expected true or false, found the text 'false'",
          "write true or false (ropa reads YAML 1.2, where yes/no/on/off are text)"),
        E("several-problems.yaml:15:25", "ROPA003 unknown-reference",
          "$.activities[0].security_measures[0]",
          "security measure 'tls' is not described in this register",
          "describe it under security_measures in the register file, or correct the id"),
    ],
    "spelled-duration.yaml": [
        E("spelled-duration.yaml:8:21", "ROPA002 schema-violation",
          "$.activities[0].personal_data[0].retention.duration",
          "'24 months' is not an ISO 8601 duration",
          "did you mean 'P24M'? Write an ISO 8601 duration such as P3Y (3 years), P13M (13 "
          "months), P6M or P30D"),
    ],
    "syntax-error.yaml": [
        E("syntax-error.yaml:4:9", "ROPA001 yaml-syntax", "$",
          "YAML syntax error: unexpected ':' (a 'key: value' cannot start here)",
          "check this line's indentation against the line above, and quote a value that contains "
          "': '"),
    ],
    "tab-indented.yaml": [
        E("tab-indented.yaml:3:1", "ROPA001 yaml-syntax", "$",
          "YAML syntax error: a tab character in the indentation",
          "indent with spaces, not tabs"),
    ],
    "text-for-number.yaml": [
        E("text-for-number.yaml:4:14", "ROPA002 schema-violation", "$.organisation.employees",
          "expected a whole number, found the text 'twelve'",
          "write the number alone, without quotes or units"),
    ],
    "two-documents.yaml": [
        E("two-documents.yaml:4:1", "ROPA001 yaml-syntax", "$",
          "YAML syntax error: a second YAML document ('---') in this file",
          "keep one document per file: remove the '---' and what follows, or move it to its own "
          "file"),
    ],
    "unclosed-quote.yaml": [
        E("unclosed-quote.yaml:3:9", "ROPA001 yaml-syntax", "$",
          "YAML syntax error: the quoted text that starts here is never closed",
          "close the quote with the same character (\" or ') that opens it"),
    ],
    "unknown-alias.yaml": [
        E("unknown-alias.yaml:3:9", "ROPA001 yaml-syntax", "$",
          "YAML syntax error: the alias *company refers to no anchor",
          "define the anchor (&company) before using it, or quote the value if '*' is meant as "
          "text"),
    ],
    "unknown-country.yaml": [
        E("unknown-country.yaml:4:26", "ROPA002 schema-violation",
          "$.organisation.supervisory_authority",
          "'France' is not an ISO 3166-1 alpha-2 country code",
          "write the ISO 3166-1 alpha-2 code in capitals, such as FR, IE, US; quote 'NO' for "
          "Norway if another tool reads the file"),
    ],
    "unknown-key-no-match.yaml": [
        E("unknown-key-no-match.yaml:4:3", "ROPA002 schema-violation", "$.organisation.colour",
          "unknown key 'colour'",
          "allowed keys here: name, legal_form, registration_number, address, email, phone, "
          "website, employees, public_authority, establishments, representative, dpo, "
          "rights_contact, supervisory_authority, suppress, notes"),
    ],
    "unknown-key-typo.yaml": [
        E("unknown-key-typo.yaml:5:5", "ROPA002 schema-violation", "$.activities[0].purpose",
          "unknown key 'purpose'",
          "did you mean 'purposes'?"),
    ],
    "unknown-processor.yaml": [
        E("unknown-processor.yaml:10:20", "ROPA003 unknown-reference",
          "$.activities[0].recipients[0].processor",
          "processor 'strpe' is not described in this register",
          "did you mean 'stripe'? Otherwise describe it under processors (or in processors/), or "
          "correct the id"),
    ],
    "unknown-security-measure.yaml": [
        E("unknown-security-measure.yaml:8:25", "ROPA003 unknown-reference",
          "$.activities[0].security_measures[0]",
          "security measure 'backup' is not described in this register",
          "did you mean 'backups'? Otherwise describe it under security_measures in the register "
          "file, or correct the id"),
        E("unknown-security-measure.yaml:8:33", "ROPA003 unknown-reference",
          "$.activities[0].security_measures[1]",
          "security measure 'tls' is not described in this register",
          "describe it under security_measures in the register file, or correct the id"),
    ],
    "unknown-sub-processor.yaml": [
        E("unknown-sub-processor.yaml:5:22", "ROPA003 unknown-reference",
          "$.processors[0].sub_processors[0]",
          "sub-processor 'aws' is not described in this register",
          "describe it under processors (or in processors/), correct the id, or write {name, "
          "country, service} for a sub-processor known only by name"),
    ],
    "utf16.yaml": [
        E("utf16.yaml:1:1", "ROPA001 yaml-syntax", "$",
          "the file is UTF-16 (or UTF-32) text; ropa reads UTF-8",
          "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)"),
    ],
    "version-2.yaml": [
        E("version-2.yaml:1:7", "ROPA002 schema-violation", "$.ropa",
          "this file is in format version 2; this ropa reads format version 1",
          "upgrade ropa (pip install -U ropa), or write the file in format 1"),
    ],
    "version-quoted.yaml": [
        E("version-quoted.yaml:1:7", "ROPA002 schema-violation", "$.ropa",
          "the format version must be the number 1, found the text '1'",
          "write `ropa: 1` (a plain 1, without quotes)"),
    ],
    "yes-for-boolean.yaml": [
        E("yes-for-boolean.yaml:4:21", "ROPA002 schema-violation",
          "$.organisation.public_authority",
          "expected true or false, found the text 'yes'",
          "write true or false (ropa reads YAML 1.2, where yes/no/on/off are text)"),
    ],
}

SOURCE_ERRORS = {
    "no-register-yaml": (
        "no-register-yaml has no register.yaml: a register folder holds register.yaml, "
        "activities/ and processors/ (start one with `ropa init no-register-yaml`)"
    ),
}


def test_every_corpus_entry_has_its_expected_problems() -> None:
    entries = {p.name for p in BROKEN.iterdir() if not p.name.startswith(".")}
    assert entries == set(CASES) | set(SOURCE_ERRORS)
    assert len(entries) >= 30


@pytest.mark.parametrize("case", sorted(CASES))
def test_corpus_case_reports_exactly_its_problems(case: str, in_broken: Path) -> None:
    result = load(case)
    assert [p.line() for p in result.problems] == [e.line() for e in CASES[case]]


@pytest.mark.parametrize("case", sorted(SOURCE_ERRORS))
def test_corpus_case_cannot_be_read_at_all(case: str, in_broken: Path) -> None:
    with pytest.raises(SourceError) as raised:
        load(case)
    assert str(raised.value) == SOURCE_ERRORS[case]


def test_a_path_that_does_not_exist_cannot_be_read(in_broken: Path) -> None:
    with pytest.raises(SourceError) as raised:
        load("no-such-register.yaml")
    assert str(raised.value) == "no such file or folder: no-such-register.yaml"


def test_unquoted_no_is_norway(in_broken: Path) -> None:
    organisation = load("norway-unquoted.yaml").register.organisation
    assert organisation.establishments == ["NO"]
    assert organisation.supervisory_authority == "NO"


def test_a_ten_megabyte_value_is_refused_without_echoing_it(tmp_path: Path) -> None:
    source = tmp_path / "huge.yaml"
    source.write_text("ropa: 1\norganisation:\n  name: Acme\n  notes: " + "lorem " * 1_700_000 + "\n",
                      encoding="utf-8")
    result = load(source)
    assert [p.line() for p in result.problems] == [
        (f"{source}:4:10: ROPA002 schema-violation: text too long: 10,199,999 characters, at most "
        "100,000 [$.organisation.notes] Fix: shorten it; keep long documents in a file and put its "
        "path or link here")
    ]
    assert result.register.organisation.name == "Acme"


def test_an_alias_bomb_is_refused_as_a_syntax_problem(in_broken: Path) -> None:
    (problem,) = load("alias-bomb.yaml").problems
    assert (problem.rule, problem.name) == ("ROPA001", "yaml-syntax")


def test_several_problems_of_one_file_come_together_in_line_order(in_broken: Path) -> None:
    problems = load("several-problems.yaml").problems
    assert [(p.location.line, p.rule) for p in problems] == [
        (4, "ROPA002"), (5, "ROPA002"), (9, "ROPA002"), (10, "ROPA002"), (14, "ROPA002"), (15, "ROPA003"),
    ]


def test_one_broken_file_does_not_hide_the_others(in_broken: Path) -> None:
    result = load("one-broken-file-of-many")
    assert sorted({p.location.file for p in result.problems}) == [
        "one-broken-file-of-many/activities/broken.yaml",
        "one-broken-file-of-many/activities/orders.yaml",
        "one-broken-file-of-many/processors/stripe.yaml",
        "one-broken-file-of-many/register.yaml",
    ]
    assert [a.id for a in result.register.activities] == ["orders"]
    assert [p.id for p in result.register.processors] == ["stripe"]
