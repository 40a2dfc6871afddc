"""The database layout: one table per list the register model holds.

Columns carry the model's field names. Activities, processors, security measures and
processing on behalf are keyed by their slug id (unique per kind); the items of their lists
are keyed by (parent id, position), so order survives. Small nested objects (addresses,
contacts, retention, DPIA, suppressions, sub-processors...) are JSON columns holding the
same data the YAML format writes. ``source`` keeps the file each item came from, so an
export to a folder recreates the same files.

Each table is ``XRow(XRowBase, table=True)``: the base holds the fields, the table adds
the keys. Nothing inherits from a table class.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, MetaData, Table
from sqlmodel import Field, SQLModel


class StoreModel(SQLModel):
    """The root of ropa's tables, with its own MetaData so that the layout (and the
    migration check) holds these tables and nothing else."""

    metadata: ClassVar[MetaData] = MetaData()


metadata = StoreModel.metadata


def table_of(table_class: type[SQLModel]) -> Table:
    """The SQLAlchemy Table behind a table class (for Core statements)."""
    table: Table = table_class.__table__  # type: ignore[attr-defined]
    return table


def _json() -> Any:
    return Field(default=None, sa_type=JSON, nullable=True)


def _parent(table: str) -> Any:
    return Field(foreign_key=f"{table}.id", primary_key=True, ondelete="CASCADE")


def _singleton() -> Any:
    return Field(default=1, primary_key=True, sa_column_kwargs={"autoincrement": False})


def _position() -> Any:
    return Field(primary_key=True, sa_column_kwargs={"autoincrement": False})


# --- organisation and settings: one row each ----------------------------------------------

class OrganisationRowBase(StoreModel):
    name: str | None = None
    legal_form: str | None = None
    registration_number: str | None = None
    address: Any = _json()
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    employees: int | None = Field(default=None, sa_type=BigInteger)
    public_authority: bool | None = None
    establishments: Any = _json()
    representative: Any = _json()
    dpo: Any = _json()
    rights_contact: str | None = None
    supervisory_authority: str | None = None
    suppress: Any = _json()
    notes: str | None = None


class OrganisationRow(OrganisationRowBase, table=True):
    __tablename__ = "organisation"
    id: int = _singleton()


class SettingsRowBase(StoreModel):
    review_interval: str | None = None
    language: str | None = None


class SettingsRow(SettingsRowBase, table=True):
    __tablename__ = "settings"
    id: int = _singleton()


# --- security measures ---------------------------------------------------------------------

class SecurityMeasureRowBase(StoreModel):
    position: int
    name: str | None = None
    category: str | None = None
    description: str | None = None
    applies_to: str | None = None


class SecurityMeasureRow(SecurityMeasureRowBase, table=True):
    __tablename__ = "security_measure"
    id: str = Field(primary_key=True)


# --- transfers: the same fields on processors, activities and processing on behalf --------

class TransferRowBase(StoreModel):
    country: str | None = None
    international_organisation: str | None = None
    recipient: str | None = None
    importer: str | None = None
    exporter: str | None = None
    mechanism: str | None = None
    scc: Any = _json()
    dpf_certified: bool | None = None
    adequacy_in_scope: bool | None = None
    derogation: str | None = None
    tia: str | None = None
    documentation: str | None = None


# --- processors ----------------------------------------------------------------------------

class ProcessorRowBase(StoreModel):
    position: int
    source: str | None = None
    name: str | None = None
    service: str | None = None
    contact: Any = _json()
    country: str | None = None
    locations: Any = _json()
    dpa: Any = _json()
    certifications: Any = _json()
    sub_processors: Any = _json()
    suppress: Any = _json()
    notes: str | None = None


class ProcessorRow(ProcessorRowBase, table=True):
    __tablename__ = "processor"
    id: str = Field(primary_key=True)


class ProcessorTransferRow(TransferRowBase, table=True):
    __tablename__ = "processor_transfer"
    processor_id: str = _parent("processor")
    position: int = _position()


# --- activities ----------------------------------------------------------------------------

class ActivityRowBase(StoreModel):
    position: int
    source: str | None = None
    ref: str | None = None
    name: str | None = None
    description: str | None = None
    role: str | None = None
    owner: str | None = None
    kind: str | None = None
    status: str | None = None
    created: date | None = None
    updated: date | None = None
    reviewed: date | None = None
    dpia: Any = _json()
    automated_decision: Any = _json()
    suppress: Any = _json()
    notes: str | None = None


class ActivityRow(ActivityRowBase, table=True):
    __tablename__ = "activity"
    id: str = Field(primary_key=True)


class JointControllerRowBase(StoreModel):
    name: str | None = None
    contact: str | None = None
    arrangement: str | None = None


class JointControllerRow(JointControllerRowBase, table=True):
    __tablename__ = "joint_controller"
    activity_id: str = _parent("activity")
    position: int = _position()


class PurposeRowBase(StoreModel):
    description: str | None = None
    legal_basis: str | None = None
    legitimate_interest: str | None = None
    lia: str | None = None
    legal_reference: str | None = None
    consent_record: str | None = None
    mandatory: bool | None = None
    consequence: str | None = None


class PurposeRow(PurposeRowBase, table=True):
    __tablename__ = "purpose"
    activity_id: str = _parent("activity")
    position: int = _position()


class DataSubjectRowBase(StoreModel):
    category: str | None = None
    description: str | None = None
    minors: bool | None = None
    min_age: int | None = None
    parental_consent: str | None = None


class DataSubjectRow(DataSubjectRowBase, table=True):
    __tablename__ = "data_subject"
    activity_id: str = _parent("activity")
    position: int = _position()


class PersonalDataRowBase(StoreModel):
    category: str | None = None
    description: str | None = None
    items: Any = _json()
    source: str | None = None
    retention: Any = _json()


class PersonalDataRow(PersonalDataRowBase, table=True):
    __tablename__ = "personal_data"
    activity_id: str = _parent("activity")
    position: int = _position()


class SpecialCategoryRowBase(StoreModel):
    category: str | None = None
    description: str | None = None
    items: Any = _json()
    condition: str | None = None
    legal_reference: str | None = None
    retention: Any = _json()


class SpecialCategoryRow(SpecialCategoryRowBase, table=True):
    __tablename__ = "special_category"
    activity_id: str = _parent("activity")
    position: int = _position()


class RecipientRowBase(StoreModel):
    type: str | None = None
    name: str | None = None
    processor: str | None = None
    country: str | None = None
    description: str | None = None


class RecipientRow(RecipientRowBase, table=True):
    __tablename__ = "recipient"
    activity_id: str = _parent("activity")
    position: int = _position()


class ActivityTransferRow(TransferRowBase, table=True):
    __tablename__ = "activity_transfer"
    activity_id: str = _parent("activity")
    position: int = _position()


class MeasureRefRowBase(StoreModel):
    measure_id: str


class ActivitySecurityMeasureRow(MeasureRefRowBase, table=True):
    __tablename__ = "activity_security_measure"
    activity_id: str = _parent("activity")
    position: int = _position()


# --- processing on behalf of client controllers (Art. 30(2)) ---------------------------------

class ProcessingOnBehalfRowBase(StoreModel):
    position: int
    source: str | None = None
    name: str | None = None
    controller: Any = _json()
    categories_of_processing: Any = _json()
    sub_processors: Any = _json()
    suppress: Any = _json()
    notes: str | None = None


class ProcessingOnBehalfRow(ProcessingOnBehalfRowBase, table=True):
    __tablename__ = "processing_on_behalf"
    id: str = Field(primary_key=True)


class OnBehalfTransferRow(TransferRowBase, table=True):
    __tablename__ = "processing_on_behalf_transfer"
    processing_on_behalf_id: str = _parent("processing_on_behalf")
    position: int = _position()


class OnBehalfSecurityMeasureRow(MeasureRefRowBase, table=True):
    __tablename__ = "processing_on_behalf_security_measure"
    processing_on_behalf_id: str = _parent("processing_on_behalf")
    position: int = _position()
