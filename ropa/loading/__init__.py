"""Files (or a database) -> the register model, with every problem located.

``load(source)`` reads a one-file register, a register folder (register.yaml,
activities/, processors/) or a database URL, and returns the register built from
everything that could be read together with the problems (ROPA001-004). It raises
:class:`SourceError` only when it cannot read at all (a missing path, a folder without
register.yaml, an unreachable database): that is exit code 2, not a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ropa.loading.errors import SourceError
from ropa.model.register import Register
from ropa.rules.finding import Finding

if TYPE_CHECKING:
    from ropa.loading.cache import FileResult

__all__ = ["LoadResult", "SourceError", "is_database_url", "load", "load_text"]

Layout = Literal["file", "folder", "database"]


@dataclass(slots=True)
class LoadResult:
    register: Register
    problems: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    root: Path | None = None
    layout: Layout = "file"
    label: str = ""
    # each file's own result, in load order (schema kind and result), and the problems found
    # across files (duplicate ids, unknown references), which ``problems`` also holds
    results: list[tuple[str, FileResult]] = field(default_factory=list)
    across: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def is_database_url(source: str | Path) -> bool:
    return isinstance(source, str) and "://" in source


def load(source: str | Path, *, cache: Path | None = None,
         progress: Callable[[int, int], None] | None = None) -> LoadResult:
    """Load a register from a file, a folder or a database URL. With ``cache`` (a folder,
    such as :func:`ropa.loading.cache.default_folder` gives), the results of files read
    before and unchanged since are taken from it, and new ones are added to it.
    ``progress`` is called with (files read, files in all) as files are read."""
    if is_database_url(source):
        from ropa.store import StoreError, read_register

        url = str(source)
        try:
            register = read_register(url)
        except StoreError as exc:
            raise SourceError(str(exc)) from exc
        return LoadResult(register=register, layout="database", label=url)
    from ropa.loading.files import load_path

    path = Path(source)
    if cache is None or not path.exists():
        return load_path(path, progress=progress)
    from ropa.loading.cache import FileCache
    from ropa.util.collector import paused_gc

    with paused_gc():
        files = FileCache(cache, path)
    return load_path(path, files, progress)


def load_text(text: str, file: str = "register.yaml") -> LoadResult:
    """Load a one-file register from text (for tests and tools)."""
    from ropa.loading.files import load_documents
    from ropa.loading.yaml_reader import read_yaml_text

    return load_documents([(read_yaml_text(text, file), "register", file)], root=None, layout="file",
                          label=file)
