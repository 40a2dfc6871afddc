"""ropa's cache of files already read: the result of reading, validating and building each
file of a register, keyed by what decides it, so that a check after an edit reads again
only the files that changed.

Where: ``.ropa-cache/`` in a register folder (beside a one-file register), or the folder
named by ``$ROPA_CACHE_DIR``. Deleting it at any time is safe: ropa rebuilds it.

What: for each file, its problems (ROPA001/ROPA002), whether it could be read, and the
model objects it adds to the register with their origins (:class:`FileResult`; each origin
packed into a few bytes, unpacked only when a finding needs it), under a
key that is the sha256 of the file's bytes, its schema kind and its names. The whole cache
is also stamped with ropa's version and a digest of the code and data that decide these
results (loader, model, schemas, countries), so that another ropa never trusts it. Checks
across files (duplicate ids, references) and the rules are not cached here: they run every
time (but see :mod:`ropa.rules.incremental`, which keeps the findings of a folder's activity
files beside this cache).

Unchanged files are not even read: the cache remembers the size, times and inode each file
had when it was hashed, and trusts them only for a file last changed well before that (so
that no later edit can share its timestamps); any other file is read and hashed again.

How: one pack per register (``<id>.pack``) and a small delta beside it (``<id>.delta``)
for files changed since the pack was written, so that a change writes a few entries, not
the whole register; the pack is rewritten when the delta grows or goes stale. Each file is
written to a temporary file and renamed, so concurrent runs never see half a file, and
each is checked on reading (magic, stamp, length, sha256 of the content) and unpickled
with only the model's classes allowed: a bad, truncated or foreign file is ignored and
rewritten, never trusted.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import struct
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ropa.loading.builder import FilePart
from ropa.model.origin import Origin
from ropa.rules.finding import Finding

FOLDER_NAME = ".ropa-cache"
ENV_VAR = "ROPA_CACHE_DIR"
_MAGIC = b"ropa cache\n"
_FORMAT = 2
_HEADER = struct.Struct(f">{len(_MAGIC)}sB32s32sQ")  # magic, format, stamp, sha256, length
_IGNORE = "# ropa's cache of files already read: never commit it; delete it at any time\n*\n"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This folder is ropa's cache (https://bford.info/cachedir/).\n")
_STAMPED = ("loading", "model", "schema")  # the folders of code and data the results depend on
_RACY_NS = 2_000_000_000  # a file changed less than 2 s before it was hashed is hashed again
# the classes a cache file may hold: those the model's modules define, and these by name
_MODEL_MODULES = frozenset({"ropa.model.register", "ropa.model.origin", "ropa.model.enums",
                            "ropa.rules.finding"})
_ALLOWED_NAMES = frozenset({("ropa.loading.builder", "FilePart"), ("ropa.loading.cache", "FileResult"),
                            ("ropa.rules.incremental", "Memory"), ("datetime", "date")})


@dataclass(slots=True)
class FileResult:
    """What reading one file gives: its problems, whether it holds a mapping (the files of a
    register that could not be read leave their catalogue incomplete), and its part."""

    problems: list[Finding] = field(default_factory=list)
    readable: bool = False
    part: FilePart | None = None


def default_folder(source: Path) -> Path:
    """``$ROPA_CACHE_DIR``, else ``.ropa-cache`` in a register folder or beside a one-file
    register (for a file of a folder's activities/ or processors/: in that folder's)."""
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return Path(configured)
    if source.is_dir():
        return source / FOLDER_NAME
    if source.parent.name in ("activities", "processors") and source.parent.parent.name:
        return source.parent.parent / FOLDER_NAME
    return source.parent / FOLDER_NAME


@cache
def code_stamp(what: str, folders: tuple[str, ...], files: tuple[str, ...] = ()) -> bytes:
    """A digest of ropa's version and of the code and data in ``folders`` and ``files`` (of
    the package), for the cache of ``what``."""
    import ropa

    digest = hashlib.sha256(f"ropa {ropa.__version__} {what} {_FORMAT}".encode())
    package = Path(ropa.__file__).resolve().parent
    for folder in folders:
        for path in sorted((package / folder).glob("*")):
            if path.suffix in (".py", ".json", ".yaml"):
                digest.update(f"{folder}/{path.name}".encode() + b"\0" + path.read_bytes())
    for name in files:
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    return digest.digest()


def stamp() -> bytes:
    """A digest of ropa's version and of the code and data the cached results depend on."""
    return code_stamp("cache", _STAMPED, ("rules/finding.py",))


