"""Finding a register's files on disk and loading them in order.

Each file is read, validated and built on its own (:func:`read_file`); the checks across
files (duplicate ids, references) run once all are built (:func:`assemble`). A file's
result depends only on its bytes and names, which is what ropa's cache keeps.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ropa.loading import LoadResult
from ropa.loading.builder import item_part, register_part
from ropa.loading.cache import FileResult
from ropa.loading.errors import SourceError
from ropa.loading.references import duplicate_ids, unknown_references
from ropa.loading.validation import empty_file, validate_document
from ropa.loading.yaml_reader import YamlDocument, YMap, read_yaml_bytes
from ropa.model.register import Register
from ropa.rules.finding import Finding
from ropa.util.collector import paused_gc

if TYPE_CHECKING:
    from ropa.loading.cache import FileCache

REGISTER_FILES = ("register.yaml", "register.yml")
ITEM_FOLDERS = (("activities", "activity"), ("processors", "processor"))
_SUFFIXES = (".yaml", ".yml")


def display_path(root: str, relative: str) -> str:
    """``str(Path(root) / relative)``, without building a Path for each of 10,000 files."""
    if root == ".":
        return relative
    return root + relative if root.endswith("/") else root + "/" + relative


def read_bytes(path: str, display: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {display}: {exc.strerror or exc}") from exc


def _item_files(directory: Path) -> list[str]:
    try:
        with os.scandir(directory) as entries:
            return sorted(e.name for e in entries
                          if e.name.endswith(_SUFFIXES) and not e.name.startswith(".") and e.is_file())
    except OSError:
        return []


def discover(root: Path) -> list[tuple[Path, str, str]]:
    """The files of a register folder, in load order: (path, relative name, schema kind)."""
    return [(root / relative, relative, kind) for relative, kind in discover_names(root)]


def discover_names(root: Path) -> list[tuple[str, str]]:
    """The files of a register folder, in load order: (relative name, schema kind)."""
    register_file = next((n for n in REGISTER_FILES if (root / n).is_file()), None)
    if register_file is None:
        raise SourceError(
            f"{root} has no register.yaml: a register folder holds register.yaml, activities/ "
            f"and processors/ (start one with `ropa init {root}`)"
        )
    found = [(register_file, "register")]
    for folder, kind in ITEM_FOLDERS:
        directory = root / folder
        if directory.is_dir():
            found += [(f"{folder}/{name}", kind) for name in _item_files(directory)]
    return found


FilesRead = Callable[[int, int], None]  # (files read so far, files in all)
PROGRESS_STEP = 64  # files between two calls of the progress callback


def load_path(source: Path, cache: FileCache | None = None, progress: FilesRead | None = None) -> LoadResult:
    """Load a register file or folder; with ``cache``, reuse the results of unchanged files.
    ``progress`` is told how many files are read, every few dozen files and at the end."""
    if not source.exists():
        raise SourceError(f"no such file or folder: {source}")
    if source.is_dir():
        base = str(source)
        files = [(display_path(base, rel), rel, kind) for rel, kind in discover_names(source)]
        root, layout = source, "folder"
    elif source.suffix not in _SUFFIXES:
        raise SourceError(f"{source} is not a YAML file (.yaml or .yml) nor a register folder")
    else:
        files = [(str(source), source.name, file_kind(source))]
        root, layout = source.parent, "file"
    shared: dict[object, object] = {}
    with paused_gc():
        if progress is None:
            results = [(kind, _result(display, rel, kind, cache, shared)) for display, rel, kind in files]
        else:
            results = []
            for number, (display, rel, kind) in enumerate(files, start=1):
                results.append((kind, _result(display, rel, kind, cache, shared)))
                if number % PROGRESS_STEP == 0 or number == len(files):
                    progress(number, len(files))
        if cache is not None:
            cache.save()
        return assemble(results, [display for display, _, _ in files], root=root, layout=layout,
                        label=str(source))


def _result(display: str, relative: str, kind: str, cache: FileCache | None,
            shared: dict[object, object]) -> FileResult:
    """One file's result (``display``, its name in messages, is also its path)."""
    path = display
    if cache is None:
        return read_file(read_yaml_bytes(read_bytes(path, display), display, shared), kind, relative)
    from ropa.loading.cache import file_key, index_name

    name = index_name(kind, relative, display)
    found = cache.unchanged(path, name)
    if found is not None:
        return found
    status = cache.status(path)
    raw = read_bytes(path, display)
    key = file_key(raw, kind, display, relative)
    found = cache.get(key)
    if found is None:
        found = read_file(read_yaml_bytes(raw, display, shared), kind, relative)
        cache.put(key, found)
    cache.hashed(name, status, key)
    return found


def file_kind(path: Path) -> str:
    """The schema of a file given alone: a file of a folder's activities/ or processors/ is
    one activity or processor (or a list of them); any other file is a whole register."""
    return dict(ITEM_FOLDERS).get(path.parent.name, "register")


def read_file(document: YamlDocument, kind: str, relative: str) -> FileResult:
    """One file's problems and part of the register, from its parsed document."""
    problems = list(document.problems)
    data = document.data
    if data is None:
        if not document.problems:
            problems.append(empty_file(kind, document.file, document.comments_only))
        return FileResult(problems)
    problems.extend(validate_document(data, kind, document.file))
    if not isinstance(data, YMap):
        return FileResult(problems)
    if kind == "register":
        part = register_part(data, document.file, relative)
    else:
        part = item_part(data, document.file, relative, kind)
    return FileResult(problems, readable=True, part=part)


def assemble(results: list[tuple[str, FileResult]], files: list[str], *, root: Path | None, layout: str,
             label: str) -> LoadResult:
    """The register from each file's result, with the checks across files."""
    register = Register()
    problems: list[Finding] = []
    unread = {kind for kind, result in results if not result.readable}
    # ids are checked against catalogues read in full: not when the register file is missing
    # (an item file given alone) or did not parse (its missing ids would repeat that error)
    measures_complete = "register" not in unread and any(kind == "register" for kind, _ in results)
    processors_complete = measures_complete and "processor" not in unread
    for _, result in results:
        problems.extend(result.problems)
        if result.part is not None:
            result.part.add_to(register)
    across = duplicate_ids(register) + unknown_references(
        register, measures_complete=measures_complete, processors_complete=processors_complete)
    problems.extend(across)
    problems.sort(key=Finding.sort_key)
    return LoadResult(
        register=register,
        problems=problems,
        files=files,
        root=root,
        layout=layout,  # type: ignore[arg-type]
        label=label,
        results=results,
        across=across,
    )


def load_documents(
    documents: list[tuple[YamlDocument, str, str]], *, root: Path | None, layout: str, label: str
) -> LoadResult:
    """Validate and build each document, then check ids across the register."""
    with paused_gc():
        results = [(kind, read_file(document, kind, relative)) for document, kind, relative in documents]
        return assemble(results, [d.file for d, _, _ in documents], root=root, layout=layout, label=label)
