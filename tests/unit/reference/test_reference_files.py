"""The data files themselves: provenance on every entry, lazy loading, and clear errors
when a file is malformed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ropa import reference as ref
from ropa.reference import Confidence, ReferenceDataError


def all_facts() -> list[ref.Fact]:
    return [
        *ref.eea_table(), *ref.adequacy_decisions(), *ref.invalidated_decisions(),
        ref.scc_dates(), *ref.scc_decisions(), *ref.scc_modules(), *ref.safeguards(),
        *ref.derogations(), *ref.legal_bases(), *ref.art9_conditions(), *ref.consent_ages(),
        ref.default_consent_age(), *ref.all_retention_references(), *ref.dpia_criteria(),
        *ref.cnil_dpia_mandatory(), *ref.cnil_dpia_exempt(), *ref.supervisory_authorities(),
    ]


def test_every_entry_has_sources_checked_and_confidence() -> None:
    facts = all_facts()
    assert len(facts) > 200
    for fact in facts:
        assert isinstance(fact.confidence, Confidence), fact
        assert isinstance(fact.checked, date) and fact.checked == date(2026, 11, 26), fact
        if fact.confidence is not Confidence.UNCONFIRMED:
            assert fact.sources, fact
        assert all(source.strip() for source in fact.sources), fact


def test_facts_the_source_marks_uncertain_are_marked() -> None:
    assert ref.digital_consent_age("LI").confidence is Confidence.UNCONFIRMED
    assert ref.digital_consent_age("IS").uncertain is not None
    assert ref.digital_consent_age("NO").uncertain is not None
    assert ref.digital_consent_age("ES").uncertain is not None
    unconfirmed_websites = {a.country for a in ref.supervisory_authorities()
                            if a.confidence is Confidence.UNCONFIRMED}
    assert unconfirmed_websites == {"HU", "NL", "PL", "PT", "RO", "SK"}
    for country in ("GB", "US", "KR", "JP"):
        decision = ref.adequacy_decision(country, date(2026, 11, 26))
        assert decision is not None and decision.uncertain, country


def test_the_shipped_files_are_the_ones_listed() -> None:
    assert sorted(p.name for p in ref.DATA_DIR.glob("*.yaml")) == list(ref.DATA_FILES)
    for name in ref.DATA_FILES:
        assert (ref.DATA_DIR / name).read_text(encoding="utf-8").startswith("# "), name
    ref.load_all()


def test_importing_reads_no_file_and_no_yaml() -> None:
    code = (
        "import sys, ropa.reference as r\n"
        "from ropa.reference import countries, transfers\n"
        "print('yaml' in sys.modules, countries._eea.cache_info().currsize,"
        " transfers._adequacy.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == ["False", "0", "0"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ref.DATA_DIR, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_copy_loads(data_copy: Path) -> None:
    ref.load_all(data_copy)


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        ("adequacy.yaml", "adopted: 2023-07-10", "adopted: soon",
         ("adequacy.yaml: decisions[13] (US).adopted: expected a date written YYYY-MM-DD, "
         "got 'soon'.")),
        ("adequacy.yaml", "secteur privé\\u00a0: entreprises", "secteur privé : entreprises",
         ("adequacy.yaml: decisions[7] (JP).scope_fr: put a no-break space before ':' and ';' "
          "(write \\u00a0 in a double-quoted string).")),
        ("adequacy.yaml", "    gender_fr: masculine", "    gender_fr: neuter",
         ("adequacy.yaml: invalidated[1] (privacy_shield).gender_fr: 'neuter' is not one of "
          "feminine, masculine.")),
        ("adequacy.yaml", "    gender_fr: feminine\n", "",
         ("adequacy.yaml: invalidated[0] (safe_harbour).gender_fr: `name_fr` and `gender_fr` go "
          "together: write both or neither.")),
        ("adequacy.yaml", '    place_fr: "la Suisse"\n',
         '    place_fr: "la Suisse"\n    certification_fr: "la liste"\n',
         "adequacy.yaml: decisions[11] (CH).certification_fr: translates no `certification`"),
        ("ages.yaml", "  - country: 'NO'", "  - country: NO",
         ("ages.yaml: countries[23].country: YAML reads an unquoted NO as false: "
         "write 'NO' in quotes.")),
        ("ages.yaml", "    age: 15\n    note: Loi", "    age: 12\n    note: Loi",
         "ages.yaml: countries[10] (FR).age: Art. 8(1) allows 13 to 16, got 12."),
        ("eea.yaml", "    confidence: confirmed", "    confidance: confirmed",
         "eea.yaml: members[0] (AT).confidence: missing; every entry of this file needs it."),
        ("authorities.yaml", "    confidence: confirmed", "    confidence: sure",
         ("authorities.yaml: authorities[0] (AT).confidence: 'sure' is not one of confirmed, "
         "secondary, unconfirmed.")),
        ("retention.yaml", "    max: P12M", "    max: 12 months",
         ("retention.yaml: references[10] (security_logs).max: '12 months' is not an ISO 8601 "
         "duration such as P3Y, P13M or P30D.")),
        ("retention.yaml", "    kind: recruitment", "    kind: hiring",
         "retention.yaml: references[9] (job_applicants).kind: 'hiring' is not one of "),
        ("bases.yaml", "  - id: contract\n", "  - id: consent\n",
         "bases.yaml: bases[1] (consent).id: 'consent' appears twice; keep one entry."),
        ("derogations.yaml", "    public_authority_use: true", "    public_authority_use: 1",
         ("derogations.yaml: derogations[4] (public_interest).public_authority_use: expected "
         "true or false, got 1.")),
        ("scc.yaml", "  usable_from: 2021-06-27", "  usable_from: 2021-06-27\n  extra: 1",
         "scc.yaml: dates: unknown key 'extra'; check its spelling."),
        ("dpia.yaml", "threshold: 2", "threshold: 10",
         "dpia.yaml: threshold: expected 1 to 9."),
        ("safeguards.yaml", "    mechanism: bcr", "    mechanism: rules",
         "safeguards.yaml: safeguards[1] (46(2)(b)).mechanism: 'rules' is not one of "),
    ],
)
def test_malformed_file_names_the_file_and_the_entry(
    data_copy: Path, name: str, old: str, new: str, message: str
) -> None:
    edit(data_copy, name, old, new)
    with pytest.raises(ReferenceDataError) as caught:
        ref.load_all(data_copy)
    assert str(caught.value).startswith(message)


def test_sources_required_unless_unconfirmed(data_copy: Path) -> None:
    edit(data_copy, "authorities.yaml",
         "    sources:\n      - https://ictinstitute.nl/europes-data-protection-authorities/\n"
         "      - https://crewproject.eu/valstybines-duomenu-apsaugos-institucijos\n",
         "    sources: []\n")
    with pytest.raises(ReferenceDataError, match=r"^authorities.yaml: authorities\[0\] \(AT\)"
                       r"\.sources: empty, but the fact is marked confirmed\.$"):
        ref.load_all(data_copy)


def test_yaml_syntax_error_gives_the_line(data_copy: Path) -> None:
    (data_copy / "scc.yaml").write_text("dates:\n  adopted: [2021-06-04\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"^scc.yaml: line 3, column 1: not valid YAML"):
        ref.load_all(data_copy)


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "dpia.yaml").unlink()
    with pytest.raises(ReferenceDataError, match=r"^dpia.yaml: cannot read .*dpia.yaml"):
        ref.load_all(data_copy)
