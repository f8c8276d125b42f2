from __future__ import annotations

import pytest

from studio.story import ARCHIVE_RATINGS, archive_rating
from studio.story.paths import slugify


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("G", "General Audiences"),
        ("pg", "General Audiences"),
        ("K", "General Audiences"),
        ("K+", "General Audiences"),
        ("PG-13", "Teen And Up Audiences"),
        ("PG-15", "Teen And Up Audiences"),
        ("T", "Teen And Up Audiences"),
        ("R", "Mature"),
        ("M", "Mature"),
        ("NC-17", "Explicit"),
        ("nc-18", "Explicit"),
        ("X", "Explicit"),
        ("MA", "Explicit"),
        ("Mature", "Mature"),
        ("teen and up audiences", "Teen And Up Audiences"),
        ("FR13", "Teen And Up Audiences"),
        ("whatever", "Not Rated"),
        ("", "Not Rated"),
    ],
)
def test_archive_rating(source: str, expected: str) -> None:
    assert archive_rating(source) == expected


@pytest.mark.parametrize("rating", ARCHIVE_RATINGS)
def test_archive_ratings_are_kept_whatever_their_case(rating: str) -> None:
    assert archive_rating(rating) == rating
    assert archive_rating(rating.upper()) == rating


def test_slugify() -> None:
    assert slugify("The Signal!") == "the-signal"
    assert slugify("Café Ω") == "cafe-o"  # other scripts are spelled in Latin letters
    assert slugify("Соль и шум") == "sol-i-shum"
    assert slugify("Johnlock—A Random Day") == "johnlock-a-random-day"  # words stay apart
    assert slugify("Don't Stop Me Now") == "dont-stop-me-now"  # an apostrophe joins
    assert slugify("???") == "chapter"
