"""The YAML writer: canonical data, exact YAML text, folder layout, atomic replacement,
and the round trip Register -> files -> Register through the loader."""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from ropa.model.enums import DataCategory, LegalBasis, Mechanism, Role
from ropa.model.register import (
    Activity,
    Address,
    Contact,
    Dpa,
    Organisation,
    PersonalData,
    Processor,
    Purpose,
    Register,
    Retention,
    SecurityMeasure,
    Settings,
    SubProcessorRef,
    Transfer,
)
from ropa.writer import (
    WriteError,
    item_file,
    processor_to_data,
    register_to_data,
    to_yaml,
    write_register,
)
from tests.strategies import registers


def small_register() -> Register:
    return Register(
        organisation=Organisation(name="Société Ünïcode", address="1 rue de l'Été, Paris",
                                  establishments=["FR", "NO"]),
        settings=Settings(review_interval="P13M"),
        security_measures=[SecurityMeasure(id="tls", description="Chiffrement TLS")],
        processors=[Processor(id="stripe", name="Stripe", country="IE", source="acme.yaml")],
        activities=[
            Activity(id="orders", name="Commandes", role=Role.CONTROLLER,
                     created=date(2025, 8, 17), source="activities/shared.yaml",
                     purposes=[Purpose(description="Vente", legal_basis=LegalBasis.CONTRACT)],
                     security_measures=["tls"]),
            Activity(id="invoices", name="Factures", source="activities/shared.yaml"),
            Activity(id="newsletter", name="Lettre", source=None),
            Activity(id="hr", name="RH", source="register.yaml"),
        ],
    )


# --- data --------------------------------------------------------------------------------

def test_register_data_starts_with_the_version_and_follows_the_format_order() -> None:
    data = register_to_data(small_register())

    assert list(data) == ["ropa", "organisation", "settings", "security_measures", "processors",
                          "activities"]
    assert data["ropa"] == 1
    assert data["organisation"] == {"name": "Société Ünïcode",
                                    "address": "1 rue de l'Été, Paris",
                                    "establishments": ["FR", "NO"]}
    assert data["activities"][0] == {
        "id": "orders", "name": "Commandes", "role": "controller", "created": date(2025, 8, 17),
        "purposes": [{"description": "Vente", "legal_basis": "contract"}],
        "security_measures": ["tls"],
    }
    assert list(data["activities"][0]) == ["id", "name", "role", "created", "purposes",
                                           "security_measures"]


def test_empty_organisation_and_settings_are_left_out() -> None:
    assert register_to_data(Register()) == {"ropa": 1}


def test_processor_data_writes_sub_processor_ids_bare_and_nested_objects_as_given() -> None:
    processor = Processor(
        id="stripe", name="Stripe",
        contact=Contact(email="dpo@stripe.com", address=Address(city="Dublin", country="IE")),
        dpa=Dpa(signed=date(2025, 1, 2)),
        sub_processors=[SubProcessorRef(id="aws"),
                        SubProcessorRef(name="Mailer Inc.", country="US")],
        transfers=[Transfer(country="US", mechanism=Mechanism.SCC)],
        locations=[],
    )

    assert processor_to_data(processor) == {
        "id": "stripe",
        "name": "Stripe",
        "contact": {"email": "dpo@stripe.com", "address": {"city": "Dublin", "country": "IE"}},
        "dpa": {"signed": date(2025, 1, 2)},
        "sub_processors": ["aws", {"name": "Mailer Inc.", "country": "US"}],
        "transfers": [{"country": "US", "mechanism": "scc"}],
    }


def test_an_empty_nested_object_is_kept_apart_from_an_absent_one() -> None:
    data = register_to_data(Register(activities=[Activity(
        id="a", name="A", personal_data=[PersonalData(category=DataCategory.OTHER,
                                                      retention=Retention())])]))
    assert data["activities"][0]["personal_data"] == [{"category": "other", "retention": {}}]


# --- YAML text ---------------------------------------------------------------------------

def test_yaml_quotes_what_yaml_would_misread_and_keeps_the_rest_plain() -> None:
    text = to_yaml({
        "ropa": 1,
        "values": ["NO", "yes", "0123", "0189", "1e3", "2025-01-01", "null", "", "plain text",
                   "l'été « ok »"],
        "day": date(2025, 8, 17),
        "flag": False,
    })

    assert text == (
        "ropa: 1\n"
        "values:\n"
        "  - 'NO'\n"
        "  - 'yes'\n"
        "  - '0123'\n"
        "  - '0189'\n"
        "  - '1e3'\n"
        "  - '2025-01-01'\n"
        "  - 'null'\n"
        "  - ''\n"
        "  - plain text\n"
        "  - l'été « ok »\n"
        "day: 2025-08-17\n"
        "flag: false\n"
    )


