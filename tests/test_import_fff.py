"""FanFicFare downloads (EPUB and HTML) made offline with its test site adapter
(tests/fixtures/import/make_fff.py). Expectations come from the invented stories
the generator gave FanFicFare, so each title page field is checked against what was
put in, for every story and both formats."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from studio.importers import detect, import_fic
from studio.story import Project
from tests.import_support import assert_no_word_lost, input_text

FIXTURES = Path(__file__).parent / "fixtures" / "import"
sys.path.insert(0, str(FIXTURES))
import make_fff  # noqa: E402  (the generator is the fixtures' source of truth)

FFF = FIXTURES / "fff"
STORIES = {story.slug: story for story in make_fff.STORIES}
HELD_OUT = {"fff-held-out-nachtzug"}  # not looked at while the reader was written
CASES = [(slug, fmt) for slug in STORIES for fmt in ("epub", "html")]
LANGUAGES = {"English": "en", "German": "de"}
BOOKKEEPING = ("Packaged", "Publisher", "Words:", "Chapters:", "test1.com", "Table of Contents")


def imported(slug: str, fmt: str, tmp_path: Path) -> tuple[object, Project]:
    return import_fic([FFF / f"{slug}.{fmt}"], tmp_path / f"{slug}-{fmt}")


def items(meta: dict[str, str], key: str) -> list[str]:
    return sorted(v for v in meta.get(key, "").split(",") if v)


@pytest.mark.parametrize(("slug", "fmt"), CASES)
def test_title_page_fields_go_into_the_metadata(slug: str, fmt: str, tmp_path: Path) -> None:
    story = STORIES[slug]
    meta = story.meta
    plan, project = imported(slug, fmt, tmp_path)
    work = project.work
    assert work.title == meta["title"]
    assert work.authors == [meta["author_list"]]
    assert work.fandoms == items(meta, "category_list")
    assert sorted(work.characters) == items(meta, "characters_list")
    assert sorted(work.relationships) == items(meta, "ships_list")
    assert sorted(work.tags) == items(meta, "genre_list")
    assert work.rating == meta["rating"]
    assert work.warnings == items(meta, "warnings_list")
    assert work.status == ("complete" if meta["status"] == "Completed" else "in-progress")
    assert work.summary == meta["description"]
    assert work.language == LANGUAGES[meta["language"]]
    for bookkeeping in BOOKKEEPING:
        assert bookkeeping not in work.notes
    assert plan.sources[0].kind == f"fanficfare-{fmt}"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("slug", "fmt"), CASES)
def test_each_chapter_is_a_chapter(slug: str, fmt: str, tmp_path: Path) -> None:
    story = STORIES[slug]
    _, project = imported(slug, fmt, tmp_path)
    chapters = project.chapters
    assert len(chapters) == len(story.chapters)
    for chapter, (title, body) in zip(chapters, story.chapters, strict=True):
        expected = "" if title == story.meta["title"] else title.split(": ", 1)[-1]
        assert chapter.title == expected
        text = project.read_chapter(chapter)
        for bookkeeping in BOOKKEEPING:
            assert bookkeeping not in text
        # Every paragraph of the chapter is there, and nothing from another chapter.
        assert text.count("\n\n") + 1 == body.count("<p>")


@pytest.mark.parametrize(("slug", "fmt"), CASES)
def test_no_word_is_lost(slug: str, fmt: str, tmp_path: Path) -> None:
    plan, project = imported(slug, fmt, tmp_path)
    assert_no_word_lost(plan, project, input_text(FFF / f"{slug}.{fmt}"))  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["epub", "html"])
def test_br_lines_are_hard_breaks(fmt: str, tmp_path: Path) -> None:
    _, project = imported("fff-quiet-harbour", fmt, tmp_path)
    first, second = (project.read_chapter(c) for c in project.chapters)
    assert "till:\\\nmilk\\\nlemons\\\na new kettle, if they still make them\n" in first
    assert "sister:\\\nare you ok\\\nheard the ferries are off\\\ncall me\n" in second
    assert project.doc["spelling"]["dictionary"] == "en_GB"  # harbour, colour…


@pytest.mark.parametrize("slug", list(STORIES))
def test_epub_and_html_give_the_same_project(slug: str, tmp_path: Path) -> None:
    _, epub = imported(slug, "epub", tmp_path)
    _, page = imported(slug, "html", tmp_path)
    assert epub.toml_text() == page.toml_text()
    assert [epub.read_chapter(c) for c in epub.chapters] == [
        page.read_chapter(c) for c in page.chapters
    ]


@pytest.mark.skipif(
    shutil.which("fanficfare") is None
    and not (Path(sys.executable).parent / "fanficfare").exists(),
    reason="FanFicFare is not installed (pip install -e '.[test]')",
)
@pytest.mark.slow
def test_fixtures_regenerate_with_the_real_fanficfare(tmp_path: Path) -> None:
    """Made again now (its "Packaged" time differs), each imports to the same project."""
    make_fff.main(tmp_path / "fresh")
    for slug in STORIES:
        for fmt in ("epub", "html"):
            _, committed = imported(slug, fmt, tmp_path)
            fresh = import_fic(
                [tmp_path / "fresh" / f"{slug}.{fmt}"], tmp_path / f"{slug}.{fmt}.new"
            )[1]
            assert fresh.toml_text() == committed.toml_text()


def test_json_reports_the_kind(tmp_path: Path) -> None:
    report = detect([FFF / "fff-glass-orchard.epub"]).as_json()
    assert report["sources"][0]["kind"] == "fanficfare-epub"
    assert [c["title"] for c in report["chapters"]] == ["Bells", "Frost", "Thaw"]
