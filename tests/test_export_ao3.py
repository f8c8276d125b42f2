"""The Archive package: chapter HTML inside the Archive's allowlist, and the posting sheet."""

from __future__ import annotations

import json
from pathlib import Path

from studio.export import EXPORTERS
from studio.export.archive import posting_form
from studio.story import Project
from tests.export_helpers import (
    as_html5ever_writes,
    clean_with_archive_allowlist,
    elements,
    make_hostile,
)


def test_sample_chapters_survive_the_archive_sanitizer(sample_copy: Path, tmp_path: Path) -> None:
    written = EXPORTERS["ao3"](Project.load(sample_copy), tmp_path / "ao3")
    names = [p.name for p in written]
    assert names == [
        "chapter-01.html",
        "chapter-02.html",
        "chapter-03.html",
        "workskin.css",
        "posting-sheet.html",
        "posting-sheet.json",
    ]
    first = (tmp_path / "ao3" / "chapter-01.html").read_text(encoding="utf-8")
    assert '<blockquote class="lyrics">' in first
    assert "<br />Hold it till the morning sky,<br />" in first
    assert '<p class="credit">— “Harbour Lights” by The Tidewater Band</p>' in first
    assert "<hr />" in first
    for path in written[:3]:
        html = path.read_text(encoding="utf-8")
        assert clean_with_archive_allowlist(html) == as_html5ever_writes(html), path.name


def test_every_html_field_survives_the_sanitizer(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    project.work.summary = (
        'She hears *it* again:\n\n::: {.lyrics song="harbour-lights"}\nHold the light\n:::\n'
    )
    form = posting_form(project)
    html_fields = ("summary", "notes", "end_notes", "text")
    checked = 0
    for field in form.fields:
        if field.id.endswith(html_fields) and field.value:
            checked += 1
            text = not field.id.endswith("summary")  # `class` is kept in text and notes only
            cleaned = clean_with_archive_allowlist(field.value, text=text)
            assert cleaned == as_html5ever_writes(field.value), field.id
    assert checked >= 6  # the work's summary and notes, and each chapter's text at least
    values = {f.id: f.value for f in form.fields}
    assert "<em>Morning Star</em>" in values["chapter-3-text"]
    assert values["work-summary"] == (
        "<p>She hears <em>it</em> again:</p>\n<blockquote>\n<p>Hold the light</p>\n"
        "<p>— “Harbour Lights” by The Tidewater Band</p>\n</blockquote>"
    )
    assert values["work-language"] == "English"


def test_posting_sheet_fields_hold_what_to_paste(sample_copy: Path, tmp_path: Path) -> None:
    """The order is tests/test_export_posting_sheet.py's; here, what the fields hold."""
    EXPORTERS["ao3"](Project.load(sample_copy), tmp_path)
    data = json.loads((tmp_path / "posting-sheet.json").read_text(encoding="utf-8"))
    sections = [f["section"] for f in data["fields"]]
    assert sections[0] == "New Work"
    assert "Add Chapter 2: Low Tide" in sections and "Add Chapter 3: Harbour Lights" in sections
    by_id = {f["id"]: f for f in data["fields"]}
    assert by_id["work-title"] == {
        "id": "work-title",
        "section": "New Work",
        "label": "Work Title",
        "value": "Salt and Static",
        "characters": 15,
        "limit": 255,
        "minimum": 0,
        "ok": True,
        "problems": [],
        "kind": "text",
    }
    assert by_id["work-tags"]["value"] == "Lighthouse Keepers, Radio, Slow Burn, Songfic"
    text = by_id["chapter-2-text"]
    assert text["characters"] == len(text["value"]) and text["limit"] == 500_000
    assert text["minimum"] == 10
    assert data["ready"] is True and data["fixes"] == []

    page = (tmp_path / "posting-sheet.html").read_text(encoding="utf-8")
    copied = [f for f in data["fields"] if f["kind"] in ("text", "after")]
    assert page.count('data-copy="') == len(copied) + 1  # and the work skin's CSS
    assert "Ready to post" in page
    assert "15 / 255 characters" in page


def test_posting_sheet_lists_what_to_fix(sample_copy: Path, tmp_path: Path) -> None:
    project = Project.load(sample_copy)
    project.work.fandoms = []
    project.work.summary = "x" * 1300
    EXPORTERS["ao3"](project, tmp_path)
    data = json.loads((tmp_path / "posting-sheet.json").read_text(encoding="utf-8"))
    assert data["ready"] is False
    assert {f["rule"] for f in data["fixes"]} == {"archive-required", "archive-too-long"}
    summary = next(f for f in data["fields"] if f["id"] == "work-summary")
    assert summary["ok"] is False and summary["characters"] == 1307  # <p>…</p>
    fandoms = next(f for f in data["fields"] if f["id"] == "work-fandoms")
    assert fandoms["ok"] is False
    assert fandoms["problems"] == ["The Archive needs at least one fandom"]
    page = (tmp_path / "posting-sheet.html").read_text(encoding="utf-8")
    assert "2 things to fix before posting" in page
    assert "The Archive needs at least one fandom" in page
    assert "1,307 / 1,250 characters" in page
    assert '<p class="problem">The Archive needs at least one fandom</p>' in page


def test_hostile_text_exports_as_text(sample_copy: Path, tmp_path: Path) -> None:
    make_hostile(sample_copy)
    written = EXPORTERS["ao3"](Project.load(sample_copy), tmp_path)
    chapter = written[0].read_text(encoding="utf-8")
    assert clean_with_archive_allowlist(chapter) == as_html5ever_writes(chapter)
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in chapter
    tags, attributes = elements(chapter)
    assert tags == {"p", "em", "strong", "blockquote", "hr", "a"}
    assert attributes == {"class", "href"}
    assert '<a href="https://example.org/?a=1&amp;b=2">a real one</a>' in chapter
    assert 'href="javascript' not in chapter
    assert chapter.count("A very long line without breaks") == 6000
    assert '&lt;div onclick="evil()"&gt;raw html block&lt;/div&gt;' in chapter
    for path in written:
        content = path.read_text(encoding="utf-8")
        assert not any(ch in content for ch in "\x00\x01\x02\x07\x0b\x1b\x1f\x85"), path.name
        if path.suffix == ".html":
            assert "<script>alert" not in content and "<script>summary" not in content
            assert "<iframe" not in content and "<style>body" not in content
    page = (tmp_path / "posting-sheet.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; Salt &amp; Static" in page
