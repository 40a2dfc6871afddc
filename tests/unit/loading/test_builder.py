"""Building the model: lenient with wrong values (they become unknown), exact with the rest,
and every object knows where it was written."""

from __future__ import annotations

from datetime import date

from ropa.loading import load_text
from ropa.model import enums as E
from ropa.model import register as M
from ropa.model.origin import Location

LENIENT = """\
ropa: 1
organisation:
  name: Acme
  employees: many
  public_authority: no
  establishments: [FR, fr, 12, DE]
  address: {street: 1 rue de la Paix, city: Paris, country: fr}
security_measures:
  - {id: tls, description: TLS, category: crypto}
  - {description: a measure without id}
activities:
  - id: orders
    name: Orders
    status: actve
    created: 2025-02-30
    updated: 2025-08-17
    purposes:
      - description: Sell
        legal_basis: contrat
        mandatory: yes
      - description: Invoice
        legal_basis: legal_obligation
        mandatory: true
    personal_data:
      - category: identification
        items: [name, 12, email]
        retention: {duration: 24 months, then: deletion}
    security_measures: [Bad, 12, tls]
  - name: an activity without id
  - id: refunds
    name: 12
"""


def test_a_wrong_value_becomes_unknown_and_the_rest_still_builds() -> None:
    result = load_text(LENIENT)
    assert [p.location.path for p in result.problems] == [  # all schema problems: nothing else
        "$.organisation.employees", "$.organisation.public_authority", "$.organisation.establishments[1]",
        "$.organisation.establishments[2]", "$.organisation.address.country",
        "$.security_measures[0].category",
        "$.security_measures[1]", "$.activities[0].status", "$.activities[0].created",
        "$.activities[0].purposes[0].legal_basis", "$.activities[0].purposes[0].mandatory",
        "$.activities[0].personal_data[0].items[1]", "$.activities[0].personal_data[0].retention.duration",
        "$.activities[0].security_measures[0]", "$.activities[0].security_measures[1]", "$.activities[1]",
        "$.activities[2].name",
    ]
    assert {p.rule for p in result.problems} == {"ROPA002"}
    register = result.register
    assert register.organisation == M.Organisation(
        name="Acme", employees=None, public_authority=None, establishments=["FR", "DE"],
        address=M.Address(street="1 rue de la Paix", city="Paris", country=None),
    )
    assert register.security_measures == [M.SecurityMeasure(id="tls", description="TLS", category=None)]
    orders = register.activities[0]
    assert (orders.status, orders.created, orders.updated) == (None, None, date(2025, 8, 17))
    assert orders.purposes == [
        M.Purpose(description="Sell", legal_basis=None, mandatory=None),
        M.Purpose(description="Invoice", legal_basis=E.LegalBasis.LEGAL_OBLIGATION, mandatory=True),
    ]
    assert orders.personal_data == [M.PersonalData(
        category=E.DataCategory.IDENTIFICATION, items=["name", "email"],
        retention=M.Retention(duration=None, then=E.RetentionEnd.DELETION),
    )]
    assert orders.security_measures == ["tls"]


def test_an_item_without_id_is_left_out_and_one_without_name_is_kept() -> None:
    activities = load_text(LENIENT).register.activities
    assert [(a.id, a.name) for a in activities] == [("orders", "Orders"), ("refunds", None)]


def test_values_are_typed() -> None:
    register = load_text("""\
ropa: 1
organisation: {name: Acme, address: "1 rue de la Paix, Paris", employees: 4, supervisory_authority: NO}
settings: {review_interval: P13M, language: fr}
processors:
  - id: stripe
    name: Stripe
    dpa: {signed: 2025-08-17, expires: "2027-01-31"}
    sub_processors: [aws, {name: Sendgrid, country: US}]
    transfers:
      - {country: US, mechanism: scc, scc: {module: 3, signed: 2021-09-27}, dpf_certified: true}
  - id: aws
    name: AWS
""").register
    organisation = register.organisation
    assert (organisation.address, organisation.employees, organisation.supervisory_authority) == (
        "1 rue de la Paix, Paris", 4, "NO")
    assert register.settings == M.Settings(review_interval="P13M", language=E.Language.FR)
    stripe = register.processors[0]
    assert stripe.dpa == M.Dpa(signed=date(2025, 8, 17), expires=date(2027, 1, 31))
    assert stripe.sub_processors == [M.SubProcessorRef(id="aws"),
                                     M.SubProcessorRef(name="Sendgrid", country="US")]
    assert stripe.transfers == [M.Transfer(
        country="US", mechanism=E.Mechanism.SCC, scc=M.Scc(module=3, signed=date(2021, 9, 27)),
        dpf_certified=True,
    )]


def test_objects_know_where_they_were_written() -> None:
    register = load_text("""\
ropa: 1
activities:
  - id: orders
    name: Orders
    purposes:
      - description: Sell
    security_measures: [tls, Bad, backups]
""", file="reg.yaml").register
    orders = register.activities[0]
    assert orders.source == "reg.yaml"
    assert orders.origin is not None
    assert orders.origin.location == Location("reg.yaml", 3, 5, "$.activities[0]")
    assert orders.origin.at("name") == Location("reg.yaml", 4, 11, "$.activities[0].name")
    assert orders.origin.at("name", on_key=True) == Location("reg.yaml", 4, 5, "$.activities[0].name")
    assert orders.origin.at("owner") == Location("reg.yaml", 3, 5, "$.activities[0].owner")
    purpose_origin = orders.purposes[0].origin
    assert purpose_origin is not None
    assert purpose_origin.location == Location("reg.yaml", 6, 9, "$.activities[0].purposes[0]")
    # the ids of the list, at their place in the file (the invalid one is left out)
    assert orders.security_measures == ["tls", "backups"]
    assert orders.origin.at_item("security_measures", 0) == Location(
        "reg.yaml", 7, 25, "$.activities[0].security_measures[0]")
    assert orders.origin.at_item("security_measures", 2) == Location(
        "reg.yaml", 7, 35, "$.activities[0].security_measures[2]")
