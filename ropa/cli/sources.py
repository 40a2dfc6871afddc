"""Loading a register for a command: one place that turns load failures into exit 2."""

from __future__ import annotations

from ropa.cli.common import fail
from ropa.loading import LoadResult, SourceError, load


def load_or_fail(source: str) -> LoadResult:
    try:
        return load(source)
    except SourceError as exc:
        fail(str(exc))
