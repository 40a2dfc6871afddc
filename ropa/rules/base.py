"""What a rule is: an id, a kebab-case name, a default severity, the article it enforces,
a one-line summary, and its documentation in its docstring under fixed headings
(What it checks / Why it matters / Example / Fix / References)."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, TypeVar

from ropa.model.origin import Location, Origin
from ropa.model.register import Activity, ProcessingOnBehalf, Processor, Register
from ropa.rules.finding import Finding, Severity

T = TypeVar("T")

HEADINGS = ("What it checks", "Why it matters", "Example", "Fix", "References")

Summarise = Callable[["Context", Activity], Any]
# An activity an incremental check did not load: its id and its summaries, by name
Summarised = tuple[str, Mapping[str, Any]]


@dataclass(slots=True)
class Context:
    """What a rule may read: the register, the date it is judged at, and the settings."""

    register: Register
    as_of: date
    label: str = "register"
    review_interval: str = "P12M"
    dpia_stale_after: str = "P3Y"
    options: dict[str, Any] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    # Set by an incremental check: every activity of the register in order, either loaded
    # (and in ``register``) or only summarised, for the rules that look across activities.
    outline: Sequence[Activity | Summarised] | None = None

    def shared(self, name: str, compute: Callable[[], T]) -> T:
        """A value derived from the register that several rules need, computed once per run
        (a context is one run: the register does not change while it lasts)."""
        if name not in self.memo:
            self.memo[name] = compute()
        value: T = self.memo[name]
        return value

    def activities(self) -> Iterator[Activity]:
        return iter(self.register.activities)

    def across(self, name: str, summarise: Summarise) -> list[tuple[str, Any]]:
        """(id, summary) of every activity of the register, in order: what a rule that looks
        across activities reads instead of the activities themselves, so that an incremental
        check can keep the summaries of the activities it did not load. ``name`` identifies
        ``summarise`` (one of :data:`RegisterRule.summaries`)."""

        def compute() -> list[tuple[str, Any]]:
            if self.outline is None:
                return [(a.id, summarise(self, a)) for a in self.register.activities]
            return [(item.id, summarise(self, item)) if isinstance(item, Activity) else (item[0], item[1][name])
                    for item in self.outline]

        return self.shared(f"across:{name}", compute)

    def processors(self) -> Iterator[Processor]:
        return iter(self.register.processors)

    def processing_on_behalf(self) -> Iterator[ProcessingOnBehalf]:
        return iter(self.register.processing_on_behalf)


def subject_of(item: object) -> str:
    """The subject a finding is about, which is also where a `suppress` entry may accept it."""
    if isinstance(item, Activity):
        return f"activity:{item.id}"
    if isinstance(item, Processor):
        return f"processor:{item.id}"
    if isinstance(item, ProcessingOnBehalf):
        return f"processing_on_behalf:{item.id}"
    return "organisation"


class Rule(ABC):
    """Base class of every rule. Subclasses set the class attributes and ``check``.

    A rule is local: what it finds about an activity depends on that activity and on the
    rest of the register outside activities/ (organisation, settings, measures, processors,
    processing on behalf), never on another activity; what it finds about anything else
    does not depend on the activities at all. An incremental check relies on it to keep
    each activity file's findings until that file or the rest changes (a test checks every
    rule on every example split into files). A rule that needs every activity is a
    :class:`RegisterRule`."""

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    article: ClassVar[str]
    summary: ClassVar[str]

    @abstractmethod
    def check(self, ctx: Context) -> Iterable[Finding]:
        """Yield the findings of this rule for the register in ``ctx``."""

    def finding(
        self,
        ctx: Context,
        *,
        message: str,
        about: object,
        at: Origin | None,
        key: str | int | None = None,
        fix: str,
        message_fr: str | None = None,
        fix_fr: str | None = None,
        on_key: bool = False,
    ) -> Finding:
        """A finding of this rule about ``about`` (an activity, a processor, a processing on
        behalf, or the organisation), located at ``key`` of the object whose origin is ``at``.
        ``message`` and ``fix`` are in English (the command line, CI reports); ``message_fr``
        and ``fix_fr`` say the same in French, for the documents in French."""
        return Finding(
            rule=self.id,
            name=self.name,
            severity=self.severity,
            message=message,
            location=locate(ctx, at, key, on_key=on_key),
            fix=fix,
            subject=subject_of(about),
            message_fr=message_fr,
            fix_fr=fix_fr,
        )

    @classmethod
    def documentation(cls) -> dict[str, str]:
        """The docstring's sections, by heading."""
        return parse_doc(cls.__doc__ or "")


class RegisterRule(Rule):
    """A rule whose findings depend on every activity: it reads them only through the
    summaries it names (:meth:`Context.across`), small values an incremental check keeps
    for each activity, and its findings are worked out again at every check."""

    summaries: ClassVar[Mapping[str, Summarise]]


def locate(ctx: Context, origin: Origin | None, key: str | int | None = None, *,
           on_key: bool = False) -> Location:
    """Where a finding points: the key's line when known, else the object, else the source."""
    if origin is None:
        return Location(ctx.label)
    if key is None:
        return origin.location
    return origin.at(key, on_key=on_key)


_HEADING = re.compile(rf"^({'|'.join(re.escape(h) for h in HEADINGS)}):?\s*$", re.MULTILINE)


def parse_doc(doc: str) -> dict[str, str]:
    import inspect

    text = inspect.cleandoc(doc)
    parts = _HEADING.split(text)
    sections: dict[str, str] = {}
    for index in range(1, len(parts) - 1, 2):
        sections[parts[index]] = parts[index + 1].strip()
    return sections


@dataclass(frozen=True, slots=True)
class LoaderRule:
    """A catalogue entry whose findings come from loading (ROPA001-004) or from the
    engine's handling of suppressions (ROPA005-006), not from a ``check`` method."""

    id: str
    name: str
    severity: Severity
    article: str
    summary: str
    doc: str

    def documentation(self) -> dict[str, str]:
        return parse_doc(self.doc)
