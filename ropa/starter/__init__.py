"""Create a new register folder: ``ropa init`` as a library.

:func:`create_register` writes ``register.yaml`` (an organisation skeleton to fill, the
settings, and a starter catalogue of security measures after the CNIL's security guide),
the ``activities/`` and ``processors/`` folders, the JSON Schemas in ``.schema/`` for
editors, and, on request, starter activities for the usual processing of a small company.
Starter texts exist in French and English; nothing in them claims a fact about the user's
organisation: what only the user knows is left ``null`` with a comment saying what to write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ropa.starter.catalogue import LANGUAGES, activity_names

__all__ = [
    "FolderNotEmptyError",
    "InitError",
    "InitResult",
    "UnknownActivityError",
    "available_activities",
    "create_register",
]


class InitError(Exception):
    """ropa init refused or failed; the message says why and what to do."""


class FolderNotEmptyError(InitError):
    """The target folder already holds files, and ``force`` was not given."""

    def __init__(self, target: Path) -> None:
        super().__init__(
            f"{target} is not empty: ropa init writes a new register into a new or empty "
            "folder. Choose another folder, or use --force to add only the missing files "
            "(existing files are never overwritten)."
        )
        self.target = target


class UnknownActivityError(InitError):
    """An activity name that is not one of the starters."""

    def __init__(self, unknown: Sequence[str], valid: Sequence[str]) -> None:
        names = ", ".join(unknown)
        noun = "activity" if len(unknown) == 1 else "activities"
        super().__init__(f"unknown starter {noun}: {names}. Valid names: {', '.join(valid)}.")
        self.unknown = tuple(unknown)
        self.valid = tuple(valid)


@dataclass(frozen=True, slots=True)
class InitResult:
    """What ropa init did: files written and files left as they were, relative to ``root``."""

    root: Path
    written: tuple[PurePosixPath, ...]
    skipped: tuple[PurePosixPath, ...]


def available_activities() -> list[str]:
    """The names of the starter activities, sorted (they are also their ids)."""
    return activity_names()


def create_register(
    target: Path,
    *,
    name: str | None,
    language: str,
    activities: list[str],
    force: bool,
) -> InitResult:
    """Write a new register folder at ``target``.

    ``target`` must be absent or an empty folder; with ``force``, an existing folder gets
    the files it lacks and keeps every file it has. Raises :class:`InitError` (or a
    subclass) when it refuses or cannot write; nothing is then left half-written.
    """
    from ropa.starter.documents import plan_files
    from ropa.starter.writer import WriteError, add_missing_files, os_reason, write_new_folder

    _check_language(language)
    _check_name(name)
    chosen = _check_activities(activities)
    root = _writable_root(target)
    files = plan_files(name=name, language=language, activities=chosen)
    try:
        if not root.exists():
            write_new_folder(root, files)
            skipped: list[PurePosixPath] = []
        else:
            if not force and not _is_empty(root):
                raise FolderNotEmptyError(target)
            skipped = add_missing_files(root, files)
    except WriteError as exc:
        raise InitError(f"could not write {target}: {exc.reason}. Nothing was written.") from exc
    except OSError as exc:  # the folder exists but cannot be listed
        raise InitError(f"cannot read {target}: {os_reason(exc)}.") from exc
    written = tuple(f.path for f in files if f.path not in skipped)
    return InitResult(root=target, written=written, skipped=tuple(skipped))


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise InitError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}.")


def _check_name(name: str | None) -> None:
    if name is None:
        return
    if not name.strip():
        raise InitError("the organisation name is empty: give a name, or leave --name out.")
    if "\n" in name or "\r" in name:
        raise InitError("the organisation name must fit on one line.")


def _check_activities(activities: Sequence[str]) -> list[str]:
    valid = available_activities()
    unknown = sorted({a for a in activities if a not in valid})
    if unknown:
        raise UnknownActivityError(unknown, valid)
    return sorted(set(activities))


def _is_empty(folder: Path) -> bool:
    return next(folder.iterdir(), None) is None


def _writable_root(target: Path) -> Path:
    """``target`` as an absolute path without ``..``; refuses a path that is not a folder."""
    try:
        root = target.resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
        raise InitError(f"cannot use {target} as a folder: {exc}.") from exc
    if root.exists() and not root.is_dir():
        raise InitError(f"{target} exists and is not a folder: give the path of a folder.")
    if root == root.parent:
        raise InitError(f"{target} is the root of the file system: give a folder below it.")
    return root
