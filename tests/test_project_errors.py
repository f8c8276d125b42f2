"""Each kind of bad input raises StudioError naming the file, the line, and what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.story import Project


def _story(root: Path, toml: str, chapters: dict[str, bytes] | None = None) -> Path:
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    (root / "story.toml").write_text(toml, encoding="utf-8")
    for name, data in (chapters or {}).items():
        (root / "chapters" / name).write_bytes(data)
    return root


def test_malformed_toml_names_file_and_line(tmp_path: Path) -> None:
    _story(tmp_path, 'format = 1\n\n[work]\ntitle = "Open quote\n')
    with pytest.raises(StudioError) as info:
        Project.load(tmp_path)
    assert info.value.path == tmp_path / "story.toml"
    assert info.value.line == 4
    assert str(info.value).startswith(f"{tmp_path / 'story.toml'}:4: story.toml is not valid TOML")
    assert "Fix that line" in str(info.value)


def test_wrong_type_names_key_and_line(tmp_path: Path) -> None:
    _story(tmp_path, 'format = 1\n[work]\ntitle = "T"\nfandoms = "Original Work"\n')
    with pytest.raises(StudioError, match=r"story.toml:4: `fandoms` must be list of text") as info:
        Project.load(tmp_path)
    assert 'fandoms = ["…", "…"]' in str(info.value)


def test_wrong_type_in_second_chapter_points_at_that_chapter(tmp_path: Path) -> None:
    toml = (
        'format = 1\n[work]\ntitle = "T"\n\n'
        '[[chapters]]\nfile = "chapters/a.md"\ntitle = "A"\n\n'
        '[[chapters]]\nfile = "chapters/b.md"\ntitle = 2\n'
    )
    _story(tmp_path, toml, {"a.md": b"", "b.md": b""})
    with pytest.raises(StudioError) as info:
        Project.load(tmp_path)
    assert info.value.line == 11
    assert "`title` must be text" in str(info.value)


def test_newer_format_is_refused_with_advice(tmp_path: Path) -> None:
    _story(tmp_path, "format = 7\n")
    with pytest.raises(StudioError, match=r"format 7, newer than this Studio.*Update Studio"):
        Project.load(tmp_path)


def test_missing_chapter_file(tmp_path: Path) -> None:
    _story(tmp_path, '[[chapters]]\nfile = "chapters/01-gone.md"\n')
    with pytest.raises(StudioError, match=r"chapter file chapters/01-gone\.md is missing") as info:
        Project.load(tmp_path)
    assert "Restore chapters/01-gone.md, or remove its [[chapters]] entry" in str(info.value)


def test_chapter_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    data = "First line.\n\nShe said \u201chello\u201d.\n".encode("cp1252")
    _story(tmp_path, '[[chapters]]\nfile = "chapters/a.md"\n', {"a.md": data})
    project = Project.load(tmp_path)
    with pytest.raises(StudioError) as info:
        project.read_chapter(project.chapters[0])
    assert info.value.path == tmp_path.resolve() / "chapters" / "a.md"
    assert info.value.line == 3
    assert "is not UTF-8 text (byte 0x93)" in str(info.value)
    assert "studio import" in str(info.value)


@pytest.mark.parametrize(
    "file",
    [
        "../outside.md",
        "/etc/passwd",
        "chapters/../../outside.md",
        "notes/a.md",
        "chapters",
        "chapters\\a.md",
    ],
)
def test_chapter_paths_outside_chapters_are_refused(tmp_path: Path, file: str) -> None:
    (tmp_path / "outside.md").write_text("x", encoding="utf-8")
    _story(tmp_path, f'[[chapters]]\nfile = "{file.replace(chr(92), chr(92) * 2)}"\n')
    with pytest.raises(StudioError, match="outside the project's chapters/ folder"):
        Project.load(tmp_path)


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("not a chapter", encoding="utf-8")
    root = _story(tmp_path / "story", '[[chapters]]\nfile = "chapters/link.md"\n')
    os.symlink(secret, root / "chapters" / "link.md")
    with pytest.raises(StudioError, match="outside the project's chapters/ folder"):
        Project.load(root)


def test_not_a_story_folder(tmp_path: Path) -> None:
    with pytest.raises(
        StudioError, match=r"not a Studio story: there is no story\.toml.*studio new"
    ):
        Project.load(tmp_path)
    with pytest.raises(StudioError, match="no such folder"):
        Project.load(tmp_path / "nope")
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(StudioError, match="is a file, not a story folder") as info:
        Project.load(tmp_path / "file.txt")
    assert "studio import file.txt NEW-FOLDER" in str(info.value)


def test_story_toml_path_itself_is_accepted(sample_copy: Path) -> None:
    assert Project.load(sample_copy / "story.toml").root == sample_copy.resolve()
