"""Which register list goes to which table: the map the import and the export share."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import SQLModel

from ropa.model import register as M
from ropa.store import tables as T

MEASURE_ID = "measure_id"


@dataclass(frozen=True, slots=True)
class ChildList:
    """A list field of an item kept in its own table, keyed by (parent id, position).
    ``model`` is None for a list of security measure ids (one ``measure_id`` per row)."""

    field: str
    table: type[SQLModel]
    model: type | None


@dataclass(frozen=True, slots=True)
class ItemKind:
    """One of the register's lists of items with a slug id."""

    field: str
    label: str
    model: type
    table: type[SQLModel]
    parent_key: str
    children: tuple[ChildList, ...] = ()

    @property
    def child_fields(self) -> frozenset[str]:
        return frozenset(child.field for child in self.children)


ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind("security_measures", "security measure", M.SecurityMeasure, T.SecurityMeasureRow,
             "security_measure_id"),
    ItemKind("processors", "processor", M.Processor, T.ProcessorRow, "processor_id", (
        ChildList("transfers", T.ProcessorTransferRow, M.Transfer),
    )),
    ItemKind("activities", "activity", M.Activity, T.ActivityRow, "activity_id", (
        ChildList("joint_controllers", T.JointControllerRow, M.JointController),
        ChildList("purposes", T.PurposeRow, M.Purpose),
        ChildList("data_subjects", T.DataSubjectRow, M.DataSubject),
        ChildList("personal_data", T.PersonalDataRow, M.PersonalData),
        ChildList("special_categories", T.SpecialCategoryRow, M.SpecialData),
        ChildList("recipients", T.RecipientRow, M.Recipient),
        ChildList("transfers", T.ActivityTransferRow, M.Transfer),
        ChildList("security_measures", T.ActivitySecurityMeasureRow, None),
    )),
    ItemKind("processing_on_behalf", "processing on behalf", M.ProcessingOnBehalf,
             T.ProcessingOnBehalfRow, "processing_on_behalf_id", (
                 ChildList("transfers", T.OnBehalfTransferRow, M.Transfer),
                 ChildList("security_measures", T.OnBehalfSecurityMeasureRow, None),
             )),
)
