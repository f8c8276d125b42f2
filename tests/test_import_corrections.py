"""The author's corrections to a plan (studio.importers.corrections): each moves text
and never drops any, and the written story is the corrected plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.importers import corrections, detect, write_plan
from studio.story import BlockKind, parse_blocks
from tests.import_support import assert_no_word_lost

FIXTURES = Path(__file__).parent / "fixtures" / "import"
LETTERS = FIXTURES / "plain" / "letters-and-texts.txt"
REFRAIN = FIXTURES / "plain" / "plain-verse-header-credit.txt"


def index_of(plan: object, start: str) -> int:
    parts = plan.chapters[0].parts  # type: ignore[attr-defined]
    return next(i for i, p in enumerate(parts) if isinstance(p, str) and p.startswith(start))


def test_every_correction_keeps_every_word(tmp_path: Path) -> None:
    plan = detect([LETTERS])
    letter = index_of(plan, "Dear Number")
    corrections.mark_lyrics(plan, 0, letter, "Hedge Song")
    corrections.move_to_notes(plan, 0, 0)
    corrections.split_chapter(plan, 0, 2)
    corrections.join_chapters(plan, 0)
    corrections.split_chapter(plan, 0, 3)
    project = write_plan(plan, tmp_path / "story")
    assert_no_word_lost(plan, project, LETTERS.read_text(encoding="utf-8"))
    text = project.read_chapter(project.chapters[0])
    [block] = [b for b in parse_blocks(text) if b.kind is BlockKind.LYRICS]
    assert block.lines[0] == "Dear Number Fourteen," and block.song == "hedge-song"
    assert len(project.chapters) == 2


def test_lyrics_back_to_prose_drops_the_unused_song(tmp_path: Path) -> None:
    plan = detect([REFRAIN])
    assert list(plan.songs) == ["ill-be-there-when-the-tide-turns"]
    parts = plan.chapters[0].parts
    for i in [i for i, p in enumerate(parts) if corrections.kind_of(p) == "lyrics"]:
        corrections.mark_prose(plan, 0, i)
    assert not plan.songs and not plan.lyrics_credit
    project = write_plan(plan, tmp_path / "story")
    assert not project.songs
    text = project.read_chapter(project.chapters[0])
    assert "I'll be there when the tide turns\\\nI'll be there when the lamps burn low\\\n" in text
    assert_no_word_lost(plan, project, REFRAIN.read_text(encoding="utf-8"))


def test_a_block_picks_a_song_the_plan_has(tmp_path: Path) -> None:
    plan = detect([LETTERS])
    texts = index_of(plan, "Her phone buzzed")
    corrections.mark_lyrics(plan, 0, texts)
    [song_id] = plan.songs
    assert song_id.startswith("untitled-song-")
    corrections.set_song(plan, 0, texts, "Blackbird Morning", "The Hedges")
    assert [(s.title, s.artist) for s in plan.songs.values()] == [
        ("Blackbird Morning", "The Hedges")
    ]


def test_impossible_corrections_are_refused() -> None:
    plan = detect([LETTERS])
    with pytest.raises(StudioError, match="only a lyrics block has a song"):
        corrections.set_song(plan, 0, 0, "X")
    with pytest.raises(StudioError, match="no next chapter"):
        corrections.join_chapters(plan, 0)
    with pytest.raises(StudioError, match="between two of its blocks"):
        corrections.split_chapter(plan, 0, 0)
    with pytest.raises(StudioError, match="no block"):
        corrections.mark_lyrics(plan, 0, 999)
