"""``ropa check`` through the command line: every format on a register with known findings,
exit codes, --fail-on, --output, --as-of, --config, and what goes to which stream.

The register below has exactly four findings once ``ropa.toml`` keeps four rules on:
ROPA101 (configured to warning), ROPA201 twice (one suppressed with a reason) and ROPA005
(configured to info) for a suppression that matches nothing."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from ropa.cli import check as check_command
from ropa.rules.catalogue import catalogue

REGISTER = """\
ropa: 1
organisation:
  name: Exemple SAS
activities:
  - id: newsletter
    name: Newsletter
    purposes:
      - description: Envoyer la newsletter
  - id: accounts
    name: Comptes
    purposes:
      - description: Gérer les comptes
    suppress:
      - rule: ROPA201
        reason: basis under review with counsel
      - rule: ROPA101
        reason: not about this activity
"""
KEEP = {"ROPA101": "warning", "ROPA201": "error", "ROPA005": "info", "ROPA006": "warning"}
AS_OF = "2026-11-26"

ROPA101_MESSAGE = ("the organisation has no `email`: Art. 30(1)(a) requires the controller's name "
                   "and contact details")
ROPA201_FIX = ("add `legal_basis:` (consent, contract, legal_obligation, vital_interests, public_task "
               "or legitimate_interests)")

EXPECTED_TEXT = f"""\
acme.yaml
  acme.yaml:3:3: warning ROPA101 controller-identity-missing [$.organisation]
    {ROPA101_MESSAGE}
    Fix: add `email` under `organisation`
  acme.yaml:8:9: error ROPA201 legal-basis-missing [$.activities[0].purposes[0]]
    the purpose 'Envoyer la newsletter' of 'newsletter' has no legal basis
    Fix: {ROPA201_FIX}
  acme.yaml:16:9: info ROPA005 unused-suppression [$.activities[1].suppress[1]]
    the suppression of ROPA101 matches no finding (ROPA101 reports nothing here)
    Fix: remove this suppress entry
"""
SUMMARY = "acme.yaml: 1 error, 1 warning, 1 info; 1 suppressed (as of 2026-11-26)\n"


def config_text(keep: dict[str, str], extra: str = "") -> str:
    """A ropa.toml that turns off every rule but those in ``keep``."""
    lines = [extra, "[rules]"] + [f'{e.id} = "{keep.get(e.id, "off")}"' for e in catalogue()]
    return "\n".join(lines) + "\n"


def app() -> typer.Typer:
    """A throwaway app holding ``check``, as the lead's app holds it."""
    application = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @application.callback()
    def _root() -> None:
        """ropa"""

    check_command.install(application)
    return application


def run(*args: str) -> Result:
    return CliRunner().invoke(app(), ["check", *args])


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "acme.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / "ropa.toml").write_text(config_text(KEEP), encoding="utf-8")
    return tmp_path / "acme.yaml"


def test_text_report_on_stdout_and_summary_on_stderr(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF)
    assert (result.exit_code, result.stdout, result.stderr) == (1, EXPECTED_TEXT, SUMMARY)


def test_show_suppressed_adds_the_suppressed_finding_with_its_reason(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--show-suppressed")
    assert result.exit_code == 1
    assert ("  acme.yaml:12:9: error (suppressed) ROPA201 legal-basis-missing [$.activities[1].purposes[0]]\n"
            "    the purpose 'Gérer les comptes' of 'accounts' has no legal basis\n"
            f"    Fix: {ROPA201_FIX}\n"
            "    Suppressed: basis under review with counsel\n") in result.stdout


def test_quiet_prints_the_report_only(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (1, EXPECTED_TEXT, "")


def test_json_format(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert document["summary"] == {"error": 1, "warning": 1, "info": 1, "suppressed": 1, "total": 4}
    assert [(f["rule"], f["severity"], f["subject"], f["line"], f["suppressed"])
            for f in document["findings"]] == [
        ("ROPA101", "warning", "organisation", 3, None),
        ("ROPA201", "error", "activity:newsletter", 8, None),
        ("ROPA201", "error", "activity:accounts", 12, "basis under review with counsel"),
        ("ROPA005", "info", "activity:accounts", 16, None),
    ]
    assert (document["source"], document["as_of"], document["failed"]) == ("acme.yaml", AS_OF, True)


def test_sarif_format(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "sarif")
    run_ = json.loads(result.stdout)["runs"][0]
    assert result.exit_code == 1
    assert [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r.get("suppressions")) for r in run_["results"]] == [
        ("ROPA101", "warning", 3, None),
        ("ROPA201", "error", 8, None),
        ("ROPA201", "error", 12, [{"kind": "inSource", "justification": "basis under review with counsel"}]),
        ("ROPA005", "note", 16, None),
    ]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]} == {
        "acme.yaml"}
    rules = run_["tool"]["driver"]["rules"]
    assert rules[run_["results"][0]["ruleIndex"]]["defaultConfiguration"] == {"level": "warning"}