def test_yaml_writes_long_text_on_one_line_and_line_breaks_as_a_block() -> None:
    long = "mot " * 60
    text = to_yaml({"notes": long.strip(), "description": "first line\nsecond line"})

    assert text == (
        f"notes: {long.strip()}\n"
        "description: |-\n"
        "  first line\n"
        "  second line\n"
    )


def test_yaml_escapes_the_line_breaks_yaml_would_read_as_spaces() -> None:
    assert to_yaml({"notes": "a\x85b\u2028c"}) == 'notes: "a\\Nb\\Lc"\n'


# --- files and folders -------------------------------------------------------------------

def test_one_file_holds_everything(tmp_path: Path) -> None:
    out = tmp_path / "acme.yaml"

    assert write_register(small_register(), out) == [out]
    text = out.read_text(encoding="utf-8")
    assert text.startswith("ropa: 1\norganisation:\n  name: Société Ünïcode\n")
    assert "- id: hr\n" in text and "- id: stripe\n" in text


def test_item_file_uses_the_source_only_when_it_names_a_file_of_that_folder() -> None:
    assert item_file("activities/hr.yml", "activities", "x") == "activities/hr.yml"
    assert item_file("register.yaml", "activities", "x") == "register.yaml"
    assert item_file(None, "activities", "x") == "activities/x.yaml"
    assert item_file("acme.yaml", "activities", "x") == "activities/x.yaml"
    assert item_file("processors/x.yaml", "activities", "x") == "activities/x.yaml"
    assert item_file("activities/sub/x.yaml", "activities", "x") == "activities/x.yaml"
    assert item_file("activities/../x.yaml", "activities", "x") == "activities/x.yaml"


def test_folder_layout_follows_each_item_source(tmp_path: Path) -> None:
    out = tmp_path / "acme"

    written = write_register(small_register(), out)

    assert [p.relative_to(out).as_posix() for p in written] == [
        "register.yaml", "activities/newsletter.yaml", "activities/shared.yaml",
        "processors/stripe.yaml",
    ]
    root = (out / "register.yaml").read_text(encoding="utf-8")
    assert "activities:\n  - id: hr\n    name: RH\n" in root
    assert "processors" not in root
    assert (out / "activities/newsletter.yaml").read_text(encoding="utf-8") == (
        "ropa: 1\nid: newsletter\nname: Lettre\n"
    )
    shared = (out / "activities/shared.yaml").read_text(encoding="utf-8")
    assert shared.startswith("ropa: 1\nactivities:\n  - id: orders\n")
    assert "  - id: invoices\n    name: Factures\n" in shared


def test_rewriting_a_folder_drops_stale_item_files_and_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "acme"
    (out / "activities").mkdir(parents=True)
    (out / "register.yaml").write_text("ropa: 1\n", encoding="utf-8")
    (out / "activities" / "gone.yaml").write_text("ropa: 1\nid: gone\nname: x\n", encoding="utf-8")
    (out / "activities" / "README.txt").write_text("kept", encoding="utf-8")
    (out / "README.md").write_text("# Acme", encoding="utf-8")

    write_register(small_register(), out)

    assert not (out / "activities" / "gone.yaml").exists()
    assert (out / "activities" / "README.txt").read_text(encoding="utf-8") == "kept"
    assert (out / "README.md").read_text(encoding="utf-8") == "# Acme"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme"]


def test_a_non_empty_folder_that_is_not_a_register_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "photos"
    out.mkdir()
    (out / "holiday.jpg").write_bytes(b"\xff\xd8")

    with pytest.raises(WriteError) as caught:
        write_register(small_register(), out)

    assert str(caught.value) == (
        f"{out} is not empty and is not a ropa register (it has no register.yaml); "
        "write to a new or empty folder, or to a register folder"
    )
    assert [p.name for p in out.iterdir()] == ["holiday.jpg"]


def test_a_yaml_name_that_is_a_folder_and_a_folder_name_that_is_a_file_are_refused(
    tmp_path: Path,
) -> None:
    (tmp_path / "x.yaml").mkdir()
    (tmp_path / "plain").write_text("", encoding="utf-8")

    with pytest.raises(WriteError, match="x.yaml is a folder"):
        write_register(Register(), tmp_path / "x.yaml")
    with pytest.raises(WriteError, match="plain is a file"):
        write_register(Register(), tmp_path / "plain")


