"""The incremental check of a register folder: after an edit to a few files of activities/,
only those files are read and checked again; what the others gave is taken from the last
check.

A check remembers, beside ropa's cache of files already read (``<id>.check`` in the same
folder), what each file of activities/ gave it: its problems, what the local rules found
about its activities (before suppressions and configured severities), their ids, their
`suppress` entries and their summaries for the rules that look across activities (see
:class:`ropa.rules.base.RegisterRule`). It also keeps the results of the register file
and of processors/, which every rule may read. All of it holds only for the same rest of
the register (register file and processors/, by content), the same settings (``ropa.toml``,
as-of date, label) and the same ropa: a change to any of these, or an activity id used
twice, and the next check is a whole one, which remembers again.

Per-file results are found as ropa's cache finds them: by the file's status when it is
unchanged, else by the sha256 of its bytes. The memory is written like the cache (a
temporary file renamed, a checksum and a stamp checked on reading): a bad or foreign file
is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from ropa.loading import LoadResult, SourceError
from ropa.loading.cache import (
    FileCache,
    FileResult,
    Index,
    code_stamp,
    dumps,
    file_key,
    index_entry,
    index_name,
    loads,
    pack_name,
    prepare_folder,
    read_stamped,
    still,
    write_stamped,
)
from ropa.loading.files import (
    assemble,
    discover_names,
    display_path,
    load_path,
    read_bytes,
    read_file,
)
from ropa.loading.yaml_reader import read_yaml_bytes
from ropa.model.origin import Location
from ropa.model.register import Activity, Suppression
from ropa.rules.base import Context, Summarise, Summarised
from ropa.rules.config import Config
from ropa.rules.engine import CheckResult, Owners, make_context, owners_of, rule_findings, settle
from ropa.rules.finding import Finding, Severity
from ropa.util.collector import paused_gc

_SUFFIX = ".check"
# what the remembered findings depend on, beyond the files: the loader, the model, the
# rules and the reference data they read
_FOLDERS = ("loading", "model", "schema", "rules", "rules/catalogue", "reference", "reference/data")

FilesRead = Callable[[int, int], None]


# A finding as plain values, which pickle reads and writes at C speed: rule, name,
# severity, message, file, line, column, path, fix, subject.
Row = tuple[str, str, str, str, str, int, int, str, str | None, str | None, str | None, str | None]


class Batch(NamedTuple):
    """What one file of activities/ gives a check (kept as a plain tuple in the memory)."""

    ids: tuple[str, ...]
    rows: tuple[Row, ...]  # its problems, and what was found about its activities
    owners: Owners  # (subject, suppress entries) of its activities that have some
    summaries: tuple[tuple[str, tuple[Any, ...]], ...]  # (id, summaries in SUMMARY order)


@dataclass(slots=True)
class Memory:
    context: bytes  # digest of the rest of the register, the settings and the date
    index: Index  # file -> its status when hashed, and its key (as in ropa's cache)
    batches: dict[str, tuple[Any, ...]]  # key of a file of activities/ -> its Batch, as a tuple
    results: bytes  # pickled {key: result} of the register file and of the files of processors/


def _usable(found: object) -> bool:
    return (isinstance(found, Memory) and isinstance(found.context, bytes) and isinstance(found.index, dict)
            and isinstance(found.batches, dict) and isinstance(found.results, bytes))


def _row(finding: Finding) -> Row:
    loc = finding.location
    return (finding.rule, finding.name, finding.severity.value, finding.message, loc.file, loc.line,
            loc.column, loc.path, finding.fix, finding.subject, finding.message_fr, finding.fix_fr)


def _finding(row: Row, severities: Mapping[str, Severity]) -> Finding:
    rule, name, severity, message, file, line, column, path, fix, subject, message_fr, fix_fr = row
    return Finding(rule, name, severities[severity], message, Location(file, line, column, path), fix, subject,
                   message_fr=message_fr, fix_fr=fix_fr)


def _summarisers() -> dict[str, Summarise]:
    """Every summary the rules that look across activities read, by name, in catalogue order."""
    from ropa.rules.base import RegisterRule
    from ropa.rules.catalogue import RULES

    found: dict[str, Summarise] = {}
    for rule in RULES:
        if issubclass(rule, RegisterRule):
            found.update(rule.summaries)
    return found


def _settings(config: Config, as_of: date, label: str) -> bytes:
    """What of the settings the findings depend on (not, say, ``fail_on``)."""
    severities = sorted((rule, severity and severity.value) for rule, severity in config.severities.items())
    return repr((severities, config.review_interval, config.dpia_stale_after, as_of.isoformat(),
                 label)).encode("utf-8", "surrogateescape")


def _context_digest(settings: bytes, context_keys: list[str]) -> bytes:
    digest = hashlib.sha256(code_stamp("check", _FOLDERS))
    digest.update(settings)
    for key in context_keys:
        digest.update(b"\0" + key.encode())
    return digest.digest()


class Incremental:
    """The check of one register folder, with its memory in ``folder`` (ropa's cache)."""

    def __init__(self, source: Path, folder: Path, *, as_of: date, config: Config, label: str) -> None:
        self.source = source
        self.folder = folder
        self.path = folder / f"{pack_name(source)}{_SUFFIX}"
        self.as_of = as_of
        self.config = config
        self.label = label
        self.settings = _settings(config, as_of, label)
        self.whole = False  # whether the last run checked the whole register
        self.kept: list[object] = []  # what the run built, freed with this object
        self.rules_started: Callable[[], None] = lambda: None

    def run(self, progress: FilesRead | None = None, rules: Callable[[], None] | None = None) -> CheckResult:
        """The check's findings, from the memory where it holds, else from a whole check.
        ``progress`` is told of the files read, ``rules`` when the rules start."""
        self.rules_started = rules or (lambda: None)
        with paused_gc():
            found = read_stamped(self.path, code_stamp("check", _FOLDERS))
            memory = found if _usable(found) else None
            if memory is not None:
                try:
                    checked = self._again(memory, progress)
                except SourceError:
                    raise
                except Exception:  # noqa: BLE001 - a memory that breaks the check is not trusted
                    checked = None
                if checked is not None:
                    self.whole = False
                    return checked
            self.whole = True
            return self._whole(progress)

    # -- a whole check, remembered -------------------------------------------------------

    def _whole(self, progress: FilesRead | None) -> CheckResult:
        files = FileCache(self.folder, self.source)
        loaded = load_path(self.source, files, progress)
        ctx = make_context(loaded.register, as_of=self.as_of, config=self.config, label=self.label)
        self.rules_started()
        local, across = rule_findings(ctx, self.config)
        checked = settle(ctx, [*loaded.problems, *local, *across], self.config)
        self._remember_whole(loaded, files.index, ctx, local)
        self.kept = [loaded, files]
        return checked

    def _remember_whole(self, loaded: LoadResult, index: Index, ctx: Context, local: list[Finding]) -> None:
        base = str(self.source)
        files = discover_names(self.source)
        names = [index_name(kind, rel, display_path(base, rel)) for rel, kind in files]
        if ([display_path(base, rel) for rel, _ in files] != loaded.files
                or any(name not in index for name in names)):
            return  # a file added, removed or unreadable while loading: remember nothing
        ids = [a.id for a in loaded.register.activities]
        if len(set(ids)) != len(ids):
            return  # findings about an activity could not be told apart by its id
        about = _by_subject([*loaded.across, *local])
        summarisers = _summarisers()
        batches: dict[str, tuple[Any, ...]] = {}
        results: dict[str, FileResult] = {}
        context_keys = []
        for name, (kind, result) in zip(names, loaded.results):
            key = index[name][5]
            if kind == "activity":
                batches[key] = tuple(_batch(ctx, result, about, summarisers))
            else:
                results[key] = result
                context_keys.append(key)
        memory = Memory(_context_digest(self.settings, context_keys), {n: index[n] for n in names},
                        batches, dumps(results))
        self._write(memory)

    # -- a check from memory -------------------------------------------------------------

    def _again(self, memory: Memory, progress: FilesRead | None) -> CheckResult | None:
        """The check from ``memory`` and the files of activities/ changed since; None when
        the memory does not hold (the rest of the register, the settings or ropa changed)."""
        base = str(self.source)
        started = time.time_ns()
        index: Index = {}
        files = [(relative, kind, display_path(base, relative)) for relative, kind in discover_names(self.source)]

        def key_of(relative: str, kind: str, display: str) -> tuple[str, bytes | None]:
            """The file's key, from its status when unchanged (no bytes read), else hashed."""
            name = index_name(kind, relative, display)
            known = memory.index.get(name)
            if known is not None and still(known, display):
                index[name] = known
                return known[5], None
            status = os.stat(display)
            raw = read_bytes(display, display)
            key = file_key(raw, kind, display, relative)
            index[name] = index_entry(status, started, key)
            return key, raw

        # the rest of the register first: when it changed, no activity file is read
        found = loads(memory.results)
        results: dict[str, FileResult] = found if isinstance(found, dict) else {}
        context: dict[str, tuple[FileResult, str]] = {}
        for relative, kind, display in files:
            if kind != "activity":
                key, _ = key_of(relative, kind, display)
                result = results.get(key)
                if not isinstance(result, FileResult):
                    return None
                context[relative] = (result, key)
        if _context_digest(self.settings, [key for _, key in context.values()]) != memory.context:
            return None
        parts: list[tuple[str, FileResult | None, Batch | None, str]] = []  # kind, fresh, kept, key
        shared: dict[object, object] = {}
        for relative, kind, display in files:
            if kind != "activity":
                result, key = context[relative]
                parts.append((kind, result, None, key))
                continue
            key, raw = key_of(relative, kind, display)
            batch = memory.batches.get(key)
            if batch is not None:
                if not (isinstance(batch, tuple) and len(batch) == len(Batch._fields)):
                    return None
                parts.append((kind, None, Batch(*batch), key))
                continue
            if raw is None:
                raw = read_bytes(display, display)
            parts.append((kind, read_file(read_yaml_bytes(raw, display, shared), kind, relative), None, key))
        if progress is not None:
            progress(len(files), len(files))
        loaded = assemble([(kind, result) for kind, result, _, _ in parts if result is not None],
                          [display for _, _, display in files], root=self.source,
                          layout="folder", label=self.label)
        kept = [batch for _, _, batch, _ in parts if batch is not None]
        ids = [a.id for a in loaded.register.activities] + [i for batch in kept for i in batch.ids]
        if len(set(ids)) != len(ids):
            return None  # an id used twice: the whole check says where
        names = tuple(_summarisers())
        severities = {s.value: s for s in Severity}
        outline: list[Activity | Summarised] = []
        try:  # a memory of the wrong shape is not trusted either
            for _, result, batch, _ in parts:
                if batch is not None:
                    outline += [(activity_id, dict(zip(names, values, strict=True)))
                                for activity_id, values in batch.summaries]
                elif result is not None and result.part is not None:
                    outline += result.part.activities
            remembered = [_finding(row, severities) for batch in kept for row in batch.rows]
            owners = owners_of(loaded.register) + [(subject, list(entries)) for batch in kept
                                                   for subject, entries in batch.owners]
        except (TypeError, ValueError, KeyError):
            return None
        ctx = make_context(loaded.register, as_of=self.as_of, config=self.config, label=self.label,
                           outline=outline)
        self.rules_started()
        local, across = rule_findings(ctx, self.config)
        checked = settle(ctx, [*loaded.problems, *local, *across, *remembered], self.config, owners)
        self._remember_again(memory, index, parts, loaded, ctx, local)
        self.kept = [memory, loaded]
        return checked

    def _remember_again(self, memory: Memory, index: Index,
                        parts: list[tuple[str, FileResult | None, Batch | None, str]],
                        loaded: LoadResult, ctx: Context, local: list[Finding]) -> None:
        about = _by_subject([*loaded.across, *local])
        summarisers = _summarisers()
        batches: dict[str, tuple[Any, ...]] = {}
        fresh = False
        for kind, result, batch, key in parts:
            if kind != "activity":
                continue
            if batch is None:
                assert result is not None
                batch = _batch(ctx, result, about, summarisers)
                fresh = True
            batches[key] = tuple(batch)
        if not fresh and index == memory.index and batches.keys() == memory.batches.keys():
            return
        self._write(Memory(memory.context, index, batches, memory.results))

    def _write(self, memory: Memory) -> None:
        try:
            prepare_folder(self.folder)
            write_stamped(self.path, memory, code_stamp("check", _FOLDERS))
        except OSError:
            pass  # a read-only checkout or a full disk: the check itself is not affected


def _by_subject(findings: list[Finding]) -> dict[str, list[Finding]]:
    about: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.subject is not None and finding.subject.startswith("activity:"):
            about.setdefault(finding.subject, []).append(finding)
    return about


def _batch(ctx: Context, result: FileResult, about: Mapping[str, list[Finding]],
           summarisers: Mapping[str, Summarise]) -> Batch:
    """What one file of activities/ gave: its problems, what was found about its activities
    (``about``, by subject), their ids, suppress entries and summaries."""
    activities = result.part.activities if result.part is not None else []
    findings = list(result.problems)
    owners: list[tuple[str, list[Suppression]]] = []
    for activity in activities:
        subject = f"activity:{activity.id}"
        findings += about.get(subject, ())
        if activity.suppress:
            owners.append((subject, activity.suppress))
    summaries = tuple((a.id, tuple(summarise(ctx, a) for summarise in summarisers.values())) for a in activities)
    return Batch(tuple(a.id for a in activities), tuple(_row(f) for f in findings), owners, summaries)

