"""Plain-text fics whose lyrics are set apart only by being short lines, and fics that
use single newlines on purpose (letters, texts): verse stays lines, breaks stay breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio.importers import import_fic
from studio.story import BlockKind, Project, parse_blocks
from tests.import_support import assert_no_word_lost

PLAIN = Path(__file__).parent / "fixtures" / "import" / "plain"
# held-out-plain-verse.txt was written after the reader and tried once, untouched: its
# only miss ("This fic quotes …" was not read as a song credit) was fixed in songs.py
# by the class of words, not the file's sentence.
EXPECTED = {
    "plain-verse-header-credit.txt": {
        "songs": {("I'll Be There When the Tide Turns", "The Marram Grass")},
        "blocks": [4, 2],
        "breaks": 0,
    },
    "plain-verse-refrain-no-blank.txt": {
        "songs": {("", "")},  # a refrain, credited nowhere: the author is asked
        "blocks": [4, 2],
        "breaks": 0,
    },
    "letters-and-texts.txt": {"songs": set(), "blocks": [], "breaks": 7},
    "held-out-plain-verse.txt": {
        "songs": {("Don't Wake the Lighthouse", "Kit O'Hanlon & the Breakwaters")},
        "blocks": [4, 2],
        "breaks": 0,
    },
}


def source_lines(name: str) -> list[str]:
    return (PLAIN / name).read_text(encoding="utf-8").splitlines()


def imported(name: str, tmp_path: Path) -> Project:
    plan, project = import_fic([PLAIN / name], tmp_path / "story")
    assert_no_word_lost(plan, project, (PLAIN / name).read_text(encoding="utf-8"))
    return project


@pytest.mark.parametrize("name", list(EXPECTED))
def test_songs_blocks_and_breaks(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    project = imported(name, tmp_path)
    assert {(s.title, s.artist) for s in project.songs.values()} == expected["songs"]
    text = "".join(project.read_chapter(c) for c in project.chapters)
    blocks = [b for b in parse_blocks(text) if b.kind is BlockKind.LYRICS]
    assert [len(b.lines) for b in blocks] == expected["blocks"]
    assert text.count("\\\n") == expected["breaks"]
    lines = source_lines(name)
    for block in blocks:
        # Verse lines stay lines: the block is the input's lines, in a row, as written.
        start = lines.index(block.lines[0])
        assert list(block.lines) == lines[start : start + len(block.lines)]
        assert block.song in project.songs


def test_a_letter_keeps_its_lines_in_one_paragraph(tmp_path: Path) -> None:
    project = imported("letters-and-texts.txt", tmp_path)
    text = project.read_chapter(project.chapters[0])
    assert (
        "Dear Number Fourteen,\\\nYour hedge is on my side of the wall.\\\n"
        "I do not mind the hedge.\\\nI mind the blackbirds, who are loud.\\\n"
        "Yours, Number Twelve\n"
    ) in text
    assert "Her sister, as usual:\\\ndid u send it\\\nsend it\\\nrosa SEND IT\n" in text


def test_one_paragraph_a_line_stays_so(tmp_path: Path) -> None:
    """A text with no blank lines has a paragraph on every line; short lines that are not
    a refrain (dialogue) stay paragraphs of their own, never joined or made lyrics."""
    fic = tmp_path / "fic.txt"
    long = "She walked along the harbour wall in the rain, thinking of nothing much at all."
    fic.write_text(f"Title: Rain\n\n{long}\n“Yes.”\n“No.”\n“Maybe.”\n{long}\n", encoding="utf-8")
    _, project = import_fic([fic], tmp_path / "story")
    text = project.read_chapter(project.chapters[0])
    assert text == f"{long}\n\n“Yes.”\n\n“No.”\n\n“Maybe.”\n\n{long}\n"
    assert not project.songs
