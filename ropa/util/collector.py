"""Pausing Python's cyclic garbage collector around work on a large register."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a register is built or checked: the objects
    made are kept (or freed by reference counting), and each collection would scan the whole
    register again (it triples the time of loading 10,000 activities, and doubles the
    rules'). The collector is enabled again afterwards if it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
