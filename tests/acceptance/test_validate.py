"""``ropa validate`` through the command line: problem lines on stdout, the summary on
stderr, JSON on request, and exit codes 0 (clean), 1 (problems), 2 (could not run)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from ropa.cli.app import _register_commands, app
from ropa.loading import load

BROKEN = Path(__file__).resolve().parents[1] / "unit" / "loading" / "broken"
CORPUS = sorted(p.name for p in BROKEN.iterdir() if not p.name.startswith("."))
EXIT_CODES = {"norway-unquoted.yaml": 0, "no-register-yaml": 2}

CLEAN = "ropa: 1\norganisation: {name: Acme}\nactivities:\n  - {id: orders, name: Orders}\n"
BROKEN_TEXT = "ropa: 1\norganisation:\n  nmae: Acme\n  public_authority: yes\n"
BROKEN_LINES = [
    ("acme.yaml:3:3: ROPA002 schema-violation: unknown key 'nmae' [$.organisation.nmae] Fix: did you mean "
    "'name'?"),
    ("acme.yaml:4:21: ROPA002 schema-violation: expected true or false, found the text 'yes' "
    "[$.organisation.public_authority] Fix: write true or false (ropa reads YAML 1.2, where yes/no/on/off "
    "are "
    "text)"),
]


def _app() -> typer.Typer:
    """The ropa app with its commands, registered once per test run."""
    if not any(command.name == "validate" for command in app.registered_commands):
        _register_commands()
    return app


def _run(*args: str) -> Result:
    return CliRunner().invoke(_app(), ["validate", *args])


def _write(folder: Path, text: str, name: str = "acme.yaml") -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return name


def test_a_clean_register_exits_0_with_the_summary_on_stderr(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(_write(tmp_path, CLEAN))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "acme.yaml: valid (1 file(s), 1 activities, 0 processors)\n"


def test_problems_exit_1_one_line_each_on_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(_write(tmp_path, BROKEN_TEXT))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BROKEN_LINES
    assert result.stderr == "acme.yaml: 2 problem(s) in 1 file(s) (1 file(s), 0 activities, 0 processors)\n"


def test_quiet_prints_the_problems_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(_write(tmp_path, BROKEN_TEXT), "--quiet")
    assert (result.exit_code, result.stdout.splitlines(), result.stderr) == (1, BROKEN_LINES, "")


def test_json_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(_write(tmp_path, BROKEN_TEXT), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "source": "acme.yaml",
        "files": ["acme.yaml"],
        "problems": [
            {"rule": "ROPA002", "name": "schema-violation", "severity": "error",
             "message": "unknown key 'nmae'", "fix": "did you mean 'name'?",
             "file": "acme.yaml", "line": 3, "column": 3, "path": "$.organisation.nmae"},
            {"rule": "ROPA002", "name": "schema-violation", "severity": "error",
             "message": "expected true or false, found the text 'yes'",
             "fix": "write true or false (ropa reads YAML 1.2, where yes/no/on/off are text)",
             "file": "acme.yaml", "line": 4, "column": 21, "path": "$.organisation.public_authority"},
        ],
    }


def test_json_output_of_a_clean_register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run("-f", "json", _write(tmp_path, CLEAN))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"source": "acme.yaml", "files": ["acme.yaml"], "problems": []}


def test_a_folder_reports_the_problems_of_every_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    result = _run("one-broken-file-of-many")
    assert result.exit_code == 1
    assert [line.split(":", 1)[0] for line in result.stdout.splitlines()] == [
        "one-broken-file-of-many/activities/broken.yaml",
        "one-broken-file-of-many/activities/orders.yaml",
        "one-broken-file-of-many/activities/orders.yaml",
        "one-broken-file-of-many/processors/stripe.yaml",
        "one-broken-file-of-many/register.yaml",
    ]
    assert result.stderr == (
        "one-broken-file-of-many: 5 problem(s) in 4 file(s) (4 file(s), 1 activities, 1 processors)\n"
    )


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["no-such-register.yaml"], "Error: no such file or folder: no-such-register.yaml\n"),
        (["no-register-yaml"], ("Error: no-register-yaml has no register.yaml: a register folder holds "
                               "register.yaml, activities/ and processors/ (start one with `ropa init "
                               "no-register-yaml`)\n")),
    ],
)
def test_a_source_that_cannot_be_read_exits_2(args: list[str], error: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    result = _run(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", error)


def test_a_file_that_is_not_yaml_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(_write(tmp_path, "ropa: 1\n", name="notes.txt"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: notes.txt is not a YAML file (.yaml or .yml) nor a register folder\n"


def test_an_unreachable_database_exits_2(tmp_path: Path) -> None:
    result = _run(f"sqlite:///{tmp_path / 'missing' / 'ropa.db'}")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")


@pytest.mark.parametrize("args", [[], ["--format", "xml", "x.yaml"], ["--bogus", "x.yaml"]])
def test_bad_arguments_exit_2(args: list[str]) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""


@pytest.mark.parametrize("case", CORPUS)
def test_every_corpus_case_exits_cleanly_without_a_traceback(case: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BROKEN)
    result = _run(case)
    assert result.exit_code == EXIT_CODES.get(case, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code != 2:
        assert result.stdout.splitlines() == [p.line() for p in load(case).problems]


def test_the_installed_command_keeps_stdout_and_stderr_apart() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ropa", "validate", "several-problems.yaml"],
        cwd=BROKEN, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    assert [line.split(": ", 2)[1] for line in completed.stdout.splitlines()] == [
        "ROPA002 schema-violation", "ROPA002 schema-violation", "ROPA002 schema-violation",
        "ROPA002 schema-violation", "ROPA002 schema-violation", "ROPA003 unknown-reference",
    ]
    assert completed.stderr == (
        "several-problems.yaml: 6 problem(s) in 1 file(s) (1 file(s), 1 activities, 0 processors)\n"
    )


def test_the_installed_command_exits_2_on_a_missing_path() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ropa", "validate", "no-such-register.yaml"],
        cwd=BROKEN, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert (completed.returncode, completed.stdout) == (2, "")
    assert completed.stderr == "Error: no such file or folder: no-such-register.yaml\n"


def test_values_are_printed_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _run(_write(tmp_path, "ropa: 1\norganisation:\n  supervisory_authority: ':smile:'\n"))
    assert "':smile:' is not an ISO 3166-1 alpha-2 country code" in result.stdout
    assert json.loads(_run("acme.yaml", "--format", "json").stdout)["problems"][0]["message"] == (
        "':smile:' is not an ISO 3166-1 alpha-2 country code")
