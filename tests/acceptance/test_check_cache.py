"""``ropa check`` with its cache of files already read: the same report as reading every file,
after an edit, a damaged cache, --no-cache and --clear-cache; where the cache lives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from ropa.cli import check as check_command
from ropa.cli import validate as validate_command

REPO = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-26"
NOT_CACHE = shutil.ignore_patterns(".ropa-cache")  # left by other runs on the examples


def app() -> typer.Typer:
    application = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @application.callback()
    def _root() -> None:
        """ropa"""

    check_command.install(application)
    validate_command.install(application)
    return application


def run(*args: str) -> Result:
    return CliRunner().invoke(app(), list(args))


def check(*args: str) -> Result:
    return run("check", "reg", "--format", "json", "--as-of", AS_OF, *args)


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the PERSIANCE example as `reg`, the cache at its default place."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ROPA_CACHE_DIR", raising=False)
    shutil.copytree(REPO / "registers" / "persiance", tmp_path / "reg", ignore=NOT_CACHE)
    return tmp_path / "reg"


def test_the_report_is_the_same_without_cache_on_the_first_run_and_from_the_cache(register: Path) -> None:
    plain = check("--no-cache")
    assert not (register / ".ropa-cache").exists()
    first, second = check(), check()
    assert plain.exit_code == first.exit_code == second.exit_code == 1
    assert plain.stdout == first.stdout == second.stdout
    assert '"rule": "ROPA' in plain.stdout


def test_a_check_after_an_edit_reads_only_the_file_that_changed(register: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from ropa.rules import incremental

    check()
    orders = register / "activities" / "orders.yaml"
    orders.write_text(orders.read_text(encoding="utf-8").replace("\nname: ", "\nname: Les ", 1),
                      encoding="utf-8")
    read: list[str] = []
    real = incremental.read_file
    monkeypatch.setattr(incremental, "read_file",
                        lambda document, kind, relative: read.append(relative) or real(document, kind, relative))
    edited = check()
    assert read == ["activities/orders.yaml"]
    assert edited.stdout == check("--no-cache").stdout
    assert '"message": "' in edited.stdout


def test_the_cache_is_in_the_register_folder_and_git_leaves_it_out(register: Path) -> None:
    check()
    cache = register / ".ropa-cache"
    assert (cache / ".gitignore").read_text(encoding="utf-8").endswith("\n*\n")
    assert (cache / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    assert any(p.suffix in (".pack", ".delta") for p in cache.iterdir())


def test_ropa_cache_dir_moves_the_cache(register: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert check().exit_code == 1
    assert not (register / ".ropa-cache").exists()
    assert any(p.suffix in (".pack", ".delta") for p in (tmp_path / "elsewhere").iterdir())


def test_an_edit_is_reported_at_once_and_its_fix_too(register: Path) -> None:
    orders = register / "activities" / "orders.yaml"
    good = orders.read_text(encoding="utf-8")
    before = check()
    orders.write_text(good.replace("status: active", "status: ongoing"), encoding="utf-8")
    broken = check()
    assert "'ongoing' is not an allowed value for status" in broken.stdout
    assert broken.stdout == check("--no-cache").stdout
    orders.write_text(good, encoding="utf-8")
    assert check().stdout == before.stdout


def test_a_damaged_cache_gives_the_same_report(register: Path) -> None:
    expected = check("--no-cache").stdout
    check()
    for pack in (register / ".ropa-cache").iterdir():
        if pack.suffix in (".pack", ".delta"):
            pack.write_bytes(pack.read_bytes()[:200] + b"\x00" * 64)
    assert check().stdout == expected
    assert check().stdout == expected


def test_clear_cache_empties_it_before_the_check(register: Path) -> None:
    check()
    (register / ".ropa-cache" / "notes.txt").write_text("kept", encoding="utf-8")
    result = check("--clear-cache", "--no-cache")
    assert result.exit_code == 1
    assert sorted(p.name for p in (register / ".ropa-cache").iterdir()) == [".gitignore", "CACHEDIR.TAG",
                                                                          "notes.txt"]
    assert check("--clear-cache").stdout == result.stdout


def test_validate_uses_the_cache_too_and_says_the_same(register: Path) -> None:
    plain = run("validate", "reg", "--no-cache")
    assert not (register / ".ropa-cache").exists()
    assert (plain.exit_code, plain.stdout) == (0, "")
    cached = run("validate", "reg")
    assert (cached.exit_code, cached.stdout, cached.stderr) == (0, "", plain.stderr)
    assert (register / ".ropa-cache").is_dir()


def test_a_one_file_register_keeps_its_cache_beside_it(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ROPA_CACHE_DIR", raising=False)
    shutil.copy(REPO / "registers" / "cabinet-medical.yaml", tmp_path / "cabinet.yaml")
    args = ("check", "cabinet.yaml", "--format", "json", "--as-of", AS_OF)
    first, second, plain = run(*args), run(*args), run(*args, "--no-cache")
    assert first.stdout == second.stdout == plain.stdout
    assert (tmp_path / ".ropa-cache" / ".gitignore").is_file()


def test_help_documents_the_cache_options() -> None:
    text = run("check", "--help").stdout
    assert "--no-cache" in text and "--clear-cache" in text and ".ropa-cache" in text
