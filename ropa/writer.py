"""The register model -> YAML files: one file, or a register folder.

``register_to_data`` turns a :class:`~ropa.model.register.Register` into plain data in the
key order of the register format (``ropa: 1`` first, then the sections), leaving out every
value that is unknown (``None``) and every empty list. ``write_register`` writes that data
as YAML, either as one file or as a register folder (register.yaml, activities/,
processors/), replacing what was there only once everything is written.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, cast

import yaml

from ropa import FORMAT_VERSION
from ropa.model.register import (
    Activity,
    Organisation,
    ProcessingOnBehalf,
    Processor,
    Register,
    SecurityMeasure,
    Settings,
    SubProcessorRef,
)

Data = dict[str, Any]

REGISTER_FILE = "register.yaml"
YAML_SUFFIXES = (".yaml", ".yml")
SCHEMA_HINT = "# yaml-language-server: $schema="


class WriteError(Exception):
    """The register cannot be written where asked. The message is for the user."""


# ---------------------------------------------------------------------------------------
# Model -> plain data


_PLAIN = frozenset({str, int, float, bool, type(None), date})  # written as they are


def value_to_data(value: Any) -> Any:
    """One model value as YAML-ready data: enums as their values, dates as dates,
    objects as mappings in field order without unknown values or empty lists."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [value_to_data(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if kind is SubProcessorRef and value.id is not None:
        return value.id
    if is_dataclass(value) and not isinstance(value, type):
        return _object_to_data(value)
    if isinstance(value, list):
        return [value_to_data(item) for item in value]
    return value


@cache
def _written_fields(kind: type) -> tuple[str, ...]:
    """The fields of a model class that are written: not origin (positions) nor source (the
    file an item came from), which do not take part in comparisons either."""
    return tuple(f.name for f in fields(kind) if f.compare)


def _object_to_data(obj: Any) -> Data:
    data: Data = {}
    kind: type = type(obj)  # type, not type[Any]: mypy takes only the former as Hashable
    for name in _written_fields(kind):
        value = getattr(obj, name)
        if value is None or (isinstance(value, list) and not value):
            continue
        data[name] = value_to_data(value)
    return data


def organisation_to_data(organisation: Organisation) -> Data:
    return _object_to_data(organisation)


def settings_to_data(settings: Settings) -> Data:
    return _object_to_data(settings)


def security_measure_to_data(measure: SecurityMeasure) -> Data:
    return _object_to_data(measure)


def processor_to_data(processor: Processor) -> Data:
    return _object_to_data(processor)


def activity_to_data(activity: Activity) -> Data:
    return _object_to_data(activity)


def processing_on_behalf_to_data(item: ProcessingOnBehalf) -> Data:
    return _object_to_data(item)


def register_to_data(
    register: Register,
    *,
    processors: Iterable[Processor] | None = None,
    activities: Iterable[Activity] | None = None,
) -> Data:
    """The register as one file's data. ``processors`` and ``activities`` narrow the
    lists written (a folder's register.yaml holds only those kept there)."""
    data: Data = {"ropa": FORMAT_VERSION}
    sections: list[tuple[str, Any]] = [
        ("organisation", organisation_to_data(register.organisation)),
        ("settings", settings_to_data(register.settings)),
        ("security_measures", [security_measure_to_data(m) for m in register.security_measures]),
        ("processors", [processor_to_data(p) for p in
                        (register.processors if processors is None else processors)]),
        ("activities", [activity_to_data(a) for a in
                        (register.activities if activities is None else activities)]),
        ("processing_on_behalf",
         [processing_on_behalf_to_data(p) for p in register.processing_on_behalf]),
    ]
    for key, value in sections:
        if value:
            data[key] = value
    return data


def item_file_data(items: list[Data], plural: str) -> Data:
    """An activities/ or processors/ file: one item beside ``ropa: 1``, or a list."""
    if len(items) == 1:
        return {"ropa": FORMAT_VERSION, **items[0]}
    return {"ropa": FORMAT_VERSION, plural: items}


# ---------------------------------------------------------------------------------------
# Plain data -> YAML text


