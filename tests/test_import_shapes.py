"""Smaller shapes of real fic files, written inline; each also passes the word check."""

from __future__ import annotations

import zipfile
from pathlib import Path

from studio.importers import ImportPlan, import_fic
from studio.story import BlockKind, Project, parse_blocks
from tests.import_support import assert_no_word_lost, html_text

SOURCES = Path(__file__).parent / "fixtures" / "import" / "sources"


def imported(tmp_path: Path, text: str, name: str = "fic.txt") -> tuple[ImportPlan, Project]:
    fic = tmp_path / name
    fic.write_text(text, encoding="utf-8")
    plan, project = import_fic([fic], tmp_path / "story")
    assert_no_word_lost(plan, project, html_text(text) if name.endswith(".html") else text)
    return plan, project


def test_title_and_byline_above_the_labels(tmp_path: Path) -> None:
    _, project = imported(
        tmp_path,
        "Paper Boats\nby inkwell\n\nRating: PG-13\nSummary: A short one.\n\n"
        "The boats went out at dawn.\nShe watched them go.\n",
    )
    work = project.work
    assert (work.title, work.authors, work.source_rating) == ("Paper Boats", ["inkwell"], "PG-13")
    assert work.summary == "A short one."
    text = project.read_chapter(project.chapters[0])
    assert text == "The boats went out at dawn.\n\nShe watched them go.\n"


def test_a_title_is_one_line_even_without_a_blank_line_after(tmp_path: Path) -> None:
    _, project = imported(tmp_path, "Title: Quick\nThe story starts at once.\n\nAnd goes on.\n")
    assert project.work.title == "Quick"
    assert project.read_chapter(project.chapters[0]).startswith("The story starts at once.")


def test_summary_of_two_paragraphs_keeps_them(tmp_path: Path) -> None:
    _, project = imported(
        tmp_path,
        "Title: Long Summary\nSummary:\nThe first part.\n\nThe second part.\n\nRating: G\n\n"
        "~*~\n\nChapter 1: Start\n\nText here.\n",
    )
    assert project.work.summary == "The first part.\n\nThe second part."
    assert [c.title for c in project.chapters] == ["Start"]


def test_bold_author_note_and_headings_right_above_the_text(tmp_path: Path) -> None:
    plan, project = imported(
        tmp_path,
        "Title: Bold Notes\n\nChapter 1\n**A/N:** a bold note\n\nShe ran.\n\n"
        "*I will wait for you,*\n*by the water blue,*\n\nShe stopped.\n\nChapter 2\nThe end.\n",
    )
    chapters = project.chapters
    assert [(c.title, c.notes) for c in chapters] == [("", "a bold note"), ("", "")]
    assert project.read_chapter(chapters[1]) == "The end.\n"
    [block] = [
        b for b in parse_blocks(project.read_chapter(chapters[0])) if b.kind is BlockKind.LYRICS
    ]
    assert block.lines == ("I will wait for you,", "by the water blue,")
    assert project.songs[block.song or ""].title == ""  # not credited: the author is asked
    assert any("not credited anywhere" in u.message for u in plan.unsure)


def test_one_italic_line_is_emphasis_not_lyrics(tmp_path: Path) -> None:
    _, project = imported(tmp_path, "Title: Thought\n\nShe looked up.\n\n*Not again.*\n\nIt was.\n")
    text = project.read_chapter(project.chapters[0])
    assert "*Not again.*" in text and ":::" not in text and not project.songs


def test_markdown_lookalikes_stay_text(tmp_path: Path) -> None:
    _, project = imported(
        tmp_path,
        "Title: Lists\n\n# not a heading\n- not a list\n1. not a list either\n"
        '::: {.lyrics song="x"}\n> not a quote\n',
    )
    blocks = parse_blocks(project.read_chapter(project.chapters[0]))
    assert {b.kind for b in blocks} == {BlockKind.PARAGRAPH}


