"""Item 10: values and places that used to raise tracebacks are clear errors, or just
work: long DOCX titles, wrong `[proofread]` types, impossible `studio new` places, a
BOM in story.toml, and a duplicated `[[chapters]]` entry deleted once."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
import tomlkit

from studio.cli import main
from studio.errors import StudioError
from studio.export import EXPORTERS
from studio.story import Project, create_project
from studio.story.trash import restore_chapter, trash_chapter, trashed_chapters


def _edit_toml(story: Path, change: str) -> None:
    path = story / "story.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + change + "\n", encoding="utf-8")


@pytest.mark.parametrize("length", [256, 400, 5000])
def test_docx_with_a_long_title_and_author_line(
    sample_copy: Path, tmp_path: Path, length: int
) -> None:
    project = Project.load(sample_copy)
    long_title = ("The Very Long Title " * 300)[:length].strip()
    long_author = ("pseud" * 2000)[:length]
    project.work.title = long_title
    project.doc["work"]["authors"] = [long_author]
    out = tmp_path / "story.docx"
    EXPORTERS["docx"](project, out)
    document = docx.Document(str(out))
    props = document.core_properties
    assert len(props.title) <= 255 and long_title.startswith(props.title.rstrip("…"))
    assert len(props.author) <= 255
    body = "\n".join(p.text for p in document.paragraphs)
    assert long_title in body  # the full text stays in the document
    assert long_author in body


PROOFREAD_WRONG = {
    "proofread is text": 'proofread = "off"',
    "ignore_rules is text": '[proofread]\nignore_rules = "then-than"',
    "ignore_rules holds a number": "[proofread]\nignore_rules = [1, 2]",
    "ignore is text": '[proofread]\nignore = "x"',
    "ignore entry field a number": '[[proofread.ignore]]\nfile = "chapters/x.md"\nrule = 5',
    "check_caps is text": None,
}


@pytest.mark.parametrize("case", sorted(PROOFREAD_WRONG))
def test_proofread_values_of_the_wrong_type_are_a_clear_error(
    sample_copy: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_copy / "story.toml"
    if case == "proofread is text":  # a top-level key must come before the first table
        path.write_text('proofread = "off"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    elif case == "check_caps is text":
        doc = tomlkit.parse((sample_copy / "story.toml").read_text(encoding="utf-8"))
        doc["spelling"]["check_caps"] = "yes"
        (sample_copy / "story.toml").write_text(tomlkit.dumps(doc), encoding="utf-8")
    else:
        _edit_toml(sample_copy, PROOFREAD_WRONG[case])
    with pytest.raises(StudioError) as caught:
        Project.load(sample_copy)
    assert caught.value.path == sample_copy / "story.toml" and caught.value.line
    assert main(["check", str(sample_copy)]) == 2
    assert "story.toml" in capsys.readouterr().err


@pytest.mark.parametrize(
    "where",
    ["nul", "long-name", "under-a-file", "no-permission", "proc"],
)
def test_studio_new_on_an_impossible_place_is_a_clear_error(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    places = {
        "nul": str(tmp_path / "bad\0name"),
        "long-name": str(tmp_path / ("n" * 300)),
        "under-a-file": str(blocker / "story"),
        "no-permission": str(locked / "story"),
        "proc": "/proc/1/story",
    }
    if where == "no-permission" and os.geteuid() == 0:
        places[where] = "/proc/sys/story"  # root may write anywhere a mode allows
    try:
        code = main(["new", places[where], "--title", "T"])
    finally:
        locked.chmod(0o700)
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("studio: error:") and "Traceback" not in err
    assert "\0" not in err


def test_a_bom_at_the_start_of_story_toml_is_accepted_and_kept(sample_copy: Path) -> None:
    path = sample_copy / "story.toml"
    original = b"\xef\xbb\xbf" + path.read_bytes()
    path.write_bytes(original)
    project = Project.load(sample_copy)
    assert project.work.title == "Salt and Static"
    assert not project.save()  # nothing changed: nothing written
    assert path.read_bytes() == original
    project.work.title = "Salt and Static, Again"
    assert project.save()
    saved = path.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and saved.count(b"\xef\xbb\xbf") == 1
    assert Project.load(sample_copy).work.title == "Salt and Static, Again"
    assert main(["stats", str(sample_copy)]) == 0


def test_deleting_one_of_two_entries_for_the_same_file_keeps_the_file(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    first = project.chapters[0]
    shared = project.chapter_path(first)
    text = shared.read_bytes()
    project.doc["chapters"].append(tomlkit.item({"file": first.file, "title": "Again"}))
    project.save()
    project = Project.load(sample_copy)
    count = len(project.chapters)
    trash_chapter(project, count - 1)
    assert shared.read_bytes() == text
    reloaded = Project.load(sample_copy)  # the remaining entry still loads
    assert len(reloaded.chapters) == count - 1
    # the trash has its own copy: restoring brings the deleted entry back, beside it
    item = trashed_chapters(reloaded)[0]
    assert item.entry["title"] == "Again"
    restored = restore_chapter(reloaded, item)
    assert restored.title == "Again" and reloaded.chapter_path(restored).read_bytes() == text
    assert shared.read_bytes() == text


def test_creating_a_story_still_works(tmp_path: Path) -> None:
    project = create_project(tmp_path / "fresh", title="Fresh")
    assert Project.load(project.root).work.title == "Fresh"
