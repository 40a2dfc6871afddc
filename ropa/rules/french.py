"""French wording the rules' messages share: country names, lists, what is missing. The
messages themselves are written beside their English in each rule."""

from __future__ import annotations

import re

# The words ISO puts after the comma of an inverted name ("Corée, République de").
_INVERTED = re.compile(r"(Îles?|[Rr]épublique|Fédération|[EÉée]tats?)(\s|$)")


def country_fr(code: str) -> str:
    """The French name of a country (ISO code, any case or alias), without article: ``Inde``,
    ``République de Corée``, ``Îles Malouines (Falkland)``; the code when it is unknown. A
    code such as IN would read as a word in a French sentence."""
    from ropa.reference import normalise_country
    from ropa.schema import country_names

    code = normalise_country(code)
    name = country_names("fr").get(code)
    if name is None:
        return code
    head, comma, tail = name.partition(", ")
    if not comma:
        return name
    if tail.startswith("province"):  # "Taïwan, province de Chine"
        return head
    if not _INVERTED.match(tail):  # "Sainte-Hélène, Ascension et Tristan da Cunha"
        return name
    kind, _, extra = tail.partition(" (")  # "Malouines, Îles (Falkland)"
    extra = f" ({extra}" if extra else ""
    # ISO's inverted form: "Corée, République de", "Iran, République islamique d'"
    return (f"{kind}{head}" if kind.endswith("'") else f"{kind} {head}") + extra


def and_fr(items: list[str]) -> str:
    """``a``, ``a et b``, ``a, b et c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


def neither(items: list[str], *, partitive: bool = True) -> str:
    """What is missing, after a verb in the negative ("n'a", "n'indique"): ``ni a ni b``; one
    item alone ``pas de a`` (``pas d'adresse``), or ``pas a`` when not ``partitive``
    (``pas les coordonnées``)."""
    if len(items) > 1:
        return " ".join(f"ni {item}" for item in items)
    if not partitive:
        return f"pas {items[0]}"
    return f"pas d'{items[0]}" if items[0][:1] in "aeéiou" else f"pas de {items[0]}"
