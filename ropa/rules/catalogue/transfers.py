"""Rules of this family are being written."""

from __future__ import annotations

from ropa.rules.base import Rule

RULES: tuple[type[Rule], ...] = ()
