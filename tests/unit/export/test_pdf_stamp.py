"""The register's version on the cover: the git commit of the work tree holding its files,
marked when they differ from it; nothing outside a work tree."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ropa.export.digest import git_version, stamp_register
from ropa.export.html import document_context
from ropa.export.view import build_view
from ropa.loading import load
from tests.gold.support import AS_OF

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

REGISTER = "ropa: 1\norganisation: {name: Acme}\nactivities:\n  - {id: orders, name: Orders}\n"


def git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
    done = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "acme.yaml").write_text(REGISTER, encoding="utf-8")
    git(tmp_path, "add", "acme.yaml")
    git(tmp_path, "commit", "-q", "-m", "register")
    return tmp_path


def version_text(path: Path) -> str:
    result = load(path)
    view = build_view(result.register, [], language="fr", as_of=AS_OF)
    return document_context(view, stamp_register(result.register, result.files), "html").version_text()


def test_a_committed_register_shows_its_commit(repository: Path) -> None:
    head = git(repository, "rev-parse", "HEAD")
    found = git_version([str(repository / "acme.yaml")])
    assert found is not None and (found.commit, found.modified) == (head, False)
    assert version_text(repository / "acme.yaml") == f"commit git {head[:12]}"


def test_uncommitted_changes_are_stated(repository: Path) -> None:
    (repository / "acme.yaml").write_text(REGISTER.replace("Acme", "Acme SAS"), encoding="utf-8")
    head = git(repository, "rev-parse", "HEAD")
    assert version_text(repository / "acme.yaml") == f"commit git {head[:12]} (avec des modifications non validées)"


def test_a_file_never_committed_counts_as_a_change(repository: Path) -> None:
    (repository / "other.yaml").write_text(REGISTER, encoding="utf-8")
    found = git_version([str(repository / "other.yaml")])
    assert found is not None and found.modified


def test_outside_a_work_tree_there_is_no_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    (tmp_path / "acme.yaml").write_text(REGISTER, encoding="utf-8")
    assert git_version([str(tmp_path / "acme.yaml")]) is None
    assert version_text(tmp_path / "acme.yaml") == "hors dépôt git"
