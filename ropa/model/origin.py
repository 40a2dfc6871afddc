"""Where a value came from: the file, the line and column, and the JSON path.

Every model object built from a file carries an :class:`Origin`, so that a rule or a
loader problem can point at the exact line a user must change.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import chain


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A point in a source: 1-based line and column, and the JSON path of the value."""

    file: str
    line: int = 0
    column: int = 0
    path: str = "$"

    def __post_init__(self) -> None:
        # A file name that is not UTF-8 reaches Python with surrogate escapes, which no
        # report, document or terminal can encode: it is shown with U+FFFD where a byte
        # could not be read, as a terminal shows it.
        if not self.file.isascii():
            object.__setattr__(self, "file", printable(self.file))

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


def printable(text: str) -> str:
    """``text`` with the surrogate escapes of undecodable bytes (a file name that is not
    UTF-8) replaced by U+FFFD: text that every output can encode."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that escapes no byte
        return text.encode("utf-8", "replace").decode("utf-8")


def child_path(path: str, key: str | int) -> str:
    """The JSON path of ``key`` below ``path`` (``$.activities[0].name``)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{key!r}]"


_FIELDS = frozenset({"file", "path", "line", "column", "keys"})  # _packed stands for the last three


@dataclass(init=False, eq=False)
class Origin:
    """The position of one mapping or list in a file, and of the keys inside it.

    ``keys`` maps a key to ``(key_line, key_column, value_line, value_column)``.

    An origin read back from ropa's cache holds its positions packed (:meth:`packed`) and
    unpacks them the first time one is read: a check reads few of the origins it loads.
    """

    __slots__ = ("_packed", "column", "file", "keys", "line", "path")

    file: str
    path: str
    line: int
    column: int
    keys: dict[str, tuple[int, int, int, int]]

    def __init__(self, file: str, path: str, line: int, column: int,
                 keys: dict[str, tuple[int, int, int, int]] | None = None) -> None:
        self.file = file
        self.path = path
        self.line = line
        self.column = column
        self.keys = {} if keys is None else keys

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Origin):
            return NotImplemented
        return (self.file, self.path, self.line, self.column, self.keys) == (
            other.file, other.path, other.line, other.column, other.keys)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces

    def __getattr__(self, name: str) -> object:
        """Called for a field not set yet: an origin from the cache unpacks its positions."""
        if name not in _FIELDS:
            raise AttributeError(name)
        self._unpack()
        return object.__getattribute__(self, name)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        """Pickle's: ``(file, path, names, numbers)`` as ropa's cache writes an origin (its
        positions unpacked when first read), or the ``(None, slots)`` of a plain copy."""
        if state[0] is None:
            for name, value in state[1].items():  # type: ignore[attr-defined]
                setattr(self, name, value)
            return
        self.file, self.path = state[0], state[1]  # type: ignore[assignment]
        self._packed: tuple[tuple[str, ...], bytes] = state[2:]  # type: ignore[assignment]

    def packed(self) -> tuple[tuple[str, ...], bytes]:
        """The line, column and key positions, packed: the keys' names, and the numbers as
        bytes (ropa's cache stores an origin as its file, its path and these)."""
        try:
            return self._packed
        except AttributeError:
            pass
        numbers = [self.line, self.column, *chain.from_iterable(self.keys.values())]
        code = "H" if min(numbers) >= 0 and max(numbers) < 65536 else "q"
        return tuple(self.keys), code.encode() + array(code, numbers).tobytes()

    def _unpack(self) -> None:
        try:
            names, data = object.__getattribute__(self, "_packed")
        except AttributeError:
            raise AttributeError("an origin without positions") from None
        numbers = array(chr(data[0]), data[1:])
        if len(numbers) != 2 + 4 * len(names):
            raise ValueError("damaged origin")
        self.line, self.column = numbers[0], numbers[1]
        self.keys = {name: (numbers[i], numbers[i + 1], numbers[i + 2], numbers[i + 3])
                     for name, i in zip(names, range(2, len(numbers), 4), strict=True)}
        del self._packed

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
