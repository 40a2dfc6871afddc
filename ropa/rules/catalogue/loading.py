"""ROPA001-ROPA006: problems found while reading the register (reported by the loader)
and while applying suppressions (reported by the engine)."""

from __future__ import annotations

from ropa.rules.base import LoaderRule
from ropa.rules.finding import Severity

YAML_SYNTAX = LoaderRule(
    "ROPA001", "yaml-syntax", Severity.ERROR, "Art. 30(3)", "a file does not parse (with file:line:col)",
    """
    What it checks
    Each register file is valid YAML in UTF-8, holds one document, uses no tags or recursive
    aliases, and does not expand into a huge document through aliases.

    Why it matters
    Art. 30(3) requires the record in writing, including electronic form: a file that cannot
    be read is no record. ropa never skips an unreadable file silently.

    Example
    An activity file indented with a tab: `YAML syntax error: found character that cannot
    start any token (a tab character in the indentation)`.

    Fix
    Correct the YAML at the line and column given (indent with spaces; quote values that
    contain ': '); save the file as UTF-8.

    References
    GDPR Art. 30(3); YAML 1.2 specification.
    """,
)

SCHEMA_VIOLATION = LoaderRule(
    "ROPA002", "schema-violation", Severity.ERROR, "Art. 30(1)",
    "a value breaks the schema: wrong type, unknown key (suggest the close one), bad enum",
    """
    What it checks
    Every value has the type and the form the register format requires: known keys only,
    values from the allowed lists, ISO dates, ISO 8601 durations, ISO country codes, ids as
    slugs, and the keys without which an item cannot exist (ids and names).

    Why it matters
    A misspelt key (`legal_bassis`) is data a reader, an auditor or a rule would never see.

    Example
    `'contrat' is not an allowed value for legal_basis` — did you mean 'contract'?

    Fix
    Follow the message's fix: correct the key or the value at the line given. `ropa schema`
    prints the schema; point your editor at it for completion.

    References
    ropa register format, version 1 (docs/register-format.md).
    """,
)

UNKNOWN_REFERENCE = LoaderRule(
    "ROPA003", "unknown-reference", Severity.ERROR, "Art. 30(1)(d), 30(1)(g)",
    "an id refers to nothing (processor, measure, sub-processor)",
    """
    What it checks
    Every id an activity, a processor or a processing on behalf refers to (security
    measures, processors, sub-processors) is described in the register.

    Why it matters
    A recipient or a measure that points nowhere leaves Art. 30(1)(d) and (g) unanswered.

    Example
    `recipients: [{type: processor, processor: strip}]` while the processor's id is `stripe`.

    Fix
    Correct the id, or describe the missing item.

    References
    GDPR Art. 30(1)(d), (g); Art. 28.
    """,
)

DUPLICATE_ID = LoaderRule(
    "ROPA004", "duplicate-id", Severity.ERROR, "Art. 30(1)",
    "two activities/processors/measures share an id (or YAML repeats a key)",
    """
    What it checks
    Ids are unique within their kind across the whole register, and no mapping repeats a
    key (YAML parsers would silently keep only one of the values).

    Why it matters
    References by id become ambiguous, and a repeated key hides data.

    Example
    Two files in activities/ both declare `id: newsletter`.

    Fix
    Rename one id (and the references to it), or remove the repeated key.

    References
    ropa register format, version 1.
    """,
)

UNUSED_SUPPRESSION = LoaderRule(
    "ROPA005", "unused-suppression", Severity.WARNING, "—",
    "a suppress entry matches no finding",
    """
    What it checks
    Every `suppress` entry accepts at least one finding of its rule on the item it stands on.

    Why it matters
    A stale suppression would silently accept a future finding the team never reviewed.

    Example
    `suppress: [{rule: ROPA303, reason: ...}]` on an activity whose retention is now within
    the CNIL reference.

    Fix
    Remove the entry.

    References
    ropa rule catalogue.
    """,
)

EXPIRED_SUPPRESSION = LoaderRule(
    "ROPA006", "expired-suppression", Severity.WARNING, "—",
    "a suppress entry is past its `until` date (the finding comes back)",
    """
    What it checks
    No `suppress` entry is past its `until` date at the as-of date.

    Why it matters
    An accepted risk was accepted for a time; past it, the team must decide again.

    Example
    `until: 2026-06-30` checked with `--as-of 2026-11-26`.

    Fix
    Fix the finding, or renew the suppression with a new reason and date.

    References
    ropa rule catalogue.
    """,
)

LOADER_RULES = (YAML_SYNTAX, SCHEMA_VIOLATION, UNKNOWN_REFERENCE, DUPLICATE_ID, UNUSED_SUPPRESSION,
                EXPIRED_SUPPRESSION)
