"""The order an underline check reads a chapter in: the screen first, then pieces
that end between paragraphs, every line once; a piece keeps the chapter's structure."""

from __future__ import annotations

import random

from studio.ui.proofread.plan import CHUNK_CHARS, line_kinds, piece_text, plan

VERSE = ("Hold the light,", "hold it high")


def chapter(seed: int) -> list[str]:
    """Paragraphs of varied length (some of several lines), a lyrics block, breaks."""
    rng = random.Random(seed)
    lines: list[str] = []
    for n in range(rng.randint(50, 400)):
        if n % 37 == 5:
            lines += ['::: {.lyrics song="x"}', *VERSE, ":::", ""]
            continue
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            lines.append(" ".join("word" for _ in range(rng.randint(3, 120))))
        lines.append("")
    return lines


def test_pieces_cover_every_line_once_screen_first_and_end_between_paragraphs() -> None:
    for seed in range(40):
        lines = chapter(seed)
        first = random.Random(seed).randrange(len(lines))
        shown = range(first, min(first + 30, len(lines)))
        pieces = plan(lines, shown)
        assert sorted(n for p in pieces for n in p) == list(range(len(lines)))
        assert set(shown) <= set(pieces[0])
        for piece in pieces:
            starts = piece.start == 0 or not lines[piece.start - 1].strip()
            assert starts or not lines[piece.start].strip()  # whole paragraphs
            assert (
                piece.stop == len(lines)
                or not lines[piece.stop - 1].strip()
                or (not lines[piece.stop].strip())
            )
            size = sum(len(lines[n]) + 1 for n in piece)
            longest = max(len(x) for x in lines) + 1
            assert piece is pieces[0] or size < CHUNK_CHARS + 4 * longest


def test_a_chapter_read_whole_is_the_screen_then_one_piece() -> None:
    lines = chapter(1)
    assert plan(lines, range(3, 9), warm=True)[-1] == range(len(lines))
    assert plan(lines, None, warm=True) == [range(len(lines))]
    assert plan([], None) == []


def test_a_piece_blanks_only_prose_outside_it() -> None:
    lines = chapter(2)
    kinds = line_kinds(lines)
    piece = plan(lines, None)[1]
    text = piece_text(lines, kinds, piece).split("\n")
    assert len(text) == len(lines)
    for number, (kept, line) in enumerate(zip(text, lines, strict=True)):
        if number in piece or line.startswith(":::") or line in VERSE:
            assert kept == line
        else:
            assert kept == "" or line == kept == ""
