"""From a loaded register to the view documents render: run the rules as of the export
date (so the Conformité sheet and the findings annex say what `ropa check` says), then
build the view in the requested language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ropa.export.view import RegisterView, build_view, document_language
from ropa.loading import LoadResult
from ropa.rules.config import Config, find_config, load_config


def config_for(result: LoadResult, config_path: Path | None = None) -> Config:
    """The ropa.toml that applies to this register (explicit path, else beside it)."""
    from ropa.rules.catalogue import all_ids

    path = config_path or find_config(Path(result.label) if result.layout != "database" else None)
    return load_config(path, set(all_ids())) if path else Config()


def prepare_view(result: LoadResult, *, language: str | None, as_of: date,
                 config_path: Path | None = None) -> RegisterView:
    """The view of a loaded register with its findings as of ``as_of``. Raises
    ropa.rules.config.ConfigError when the configuration cannot be used."""
    from ropa.rules.engine import run_rules

    config = config_for(result, config_path)
    checked = run_rules(result.register, as_of=as_of, config=config, load_problems=result.problems,
                        label=result.label)
    root = result.label if result.layout == "folder" else ""
    if result.layout == "file" and "/" in result.label:
        root = result.label.rsplit("/", 1)[0]
    return build_view(result.register, checked.findings,
                      language=document_language(result.register, language), as_of=as_of, root=root)
