"""The import report: what each sheet was read as, and every value that could not be
mapped to the register (sheet, cell, value, why, and where it was kept instead)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Entry:
    sheet: str
    cell: str
    value: str
    why: str
    kept: str = ""  # where the value is kept in the register ("notes of activity paie"...)

    def line(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        value = f" {_short(self.value)!r}" if self.value else ""
        kept = f" (kept in {self.kept})" if self.kept else ""
        return f"{where}:{value} {self.why}{kept}"


@dataclass(slots=True)
class ImportReport:
    source: str
    kind: str = "cnil"  # "cnil": a filled CNIL model; "ropa": a workbook ropa exported
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (sheet, read as)
    entries: list[Entry] = field(default_factory=list)
    activities: int = 0

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def markdown(self) -> str:
        lines = [f"# Import report: {_cell(self.source)}", ""]
        what = ("a workbook exported by ropa (its embedded register was imported)" if self.kind == "ropa"
                else "a filled copy of the CNIL register model")
        lines += [f"Read as {what}: {self.activities} activit{'y' if self.activities == 1 else 'ies'}.", ""]
        lines += ["## Sheets", "", "| Sheet | Read as |", "|---|---|"]
        lines += [f"| {_cell(name)} | {_cell(read_as)} |" for name, read_as in self.sheets]
        lines += ["", "## Values not mapped", ""]
        if not self.entries:
            lines.append("Every value was mapped.")
        else:
            lines += ["| Sheet | Cell | Value | Why | Kept in |", "|---|---|---|---|---|"]
            lines += [f"| {_cell(e.sheet)} | {e.cell} | {_cell(_short(e.value, 200))} | {_cell(e.why)} | "
                      f"{_cell(e.kept)} |" for e in self.entries]
        lines += ["", "## Next", "",
                  ("Run `ropa validate` then `ropa check` on the imported register: the CNIL model does not "
                  "ask for legal bases, Art. 9 conditions, processors' contracts, transfer mechanisms' "
                  "details or DPIA status, and `ropa check` lists each one with its fix."), ""]
        return "\n".join(lines)


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")
