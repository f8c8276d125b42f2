"""The AO3 posting sheet follows the Archive's real forms, as docs/export.md writes them
down from otwarchive: the new-work form for chapter 1, Add Chapter for later chapters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from studio.export import EXPORTERS
from studio.export.archive import FORM_WARNING_LABEL, counted_tags, posting_form
from studio.export.selection import select
from studio.story import Project
from studio.story.ratings import ARCHIVE_RATINGS, CATEGORIES
from tests.export_support import copy_sample

DOCS = Path(__file__).resolve().parent.parent / "docs" / "export.md"


def documented(heading: str) -> list[str]:
    """The bold field names of the numbered list under `### heading` in docs/export.md."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split(f"### {heading}", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\d+\. \*\*(.+?)\*\*", section, re.MULTILINE)


@pytest.fixture
def story(tmp_path: Path) -> Project:
    """The sample, with everything the forms can take: co-creators, chapter 1 notes."""
    project = copy_sample(tmp_path)
    project.work.authors = ["Gull Wing", "Second Pen", "Third Pen"]
    first = project.chapters[0]
    first.summary = "Maren hears the *signal* for the first time."
    first.notes = "A note for chapter one."
    first.end_notes = "An end note for chapter one."
    project.save()
    return Project.load(project.root)


def _sheet(project: Project, out: Path) -> tuple[dict[str, object], str]:
    EXPORTERS["ao3"](project, out)
    data = json.loads((out / "posting-sheet.json").read_text(encoding="utf-8"))
    return data, (out / "posting-sheet.html").read_text(encoding="utf-8")


def test_new_work_then_add_chapter_in_the_forms_order(story: Project, tmp_path: Path) -> None:
    data, page = _sheet(story, tmp_path / "ao3")
    fields: list[dict[str, object]] = data["fields"]  # type: ignore[assignment]
    labels = [str(f["label"]) for f in fields]
    new_work = documented("New work form (works/new)")
    add_chapter = documented("Add Chapter form (works/N/chapters/new)")
    assert len(new_work) == 22 and len(add_chapter) == 6  # the docs' lists were read
    total = len(story.chapters)
    assert labels == new_work + add_chapter * (total - 1)
    sections = list(dict.fromkeys(str(f["section"]) for f in fields))
    assert sections == [
        "New Work",
        "After posting: edit Chapter 1",
        *[f"Add Chapter {n}: {story.chapters[n - 1].title}" for n in range(2, total + 1)],
    ]
    # The page shows the same fields in the same order.
    tree = lxml_html.fromstring(page)
    shown = [
        label.text_content()
        for field in tree.xpath("//div[@data-field]")
        for label in field.xpath("./div[@class='field-head']/label")
    ]
    assert shown == labels


def test_choices_are_shown_to_select_and_tick(story: Project, tmp_path: Path) -> None:
    story.work.warnings = ["Choose Not To Use Archive Warnings"]
    story.work.categories = ["F/M", "Gen"]
    data, page = _sheet(story, tmp_path / "ao3")
    by_id = {f["id"]: f for f in data["fields"]}  # type: ignore[attr-defined]
    assert by_id["work-rating"]["kind"] == "select"
    assert by_id["work-rating"]["options"] == list(ARCHIVE_RATINGS)
    assert by_id["work-rating"]["chosen"] == [story.work.rating]
    assert by_id["work-warnings"]["kind"] == "checks"
    assert by_id["work-warnings"]["chosen"] == [FORM_WARNING_LABEL]
    assert by_id["work-categories"]["options"] == list(CATEGORIES)
    assert by_id["work-categories"]["chosen"] == ["F/M", "Gen"]
    assert by_id["work-language"]["chosen"] == ["English"]
    assert by_id["work-creators"]["chosen"] == ["Gull Wing"]
    assert by_id["work-co-creators"]["value"] == "Second Pen, Third Pen"
    assert by_id["work-chaptered"]["chosen"] == ["yes"]
    assert by_id["work-chapter-count"]["value"] == str(len(story.chapters))
    assert by_id["chapter-1-title"]["value"] == story.chapters[0].title
    assert by_id["chapter-1-notes"]["kind"] == "after"
    assert "after posting" in by_id["chapter-1-notes"]["hint"]
    assert data["ready"] is True  # either spelling of the warning is accepted
    tree = lxml_html.fromstring(page)
    ticked = tree.xpath("//ul[@id='work-warnings']/li[contains(@class,'chosen')]")
    assert [li.text_content().strip("✓") for li in ticked] == [FORM_WARNING_LABEL]
    rating_box = tree.xpath("//div[@data-field='work-rating']")[0]
    assert not rating_box.xpath(".//button")  # a choice, not a Copy button
    assert len(tree.xpath("//ul[@id='work-rating']/li")) == len(ARCHIVE_RATINGS)


def test_both_spellings_of_no_warnings_are_one_warning(story: Project) -> None:
    for spelling in (
        "Choose Not To Use Archive Warnings",
        "Creator Chose Not To Use Archive Warnings",
    ):
        story.work.warnings = [spelling]
        form = posting_form(story)
        assert not [f for f in form.findings if f.rule.startswith("archive-warning")]