def file_key(raw: bytes, kind: str, display: str, relative: str) -> str:
    """The key of one file's result: its bytes, schema kind, and the names its problems
    and origins carry."""
    # surrogateescape: a file name that is not UTF-8 is kept as its bytes
    digest = hashlib.sha256(f"{kind}\0{display}\0{relative}\0".encode("utf-8", "surrogateescape"))
    digest.update(raw)
    return digest.hexdigest()


class _Unpickler(pickle.Unpickler):
    """Unpickles the model's classes and dates, and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _ALLOWED_NAMES:
            return super().find_class(module, name)
        if module in _MODEL_MODULES:
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:  # not what it imports
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in ropa's cache")


Index = dict[str, tuple[int, int, int, int, int, str]]  # file -> its stat, when, and its key


def index_name(kind: str, relative: str, display: str) -> str:
    """A file's name in an :data:`Index`: its schema kind and both its names."""
    return f"{kind}\0{relative}\0{display}"


def index_entry(status: os.stat_result, hashed_at: int, key: str) -> tuple[int, int, int, int, int, str]:
    """A file's entry in an :data:`Index`: the status it had when it was read and hashed, at
    ``hashed_at`` (ns), to ``key``."""
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, hashed_at, key)


def dumps(value: object) -> bytes:
    """``value`` pickled as in a pack (origins packed)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return buffer.getvalue()


def loads(data: bytes | memoryview) -> Any:
    """What :func:`dumps` gave, read with only the model's classes allowed; None when it
    cannot be read."""
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - damaged: ignored, never trusted
        return None


def read_stamped(path: Path, stamped: bytes) -> Any:
    """What :func:`write_stamped` wrote to ``path`` with ``stamped``; None when the file is
    missing, damaged or foreign (another format, version or code)."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError:
        return None
    if len(data) < _HEADER.size:
        return None
    magic, version, found, checksum, length = _HEADER.unpack_from(data)
    payload = memoryview(data)[_HEADER.size:]
    if (magic, version, found, length) != (_MAGIC, _FORMAT, stamped, len(payload)):
        return None
    if hashlib.sha256(payload).digest() != checksum:
        return None
    return loads(payload)


def _read_pack(path: Path) -> tuple[dict[str, FileResult], Index]:
    """The entries and index of one pack file; none when it is missing, damaged or foreign."""
    found = read_stamped(path, stamp())
    if not (isinstance(found, tuple) and len(found) == 2):
        return {}, {}
    entries, index = found
    if not (isinstance(entries, dict) and isinstance(index, dict)
            and all(isinstance(v, FileResult) for v in entries.values())):
        return {}, {}
    return entries, index


def _reduce_origin(origin: Origin) -> tuple[Any, ...]:
    """An origin as its packed positions: one bytes object to read back instead of a mapping
    of positions, unpacked only if a finding needs it (see :class:`Origin`)."""
    names, numbers = origin.packed()
    return _NEWOBJ, (Origin,), (origin.file, origin.path, _NAMES.setdefault(names, names), numbers)


_NEWOBJ = copyreg.__newobj__  # type: ignore[attr-defined]  # pickle writes it as NEWOBJ
_NAMES: dict[tuple[str, ...], tuple[str, ...]] = {}  # the same keys are one tuple in a pack


_DISPATCH = {**copyreg.dispatch_table, Origin: _reduce_origin}


