"""Loading a register for a command: one place that turns load failures into exit 2, uses
ropa's cache of files already read, and shows the files being read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ropa.cli.common import fail
from ropa.util.collector import paused_gc

if TYPE_CHECKING:
    from ropa.cli.progress import Bar
    from ropa.loading import LoadResult

SOURCE_HELP = "A register file (.yaml), a register folder, or a database URL (sqlite:///ropa.db)."
NO_CACHE_HELP = ("Read every file again, without ropa's cache of files already read "
                 "(.ropa-cache/ in the register folder, or $ROPA_CACHE_DIR).")
CLEAR_CACHE_HELP = ("Delete ropa's cache of files already read before checking (the check fills it "
                    "again, unless --no-cache).")
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help=NO_CACHE_HELP)]


@contextmanager
def one_shot_gc() -> Iterator[None]:
    """A command that builds a large register and exits: the cyclic garbage collector stays
    off (reference counting frees the rest), and what was built is then handed to the oldest
    generation without a scan, which would cost more than the command itself."""
    with paused_gc():
        try:
            yield
        finally:
            gc.freeze()
            gc.unfreeze()


def load_or_fail(source: str, *, use_cache: bool = True, clear_cache: bool = False,
                 bar: Bar) -> LoadResult:
    """Load the register, with ropa's cache unless ``use_cache`` is false (files only: a
    database is read as it is), showing the files read on ``bar``; stop with exit code 2
    when it cannot be read at all."""
    from ropa.loading import SourceError, load

    try:
        return load(source, cache=cache_folder(source, use_cache=use_cache, clear_cache=clear_cache),
                    progress=bar.files())
    except SourceError as exc:
        fail(str(exc))


def cache_folder(source: str, *, use_cache: bool, clear_cache: bool) -> Path | None:
    """The folder of ropa's cache for ``source`` (none for a database, or with ``use_cache``
    false), emptied first with ``clear_cache``."""
    from ropa.loading import is_database_url

    if is_database_url(source):
        return None
    from ropa.loading.cache import clear, default_folder

    folder = default_folder(Path(source))
    if clear_cache:
        clear(folder)
    return folder if use_cache else None
