"""EPUB 3: epubcheck reports nothing, the layout is the Archive's, the build is reproducible."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from studio.errors import StudioError
from studio.export import EXPORTERS
from studio.export.epub import build_epub, identifier
from studio.story import Project, story_stats
from tests.export_helpers import EPUBCHECK_JAR, epubcheck, make_hostile

XHTML = "{http://www.w3.org/1999/xhtml}"

needs_epubcheck = pytest.mark.skipif(
    not EPUBCHECK_JAR.is_file() or shutil.which("java") is None,
    reason="epubcheck needs `apt-get install epubcheck default-jre-headless` (./bootstrap test)",
)


def assert_clean_report(report: str) -> None:
    assert "Messages: 0 fatals / 0 errors / 0 warnings / 0 infos" in report, report
    assert "ERROR" not in report and "WARNING" not in report, report


def text_of(archive: zipfile.ZipFile, name: str) -> str:
    return archive.read(name).decode("utf-8")


def plain(xhtml: str) -> str:
    """The page's text, as a reader shows it (one space between words)."""
    root = ElementTree.fromstring(xhtml)
    return " ".join("".join(root.find(f"{XHTML}body").itertext()).split())  # type: ignore[union-attr]


@pytest.mark.slow
@needs_epubcheck
def test_sample_and_hostile_epubs_pass_epubcheck_with_nothing_to_report(
    sample_copy: Path, tmp_path: Path
) -> None:
    """Both books are checked at once: each epubcheck run is a JVM start."""
    written = EXPORTERS["epub"](Project.load(sample_copy), tmp_path / "salt.epub")
    assert written == [tmp_path / "salt.epub"]
    hostile_copy = tmp_path / "hostile"
    shutil.copytree(sample_copy, hostile_copy)
    make_hostile(hostile_copy)
    out = tmp_path / "out"
    out.mkdir()
    [hostile] = EXPORTERS["epub"](Project.load(hostile_copy), out)
    assert hostile.name == "script-alert-t-script-salt-static.epub"

    for report in epubcheck(written[0], hostile):
        assert_clean_report(report)

    with zipfile.ZipFile(hostile) as book:
        chapter = text_of(book, "OEBPS/chapter-001.xhtml")
        preface = text_of(book, "OEBPS/preface.xhtml")
        opf = text_of(book, "OEBPS/content.opf")
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in chapter
    assert '<a href="https://example.org/?a=1&amp;b=2">a real one</a>' in chapter
    assert "javascript:" not in re.sub(r"\]\(javascript:alert\(\d\)\)", "", chapter)
    assert chapter.count("A very long line without breaks") == 6000
    assert '<h2 class="heading">Chapter 1: &lt;h1&gt;Chapter&lt;/h1&gt; &amp;</h2>' in chapter
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; Salt &amp; Static" in preface
    assert "<dc:language>und</dc:language>" in opf  # 'en" onload="x' is not a language tag
    for text in (chapter, preface, opf):
        assert not any(ch in text for ch in "\x00\x01\x02\x07\x0b\x1b\x1f\x85")


