"""The files ``ropa init`` writes: their paths and their text, built from the starter data.

Nothing here touches the user's disk: :func:`plan_files` returns the files as data, and
``writer`` puts them in place. Key order follows the register format page; keys the
user must fill are written as ``null`` with a comment saying what to write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from ropa.starter.catalogue import (
    StarterDataError,
    activity_data,
    localise,
    measures_data,
    texts_data,
)
from ropa.starter.render import Comments, render_document

FORMAT_VERSION = 1
REVIEW_INTERVAL = "P12M"
SCHEMA_FOLDER = ".schema"
SCHEMA_NAMES = ("register", "activity", "processor")
REGISTER_FILE = PurePosixPath("register.yaml")
ACTIVITIES_FOLDER = PurePosixPath("activities")
PROCESSORS_FOLDER = PurePosixPath("processors")
KEEP_FILE = ".gitkeep"

ACTIVITY_KEYS = (
    "id", "ref", "name", "description", "role", "joint_controllers", "owner", "kind", "status",
    "created", "updated", "reviewed", "purposes", "data_subjects", "personal_data",
    "special_categories", "recipients", "transfers", "security_measures", "dpia",
    "automated_decision", "suppress", "notes",
)  # fmt: skip
PURPOSE_KEYS = (
    "description", "legal_basis", "legitimate_interest", "lia", "legal_reference",
    "consent_record", "mandatory", "consequence",
)  # fmt: skip
SUBJECT_KEYS = ("category", "description", "minors", "min_age", "parental_consent")
PERSONAL_DATA_KEYS = ("category", "description", "items", "source", "retention")
RETENTION_KEYS = ("duration", "start", "then", "criteria", "indefinite", "justification")
RECIPIENT_KEYS = ("type", "name", "processor", "country", "description")
MEASURE_KEYS = ("id", "category", "name", "description", "applies_to")


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """A file to write: its path inside the register folder and its bytes."""

    path: PurePosixPath
    content: bytes


def plan_files(*, name: str | None, language: str, activities: Sequence[str]) -> list[PlannedFile]:
    """Every file of a new register folder, in the order they are reported."""
    files = [PlannedFile(REGISTER_FILE, _text(register_text(name=name, language=language)))]
    files.append(PlannedFile(ACTIVITIES_FOLDER / KEEP_FILE, b""))
    for activity in sorted(set(activities)):
        path = ACTIVITIES_FOLDER / f"{activity}.yaml"
        files.append(PlannedFile(path, _text(activity_text(activity, language=language))))
    files.append(PlannedFile(PROCESSORS_FOLDER / KEEP_FILE, b""))
    for schema in SCHEMA_NAMES:
        files.append(PlannedFile(schema_path(schema), _schema_bytes(schema)))
    return files


def schema_path(schema: str) -> PurePosixPath:
    """Where the JSON Schema of one file kind is written: ``.schema/<kind>.schema.json``."""
    return PurePosixPath(SCHEMA_FOLDER) / f"{schema}.schema.json"


def schema_hint(file: PurePosixPath, schema: str) -> str:
    """The yaml-language-server line pointing ``file`` at its schema, by relative path."""
    ups = "../" * (len(file.parts) - 1)
    return f"yaml-language-server: $schema={ups}{schema_path(schema)}"


def register_text(*, name: str | None, language: str) -> str:
    """The text of register.yaml."""
    texts = localise(texts_data()["register"], language)
    inline = dict(texts["inline"])
    if name is not None:
        del inline["organisation.name"]  # the user gave it: no placeholder to fill
    comments = Comments(header=texts["header"], inline=inline, above=texts["above"])
    body = register_body(name=name, language=language)
    return render_document(body, hint=schema_hint(REGISTER_FILE, "register"), comments=comments)


def register_body(*, name: str | None, language: str) -> dict[str, Any]:
    """The register.yaml document: organisation skeleton, settings, measure catalogue."""
    measures = [_ordered(m, MEASURE_KEYS, "measure") for m in localise(measures_data(), language)]
    return {
        "ropa": FORMAT_VERSION,
        "organisation": _organisation_skeleton(name),
        "settings": {"review_interval": REVIEW_INTERVAL, "language": language},
        "security_measures": measures,
    }


def activity_text(activity: str, *, language: str) -> str:
    """The text of activities/<activity>.yaml."""
    texts = localise(texts_data()["activity"], language)
    comments = Comments(header=texts["header"], inline=texts["inline"], above=texts["above"])
    body = activity_body(activity, language=language)
    hint = schema_hint(ACTIVITIES_FOLDER / f"{activity}.yaml", "activity")
    return render_document(body, hint=hint, comments=comments)


def activity_body(activity: str, *, language: str) -> dict[str, Any]:
    """One starter activity in single-item form: ``ropa: 1`` then the activity's keys."""
    data = localise(activity_data(activity), language)
    advice = data.pop("advice", None)
    notes = localise(texts_data()["activity"]["notes"], language)
    defaults: dict[str, Any] = {
        "role": "controller",
        "owner": None,
        "status": "planned",
        "reviewed": None,
        "security_measures": [],
        "notes": f"{notes} {advice}" if advice else notes,
    }
    activity_keys = {**defaults, **data}
    activity_keys["purposes"] = [_purpose(p) for p in data.get("purposes", [])]
    activity_keys["data_subjects"] = _each(data.get("data_subjects"), SUBJECT_KEYS, "subject")
    activity_keys["personal_data"] = [_personal_data(d) for d in data.get("personal_data", [])]
    activity_keys["recipients"] = _each(data.get("recipients"), RECIPIENT_KEYS, "recipient")
    return {"ropa": FORMAT_VERSION, **_ordered(activity_keys, ACTIVITY_KEYS, activity)}


