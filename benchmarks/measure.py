"""Running a command as a whole process: wall time and peak resident memory.

Wall time is time.perf_counter() around the child's whole life, start to exit.

Peak RSS comes from GNU time (``/usr/bin/time -f %M``), a small C program that forks and
waits for the child and reports that child's ru_maxrss. Two simpler methods give wrong
numbers here, which is why they are not used:

- ``resource.getrusage(RUSAGE_CHILDREN)`` deltas: ru_maxrss is a maximum, not a sum, so
  once one large child has run, later smaller children change nothing.
- ``os.wait4`` on a child started by this Python process: Linux starts the child's
  high-water mark from the memory of the process that forked it (vfork/fork then exec), so
  every child would report at least this runner's own RSS. Under GNU time the forking
  process is GNU time itself, about 2 MB.

Where /usr/bin/time is missing (``apt-get install time``), ``os.wait4`` is used and the
table marks the memory column as an upper bound ("≤").
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")


class CommandFailed(RuntimeError):
    """A measured command exited with a code it should not have."""


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    rss_kib: int  # peak resident set size of the child, KiB
    stdout: str = ""


@dataclass
class Series:
    """The samples of one command over its runs."""

    samples: list[Sample] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def peak_rss_kib(self) -> int:
        return max(s.rss_kib for s in self.samples)

    @property
    def runs(self) -> int:
        return len(self.samples)


def exact_rss() -> bool:
    """True when peak RSS comes from GNU time (exact), False for the wait4 upper bound."""
    return GNU_TIME.is_file() and os.access(GNU_TIME, os.X_OK)


def run_process(argv: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
                ok_codes: Sequence[int] = (0,), capture: bool = False) -> Sample:
    """Run ``argv`` to completion; standard output goes to /dev/null unless ``capture``."""
    child_env = dict(os.environ if env is None else env)
    with tempfile.TemporaryDirectory(prefix="ropa-bench-") as scratch:
        rss_file = Path(scratch) / "rss"
        err_file = Path(scratch) / "stderr"
        out_file = Path(scratch) / "stdout"
        command = list(argv)
        if exact_rss():
            command = [str(GNU_TIME), "-q", "-f", "%M", "-o", str(rss_file), *command]
        with open(err_file, "wb") as err, open(out_file if capture else os.devnull, "wb") as out:
            started = time.perf_counter()
            child = subprocess.Popen(command, cwd=cwd, env=child_env, stdout=out, stderr=err,
                                     stdin=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in ok_codes:
            tail = err_file.read_text(errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(argv)} exited {child.returncode}:\n{tail}")
        rss = int(rss_file.read_text().split()[-1]) if exact_rss() else usage.ru_maxrss
        stdout = out_file.read_text(errors="replace") if capture else ""
    return Sample(wall=wall, rss_kib=rss, stdout=stdout)


def measure_pair(command: Callable[[], Sample], floor: Callable[[], Sample] | None, repeat: int,
                 *, warmup: bool = True, slow_seconds: float = 20.0, slow_repeat: int = 3,
                 ) -> tuple[Series, Series | None]:
    """Run the command and its floor alternately ``repeat`` times each, so that noise on a
    shared machine falls on both alike. With ``warmup`` one untimed run of each comes first
    (file cache, bytecode). A command whose first run takes more than ``slow_seconds`` is
    run ``slow_repeat`` times in all, that first run counted (a warm-up is worth nothing
    beside so long a run): the table's runs column says how many."""
    measured, floored = Series(), (Series() if floor is not None else None)
    first = command()
    slow = first.wall > slow_seconds
    if floor is not None and warmup:
        floor()
    if slow or not warmup:
        measured.samples.append(first)
    if slow:
        repeat = min(repeat, slow_repeat)
    for _ in range(repeat):
        if measured.runs < repeat:
            measured.samples.append(command())
        if floor is not None and floored is not None:
            floored.samples.append(floor())
    return measured, floored