def test_junit_format(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "junit")
    root = ET.fromstring(result.stdout.encode("utf-8"))
    cases = {(c.get("classname"), c.get("name")): [child.tag for child in c] for c in root.iter("testcase")}
    assert result.exit_code == 1
    assert cases == {
        ("ROPA101", "organisation"): ["failure"],
        ("ROPA201", "activity:newsletter"): ["failure"],
        ("ROPA201", "activity:accounts"): ["skipped"],
        ("ROPA005", "activity:accounts"): ["system-out"],
        ("ROPA006", "register"): [],
    }
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("5", "2", "1")


def test_github_format(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        ("::warning file=acme.yaml,line=3,col=3,title=ROPA101 controller-identity-missing::"
         f"{ROPA101_MESSAGE}%0AFix: add `email` under `organisation`"),
        ("::error file=acme.yaml,line=8,col=9,title=ROPA201 legal-basis-missing::the purpose 'Envoyer la "
         f"newsletter' of 'newsletter' has no legal basis%0AFix: {ROPA201_FIX}"),
        ("::notice file=acme.yaml,line=16,col=9,title=ROPA005 unused-suppression::the suppression of "
         "ROPA101 matches no finding (ROPA101 reports nothing here)%0AFix: remove this suppress entry"),
    ]


def test_markdown_format(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "markdown")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert lines[:5] == [
        "## ropa check: acme.yaml", "",
        "**1 error, 1 warning, 1 info**; 1 suppressed. As of 2026-11-26, the check fails at `--fail-on error`.",
        "", "### `acme.yaml`",
    ]
    assert [line.split(" | ")[:2] for line in lines[8:]] == [["| 3", "warning"], ["| 8", "error"],
                                                             ["| 16", "info"]]


def test_text_is_coloured_on_a_terminal_only(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, color_system="standard", soft_wrap=True)
    monkeypatch.setattr(check_command, "out", lambda: terminal)
    assert run("acme.yaml", "--as-of", AS_OF).exit_code == 1
    coloured = screen.getvalue()
    assert "\x1b[1;31merror\x1b[0m" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == EXPECTED_TEXT


def test_a_database_source_is_checked_and_its_password_never_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa.loading import load
    from ropa.store import import_register

    monkeypatch.chdir(tmp_path)
    (tmp_path / "acme.yaml").write_text(REGISTER, encoding="utf-8")
    import_register(load(tmp_path / "acme.yaml").register, "sqlite:///ropa.db")
    result = run("sqlite:///ropa.db", "--as-of", AS_OF, "--format", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert document["source"] == "sqlite:///ropa.db"
    assert ("ROPA201", "activity:newsletter") in {(f["rule"], f["subject"]) for f in document["findings"]}
    assert ("ROPA201", "activity:accounts", "basis under review with counsel") in {
        (f["rule"], f["subject"], f["suppressed"]) for f in document["findings"]}


@pytest.mark.parametrize("example", ["persiance", "cabinet-medical.yaml", "nuage-b2b"])
def test_the_example_registers_give_valid_sarif(example: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.unit.reporters.test_sarif import assert_valid_sarif

    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    result = run(f"registers/{example}", "--as-of", AS_OF, "--format", "sarif")
    assert result.exit_code in (0, 1), result.stderr
    log = json.loads(result.stdout)
    assert_valid_sarif(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert all(uri.startswith(f"registers/{example}") for uri in uris)


# --- exit codes and --fail-on -------------------------------------------------------

def _without_errors(folder: Path, ropa101: str = "warning", extra: str = "") -> None:
    (folder / "acme.yaml").write_text(
        REGISTER.replace("- description: Envoyer la newsletter",
                         "- description: Envoyer la newsletter\n        legal_basis: consent"),
        encoding="utf-8")
    (folder / "ropa.toml").write_text(config_text({**KEEP, "ROPA101": ropa101}, extra), encoding="utf-8")


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on_with_a_warning_and_an_info(register: Path, fail_on: str, code: int) -> None:
    _without_errors(register.parent)
    assert run("acme.yaml", "--as-of", AS_OF, "--fail-on", fail_on).exit_code == code


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 0), ("info", 1)])
def test_fail_on_with_info_only(register: Path, fail_on: str, code: int) -> None:
    _without_errors(register.parent, ropa101="info")
    assert run("acme.yaml", "--as-of", AS_OF, "--fail-on", fail_on).exit_code == code


