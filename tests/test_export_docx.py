"""The DOCX export, opened again with python-docx and checked for structure."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from studio.export import EXPORTERS
from studio.export.docx import CREDIT_STYLE, LYRICS_STYLE, SCENE_BREAK_STYLE, export_docx
from studio.lyrics.credit import song_credit
from studio.story import Project
from tests.export_support import copy_sample


def _export(project: Project, tmp_path: Path) -> docx.document.Document:
    out = tmp_path / "out.docx"
    assert export_docx(project, out) == [out]
    return docx.Document(str(out))


def _set_credit(project: Project, where: str) -> Project:
    project.doc["lyrics"] = {"credit": where}
    project.save()
    return Project.load(project.root)


def _all_text(document: docx.document.Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_registered() -> None:
    assert EXPORTERS["docx"] is export_docx


def test_styles_headings_and_page_breaks(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    document = _export(project, tmp_path)
    paragraphs = document.paragraphs
    names = {style.name for style in document.styles}
    assert {"Title", "Heading 1", "Heading 2", "Quote", LYRICS_STYLE, CREDIT_STYLE} <= names
    assert document.styles[LYRICS_STYLE].base_style.name == "Quote"

    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Salt and Static"
    assert paragraphs[1].style.name == "Subtitle" and paragraphs[1].text == "by quillfeather"
    assert document.core_properties.title == "Salt and Static"
    assert document.core_properties.author == "quillfeather"

    headings = [p for p in paragraphs if p.style.name == "Heading 1"]
    assert [h.text for h in headings] == [
        "Chapter 1: The Signal",
        "Chapter 2: Low Tide",
        "Chapter 3: Harbour Lights",
        "Afterword",
    ]
    # A page break before every chapter (and the afterword), and nowhere else.
    breaks = [p for p in paragraphs if p.paragraph_format.page_break_before]
    assert breaks == headings

    # The preface: the work's fields with their labels in bold runs.
    rating = next(p for p in paragraphs if p.text.startswith("Rating:"))
    assert rating.runs[0].bold and rating.text == "Rating: Teen And Up Audiences"
    assert "Summary" in [p.text for p in paragraphs if p.style.name == "Heading 2"]

    # Chapter notes inside their chapter: chapter 2's note comes after its heading.
    texts = [p.text for p in paragraphs]
    assert texts.index("A short one, sorry! The next chapter is longer.") > texts.index(
        "Chapter 2: Low Tide"
    )
    assert any(p.style.name == SCENE_BREAK_STYLE and p.text == "* * *" for p in paragraphs)
    # The language Word spell-checks in.
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en"


def test_italics_are_runs_and_lyrics_are_quote_styled(tmp_path: Path) -> None:
    document = _export(copy_sample(tmp_path), tmp_path)
    runs = [r for p in document.paragraphs for r in p.runs]
    assert any(r.text == "Morning Star" and r.italic for r in runs)
    assert not any("*" in r.text for r in runs if r.text != "* * *")

    stanzas = [p for p in document.paragraphs if p.style.name == LYRICS_STYLE]
    assert len(stanzas) == 3  # three quotations of one stanza each
    # Four verse lines: three line breaks inside the one paragraph.
    assert stanzas[0].text.split("\n") == [
        "Hold the light for me, hold it high,",
        "Hold it till the morning sky,",
        "Every boat that's lost at sea",
        "Follows harbour lights to me.",
    ]


@pytest.mark.parametrize(
    ("where", "under_blocks", "in_notes"),
    [("block", 3, 0), ("notes", 0, 1), ("both", 3, 1)],
)
def test_credit_written_once_where_the_story_says(
    tmp_path: Path, where: str, under_blocks: int, in_notes: int
) -> None:
    project = _set_credit(copy_sample(tmp_path), where)
    credit = song_credit(project.songs["harbour-lights"])
    document = _export(project, tmp_path)
    credit_paragraphs = [p for p in document.paragraphs if p.style.name == CREDIT_STYLE]
    assert [p.text for p in credit_paragraphs] == [f"— {credit}"] * under_blocks
    notes_lines = [p for p in document.paragraphs if p.text == f"Lyrics from {credit}."]
    assert len(notes_lines) == in_notes
    # Nowhere else: every occurrence of the credit is one of those.
    assert _all_text(document).count(credit) == under_blocks + in_notes


def test_story_without_end_notes_has_no_afterword(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    project.work.end_notes = ""
    project.save()
    document = _export(Project.load(project.root), tmp_path)
    assert "Afterword" not in [p.text for p in document.paragraphs]


@pytest.mark.parametrize(("dictionary", "paper"), [("en_GB", "A4"), ("en_US", "Letter")])
def test_paper_follows_the_story_region(tmp_path: Path, dictionary: str, paper: str) -> None:
    project = copy_sample(tmp_path)
    project.spelling.dictionary = dictionary
    project.save()
    section = _export(Project.load(project.root), tmp_path).sections[0]
    size = (round(section.page_width.mm), round(section.page_height.mm))
    assert size == {"A4": (210, 297), "Letter": (216, 279)}[paper]
