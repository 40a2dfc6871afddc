"""The incremental check gives exactly the findings of a whole check.

Every rule's examples are split into a register folder (one activity per file) and checked
again after each activity file alone is touched: that is what makes a rule local (see
``ropa.rules.base.Rule``), and a rule that wrongly read another activity would differ here.
Then edits a user makes, each followed by the comparison with a check without any cache.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ropa.loading import load
from ropa.rules.config import Config
from ropa.rules.engine import run_rules
from ropa.rules.finding import Finding, Severity
from ropa.rules.incremental import Incremental
from ropa.writer import write_register
from tests.unit.rules.harness import EXAMPLES, example_as_of

REPO = Path(__file__).resolve().parents[3]
AS_OF = date(2026, 11, 26)


def plain(folder: Path, as_of: date = AS_OF, config: Config | None = None) -> list[Finding]:
    """The findings of a check that reads every file, without ropa's cache."""
    result = load(folder)
    return run_rules(result.register, as_of=as_of, config=config, load_problems=result.problems,
                     label=str(folder)).findings


def incremental(folder: Path, cache: Path, as_of: date = AS_OF,
                config: Config | None = None) -> tuple[list[Finding], bool]:
    """The findings of the incremental check, and whether it had to check the whole register."""
    run = Incremental(folder, cache, as_of=as_of, config=config or Config(), label=str(folder))
    findings = run.run().findings
    return findings, run.whole


