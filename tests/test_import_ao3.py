"""AO3 downloads as the Archive builds them: the HTML download from its templates, and
the EPUB calibre makes from it with the Archive's options (tests/fixtures/import/
make_ao3.py). Every expectation is derived from the invented works the generator
wrote, so the test checks each field landed where it belongs, not one file's text."""

from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.importers import detect, import_fic
from studio.story import BlockKind, Project, parse_blocks
from tests.import_support import assert_no_word_lost, input_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"
sys.path.insert(0, str(FIXTURES))
import make_ao3  # noqa: E402  (the generator is the fixtures' source of truth)

AO3 = FIXTURES / "ao3"
WORKS = {work.slug: work for work in make_ao3.WORKS}
HELD_OUT = {"ao3-held-out-kaze"}  # not looked at while the reader was written
CASES = [(slug, fmt) for slug in WORKS for fmt in ("html", "epub")]
LABELS = ("Chapter Summary", "Chapter Notes", "Chapter End Notes", "See the end of", "Posted")
LANGUAGE_CODES = {
    "English": "en",
    "Русский": "ru",
    "Deutsch": "de",
    "Español": "es",
    "日本語": "ja",
}


def plain(markup: str) -> str:
    """The words of a bit of the generator's HTML, as one line."""
    inline = re.sub(r"</?(?:a|em|i|b|strong)\b[^>]*>", "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def unmarked(markdown: str) -> str:
    """Markdown back to its words: links, emphasis and hard breaks taken off."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = text.replace("\\\n", " ").replace("*", "")
    return " ".join(text.split())


def imported(slug: str, fmt: str, tmp_path: Path) -> tuple[object, Project]:
    return import_fic([AO3 / f"{slug}.{fmt}"], tmp_path / f"{slug}-{fmt}")


@pytest.mark.parametrize(("slug", "fmt"), CASES)
def test_every_field_lands_where_it_belongs(slug: str, fmt: str, tmp_path: Path) -> None:
    work = WORKS[slug]
    plan, project = imported(slug, fmt, tmp_path)
    got = project.work
    assert got.title == work.title
    assert got.authors == work.authors
    assert got.rating == work.rating and got.source_rating == ""
    assert got.warnings == work.warnings
    assert got.categories == work.categories
    assert got.fandoms == work.fandoms
    assert got.relationships == work.relationships
    assert got.characters == work.characters
    assert got.tags == work.tags
    assert got.language == LANGUAGE_CODES[work.language]
    assert unmarked(got.summary) == plain(work.summary)
    assert unmarked(got.notes) == plain(work.notes)
    assert unmarked(got.end_notes) == plain(work.end_notes)
    complete = work.expected_chapters in ("", str(len(work.chapters)))
    assert got.status == ("complete" if complete else "in-progress")
    table = project.doc["work"]
    assert [(s["name"], s["part"]) for s in table.get("series", [])] == [
        (name, part) for part, name in work.series
    ]
    assert list(table.get("collections", [])) == work.collections
    one_shot = len(work.chapters) == 1
    chapters = project.chapters
    assert len(chapters) == len(work.chapters)
    for chapter, source in zip(chapters, work.chapters, strict=True):
        # A one-shot's chapter is untitled: the heading only repeated the work's title.
        assert chapter.title == ("" if one_shot else source.title)
        assert unmarked(chapter.summary) == plain(source.summary)
        assert unmarked(chapter.notes) == plain(source.notes)
        assert unmarked(chapter.end_notes) == plain(source.end_notes)
        text = project.read_chapter(chapter)
        for label in LABELS:
            assert label not in text
        assert unmarked(_prose(text)) == plain(_without_lyrics(source.body))
    assert not [u for u in plan.unsure if "not laid out like an AO3" in u.message]  # type: ignore[attr-defined]


def _prose(markdown: str) -> str:
    """The chapter's text without lyrics blocks, list marks and scene breaks."""
    kept = []
    for block in parse_blocks(markdown):
        if block.kind in (BlockKind.LYRICS, BlockKind.SCENE_BREAK):
            continue
        kept.append(re.sub(r"(?m)^(?:- |\d+\. )", "", block.text))
    return " ".join(kept)


def _without_lyrics(body: str) -> str:
    """The generator's chapter HTML without its italic verse paragraphs and rules."""
    body = re.sub(r"<p><em>[^<]*(?:<br/>[^<]*)+</em></p>", " ", body)
    return body.replace("<hr/>", " ")


@pytest.mark.parametrize(("slug", "fmt"), CASES)
def test_no_word_is_lost(slug: str, fmt: str, tmp_path: Path) -> None:
    plan, project = imported(slug, fmt, tmp_path)
    assert_no_word_lost(plan, project, input_text(AO3 / f"{slug}.{fmt}"))  # type: ignore[arg-type]


@pytest.mark.parametrize("slug", list(WORKS))
def test_html_and_epub_give_the_same_project(slug: str, tmp_path: Path) -> None:
    _, from_html = imported(slug, "html", tmp_path)
    _, from_epub = imported(slug, "epub", tmp_path)
    assert from_html.toml_text() == from_epub.toml_text()
    assert [from_html.read_chapter(c) for c in from_html.chapters] == [
        from_epub.read_chapter(c) for c in from_epub.chapters
    ]


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_songs_hard_breaks_links_and_lists(fmt: str, tmp_path: Path) -> None:
    _, project = imported("ao3-lighthouse-letters", fmt, tmp_path)
    song = project.songs["dont-mind-the-weather"]
    assert (song.title, song.artist) == ("Don't Mind the Weather", "The Gannet Choir")
    first, second = (project.read_chapter(c) for c in project.chapters)
    blocks = [b for t in (first, second) for b in parse_blocks(t) if b.kind is BlockKind.LYRICS]
    assert [(b.song, len(b.lines)) for b in blocks] == [
        ("dont-mind-the-weather", 4),
        ("dont-mind-the-weather", 2),
    ]
    # The letter's <br>s are hard breaks: one paragraph, four lines.
    assert "Dear keeper,\\\nYour lamp kept me off the Mewstone last night.\\\n" in first
    assert "[harbour trust](https://example.org/harbour-trust)" in second
    assert "- one jar of the good marmalade\n- a spare wick, just in case\n" in second
    assert "[tern](https://example.org/tern)" in project.work.notes
    assert project.doc["spelling"]["dictionary"] == "en_GB"  # colour, grey, realised, harbour


def test_file_names_keep_word_boundaries_in_any_script(tmp_path: Path) -> None:
    _, project = imported("ao3-sol-i-shum", "epub", tmp_path)
    assert [c.file for c in project.chapters] == ["chapters/01-sol-i-shum.md"]
    text = (project.root / "story.toml").read_text(encoding="utf-8")
    assert 'status = "complete" # or "in-progress"' in text
    _, project = imported("ao3-winterlicht", "html", tmp_path)
    text = (project.root / "story.toml").read_text(encoding="utf-8")
    assert 'status = "in-progress" # or "complete"' in text


def test_json_report_names_series_and_dictionary(tmp_path: Path) -> None:
    plan = detect([AO3 / "ao3-lighthouse-letters.epub"])
    report = plan.as_json()
    assert report["series"] == [{"name": "Salt Roads", "part": 2}]
    assert report["dictionary"] == "en_GB" and "colour" in report["dialect_evidence"]


@pytest.mark.skipif(
    shutil.which("ebook-convert") is None, reason="calibre's ebook-convert is not installed"
)
@pytest.mark.slow
def test_fixtures_regenerate_with_the_real_calibre(tmp_path: Path) -> None:
    """The committed fixtures are what the generator makes today with calibre; the
    regenerated EPUBs import to the same projects as the committed ones."""
    make_ao3.main(tmp_path / "fresh", formats=("epub",))
    for slug in WORKS:
        fresh_html = (tmp_path / "fresh" / f"{slug}.html").read_text(encoding="utf-8")
        assert fresh_html == (AO3 / f"{slug}.html").read_text(encoding="utf-8")
        _, committed = imported(slug, "epub", tmp_path)
        _, fresh = import_fic([tmp_path / "fresh" / f"{slug}.epub"], tmp_path / f"{slug}-fresh")
        assert fresh.toml_text() == committed.toml_text()
        assert [fresh.read_chapter(c) for c in fresh.chapters] == [
            committed.read_chapter(c) for c in committed.chapters
        ]


CALIBRE = pytest.mark.skipif(
    shutil.which("ebook-convert") is None, reason="calibre's ebook-convert is not installed"
)


@CALIBRE
@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["azw3", "mobi"])
@pytest.mark.parametrize("slug", list(WORKS))
def test_kindle_books_give_the_same_project_as_the_html(
    slug: str, fmt: str, tmp_path: Path
) -> None:
    """AZW3 and MOBI, as calibre makes them for the Archive, read through calibre: the
    same project as the HTML download (MOBI's markup has no tag list, no headings and no
    ids, only labelled paragraphs and bold lines: the reader goes by those)."""
    plan, kindle = imported(slug, fmt, tmp_path)
    _, page = imported(slug, "html", tmp_path)
    assert kindle.toml_text() == page.toml_text()
    assert [kindle.read_chapter(c) for c in kindle.chapters] == [
        page.read_chapter(c) for c in page.chapters
    ]
    assert plan.sources[0].kind == "ao3-kindle"  # type: ignore[attr-defined]


def test_a_kindle_book_without_calibre_is_refused_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no ebook-convert to be found
    with pytest.raises(StudioError, match="Kindle book") as caught:
        detect([AO3 / "ao3-sol-i-shum.azw3"])
    assert "Install calibre" in (caught.value.hint or "")


def test_the_storys_own_short_lines_are_never_taken_for_a_contents_page(tmp_path: Path) -> None:
    """A contents page is found by its entries; a story whose own lines read "Preface"
    and "Afterword" keeps every one of them."""
    source = FIXTURES / "shapes" / "short-lines-named-like-contents.html"
    plan, project = import_fic([source], tmp_path / "story")
    text = project.read_chapter(project.chapters[0])
    assert text == "Short.\n\nPreface\n\nLines.\n\nAfterword\n\nEnd.\n"
    assert_no_word_lost(plan, project, input_text(source))
