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
from typing import Any

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


class Stamp:
    """The register's identity as a document prints it. The canonical source is written
    when first asked for (seconds for a large register): the chunked PDF asks only for
    its cover, laid out last, and writes it meanwhile."""

    __slots__ = ("_digest", "_register", "_source", "git")

    def __init__(self, register: Register | None = None, git: GitVersion | None = None, *,
                 source: bytes | None = None) -> None:
        if (register is None) == (source is None):
            raise ValueError("a stamp is made from a register or from its canonical source")
        self._register = register
        self._source = source
        self._digest = sha256_hex(source) if source is not None else ""
        self.git = git

    @property
    def source(self) -> bytes:
        """The canonical YAML."""
        if self._source is None:
            assert self._register is not None
            self._source = canonical_source(self._register)
            self._digest = sha256_hex(self._source)
            self._register = None
        return self._source

    @property
    def digest(self) -> str:
        """SHA-256 of :attr:`source`, hex."""
        self.source  # noqa: B018 - written on first use
        return self._digest

    @property
    def source_name(self) -> str:
        return CANONICAL_NAME

    def __reduce__(self) -> tuple[Any, ...]:
        # Another process gets the source, not the register to write it again.
        return (_from_source, (self.source, self.git))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Stamp) and (self.source, self.git) == (other.source, other.git)

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"Stamp(digest={self.digest!r}, git={self.git!r})"


def _from_source(source: bytes, git: GitVersion | None) -> Stamp:
    return Stamp(source=source, git=git)


def canonical_source(register: Register) -> bytes:
    """The register as one canonical YAML file (UTF-8 bytes)."""
    from ropa.writer import register_to_data, to_yaml

    return to_yaml(register_to_data(register)).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stamp_register(register: Register, files: list[str] | None = None) -> Stamp:
    """The stamp of ``register``; ``files`` (the paths it was read from) give its git
    version when they lie in a git work tree. The canonical source is written on first
    use of :attr:`Stamp.source` or :attr:`Stamp.digest`: the register must not change
    until then."""
    return Stamp(register, git_version(files or []))


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