def test_layout_like_the_archives_downloads(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    words = story_stats(project).words
    data = build_epub(project)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = book.namelist()
        first = book.infolist()[0]
        assert (first.filename, first.compress_type, first.extra) == ("mimetype", 0, b"")
        assert book.read("mimetype") == b"application/epub+zip"
        assert names[1:] == sorted(names[1:])
        assert set(names) == {
            "mimetype",
            "META-INF/container.xml",
            "OEBPS/content.opf",
            "OEBPS/nav.xhtml",
            "OEBPS/toc.ncx",
            "OEBPS/style.css",
            "OEBPS/preface.xhtml",
            "OEBPS/chapter-001.xhtml",
            "OEBPS/chapter-002.xhtml",
            "OEBPS/chapter-003.xhtml",
            "OEBPS/afterword.xhtml",
        }
        pages = {name: text_of(book, name) for name in names if name.endswith(".xhtml")}
        opf = text_of(book, "OEBPS/content.opf")
        css = text_of(book, "OEBPS/style.css")

    preface = plain(pages["OEBPS/preface.xhtml"])
    assert preface.startswith(
        "Rating: Teen And Up Audiences Archive Warning: No Archive Warnings Apply "
        "Category: F/M Fandom: Original Work Relationship: Maren Holt/Ezra Vance "
        "Characters: Maren Holt, Ezra Vance, Old Tamsin "
        "Additional Tags: Lighthouse Keepers, Radio, Slow Burn, Songfic Language: English "
        f"Stats: Words: {words:,} Chapters: 3/3 Salt and Static by quillfeather Summary Maren keeps"
    )
    notes = " ".join(project.work.notes.split())
    assert (
        f"Notes {notes} Lyrics from “Harbour Lights” by The Tidewater Band. "
        "See the end of the work for more notes"
    ) in preface

    one = plain(pages["OEBPS/chapter-001.xhtml"])
    assert one.startswith(
        "Chapter 1: The Signal Chapter Summary A song comes in on channel sixteen. The lamp turned"
    )
    two = plain(pages["OEBPS/chapter-002.xhtml"])
    assert two.startswith("Chapter 2: Low Tide Chapter Notes A short one, sorry!")
    three = plain(pages["OEBPS/chapter-003.xhtml"])
    assert three.startswith(
        "Chapter 3: Harbour Lights Chapter Notes See the end of the chapter for notes"
    )
    assert three.endswith("Chapter End Notes And that's the end. Maren and Ezra say goodbye.")
    assert plain(pages["OEBPS/afterword.xhtml"]) == (
        "Afterword End Notes Thank you for reading! Comments keep the lamp lit."
    )
    assert '<blockquote class="lyrics">' in pages["OEBPS/chapter-001.xhtml"]
    assert "— “Harbour Lights” by The Tidewater Band" in one
    assert "blockquote.lyrics" in css

    nav = plain(pages["OEBPS/nav.xhtml"])
    assert nav.startswith(
        "Contents Preface Chapter 1: The Signal Chapter 2: Low Tide Chapter 3: Harbour Lights "
        "Afterword"
    )
    expected_id = identifier("Salt and Static", ["quillfeather"])
    assert f'<dc:identifier id="uid">urn:uuid:{expected_id}</dc:identifier>' in opf
    assert "<dc:language>en</dc:language>" in opf
    assert '<meta property="dcterms:modified">2000-01-01T00:00:00Z</meta>' in opf
    spine = re.findall(r'<itemref idref="([^"]+)"/>', opf)
    assert spine == ["preface", "c1", "c2", "c3", "afterword"]


def test_same_story_same_bytes_however_built(sample_copy: Path, tmp_path: Path) -> None:
    project = Project.load(sample_copy)
    first = EXPORTERS["epub"](project, tmp_path / "a.epub")[0].read_bytes()
    again = EXPORTERS["epub"](Project.load(sample_copy), tmp_path / "b.epub")[0].read_bytes()
    assert first == again
    assert build_epub(project, workers=3) == first  # forked workers render the same pages
    project.work.title = "Salt and Static, Revised"
    with zipfile.ZipFile(io.BytesIO(build_epub(project))) as book:
        opf = text_of(book, "OEBPS/content.opf")
    assert str(identifier("Salt and Static, Revised", ["quillfeather"])) in opf


def test_source_date_epoch_sets_the_modified_date(
    sample_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    with zipfile.ZipFile(io.BytesIO(build_epub(Project.load(sample_copy)))) as book:
        opf = text_of(book, "OEBPS/content.opf")
    assert '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' in opf


def test_output_name_must_end_in_epub(sample_copy: Path, tmp_path: Path) -> None:
    with pytest.raises(StudioError, match=r"story\.txt: an EPUB file name must end in \.epub"):
        EXPORTERS["epub"](Project.load(sample_copy), tmp_path / "story.txt")
    assert not (tmp_path / "story.txt").exists()


def test_credits_follow_the_storys_choice_in_every_format(sample_copy: Path) -> None:
    """`[lyrics] credit = "notes"`: once in the work's notes, none under the blocks."""
    from studio.export.archive import posting_form

    story = sample_copy / "story.toml"
    story.write_text(
        story.read_text(encoding="utf-8") + '\n[lyrics]\ncredit = "notes"\n', encoding="utf-8"
    )
    project = Project.load(sample_copy)
    project.work.notes = "Thanks to my beta, who knows far more about radios than I do."
    project.work.status = "in-progress"
    with zipfile.ZipFile(io.BytesIO(build_epub(project))) as book:
        preface = plain(text_of(book, "OEBPS/preface.xhtml"))
        chapter = plain(text_of(book, "OEBPS/chapter-001.xhtml"))
    credit = "Lyrics from “Harbour Lights” by The Tidewater Band."
    assert preface.count(credit) == 1 and "Chapters: 3/?" in preface
    assert "Tidewater" not in chapter
    fields = {f.id: f.value for f in posting_form(project).fields}
    assert fields["work-notes"].count(credit) == 1
    assert "Tidewater" not in fields["chapter-1-text"]
