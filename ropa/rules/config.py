"""``ropa.toml``: a team's choices about the rules.

```toml
fail_on = "error"            # error | warning | info
review_interval = "P12M"     # overrides settings.review_interval of the register
dpia_stale_after = "P3Y"

[rules]
ROPA408 = "error"            # raise: every non-EEA transfer must have SCCs
ROPA504 = "off"              # turn a rule off
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ropa.model.duration import parse_duration
from ropa.rules.finding import Severity

CONFIG_NAME = "ropa.toml"
_LEVELS = {"error", "warning", "info", "off"}
_KEYS = {"fail_on", "review_interval", "dpia_stale_after", "rules", "docs_url"}


class ConfigError(Exception):
    """The configuration file cannot be used (exit code 2). The message names the file."""


@dataclass(slots=True)
class Config:
    severities: dict[str, Severity | None] = field(default_factory=dict)  # None = off
    fail_on: Severity | None = None
    review_interval: str | None = None
    dpia_stale_after: str | None = None
    docs_url: str | None = None
    path: Path | None = None


def find_config(source: Path | None) -> Path | None:
    """``ropa.toml`` beside the register: in a register folder, or beside a register file."""
    if source is None:
        return None
    folder = source if source.is_dir() else source.parent
    candidate = folder / CONFIG_NAME
    return candidate if candidate.is_file() else None


def _duration(value: object, key: str, path: Path) -> str:
    if not isinstance(value, str) or parse_duration(value) is None:
        raise ConfigError(f"{path}: {key} must be an ISO 8601 duration such as \"P12M\", not {value!r}")
    return value


def load_config(path: Path, known_rules: set[str]) -> Config:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}; known: {', '.join(sorted(_KEYS))}")
    config = Config(path=path)
    if "fail_on" in data:
        value = data["fail_on"]
        if value not in ("error", "warning", "info"):
            raise ConfigError(f"{path}: fail_on must be \"error\", \"warning\" or \"info\", not {value!r}")
        config.fail_on = Severity(value)
    if "review_interval" in data:
        config.review_interval = _duration(data["review_interval"], "review_interval", path)
    if "dpia_stale_after" in data:
        config.dpia_stale_after = _duration(data["dpia_stale_after"], "dpia_stale_after", path)
    if "docs_url" in data:
        config.docs_url = str(data["docs_url"])
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"{path}: [rules] must be a table of RULE_ID = \"error|warning|info|off\"")
    for rule_id, level in rules.items():
        if rule_id not in known_rules:
            raise ConfigError(f"{path}: [rules] names {rule_id!r}, which is not a rule (see `ropa rules`)")
        if level not in _LEVELS:
            raise ConfigError(f"{path}: [rules] {rule_id} must be one of error, warning, info, off; not {level!r}")
        config.severities[rule_id] = None if level == "off" else Severity(level)
    return config
