"""Which lines of a chapter an underline check reads, and in what order.

Checking a long chapter for the first time takes a while (Harper reads every
paragraph once; later pauses re-read only what changed). So the lines on screen are
checked first, then the rest in pieces of about CHUNK_CHARS characters: a typing
pause never waits behind more than one piece, and what the author looks at is
underlined first. Once a chapter has been read whole, a pause checks the screen and
then the whole chapter at once (each piece costs a pass over the chapter's lines).

Each piece is checked as the whole chapter with the prose outside it left blank, so
line numbers stay those of the chapter and every fence, verse and heading keeps its
meaning (a piece starting inside a lyrics block is still lyrics).
"""

from __future__ import annotations

from collections.abc import Sequence

from studio.story.lines import LineKind, classify_lines

CHUNK_CHARS = 4000  # about 700 words: under a second the first time
SCREEN_MARGIN = 20  # lines above and below the screen checked with it


def paragraph_bounds(lines: Sequence[str], first: int, last: int) -> range:
    """Lines `first`..`last` widened to whole paragraphs (to the blank lines around)."""
    first, last = max(first, 0), min(last, len(lines) - 1)
    while first > 0 and lines[first - 1].strip():
        first -= 1
    while last < len(lines) - 1 and lines[last + 1].strip():
        last += 1
    return range(first, last + 1)


def plan(lines: Sequence[str], shown: range | None, *, warm: bool = False) -> list[range]:
    """The pieces to check, in order: the lines `shown` (with a margin), then the
    rest from the top, each piece whole paragraphs of about CHUNK_CHARS.

    `warm`: the chapter was checked whole since it opened, so only what changed is
    read again and the whole chapter is one quick piece after the screen's."""
    pieces: list[range] = []
    screen = None
    if shown is not None and len(shown) and lines:
        screen = paragraph_bounds(lines, shown[0] - SCREEN_MARGIN, shown[-1] + SCREEN_MARGIN)
        pieces.append(screen)
    if warm or screen == range(len(lines)):
        whole = range(len(lines))
        return [p for p in (screen, whole) if p is not None and p != whole] + [whole]
    start, size = 0, 0
    for number, line in enumerate(lines):
        if screen is not None and number in screen:
            if number > start:  # the piece before the screen ends where it begins
                pieces.append(range(start, number))
            start, size = number + 1, 0
            continue
        size += len(line) + 1
        if size >= CHUNK_CHARS and not line.strip():  # a piece ends between paragraphs
            pieces.append(range(start, number + 1))
            start, size = number + 1, 0
    if start < len(lines):
        pieces.append(range(start, len(lines)))
    return pieces


def piece_text(lines: Sequence[str], kinds: Sequence[LineKind], piece: range) -> str:
    """The chapter with the prose outside `piece` blank (see the module docstring)."""
    return "\n".join(
        line if number in piece or kinds[number] != LineKind.PARAGRAPH else ""
        for number, line in enumerate(lines)
    )


def line_kinds(lines: Sequence[str]) -> list[LineKind]:
    """What each line is (the one classifier the highlighter and exports agree on)."""
    return classify_lines(lines)
