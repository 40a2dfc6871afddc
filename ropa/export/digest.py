"""What identifies the register a document was made from: its canonical source, the
SHA-256 digest of that source, and its version in git.

The canonical source is the register as one YAML file, written by ``ropa.writer`` in the
format's key order without unknown values: the same register gives the same bytes whether
it was read from one file, a folder or a database. The digest on a document's cover is
the SHA-256 of exactly those bytes, which the archival PDF carries as an attachment.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ropa.model.register import Register

CANONICAL_NAME = "register.yaml"
GIT_TIMEOUT_SECONDS = 10


@dataclass(frozen=True, slots=True)
class GitVersion:
    commit: str  # the full SHA-1 (or SHA-256) of HEAD
    modified: bool  # some of the register's files differ from HEAD

    @property
    def short(self) -> str:
        return self.commit[:12]


@dataclass(frozen=True, slots=True)
class Stamp:
    """The register's identity as a document prints it."""

    source: bytes  # the canonical YAML
    digest: str  # SHA-256 of ``source``, hex
    git: GitVersion | None

    @property
    def source_name(self) -> str:
        return CANONICAL_NAME


def canonical_source(register: Register) -> bytes:
    """The register as one canonical YAML file (UTF-8 bytes)."""
    from ropa.writer import register_to_data, to_yaml

    return to_yaml(register_to_data(register)).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stamp_register(register: Register, files: list[str] | None = None) -> Stamp:
    """The stamp of ``register``; ``files`` (the paths it was read from) give its git
    version when they lie in a git work tree."""
    source = canonical_source(register)
    return Stamp(source=source, digest=sha256_hex(source), git=git_version(files or []))


def _git(args: list[str], cwd: Path) -> str | None:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
            timeout=GIT_TIMEOUT_SECONDS, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def git_version(files: list[str]) -> GitVersion | None:
    """The commit of the git work tree holding ``files`` (paths of the register's
    files), and whether any of them has uncommitted changes or is not committed at all.
    None when they are not in a git work tree, or git is not installed."""
    paths = [Path(f).resolve() for f in files]
    if not paths:
        return None
    top = _git(["rev-parse", "--show-toplevel"], paths[0].parent)
    if top is None:
        return None
    root = Path(top.strip())
    head = _git(["rev-parse", "--verify", "-q", "HEAD"], root)
    if head is None:
        return None
    status = _git(["status", "--porcelain", "--untracked-files=all", "--", *map(str, paths)], root)
    return GitVersion(commit=head.strip(), modified=bool(status and status.strip()))