def write_stamped(path: Path, value: object, stamped: bytes) -> None:
    """Write ``value`` to ``path`` with a header that :func:`read_stamped` checks: through a
    temporary file and a rename, so that a concurrent reader sees the old file or the new."""
    import tempfile

    payload = dumps(value)
    header = _HEADER.pack(_MAGIC, _FORMAT, stamped, hashlib.sha256(payload).digest(), len(payload))
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            handle.write(payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_pack(path: Path, entries: dict[str, FileResult], index: Index) -> None:
    write_stamped(path, (entries, index), stamp())


def pack_name(source: Path) -> str:
    """The name of a register's files in the cache folder: one per register and per way of
    naming it (the names are in the results)."""
    return hashlib.sha256(f"{source.resolve()}\0{source}".encode("utf-8", "surrogateescape")).hexdigest()[:20]


def still(known: tuple[int, int, int, int, int, str] | None, path: str) -> bool:
    """Whether the file at ``path`` still has the status ``known`` (size, modification and
    change times, inode, when it was hashed, key), and was last changed well before it was
    hashed: then it still has that key without being read."""
    if known is None:
        return False
    try:
        status = os.stat(path)
    except OSError:
        return False
    try:
        size, modified, changed, inode, hashed_at, _ = known
        return ((status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
                == (size, modified, changed, inode) and max(modified, changed) <= hashed_at - _RACY_NS)
    except (TypeError, ValueError):  # an entry of another shape: the file is read again
        return False


def prepare_folder(folder: Path) -> None:
    """Create the folder, marked so that git and backup tools leave it out."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", _IGNORE), ("CACHEDIR.TAG", _TAG)):
        marker = folder / name
        if not marker.exists():
            marker.write_text(text, encoding="utf-8")


class FileCache:
    """The cache of one register: look up each file's result, remember new ones, save.

    Each file's result is found by its key (the sha256 of its bytes and names). To spare
    reading and hashing 10,000 unchanged files, the cache also remembers each file's size,
    modification and change times and inode when it was hashed: a file whose status is the
    same, and whose last change was well before it was hashed (so no later edit can share
    its timestamps), still has that key."""

    def __init__(self, folder: Path, source: Path) -> None:
        self.folder = folder
        name = pack_name(source)
        self.pack_path = folder / f"{name}.pack"
        self.delta_path = folder / f"{name}.delta"
        self.pack, self.pack_index = _read_pack(self.pack_path)
        self.delta, self.delta_index = _read_pack(self.delta_path)
        self.used: dict[str, FileResult] = {}
        self.index: Index = {}  # this run's files
        self.started = time.time_ns()

    def unchanged(self, path: str, name: str) -> FileResult | None:
        """The result of the file ``name`` at ``path`` if its status shows it unchanged."""
        known = self.delta_index.get(name) or self.pack_index.get(name)
        if known is None or not still(known, path):
            return None
        found = self.get(known[5])
        if found is not None:
            self.index[name] = known
        return found

    def status(self, path: str) -> os.stat_result | None:
        """The status of a file about to be read and hashed (taken before reading it)."""
        try:
            return os.stat(path)
        except OSError:
            return None

    def get(self, key: str) -> FileResult | None:
        found = self.delta.get(key) or self.pack.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, result: FileResult) -> None:
        self.used[key] = result

    def hashed(self, name: str, status: os.stat_result | None, key: str) -> None:
        """Remember the status ``name`` had when it was read and hashed to ``key``."""
        if status is not None:
            self.index[name] = index_entry(status, self.started, key)

    def save(self) -> None:
        """Write what changed; a cache that cannot be written is left as it is."""
        stale = sum(1 for key in self.pack if key not in self.used)
        outside = {k: v for k, v in self.used.items() if k not in self.pack}
        index = {name: known for name, known in self.index.items() if self.pack_index.get(name) != known}
        if outside.keys() == self.delta.keys() and index == self.delta_index and stale <= len(self.pack) // 4:
            return  # nothing new to remember
        try:
            prepare_folder(self.folder)
            if stale > len(self.pack) // 4 or len(outside) > max(32, len(self.used) // 10):
                _write_pack(self.pack_path, self.used, self.index)
                self.delta_path.unlink(missing_ok=True)
            else:
                _write_pack(self.delta_path, outside, index)
        except OSError:
            pass  # a read-only checkout or a full disk: the check itself is not affected


def clear(folder: Path) -> int:
    """Delete the files ropa wrote in ``folder``; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for path in folder.iterdir():
        if path.suffix in (".pack", ".delta", ".check", ".tmp") and path.is_file():
            path.unlink(missing_ok=True)
            removed += 1
    return removed
