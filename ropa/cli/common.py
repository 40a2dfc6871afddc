"""What every command shares: consoles, exit codes, and the one way to fail."""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1  # the register has problems
    ERROR = 2  # ropa could not run: bad arguments, unreadable path, unreachable database


_stdout: Console | None = None
_stderr: Console | None = None


def out() -> Console:
    """Standard output: reports and nothing else."""
    global _stdout
    if _stdout is None:
        from rich.console import Console

        _stdout = Console(highlight=False, soft_wrap=True, emoji=False)
    return _stdout


def err() -> Console:
    """Standard error: messages, progress, summaries."""
    global _stderr
    if _stderr is None:
        from rich.console import Console

        _stderr = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
    return _stderr


def fail(message: str) -> NoReturn:
    """Stop with ``Error: message`` on standard error and exit code 2."""
    err().print(f"Error: {message}", markup=False)
    raise typer.Exit(ExitCode.ERROR)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_as_of(value: str | None) -> date:
    """``--as-of``: a date written YYYY-MM-DD, today when absent; exit 2 otherwise."""
    if value is None:
        return date.today()
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of must be a date as YYYY-MM-DD (such as 2026-11-26), not {value!r}")


def finish(code: ExitCode) -> NoReturn:
    """Exit with ``code``. A command run in a process of its own (standard streams not
    redirected inside Python, as a test runner does) exits at once once its output is
    flushed: freeing a large register object by object would only delay the exit."""
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is sys.__stdout__ and stderr is sys.__stderr__ and stdout and stderr:
        try:
            stdout.flush()
            stderr.flush()
        except OSError:  # a closed pipe: what could be written was
            pass
        os._exit(code)
    raise typer.Exit(code)
