"""`studio review PATH [--json]` on real story folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio.cli import main
from studio.review import load_review, save_review
from studio.story import Project

CHAPTER = "chapters/02-low-tide.md"


def review(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["review", *args])
    return code, capsys.readouterr().out


def test_nothing_open_exits_0(sample_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = review(capsys, str(sample_copy))
    assert (code, out.strip()) == (0, "Nothing open.")
    assert review(capsys, str(sample_copy), "--json") == (0, "[]\n")


def test_lists_open_items_with_their_place(
    sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project.load(sample_copy)
    chapter = next(c for c in project.chapters if c.file == CHAPTER)
    text = project.read_chapter(chapter)
    chapter_review = load_review(project, chapter)
    at = text.index("definately")
    chapter_review.add_suggestion(text, at, at + 10, "definitely", "Ada Beta")
    wierd = text.index("wierd")
    comment = chapter_review.add_comment(text, wierd, wierd + 5, "typo?", "Bo")
    done = chapter_review.add_comment(text, 0, 4, "fixed", "Bo")
    chapter_review.resolve(done.id)
    save_review(project, chapter_review)
    before = sorted(p.name for p in sample_copy.rglob("*"))

    code, out = review(capsys, str(sample_copy), "--json")
    assert code == 1
    items = json.loads(out)
    assert [(i["kind"], i["author"], i["quote"]) for i in items] == [
        ("suggestion", "Ada Beta", "definately"),
        ("comment", "Bo", "wierd"),
    ]
    lines = text.split("\n")
    for item in items:
        line = lines[item["line"] - 1]
        assert line[item["column"] - 1 : item["end_column"] - 1] == item["quote"]
    assert items[1]["id"] == comment.id and items[0]["change"] == "replace"

    code, out = review(capsys, str(sample_copy))
    first = items[0]
    assert out.splitlines()[0] == (
        f"{CHAPTER}:{first['line']}:{first['column']}: suggestion [Ada Beta]"
        " “definately” → “definitely”"
    )
    assert out.splitlines()[-1] == "1 open comment, 1 pending suggestion."
    code, out = review(capsys, str(sample_copy), "--all", "--json")
    assert len(json.loads(out)) == 3 and code == 1
    assert sorted(p.name for p in sample_copy.rglob("*")) == before  # read-only


def test_a_detached_comment_is_still_listed(
    sample_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project.load(sample_copy)
    chapter = project.chapters[1]
    text = project.read_chapter(chapter)
    chapter_review = load_review(project, chapter)
    at = text.index("wierd")
    chapter_review.add_comment(text, at, at + 5, "spelling", "Bo")
    save_review(project, chapter_review)
    (sample_copy / chapter.file).write_text("Rewritten from the first word.\n", encoding="utf-8")
    code, out = review(capsys, str(sample_copy))
    assert code == 1
    assert "comment (detached) [Bo] “wierd”: spelling" in out


def test_bad_path_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