def test_ao3_one_shot_with_centred_italic_lyrics(tmp_path: Path) -> None:
    page = (
        '<!DOCTYPE html><html><head><title>X</title></head><body><div id="preface">'
        '<div class="meta"><dl class="tags"><dt>Rating:</dt><dd><a href="#">General'
        " Audiences</a></dd></dl><h1>Small Hours</h1>"
        '<div class="byline">by <a rel="author" href="#">owl</a></div></div></div>'
        '<div id="chapters" class="userstuff"><div class="userstuff"><p>She woke at three.</p>'
        '<p style="text-align:center"><em>Hush now, hush now,<br/>the kettle is on.</em></p>'
        "<p>Nobody answered.</p></div></div></body></html>"
    )
    _, project = imported(tmp_path, page, "work.html")
    assert (project.work.title, project.work.authors) == ("Small Hours", ["owl"])
    [chapter] = project.chapters
    text = project.read_chapter(chapter)
    assert text.startswith("She woke at three.\n\n::: {.lyrics song=")
    assert "Hush now, hush now,\nthe kettle is on.\n:::" in text


def test_ao3_text_in_an_unexpected_place_is_kept(tmp_path: Path) -> None:
    page = (
        '<html><body><div id="preface"><div class="meta"><h1>Odd Layout</h1>'
        "<p>A paragraph the layout does not expect.</p></div></div>"
        '<div id="chapters" class="userstuff">'
        '<div class="meta group"><h2 class="heading">Chapter 1</h2>'
        "<p>Posted late, sorry.</p></div>"
        '<div class="userstuff"><p>The text itself.</p></div>'
        '<div class="meta group"><p>Thanks for reading.</p></div>'
        "</div></body></html>"
    )
    _, project = imported(tmp_path, page, "work.html")
    assert project.work.notes == "A paragraph the layout does not expect."
    [chapter] = project.chapters
    assert (chapter.title, chapter.notes, chapter.end_notes) == (
        "",
        "Posted late, sorry.",
        "Thanks for reading.",
    )


def test_epub_split_inside_the_chapters_wrapper(tmp_path: Path) -> None:
    """E-book makers split long files, repeating the wrapping <div id="chapters">."""
    html = (SOURCES / "ao3-download.html").read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1].split("</body>", 1)[0]
    preface, rest = body.split('<div id="chapters" class="userstuff">', 1)
    chapters, afterword = rest.split('<div id="afterword">', 1)
    first, second = chapters.rsplit("</div>", 1)[0].split("<!-- chapter -->")[1:]
    parts = [
        preface + f'<div id="chapters" class="userstuff">{first}</div>',
        f'<div id="chapters" class="userstuff">{second}</div><div id="afterword">{afterword}',
    ]
    epub = tmp_path / "split.epub"
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr(
            "META-INF/container.xml",
            '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="content.opf"/></rootfiles></container>',
        )
        items = "".join(f'<item id="p{i}" href="part{i}.xhtml"/>' for i in range(2))
        refs = "".join(f'<itemref idref="p{i}"/>' for i in range(2))
        archive.writestr(
            "content.opf",
            '<package xmlns="http://www.idpf.org/2007/opf">'
            f"<manifest>{items}</manifest><spine>{refs}</spine></package>",
        )
        for i, part in enumerate(parts):
            archive.writestr(f"part{i}.xhtml", f"<html><body>{part}</body></html>")
    _, split = import_fic([epub], tmp_path / "split")
    _, whole = import_fic([SOURCES / "ao3-download.html"], tmp_path / "whole")
    assert split.toml_text() == whole.toml_text()
    assert [split.read_chapter(c) for c in split.chapters] == [
        whole.read_chapter(c) for c in whole.chapters
    ]


def test_chapter_title_on_the_line_below_and_a_rating_with_a_reason(tmp_path: Path) -> None:
    _, project = imported(
        tmp_path,
        "Title: Two Lines\nRating: T (for language)\n\nChapter 1\nThe Signal\n\n"
        "The lamp turned.\n\nChapter 2\n\nShe said it twice.\nThen once more.\n",
    )
    assert [c.title for c in project.chapters] == ["The Signal", ""]
    assert project.work.rating == "Teen And Up Audiences"
    assert project.work.source_rating == "T (for language)"


def test_plain_verse_above_an_attribution_takes_no_dialogue_with_it(tmp_path: Path) -> None:
    _, project = imported(
        tmp_path,
        'Title: Plain\n\n"Where are you going?" he asked.\n\n"Out."\n\n'
        "Hold the light for me\nHold it till the morning\n"
        "- “Harbour Lights”, The Tidewater Band\n\nShe went.\n",
    )
    text = project.read_chapter(project.chapters[0])
    assert text.startswith('"Where are you going?" he asked.\n\n"Out."\n\n::: {.lyrics')
    assert "Hold the light for me\nHold it till the morning\n:::" in text
    assert project.songs["harbour-lights"].artist == "The Tidewater Band"
