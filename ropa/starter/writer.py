"""Puts planned files on disk so that a failure leaves nothing half-written.

Everything is first written into a staging folder beside the target (same file system,
so moves are renames). A new register folder then appears in one rename. When files go
into a folder that already exists (empty, or with --force), each missing file is moved
in; if one move fails, the files already moved and the folders created are removed again,
so the folder is left as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ropa.starter.documents import PlannedFile

_STAGING_SUFFIX = ".ropa-init"


class WriteError(Exception):
    """The files could not be written; whatever was started has been undone.

    ``reason`` says what the operating system refused, and on which path.
    """

    def __init__(self, exc: OSError) -> None:
        self.reason = os_reason(exc)
        super().__init__(self.reason)


def os_reason(exc: OSError) -> str:
    """What the operating system refused, and on which path: "Permission denied (/x)"."""
    reason = exc.strerror or str(exc)
    return f"{reason} ({exc.filename})" if exc.filename else reason


@dataclass(slots=True)
class _Undo:
    """What to remove again if writing fails: files moved in, then folders created."""

    files: list[Path] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def run(self) -> None:
        for path in reversed(self.files):
            path.unlink(missing_ok=True)
        for folder in reversed(self.folders):
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty any more: someone else wrote there; leave it


def write_new_folder(target: Path, files: Sequence[PlannedFile]) -> None:
    """Create the folder ``target``, which must not exist, holding ``files``: all or nothing."""
    undo = _Undo()
    staging: Path | None = None
    try:
        _make_folders(target.parent, undo)
        staging = _make_staging(target)
        _write_tree(staging, files)
        os.rename(staging, target)
    except OSError as exc:
        _remove_staging(staging)
        undo.run()
        raise WriteError(exc) from exc


def add_missing_files(target: Path, files: Sequence[PlannedFile]) -> list[PurePosixPath]:
    """Add to the folder ``target`` those of ``files`` it lacks; return the ones it had.

    An existing file is never replaced, whatever its content.
    """
    present = [f.path for f in files if os.path.lexists(target / f.path)]
    missing = [f for f in files if f.path not in present]
    if not missing:
        return present
    undo = _Undo()
    staging: Path | None = None
    try:
        staging = _make_staging(target)
        _write_tree(staging, missing)
        for planned in missing:
            _move_file(staging / planned.path, target / planned.path, undo)
    except OSError as exc:
        undo.run()
        raise WriteError(exc) from exc
    finally:
        _remove_staging(staging)
    return present


def _remove_staging(staging: Path | None) -> None:
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)


def _make_staging(target: Path) -> Path:
    """A new, empty folder beside ``target``, named after it (no random part)."""
    for attempt in range(1000):
        suffix = f"{_STAGING_SUFFIX}-{os.getpid()}" + (f"-{attempt}" if attempt else "")
        staging = target.with_name(f".{target.name}{suffix}")
        try:
            staging.mkdir()
        except FileExistsError:
            continue
        return staging
    raise FileExistsError(f"no free staging folder name beside {target}")


def _write_tree(root: Path, files: Sequence[PlannedFile]) -> None:
    for planned in files:
        path = root / planned.path
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as stream:
            stream.write(planned.content)


def _move_file(source: Path, destination: Path, undo: _Undo) -> None:
    _make_folders(destination.parent, undo)
    if os.path.lexists(destination):  # appeared since we looked: never replace it
        raise FileExistsError(f"{destination} appeared while ropa init was writing")
    os.replace(source, destination)
    undo.files.append(destination)


def _make_folders(folder: Path, undo: _Undo) -> None:
    """Create ``folder`` and its missing parents, recording each in ``undo``."""
    missing: list[Path] = []
    current = folder
    while not os.path.lexists(current):
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        path.mkdir()
        undo.folders.append(path)
