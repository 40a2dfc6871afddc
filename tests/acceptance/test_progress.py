"""Progress bars: on standard error for a person at a terminal, with the stages of each long
command (reading files, running the rules, writing); never in CI nor with --quiet."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from ropa.cli import progress
from ropa.cli.app import _register_commands, app
from tests.gold.support import ROOT

FILES = 10  # register.yaml, 6 activities and 3 processors
_register_commands()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """Standard error as a terminal, for the progress bar only."""
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    monkeypatch.setattr(progress, "err", lambda: console)
    monkeypatch.delenv("CI", raising=False)
    return screen


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    shutil.copytree(ROOT / "registers" / "persiance", tmp_path / "persiance")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ROPA_CACHE_DIR", str(tmp_path / "cache"))
    return "persiance"


COMMANDS = {
    "validate": (["validate", "persiance"], 0, ["Reading files"]),
    "check": (["check", "persiance"], 1, ["Reading files", "Running the rules"]),
    "db import": (["db", "import", "persiance", "--db", "sqlite:///ropa.db"], 0,
                  ["Reading files", "Writing to the database"]),
    "export xlsx": (["export", "xlsx", "persiance", "-o", "register.xlsx"], 0,
                    ["Reading files", "Running the rules", "Writing the workbook"]),
    "export html": (["export", "html", "persiance", "-o", "register.html"], 0,
                    ["Reading files", "Running the rules", "Rendering the HTML"]),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_long_command_shows_its_stages_at_a_terminal(name: str, register: str, terminal: io.StringIO) -> None:
    args, code, stages = COMMANDS[name]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == code, result.output
    shown = terminal.getvalue()
    for stage in stages:
        assert stage in shown
    assert f"{FILES} / {FILES}" in shown
    first_seen = [shown.index(stage) for stage in stages]
    assert first_seen == sorted(first_seen)  # in this order


@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_progress_bar_with_quiet(name: str, register: str, terminal: io.StringIO) -> None:
    args, code, _ = COMMANDS[name]
    quiet = args + (["--quiet"] if name != "db import" else ["-q"])
    assert CliRunner().invoke(app, quiet).exit_code == code
    assert terminal.getvalue() == ""


def test_no_progress_bar_in_ci(register: str, terminal: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert CliRunner().invoke(app, ["check", "persiance"]).exit_code == 1
    assert terminal.getvalue() == ""


def test_no_progress_bar_when_standard_error_is_not_a_terminal(register: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert not progress.wanted(quiet=False)  # the test runner's standard error is captured
