"""Finding a register's files on disk and loading them in order."""

from __future__ import annotations

from pathlib import Path

from ropa.loading import LoadResult
from ropa.loading.builder import add_item_file, add_register_file
from ropa.loading.errors import SourceError
from ropa.loading.references import duplicate_ids, unknown_references
from ropa.loading.validation import empty_file, validate_document
from ropa.loading.yaml_reader import YamlDocument, YMap, read_yaml_bytes
from ropa.model.register import Register
from ropa.rules.finding import Finding

REGISTER_FILES = ("register.yaml", "register.yml")
ITEM_FOLDERS = (("activities", "activity"), ("processors", "processor"))
_SUFFIXES = (".yaml", ".yml")


def _display(root: Path, relative: str) -> str:
    return str(root / relative) if str(root) != "." else relative


def _read(path: Path, display: str) -> YamlDocument:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {display}: {exc.strerror or exc}") from exc
    return read_yaml_bytes(raw, display)


def discover(root: Path) -> list[tuple[Path, str, str]]:
    """The files of a register folder, in load order: (path, relative name, schema kind)."""
    register_file = next((root / n for n in REGISTER_FILES if (root / n).is_file()), None)
    if register_file is None:
        raise SourceError(
            f"{root} has no register.yaml: a register folder holds register.yaml, activities/ "
            f"and processors/ (start one with `ropa init {root}`)"
        )
    found = [(register_file, register_file.name, "register")]
    for folder, kind in ITEM_FOLDERS:
        directory = root / folder
        if not directory.is_dir():
            continue
        files = sorted(p for p in directory.iterdir()
                       if p.suffix in _SUFFIXES and p.is_file() and not p.name.startswith("."))
        found += [(p, f"{folder}/{p.name}", kind) for p in files]
    return found


def load_path(source: Path) -> LoadResult:
    if not source.exists():
        raise SourceError(f"no such file or folder: {source}")
    if source.is_dir():
        documents = [(_read(path, _display(source, rel)), kind, rel) for path, rel, kind in discover(source)]
        return load_documents(documents, root=source, layout="folder", label=str(source))
    if source.suffix not in _SUFFIXES:
        raise SourceError(f"{source} is not a YAML file (.yaml or .yml) nor a register folder")
    document = _read(source, str(source))
    return load_documents([(document, file_kind(source), source.name)], root=source.parent, layout="file",
                          label=str(source))


def file_kind(path: Path) -> str:
    """The schema of a file given alone: a file of a folder's activities/ or processors/ is
    one activity or processor (or a list of them); any other file is a whole register."""
    return dict(ITEM_FOLDERS).get(path.parent.name, "register")


def load_documents(
    documents: list[tuple[YamlDocument, str, str]], *, root: Path | None, layout: str, label: str
) -> LoadResult:
    """Validate and build each document, then check ids across the register."""
    register = Register()
    problems: list[Finding] = []
    unread = {kind for document, kind, _ in documents if not isinstance(document.data, YMap)}
    # ids are checked against catalogues read in full: not when the register file is missing
    # (an item file given alone) or did not parse (its missing ids would repeat that error)
    measures_complete = "register" not in unread and any(kind == "register" for _, kind, _ in documents)
    processors_complete = measures_complete and "processor" not in unread
    for document, kind, relative in documents:
        problems.extend(document.problems)
        if document.data is None and not document.problems:
            problems.append(empty_file(kind, document.file, document.comments_only))
            continue
        if document.data is None:
            continue
        problems.extend(validate_document(document.data, kind, document.file))
        if not isinstance(document.data, YMap):
            continue
        if kind == "register":
            add_register_file(register, document.data, document.file, relative)
        else:
            add_item_file(register, document.data, document.file, relative, kind)
    problems.extend(duplicate_ids(register))
    problems.extend(unknown_references(register, measures_complete=measures_complete,
                                       processors_complete=processors_complete))
    problems.sort(key=Finding.sort_key)
    return LoadResult(
        register=register,
        problems=problems,
        files=[d.file for d, _, _ in documents],
        root=root,
        layout=layout,  # type: ignore[arg-type]
        label=label,
    )
