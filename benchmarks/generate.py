"""A realistic synthetic register folder, deterministic from a seed.

    python -m benchmarks.generate --activities 1000 --seed 1 OUT

OUT gets register.yaml (organisation, settings, a catalogue of 22 security measures),
activities/ (one file per activity, about 3.7 KB of YAML each) and processors/ (one
processor per ten activities, at least four). Proportions: 2-4 purposes, 2-6 categories of
personal data with their retention, 1-3 categories of people and 2-5 recipients (of which
1-3 processors) per activity; about 10% of activities hold special-category data; about
20% of processors work outside the EEA and declare their transfers. A few gaps give the
rules work: a retention left out (4% of activities, half of them suppressed with a
reason), a legitimate interest or a consent record not documented, a processor without
its contract (5%), a transfer without its impact assessment, reviews that are overdue.
The register has no loading problem: ``ropa validate OUT`` exits 0.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from benchmarks import vocabulary as v

ACTIVITY_HEADER = "# yaml-language-server: $schema=../../../ropa/schema/activity.schema.json\n"
PROCESSOR_HEADER = "# yaml-language-server: $schema=../../../ropa/schema/processor.schema.json\n"
REGISTER_HEADER = "# yaml-language-server: $schema=../../ropa/schema/register.schema.json\n"
FIRST_DAY = date(2019, 1, 7)
LAST_REVIEW = date(2026, 10, 30)
Item = dict[str, Any]

PARTIAL_ADEQUACY = ("CA", "JP")


@dataclass(frozen=True)
class Summary:
    activities: int
    processors: int
    bytes_of_activities: int

    @property
    def mean_activity_bytes(self) -> float:
        return self.bytes_of_activities / max(self.activities, 1)


def processor_count(activities: int) -> int:
    return max(4, activities // 10)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


class _Dumper(yaml.SafeDumper):
    """Block mappings with indented lists, flow lists of scalars, folded long text and no
    anchors: the way people write these files by hand (as in registers/)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(x, (dict, list)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = ">" if len(data) > 90 else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)


def _dump(header: str, data: Item) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=90, indent=2)
    return header + body


def register_file(seed: int) -> Item:
    measures: list[Item] = []
    for measure_id, category, name, description in v.MEASURES:
        measure: Item = {"id": measure_id, "name": name, "category": category, "description": description}
        if measure_id in v.ALL_MEASURES:
            measure["applies_to"] = "all"
        measures.append(measure)
    return {
        "ropa": 1,
        "organisation": {
            "name": f"Groupe Synthétique {seed}", "legal_form": "SA", "registration_number": "999 999 999",
            "address": {"street": "1 place de l'Exemple", "postcode": "75000", "city": "Paris", "country": "FR"},
            "email": "dpo@synthetique.example", "website": "https://synthetique.example", "employees": 12000,
            "public_authority": False, "establishments": ["FR", "DE", "BE"],
            "dpo": {"name": "Délégué à la protection des données", "email": "dpo@synthetique.example"},
            "rights_contact": "droits@synthetique.example", "supervisory_authority": "FR",
            "notes": "Registre synthétique généré pour mesurer les performances de ropa.",
        },
        "settings": {"review_interval": "P12M", "language": "fr"},
        "security_measures": measures,
    }


def make_processor(rng: random.Random, index: int) -> Item:
    word, suffix = rng.choice(v.COMPANY_WORDS), rng.choice(v.COMPANY_SUFFIXES)
    service = rng.choice(v.SERVICES)
    outside = rng.random() < 0.2
    country, mechanism = rng.choice(v.NON_EEA) if outside else (rng.choice(v.EEA_COUNTRIES), "")
    contracting = rng.choice(v.EEA_COUNTRIES) if outside and rng.random() < 0.6 else country
    item: Item = {
        "ropa": 1, "id": f"{word}-{suffix}-{index:05d}".lower(), "name": f"{word} {suffix} {index}",
        "service": service, "contact": {"email": f"privacy@{word.lower()}{index}.example"},
        "country": contracting, "locations": sorted({contracting, country}),
    }
    if rng.random() >= 0.05:  # 5% have no Art. 28 contract (ROPA501)
        item["dpa"] = {"signed": _day(rng, FIRST_DAY, LAST_REVIEW),
                       "reference": f"Contrat de sous-traitance {service.lower()} n° {index}"}
    if rng.random() < 0.4:
        item["certifications"] = rng.sample(v.CERTIFICATIONS, rng.randint(1, 2))
    if outside:
        item["transfers"] = [_processor_transfer(rng, item, country, mechanism)]
    return item