def test_fail_on_comes_from_the_config_unless_given(register: Path) -> None:
    _without_errors(register.parent, extra='fail_on = "warning"')
    assert run("acme.yaml", "--as-of", AS_OF).exit_code == 1
    assert run("acme.yaml", "--as-of", AS_OF, "--fail-on", "error").exit_code == 0


def test_suppressed_findings_never_fail_the_check(register: Path) -> None:
    (register.parent / "ropa.toml").write_text(config_text({"ROPA201": "error"}), encoding="utf-8")
    register.write_text(REGISTER.replace("  - id: newsletter\n    name: Newsletter\n    purposes:\n"
                                         "      - description: Envoyer la newsletter\n", ""), encoding="utf-8")
    result = run("acme.yaml", "--as-of", AS_OF, "--fail-on", "info")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == "acme.yaml: 0 errors, 0 warnings, 0 info; 1 suppressed (as of 2026-11-26)\n"


# --- registers that do not load are findings, not failures to run ---------------------

BROKEN = {
    "ROPA001": ("ropa: 1\norganisation:\n\tname: x\n", 3, "YAML syntax error: a tab character in the indentation"),
    "ROPA002": ("ropa: 1\nactivities:\n  - id: a\n    name: A\n    legal_bassis: consent\n", 5,
                "unknown key 'legal_bassis'"),
    "ROPA003": (("ropa: 1\nactivities:\n  - id: a\n    name: A\n    recipients:\n"
                 "      - type: processor\n        processor: strip\n"), None, None),
    "ROPA004": ("ropa: 1\nactivities:\n  - id: a\n    name: A\n  - id: a\n    name: B\n", None, None),
}


@pytest.mark.parametrize("rule", sorted(BROKEN))
@pytest.mark.parametrize("format", ["text", "json", "sarif", "junit", "github", "markdown"])
def test_a_register_that_does_not_load_is_reported_in_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rule: str, format: str
) -> None:
    monkeypatch.chdir(tmp_path)
    text, line, message = BROKEN[rule]
    (tmp_path / "broken.yaml").write_text(text, encoding="utf-8")
    result = run("broken.yaml", "--as-of", AS_OF, "--format", format, "--output", "report.out")
    assert result.exit_code == 1, result.stderr
    report = (tmp_path / "report.out").read_text(encoding="utf-8")
    assert rule in report
    if format == "json":
        problems = [f for f in json.loads(report)["findings"] if f["rule"] == rule]
        assert problems and all(f["severity"] == "error" and f["file"] == "broken.yaml" for f in problems)
        if line is not None:
            assert (problems[0]["line"], problems[0]["message"]) == (line, message)
    if format == "sarif":
        results = [r for r in json.loads(report)["runs"][0]["results"] if r["ruleId"] == rule]
        assert results and results[0]["level"] == "error"
    if format == "junit":
        failures = [c for c in ET.fromstring(report.encode("utf-8")).iter("testcase")
                    if c.get("classname") == rule and c.find("failure") is not None]
        assert failures


# --- options and failures to run ------------------------------------------------------