class _Dumper(yaml.SafeDumper):
    """SafeDumper, block style, and quoting of every string that YAML 1.1 (PyYAML) or
    YAML 1.2 (ropa's reader) would read as something else: ``NO``, ``0189``, ``1e3``.
    Lists are indented under their key, as in the format's examples."""

    whitespace: bool  # the emitter's state, as PyYAML keeps it
    indention: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._analyses: dict[str, Any] = {}

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def analyze_scalar(self, scalar: str) -> Any:
        """PyYAML's analysis of a scalar's text, once per distinct text of the file: it
        depends on the text alone, and a register repeats its keys and many values."""
        analysis = self._analyses.get(scalar)
        if analysis is None:
            analysis = self._analyses[scalar] = super().analyze_scalar(scalar)
        return analysis

    def write_plain(self, text: str, split: bool = True) -> None:
        """A plain scalar on one line, as PyYAML writes it when it never folds (the width
        is unbounded): a space after what precedes it, then the text."""
        if "\n" in text or "\x85" in text or "\u2028" in text or "\u2029" in text or self.encoding \
                or self.root_context or not text or self.column + len(text) > self.best_width:
            super().write_plain(text, split)
            return
        if not self.whitespace:
            text = " " + text
        self.column += len(text)
        self.stream.write(text)
        self.whitespace = False
        self.indention = False


_OTHER_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Text with line breaks as a literal block (``|``) where YAML allows it. Text with
    the breaks YAML 1.1 also counts (CR, NEL, LS, PS) goes in double quotes, where they
    are escaped: written raw, PyYAML would read them back as spaces."""
    if _OTHER_BREAKS.search(value):
        style: str | None = '"'
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


_OPTIONS: dict[str, Any] = {"allow_unicode": True, "default_flow_style": False, "sort_keys": False,
                            "width": 2**31 - 1, "indent": 2}


def to_yaml(data: Data, *, hint: str | None = None) -> str:
    """YAML text of one file: UTF-8 characters as they are, block style, no folding."""
    text = _Blocks().dump(data)
    if text is None:
        text = yaml.dump(data, Dumper=_Dumper, **_OPTIONS)
    return f"{hint}\n{text}" if hint else text


class _Unusual(Exception):
    """The data hold what :class:`_Blocks` leaves to PyYAML's whole pipeline."""


_SCALARS = frozenset({str, int, bool, type(None), date})


class _Blocks:
    """PyYAML's output for the writer's data, made faster: nested dicts (string keys) and
    lists of strings, integers, booleans, None and dates, in block style. The nodes are
    walked here rather than turned into PyYAML's nodes and events, and the text is written
    by the emitter's own methods, with its own choice of style for each scalar (made once
    per distinct value). What this does not cover - an object met twice (PyYAML would
    write an anchor), a key PyYAML writes as a complex key, a float, a literal block that
    keeps its final line breaks - is left to PyYAML: :meth:`dump` returns None."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.emitter = _Dumper(_Sink(self.out), **_OPTIONS)
        self.emitter.tag_prefixes = self.emitter.DEFAULT_TAG_PREFIXES.copy()  # as at a document's start
        self.seen: set[int] = set()
        self.styles: dict[tuple[type, Any, bool], tuple[str, str]] = {}

    def dump(self, data: Any) -> str | None:
        if type(data) is not dict or not data:
            return None
        try:
            self._node(data)
        except _Unusual:
            return None
        emitter = self.emitter
        emitter.indent = None
        emitter.write_indent()  # the document's end
        return "".join(self.out)

    def _node(self, value: Any) -> None:
        kind = type(value)
        emitter = self.emitter
        if kind in _SCALARS:
            if kind is date:
                self._once(value)
            self._scalar(value, key=False)
            return
        if kind is not dict and kind is not list:
            raise _Unusual
        self._once(value)
        if not value:  # in flow style, as PyYAML writes an empty collection
            emitter.write_indicator("{" if kind is dict else "[", True, whitespace=True)
            emitter.write_indicator("}" if kind is dict else "]", False)
            return
        emitter.increase_indent(flow=False)
        if kind is dict:
            for key, item in value.items():
                if type(key) is not str:
                    raise _Unusual
                emitter.write_indent()
                self._scalar(key, key=True)
                emitter.write_indicator(":", False)
                self._node(item)
        else:
            for item in value:
                emitter.write_indent()
                emitter.write_indicator("-", True, indention=True)
                self._node(item)
        emitter.indent = emitter.indents.pop()

    def _once(self, value: Any) -> None:
        if id(value) in self.seen:
            raise _Unusual
        self.seen.add(id(value))

    def _scalar(self, value: Any, key: bool) -> None:
        found = self.styles.get((type(value), value, key))
        if found is None:
            found = self.styles[(type(value), value, key)] = self._style(value, key)
        style, text = found
        emitter = self.emitter
        emitter.increase_indent(flow=True)
        if style == "":
            emitter.write_plain(text, not key)
        elif style == "'":
            emitter.write_single_quoted(text, not key)
        elif style == '"':
            emitter.write_double_quoted(text, not key)
        else:
            emitter.write_literal(text)
        emitter.indent = emitter.indents.pop()

    def _style(self, value: Any, key: bool) -> tuple[str, str]:
        """The style PyYAML's emitter chooses for ``value`` (in block context), and the text."""
        emitter = self.emitter
        emitter.alias_key = None
        # a scalar's representer makes a ScalarNode (the stubs say Node); the stubs leave
        # resolve unannotated
        node = cast("yaml.ScalarNode", emitter.yaml_representers[type(value)](emitter, value))
        resolve: Callable[[type[yaml.Node], Any, tuple[bool, bool]], str] = emitter.resolve
        implicit = (node.tag == resolve(yaml.nodes.ScalarNode, node.value, (True, False)),
                    node.tag == resolve(yaml.nodes.ScalarNode, node.value, (False, True)))
        emitter.event = yaml.events.ScalarEvent(None, node.tag, implicit, node.value, style=node.style)
        emitter.analysis = emitter.analyze_scalar(node.value)
        emitter.simple_key_context = key
        emitter.flow_level = 0
        try:
            if key and not emitter.check_simple_key():
                raise _Unusual
            style = emitter.choose_scalar_style()
        finally:
            emitter.event = emitter.analysis = emitter.prepared_tag = None
            emitter.simple_key_context = False
        if not ((style == "" and implicit[0]) or (style != "" and implicit[1])):
            raise _Unusual  # PyYAML would write a tag
        if style == "|" and emitter.determine_block_hints(node.value).endswith("+"):
            raise _Unusual  # PyYAML may end the document with "..."
        if style not in ("", "'", '"', "|"):
            raise _Unusual
        return style, node.value


