"""A reviewed copy of the sample story, shared by the review export and import tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from studio.review import ChapterReview, load_review, save_review
from studio.review.ooxml import w
from studio.story import Project

CH1 = "chapters/01-the-signal.md"
CH2 = "chapters/02-low-tide.md"


def span(text: str, words: str) -> tuple[int, int]:
    at = text.index(words)
    return at, at + len(words)


def add_review(root: Path) -> dict[str, ChapterReview]:
    """Comments (one with a reply, one resolved, one across two paragraphs) and
    suggestions (replace, delete, insert) on the sample story's first two chapters."""
    project = Project.load(root)
    reviews = {}
    for chapter in project.chapters[:2]:
        text = project.read_chapter(chapter)
        review = load_review(project, chapter, text)
        if chapter.file == CH1:
            c = review.add_comment(text, *span(text, "ninety years"), "Too long?", "Ada Beta")
            review.reply(c.id, "It's a lighthouse, they last.", "quillfeather")
            start = text.index("At ten past two")
            end = text.index("She knew the song") + len("She knew the song")
            review.add_comment(text, start, end, "Across a scene break", "Bo Editor")
            done = review.add_comment(text, *span(text, "Mostly it was company."), "Nice", "Bo")
            review.resolve(done.id)
            review.add_suggestion(text, *span(text, "her self"), "herself", "Ada Beta")
            review.add_suggestion(text, *span(text, " the the"), " the", "Bo Editor")
            at = text.index("Maren sat up")
            review.add_suggestion(text, at, at, "Suddenly ", "Ada Beta")
        else:
            review.add_comment(text, *span(text, "definately"), "spelling", "Ada Beta")
            start, end = span(text, "definately")
            review.add_suggestion(text, start, end, "definitely", "Ada Beta")
        save_review(project, review)
        reviews[chapter.file] = review
    return reviews


def add_across(root: Path) -> None:
    """Suggestions across paragraphs: a join (the blank line deleted), a deletion from
    one paragraph into the next, and a new paragraph inserted."""
    project = Project.load(root)
    chapter = project.chapters[0]
    text = project.read_chapter(chapter)
    review = load_review(project, chapter, text)
    join = text.index("company.") + len("company.")
    review.add_suggestion(text, join, text.index("At ten past two"), "", "Ada Beta")
    start = text.index("It faded, came back")
    end = text.index("she asked the radio")
    review.add_suggestion(text, start, end, "", "Bo Editor")
    at = text.index("She wrote down")
    review.add_suggestion(text, at, at, "A new paragraph.\n\n", "Ada Beta")
    save_review(project, review)


def document_xml(docx: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(part))


def texts_of(element: etree._Element, tag: str) -> list[str]:
    return [
        "".join(t.text or "" for t in e.iter(w("t"), w("delText"))) for e in element.iter(w(tag))
    ]
