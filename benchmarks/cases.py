"""What is measured: each heavy command beside its floor, and the issue's target for it.

Every command runs as a whole process through :func:`benchmarks.measure.run_process`.
A command that this checkout of ropa does not have yet (``ropa X --help`` fails) gives a
row marked "not available yet" instead of a measurement.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.measure import CommandFailed, Sample, Series, measure_pair, run_process

CACHE_VARIABLES = ("ROPA_CACHE_DIR", "XDG_CACHE_HOME")  # where ropa's cache may live
AS_OF = "2026-11-26"  # the day findings are judged on, so that every run finds the same
FINDINGS_OK = (0, 1)  # ropa check exits 1 when findings reach --fail-on: expected here
GIB = 1024 * 1024  # in KiB


@dataclass
class Context:
    repo: Path
    work: Path
    repeat: int
    warmup: bool
    registers: Callable[[int], Path]  # N -> a generated register folder
    python: str = sys.executable

    @property
    def ropa(self) -> list[str]:
        script = Path(self.python).with_name("ropa")
        return [str(script)] if script.is_file() else [self.python, "-m", "ropa"]

    def env(self, cache: Path | None = None) -> dict[str, str]:
        """The environment of a measured command; ropa's cache, if any, in ``cache``."""
        env = {**os.environ, "NO_COLOR": "1"}
        # as on a user's machine, Python keeps ropa's compiled modules (__pycache__): with
        # this variable set (some CI images and sandboxes set it), every run would compile
        # ~70 modules again, about 0.1-0.2 s, and measure that instead of ropa
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        if cache is not None:
            env.update(dict.fromkeys(CACHE_VARIABLES, str(cache)))
        return env

    def run_cold(self, argv: list[str], **options: Any) -> Sample:
        """Run ``argv`` with ropa's cache in a new empty folder (removed afterwards)."""
        with tempfile.TemporaryDirectory(prefix="cache-", dir=self.work) as folder:
            return run_process(argv, env=self.env(Path(folder)), **options)


@dataclass(frozen=True)
class Target:
    text: str
    seconds: float | None = None  # median wall at most
    ratio: float | None = None  # median / floor median at most
    rss_kib: int | None = None  # peak RSS at most
    at: int | None = None  # the target is stated for this N only


@dataclass
class Row:
    command: str
    n: str
    target: Target
    series: Series | None = None
    floor: Series | None = None
    status: str = ""  # "not available yet", "failed: ...", or "" when measured

    @property
    def ratio(self) -> float | None:
        if self.series is None or self.floor is None or self.floor.median <= 0:
            return None
        return self.series.median / self.floor.median

    def met(self) -> str:
        if self.status:
            return self.status
        assert self.series is not None
        if self.target.at is not None and self.n != f"{self.target.at:,}":
            return f"n/a (target at {self.target.at:,})"
        checks = []
        if self.target.seconds is not None:
            checks.append(self.series.median <= self.target.seconds)
        if self.target.ratio is not None:
            checks.append(self.ratio is not None and self.ratio <= self.target.ratio)
        if self.target.rss_kib is not None:
            checks.append(self.series.peak_rss_kib <= self.target.rss_kib)
        return "yes" if all(checks) else "no"


@cache
def help_text(ropa: tuple[str, ...], *words: str) -> str | None:
    """The output of ``ropa WORDS --help``; None when this checkout lacks the command."""
    try:
        return run_process([*ropa, *words, "--help"], capture=True).stdout
    except CommandFailed:
        return None


def available(ropa: tuple[str, ...], *words: str) -> bool:
    return help_text(ropa, *words) is not None


def _unavailable(command: str, n: str, target: Target) -> Row:
    return Row(command, n, target, status="not available yet")


def _floor_seconds(sample: Sample) -> Sample:
    """A floor script's own timing of its measured part, in place of its process wall time."""
    return Sample(wall=float(json.loads(sample.stdout)["seconds"]), rss_kib=sample.rss_kib)