class _Sink:
    """A stream that keeps the pieces written, joined once at the end."""

    __slots__ = ("write",)

    def __init__(self, pieces: list[str]) -> None:
        self.write = pieces.append


# ---------------------------------------------------------------------------------------
# Register folder layout


def item_file(source: str | None, folder: str, item_id: str) -> str:
    """The file an activity or processor goes to in a folder: its ``source`` when that
    names a file directly under ``folder``/, ``register.yaml`` when it came from there,
    else ``folder/<id>.yaml``."""
    if source == REGISTER_FILE:
        return REGISTER_FILE
    if source:
        path = PurePosixPath(source)
        if (len(path.parts) == 2 and path.parts[0] == folder and path.suffix in YAML_SUFFIXES
                and not path.name.startswith(".")):
            return str(path)
    return f"{folder}/{item_id}.yaml"


def folder_files(register: Register, hints: dict[str, str] | None = None) -> dict[str, str]:
    """Relative file name -> YAML text of every file of the register as a folder."""
    hints = hints or {}
    activities = _group(register.activities, "activities")
    processors = _group(register.processors, "processors")
    root_data = register_to_data(
        register,
        processors=processors.pop(REGISTER_FILE, []),
        activities=activities.pop(REGISTER_FILE, []),
    )
    files = {REGISTER_FILE: to_yaml(root_data, hint=hints.get("."))}
    for folder, groups, convert in (
        ("activities", activities, activity_to_data),
        ("processors", processors, processor_to_data),
    ):
        for name in sorted(groups):
            data = item_file_data([convert(item) for item in groups[name]], folder)
            files[name] = to_yaml(data, hint=hints.get(folder))
    return files


def _group(items: Iterable[Any], folder: str) -> dict[str, list[Any]]:
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item_file(item.source, folder, item.id), []).append(item)
    return groups


# ---------------------------------------------------------------------------------------
# Writing, atomically


def write_register(register: Register, out: Path) -> list[Path]:
    """Write the register to ``out``: one file when it ends in .yaml/.yml, else a register
    folder. Nothing of a previous ``out`` changes unless everything was written."""
    out = Path(out)
    if out.suffix.lower() in YAML_SUFFIXES:
        return [_write_file(register, out)]
    return _write_folder(register, out)


def _write_file(register: Register, out: Path) -> Path:
    if out.is_dir():
        raise WriteError(f"{out} is a folder; give a file name ending in .yaml, or a folder name")
    with _os_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        text = to_yaml(register_to_data(register), hint=_hint_of(out))
        descriptor, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp",
                                                 dir=out.parent)
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(temporary, _mode_of(out, directory=False))
            os.replace(temporary, out)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return out