def _processor_transfer(rng: random.Random, processor: Item, country: str, mechanism: str) -> Item:
    transfer: Item = {"country": country, "importer": f"{processor['name']} ({country})"}
    if mechanism == "scc":
        in_eea = processor["country"] != country
        transfer["exporter"] = "processor" if in_eea else "controller"
        transfer["mechanism"] = "scc"
        transfer["scc"] = {"module": 3 if in_eea else 2, "decision": "2021/914",
                           "signed": _day(rng, date(2022, 1, 3), LAST_REVIEW)}
        if rng.random() >= 0.15:  # 15% without transfer impact assessment (ROPA405)
            transfer["tia"] = f"TIA-{processor['id']}"
    else:
        transfer["exporter"] = "processor" if processor["country"] != country else "controller"
        transfer["mechanism"] = "adequacy"
        if country == "US":
            transfer["dpf_certified"] = True
        if country in PARTIAL_ADEQUACY and rng.random() < 0.8:  # the others: ROPA402
            transfer["adequacy_in_scope"] = True
    transfer["documentation"] = f"https://{processor['id']}.example/legal/dpa"
    return transfer


def _purposes(rng: random.Random, template: v.Template) -> list[Item]:
    chosen = rng.sample(template.purposes, min(rng.randint(2, 4), len(template.purposes)))
    out = []
    for purpose in chosen:
        item: Item = {"description": purpose.description, "legal_basis": purpose.basis}
        gap = rng.random() < 0.03  # an undocumented interest or consent (ROPA202, ROPA203)
        if purpose.basis == "legitimate_interests" and not gap:
            item["legitimate_interest"] = purpose.extra
            item["lia"] = f"Test de mise en balance {rng.randint(1, 400)}"
        elif purpose.basis == "consent" and not gap:
            item["consent_record"] = purpose.extra
        elif purpose.basis == "legal_obligation":
            item["legal_reference"] = purpose.extra
        item["mandatory"] = purpose.basis in ("contract", "legal_obligation")
        item["consequence"] = ("Sans ces données, la demande ne peut pas être traitée" if item["mandatory"]
                               else "Facultatif : le refus est sans conséquence")
        out.append(item)
    return out


def _personal_data(rng: random.Random, template: v.Template, missing: bool) -> list[Item]:
    categories = rng.sample(sorted(v.DATA_ITEMS), rng.randint(2, 6))
    if "identification" not in categories:
        categories[0] = "identification"
    duration, start, justification = template.retention
    out = []
    for category in categories:
        pool = v.DATA_ITEMS[category]
        item: Item = {"category": category, "description": v.DATA_DESCRIPTIONS[category],
                      "items": rng.sample(pool, min(len(pool), rng.randint(2, 4))),
                      "source": rng.choice(("data_subject", "data_subject", "generated", "third_party"))}
        item["retention"] = {"duration": duration, "start": start, "then": rng.choice(("deletion", "archive")),
                             "justification": justification}
        out.append(item)
    if missing:  # ROPA301
        del out[-1]["retention"]
    return out


def _recipients(rng: random.Random, processors: list[str]) -> tuple[list[Item], list[Item]]:
    recipients: list[Item] = [{"type": "internal", "name": rng.choice(v.INTERNAL_RECIPIENTS),
                               "description": "Personnel habilité, selon son besoin d'en connaître"}]
    for processor_id in rng.sample(processors, min(len(processors), rng.randint(1, 3))):
        recipients.append({"type": "processor", "processor": processor_id})
    transfers: list[Item] = []
    for _ in range(min(rng.choice((0, 0, 1, 1, 2)), 5 - len(recipients))):
        draw = rng.random()
        if draw < 0.1:
            name, country = rng.choice(v.FOREIGN_PARTNERS)
            recipients.append({"type": "third_party", "name": name, "country": country})
            transfers.append(_activity_transfer(rng, name, country))
        elif draw < 0.6:
            name, country = rng.choice(v.THIRD_PARTIES)
            recipients.append({"type": "third_party", "name": name, "country": country})
        else:
            name, country = rng.choice(v.AUTHORITIES)
            recipients.append({"type": "authority", "name": name, "country": country,
                               "description": "Sur demande, dans les cas prévus par la loi"})
    return recipients, transfers


def _activity_transfer(rng: random.Random, name: str, country: str) -> Item:
    if country in ("CH", "GB", "CA"):
        transfer: Item = {"recipient": name, "country": country, "mechanism": "adequacy",
                          "documentation": "Décision d'adéquation de la Commission européenne"}
        if country == "CA" and rng.random() < 0.8:  # the others: ROPA402
            transfer["adequacy_in_scope"] = True
        return transfer
    return {"recipient": name, "country": country, "mechanism": "scc",
            "scc": {"module": 1, "decision": "2021/914", "signed": _day(rng, date(2022, 1, 3), LAST_REVIEW)},
            "tia": f"TIA-{name.lower().replace(' ', '-')}", "documentation": "Clauses contractuelles types"}


