"""The CI integrations users copy: the pre-commit hooks, the composite GitHub Action and the
GitLab snippet of docs/ci.md. Each command line is run as CI would run it, with `ropa` on
the PATH, against a small register."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from ropa.rules.catalogue import catalogue

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
ACTION = ROOT / "action.yml"
CI_DOC = ROOT / "docs" / "ci.md"

REGISTER = """\
ropa: 1
organisation:
  name: Exemple SAS
activities:
  - id: newsletter
    name: Newsletter
    purposes:
      - description: Envoyer la newsletter
"""
AS_OF = "2026-11-26"
_EXPRESSION = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


@pytest.fixture
def ci(tmp_path: Path) -> dict[str, str]:
    """An environment with `ropa` on the PATH, as after `pip install ropa`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "ropa"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ropa "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    python_path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": python_path}


@pytest.fixture
def register(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "acme.yaml").write_text(REGISTER, encoding="utf-8")
    return folder / "acme.yaml"


def bash(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], check=False, capture_output=True, text=True, env=env, cwd=cwd)


# --- pre-commit ------------------------------------------------------------------------

def hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}


def test_the_hook_file_declares_validate_and_check() -> None:
    found = hooks()
    assert sorted(found) == ["ropa-check", "ropa-validate"]
    assert found["ropa-validate"]["entry"] == "ropa validate"
    assert found["ropa-check"]["entry"] == "ropa check"
    for hook in found.values():
        assert (hook["language"], hook["pass_filenames"], hook["require_serial"]) == ("python", False, True)
        assert hook["name"] and hook["description"]
        assert "args" not in hook  # the user names the register


@pytest.mark.parametrize(("path", "validate", "check"), [
    ("registers/acme.yaml", True, True),
    ("registers/acme/activities/newsletter.yml", True, True),
    ("registers/acme/ropa.toml", False, True),
    ("README.md", False, False),
    ("pyproject.toml", False, False),
])
def test_the_hooks_run_on_register_files(path: str, validate: bool, check: bool) -> None:
    found = hooks()
    assert bool(re.search(found["ropa-validate"]["files"], path)) is validate
    assert bool(re.search(found["ropa-check"]["files"], path)) is check


@pytest.mark.parametrize(("hook_id", "options", "code", "expected"), [
    ("ropa-validate", [], 0, "acme.yaml: valid"),
    ("ropa-check", ["--as-of", AS_OF], 1, "ROPA201 legal-basis-missing"),
])
def test_each_hook_entry_runs_with_the_register_as_its_argument(
    ci: dict[str, str], register: Path, hook_id: str, options: list[str], code: int, expected: str
) -> None:
    command = hooks()[hook_id]["entry"].split() + [register.name, *options]
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=ci, cwd=register.parent)
    assert done.returncode == code, done.stderr
    assert expected in done.stdout + done.stderr


# --- the composite GitHub Action -------------------------------------------------------

def action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))


def step(name_or_id: str) -> dict[str, Any]:
    steps = action()["runs"]["steps"]
    return next(s for s in steps if s.get("id") == name_or_id or s.get("name") == name_or_id)


def substitute(value: str, inputs: dict[str, str], outputs: dict[str, str]) -> str:
    """Evaluate the `${{ … }}` expressions the way the runner would for these inputs."""
    defaults = {key: str(spec.get("default", "")) for key, spec in action()["inputs"].items()}

    def evaluate(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression.startswith("inputs."):
            key = expression.removeprefix("inputs.")
            return inputs.get(key, defaults[key])
        if expression.startswith("steps.check.outputs."):
            return outputs[expression.removeprefix("steps.check.outputs.")]
        if expression == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"unexpected expression {expression}")

    return _EXPRESSION.sub(evaluate, value)


