"""``ropa export pdf|html|notice`` through the command line: files written atomically,
the summary on stderr, a progress bar only for a person, exit codes 0 and 2."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from pypdf import PdfReader
from rich.console import Console
from typer.testing import CliRunner, Result

from ropa.cli.export_docs import add_commands
from tests.gold.support import ROOT

SMALL = """\
ropa: 1
organisation:
  name: Acme « Œuvre & Cœur »
  dpo: null
activities:
  - id: orders
    name: Commandes à 10 €
    purposes:
      - description: Exécution des commandes
        legal_basis: contract
"""


def _app() -> typer.Typer:
    app = typer.Typer()
    export_app = typer.Typer()
    add_commands(export_app)
    app.add_typer(export_app, name="export")

    @app.callback()
    def _root() -> None:
        """ropa."""

    return app


def run(*args: str) -> Result:
    return CliRunner().invoke(_app(), ["export", *args])


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CI", raising=False)
    (tmp_path / "acme.yaml").write_text(SMALL, encoding="utf-8")
    return "acme.yaml"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_ropa_export_lists_the_document_commands() -> None:
    done = subprocess.run([sys.executable, "-m", "ropa", "export", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    for command in ("pdf", "html", "notice"):
        assert re.search(rf"^\W*{command}\s", done.stdout, re.MULTILINE), command


def test_pdf_is_written_with_a_summary(small: str, tmp_path: Path) -> None:
    result = run("pdf", small, "-o", "reports/register.pdf", "--as-of", "2026-11-26")
    assert (result.exit_code, result.stdout) == (0, "")
    assert re.fullmatch(r"Wrote reports/register\.pdf \(\d+ pages; \d+ errors?, \d+ warnings?\)\.\n", result.stderr)
    text = pdf_text(tmp_path / "reports" / "register.pdf")
    assert "Registre des activités de traitement Acme « Œuvre & Cœur »" in text
    assert "Fiche orders — Commandes à 10 €" in text
    assert "Aucun DPO désigné" in text


def test_the_default_outputs_go_to_reports(small: str, tmp_path: Path) -> None:
    assert run("pdf", small, "-q").exit_code == 0
    assert run("html", small, "--out", "reports/twin.html", "-q").exit_code == 0
    assert (tmp_path / "reports" / "register.pdf").read_bytes().startswith(b"%PDF-1.7")
    assert (tmp_path / "reports" / "twin.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_archival_pdf_and_english(small: str, tmp_path: Path) -> None:
    result = run("pdf", small, "-o", "register.pdf", "--archival", "--lang", "en", "--as-of", "2026-11-26", "-q")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    reader = PdfReader(tmp_path / "register.pdf")
    assert list(reader.attachments) == ["register.yaml"]
    assert "Record of processing activities" in pdf_text(tmp_path / "register.pdf")


def test_the_findings_speak_the_documents_language(small: str, tmp_path: Path) -> None:
    assert run("pdf", small, "-o", "fr.pdf", "--as-of", "2026-11-26", "-q").exit_code == 0
    assert run("pdf", small, "-o", "en.pdf", "--lang", "en", "--as-of", "2026-11-26", "-q").exit_code == 0
    french, english = pdf_text(tmp_path / "fr.pdf"), pdf_text(tmp_path / "en.pdf")
    assert "l'activité 'orders' n'a pas de catégorie de personnes concernées" in french
    assert "Correction : ajouter `data_subjects:`" in french
    assert "has no category of data subjects" not in french
    assert "the activity 'orders' has no category of data subjects: Art. 30(1)(c) requires them" in english
    assert "n'a pas de catégorie" not in english


def test_html_is_one_self_contained_file(small: str, tmp_path: Path) -> None:
    result = run("html", small, "-o", "register.html", "--as-of", "2026-11-26")
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(r"Wrote register\.html \(1 activity; \d+ errors?, \d+ warnings?\)\.\n", result.stderr)
    html = (tmp_path / "register.html").read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert "<style>" in html and " src=" not in html and "<link" not in html


def test_notice_goes_to_stdout_or_to_a_file_in_the_suffixs_format(small: str, tmp_path: Path) -> None:
    result = run("notice", small, "--as-of", "2026-11-26")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Informations sur le traitement de vos données\n")
    assert "| Exécution des commandes | Non renseigné dans le registre | Exécution d'un contrat |" in result.stdout
    assert run("notice", small, "-o", "notice.html", "-q").exit_code == 0
    assert (tmp_path / "notice.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run("notice", small, "-o", "notice.htm", "--format", "markdown", "-q").exit_code == 0
    assert (tmp_path / "notice.htm").read_text(encoding="utf-8").startswith("# Informations")
    assert run("notice", small, "-o", "notice.md", "--lang", "en", "-q").exit_code == 0
    assert (tmp_path / "notice.md").read_text(encoding="utf-8").startswith("# How your personal data are processed")


@pytest.mark.parametrize(("args", "message"), [
    (["pdf", "missing.yaml", "-o", "x.pdf"], "Error: "),
    (["pdf", "acme.yaml", "-o", "x.pdf", "--as-of", "26/11/2026"], "Error: --as-of must be a date as YYYY-MM-DD"),
    (["html", "acme.yaml", "-o", "acme.yaml/x.html"], "Error: cannot write acme.yaml/x.html: "),
])
def test_what_stops_an_export_exits_2(small: str, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_a_failed_render_keeps_the_old_file(small: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.document import Document

    old = tmp_path / "register.pdf"
    old.write_bytes(b"%PDF-1.7 the previous register\n")

    def explode(self: object, *args: object, **kwargs: object) -> bytes:
        raise OSError("No space left on device")

    monkeypatch.setattr(Document, "write_pdf", explode)
    result = run("pdf", small, "-o", "register.pdf")
    assert result.exit_code == 2
    assert result.stderr == "Error: WeasyPrint could not render the PDF: No space left on device\n"
    assert old.read_bytes() == b"%PDF-1.7 the previous register\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.yaml", "register.pdf"]


def test_a_failed_write_keeps_the_old_file(small: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    old = tmp_path / "register.html"
    old.write_text("previous", encoding="utf-8")

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("html", small, "-o", "register.html")
    assert result.exit_code == 2
    assert result.stderr == "Error: cannot write register.html: No space left on device\n"
    assert old.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.yaml", "register.html"]


@pytest.mark.parametrize(("ci", "quiet", "shown"), [(None, False, True), ("true", False, False),
                                                    (None, True, False)])
def test_progress_only_on_a_terminal_outside_ci_without_quiet(small: str, monkeypatch: pytest.MonkeyPatch,
                                                              ci: str | None, quiet: bool, shown: bool) -> None:
    from ropa.cli import export_docs, progress

    terminal = io.StringIO()
    console = Console(file=terminal, force_terminal=True, width=100)
    monkeypatch.setattr(export_docs, "err", lambda: console)
    monkeypatch.setattr(progress, "err", lambda: console)
    if ci is not None:
        monkeypatch.setenv("CI", ci)
    args = ["pdf", small, "-o", "register.pdf", *(["--quiet"] if quiet else [])]
    assert run(*args).exit_code == 0
    assert ("Rendering the PDF" in terminal.getvalue()) == shown
    assert ("Wrote register.pdf" in terminal.getvalue()) == (not quiet)
