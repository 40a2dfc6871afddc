"""ropa's cache of files already read: the same register, findings and locations as reading
every file again, whatever happened to the files or to the cache in between."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from ropa.loading import LoadResult, files, load
from ropa.loading.cache import FOLDER_NAME, clear, default_folder
from ropa.rules.engine import run_rules

from .conftest import BROKEN

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "registers"
AS_OF = date(2026, 11, 26)
NOT_CACHE = shutil.ignore_patterns(FOLDER_NAME)  # left by other runs on the examples


def deep(value: Any) -> Any:
    """Everything a model object holds, its origins included (which == leaves out), but not
    the indexes it builds for lookups (``Register._index``: filled by whoever looks up first)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,
                tuple((f.name, deep(getattr(value, f.name))) for f in dataclasses.fields(value)
                      if not f.name.startswith("_")))
    if isinstance(value, dict):
        return tuple((k, deep(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(deep(v) for v in value)
    if isinstance(value, Enum):
        return (type(value).__name__, value.value)
    return value


def same(first: LoadResult, second: LoadResult) -> None:
    assert deep(first.register) == deep(second.register)
    assert first.problems == second.problems
    assert (first.files, first.root, first.layout, first.label) == (
        second.files, second.root, second.layout, second.label)
    one, two = (run_rules(r.register, as_of=AS_OF, load_problems=r.problems) for r in (first, second))
    assert one.findings == two.findings


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    generate = pytest.importorskip("benchmarks.generate")
    out = tmp_path / "generated"
    generate.generate(40, 3, out)
    return out


class Reads:
    """Counts the files the loader reads and builds (those the cache did not have)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.names: list[str] = []
        original = files.read_file

        def counted(document: Any, kind: str, relative: str) -> Any:
            self.names.append(relative)
            return original(document, kind, relative)

        monkeypatch.setattr(files, "read_file", counted)


def _sources() -> list[Path]:
    found = [EXAMPLES / "persiance", EXAMPLES / "nuage-b2b", EXAMPLES / "cabinet-medical.yaml"]
    found += sorted(p for p in BROKEN.iterdir() if not p.name.startswith(".") and (
        p.suffix == ".yaml" or p.is_dir() and p.name != "no-register-yaml"))
    return found


@pytest.mark.parametrize("source", _sources(), ids=lambda p: p.name)
def test_a_cached_load_is_the_load_of_every_file(source: Path, cache: Path) -> None:
    fresh = load(source)
    same(load(source, cache=cache), fresh)  # fills the cache
    same(load(source, cache=cache), fresh)  # reads it


def test_a_generated_register_is_the_same_from_the_cache(generated: Path, cache: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load(generated)
    same(load(generated, cache=cache), fresh)
    reads = Reads(monkeypatch)
    same(load(generated, cache=cache), fresh)
    assert reads.names == []


def test_only_the_file_that_changed_is_read_again(generated: Path, cache: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    load(generated, cache=cache)
    changed = sorted((generated / "activities").iterdir())[7]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("\nname: ", "\nname: Révisé — ", 1), encoding="utf-8")
    reads = Reads(monkeypatch)
    after = load(generated, cache=cache)
    assert reads.names == [f"activities/{changed.name}"]
    same(after, load(generated))
    edited = next(a for a in after.register.activities if a.source == f"activities/{changed.name}")
    assert (edited.name or "").startswith("Révisé — ")


def test_a_change_that_keeps_size_and_modification_time_is_seen(generated: Path, cache: Path) -> None:
    load(generated, cache=cache)
    changed = generated / "activities" / sorted(p.name for p in (generated / "activities").iterdir())[3]
    status = changed.stat()
    text = changed.read_text(encoding="utf-8")
    edited = text.replace("status: active", "status: retir", 1) if "status: active" in text else None
    assert edited is not None and len(edited.encode()) == len(text.encode()) - 1
    changed.write_text(edited + " ", encoding="utf-8")  # the same size
    os.utime(changed, ns=(status.st_atime_ns, status.st_mtime_ns))  # and modification time
    after = load(generated, cache=cache)
    same(after, load(generated))
    assert any(p.message == "'retir' is not an allowed value for status" for p in after.problems)


def test_a_new_and_a_deleted_file_are_seen(generated: Path, cache: Path) -> None:
    load(generated, cache=cache)
    activities = sorted((generated / "activities").iterdir())
    shutil.copy(activities[0], generated / "activities" / "zz-copy.yaml")
    activities[1].unlink()
    after = load(generated, cache=cache)
    same(after, load(generated))
    assert [p.rule for p in after.problems] == ["ROPA004"]  # the copy repeats the first one's id


def test_a_problem_fixed_is_gone_and_a_problem_made_is_reported(tmp_path: Path, cache: Path) -> None:
    source = tmp_path / "reg"
    shutil.copytree(EXAMPLES / "persiance", source, ignore=NOT_CACHE)
    orders = source / "activities" / "orders.yaml"
    good = orders.read_text(encoding="utf-8")
    load(source, cache=cache)
    orders.write_text(good.replace("status: active", "status: ongoing"), encoding="utf-8")
    broken = load(source, cache=cache)
    assert [p.message for p in broken.problems] == ["'ongoing' is not an allowed value for status"]
    orders.write_text(good, encoding="utf-8")
    same(load(source, cache=cache), load(source))
    assert load(source, cache=cache).problems == []


def _pack(cache: Path) -> Path:
    (pack,) = [p for p in cache.iterdir() if p.suffix in (".pack", ".delta")]
    return pack


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage", "header only"])
def test_a_damaged_cache_is_ignored_and_written_again(generated: Path, cache: Path, damage: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = load(generated, cache=cache)
    pack = _pack(cache)
    data = pack.read_bytes()
    damaged = {
        "truncate": data[: len(data) // 2],
        "flip": data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
        "empty": b"",
        "garbage": os.urandom(4096),
        "header only": data[:80],
    }[damage]
    pack.write_bytes(damaged)
    reads = Reads(monkeypatch)
    same(load(generated, cache=cache), fresh)
    assert len(reads.names) == len(fresh.files)  # nothing was taken from the damaged file
    reads.names.clear()
    same(load(generated, cache=cache), fresh)
    assert reads.names == []  # it was written again, whole


def _forge(pack: Path, payload: bytes) -> None:
    """A pack with a valid header and checksum around ``payload``."""
    from ropa.loading import cache as module

    header = module._HEADER.pack(module._MAGIC, module._FORMAT, module.stamp(),
                                 __import__("hashlib").sha256(payload).digest(), len(payload))
    pack.write_bytes(header + payload)


class _Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (str(Path.cwd() / "pwned"),))


def test_a_cache_that_would_run_code_is_refused(generated: Path, cache: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    fresh = load(generated, cache=cache)
    _forge(_pack(cache), pickle.dumps(({"x": _Boom()}, {}), protocol=5))
    same(load(generated, cache=cache), fresh)
    assert not (tmp_path / "pwned").exists()


def test_a_cache_of_another_shape_is_ignored(generated: Path, cache: Path) -> None:
    fresh = load(generated, cache=cache)
    _forge(_pack(cache), pickle.dumps(["not", "a", "cache"], protocol=5))
    same(load(generated, cache=cache), fresh)
    _forge(_pack(cache), pickle.dumps(({"key": "not a result"}, {}), protocol=5))
    same(load(generated, cache=cache), fresh)


def test_a_cache_written_by_another_ropa_is_ignored(generated: Path, cache: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from ropa.loading import cache as module

    fresh = load(generated, cache=cache)
    monkeypatch.setattr(module, "stamp", lambda: b"\x00" * 32)
    reads = Reads(monkeypatch)
    same(load(generated, cache=cache), fresh)
    assert len(reads.names) == len(fresh.files)


def test_the_cache_folder_is_marked_and_holds_no_temporary_file(generated: Path, cache: Path) -> None:
    load(generated, cache=cache)
    names = {p.name for p in cache.iterdir()}
    assert {".gitignore", "CACHEDIR.TAG"} <= names
    assert [n.rsplit(".", 1)[1] for n in sorted(names - {".gitignore", "CACHEDIR.TAG"})] == ["pack"]
    assert (cache / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_a_cache_that_cannot_be_written_changes_nothing(generated: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    same(load(generated, cache=blocked), load(generated))

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    cache = tmp_path / "cache"
    monkeypatch.setattr("ropa.loading.cache.os.replace", refuse)
    same(load(generated, cache=cache), load(generated))
    assert sorted(p.name for p in cache.iterdir()) == [".gitignore", "CACHEDIR.TAG"]


def test_two_registers_share_a_cache_folder_without_mixing(tmp_path: Path, cache: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(EXAMPLES / "persiance", first, ignore=NOT_CACHE)
    shutil.copytree(EXAMPLES / "nuage-b2b", second, ignore=NOT_CACHE)
    for _ in range(2):
        same(load(first, cache=cache), load(first))
        same(load(second, cache=cache), load(second))


def test_the_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROPA_CACHE_DIR", raising=False)
    (tmp_path / "reg").mkdir()
    assert default_folder(tmp_path / "reg") == tmp_path / "reg" / FOLDER_NAME
    assert default_folder(tmp_path / "acme.yaml") == tmp_path / FOLDER_NAME
    assert default_folder(tmp_path / "reg" / "activities" / "a.yaml") == tmp_path / "reg" / FOLDER_NAME
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert default_folder(tmp_path / "reg") == tmp_path / "elsewhere"


def test_clear_deletes_what_ropa_wrote_and_only_that(generated: Path, cache: Path) -> None:
    load(generated, cache=cache)
    (cache / "notes.txt").write_text("mine", encoding="utf-8")
    assert clear(cache) == 1
    assert sorted(p.name for p in cache.iterdir()) == [".gitignore", "CACHEDIR.TAG", "notes.txt"]
    assert clear(cache / "missing") == 0


def test_a_one_file_register_is_cached_like_a_folder(tmp_path: Path, cache: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "cabinet.yaml"
    shutil.copy(EXAMPLES / "cabinet-medical.yaml", source)
    fresh = load(source)
    same(load(source, cache=cache), fresh)
    reads = Reads(monkeypatch)
    same(load(source, cache=cache), fresh)
    assert reads.names in ([], ["cabinet.yaml"])  # a file written in the last 2 s is read again


CONCURRENT = """
import hashlib, sys
from pathlib import Path
from ropa.loading import load
from tests.unit.loading.test_cache import deep
result = load(Path(sys.argv[1]), cache=Path(sys.argv[2]))
print(hashlib.sha256(repr((deep(result.register), result.problems)).encode()).hexdigest())
"""


def test_runs_at_the_same_time_share_the_cache_safely(generated: Path, cache: Path) -> None:
    import subprocess
    import sys

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", CONCURRENT, str(generated), str(cache)], cwd=REPO,
                                stdout=subprocess.PIPE, text=True)

    expected = [start().communicate()[0]]  # fills the cache
    # four at once, twice: the files were just written, so each run hashes them again and
    # writes its own delta while the others read theirs
    for _ in range(2):
        runs = [start() for _ in range(4)]
        outputs = [run.communicate()[0] for run in runs]
        assert [run.returncode for run in runs] == [0, 0, 0, 0]
        assert outputs == expected * 4
    assert not [p.name for p in cache.iterdir() if p.suffix == ".tmp"]