def touch(path: Path) -> None:
    """A new version of the file with the same content (a comment added at its end)."""
    path.write_text(path.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*/*.yaml"))


@pytest.mark.parametrize("example", examples(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_rule_finds_the_same_when_one_activity_file_is_checked_again(example: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reg"
    register = load(example).register
    write_register(register, folder)
    activity_files = sorted((folder / "activities").glob("*.yaml"))
    assert len(activity_files) == len(register.activities)  # one file per activity
    as_of = example_as_of(example)
    expected = plain(folder, as_of)
    cache = tmp_path / "cache"
    assert incremental(folder, cache, as_of) == (expected, True)
    assert incremental(folder, cache, as_of) == (expected, False)
    for path in activity_files:
        touch(path)
        assert incremental(folder, cache, as_of) == (expected, False), path.name


@pytest.fixture
def persiance(tmp_path: Path) -> Path:
    folder = tmp_path / "reg"
    shutil.copytree(REPO / "registers" / "persiance", folder, ignore=shutil.ignore_patterns(".ropa-cache"))
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rules_of(findings: list[Finding]) -> set[tuple[str, str | None]]:
    return {(f.rule, f.subject) for f in findings}


def test_a_processor_left_unused_by_an_edited_activity_is_reported(persiance: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before, whole = incremental(persiance, cache)
    assert whole and ("ROPA504", "processor:auth0") not in rules_of(before)
    edit(persiance / "activities" / "account-management.yaml", "processor: auth0", "processor: google-cloud")
    after, whole = incremental(persiance, cache)
    assert not whole
    assert after == plain(persiance)
    assert ("ROPA504", "processor:auth0") in rules_of(after)


def test_a_dpo_case_made_in_one_activity_is_reported_for_the_organisation(persiance: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    incremental(persiance, cache)
    edit(persiance / "activities" / "security.yaml", "status: active\n",
         "status: active\ndpia:\n  criteria: [large_scale, systematic_monitoring]\n")
    after, whole = incremental(persiance, cache)
    assert not whole
    assert after == plain(persiance)
    [dpo] = [f for f in after if f.rule == "ROPA103"]
    assert "systematic monitoring on a large scale in 'security'" in dpo.message


def test_new_deleted_and_broken_activity_files(persiance: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    incremental(persiance, cache)
    activities = persiance / "activities"
    copy = activities / "zz-copy.yaml"
    copy.write_text((activities / "orders.yaml").read_text(encoding="utf-8").replace("id: orders", "id: orders-b2b"),
                    encoding="utf-8")
    (activities / "prospecting.yaml").unlink()
    assert incremental(persiance, cache) == (plain(persiance), False)
    copy.write_text("id: [unclosed\n", encoding="utf-8")
    found, whole = incremental(persiance, cache)
    assert (found, whole) == (plain(persiance), False)
    assert any(f.rule == "ROPA001" and f.location.file.endswith("zz-copy.yaml") for f in found)
    copy.unlink()
    assert incremental(persiance, cache) == (plain(persiance), False)


def test_an_id_used_twice_is_reported_by_a_whole_check(persiance: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    incremental(persiance, cache)
    edit(persiance / "activities" / "prospecting.yaml", "id: prospecting", "id: orders")
    found, whole = incremental(persiance, cache)
    assert whole
    assert found == plain(persiance)
    assert ("ROPA004", "activity:orders") in rules_of(found)


@pytest.mark.parametrize("change", ["processor", "register", "as_of", "config"])
def test_a_change_outside_activities_checks_the_whole_register(persiance: Path, tmp_path: Path, change: str) -> None:
    cache = tmp_path / "cache"
    incremental(persiance, cache)
    as_of, config = AS_OF, Config()
    if change == "processor":
        edit(persiance / "processors" / "stripe.yaml", "name: ", "name: Paiements ")
    elif change == "register":
        edit(persiance / "register.yaml", "name: ", "name: La société ")
    elif change == "as_of":
        as_of = date(2030, 1, 1)
    else:
        config = Config(severities={"ROPA504": Severity.ERROR, "ROPA108": None})
    found, whole = incremental(persiance, cache, as_of, config)
    assert whole
    assert found == plain(persiance, as_of, config)
    # and the next check, with the same settings, is incremental again
    touch(persiance / "activities" / "orders.yaml")
    assert incremental(persiance, cache, as_of, config) == (found, False)


def test_suppressions_in_an_unchanged_file_still_apply(persiance: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, _ = incremental(persiance, cache)
    target = next(f for f in first if f.subject == "activity:security" and f.suppressed is None)
    with (persiance / "activities" / "security.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"suppress:\n  - rule: {target.rule}\n    reason: accepted by the team\n")
    assert incremental(persiance, cache) == (plain(persiance), False)
    touch(persiance / "activities" / "orders.yaml")
    found, whole = incremental(persiance, cache)
    assert not whole
    assert found == plain(persiance)
    assert replace(target, suppressed="accepted by the team") in found


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage"])
def test_a_damaged_memory_is_ignored(persiance: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    expected, _ = incremental(persiance, cache)
    [memory] = cache.glob("*.check")
    data = memory.read_bytes()
    if damage == "truncated":
        memory.write_bytes(data[: len(data) // 2])
    elif damage == "flipped":
        memory.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
    else:
        memory.write_bytes(b"not a memory")
    assert incremental(persiance, cache) == (expected, True)
    assert incremental(persiance, cache) == (expected, False)


@pytest.mark.parametrize("shape", ["index", "ids", "owners", "rows", "results"])
def test_a_memory_of_the_wrong_shape_is_not_trusted(persiance: Path, tmp_path: Path, shape: str) -> None:
    """A memory that passes the checksum but holds values of other shapes (written by
    something other than ropa) gives the same findings, not a failure."""
    from ropa.loading.cache import code_stamp, read_stamped, write_stamped
    from ropa.rules.incremental import _FOLDERS

    cache = tmp_path / "cache"
    _expected, _ = incremental(persiance, cache)
    [path] = cache.glob("*.check")
    stamp = code_stamp("check", _FOLDERS)
    memory = read_stamped(path, stamp)
    if shape == "index":
        memory.index = {name: (1, 2) for name in memory.index}
    elif shape == "results":
        memory.results = b"not a pickle"
    else:
        position = {"ids": 0, "rows": 1, "owners": 2}[shape]
        bad = {"ids": 5, "rows": (("x",),), "owners": (("activity:orders", "not entries"),)}[shape]
        memory.batches = {key: tuple(bad if i == position else v for i, v in enumerate(batch))
                          for key, batch in memory.batches.items()}
    write_stamped(path, memory, stamp)
    touch(persiance / "activities" / "orders.yaml")
    found, whole = incremental(persiance, cache)
    assert found == plain(persiance)
    assert whole == (shape != "index")  # statuses it cannot read: each file is hashed again


def test_a_file_name_that_is_not_utf8(persiance: Path, tmp_path: Path) -> None:
    activities = bytes(persiance / "activities")
    odd = Path((activities + b"/caf\xe9.yaml").decode("utf-8", "surrogateescape"))
    text = (persiance / "activities" / "orders.yaml").read_text(encoding="utf-8")
    odd.write_text(text.replace("id: orders", "id: cafe"), encoding="utf-8")
    cache = tmp_path / "cache"
    assert incremental(persiance, cache) == (plain(persiance), True)
    touch(odd)
    assert incremental(persiance, cache) == (plain(persiance), False)