def _measure(row: Row, ctx: Context, command: Callable[[], Sample], floor: Callable[[], Sample] | None,
             *, warmup: bool | None = None) -> Row:
    try:
        row.series, row.floor = measure_pair(command, floor, ctx.repeat,
                                             warmup=ctx.warmup if warmup is None else warmup)
    except CommandFailed as exc:
        row.status = f"failed: {str(exc).splitlines()[0]}"
        print(str(exc), file=sys.stderr)
    return row


def python_pass(ctx: Context) -> Callable[[], Sample]:
    return lambda: run_process([ctx.python, "-c", "pass"])


def help_case(ctx: Context) -> Iterator[Row]:
    row = Row("ropa --help", "—", Target("≤ 0.15 s", seconds=0.15))
    yield _measure(row, ctx, lambda: run_process([*ctx.ropa, "--help"], env=ctx.env()), python_pass(ctx))


def precommit_case(ctx: Context) -> Iterator[Row]:
    target = Target("≤ 0.5 s", seconds=0.5)
    command = "ropa check registers/persiance"
    if not available(tuple(ctx.ropa), "check"):
        yield _unavailable(command, "6", target)
        return
    argv = [*ctx.ropa, "check", "registers/persiance"]
    row = Row(command, "6", target)
    warm = ctx.env(ctx.work / "cache-precommit")  # as in a hook run again and again
    yield _measure(row, ctx, lambda: run_process(argv, cwd=ctx.repo, env=warm, ok_codes=FINDINGS_OK),
                   python_pass(ctx))


def _check_argv(ctx: Context, register: Path) -> list[str]:
    return [*ctx.ropa, "check", str(register), "--format", "json", "--as-of", AS_OF, "--quiet"]


def _yaml_floor(ctx: Context, register: Path) -> Callable[[], Sample]:
    return lambda: run_process([ctx.python, "-m", "benchmarks.floors", "yaml", str(register)], cwd=ctx.repo)


def cold_check_case(ctx: Context, n: int) -> Iterator[Row]:
    target = Target("≤ 2× floor, ≤ 1 GiB", ratio=2.0, rss_kib=GIB, at=10_000)
    if not available(tuple(ctx.ropa), "check"):
        yield _unavailable("ropa check DIR --format json (cold)", f"{n:,}", target)
        return
    register = ctx.registers(n)

    def command() -> Sample:  # cold: an empty cache for every run, as in CI on a fresh clone
        return ctx.run_cold(_check_argv(ctx, register), ok_codes=FINDINGS_OK)

    row = Row("ropa check DIR --format json (cold)", f"{n:,}", target)
    yield _measure(row, ctx, command, _yaml_floor(ctx, register))


def no_cache_check_case(ctx: Context, n: int) -> Iterator[Row]:
    """The cold check's twin with the cache switched off (``--no-cache``): the cost of the
    check alone, without writing the cache. Measured only where the option exists."""
    target = Target("≤ 2× floor, ≤ 1 GiB", ratio=2.0, rss_kib=GIB, at=10_000)
    label = "ropa check DIR --format json --no-cache"
    if "--no-cache" not in (help_text(tuple(ctx.ropa), "check") or ""):
        yield _unavailable(label, f"{n:,}", target)
        return
    register = ctx.registers(n)
    argv = [*_check_argv(ctx, register), "--no-cache"]
    yield _measure(Row(label, f"{n:,}", target), ctx, lambda: ctx.run_cold(argv, ok_codes=FINDINGS_OK),
                   _yaml_floor(ctx, register))


