"""Measure ropa's heavy commands, each beside its floor, and print the table.

    python -m benchmarks.run [--sizes 100,1000,10000] [--repeat 5] [--only check,help,...]

Keys for --only: help, precommit, check (cold), nocache, warm, db, db-warm, xlsx, xlsx-warm,
xlsx-fiches, pdf.
Registers are generated once per size (``benchmarks.generate``, seed 1) under --work and
reused while the generator is unchanged. Progress goes to standard error; the machine
note and the Markdown table to standard output (and to --json as data, if asked).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import generate, machine
from benchmarks.cases import CASES, Context, Row
from benchmarks.measure import exact_rss

REPO = Path(__file__).resolve().parents[1]
COLUMNS = ("command", "N", "runs", "median wall", "peak RSS", "floor median", "ratio", "target", "met")
LEGEND = """\
Floors, measured in the same run on the same data:
- `ropa --help`, `ropa check registers/persiance`: `python -c pass` with the same interpreter.
- cold check: a script that parses every file of the register with libyaml's C loader
  (`yaml.load(..., Loader=yaml.CSafeLoader)`) inside `gc.disable()`/`gc.enable()`; whole
  process, interpreter start included, like the command.
- db import (cache warm): SQLAlchemy Core's `conn.execute(table.insert(), rows)` of the rows
  ropa stored, read back table by table, into a fresh SQLite database with the same schema;
  inserts and commit only (in-process). ropa runs after a `ropa check` filled its cache, as
  in a CI job that checks, then imports.
- db import (cold): that floor plus the cold check's floor (libyaml parsing the files): the
  command must read the files, the insert floor does not.
- xlsx (cache warm): openpyxl's write-only mode writing the cell values read back from
  ropa's workbook; write and save only (in-process). xlsx (cold): that plus libyaml's parse.
Median wall time over the runs (the first run of each command and floor is an untimed
warm-up, except for a command slower than 20 s, which is run 3 times in all). Peak RSS: the largest of the
command's runs, from GNU time (`/usr/bin/time -f %M`); "≤" marks an upper bound (os.wait4,
when GNU time is missing). Cold: ropa's cache folder ($ROPA_CACHE_DIR) is a new empty folder
for each run, as in CI on a fresh clone (writing the cache included); --no-cache: the
cache switched off. Warm check: one activity file changes before each run, the cache
stays. The pre-commit check keeps its cache between runs, as a hook does."""


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"--sizes takes numbers separated by commas, not {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("--sizes needs at least one size of 1 or more")
    return sorted(set(sizes))


def _only(text: str) -> list[str]:
    keys = [part.strip() for part in text.split(",") if part.strip()]
    unknown = [key for key in keys if key not in CASES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown key {', '.join(unknown)}; choose from {', '.join(CASES)}")
    return keys


def _generator_stamp(seed: int) -> str:
    digest = hashlib.sha256(str(seed).encode())
    for name in ("generate.py", "vocabulary.py"):
        digest.update((REPO / "benchmarks" / name).read_bytes())
    return digest.hexdigest()


def register_provider(work: Path, seed: int) -> Callable[[int], Path]:
    """N -> a register folder of N activities, generated once and reused while the
    generator's code and the seed are the same."""
    stamp = _generator_stamp(seed)

    def provide(n: int) -> Path:
        folder = work / f"register-{n}"
        stamp_file = work / f"register-{n}.stamp"
        if not (folder.is_dir() and stamp_file.is_file() and stamp_file.read_text() == stamp):
            print(f"generating {n:,} activities in {folder}", file=sys.stderr)
            generate.generate(n, seed, folder)
            stamp_file.write_text(stamp)
        shutil.rmtree(folder / ".ropa-cache", ignore_errors=True)  # left by a run outside the benchmark
        return folder

    return provide


def plan(keys: list[str], sizes: list[int]) -> Iterator[tuple[str, int | None]]:
    """(case key, N or None) in the order the table lists them."""
    for key, (_, mode) in CASES.items():
        if key not in keys:
            continue
        if mode == "none":
            yield key, None
        elif mode == "each":
            yield from ((key, n) for n in sizes)
        elif mode == "largest":
            yield key, sizes[-1]
        else:  # up-to-1000
            yield from ((key, n) for n in sizes if n <= 1000)


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _mib(kib: int) -> str:
    return f"{'' if exact_rss() else '≤ '}{kib / 1024:.0f} MiB"


def cells(row: Row) -> list[str]:
    if row.series is None:
        return [row.command, row.n, "—", "—", "—", "—", "—", row.target.text, row.met()]
    ratio = row.ratio
    return [
        row.command, row.n, str(row.series.runs), _seconds(row.series.median), _mib(row.series.peak_rss_kib),
        _seconds(row.floor.median if row.floor else None), f"{ratio:.2f}×" if ratio is not None else "—",
        row.target.text, row.met(),
    ]


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def as_data(rows: list[Row]) -> list[dict[str, object]]:
    return [dict(zip(COLUMNS, cells(row))) | {
        "samples": [s.wall for s in row.series.samples] if row.series else [],
        "floor_samples": [s.wall for s in row.floor.samples] if row.floor else [],
    } for row in rows]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=_sizes, default=[100, 1000, 10000], help="numbers of activities")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command and floor (default 5)")
    parser.add_argument("--only", type=_only, default=list(CASES), help=f"among: {', '.join(CASES)}")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated registers (default 1)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ropa-bench",
                        help="folder for generated registers and outputs (default: $TMPDIR/ropa-bench)")
    parser.add_argument("--no-warmup", dest="warmup", action="store_false", help="skip the untimed first runs")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON to FILE")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    ctx = Context(repo=REPO, work=args.work, repeat=args.repeat, warmup=args.warmup,
                  registers=register_provider(args.work, args.seed))
    rows: list[Row] = []
    for key, n in plan(args.only, args.sizes):
        case, _ = CASES[key]
        print(f"measuring {key}" + (f" at N={n:,}" if n is not None else ""), file=sys.stderr)
        produced = case(ctx) if n is None else case(ctx, n)  # type: ignore[call-arg]
        for row in produced:
            rows.append(row)
            print("  " + " | ".join(cells(row)), file=sys.stderr)
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    print(f"ropa benchmarks, {when}, seed {args.seed}, --repeat {args.repeat}\n")
    print("\n".join(f"- {line}" for line in machine.describe(REPO)) + "\n")
    print(table(rows) + "\n")
    print(LEGEND)
    if args.json:
        args.json.write_text(json.dumps({"when": when, "machine": machine.describe(REPO), "rows": as_data(rows)},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if any(row.status.startswith("failed") for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
