"""``ropa reference``: show the legal facts ropa's rules rest on, with their sources.

Every command prints a table per group of facts, with each fact's confidence and the date
it was checked, or, with ``--format json``, one sorted JSON document that carries the
sources too. ``ropa.reference`` is imported inside the commands only, so that
``ropa --help`` and ``ropa check`` do not pay for it.
"""

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date
from enum import Enum, StrEnum
from typing import Annotated, Any

import typer

from ropa.cli.common import fail, out, parse_as_of

HELP = "Show the legal facts ropa's rules rest on, with their sources."
_PIPE_WIDTH = 160  # tables written to a file or a pipe: wide enough, the same everywhere
_NONE = "—"


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


FormatOption = Annotated[OutputFormat, typer.Option(
    "--format", help="text: tables; json: one sorted document, sources included.")]
SourcesOption = Annotated[bool, typer.Option(
    "--sources", help="Text format: number each fact's sources and list them at the end.")]
AsOfOption = Annotated[str | None, typer.Option(
    "--as-of", metavar="YYYY-MM-DD", help="Judge dates as of this day [default: today].")]

Getter = Callable[[Any], object]


@dataclass
class Column:
    header: str
    get: Getter
    wide: bool = False  # long text that may wrap; other columns never wrap


def _cols(*specs: str | Column) -> list[Column]:
    """Columns from attribute names (``"name"``, or ``"label*"`` for a wide one) or Columns."""
    columns = []
    for spec in specs:
        if isinstance(spec, Column):
            columns.append(spec)
            continue
        name = spec.rstrip("*")
        get = lambda fact, attribute=name: getattr(fact, attribute)
        columns.append(Column(name.replace("_", " "), get, spec.endswith("*")))
    return columns


@dataclass
class Section:
    """One group of facts: a table in text, a key of the JSON document."""

    key: str
    title: str
    facts: Sequence[Any]
    columns: list[Column]
    extra: Callable[[Any], dict[str, Any]] | None = None  # computed fields for the JSON


@dataclass
class SourceIndex:
    """Numbers sources in the order they are first shown, for ``--sources``."""

    numbers: dict[str, int] = field(default_factory=dict)

    def refs(self, sources: Iterable[str]) -> str:
        return ",".join(str(self.numbers.setdefault(s, len(self.numbers) + 1)) for s in sources)


def _text(value: object) -> str:
    if value is None or value == "":
        return _NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _plain(value: Any) -> Any:
    """A JSON-ready copy: dates as YYYY-MM-DD, enums as their value, tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def _identity(fact: Any) -> str:
    """What sorts the entries of a JSON section: the fact's id, country or module."""
    for name in ("id", "country", "module", "mechanism", "decision_ref"):
        if hasattr(fact, name):
            return str(getattr(fact, name))
    return ""


