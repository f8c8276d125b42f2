"""Side-by-side differences between two versions of a chapter (difflib), for the window.

Rows pair a line of the left text with a line of the right one. Prose is compared by
line (a Markdown paragraph is usually one line) and, inside a changed pair, by word,
so the view can mark exactly the words that differ. Long unchanged stretches fold into
one `Fold` row so the changes are what the author sees.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

Tag = Literal["equal", "replace", "delete", "insert"]
MAX_WORD_PAIRS = 250_000  # two lines of ~250 words each: beyond that, no word marks
REWRITTEN = 0.5  # below this share of words in common, a line counts as rewritten
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Row:
    tag: Tag
    left: str | None  # None: no line on this side
    right: str | None
    left_no: int | None = None  # 1-based line numbers
    right_no: int | None = None
    left_spans: tuple[Span, ...] = field(default=())  # changed words, for replace rows
    right_spans: tuple[Span, ...] = field(default=())


@dataclass(frozen=True)
class Fold:
    """A run of unchanged lines left out of the view."""

    lines: int


def side_by_side(left: str, right: str, *, context: int = 1) -> list[Row | Fold]:
    """Pair up the lines of `left` and `right`; unchanged runs beyond `context` fold.

    Blank lines are left out of the view (they separate paragraphs and would only
    add noise), but they still count in the line numbers.
    """
    # Paragraphs only: blank lines would give difflib hundreds of equal lines to pair
    # (slow, and nothing to see), so they are dropped but keep their line numbers.
    left_lines = [(n, line) for n, line in enumerate(left.splitlines(), 1) if line.strip()]
    right_lines = [(n, line) for n, line in enumerate(right.splitlines(), 1) if line.strip()]
    a = [line for _, line in left_lines]
    b = [line for _, line in right_lines]
    ln = [n for n, _ in left_lines]
    rn = [n for n, _ in right_lines]
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                Row("equal", a[i], b[j], ln[i], rn[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
        elif tag == "delete":
            rows += [Row("delete", a[i], None, ln[i], None) for i in range(i1, i2)]
        elif tag == "insert":
            rows += [Row("insert", None, b[j], None, rn[j]) for j in range(j1, j2)]
        else:
            rows += _replace_rows(left_lines[i1:i2], right_lines[j1:j2])
    return _fold(rows, context)


def count_changes(rows: list[Row | Fold]) -> int:
    return sum(1 for r in rows if isinstance(r, Row) and r.tag != "equal")


def _replace_rows(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> list[Row]:
    """Pair a replaced block line by line; the longer side's extra lines stand alone."""
    rows = []
    for k in range(max(len(a), len(b))):
        if k >= len(a):
            rows.append(Row("insert", None, b[k][1], None, b[k][0]))
        elif k >= len(b):
            rows.append(Row("delete", a[k][1], None, a[k][0], None))
        else:
            (i, left), (j, right) = a[k], b[k]
            left_spans, right_spans = word_changes(left, right)
            rows.append(Row("replace", left, right, i, j, left_spans, right_spans))
    return rows


def word_changes(left: str, right: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Character spans of the words that differ between two versions of a line.

    Nothing is marked when the two share less than half their words, or when the
    lines are so long that comparing them word by word would keep the author waiting.
    """
    lw = [m.span() for m in _WORDS.finditer(left)]
    rw = [m.span() for m in _WORDS.finditer(right)]
    matcher = difflib.SequenceMatcher(
        None, [left[s:e] for s, e in lw], [right[s:e] for s, e in rw], autojunk=False
    )
    if len(lw) * len(rw) > MAX_WORD_PAIRS or matcher.ratio() < REWRITTEN:
        return (), ()  # a different sentence altogether: marking every word is only noise
    left_spans: list[Span] = []
    right_spans: list[Span] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            left_spans += _trimmed(left, lw[i1][0], lw[i2 - 1][1])
        if j2 > j1:
            right_spans += _trimmed(right, rw[j1][0], rw[j2 - 1][1])
    return tuple(left_spans), tuple(right_spans)


def _trimmed(text: str, start: int, end: int) -> list[Span]:
    """The span without the spaces at its ends (nothing when it is only spaces)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [Span(start, end)] if end > start else []


def _fold(rows: list[Row], context: int) -> list[Row | Fold]:
    keep = [False] * len(rows)
    for index, row in enumerate(rows):
        if row.tag != "equal":
            for k in range(max(0, index - context), min(len(rows), index + context + 1)):
                keep[k] = True
    result: list[Row | Fold] = []
    hidden = 0
    for row, kept in zip(rows, keep, strict=True):
        if kept:
            if hidden:
                result.append(Fold(hidden))
                hidden = 0
            result.append(row)
        else:
            hidden += 1
    if hidden:
        result.append(Fold(hidden))
    return result
