"""The floors: the least work a command could do with the same data, each a small script
run as its own process by ``benchmarks.run``.

    python -m benchmarks.floors yaml DIR        # libyaml's C loader over every file, GC paused
    python -m benchmarks.floors db SCRATCH_URL OUT.db   # Core bulk insert of the same rows
    python -m benchmarks.floors xlsx BOOK.xlsx OUT.xlsx # write-only openpyxl, same cells

Each prints one JSON object on standard output: ``{"seconds": ...}``, the time of the
measured part alone, taken in-process with time.perf_counter. For ``yaml`` the runner
uses the wall time of the whole process (interpreter start included, as for ``ropa
check``); for ``db`` and ``xlsx`` it uses ``seconds`` (the write alone: reading the rows
or cells back is preparation, not part of the floor).

Only the standard library and the one library each floor measures are imported, and only
inside the function that needs it, so that the ``yaml`` floor starts as fast as Python can.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def register_files(root: Path) -> list[Path]:
    """register.yaml, then activities/*.yaml and processors/*.yaml, as ropa reads them."""
    files = [root / "register.yaml"]
    for folder in ("activities", "processors"):
        directory = root / folder
        if directory.is_dir():
            files += sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml"))
    return files


def yaml_floor(root: Path) -> float:
    """Parse every file of the register with yaml.CSafeLoader, the garbage collector paused
    during the parse (reading the bytes included)."""
    import gc

    import yaml

    started = time.perf_counter()
    gc.disable()
    try:
        documents = [yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) for path in register_files(root)]
    finally:
        gc.enable()
    elapsed = time.perf_counter() - started
    if not documents:
        raise SystemExit(f"no YAML file in {root}")
    return elapsed


def read_tables(url: str) -> tuple[Any, dict[str, list[dict[str, Any]]]]:
    """The schema (reflected) and every row of a database ropa imported into."""
    from sqlalchemy import MetaData, create_engine

    engine = create_engine(url)
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        rows = {table.name: [dict(row._mapping) for row in connection.execute(table.select())]
                for table in metadata.sorted_tables}
    engine.dispose()
    return metadata, rows


def db_floor(scratch_url: str, target: Path) -> float:
    """SQLAlchemy Core's bulk insert of the rows of ``scratch_url`` into a fresh SQLite
    database ``target`` with the same schema; only the inserts and the commit are timed."""
    from sqlalchemy import create_engine

    metadata, rows = read_tables(scratch_url)
    target.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{target}")
    metadata.create_all(engine)
    started = time.perf_counter()
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            batch = rows[table.name]
            if batch:
                connection.execute(table.insert(), batch)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def read_cells(book: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Each sheet's title and the values of its cells, row by row."""
    from openpyxl import load_workbook

    workbook = load_workbook(book, read_only=True, data_only=True)
    sheets = [(sheet.title, [tuple(row) for row in sheet.iter_rows(values_only=True)])
              for sheet in workbook.worksheets]
    workbook.close()
    return sheets


def xlsx_floor(book: Path, target: Path) -> float:
    """openpyxl's write-only mode writing exactly the cell values of ``book``; the write
    and the save are timed, not the read."""
    from openpyxl import Workbook

    sheets = read_cells(book)
    started = time.perf_counter()
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(target)
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "yaml":
        seconds = yaml_floor(Path(argv[1]))
    elif len(argv) == 3 and argv[0] == "db":
        seconds = db_floor(argv[1], Path(argv[2]))
    elif len(argv) == 3 and argv[0] == "xlsx":
        seconds = xlsx_floor(Path(argv[1]), Path(argv[2]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps({"seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
