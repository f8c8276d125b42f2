"""Anchors stay on their words through any edit, or are detached with their quote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.review.anchor import CONTEXT, Anchor, Edit, locate, make_anchor, shift

WORDS = st.lists(
    st.sampled_from(["the", "sea", "lamp", "Maren", "radio", "hold", "light", ",", ".", "\n\n"]),
    min_size=4,
    max_size=60,
)
INSERTED = st.text(alphabet="abcdefghij klm,.\n", max_size=40)


def text_of(words: list[str]) -> str:
    return " ".join(words)


@st.composite
def anchored_edit(draw: st.DrawFn) -> tuple[str, int, int, int, int, str]:
    """A text, a range in it, and an edit (start, removed length, inserted text)."""
    text = text_of(draw(WORDS))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    edit_start = draw(st.integers(0, len(text)))
    removed = draw(st.integers(0, len(text) - edit_start))
    return text, start, end, edit_start, removed, draw(INSERTED)


def apply(text: str, at: int, removed: int, inserted: str) -> str:
    return text[:at] + inserted + text[at + removed :]


@given(anchored_edit())
@settings(max_examples=400)
def test_shift_keeps_every_anchor_on_its_words_or_detaches_it(
    case: tuple[str, int, int, int, int, str],
) -> None:
    text, start, end, at, removed, inserted = case
    anchor = make_anchor(text, start, end)
    new_text = apply(text, at, removed, inserted)
    moved = shift(anchor, Edit(at, removed, len(inserted)), new_text)
    edit_end = at + removed
    if moved.detached:
        # Only an edit that removed every quoted character may detach it; the quote stays.
        assert not anchor.is_point
        assert at <= start and edit_end >= end
        assert moved.exact == anchor.exact
        return
    assert new_text[moved.start : moved.end] == moved.exact
    if anchor.is_point:
        # A caret: text typed or replaced at it goes before it, as with a text cursor.
        expected = start if at > start else start + len(inserted) - removed
        if at <= start < edit_end:
            expected = at + len(inserted)
        assert (moved.start, moved.exact) == (expected, "")
        return
    if edit_end <= start:
        assert moved.start == start + len(inserted) - removed
    if at >= end:
        assert (moved.start, moved.exact) == (start, anchor.exact)
    if edit_end <= start or at >= end:
        assert moved.exact == anchor.exact  # untouched words stay exactly the same
    else:
        # The edit was inside or across the range: what is left of the old words is kept.
        kept = text[start:end]
        assert moved.exact.startswith(kept[: max(0, at - start)])


@given(anchored_edit())
@settings(max_examples=400)
def test_locate_after_an_outside_edit_finds_the_words_or_detaches(
    case: tuple[str, int, int, int, int, str],
) -> None:
    """An edit made in another editor: the anchor is searched for, not moved."""
    text, start, end, at, removed, inserted = case
    anchor = make_anchor(text, start, end)
    new_text = apply(text, at, removed, inserted)
    found = locate(anchor, new_text)
    if found.detached:
        assert (found.exact, found.prefix, found.suffix) == (
            anchor.exact,
            anchor.prefix,
            anchor.suffix,
        )  # nothing of the quote is lost
        low, high = start - len(anchor.prefix), end + len(anchor.suffix)
        assert low <= at + removed and at <= high  # only an edit near its words detaches it
        return
    assert new_text[found.start : found.end] == found.exact
    window_start, window_end = start - len(anchor.prefix), end + len(anchor.suffix)
    untouched = at + removed < window_start or at > window_end
    window = anchor.prefix + anchor.exact + anchor.suffix
    if untouched and new_text.count(window) == 1 and anchor.exact:
        shifted = start + (len(inserted) - removed if at + removed <= start else 0)
        assert (found.start, found.exact) == (shifted, anchor.exact)


def test_a_rewritten_quote_is_found_by_its_context() -> None:
    text = "She climbed the stairs to the lamp room and looked out over the dark water."
    start = text.index("looked out")
    anchor = make_anchor(text, start, start + len("looked out over"))
    edited = text.replace("looked out over", "stared out across")
    found = locate(anchor, edited)
    assert not found.detached
    assert found.exact == "stared out across"


def test_a_quote_that_is_gone_is_detached_and_kept() -> None:
    text = "Nobody called the station any more. " * 2 + "She told her self it was duty."
    start = text.index("her self")
    anchor = make_anchor(text, start, start + len("her self"))
    found = locate(anchor, "An entirely new chapter, written from scratch.")
    assert found.detached
    assert found.exact == "her self"


def test_repeated_words_are_told_apart_by_context() -> None:
    text = "hold the light, hold it high; hold the rope, hold it tight"
    second = text.index("hold", 20)
    anchor = make_anchor(text, second, second + 4)
    edited = "Then: " + text
    assert locate(anchor, edited).start == second + len("Then: ")


def test_a_point_is_found_between_its_neighbours() -> None:
    text = "The lamp turned above her head the way it had turned every night."
    at = text.index(" every")
    anchor = make_anchor(text, at, at)
    edited = "Once. " + text
    found = locate(anchor, edited)
    assert (found.start, found.end, found.detached) == (at + 6, at + 6, False)


def test_context_is_bounded() -> None:
    text = "x" * 500
    anchor = make_anchor(text, 200, 210)
    assert len(anchor.prefix) == len(anchor.suffix) == CONTEXT
    assert isinstance(anchor, Anchor)


@st.composite
def suggestions_case(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]], list[int]]:
    """A text, disjoint ranges with replacements (gaps between them), an accept order."""
    text = text_of(draw(WORDS))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), min_size=2, max_size=12)))
    ranges = []
    for a, b in zip(cuts[::2], cuts[1::2], strict=False):
        if ranges and a <= ranges[-1][1]:
            continue
        replacement = draw(INSERTED)
        if a == b and not replacement:
            replacement = "x"
        ranges.append((a, b, replacement))
    order = draw(st.permutations(list(range(len(ranges)))))
    return text, ranges, order


@given(suggestions_case())
@settings(max_examples=300)
def test_accepting_in_any_order_is_applying_them_all(
    case: tuple[str, list[tuple[int, int, str]], list[int]],
) -> None:
    from studio.review.model import ChapterReview

    text, ranges, order = case
    review = ChapterReview("chapters/x.md")
    ids = [review.add_suggestion(text, a, b, r, "A").id for a, b, r in ranges]
    note = review.add_comment(text, 0, min(2, len(text)), "note", "B")
    expected = text
    for a, b, r in reversed(ranges):
        expected = expected[:a] + r + expected[b:]
    current = text
    for index in order:
        current = review.accept(ids[index], current)
    assert current == expected
    anchor = note.anchor
    assert anchor.detached or current[anchor.start : anchor.end] == anchor.exact
