"""``ropa show``: the summary a person reads, for each kind of source."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ropa.cli.app import _register_commands, app

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> tuple[int, str, str]:
    _register_commands()
    result = CliRunner().invoke(app, list(args), terminal_width=200)
    return result.exit_code, result.stdout, result.stderr


def test_show_persiance_summarises_controller_activities_and_processors() -> None:
    code, out, err = _run("show", str(ROOT / "registers" / "persiance"))
    assert code == 0, err
    assert "Controller: PERSIANCE" in out
    assert "Contact: contact@persiance.com   Rights: contact@persiance.com" in out
    assert ("Establishments: FR   Authority: Commission nationale de l'informatique et des "
            "libertés (CNIL)   DPO: none designated") in out
    assert "Activities (6)" in out
    assert "Facturation: legal_obligation" in out
    assert "Processors (3)" in out
    assert "Stripe Payments Europe, Ltd." in out
    assert "Security measures: 6" in out
    assert err == ""


def test_show_names_a_designated_dpo_and_the_processor_register(tmp_path: Path) -> None:
    register = tmp_path / "acme.yaml"
    register.write_text(
        "ropa: 1\norganisation: {name: Acme, dpo: {name: Jeanne Martin, email: dpo@acme.fr}}\n"
        "processing_on_behalf:\n  - id: client-x\n    controller: {name: Client X}\n",
        encoding="utf-8",
    )
    code, out, _ = _run("show", str(register))
    assert code == 0
    assert "DPO: Jeanne Martin, dpo@acme.fr" in out
    assert "Processing on behalf of clients (Art. 30(2)): 1" in out


def test_show_reports_problems_and_exits_1(tmp_path: Path) -> None:
    register = tmp_path / "acme.yaml"
    register.write_text("ropa: 1\norganisation: {nmae: Acme}\n", encoding="utf-8")
    code, _, err = _run("show", str(register))
    assert code == 1
    assert f"1 problem(s): run `ropa validate {register}` to see them" in err


def test_show_of_a_missing_path_is_exit_2(tmp_path: Path) -> None:
    code, _, err = _run("show", str(tmp_path / "nowhere"))
    assert code == 2
    assert err.startswith("Error: no such file or folder")
