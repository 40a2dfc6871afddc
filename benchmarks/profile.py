"""Where ``ropa check`` spends its time, in-process, by phase.

    python -m benchmarks.profile DIR [--html FILE] [--text FILE]

Loads the register and runs the rule catalogue in this process (a first run for the
imports and the file cache, untimed), then: once with timers wrapped around the loader's
phase functions (accurate seconds by phase: reading and parsing the YAML, schema
validation, building the model, id and reference checks; then the rules), and once under
pyinstrument (the same split read from the profile, which inflates call-heavy code, and
the full tree with --html or --text). Needs pyinstrument (``pip install -e '.[bench]'``).
Phases are found by function name, so a renamed loader function shows up as "other"
rather than failing.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.cases import AS_OF

PHASES: dict[str, tuple[str, ...]] = {
    "read and parse YAML (ropa's reader)": ("read_yaml_bytes", "read_yaml_text", "_read", "read_bytes"),
    "schema validation": ("validate_document",),
    "building the model": ("add_register_file", "add_item_file", "register_part", "item_part"),
    "id and reference checks": ("duplicate_ids", "unknown_references"),
    "rules (run_rules)": ("run_rules",),
}


def _phase_of(function: str) -> str | None:
    return next((phase for phase, names in PHASES.items() if function in names), None)


def _phase_frames(frame: Any) -> Iterator[tuple[str, Any]]:
    """The outermost frames of each phase (a phase inside another is not counted twice)."""
    phase = _phase_of(frame.function)
    if phase is not None:
        yield phase, frame
        return
    for child in frame.children:
        yield from _phase_frames(child)


def split(root: Any) -> dict[str, float]:
    """Seconds by phase in a pyinstrument frame tree, "other" for the rest."""
    seconds = dict.fromkeys(PHASES, 0.0)
    for phase, frame in _phase_frames(root):
        seconds[phase] += frame.time
    seconds["other"] = max(root.time - sum(seconds.values()), 0.0)
    return seconds


# phase -> the names ``ropa.loading.files`` calls, wrapped with timers for the plain run
TIMED_NAMES: dict[str, tuple[str, ...]] = {
    "read and parse YAML (ropa's reader)": ("read_yaml_bytes", "read_bytes"),
    "schema validation": ("validate_document",),
    "building the model": ("add_register_file", "add_item_file", "register_part", "item_part"),
    "id and reference checks": ("duplicate_ids", "unknown_references"),
}


@contextmanager
def timers(seconds: dict[str, float]) -> Iterator[None]:
    """Wrap the loader's phase functions (as ``ropa.loading.files`` sees them) with
    timers adding to ``seconds``; a name the loader no longer has is skipped."""
    from ropa.loading import files

    saved: dict[str, Any] = {}
    for phase, names in TIMED_NAMES.items():
        seconds.setdefault(phase, 0.0)
        for name in names:
            original = getattr(files, name, None)
            if original is None:
                continue
            saved[name] = original
            setattr(files, name, _timed(original, phase, seconds))
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(files, name, original)


def _timed(function: Callable[..., Any], phase: str, seconds: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[phase] += time.perf_counter() - started
    return wrapper


def check_in_process(register: Path) -> tuple[dict[str, float], int]:
    """Seconds by phase of one load and rule run, and the number of findings."""
    from ropa.loading import load
    from ropa.rules.engine import run_rules

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    with timers(seconds):
        result = load(register)
    loaded = time.perf_counter()
    checked = run_rules(result.register, as_of=date.fromisoformat(AS_OF), load_problems=result.problems)
    seconds["rules (run_rules)"] = time.perf_counter() - loaded
    seconds["other"] = max(loaded - started - sum(seconds.values()) + seconds["rules (run_rules)"], 0.0)
    seconds["total"] = time.perf_counter() - started
    return seconds, len(checked.findings)


def _print_split(title: str, seconds: dict[str, float], total: float) -> None:
    print(title)
    for phase, value in seconds.items():
        if phase != "total":
            print(f"  {phase:<38} {value:7.2f} s  {value / total:6.1%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("register", type=Path, metavar="DIR")
    parser.add_argument("--html", type=Path, metavar="FILE", help="write pyinstrument's HTML report")
    parser.add_argument("--text", type=Path, metavar="FILE", help="write pyinstrument's text tree")
    args = parser.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    check_in_process(args.register)  # imports and file cache, so that both runs below are alike
    seconds, findings = check_in_process(args.register)
    _print_split(f"{args.register}: {seconds['total']:.2f} s in-process, {findings} findings; "
                 "plain run with timers around the loader's phases:", seconds, seconds["total"])
    profiler = Profiler(interval=0.001)
    with profiler:
        check_in_process(args.register)
    root = profiler.last_session.root_frame() if profiler.last_session else None
    if root is not None:
        _print_split(f"under pyinstrument ({root.time:.2f} s with its overhead, which inflates "
                     "call-heavy code):", split(root), root.time)
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
    if args.text:
        args.text.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