def test_the_editor_hint_of_a_rewritten_file_is_kept(tmp_path: Path) -> None:
    hint = "# yaml-language-server: $schema=../schema/register.schema.json"
    out = tmp_path / "acme.yaml"
    out.write_text(f"{hint}\nropa: 1\n", encoding="utf-8")

    write_register(Register(), out)
    write_register(Register(), tmp_path / "new.yaml")

    assert out.read_text(encoding="utf-8") == f"{hint}\nropa: 1\n"
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == "ropa: 1\n"


def test_a_folder_with_its_schemas_gets_hints_pointing_at_them(tmp_path: Path) -> None:
    out = tmp_path / "acme"
    (out / ".schema").mkdir(parents=True)
    for kind in ("register", "activity", "processor"):
        (out / ".schema" / f"{kind}.schema.json").write_text("{}", encoding="utf-8")
    (out / "register.yaml").write_text("ropa: 1\n", encoding="utf-8")

    write_register(small_register(), out)

    def first_line(name: str) -> str:
        return (out / name).read_text(encoding="utf-8").splitlines()[0]

    assert first_line("register.yaml") == (
        "# yaml-language-server: $schema=.schema/register.schema.json"
    )
    assert first_line("activities/newsletter.yaml") == (
        "# yaml-language-server: $schema=../.schema/activity.schema.json"
    )
    assert first_line("processors/stripe.yaml") == (
        "# yaml-language-server: $schema=../.schema/processor.schema.json"
    )
    assert (out / ".schema" / "activity.schema.json").read_text(encoding="utf-8") == "{}"


# --- atomicity ---------------------------------------------------------------------------

def test_a_failed_file_write_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "acme.yaml"
    out.write_text("ropa: 1\n# the old register\n", encoding="utf-8")

    def refuse(*_args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError) as caught:
        write_register(small_register(), out)

    assert str(caught.value) == f"cannot write {out}: No space left on device"
    assert out.read_text(encoding="utf-8") == "ropa: 1\n# the old register\n"
    assert [p.name for p in tmp_path.iterdir()] == ["acme.yaml"]


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("failing_step", ["writing", "swapping"])
def test_a_failed_folder_write_leaves_the_old_folder_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_step: str
) -> None:
    out = tmp_path / "acme"
    write_register(Register(activities=[Activity(id="old", name="Old")]), out)
    before = _snapshot(out)
    real_write, real_rename = Path.write_text, os.rename
    calls = {"write": 0}

    def failing_write(self: Path, *args: Any, **kwargs: Any) -> int:
        calls["write"] += 1
        if calls["write"] == 3:
            raise OSError(28, "No space left on device", str(self))
        return real_write(self, *args, **kwargs)

    def failing_rename(src: Any, dst: Any) -> None:
        if Path(dst) == out and ".new-" in Path(src).name:  # the new folder moving in
            raise OSError(13, "Permission denied", str(dst))
        real_rename(src, dst)

    if failing_step == "writing":
        monkeypatch.setattr(Path, "write_text", failing_write)
    else:
        monkeypatch.setattr(os, "rename", failing_rename)
    with pytest.raises(WriteError):
        write_register(small_register(), out)

    assert _snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["acme"]


# --- round trip through the loader -------------------------------------------------------

def _load() -> Any:
    try:
        from ropa.loading import load
    except ImportError as exc:  # the loader lands separately
        pytest.skip(f"ropa.loading is not available yet ({exc}); the file round trip needs it")
    return load


def in_folder_order(register: Register) -> Register:
    """The register in the order a folder is read: register.yaml first, then the files of
    activities/ and processors/ by name, each file's items in their order."""
    def ordered(items: list[Any], folder: str) -> list[Any]:
        def key(item: Any) -> tuple[bool, str]:
            name = item_file(item.source, folder, item.id)
            return (name != "register.yaml", name)
        return sorted(items, key=key)

    return dataclasses.replace(register, activities=ordered(register.activities, "activities"),
                               processors=ordered(register.processors, "processors"))


ROUND_TRIP = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])


@ROUND_TRIP
@given(register=registers())
def test_register_to_one_file_and_back_is_equal(tmp_path: Path, register: Register) -> None:
    load = _load()
    out = tmp_path / "register.yaml"

    write_register(register, out)
    result = load(out)

    assert [p.line() for p in result.problems] == []
    assert result.register == register


@ROUND_TRIP
@given(register=registers())
def test_register_to_a_folder_and_back_is_equal(tmp_path: Path, register: Register) -> None:
    load = _load()
    out = tmp_path / "acme"

    write_register(register, out)
    result = load(out)

    assert [p.line() for p in result.problems] == []
    assert result.register == in_folder_order(register)
    expected_sources = [item_file(a.source, "activities", a.id)
                        for a in in_folder_order(register).activities]
    assert [a.source for a in result.register.activities] == expected_sources
