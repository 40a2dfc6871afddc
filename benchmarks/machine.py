"""A note of the machine and software a benchmark ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

LIBRARIES = ("PyYAML", "jsonschema", "typer", "rich", "SQLAlchemy", "sqlmodel", "alembic", "openpyxl",
             "weasyprint")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "unknown"


def library_versions() -> str:
    parts = []
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if name == "PyYAML":
            import yaml

            version += " (libyaml)" if getattr(yaml, "__with_libyaml__", False) else " (no libyaml)"
        parts.append(f"{name} {version}")
    return ", ".join(parts)


def git_revision(repo: Path) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True,
                              text=True, check=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=repo,
                               capture_output=True, text=True, check=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return head + (" with uncommitted changes" if dirty else "")


def describe(repo: Path) -> list[str]:
    """Lines for the report: CPU, cores, memory, OS, Python, libraries, ropa revision."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"CPU: {cpu_model()}, {os.cpu_count()} cores ({usable} usable), {memory_gib()} memory",
        f"OS: {platform.system()} {platform.release()}",
        f"Python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        f"Libraries: {library_versions()}",
        f"ropa: {metadata.version('ropa')} at git {git_revision(repo)}",
    ]