def _organisation_skeleton(name: str | None) -> dict[str, Any]:
    return {
        "name": name,
        "legal_form": None,
        "registration_number": None,
        "address": {"street": None, "postcode": None, "city": None, "country": None},
        "email": None,
        "phone": None,
        "website": None,
        "employees": None,
        "public_authority": None,
        "establishments": [],
        "representative": None,
        "dpo": None,
        "rights_contact": None,
        "supervisory_authority": None,
    }


def _purpose(purpose: Mapping[str, Any]) -> dict[str, Any]:
    """A purpose, with the key its legal basis calls for left null for the user to fill."""
    keys = dict(purpose)
    if keys.get("legal_basis") == "consent":
        keys.setdefault("consent_record", None)
    if keys.get("legal_basis") == "legitimate_interests":
        keys.setdefault("lia", None)
    return _ordered(keys, PURPOSE_KEYS, "purpose")


def _personal_data(item: Mapping[str, Any]) -> dict[str, Any]:
    keys = dict(item)
    if isinstance(keys.get("retention"), Mapping):
        keys["retention"] = _ordered(keys["retention"], RETENTION_KEYS, "retention")
    return _ordered(keys, PERSONAL_DATA_KEYS, "personal data")


def _each(items: Iterable[Mapping[str, Any]] | None, order: Sequence[str], what: str) -> list[Any]:
    return [_ordered(item, order, what) for item in items or ()]


def _ordered(mapping: Mapping[str, Any], order: Sequence[str], what: str) -> dict[str, Any]:
    """``mapping`` with its keys in the format's order; a key outside it is a data defect."""
    unknown = sorted(set(mapping) - set(order))
    if unknown:
        raise StarterDataError(f"starter {what}: unexpected keys {', '.join(unknown)}")
    return {key: mapping[key] for key in order if key in mapping}


def _schema_bytes(schema: str) -> bytes:
    return resources.files("ropa.schema").joinpath(f"{schema}.schema.json").read_bytes()


def _text(text: str) -> bytes:
    return text.encode("utf-8")