def test_tags_counted_as_the_archive_counts_them(story: Project) -> None:
    story.work.tags = ["Slow  Burn", "slow burn", " Angst ", "Angst", "", "Fluff"]
    story.work.characters = ["Maren", "Maren  ", "Ezra"]
    story.work.relationships = []
    story.work.fandoms = ["Original Work"]
    names = counted_tags(story)
    assert names == ["Original Work", "Maren", "Ezra", "Slow Burn", "Angst", "Fluff"]
    assert posting_form(story).tag_count == len(names)
    story.work.tags = [f"Tag {n}" for n in range(73)] + ["Tag  1", "tag 2", "Tag 3 "]
    assert len(counted_tags(story)) == 1 + 2 + 73
    rules = {f.rule for f in posting_form(story).findings}
    assert "archive-too-many-tags" in rules  # 76 distinct tags
    story.work.tags = [*story.work.tags[:72], "Tag  1", "tag 2", "Tag 3 "]
    assert "archive-too-many-tags" not in {f.rule for f in posting_form(story).findings}


def test_summary_box_shows_the_whole_summary(story: Project, tmp_path: Path) -> None:
    story.work.summary = "\n\n".join(f"Paragraph {n} " + "word " * 30 for n in range(8))
    _data, page = _sheet(story, tmp_path / "ao3")
    tree = lxml_html.fromstring(page)
    box = tree.xpath("//textarea[@id='work-summary']")[0]
    value = box.text_content()
    rows_needed = sum(1 + len(line) // 90 for line in value.split("\n"))
    assert int(box.get("rows")) >= rows_needed > 14


def test_add_chapter_sheet_for_chapters_after_the_first(story: Project, tmp_path: Path) -> None:
    chosen = select(story, [2, 3])
    data, _page = _sheet(chosen, tmp_path / "ao3")
    labels = [f["label"] for f in data["fields"]]  # type: ignore[attr-defined]
    assert labels == documented("Add Chapter form (works/N/chapters/new)") * 2
    numbers = [f["value"] for f in data["fields"] if f["label"] == "Chapter Number"]  # type: ignore[attr-defined]
    total = len(story.chapters)
    assert numbers == [f"2 of {total}", f"3 of {total}"]
    written = sorted(p.name for p in (tmp_path / "ao3").glob("chapter-*.html"))
    assert written == ["chapter-02.html", "chapter-03.html"]


def test_in_progress_work_has_unknown_chapter_total(story: Project, tmp_path: Path) -> None:
    story.work.status = "in-progress"
    data, _page = _sheet(story, tmp_path / "ao3")
    by_id = {f["id"]: f for f in data["fields"]}  # type: ignore[attr-defined]
    assert by_id["work-chapter-count"]["value"] == "?"
    assert by_id["chapter-2-number"]["value"] == "2 of ?"


def test_work_skin_styles_the_classes_the_chapters_use(story: Project, tmp_path: Path) -> None:
    out = tmp_path / "ao3"
    written = EXPORTERS["ao3"](story, out)
    assert out / "workskin.css" in written
    css = (out / "workskin.css").read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    selectors = [s.strip() for s in re.findall(r"([^{}]+)\{[^{}]*\}", body)]
    assert selectors and all(s.startswith("#workskin ") for s in selectors)
    assert body.count("{") == body.count("}") == len(selectors)
    chapters = " ".join(p.read_text(encoding="utf-8") for p in written if p.suffix == ".html")
    for name in ("lyrics", "credit"):
        assert f'class="{name}"' in chapters and any(f".{name}" in s for s in selectors)
    page = (out / "posting-sheet.html").read_text(encoding="utf-8")
    assert "My Work Skins" in page and "Select Work Skin" in page
    box = lxml_html.fromstring(page).xpath("//textarea[@id='skin-css']")[0]
    assert box.text_content() == css


def test_a_one_shot_leaves_the_chapter_box_unticked(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    for _ in range(len(project.chapters) - 1):
        project.remove_chapter(1)
    project.work.status = "complete"
    project.save()
    form = posting_form(Project.load(project.root))
    by_id = {f.id: f for f in form.fields}
    assert by_id["work-chaptered"].chosen == ()
    assert "leave them" in by_id["work-chapter-count"].hint
    assert "leave them" in by_id["chapter-1-title"].hint
    assert not [f for f in form.fields if f.section.startswith("Add Chapter")]


def test_disclaimer_and_spoilers_open_the_work_notes_labelled(
    story: Project, tmp_path: Path
) -> None:
    """The Archive has no disclaimer or spoilers field: they head the notes, labelled."""
    story.work.disclaimer = "The lighthouse belongs to nobody."
    story.work.spoilers = "Maren *lives*."
    story.work.notes = "Written for a friend."
    story.save()
    data, page = _sheet(Project.load(story.root), tmp_path / "ao3")
    fields = {str(f["id"]): str(f["value"]) for f in data["fields"]}  # type: ignore[union-attr]
    notes = fields["work-notes"]
    assert notes.index("Disclaimer: The lighthouse belongs to nobody.") < notes.index(
        "Spoilers: Maren <em>lives</em>."
    )
    assert notes.index("Spoilers:") < notes.index("Written for a friend.")
    assert "Disclaimer: The lighthouse belongs to nobody." in page
    story.work.disclaimer = story.work.spoilers = ""
    story.save()
    data, _ = _sheet(Project.load(story.root), tmp_path / "again")
    fields = {str(f["id"]): str(f["value"]) for f in data["fields"]}  # type: ignore[union-attr]
    assert "Disclaimer" not in fields["work-notes"] and "Spoilers" not in fields["work-notes"]