def warm_check_case(ctx: Context, n: int) -> Iterator[Row]:
    target = Target("≤ 1 s", seconds=1.0, at=10_000)
    label = "ropa check DIR (warm, 1 file changed)"
    if not available(tuple(ctx.ropa), "check"):
        yield _unavailable(label, f"{n:,}", target)
        return
    register = ctx.registers(n)
    changed = sorted((register / "activities").iterdir())[n // 2]
    original = changed.read_text(encoding="utf-8")
    cache_home = Path(tempfile.mkdtemp(prefix="cache-", dir=ctx.work))
    edits = iter(range(1, 1_000_000))

    def command() -> Sample:
        # one activity's name changes before each run; the cache stays between runs
        changed.write_text(original.replace("\nname: ", f"\nname: (révision {next(edits)}) ", 1),
                           encoding="utf-8")
        return run_process(_check_argv(ctx, register), env=ctx.env(cache_home),
                           ok_codes=FINDINGS_OK)

    row = Row(label, f"{n:,}", target)
    try:
        run_process(_check_argv(ctx, register), env=ctx.env(cache_home),
                    ok_codes=FINDINGS_OK)  # fills the cache, if there is one: the warm-up
        yield _measure(row, ctx, command, None, warmup=False)
    finally:
        changed.write_text(original, encoding="utf-8")
        shutil.rmtree(cache_home, ignore_errors=True)


def _warm_cache(ctx: Context, register: Path) -> Path:
    """A cache folder filled by ``ropa check`` of ``register``, as a CI job has it after its
    check step; kept for the run (the cache is read, not changed, by what follows)."""
    cache_home = ctx.work / f"cache-warm-{register.name}"
    if not cache_home.is_dir():
        run_process(_check_argv(ctx, register), env=ctx.env(cache_home), ok_codes=FINDINGS_OK)
    return cache_home


def _sum_of(*floors: Callable[[], Sample]) -> Callable[[], Sample]:
    """One floor made of several run one after the other: the sum of their times."""
    def run() -> Sample:
        samples = [floor() for floor in floors]
        return Sample(wall=sum(s.wall for s in samples), rss_kib=max(s.rss_kib for s in samples))

    return run


def db_import_case(ctx: Context, n: int, *, warm: bool = False) -> Iterator[Row]:
    """Cold: the files parsed, against the floor "libyaml's parse of the same files + Core's
    bulk insert of the rows". Warm (after a check filled ropa's cache, as in a CI job):
    against the issue's floor, Core's bulk insert of the same rows."""
    target = Target("≤ 2× floor", ratio=2.0, at=10_000)
    label = "ropa db import DIR --db sqlite:///…" + (" (cache warm)" if warm else " (cold)")
    if not available(tuple(ctx.ropa), "db", "import"):
        yield _unavailable(label, f"{n:,}", target)
        return
    register = ctx.registers(n)
    database = ctx.work / f"import-{n}.sqlite"
    scratch = ctx.work / f"scratch-{n}.sqlite"
    copy = ctx.work / f"floor-{n}.sqlite"
    argv = [*ctx.ropa, "db", "import", str(register), "--db", f"sqlite:///{database}", "--quiet"]
    row = Row(label, f"{n:,}", target)
    try:
        cache_home = _warm_cache(ctx, register) if warm else None
        scratch.unlink(missing_ok=True)
        ctx.run_cold([*ctx.ropa, "db", "import", str(register), "--db", f"sqlite:///{scratch}"])
    except CommandFailed as exc:
        row.status = f"failed: {str(exc).splitlines()[0]}"
        yield row
        return

    def command() -> Sample:
        database.unlink(missing_ok=True)  # a fresh database each time, as the floor's
        if cache_home is not None:
            return run_process(argv, env=ctx.env(cache_home))
        return ctx.run_cold(argv)

    floor_argv = [ctx.python, "-m", "benchmarks.floors", "db", f"sqlite:///{scratch}", str(copy)]
    insert = lambda: _floor_seconds(run_process(floor_argv, cwd=ctx.repo, capture=True))
    yield _measure(row, ctx, command, insert if warm else _sum_of(_yaml_floor(ctx, register), insert))


def warm_db_import_case(ctx: Context, n: int) -> Iterator[Row]:
    yield from db_import_case(ctx, n, warm=True)


def xlsx_case(ctx: Context, n: int, *, warm: bool = False) -> Iterator[Row]:
    """As the database import: cold against "libyaml's parse + openpyxl's write-only write
    of the same cells", warm (cache filled by a check) against the write alone."""
    target = Target("≤ 1.5× floor", ratio=1.5, at=10_000)
    label = "ropa export xlsx DIR --no-fiches" + (" (cache warm)" if warm else " (cold)")
    if not available(tuple(ctx.ropa), "export", "xlsx"):
        yield _unavailable(label, f"{n:,}", target)
        return
    register = ctx.registers(n)
    book = ctx.work / f"register-{n}.xlsx"
    argv = [*ctx.ropa, "export", "xlsx", str(register), "--no-fiches", "-o", str(book),
            "--as-of", AS_OF, "--quiet"]
    row = Row(label, f"{n:,}", target)
    try:
        cache_home = _warm_cache(ctx, register) if warm else None
        ctx.run_cold(argv)  # the workbook the floor writes again
    except CommandFailed as exc:
        row.status = f"failed: {str(exc).splitlines()[0]}"
        yield row
        return

    def command() -> Sample:
        return run_process(argv, env=ctx.env(cache_home)) if cache_home is not None else ctx.run_cold(argv)

    floor_argv = [ctx.python, "-m", "benchmarks.floors", "xlsx", str(book), str(ctx.work / f"floor-{n}.xlsx")]
    write = lambda: _floor_seconds(run_process(floor_argv, cwd=ctx.repo, capture=True))
    yield _measure(row, ctx, command, write if warm else _sum_of(_yaml_floor(ctx, register), write))


def warm_xlsx_case(ctx: Context, n: int) -> Iterator[Row]:
    yield from xlsx_case(ctx, n, warm=True)


def xlsx_fiches_case(ctx: Context, n: int) -> Iterator[Row]:
    target = Target("≤ 10 s", seconds=10.0, at=1_000)
    label = "ropa export xlsx DIR (with fiches)"
    if not available(tuple(ctx.ropa), "export", "xlsx"):
        yield _unavailable(label, f"{n:,}", target)
        return
    book = ctx.work / f"register-fiches-{n}.xlsx"
    argv = [*ctx.ropa, "export", "xlsx", str(ctx.registers(n)), "-o", str(book), "--as-of", AS_OF]
    yield _measure(Row(label, f"{n:,}", target), ctx, lambda: ctx.run_cold(argv), None)


def pdf_case(ctx: Context, n: int) -> Iterator[Row]:
    target = Target("≤ 60 s, ≤ 800 MB", seconds=60.0, rss_kib=800 * 1000 * 1000 // 1024, at=1_000)
    label = "ropa export pdf DIR"
    if not available(tuple(ctx.ropa), "export", "pdf"):
        yield _unavailable(label, f"{n:,}", target)
        return
    argv = [*ctx.ropa, "export", "pdf", str(ctx.registers(n)), "-o", str(ctx.work / f"register-{n}.pdf"),
            "--as-of", AS_OF]
    yield _measure(Row(label, f"{n:,}", target), ctx, lambda: ctx.run_cold(argv), None)


SizedCase = Callable[[Context, int], Iterator[Row]]
FixedCase = Callable[[Context], Iterator[Row]]

# --only key -> (case, which sizes: "none" (run once), "each", "largest" or "up-to-1000")
CASES: dict[str, tuple[SizedCase | FixedCase, str]] = {
    "help": (help_case, "none"),
    "precommit": (precommit_case, "none"),
    "check": (cold_check_case, "each"),
    "nocache": (no_cache_check_case, "each"),
    "warm": (warm_check_case, "largest"),
    "db": (db_import_case, "each"),
    "db-warm": (warm_db_import_case, "each"),
    "xlsx": (xlsx_case, "each"),
    "xlsx-warm": (warm_xlsx_case, "each"),
    "xlsx-fiches": (xlsx_fiches_case, "up-to-1000"),
    "pdf": (pdf_case, "up-to-1000"),
}