def _write_folder(register: Register, out: Path) -> list[Path]:
    if out.exists() and not out.is_dir():
        raise WriteError(f"{out} is a file; give a folder name, or a file name ending in .yaml")
    if out.is_dir() and any(out.iterdir()) and not _is_register_folder(out):
        raise WriteError(
            f"{out} is not empty and is not a ropa register (it has no {REGISTER_FILE}); "
            "write to a new or empty folder, or to a register folder"
        )
    with _os_errors(out):
        out.parent.mkdir(parents=True, exist_ok=True)
        files = folder_files(register, _folder_hints(out))
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        try:
            _fill(staging, files, keep_from=out if out.is_dir() else None)
            os.chmod(staging, _mode_of(out, directory=True))
            _swap(staging, out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return [out / name for name in files]


def _is_register_folder(path: Path) -> bool:
    return any((path / name).is_file() for name in (REGISTER_FILE, "register.yml"))


_REGISTER_ENTRIES = (REGISTER_FILE, "register.yml", "activities", "processors")


def _fill(staging: Path, files: dict[str, str], keep_from: Path | None) -> None:
    """Write the register files into ``staging``, and copy there whatever else the old
    folder holds (a README, .schema/, .gitkeep): only register files are replaced."""
    if keep_from is not None:
        _keep(keep_from, staging, lambda entry: entry.name not in _REGISTER_ENTRIES)
        for folder in ("activities", "processors"):
            _keep(keep_from / folder, staging / folder, _is_not_item_file)
    for name, text in files.items():
        path = staging / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def _is_not_item_file(entry: Path) -> bool:
    return entry.suffix not in YAML_SUFFIXES or entry.name.startswith(".")


def _keep(old: Path, new: Path, wanted: Callable[[Path], bool]) -> None:
    if not old.is_dir():
        return
    for entry in sorted(old.iterdir()):
        if not wanted(entry):
            continue
        new.mkdir(parents=True, exist_ok=True)
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / entry.name, symlinks=True)
        else:
            shutil.copy2(entry, new / entry.name, follow_symlinks=False)


def _swap(staging: Path, out: Path) -> None:
    """Move the new folder in place of ``out``; the old one is deleted only after."""
    if not out.exists():
        os.rename(staging, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _mode_of(path: Path, *, directory: bool) -> int:
    """Keep the permissions of what is replaced; new files get the usual ones."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return (0o777 if directory else 0o666) & ~mask


def _hint_of(path: Path) -> str | None:
    """The editor hint on the first line of an existing file, kept when it is rewritten."""
    try:
        with path.open(encoding="utf-8") as handle:
            first = handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError):
        return None
    return first if first.startswith(SCHEMA_HINT) else None


_SCHEMAS = {".": ("register", ""), "activities": ("activity", "../"),
            "processors": ("processor", "../")}


def _folder_hints(out: Path) -> dict[str, str]:
    """The editor hint for each part of a register folder ('.', activities, processors):
    the one its files already carry, else one pointing at the schema kept in the folder's
    .schema/ (as ``ropa init`` writes it). None when neither exists."""
    hints: dict[str, str] = {}
    if not out.is_dir():
        return hints
    for part, (kind, ups) in _SCHEMAS.items():
        hint = _existing_hint(out, part)
        if hint is None and (out / ".schema" / f"{kind}.schema.json").is_file():
            hint = f"{SCHEMA_HINT}{ups}.schema/{kind}.schema.json"
        if hint is not None:
            hints[part] = hint
    return hints


def _existing_hint(out: Path, part: str) -> str | None:
    if part == ".":
        return _hint_of(out / REGISTER_FILE)
    directory = out / part
    if not directory.is_dir():
        return None
    found = (_hint_of(p) for p in sorted(directory.iterdir()) if p.suffix in YAML_SUFFIXES)
    return next((hint for hint in found if hint), None)


@contextmanager
def _os_errors(out: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        where = exc.filename or out
        raise WriteError(f"cannot write {where}: {exc.strerror or exc}") from exc


__all__ = [
    "WriteError", "activity_to_data", "folder_files", "item_file", "organisation_to_data",
    "processing_on_behalf_to_data", "processor_to_data", "register_to_data",
    "security_measure_to_data", "settings_to_data", "to_yaml", "value_to_data", "write_register",
]
