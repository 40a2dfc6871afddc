"""Progress bars for the commands that can take a while on a large register: reading the
files, running the rules, writing a workbook, a database or a PDF.

A bar is shown only to a person: on standard error, when it is a terminal, outside CI
(``CI`` set, as every CI service sets it) and without ``--quiet``. It is transient: once the
command ends, only its usual summary remains. Commands take a :class:`Bar` either way; the
one they get when no bar is shown does nothing, so call sites need no test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from ropa.cli.common import err


def wanted(quiet: bool) -> bool:
    """Whether to show a bar: a terminal on standard error, outside CI, without --quiet."""
    return not quiet and not os.environ.get("CI") and err().is_terminal


class Bar:
    """One line on standard error: what is being done, and how far it has gone."""

    def __init__(self, progress: Any = None) -> None:
        self._progress = progress
        self._task: Any = None

    @property
    def shown(self) -> bool:
        return self._progress is not None

    def stage(self, label: str, total: int | None = None, detail: str = "") -> None:
        """Start a new stage: ``label``, out of ``total`` steps when known."""
        if self._progress is None:
            return
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(label, total=total, detail=detail)
        self._progress.refresh()  # each stage is drawn at once, however short

    def update(self, done: int | None = None, detail: str | None = None) -> None:
        """``done`` steps of the stage done so far; ``detail`` shown after the bar."""
        if self._progress is None or self._task is None:
            return
        fields: dict[str, Any] = {}
        if done is not None:
            fields["completed"] = done
        if detail is not None:
            fields["detail"] = detail
        self._progress.update(self._task, **fields)

    def files(self) -> Callable[[int, int], None] | None:
        """A callback for the loader, ``(files read, files in all)``; None without a bar,
        so that the loader does not even count."""
        if self._progress is None:
            return None

        started = False

        def read(done: int, total: int) -> None:
            nonlocal started
            if not started:
                self.stage("Reading files", total=total)
                started = True
            self.update(done, detail=f"{done:,} / {total:,}")
            if done == total:
                self._progress.refresh()

        return read


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Bar]:
    """A :class:`Bar` shown while the block runs when ``enabled``, else one that does nothing."""
    if not enabled:
        yield Bar()
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[detail]}"),
               TimeElapsedColumn())
    with Progress(*columns, console=err(), transient=True) as progress:
        yield Bar(progress)
