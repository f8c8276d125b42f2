"""FanFiction.Net: ratings mapped or refused, notes kept inside chapters, lyrics warned."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from studio.errors import StudioError
from studio.export import EXPORTERS
from studio.export.ffn import POSTING_NOTES, export_ffn, ffn_rating, lyrics_warning
from studio.story import Project
from tests.export_support import copy_sample

FFN_TAGS = {"html", "head", "meta", "title", "body", "p", "em", "strong", "br", "hr"}


def _rated(tmp_path: Path, rating: str, source: str = "") -> Project:
    project = copy_sample(tmp_path)
    project.work.rating = rating
    project.work.source_rating = source
    project.save()
    return Project.load(project.root)


@pytest.mark.parametrize(
    ("rating", "source", "expected"),
    [
        ("General Audiences", "", "K+"),
        ("General Audiences", "PG", "K+"),
        ("General Audiences", "K", "K"),
        ("General Audiences", "G", "K"),
        ("Teen And Up Audiences", "PG-13", "T"),
        ("Mature", "", "M"),
    ],
)
def test_ratings_map(tmp_path: Path, rating: str, source: str, expected: str) -> None:
    project = _rated(tmp_path, rating, source)
    assert ffn_rating(project) == expected
    files = export_ffn(project, tmp_path / "out")
    notes = files[0].read_text(encoding="utf-8")
    assert f"Rating: {expected} (the story's rating: {rating})" in notes


def test_explicit_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    project = _rated(tmp_path, "Explicit", "NC-17")
    with pytest.raises(StudioError) as caught:
        EXPORTERS["ffn"](project, tmp_path / "out")
    message = str(caught.value)
    assert "FanFiction.Net does not accept Explicit (MA) stories" in message
    assert "story.toml" in message and "Archive of Our Own" in message
    assert not (tmp_path / "out").exists()


def test_not_rated_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StudioError, match="needs a rating"):
        ffn_rating(_rated(tmp_path, "Not Rated"))


def test_one_document_pair_per_chapter_with_notes_inside(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    out = tmp_path / "ffn"
    files = export_ffn(project, out)
    names = [f.name for f in files]
    assert names == [
        POSTING_NOTES,
        "01-the-signal.docx",
        "01-the-signal.html",
        "02-low-tide.docx",
        "02-low-tide.html",
        "03-harbour-lights.docx",
        "03-harbour-lights.html",
    ]
    first = [p.text for p in docx.Document(str(out / "01-the-signal.docx")).paragraphs]
    assert first[0] == f"Disclaimer: {project.work.disclaimer}"
    assert first[1] == f"A/N: {project.work.notes}"
    assert first[2] == "Lyrics from “Harbour Lights” by The Tidewater Band."
    assert first[3] == "* * *"
    assert first[4].startswith("The lamp turned above her head")

    second = [p.text for p in docx.Document(str(out / "02-low-tide.docx")).paragraphs]
    assert second[0] == "A/N: A short one, sorry! The next chapter is longer."
    assert not any(t.startswith("Disclaimer") for t in second)

    last = [p.text for p in docx.Document(str(out / "03-harbour-lights.docx")).paragraphs]
    assert last[-2:] == [
        "A/N: And that's the end. Maren and Ezra say goodbye.",
        "A/N: Thank you for reading! Comments keep the lamp lit.",
    ]

    html = (out / "02-low-tide.html").read_text(encoding="utf-8")
    assert "<p>A/N: A short one, sorry! The next chapter is longer.</p>" in html
    assert "<p><em>Hold the light for me, hold it high,<br />" in html
    third = (out / "03-harbour-lights.html").read_text(encoding="utf-8")
    assert "<em>Morning Star</em>" in third


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


def test_html_uses_only_the_tags_ffn_keeps(tmp_path: Path) -> None:
    for path in export_ffn(copy_sample(tmp_path), tmp_path / "ffn"):
        if path.suffix == ".html":
            parser = _Tags()
            parser.feed(path.read_text(encoding="utf-8"))
            assert parser.tags <= FFN_TAGS, path.name


def test_lyrics_warning_only_when_lyrics_are_quoted(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    warning = lyrics_warning(project)
    assert warning is not None
    assert "“Harbour Lights” by The Tidewater Band" in warning
    assert "public domain" in warning
    files = export_ffn(project, tmp_path / "with")
    assert f"WARNING: {warning}" in files[0].read_text(encoding="utf-8")

    for chapter in project.chapters:
        text = project.read_chapter(chapter)
        kept = text.split("::: {.lyrics")[0]
        project.write_chapter(chapter, kept)
    assert lyrics_warning(project) is None
    files = export_ffn(project, tmp_path / "without")
    assert "WARNING" not in files[0].read_text(encoding="utf-8")


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "taken.txt"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(StudioError, match="writes a folder"):
        export_ffn(copy_sample(tmp_path), target)
    assert target.read_text(encoding="utf-8") == "mine"
