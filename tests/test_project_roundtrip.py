"""Loading and saving keeps every byte the author wrote; edits change only what they touch."""

from __future__ import annotations

import difflib
from pathlib import Path

from studio.story import Project


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_untouched_project_round_trips_byte_for_byte(sample_copy: Path) -> None:
    before = _snapshot(sample_copy)
    project = Project.load(sample_copy)
    for chapter in project.chapters:
        project.write_chapter(chapter, project.read_chapter(chapter))
    assert project.save() is False
    assert _snapshot(sample_copy) == before


def test_editing_one_field_rewrites_only_that_value(sample_copy: Path) -> None:
    story = sample_copy / "story.toml"
    before = story.read_text(encoding="utf-8").splitlines()
    project = Project.load(sample_copy)
    project.work.rating = "Mature"
    assert project.save() is True
    after = story.read_text(encoding="utf-8").splitlines()
    changed = [
        line for line in difflib.unified_diff(before, after, lineterm="", n=0) if line[:1] in "+-"
    ]
    assert changed == [
        "--- ",
        "+++ ",
        '-rating = "Teen And Up Audiences"',
        '+rating = "Mature"',
    ]
    assert "# Salt and Static: Studio's sample story." in after[0]
    assert 'source_rating = "PG-13"  # as the author first wrote it' in after
    assert Project.load(sample_copy).work.rating == "Mature"


def test_multiline_summary_and_lists_are_written_as_a_person_would(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    project.work.summary = "First line.\nSecond line."
    project.work.tags = ["Slow Burn", "Radio"]
    project.save()
    text = (sample_copy / "story.toml").read_text(encoding="utf-8")
    assert 'summary = """First line.\nSecond line."""' in text
    assert 'tags = ["Slow Burn", "Radio"]' in text
    reloaded = Project.load(sample_copy)
    assert reloaded.work.summary == "First line.\nSecond line."
    assert reloaded.work.tags == ["Slow Burn", "Radio"]


def test_unknown_keys_and_comments_survive_an_edit(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "01-a.md").write_text("Hello.\n", encoding="utf-8")
    (tmp_path / "story.toml").write_text(
        "format = 1\n"
        "future_setting = true  # from a newer Studio\n\n"
        "[work]\n"
        "# my title, do not touch\n"
        'title = "Old"\n'
        'mood = "stormy"\n\n'
        "[[chapters]]\n"
        'file = "chapters/01-a.md"\n'
        'pov = "Maren"\n',
        encoding="utf-8",
    )
    project = Project.load(tmp_path)
    project.work.title = "New"
    project.chapters[0].title = "A"
    project.save()
    text = (tmp_path / "story.toml").read_text(encoding="utf-8")
    assert "future_setting = true  # from a newer Studio" in text
    assert '# my title, do not touch\ntitle = "New"\nmood = "stormy"' in text
    assert 'pov = "Maren"' in text
    assert Project.load(tmp_path).chapters[0].title == "A"


def test_move_chapter_changes_the_order_in_story_toml(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    titles = [c.title for c in project.chapters]
    project.move_chapter(2, 0)
    project.save()
    assert [c.title for c in Project.load(sample_copy).chapters] == [
        titles[2],
        titles[0],
        titles[1],
    ]


def test_add_and_remove_chapter(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    chapter = project.add_chapter("The Fourth Night!", "New text.\n")
    assert chapter.file == "chapters/04-the-fourth-night.md"
    assert (sample_copy / chapter.file).read_text(encoding="utf-8") == "New text.\n"
    project.save()
    reloaded = Project.load(sample_copy)
    assert [c.title for c in reloaded.chapters][-1] == "The Fourth Night!"
    removed = reloaded.remove_chapter(0)
    reloaded.save()
    assert removed.title == "The Signal"
    assert Project.load(sample_copy).chapters[0].title == "Low Tide"


def test_word_list(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    assert project.word_list() == ["Kilbride"]
    project.add_word("Penhallow")
    project.add_word("Penhallow")
    assert project.word_list() == ["Kilbride", "Penhallow"]
    assert (sample_copy / "dictionary.txt").read_text(encoding="utf-8") == "Kilbride\nPenhallow\n"