def _emit(topic: str, sections: list[Section], fmt: OutputFormat, show_sources: bool,
          header: dict[str, Any] | None = None, notes: Sequence[str] = ()) -> None:
    if fmt is OutputFormat.TEXT:
        _print_tables(sections, show_sources, notes)
        return
    document: dict[str, Any] = {"topic": topic, **(header or {})}
    for section in sections:
        document[section.key] = [
            {**_plain(fact), **(section.extra(fact) if section.extra else {})}
            for fact in sorted(section.facts, key=_identity)
        ]
    out().file.write(json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n")


def _print_tables(sections: list[Section], show_sources: bool, notes: Sequence[str]) -> None:
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    console = out()
    width = None if console.is_terminal else _PIPE_WIDTH
    index = SourceIndex()
    for section in sections:
        columns = [*section.columns, *_cols("confidence", "checked")]
        if show_sources:
            columns.append(Column("sources", lambda f: index.refs(f.sources)))
        table = Table(title=Text(section.title), title_justify="left")
        for column in columns:
            if column.wide:
                table.add_column(column.header, overflow="fold", ratio=1)
            else:
                table.add_column(column.header, no_wrap=True)
        for fact in section.facts:
            table.add_row(*(Text(_text(column.get(fact))) for column in columns))
        if width is not None:  # not a terminal: as wide as the content needs, up to width
            natural = Measurement.get(console, console.options.update(max_width=width), table)
            table.width = min(natural.maximum, width)
        console.print(table)
    for note in notes:
        console.print(Text(note))
    if show_sources and index.numbers:
        console.print(Text("Sources:"))
        for source, number in index.numbers.items():
            console.print(Text(f"  [{number}] {source}"))


@contextmanager
def _reading() -> Iterator[None]:
    """Turn a malformed data file into ``Error: …`` and exit code 2."""
    from ropa.reference import ReferenceDataError

    try:
        yield
    except ReferenceDataError as exc:
        fail(str(exc))


def eea(as_of: AsOfOption = None, fmt: FormatOption = OutputFormat.TEXT,
        sources: SourcesOption = False) -> None:
    """EEA states (the EU, Iceland, Liechtenstein, Norway) and former members, on a date."""
    day = parse_as_of(as_of)
    with _reading():
        from ropa.reference import eea_members, eea_table

        members = eea_members(day)
        columns = _cols("country", "name", "group", "until",
                        Column("member", lambda m: m.member_on(day)))
        section = Section("members", f"EEA states: {len(members)} on {day}", eea_table(),
                          columns, lambda m: {"member_on_as_of": m.member_on(day)})
        _emit("eea", [section], fmt, sources,
              {"as_of": day.isoformat(), "members_on_as_of": members})


def _limits(decision: Any) -> str:
    parts = ["partial scope"] if decision.partial_scope else []
    if decision.requires_certification:
        parts.append("certified importers only")
    return ", ".join(parts)


def adequacy(as_of: AsOfOption = None, fmt: FormatOption = OutputFormat.TEXT,
             sources: SourcesOption = False) -> None:
    """Adequacy decisions of the Commission (Article 45), in force or not on a date."""
    day = parse_as_of(as_of)
    with _reading():
        from ropa.reference import adequacy_decisions, invalidated_decisions

        columns = _cols("id", "name*", "adopted", "expiry",
                        Column("in force", lambda d: d.in_force(day)),
                        Column("limits", _limits, wide=True))
        sections = [
            Section("decisions", f"Adequacy decisions (Art. 45) on {day}", adequacy_decisions(),
                    columns, lambda d: {"in_force_on_as_of": d.in_force(day)}),
            Section("invalidated", "Invalidated: never a valid transfer basis",
                    invalidated_decisions(),
                    _cols("mechanism", "decision_ref*", "invalidated", "judgment*")),
        ]
        _emit("adequacy", sections, fmt, sources, {"as_of": day.isoformat()})


def scc(as_of: AsOfOption = None, fmt: FormatOption = OutputFormat.TEXT,
        sources: SourcesOption = False) -> None:
    """Standard contractual clauses: modules of 2021/914, repealed decisions, key dates."""
    day = parse_as_of(as_of)
    with _reading():
        from ropa.reference import scc_dates, scc_decisions, scc_modules

        dates = scc_dates()

        def status(decision: Any) -> str:
            if decision.status == "current":
                return "usable" if day >= dates.usable_from else "not yet usable"
            if day < dates.legacy_repealed:
                return "usable"
            if day <= dates.legacy_grandfathering_end:
                return f"only if signed before {dates.legacy_repealed}"
            return "invalid"

        sections = [
            Section("dates", f"Dates of {dates.decision_ref}", [dates],
                    _cols("usable_from", "legacy_repealed", "legacy_grandfathering_end")),
            Section("modules", "Modules of Decision (EU) 2021/914", scc_modules(),
                    _cols("module", "code", "label*", "exporter_role*", "importer_role*")),
            Section("decisions", f"Decisions on {day}", scc_decisions(),
                    _cols("id", "covers*", Column("status", status)),
                    lambda d: {"status_on_as_of": status(d)}),
        ]
        _emit("scc", sections, fmt, sources, {"as_of": day.isoformat()})


def derogations(fmt: FormatOption = OutputFormat.TEXT, sources: SourcesOption = False) -> None:
    """Derogations of Article 49 and whether a public authority may use them."""
    with _reading():
        from ropa.reference import derogations as all_derogations

        columns = _cols("id", "article", "label*", "public_authority_use")
        _emit("derogations", [Section("derogations", "Art. 49 derogations", all_derogations(),
                                      columns)], fmt, sources)


def bases(fmt: FormatOption = OutputFormat.TEXT, sources: SourcesOption = False) -> None:
    """Legal bases of Article 6(1) and conditions of Article 9(2), in English and French."""
    with _reading():
        from ropa.reference import art9_conditions, legal_bases

        sections = [
            Section("bases", "Art. 6(1) legal bases", legal_bases(),
                    _cols("id", "article", "label_en*", "label_fr*", "public_authority_use",
                          "requires_law")),
            Section("conditions", "Art. 9(2) conditions", art9_conditions(),
                    _cols("id", "article", "label_en*", "label_fr*")),
        ]
        _emit("bases", sections, fmt, sources)


def ages(fmt: FormatOption = OutputFormat.TEXT, sources: SourcesOption = False) -> None:
    """Age of digital consent (Article 8) in each EEA state; the GDPR default is 16."""
    with _reading():
        from ropa.reference import consent_ages, default_consent_age

        default = default_consent_age()
        section = Section("countries", "Age of digital consent (Art. 8(1))", consent_ages(),
                          _cols("country", "age", "uncertain*"))
        _emit("ages", [section], fmt, sources, {"default_age": default.age},
              [f"Any other country: {default.age}, the GDPR default."])


def retention(
    kind: Annotated[str | None, typer.Option(
        "--kind", help="Only this activity kind (customer_management, security_logs...).")] = None,
    fmt: FormatOption = OutputFormat.TEXT, sources: SourcesOption = False,
) -> None:
    """CNIL reference retention periods, by activity kind and data category."""
    from ropa.model.enums import ActivityKind

    if kind is not None and kind not in {k.value for k in ActivityKind}:
        fail(f"--kind: {kind!r} is not an activity kind; use one of "
             f"{', '.join(k.value for k in ActivityKind)}.")
    with _reading():
        from ropa.reference import all_retention_references

        columns = _cols("kind", Column("data", lambda r: r.data_category or "all"), "id",
                        "limits", Column("max", lambda r: r.max or "not a fixed figure"),
                        Column("days", lambda r: r.max_days),
                        Column("if justified", lambda r: r.max_justified))
        facts = [r for r in all_retention_references() if kind is None or r.kind == kind]
        section = Section("references", "CNIL reference retention periods", facts, columns)
        _emit("retention", [section], fmt, sources, {"kind": kind},
              ["Days: 1 year = 365, 1 month = 365/12, rounded (P12M = P1Y = 365)."])


def dpia(fmt: FormatOption = OutputFormat.TEXT, sources: SourcesOption = False) -> None:
    """EDPB criteria for a DPIA, and the CNIL's lists of required and exempt processing."""
    with _reading():
        from ropa.reference import (
            cnil_dpia_exempt,
            cnil_dpia_mandatory,
            dpia_criteria,
            dpia_threshold,
        )

        cnil = _cols("n", "id", "label_fr*")
        sections = [
            Section("criteria", "EDPB criteria (WP248 rev.01)", dpia_criteria(),
                    _cols("n", "id", "label_en*")),
            Section("cnil_mandatory", "CNIL: DPIA required (délibération 2018-327)",
                    cnil_dpia_mandatory(), cnil),
            Section("cnil_exempt", "CNIL: no DPIA required (délibération 2019-118)",
                    cnil_dpia_exempt(), cnil),
        ]
        threshold = dpia_threshold()
        _emit("dpia", sections, fmt, sources, {"threshold": threshold},
              [f"{threshold} or more criteria: a DPIA is likely required."])


def authorities(fmt: FormatOption = OutputFormat.TEXT, sources: SourcesOption = False) -> None:
    """National supervisory authority of each EEA state, with its website."""
    with _reading():
        from ropa.reference import supervisory_authorities

        section = Section("authorities", "Supervisory authorities", supervisory_authorities(),
                          _cols("country", "name*", "website*"))
        _emit("authorities", [section], fmt, sources)


COMMANDS: tuple[tuple[str, Callable[..., None]], ...] = (
    ("eea", eea), ("adequacy", adequacy), ("scc", scc), ("derogations", derogations),
    ("bases", bases), ("ages", ages), ("retention", retention), ("dpia", dpia),
    ("authorities", authorities),
)


def install(app: typer.Typer) -> None:
    """Add ``ropa reference`` and its commands to ``app``."""
    reference_app = typer.Typer(name="reference", help=HELP, no_args_is_help=True,
                                add_completion=False, rich_markup_mode=None)
    for name, command in COMMANDS:
        reference_app.command(name)(command)
    app.add_typer(reference_app, name="reference", help=HELP)
