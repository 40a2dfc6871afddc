"""Country facts: EEA membership, Art. 8 consent ages, supervisory authorities."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from ropa.reference._loader import DATA_DIR, Node, read_yaml, unique
from ropa.reference.facts import Authority, ConsentAge, EeaMember

EEA_FILE = "eea.yaml"
AGES_FILE = "ages.yaml"
AUTHORITIES_FILE = "authorities.yaml"

_ALIASES = {"EL": "GR", "UK": "GB"}  # the EU's protocol codes for Greece and the UK


def normalise_country(code: str) -> str:
    """The ISO 3166-1 alpha-2 form of a country code: trimmed, upper case, EL->GR, UK->GB."""
    cleaned = code.strip().upper()
    return _ALIASES.get(cleaned, cleaned)


def _country(node: Node, key: str = "country") -> str:
    if isinstance(node.data.get(key), bool):  # YAML 1.1 reads NO (Norway) as false
        raise node.fail(key, "YAML reads an unquoted NO as false: write 'NO' in quotes.")
    code = node.text(key)
    if len(code) != 2 or not code.isalpha() or not code.isupper():
        raise node.fail(key, f"expected an ISO 3166-1 alpha-2 code such as FR, got {code!r}.")
    return code


@cache
def _eea(directory: Path) -> dict[str, EeaMember]:
    """The states of eea.yaml by code, sorted by code (is_eea looks a code up, once per
    transfer of a large register)."""
    root = Node.root(read_yaml(directory, EEA_FILE), EEA_FILE)
    members: list[EeaMember] = []
    seen: list[tuple[str, Node]] = []
    for node in root.items("members", label="country"):
        confidence, sources, checked = node.provenance()
        members.append(
            EeaMember(
                country=_country(node),
                name=node.text("name"),
                group=node.choice("group", {"eu", "efta"}),
                until=node.opt_day("until"),
                note=node.opt_text("note"),
                uncertain=node.opt_text("uncertain"),
                confidence=confidence,
                sources=sources,
                checked=checked,
            )
        )
        seen.append((members[-1].country, node))
        node.done()
    root.done()
    unique(seen, "country")
    return {m.country: m for m in sorted(members, key=lambda m: m.country)}


def eea_table() -> list[EeaMember]:
    """Every state in eea.yaml, former members included, sorted by code."""
    return list(_eea(DATA_DIR).values())


def eea_members(on: date) -> list[str]:
    """The codes of the EEA states on that date, sorted."""
    return [m.country for m in _eea(DATA_DIR).values() if m.member_on(on)]


def is_eea(country: str, on: date) -> bool:
    """True if ``country`` (any accepted spelling: EL, uk, ' fr ') is in the EEA on ``on``."""
    member = _eea(DATA_DIR).get(normalise_country(country))
    return member is not None and member.member_on(on)


@cache
def _ages(directory: Path) -> tuple[ConsentAge, dict[str, ConsentAge]]:
    root = Node.root(read_yaml(directory, AGES_FILE), AGES_FILE)
    default_node = root.child("default")
    default = _consent_age(default_node, "", default=True)
    default_node.text("article")
    default_node.done()
    ages: dict[str, ConsentAge] = {}
    seen: list[tuple[str, Node]] = []
    for node in root.items("countries", label="country"):
        age = _consent_age(node, _country(node), default=False)
        ages[age.country] = age
        seen.append((age.country, node))
        node.done()
    root.done()
    unique(seen, "country")
    return default, ages


def _consent_age(node: Node, country: str, default: bool) -> ConsentAge:
    confidence, sources, checked = node.provenance()
    age = node.number("age")
    if not 13 <= age <= 16:
        raise node.fail("age", f"Art. 8(1) allows 13 to 16, got {age}.")
    return ConsentAge(
        country=country,
        age=age,
        default=default,
        note=node.opt_text("note"),
        uncertain=node.opt_text("uncertain"),
        confidence=confidence,
        sources=sources,
        checked=checked,
    )


def digital_consent_age(country: str) -> ConsentAge:
    """The Art. 8(1) age in ``country``; the GDPR default (16) where the country is not listed,
    in which case ``default`` is True and ``note`` says so."""
    code = normalise_country(country)
    default, ages = _ages(DATA_DIR)
    if code in ages:
        return ages[code]
    return ConsentAge(
        country=code,
        age=default.age,
        default=True,
        note=f"{code or 'this country'} is not listed in {AGES_FILE}: "
        f"the GDPR default of Art. 8(1) ({default.age}) applies",
        confidence=default.confidence,
        sources=default.sources,
        checked=default.checked,
    )


def default_consent_age() -> ConsentAge:
    """The GDPR default of Art. 8(1) (16), with its sources."""
    return _ages(DATA_DIR)[0]


def consent_ages() -> list[ConsentAge]:
    """The age of every listed country, sorted by code."""
    return sorted(_ages(DATA_DIR)[1].values(), key=lambda a: a.country)


@cache
def _authorities(directory: Path) -> dict[str, Authority]:
    root = Node.root(read_yaml(directory, AUTHORITIES_FILE), AUTHORITIES_FILE)
    found: dict[str, Authority] = {}
    seen: list[tuple[str, Node]] = []
    for node in root.items("authorities", label="country"):
        confidence, sources, checked = node.provenance()
        website = node.text("website")
        if not website.startswith("https://"):
            raise node.fail("website", f"expected an https:// address, got {website!r}.")
        authority = Authority(
            country=_country(node),
            name=node.text("name"),
            website=website,
            note=node.opt_text("note"),
            uncertain=node.opt_text("uncertain"),
            confidence=confidence,
            sources=sources,
            checked=checked,
        )
        found[authority.country] = authority
        seen.append((authority.country, node))
        node.done()
    root.done()
    unique(seen, "country")
    return found


def supervisory_authority(country: str) -> Authority | None:
    """The national supervisory authority of an EEA state, or None for another country."""
    return _authorities(DATA_DIR).get(normalise_country(country))


def supervisory_authorities() -> list[Authority]:
    return sorted(_authorities(DATA_DIR).values(), key=lambda a: a.country)
