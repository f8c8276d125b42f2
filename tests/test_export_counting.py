"""The exporters' fast word count gives exactly `studio.story.count_words`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studio.export.counting import count_words
from studio.story.words import count_words as count_words_exactly

_PIECES = st.sampled_from(
    [*"aZ09 '’-_.,!?\"\n\t—–…‘“”\u00a0é", "don't", "well-known", "x-", "-y", "''", "a-b-c"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_same_count_as_the_story_model(text: str) -> None:
    assert count_words(text) == count_words_exactly(text)


def test_examples() -> None:
    assert count_words("She didn't—couldn't—say a well-known 'word'.") == 7
    assert count_words("a-b-c d'e’f x--y") == 4
    assert count_words("Café au lait") == 3  # letters outside ASCII: the exact count
    assert count_words("") == 0
