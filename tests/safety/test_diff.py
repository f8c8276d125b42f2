"""Side-by-side rows for the compare view (difflib): changed lines and the words in them."""

from __future__ import annotations

from studio.safety.diff import Fold, Row, count_changes, side_by_side, word_changes


def _para(n: int) -> str:
    return f"Paragraph {n} about the lighthouse and the radio."


def test_changed_inserted_and_deleted_paragraphs_line_up() -> None:
    mine = "\n\n".join([_para(1), _para(2), "Maren said nothing.", _para(4)]) + "\n"
    theirs = (
        "\n\n".join(
            [
                _para(1),
                "A new line from the other editor.",
                _para(2),
                "Maren said nothing at all.",
                _para(4),
            ]
        )
        + "\n"
    )
    rows = side_by_side(mine, theirs, context=10)
    assert all(isinstance(r, Row) for r in rows)
    pairs = [(r.tag, r.left, r.right) for r in rows if isinstance(r, Row)]
    assert ("insert", None, "A new line from the other editor.") in pairs
    assert ("replace", "Maren said nothing.", "Maren said nothing at all.") in pairs
    assert ("equal", _para(4), _para(4)) in pairs
    assert count_changes(rows) == 2
    [replaced] = [r for r in rows if isinstance(r, Row) and r.tag == "replace"]
    assert (replaced.left_no, replaced.right_no) == (5, 7)  # blank lines still count


def test_the_changed_words_are_marked() -> None:
    left, right = "The tide came in slowly.", "The tide rolled in slowly tonight."
    left_spans, right_spans = word_changes(left, right)
    assert [left[s.start : s.end] for s in left_spans] == ["came"]
    assert [right[s.start : s.end] for s in right_spans] == ["rolled", "tonight"]


def test_long_unchanged_stretches_fold() -> None:
    lines = [_para(n) for n in range(1, 41)]
    changed = list(lines)
    changed[20] = "Something else entirely."
    rows = side_by_side("\n\n".join(lines), "\n\n".join(changed), context=1)
    assert [type(r).__name__ for r in rows] == ["Fold", "Row", "Row", "Row", "Fold"]
    assert rows[0] == Fold(19) and rows[-1] == Fold(18)


def test_identical_texts_have_no_changes() -> None:
    text = "\n\n".join(_para(n) for n in range(5))
    rows = side_by_side(text, text)
    assert count_changes(rows) == 0
    assert rows == [Fold(5)]