def _special(rng: random.Random, kind: str, start: date) -> tuple[list[Item], Item]:
    category, condition, items = rng.choice(v.SPECIAL[kind])
    special: Item = {"category": category, "description": "Données sensibles strictement nécessaires",
                     "items": items.split(", "), "condition": condition,
                     "retention": {"duration": "P5Y", "start": "fin de la prise en charge", "then": "deletion"}}
    dpia = {"status": "done", "criteria": ["sensitive_data", "large_scale"], "reference": "AIPD-"
            f"{rng.randint(1, 999):03d}", "date": _day(rng, max(start, date(2023, 3, 1)), LAST_REVIEW),
            "residual_risk": "low"}
    return [special], dpia


def make_activity(rng: random.Random, index: int, processors: list[str], measures: list[str]) -> Item:
    template = rng.choice(v.TEMPLATES)
    name = rng.choice(template.names)
    created = _day(rng, FIRST_DAY, date(2025, 11, 24))
    recent = rng.random() < 0.85  # the others are overdue (ROPA108)
    reviewed = _day(rng, max(created, date(2025, 12, 1) if recent else date(2024, 6, 3)),
                    LAST_REVIEW if recent else date(2025, 11, 24))
    missing_retention = rng.random() < 0.04
    item: Item = {
        "ropa": 1, "id": f"{template.kind.replace('_', '-')}-{index:05d}", "ref": f"T-{index:05d}",
        "name": f"{name} — entité {rng.randint(1, 60)}",
        "description": " ".join(rng.sample(v.FILLER, 2)),
        "role": "controller", "owner": template.owner, "kind": template.kind,
        "status": rng.choice(("active",) * 17 + ("planned", "planned", "retired")),
        "created": created, "updated": reviewed, "reviewed": reviewed,
        "purposes": _purposes(rng, template),
        "data_subjects": [{"category": c, "description": d, "minors": False}
                          for c, d in rng.sample(template.subjects, min(len(template.subjects), rng.randint(1, 3)))],
        "personal_data": _personal_data(rng, template, missing_retention),
    }
    dpia: Item = {"status": "not_required", "criteria": []}
    sensitive = template.kind == "health_care" or (
        template.kind in v.SPECIAL and rng.random() < 0.06)  # about 11% in all
    if sensitive:
        item["special_categories"], dpia = _special(rng, template.kind, created)
    recipients, transfers = _recipients(rng, processors)
    item["recipients"] = recipients
    if transfers:
        item["transfers"] = transfers
    chosen = set(rng.sample(measures, rng.randint(3, 7)))
    if sensitive:
        chosen.add("role-based-access")  # special-category data need access control (ROPA602)
    item["security_measures"] = sorted(chosen)
    item["dpia"] = dpia
    item["automated_decision"] = {"exists": False, "legal_effect": False}
    if missing_retention and rng.random() < 0.5:
        item["suppress"] = [{"rule": "ROPA301", "reason": "Durée en cours d'arbitrage avec la direction "
                             "juridique", "until": date(2030, 12, 31)}]
    item["notes"] = " ".join(rng.sample(v.FILLER, rng.randint(3, 7)))
    return item


def generate(activities: int, seed: int, out: Path) -> Summary:
    """Write a register folder of ``activities`` activities to ``out`` (emptied first)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "activities").mkdir(parents=True)
    (out / "processors").mkdir()
    (out / "register.yaml").write_text(_dump(REGISTER_HEADER, register_file(seed)), encoding="utf-8")
    processor_ids = []
    for index in range(1, processor_count(activities) + 1):
        processor = make_processor(rng, index)
        processor_ids.append(processor["id"])
        path = out / "processors" / f"{processor['id']}.yaml"
        path.write_text(_dump(PROCESSOR_HEADER, processor), encoding="utf-8")
    measures = [m[0] for m in v.MEASURES if m[0] not in v.ALL_MEASURES]
    total = 0
    for index in range(1, activities + 1):
        activity = make_activity(rng, index, processor_ids, measures)
        text = _dump(ACTIVITY_HEADER, activity)
        (out / "activities" / f"{activity['id']}.yaml").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return Summary(activities, len(processor_ids), total)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--activities", type=int, required=True, metavar="N", help="number of activities")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("out", type=Path, metavar="OUT", help="register folder to write (replaced)")
    args = parser.parse_args(argv)
    if args.activities < 1:
        parser.error("--activities must be at least 1")
    summary = generate(args.activities, args.seed, args.out)
    print(f"{args.out}: {summary.activities} activities ({summary.mean_activity_bytes:.0f} bytes each on "
          f"average), {summary.processors} processors", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
