"""Ids across the register: duplicates (ROPA004) and references to nothing (ROPA003)."""

from __future__ import annotations

from ropa.loading import load, load_text

from .conftest import WriteFiles


def _lines(text: str) -> list[str]:
    return [p.line() for p in load_text(text, file="r.yaml").problems]


def test_a_reference_is_located_on_the_id_even_after_invalid_items() -> None:
    assert _lines("""\
ropa: 1
security_measures:
  - {id: tls, description: TLS}
activities:
  - id: a
    name: A
    security_measures: [Tls, 12, tsl, tls]
""") == [
        ("r.yaml:7:25: ROPA002 schema-violation: 'Tls' is not an identifier "
        "[$.activities[0].security_measures[0]] "
        "Fix: use lowercase letters, digits and single dashes, for example 'tls'"),
        ("r.yaml:7:30: ROPA002 schema-violation: expected an identifier, found the number 12 "
        "[$.activities[0].security_measures[1]] Fix: use lowercase letters, digits and single dashes"),
        ("r.yaml:7:34: ROPA003 unknown-reference: security measure 'tsl' is not described in this register "
        "[$.activities[0].security_measures[2]] Fix: did you mean 'tls'? Otherwise describe it under "
        "security_measures in the register file, or correct the id"),
    ]


def test_every_kind_of_reference_is_checked() -> None:
    problems = load_text("""\
ropa: 1
processors:
  - id: stripe
    name: Stripe
    sub_processors: [aws, {name: Sendgrid}]
activities:
  - id: orders
    name: Orders
    recipients:
      - {type: processor, processor: strpe}
      - {type: internal, name: Sales}
processing_on_behalf:
  - id: hosting
    sub_processors: [ovh]
    security_measures: [backups]
""").problems
    assert [(p.rule, p.location.line, p.location.column, p.message, p.subject) for p in problems] == [
        ("ROPA003", 5, 22, "sub-processor 'aws' is not described in this register", "processor:stripe"),
        ("ROPA003", 10, 38, "processor 'strpe' is not described in this register", "activity:orders"),
        ("ROPA003", 14, 22, "sub-processor 'ovh' is not described in this register",
         "processing_on_behalf:hosting"),
        ("ROPA003", 15, 25, "security measure 'backups' is not described in this register",
         "processing_on_behalf:hosting"),
    ]
    assert problems[1].fix == (
        "did you mean 'stripe'? Otherwise describe it under processors (or in processors/), or correct the id"
    )


def test_ids_are_unique_within_their_kind_only() -> None:
    assert _lines("""\
ropa: 1
security_measures:
  - {id: backups, description: Backups}
processors:
  - {id: backups, name: Backups Ltd}
activities:
  - {id: backups, name: Backups}
processing_on_behalf:
  - {id: backups}
""") == []


def test_a_duplicate_id_points_at_the_first_one() -> None:
    assert _lines("""\
ropa: 1
security_measures:
  - {id: tls, description: TLS}
  - {id: tls, description: TLS again}
""") == [
        ("r.yaml:4:10: ROPA004 duplicate-id: security measure id 'tls' is already used at r.yaml:3:10 "
        "[$.security_measures[1].id] Fix: give each item its own id; ids are unique within their kind across "
        "the register"),
    ]


def test_a_processor_described_twice_across_files(write_files: WriteFiles) -> None:
    root = write_files({
        "register.yaml": "ropa: 1\nprocessors:\n  - {id: stripe, name: Stripe}\n",
        "processors/stripe.yaml": "ropa: 1\nid: stripe\nname: Stripe Payments Europe\n",
    })
    assert [p.line() for p in load(root).problems] == [
        ("reg/processors/stripe.yaml:2:5: ROPA004 duplicate-id: processor id 'stripe' is already used at "
        "reg/register.yaml:3:10 [$.id] Fix: give each item its own id; ids are unique within their kind "
        "across the register"),
    ]


def test_references_wait_until_the_catalogue_parses(write_files: WriteFiles) -> None:
    root = write_files({
        "register.yaml": "ropa: 1\nsecurity_measures:\n  - {id: tls, description: [TLS}\n",
        "activities/orders.yaml": "ropa: 1\nid: orders\nname: Orders\nsecurity_measures: [tls]\n",
    })
    assert [(p.rule, p.location.file) for p in load(root).problems] == [("ROPA001", "reg/register.yaml")]


def test_processor_references_wait_until_every_processor_file_parses(write_files: WriteFiles) -> None:
    root = write_files({
        "register.yaml": "ropa: 1\nsecurity_measures:\n  - {id: tls, description: TLS}\n",
        "activities/orders.yaml": (
            "ropa: 1\nid: orders\nname: Orders\nsecurity_measures: [tsl]\n"
            "recipients: [{type: processor, processor: stripe}]\n"
        ),
        "processors/stripe.yaml": "ropa: 1\nid: stripe\nname: 'Stripe\n",
    })
    assert [(p.rule, p.location.file, p.location.line) for p in load(root).problems] == [
        ("ROPA003", "reg/activities/orders.yaml", 4),
        ("ROPA001", "reg/processors/stripe.yaml", 3),
    ]


def test_an_activity_file_given_alone_is_not_checked_for_references(write_files: WriteFiles) -> None:
    root = write_files({
        "register.yaml": "ropa: 1\n",
        "activities/orders.yaml": "ropa: 1\nid: orders\nname: Orders\nsecurity_measures: [tls]\n",
    })
    result = load(root / "activities" / "orders.yaml")
    assert result.problems == []
    assert [a.id for a in result.register.activities] == ["orders"]