def run_step(name: str, inputs: dict[str, str], env: dict[str, str], cwd: Path,
             outputs: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    spec = step(name)
    assert spec["shell"] == "bash"
    step_env = {key: substitute(str(value), inputs, outputs or {}) for key, value in spec.get("env", {}).items()}
    assert "${{" not in spec["run"]  # inputs reach the shell through env, never spliced into the script
    return bash(spec["run"], {**env, **step_env}, cwd)


def outputs_of(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if line)


def test_the_action_declares_its_inputs_and_steps() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert spec["inputs"]["register"]["required"] is True
    assert {k: v.get("default") for k, v in spec["inputs"].items() if k != "register"} == {
        "version": "", "fail-on": "error", "as-of": "", "sarif-file": "ropa.sarif", "upload": "true",
        "python-version": "3.12"}
    assert spec["outputs"]["exit-code"]["value"] == "${{ steps.check.outputs.exit-code }}"
    upload = step("Upload the findings to code scanning")
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    install = step("Install ropa")
    assert install["env"] == {"ROPA_SPEC": "${{ inputs.version }}", "ROPA_ACTION_PATH": "${{ github.action_path }}"}
    assert "pip install" in install["run"]
    assert [s.get("name") for s in spec["runs"]["steps"]] == [
        "Set up Python", "Install ropa", "Check the register", "Upload the findings to code scanning",
        "Fail when the check failed"]


def test_the_action_check_writes_sarif_keeps_the_exit_code_and_then_fails(
    ci: dict[str, str], register: Path, tmp_path: Path
) -> None:
    github_output, summary = tmp_path / "output", tmp_path / "summary.md"
    env = {**ci, "GITHUB_OUTPUT": str(github_output), "GITHUB_STEP_SUMMARY": str(summary)}
    inputs = {"register": register.name, "as-of": AS_OF}
    done = run_step("check", inputs, env, register.parent)
    assert done.returncode == 0, done.stderr  # the check step keeps going so the upload can run
    outputs = outputs_of(github_output)
    assert outputs == {"exit-code": "1"}
    log = json.loads((register.parent / "ropa.sarif").read_text(encoding="utf-8"))
    results = [r for r in log["runs"][0]["results"] if r["ruleId"] == "ROPA201"]
    assert [(r["level"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("error", "acme.yaml")]
    assert summary.read_text(encoding="utf-8").startswith("## ropa check: acme.yaml\n")
    failed = run_step("Fail when the check failed", inputs, env, register.parent, outputs)
    assert failed.returncode == 1
    assert failed.stdout.startswith("::error title=ropa check::the register has findings at or above error")


def test_the_action_passes_a_register_below_fail_on(ci: dict[str, str], register: Path, tmp_path: Path) -> None:
    levels = [f'{e.id} = "{"info" if e.id == "ROPA201" else "off"}"' for e in catalogue()]
    (register.parent / "ropa.toml").write_text("[rules]\n" + "\n".join(levels) + "\n", encoding="utf-8")
    github_output = tmp_path / "output"
    env = {**ci, "GITHUB_OUTPUT": str(github_output)}
    inputs = {"register": register.name, "as-of": AS_OF, "sarif-file": "out/findings.sarif"}
    done = run_step("check", inputs, env, register.parent)
    assert done.returncode == 0, done.stderr
    assert outputs_of(github_output) == {"exit-code": "0"}
    assert json.loads((register.parent / "out" / "findings.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_the_action_stops_when_ropa_cannot_run(ci: dict[str, str], register: Path, tmp_path: Path) -> None:
    github_output = tmp_path / "output"
    env = {**ci, "GITHUB_OUTPUT": str(github_output)}
    done = run_step("check", {"register": "missing.yaml"}, env, register.parent)
    assert done.returncode == 2
    assert outputs_of(github_output) == {"exit-code": "2"}
    assert "Error: no such file or folder: missing.yaml" in done.stderr
    assert not (register.parent / "ropa.sarif").exists()


def test_a_register_name_with_shell_characters_is_passed_as_data(
    ci: dict[str, str], register: Path, tmp_path: Path
) -> None:
    odd = register.parent / "a b;$(touch pwned).yaml"
    odd.write_text(REGISTER, encoding="utf-8")
    env = {**ci, "GITHUB_OUTPUT": str(tmp_path / "output")}
    done = run_step("check", {"register": odd.name, "as-of": AS_OF}, env, register.parent)
    assert done.returncode == 0, done.stderr
    assert outputs_of(tmp_path / "output") == {"exit-code": "1"}
    assert not (register.parent / "pwned").exists()


# --- docs/ci.md ------------------------------------------------------------------------

def yaml_blocks() -> list[Any]:
    text = CI_DOC.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def test_docs_show_the_three_integrations() -> None:
    text = CI_DOC.read_text(encoding="utf-8")
    assert "## GitHub Actions" in text and "## pre-commit" in text and "## GitLab CI" in text
    blocks = yaml_blocks()
    workflow = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
    uses = next(s for s in workflow["jobs"]["ropa"]["steps"] if "with" in s and "register" in s["with"])
    assert set(uses["with"]) <= set(action()["inputs"])
    assert workflow["permissions"]["security-events"] == "write"
    precommit = next(b for b in blocks if isinstance(b, dict) and "repos" in b)
    assert {h["id"] for h in precommit["repos"][0]["hooks"]} == set(hooks())


def test_the_gitlab_snippet_runs_and_writes_the_junit_report_it_declares(
    ci: dict[str, str], register: Path
) -> None:
    job = next(b["ropa"] for b in yaml_blocks() if isinstance(b, dict) and "ropa" in b and "script" in b["ropa"])
    assert job["artifacts"]["when"] == "always"
    report = job["artifacts"]["reports"]["junit"]
    command = next(line for line in job["script"] if line.startswith("ropa check"))
    assert shlex.split(command)[-2:] == ["--output", report]
    env = {**ci, **job["variables"], "ROPA_REGISTER": register.name}
    done = bash(command, env, register.parent)
    assert done.returncode == 1, done.stderr
    root = ET.fromstring((register.parent / report).read_bytes())
    failures = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert [(c.get("classname"), c.get("name")) for c in failures if c.get("classname") == "ROPA201"] == [
        ("ROPA201", "activity:newsletter")]