def test_output_writes_the_file_and_nothing_to_stdout(register: Path) -> None:
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "sarif", "--output", "out/ropa.sarif")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == SUMMARY + "Wrote the sarif report to out/ropa.sarif\n"
    assert json.loads((register.parent / "out" / "ropa.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_a_failing_write_leaves_the_previous_report(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    previous = register.parent / "ropa.sarif"
    previous.write_text("previous report\n", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ropa.util.atomic.os.replace", refuse)
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "sarif", "--output", "ropa.sarif")
    assert result.exit_code == 2
    assert result.stderr == "Error: cannot write ropa.sarif: No space left on device\n"
    assert previous.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in register.parent.iterdir()) == ["acme.yaml", "ropa.sarif", "ropa.toml"]


def test_the_text_output_is_the_same_in_a_file(register: Path) -> None:
    assert run("acme.yaml", "--as-of", AS_OF, "-o", "report.txt").exit_code == 1
    assert (register.parent / "report.txt").read_text(encoding="utf-8") == EXPECTED_TEXT


@pytest.mark.parametrize("value", ["26/11/2026", "2026-13-01", "2026-1-5", "tomorrow"])
def test_a_bad_as_of_date_is_exit_2(register: Path, value: str) -> None:
    result = run("acme.yaml", "--as-of", value)
    assert result.exit_code == 2
    assert result.stderr == f"Error: --as-of must be a date as YYYY-MM-DD (such as 2026-11-26), not {value!r}\n"
    assert result.stdout == ""


def test_the_as_of_date_decides_an_expiry(register: Path) -> None:
    register.write_text(REGISTER.replace("reason: basis under review with counsel",
                                         "reason: basis under review with counsel\n        until: 2026-06-30"),
                        encoding="utf-8")
    before = json.loads(run("acme.yaml", "--as-of", "2026-06-30", "--format", "json").stdout)
    after = json.loads(run("acme.yaml", "--as-of", "2026-07-01", "--format", "json").stdout)
    assert "ROPA006" not in {f["rule"] for f in before["findings"]}
    assert [f["subject"] for f in after["findings"] if f["rule"] == "ROPA006"] == ["activity:accounts"]


def test_an_unreadable_source_is_exit_2(register: Path) -> None:
    result = run("missing.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: no such file or folder: missing.yaml\n"


def test_a_bad_config_is_exit_2(register: Path) -> None:
    (register.parent / "ropa.toml").write_text('[rules]\nROPA999 = "off"\n', encoding="utf-8")
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "sarif")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: ropa.toml: [rules] names 'ROPA999', which is not a rule "
                             "(see `ropa rules`)\n")


def test_config_option_replaces_the_config_beside_the_register(register: Path) -> None:
    (register.parent / "strict.toml").write_text(config_text({"ROPA101": "error"}), encoding="utf-8")
    result = run("acme.yaml", "--as-of", AS_OF, "--config", "strict.toml", "--format", "json")
    assert [(f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"]] == [
        ("ROPA101", "error")]
    missing = run("acme.yaml", "--config", "nowhere.toml")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Error: cannot read nowhere.toml")


def test_docs_url_from_the_config_reaches_sarif(register: Path) -> None:
    (register.parent / "ropa.toml").write_text(
        config_text(KEEP, 'docs_url = "https://intra.example/rules.html"'), encoding="utf-8")
    result = run("acme.yaml", "--as-of", AS_OF, "--format", "sarif")
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert rules[0]["helpUri"] == "https://intra.example/rules.html#ropa001-yaml-syntax"


def test_an_unknown_format_is_exit_2(register: Path) -> None:
    assert run("acme.yaml", "--format", "pdf").exit_code == 2


def test_a_register_folder_is_checked_with_paths_inside_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "reg"
    (folder / "activities").mkdir(parents=True)
    (folder / "register.yaml").write_text("ropa: 1\norganisation:\n  name: Exemple SAS\n"
                                          "  email: dpo@exemple.fr\n", encoding="utf-8")
    (folder / "activities" / "newsletter.yaml").write_text(
        "ropa: 1\nid: newsletter\nname: Newsletter\npurposes:\n  - description: Envoyer\n", encoding="utf-8")
    (folder / "ropa.toml").write_text(config_text({"ROPA201": "error"}), encoding="utf-8")
    result = run("reg", "--as-of", AS_OF, "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=reg/activities/newsletter.yaml,line=5,col=5,"
                                    "title=ROPA201 legal-basis-missing::")


# --- the command as users run it -------------------------------------------------------

HEAVY = ("weasyprint", "openpyxl", "sqlmodel", "sqlalchemy", "alembic")


def test_check_on_a_file_imports_no_heavy_library(register: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ropa", "check", "acme.yaml", "--as-of", AS_OF],
        check=False, capture_output=True, text=True, cwd=register.parent,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")) if p)},
    )
    assert done.returncode == 1, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert {"ropa", "yaml"} <= imported  # the parse of -X importtime works
    assert "jsonschema" not in imported  # a valid register never needs the full validator
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))
    assert done.stdout == EXPECTED_TEXT


