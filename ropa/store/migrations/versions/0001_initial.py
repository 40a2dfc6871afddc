"""The first layout: one table per list of the register format, version 1.

Revision ID: 0001
Revises:

Written by hand, frozen: later changes go in new revisions, never here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _text(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.String(), nullable=True)


def _json(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.JSON(), nullable=True)


def _flag(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.Boolean(), nullable=True)


def _day(name: str) -> sa.Column[Any]:
    return sa.Column(name, sa.Date(), nullable=True)


def _item_keys() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
    ]


def _child_keys(parent: str) -> list[sa.Column[Any]]:
    return [
        sa.Column(f"{parent}_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
    ]


def _child_constraints(parent: str) -> list[sa.Constraint]:
    return [
        sa.ForeignKeyConstraint([f"{parent}_id"], [f"{parent}.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint(f"{parent}_id", "position"),
    ]


def _transfer_columns() -> list[sa.Column[Any]]:
    return [
        _text("country"), _text("international_organisation"), _text("recipient"),
        _text("importer"), _text("exporter"), _text("mechanism"), _json("scc"),
        _flag("dpf_certified"), _flag("adequacy_in_scope"), _text("derogation"), _text("tia"),
        _text("documentation"),
    ]


def _child(table: str, parent: str, columns: list[sa.Column[Any]]) -> None:
    op.create_table(table, *_child_keys(parent), *columns, *_child_constraints(parent))


def _top_level() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        _text("name"), _text("legal_form"), _text("registration_number"), _json("address"),
        _text("email"), _text("phone"), _text("website"),
        sa.Column("employees", sa.BigInteger(), nullable=True),
        _flag("public_authority"), _json("establishments"), _json("representative"),
        _json("dpo"), _text("rights_contact"), _text("supervisory_authority"),
        _json("suppress"), _text("notes"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "settings",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        _text("review_interval"), _text("language"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "security_measure", *_item_keys(),
        _text("name"), _text("category"), _text("description"), _text("applies_to"),
        sa.PrimaryKeyConstraint("id"),
    )


def _processors() -> None:
    op.create_table(
        "processor", *_item_keys(), _text("source"),
        _text("name"), _text("service"), _json("contact"), _text("country"),
        _json("locations"), _json("dpa"), _json("certifications"), _json("sub_processors"),
        _json("suppress"), _text("notes"),
        sa.PrimaryKeyConstraint("id"),
    )
    _child("processor_transfer", "processor", _transfer_columns())


def _activities() -> None:
    op.create_table(
        "activity", *_item_keys(), _text("source"),
        _text("ref"), _text("name"), _text("description"), _text("role"), _text("owner"),
        _text("kind"), _text("status"), _day("created"), _day("updated"), _day("reviewed"),
        _json("dpia"), _json("automated_decision"), _json("suppress"), _text("notes"),
        sa.PrimaryKeyConstraint("id"),
    )
    _child("joint_controller", "activity", [_text("name"), _text("contact"), _text("arrangement")])
    _child("purpose", "activity", [
        _text("description"), _text("legal_basis"), _text("legitimate_interest"), _text("lia"),
        _text("legal_reference"), _text("consent_record"), _flag("mandatory"),
        _text("consequence"),
    ])
    _child("data_subject", "activity", [
        _text("category"), _text("description"), _flag("minors"),
        sa.Column("min_age", sa.Integer(), nullable=True), _text("parental_consent"),
    ])
    _child("personal_data", "activity", [
        _text("category"), _text("description"), _json("items"), _text("source"),
        _json("retention"),
    ])
    _child("special_category", "activity", [
        _text("category"), _text("description"), _json("items"), _text("condition"),
        _text("legal_reference"), _json("retention"),
    ])
    _child("recipient", "activity", [
        _text("type"), _text("name"), _text("processor"), _text("country"), _text("description"),
    ])
    _child("activity_transfer", "activity", _transfer_columns())
    _child("activity_security_measure", "activity",
           [sa.Column("measure_id", sa.String(), nullable=False)])


def _processing_on_behalf() -> None:
    op.create_table(
        "processing_on_behalf", *_item_keys(), _text("source"),
        _text("name"), _json("controller"), _json("categories_of_processing"),
        _json("sub_processors"), _json("suppress"), _text("notes"),
        sa.PrimaryKeyConstraint("id"),
    )
    _child("processing_on_behalf_transfer", "processing_on_behalf", _transfer_columns())
    _child("processing_on_behalf_security_measure", "processing_on_behalf",
           [sa.Column("measure_id", sa.String(), nullable=False)])


def upgrade() -> None:
    _top_level()
    _processors()
    _activities()
    _processing_on_behalf()


def downgrade() -> None:
    for table in (
        "processing_on_behalf_security_measure", "processing_on_behalf_transfer",
        "processing_on_behalf", "activity_security_measure", "activity_transfer", "recipient",
        "special_category", "personal_data", "data_subject", "purpose", "joint_controller",
        "activity", "processor_transfer", "processor", "security_measure", "settings",
        "organisation",
    ):
        op.drop_table(table)
