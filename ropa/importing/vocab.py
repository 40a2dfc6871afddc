"""The words of the CNIL model (its drop-down lists, sheet 5_-_Listes, and its fixed row
labels) and ropa's own labels in French and English, mapped to the register's values.

Matching ignores case, accents, typographic apostrophes and runs of spaces; a label also
matches on its part before a parenthesis ("Données de connexion (adress IP…)" is the
connection row whatever the parenthesis says).
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import TypeVar

from ropa.export.labels import VALUE_LABELS
from ropa.importing.retention import fold
from ropa.model import enums as E

T = TypeVar("T", bound=StrEnum)

# The CNIL model's list values (sheet 5_-_Listes) and usual synonyms. True: the text says
# more than the value (kept as the item's description).
SUBJECTS: dict[str, tuple[E.SubjectCategory, bool]] = {
    "salaries": (E.SubjectCategory.EMPLOYEES, False),
    "services internes": (E.SubjectCategory.EMPLOYEES, True),
    "clients": (E.SubjectCategory.CUSTOMERS, False),
    "fournisseurs": (E.SubjectCategory.SUPPLIERS, False),
    "prestataires": (E.SubjectCategory.CONTRACTORS, False),
    "prospects": (E.SubjectCategory.PROSPECTS, False),
    "candidats": (E.SubjectCategory.CANDIDATES, False),
    "autres (preciser)": (E.SubjectCategory.OTHER, False),
    "autres": (E.SubjectCategory.OTHER, False),
    "employes": (E.SubjectCategory.EMPLOYEES, False),
    "personnel": (E.SubjectCategory.EMPLOYEES, False),
    "agents": (E.SubjectCategory.EMPLOYEES, True),
    "utilisateurs": (E.SubjectCategory.USERS, False),
    "eleves": (E.SubjectCategory.STUDENTS, False),
    "etudiants": (E.SubjectCategory.STUDENTS, False),
    "membres": (E.SubjectCategory.MEMBERS, False),
    "visiteurs": (E.SubjectCategory.WEBSITE_VISITORS, True),
}
RECIPIENTS: dict[str, tuple[E.RecipientType, bool]] = {
    "service interne qui traite les donnees": (E.RecipientType.INTERNAL, False),
    "sous-traitants": (E.RecipientType.PROCESSOR, False),
    "destinataires dans des pays tiers ou organisations internationales": (E.RecipientType.THIRD_PARTY, True),
    "partenaires institutionnels ou commerciaux": (E.RecipientType.THIRD_PARTY, True),
    "partenaires": (E.RecipientType.THIRD_PARTY, True),
    "prestataires": (E.RecipientType.PROCESSOR, False),
    "administration": (E.RecipientType.AUTHORITY, True),
    "autorites": (E.RecipientType.AUTHORITY, False),
}
OTHER_RECIPIENT = "autre"  # "Autre (Préciser)": no type can be told; imported as third_party
MEASURES: dict[str, E.MeasureCategory] = {
    "mesures de tracabilite": E.MeasureCategory.TRACEABILITY,
    "mesures de protection des logiciels": E.MeasureCategory.SOFTWARE_PROTECTION,
    "sauvegarde des donnees": E.MeasureCategory.BACKUP,
    "chiffrement des donnees": E.MeasureCategory.ENCRYPTION,
    "controle d'acces des utilisateurs": E.MeasureCategory.ACCESS_CONTROL,
    "controle des sous-traitants": E.MeasureCategory.PROCESSOR_CONTROL,
    "autres mesures (a preciser)": E.MeasureCategory.OTHER,
}
MECHANISMS: dict[str, E.Mechanism] = {
    "clauses contractuelles types (cct)": E.Mechanism.SCC,
    "clauses contractuelles types": E.Mechanism.SCC,
    "cct": E.Mechanism.SCC,
    "scc": E.Mechanism.SCC,
    "standard contractual clauses": E.Mechanism.SCC,
    "regles d'entreprise contraignantes (bcr)": E.Mechanism.BCR,
    "bcr": E.Mechanism.BCR,
    "pays adequat": E.Mechanism.ADEQUACY,
    "adequation": E.Mechanism.ADEQUACY,
    "decision d'adequation": E.Mechanism.ADEQUACY,
    "privacy shield": E.Mechanism.PRIVACY_SHIELD,
    "code de conduite": E.Mechanism.CODE_OF_CONDUCT,
    "certification": E.Mechanism.CERTIFICATION,
    "derogations (art 49)": E.Mechanism.DEROGATION,
    "derogation": E.Mechanism.DEROGATION,
    "derogations": E.Mechanism.DEROGATION,
}
# The CNIL's country names that differ from ISO 3166's short names in French.
COUNTRY_ALIASES: dict[str, str] = {
    "etats-unis": "US", "usa": "US", "iles feroe": "FO", "ile de man": "IM", "rep. dem. du congo": "CD",
    "republique democratique du congo": "CD", "congo": "CG", "hong-kong": "HK", "coree du sud": "KR",
    "coree du nord": "KP", "macedoine": "MK", "swaziland": "SZ", "birmanie": "MM", "bielorussie": "BY",
    "viet nam": "VN", "vietnam": "VN", "taiwan": "TW", "sahara occidental": "EH", "porto rico": "PR",
    "kirghizstan": "KG", "palestine": "PS", "marshall": "MH", "salomon": "SB", "iraq": "IQ", "irak": "IQ",
    "republique centrafricaine": "CF", "republique dominicaine": "DO", "russie": "RU", "syrie": "SY",
    "tanzanie": "TZ", "iran": "IR", "laos": "LA", "moldavie": "MD", "micronesie": "FM", "bolivie": "BO",
    "venezuela": "VE", "brunei": "BN", "cap-vert": "CV", "timor oriental": "TL", "cote d'ivoire": "CI",
    "saint-vincent-et-les grenadines": "VC", "royaume-uni": "GB", "angleterre": "GB", "uk": "GB",
    "united states of america": "US", "south korea": "KR", "russia": "RU",
}
PLACEHOLDERS = {"selectionnez un element dans cette liste deroulante ►", ("selectionnez un element dans cette "
                "liste deroulante")}
NONE_WORDS = {"n/a", "na", "aucun", "aucune", "neant", "non", "none", "no", "-", "—", "sans objet",
              "aucun dpo designe", "no dpo designated", "aucun representant (etabli dans l'ue)",
              "no representative (established in the eu)"}


def key(text: str) -> str:
    """The form labels are compared in."""
    return fold(text).strip(" :.").replace("…", "").replace("...", "").strip()


def head(text: str) -> str:
    """The part of a label before its first parenthesis."""
    return key(text).split("(")[0].strip(" ,")


@cache
def _enum_labels(enum: type[StrEnum]) -> dict[str, str]:
    """Every label of ``enum`` (fr, en) and its bare value -> value."""
    table: dict[str, str] = {}
    for value, (fr, en) in VALUE_LABELS[enum].items():
        for text in (fr, en, value, value.replace("_", " ")):
            table.setdefault(key(text), value)
            table.setdefault(head(text), value)
    return table


def enum_value(enum: type[T], text: str, extra: dict[str, T] | None = None) -> T | None:
    """The value of ``enum`` that ``text`` names (a CNIL list value, a ropa label in
    French or English, or the value itself), or None."""
    for candidate in (key(text), head(text)):
        if extra and candidate in extra:
            return extra[candidate]
        found = _enum_labels(enum).get(candidate)
        if found is not None:
            return enum(found)
    return None


def labelled(enum: type[T], text: str) -> T | None:
    """A fiche row label -> the category it stands for (data and sensitive data rows)."""
    return enum_value(enum, text)


def mechanism(text: str) -> E.Mechanism | None:
    found = enum_value(E.Mechanism, text, MECHANISMS)
    if found is not None:
        return found
    folded = key(text)
    for name, value in sorted(MECHANISMS.items(), key=lambda item: -len(item[0])):
        if folded.startswith(name):
            return value
    return None


@cache
def _countries() -> dict[str, str]:
    from ropa.schema import country_names

    table: dict[str, str] = {}
    for language in ("en", "fr"):
        for code, name in country_names(language).items():
            if code in ("EL", "UK"):
                continue
            table.setdefault(key(name), code)
            table.setdefault(head(name), code)
    table.update(COUNTRY_ALIASES)
    return table


def country(text: str) -> str | None:
    """An ISO 3166-1 alpha-2 code from a country's name (French or English, the CNIL's
    spellings included) or its code; None when unknown."""
    stripped = text.strip()
    if len(stripped) == 2 and stripped.isalpha():
        from ropa.schema import country_names

        code = stripped.upper()
        return code if code in country_names() else None
    return _countries().get(key(stripped)) or _countries().get(head(stripped))


def is_placeholder(text: str) -> bool:
    return key(text) in PLACEHOLDERS


def means_none(text: str) -> bool:
    return key(text) in NONE_WORDS
