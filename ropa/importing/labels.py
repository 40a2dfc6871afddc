"""The labels the importer looks for, in every form they take: the CNIL model's French,
ropa's French (which follows the model) and ropa's English, compared with vocab.key()."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from ropa.export.excel_labels import all_languages
from ropa.importing.vocab import head, key

# key -> the words of excel_labels/labels that name it, plus the model's own variants
_SECTIONS = {
    "description": ("description_section",),
    "actors": ("actors",),
    "purposes": ("purposes",),
    "personal_data": ("personal_data",),
    "sensitive": ("sensitive",),
    "subjects": ("subjects",),
    "recipients": ("recipients",),
    "measures": ("measures",),
    "transfers": ("transfers",),
}
_DESCRIPTION_ROWS = {
    "name": ("activity_name",), "ref": ("ref",), "created": ("created",), "updated": ("updated",),
    "reviewed": ("reviewed",), "description": ("description",), "kind": ("kind",), "status": ("status",),
    "owner": ("owner",),
}
_ACTOR_ROWS = {
    "controller": ("controller",), "dpo": ("dpo",), "dpo_company": ("dpo_company",),
    "representative": ("representative",), "joint": ("joint_controllers",),
}
_ACTOR_COLUMNS = {
    "name": ("name",), "street": ("address",), "postcode": ("postcode",), "city": ("city",),
    "country": ("country",), "phone": ("phone",), "email": ("email",),
}
_TABLE_COLUMNS = {
    "description": ("description", "recipient_type", "measure_type"), "retention": ("retention",),
    "details": ("details",),
    "recipient": ("recipient",), "country": ("country",), "safeguards": ("safeguards",),
    "documentation": ("documentation",),
}
_LIST_LABELS = {
    "name": ("name_colon",), "first_name": ("first_name_colon",), "street": ("address_colon",),
    "email": ("email_colon",), "postcode": ("postcode_colon",), "city": ("city_colon",),
    "phone": ("phone_colon",), "company": ("dpo_company_colon",),
}
_LIST_COLUMNS = {
    "name": ("activity_name",), "ref": ("ref",), "created": ("sheet_created", "created"),
    "updated": ("sheet_updated", "updated"), "purposes": ("purposes_short", "purpose_column"),
    "sensitive": ("yes_no", "sensitive_question"),
}
MAIN_PURPOSE = "main_purpose"
SUB_PURPOSE = "sub_purpose"
LIST_BLOCKS = {"controller": ("controller_block",), "representative": ("representative_block",),
               "dpo": ("dpo_block",)}


def _table(groups: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    table: dict[str, str] = {}
    for name, words in groups.items():
        for word_key in words:
            for text in all_languages(word_key):
                table.setdefault(key(text), name)
    return table


@cache
def sections() -> dict[str, str]:
    return _table(_SECTIONS)


@cache
def description_rows() -> dict[str, str]:
    return _table(_DESCRIPTION_ROWS)


@cache
def actor_rows() -> dict[str, str]:
    return _table(_ACTOR_ROWS)


@cache
def actor_columns() -> dict[str, str]:
    return _table(_ACTOR_COLUMNS)


@cache
def table_columns() -> dict[str, str]:
    return _table(_TABLE_COLUMNS)


@cache
def list_labels() -> dict[str, str]:
    table = _table(_LIST_LABELS)
    table.setdefault("societe", "company")
    return table


@cache
def list_columns() -> dict[str, str]:
    return _table(_LIST_COLUMNS)


def purpose_row(text: str) -> bool:
    """A row of the purposes section: 'Finalité principale' or 'Sous-finalité N'."""
    k = key(text)
    return any(k == key(t) or k.startswith(key(t)) for w in (MAIN_PURPOSE, SUB_PURPOSE) for t in all_languages(w))


def list_block(text: str) -> str | None:
    """Which identity block of the list sheet a column-A label opens."""
    k = head(text.split("\n")[0])
    for name, words in LIST_BLOCKS.items():
        for word_key in words:
            if any(k == head(t.split("\n")[0]) for t in all_languages(word_key)):
                return name
    return None


TEMPLATE_TEXTS = {key(t) for t in (
    "Consulter les guides et définitions sur le site de la CNIL",
    "Modèle de fiche de registre à compléter",
    "Exemple de fiche de registre",
    ("Cet onglet est un modèle de fiche opérationnelle à reprendre, adapter et compléter selon votre activité "
    "pour chaque traitement.\nDans certains cas, des commentaires seront proposés pour vous aider à compléter "
    "votre registre (triangle rouge dans la cellule)."),
    ("Cet exemple est basé sur un traitement fictif qu'il ne faut pas reprendre tel quel. Adaptez-le à vos "
    "activités (cf. onglet 3)."),
    "ref-001",
    *all_languages("fiche_title"),
)}


def is_template(text: str) -> bool:
    """Text of the model or of ropa's own layout, not a value a person typed."""
    k = key(text)
    return k in TEMPLATE_TEXTS or k.startswith("►") or any(
        k.endswith(key(t)) for t in all_languages("register_title"))
