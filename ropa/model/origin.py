"""Where a value came from: the file, the line and column, and the JSON path.

Every model object built from a file carries an :class:`Origin`, so that a rule or a
loader problem can point at the exact line a user must change.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A point in a source: 1-based line and column, and the JSON path of the value."""

    file: str
    line: int = 0
    column: int = 0
    path: str = "$"

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


def child_path(path: str, key: str | int) -> str:
    """The JSON path of ``key`` below ``path`` (``$.activities[0].name``)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{key!r}]"


@dataclass(slots=True)
class Origin:
    """The position of one mapping or list in a file, and of the keys inside it.

    ``keys`` maps a key to ``(key_line, key_column, value_line, value_column)``.
    """

    file: str
    path: str
    line: int
    column: int
    keys: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column, self.path)

    def at(self, key: str | int, *, on_key: bool = False) -> Location:
        """The location of ``key``'s value (or of the key itself), or of this node
        when the key is absent."""
        pos = self.keys.get(str(key)) if isinstance(key, str) else None
        if pos is None:
            return Location(self.file, self.line, self.column, child_path(self.path, key))
        line, col = (pos[0], pos[1]) if on_key else (pos[2], pos[3])
        return Location(self.file, line, col, child_path(self.path, key))

    def at_item(self, key: str, index: int) -> Location:
        """The location of item ``index`` of the list under ``key``."""
        path = child_path(child_path(self.path, key), index)
        pos = self.keys.get(f"{key}[{index}]") or self.keys.get(key)
        if pos is None:
            return Location(self.file, self.line, self.column, path)
        return Location(self.file, pos[2], pos[3], path)
