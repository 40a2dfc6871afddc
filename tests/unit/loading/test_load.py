"""`load` and `load_text`: the layouts of a register, the files read, where items came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa.loading import SourceError, is_database_url, load, load_text

from .conftest import WriteFiles

REGISTER = "ropa: 1\norganisation: {name: Acme}\nsecurity_measures:\n  - {id: tls, description: TLS}\n"


def test_load_text_reads_a_one_file_register() -> None:
    result = load_text(REGISTER + "activities:\n  - {id: orders, name: Orders, security_measures: [tls]}\n")
    assert result.ok and result.problems == []
    assert (result.files, result.layout, result.label, result.root) == (["register.yaml"], "file",
                                                                         "register.yaml", None)
    assert [(a.id, a.source) for a in result.register.activities] == [("orders", "register.yaml")]


def test_a_one_file_register_on_disk(tmp_path: Path) -> None:
    source = tmp_path / "acme.yaml"
    source.write_text(REGISTER + "processors:\n  - {id: stripe, name: Stripe}\n", encoding="utf-8")
    result = load(source)
    assert result.problems == []
    assert (result.files, result.layout, result.label, result.root) == ([str(source)], "file", str(source),
                                                                         tmp_path)
    assert [(p.id, p.source) for p in result.register.processors] == [("stripe", "acme.yaml")]


def test_a_folder_with_one_item_files_and_list_files(write_files: WriteFiles) -> None:
    root = write_files({
        "register.yaml": REGISTER + "activities:\n  - {id: in-register, name: In the register}\n",
        "activities/account.yaml": "ropa: 1\nid: account\nname: Accounts\nsecurity_measures: [tls]\n",
        "activities/hr.yml": (
            "ropa: 1\nactivities:\n  - {id: payroll, name: Payroll}\n  - {id: recruitment, name: "
            "Recruitment}\n"
        ),
        "processors/stripe.yaml": "ropa: 1\nid: stripe\nname: Stripe\nsub_processors: [aws]\n",
        "processors/cloud.yaml": "ropa: 1\nprocessors:\n  - {id: aws, name: AWS}\n",
        "activities/.draft.yaml": "not: [read\n",
        "activities/README.md": "# not read\n",
        "notes/other.yaml": "not: [read\n",
    })
    result = load(root)
    assert result.problems == []
    assert (result.layout, result.label, result.root) == ("folder", "reg", root)
    assert result.files == [
        "reg/register.yaml", "reg/activities/account.yaml", "reg/activities/hr.yml",
        "reg/processors/cloud.yaml", "reg/processors/stripe.yaml",
    ]
    assert [(a.id, a.source) for a in result.register.activities] == [
        ("in-register", "register.yaml"), ("account", "activities/account.yaml"),
        ("payroll", "activities/hr.yml"), ("recruitment", "activities/hr.yml"),
    ]
    assert [(p.id, p.source) for p in result.register.processors] == [
        ("aws", "processors/cloud.yaml"), ("stripe", "processors/stripe.yaml"),
    ]


def test_problems_name_the_file_as_the_user_wrote_the_path(write_files: WriteFiles) -> None:
    root = write_files({"register.yml": "ropa: 1\n", "activities/a.yaml": "ropa: 1\nid: a\nnme: A\n"})
    assert [str(p.location) for p in load(root).problems] == ["reg/activities/a.yaml:1:1",
                                                              "reg/activities/a.yaml:3:1"]
    first = load(root.resolve()).problems[0]
    assert str(first.location) == f"{root.resolve()}/activities/a.yaml:1:1"


def test_a_processor_file_given_alone_is_read_as_a_processor(write_files: WriteFiles) -> None:
    root = write_files({
        "register.yaml": "ropa: 1\n",
        "processors/stripe.yaml": "ropa: 1\nid: stripe\nname: S\n",
    })
    result = load(root / "processors" / "stripe.yaml")
    assert result.problems == []
    assert [p.id for p in result.register.processors] == ["stripe"]


def test_a_folder_without_register_yaml_cannot_be_read(write_files: WriteFiles) -> None:
    root = write_files({"activities/a.yaml": "ropa: 1\nid: a\nname: A\n"})
    with pytest.raises(SourceError) as raised:
        load(root)
    assert str(raised.value) == (
        "reg has no register.yaml: a register folder holds register.yaml, activities/ and processors/ "
        "(start one with `ropa init reg`)"
    )


def test_a_file_that_is_not_yaml_cannot_be_read(tmp_path: Path) -> None:
    source = tmp_path / "register.json"
    source.write_text("{}", encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load(source)
    assert str(raised.value) == f"{source} is not a YAML file (.yaml or .yml) nor a register folder"


def test_an_unreadable_file_cannot_be_read(write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_files({"register.yaml": "ropa: 1\n"})

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(SourceError) as raised:
        load(root)
    assert str(raised.value) == "cannot read reg/register.yaml: Permission denied"


@pytest.mark.parametrize(
    ("source", "expected"),
    [("sqlite:///ropa.db", True), ("postgresql+psycopg://u@h/db", True), ("registers/acme", False),
     (Path("sqlite:/x"), False)],
)
def test_database_urls_are_told_from_paths(source: str | Path, expected: bool) -> None:
    assert is_database_url(source) is expected
