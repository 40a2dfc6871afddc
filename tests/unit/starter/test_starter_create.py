"""create_register: what lands on disk, the refusals, --force, and all-or-nothing writes."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path, PurePosixPath

import pytest
from starter_support import load_yaml12, schema_errors, tree

from ropa.starter import (
    FolderNotEmptyError,
    InitError,
    InitResult,
    UnknownActivityError,
    available_activities,
    create_register,
)

BASE_FILES = [
    "register.yaml",
    "activities/.gitkeep",
    "processors/.gitkeep",
    ".schema/register.schema.json",
    ".schema/activity.schema.json",
    ".schema/processor.schema.json",
]


def _create(target: Path, activities: list[str] | None = None, **options: object) -> InitResult:
    settings: dict[str, object] = {"name": None, "language": "fr", "force": False}
    settings.update(options)
    return create_register(target, activities=activities or [], **settings)  # type: ignore[arg-type]


def _paths(paths: tuple[PurePosixPath, ...]) -> list[str]:
    return [str(p) for p in paths]


def test_a_new_folder_gets_the_register_the_two_folders_and_the_schemas(tmp_path: Path) -> None:
    target = tmp_path / "acme"

    result = _create(target)

    assert result.root == target
    assert _paths(result.written) == BASE_FILES
    assert result.skipped == ()
    assert sorted(tree(target)) == sorted(BASE_FILES)


def test_the_schemas_written_are_the_shipped_ones(tmp_path: Path) -> None:
    _create(tmp_path / "acme")

    for kind in ("register", "activity", "processor"):
        shipped = resources.files("ropa.schema").joinpath(f"{kind}.schema.json").read_bytes()
        assert (tmp_path / "acme" / ".schema" / f"{kind}.schema.json").read_bytes() == shipped


@pytest.mark.parametrize(("name", "language"), [(None, "fr"), ("ACME SAS", "en")])
def test_every_yaml_file_written_points_at_its_schema_and_is_valid(
    tmp_path: Path, name: str | None, language: str
) -> None:
    root = tmp_path / "acme"
    _create(root, available_activities(), name=name, language=language)
    kinds = {"register.yaml": "register", "activities": "activity", "processors": "processor"}

    checked = []
    for path in sorted(root.rglob("*.yaml")):
        relative = path.relative_to(root)
        kind = kinds[relative.parts[0]]
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        hint = first_line.removeprefix("# yaml-language-server: $schema=")
        assert (path.parent / hint).resolve() == root / ".schema" / f"{kind}.schema.json"
        assert schema_errors(load_yaml12(path.read_text(encoding="utf-8")), kind) == []
        checked.append(relative.as_posix())

    assert len(checked) == 1 + len(available_activities())


def test_chosen_activities_get_one_file_each(tmp_path: Path) -> None:
    result = _create(tmp_path / "acme", ["payroll", "accounting", "payroll"])

    assert "activities/accounting.yaml" in _paths(result.written)
    assert sorted(p.name for p in (tmp_path / "acme" / "activities").iterdir()) == [
        ".gitkeep",
        "accounting.yaml",
        "payroll.yaml",
    ]


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    _create(tmp_path / "registers" / "2025" / "acme")

    assert (tmp_path / "registers" / "2025" / "acme" / "register.yaml").is_file()


def test_an_existing_empty_folder_is_filled(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    target.mkdir()

    _create(target)

    assert sorted(tree(target)) == sorted(BASE_FILES)


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    target.mkdir()
    (target / "notes.txt").write_text("mine")

    with pytest.raises(FolderNotEmptyError, match="is not empty.*use --force"):
        _create(target)

    assert tree(target) == {"notes.txt": b"mine"}


def test_force_adds_missing_files_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    _create(target)
    (target / "register.yaml").write_text("ropa: 1\norganisation: {name: Mine}\n")
    (target / ".schema" / "activity.schema.json").unlink()

    result = _create(target, ["newsletter"], force=True)

    assert _paths(result.written) == [
        "activities/newsletter.yaml",
        ".schema/activity.schema.json",
    ]
    assert _paths(result.skipped) == [
        "register.yaml",
        "activities/.gitkeep",
        "processors/.gitkeep",
        ".schema/register.schema.json",
        ".schema/processor.schema.json",
    ]
    assert (target / "register.yaml").read_text() == "ropa: 1\norganisation: {name: Mine}\n"


def test_force_on_a_complete_folder_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    _create(target)
    before = tree(target)

    result = _create(target, force=True, language="en")

    assert result.written == ()
    assert tree(target) == before


def test_an_unknown_activity_is_refused_with_the_valid_names(tmp_path: Path) -> None:
    with pytest.raises(UnknownActivityError) as raised:
        _create(tmp_path / "acme", ["payroll", "payrol", "crm"])

    assert str(raised.value) == (
        "unknown starter activities: crm, payrol. Valid names: "
        + ", ".join(available_activities())
        + "."
    )
    assert not (tmp_path / "acme").exists()


def test_a_file_in_place_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "acme").write_text("x")

    with pytest.raises(InitError, match="exists and is not a folder"):
        _create(tmp_path / "acme", force=True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"name": "  "}, "the organisation name is empty"),
        ({"name": "two\nlines"}, "must fit on one line"),
        ({"language": "de"}, "unknown language 'de'"),
    ],
)
def test_bad_options_are_refused_before_writing(
    tmp_path: Path, options: dict[str, object], message: str
) -> None:
    with pytest.raises(InitError, match=message):
        _create(tmp_path / "acme", **options)

    assert list(tmp_path.iterdir()) == []


def test_a_failed_move_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device", str(destination))

    monkeypatch.setattr(os, "rename", refuse)

    with pytest.raises(
        InitError, match="could not write .*No space left on device.*Nothing was written"
    ):
        _create(tmp_path / "new" / "acme", available_activities())

    assert list(tmp_path.iterdir()) == []  # no register, no staging folder, no parent


def test_a_failure_while_adding_files_restores_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "acme"
    target.mkdir()
    (target / "register.yaml").write_text("ropa: 1\n")
    before = tree(target)
    real_replace = os.replace
    moves: list[object] = []

    def fail_on_fourth(source: str, destination: str) -> None:
        moves.append(destination)
        if len(moves) == 4:
            raise PermissionError(13, "Permission denied", destination)
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", fail_on_fourth)

    with pytest.raises(InitError, match="Permission denied"):
        _create(target, available_activities(), force=True)

    assert len(moves) == 4
    assert tree(target) == before
    assert sorted(p.name for p in target.iterdir()) == ["register.yaml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme"]