def test_a_file_name_that_is_not_utf8_is_shown_readably_everywhere(tmp_path: Path) -> None:
    """A register file named in Latin-1 (b"caf\\xe9.yaml"): every report and document is
    written, in valid UTF-8, with U+FFFD where the byte could not be read."""
    folder = tmp_path / "reg"
    (folder / "activities").mkdir(parents=True)
    (folder / "register.yaml").write_text("ropa: 1\norganisation:\n  name: Acme\n", encoding="utf-8")
    name = os.fsencode(folder / "activities") + b"/caf\xe9.yaml"
    try:
        with open(name, "wb") as file:
            file.write(b"ropa: 1\nid: cafe\nname: Caf\xc3\xa9\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    shown = "reg/activities/caf\ufffd.yaml"

    def ropa(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "ropa", *args], cwd=tmp_path, capture_output=True,
                              check=False, env={**os.environ, "CI": "1"})

    done = ropa("check", "reg", "--format", "json", "--as-of", AS_OF)
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout.decode("utf-8"))["findings"]
    assert ("ROPA104", shown) in {(f["rule"], f["file"]) for f in findings}
    done = ropa("check", "reg", "--format", "sarif", "-o", "report.sarif", "--as-of", AS_OF)
    assert done.returncode == 1, done.stderr
    sarif = json.loads((tmp_path / "report.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert "reg/activities/caf%EF%BF%BD.yaml" in uris
    done = ropa("export", "html", "reg", "-o", "register.html", "--as-of", AS_OF, "-q")
    assert done.returncode == 0, done.stderr
    assert "activities/caf\ufffd.yaml" in (tmp_path / "register.html").read_text(encoding="utf-8")


def test_a_register_folder_named_in_latin1_keeps_relative_paths(tmp_path: Path) -> None:
    """The folder itself is b"r\\xe9g": the report's source is valid UTF-8, GitHub's
    annotations name the file relative to the working folder, and the document's "where"
    column relative to the register."""
    folder = os.fsencode(tmp_path) + b"/r\xe9g"
    try:
        os.makedirs(folder + b"/activities")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    with open(folder + b"/register.yaml", "wb") as file:
        file.write(b"ropa: 1\norganisation:\n  name: Acme\n")
    with open(folder + b"/activities/cafe.yaml", "wb") as file:
        file.write(b"ropa: 1\nid: cafe\nname: Caf\xc3\xa9\n")

    def ropa(cwd: bytes, *args: str | bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "ropa", *args], cwd=cwd, capture_output=True,
                              check=False, env={**os.environ, "CI": "1"})

    done = ropa(os.fsencode(tmp_path), "check", b"r\xe9g", "--format", "json", "--as-of", AS_OF)
    assert json.loads(done.stdout.decode("utf-8"))["source"] == "r\ufffdg"
    done = ropa(folder, "check", folder, "--format", "github", "--as-of", AS_OF)
    assert b"::error file=activities/cafe.yaml,line=1,col=1,title=ROPA104 purpose-missing::" in done.stdout
    done = ropa(os.fsencode(tmp_path), "export", "html", b"r\xe9g", "-o", "register.html", "--as-of", AS_OF, "-q")
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "register.html").read_text(encoding="utf-8")
    assert "<td>activities/cafe.yaml:1</td>" in html
    assert "r\ufffdg/activities" not in html
