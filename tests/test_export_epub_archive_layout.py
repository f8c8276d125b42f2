"""EPUB laid out as the Archive's own downloads: labels, pointers, dates, one-shots,
catalogue subjects and a toc.ncx, still epubcheck-clean and reproducible."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from studio.export.epub import build_epub
from studio.export.selection import select
from studio.story import Project
from studio.story.posting import mark_posted
from tests.export_helpers import epubcheck
from tests.export_support import copy_sample
from tests.test_export_epub import assert_clean_report, needs_epubcheck, plain

NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def _pages(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return {n: book.read(n).decode("utf-8") for n in book.namelist() if n != "mimetype"}


@pytest.fixture
def dated(tmp_path: Path) -> Project:
    """The sample with chapters posted on three days, and tags that take plurals."""
    project = copy_sample(tmp_path)
    project.work.warnings = ["Graphic Depictions Of Violence", "Major Character Death"]
    project.work.categories = ["F/M", "Gen"]
    days = [dt.date(2026, 10, 1), dt.date(2026, 10, 9), dt.date(2026, 11, 2)]
    for chapter, day in zip(project.chapters, days, strict=True):
        mark_posted(project, chapter, day=day)
    project.save()
    return Project.load(project.root)


def test_plural_labels_dates_and_subjects(dated: Project) -> None:
    pages = _pages(build_epub(dated))
    preface = plain(pages["OEBPS/preface.xhtml"])
    assert "Archive Warnings: Graphic Depictions Of Violence, Major Character Death" in preface
    assert "Categories: F/M, Gen" in preface and "Fandom: Original Work" in preface
    assert "Rating: Teen And Up Audiences" in preface  # one rating: singular
    assert "Stats: Published: 2026-10-01 Completed: 2026-11-02 Words:" in preface
    opf = pages["OEBPS/content.opf"]
    subjects = re.findall(r"<dc:subject>([^<]+)</dc:subject>", opf)
    work = dated.work
    assert subjects[: 1 + 2 + 2] == [work.rating, *work.warnings, *work.categories]
    assert set(work.fandoms + work.tags) <= set(subjects)


def test_in_progress_work_says_updated(dated: Project) -> None:
    dated.work.status = "in-progress"
    preface = plain(_pages(build_epub(dated))["OEBPS/preface.xhtml"])
    assert "Published: 2026-10-01 Updated: 2026-11-02" in preface
    assert "Chapters: 3/?" in preface


def test_pointers_to_the_end_notes_link_to_them(dated: Project) -> None:
    dated.chapters[1].end_notes = "An end note for chapter two."
    pages = _pages(build_epub(dated))
    two = pages["OEBPS/chapter-002.xhtml"]
    assert "See the end of the chapter for more notes" in plain(two)  # it has notes too
    assert 'href="#endnotes2"' in two and 'id="endnotes2"' in two
    three = plain(pages["OEBPS/chapter-003.xhtml"])
    assert "See the end of the chapter for notes" in three  # end notes only
    preface = pages["OEBPS/preface.xhtml"]
    assert "See the end of the work for more notes" in plain(preface)
    assert 'href="afterword.xhtml#end-notes"' in preface
    assert 'id="end-notes"' in pages["OEBPS/afterword.xhtml"]


def test_toc_ncx_lists_what_the_nav_lists(dated: Project) -> None:
    pages = _pages(build_epub(dated))
    ncx = ElementTree.fromstring(pages["OEBPS/toc.ncx"])
    points = [
        (p.findtext(f"{NCX}navLabel/{NCX}text"), p.find(f"{NCX}content").get("src"))  # type: ignore[union-attr]
        for p in ncx.iter(f"{NCX}navPoint")
    ]
    nav = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', pages["OEBPS/nav.xhtml"])
    assert points == [(label, href) for href, label in nav]
    assert 'toc="ncx"' in pages["OEBPS/content.opf"]


def test_a_one_shot_has_no_chapter_heading(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    for _ in range(len(project.chapters) - 1):
        project.remove_chapter(1)
    project.work.status = "complete"
    project.save()
    one = Project.load(project.root)
    pages = _pages(build_epub(one))
    chapter = plain(pages["OEBPS/chapter-001.xhtml"])
    assert chapter.startswith(f"{one.work.title} ")
    assert "Chapter 1" not in chapter and "Chapter 1" not in pages["OEBPS/nav.xhtml"]
    one.work.status = "in-progress"  # a work in progress keeps "Chapter 1"
    assert plain(_pages(build_epub(one))["OEBPS/chapter-001.xhtml"]).startswith("Chapter 1:")


def test_a_selection_keeps_the_story_numbers(dated: Project) -> None:
    pages = _pages(build_epub(select(dated, [2, 3])))
    assert plain(pages["OEBPS/chapter-001.xhtml"]).startswith("Chapter 2: Low Tide")
    assert "Chapter 3: Harbour Lights" in pages["OEBPS/nav.xhtml"]


@needs_epubcheck
def test_epubcheck_clean_and_reproducible(dated: Project, tmp_path: Path) -> None:
    dated.chapters[1].end_notes = "An end note."
    first = build_epub(dated)
    assert build_epub(dated) == first
    paths = []
    for name, data in (("dated", first), ("part", build_epub(select(dated, [2])))):
        path = tmp_path / f"{name}.epub"
        path.write_bytes(data)
        paths.append(path)
    for report in epubcheck(*paths):
        assert_clean_report(report)
