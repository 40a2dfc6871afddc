"""Fixtures of the loader's tests: the corpus of broken files, and small registers on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

BROKEN = Path(__file__).resolve().parent / "broken"

WriteFiles = Callable[[dict[str, str | bytes]], Path]


@pytest.fixture
def in_broken(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the corpus folder, so that problems name files as `case.yaml`."""
    monkeypatch.chdir(BROKEN)
    return BROKEN


@pytest.fixture
def write_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WriteFiles:
    """Write {relative path: text or bytes} under a fresh folder and run from its parent,
    so that problems name files as `reg/activities/a.yaml`. Returns the folder's path `reg`."""
    monkeypatch.chdir(tmp_path)

    def write(files: dict[str, str | bytes]) -> Path:
        root = Path("reg")
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return write
