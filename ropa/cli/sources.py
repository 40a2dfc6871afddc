"""Loading a register for a command: one place that turns load failures into exit 2."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ropa.cli.common import fail

if TYPE_CHECKING:
    from ropa.loading import LoadResult

SOURCE_HELP = "A register file (.yaml), a register folder, or a database URL (sqlite:///ropa.db)."


def load_or_fail(source: str) -> LoadResult:
    """Load the register, or stop with exit code 2 when it cannot be read at all."""
    from ropa.loading import SourceError, load

    try:
        return load(source)
    except SourceError as exc:
        fail(str(exc))
