"""Archive readiness: each of the Archive's limits and required fields becomes a finding."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomlkit

from studio.checks import all_findings, project_checks
from studio.export import archive
from studio.findings import Finding, Kind
from studio.story import Project


def findings_after(sample: Path, edit: str) -> list[Finding]:
    """Findings once `edit` (Python on `work`, `doc` and `chapters`) changed story.toml."""
    story = sample / "story.toml"
    doc = tomlkit.parse(story.read_text(encoding="utf-8"))
    exec(edit, {"work": doc["work"], "doc": doc, "chapters": doc["chapters"]})
    story.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return archive.project_findings(Project.load(sample))


def line_of(sample: Path, starts: str, after: str = "[work]") -> int:
    lines = (sample / "story.toml").read_text(encoding="utf-8").splitlines()
    begin = lines.index(after)
    return next(i for i, line in enumerate(lines) if i > begin and line.startswith(starts)) + 1


def test_silent_on_the_sample_and_listed_in_project_checks(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    assert archive.project_findings(project) == []
    assert archive.project_findings in project_checks()
    assert [f for f in all_findings(project) if f.kind is Kind.ARCHIVE] == []


@pytest.mark.parametrize(
    ("edit", "key", "rule", "message"),
    [
        ("work['title'] = ''", "title =", "archive-required", "needs a title"),
        ("work['fandoms'] = []", "fandoms =", "archive-required", "at least one fandom"),
        ("del work['rating']", "[work]", "archive-required", "exactly one rating"),
        ("work['rating'] = 'PG-13'", "rating =", "archive-rating", "not one of the Archive's"),
        ("work['warnings'] = []", "warnings =", "archive-required", "archive warning"),
        ("work['warnings'] = ['Fluff']", "warnings =", "archive-warning", "not an archive warning"),
        ("work['categories'] = ['Het']", "categories =", "archive-category", "not a category"),
        ("work['language'] = ''", "language =", "archive-required", "language"),
        ("work['title'] = 'T' * 256", "title =", "archive-too-long", "at most 255"),
        ("work['summary'] = 'S' * 1250", "summary =", "archive-too-long", "at most 1,250"),
        ("work['notes'] = 'N' * 5000", "notes =", "archive-too-long", "at most 5,000"),
        ("work['end_notes'] = 'E' * 5000", "end_notes =", "archive-too-long", "at most 5,000"),
        ("work['tags'] = ['x' * 151]", "tags =", "archive-tag-too-long", "at most 150"),
        (
            "work['tags'] = [f'Tag {n}' for n in range(71)]",
            "tags =",
            "archive-too-many-tags",
            "at most 75 together",
        ),
    ],
)
def test_each_work_limit_and_required_field(
    sample_copy: Path, edit: str, key: str, rule: str, message: str
) -> None:
    found = findings_after(sample_copy, edit)
    assert [f.rule for f in found] == [rule], found
    finding = found[0]
    assert finding.kind is Kind.ARCHIVE and finding.file == "story.toml"
    assert message in finding.message
    if key == "[work]":
        assert finding.line == line_of(sample_copy, "[work]", after="format = 1")
    else:
        assert finding.line == line_of(sample_copy, key)


@pytest.mark.parametrize(
    "bad", [",", "^", "*", "<", ">", "{", "}", "=", "`", "\\", "%", "，", "、"]
)
def test_forbidden_tag_characters_are_found_at_the_tag(sample_copy: Path, bad: str) -> None:
    tag = f"Ezra {bad} Vance"
    found = findings_after(sample_copy, f"work['characters'] = ['Maren', {tag!r}]")
    assert [f.rule for f in found] == ["archive-tag-characters"]
    finding = found[0]
    line = (sample_copy / "story.toml").read_text(encoding="utf-8").splitlines()[finding.line - 1]
    assert line.startswith("characters =")
    assert line[finding.column - 1 : finding.end_column - 1] == finding.text
    assert finding.text.startswith("Ezra") and finding.suggestions == ("Ezra   Vance",)


_LOW_TIDE = "Chapter 2: Low Tide"


@pytest.mark.parametrize(
    ("edit", "key", "message"),
    [
        ("chapters[1]['title'] = 'T' * 256", "title =", "Chapter 2: " + "T" * 256),
        ("chapters[1]['summary'] = 'S' * 1300", "summary =", f"{_LOW_TIDE}: Chapter Summary"),
        ("chapters[1]['notes'] = 'N' * 5000", "notes =", f"{_LOW_TIDE}: Chapter Notes: at the"),
        (
            "chapters[1]['end_notes'] = 'N' * 5000",
            "end_notes =",
            f"{_LOW_TIDE}: Chapter Notes: at the end",
        ),
    ],
)
def test_chapter_fields_are_found_in_their_chapter_table(
    sample_copy: Path, edit: str, key: str, message: str
) -> None:
    found = findings_after(sample_copy, edit)
    assert [f.rule for f in found] == ["archive-too-long"]
    assert found[0].message.startswith(message)
    lines = (sample_copy / "story.toml").read_text(encoding="utf-8").splitlines()
    second = [i for i, line in enumerate(lines) if line == "[[chapters]]"][1]
    third = [i for i, line in enumerate(lines) if line == "[[chapters]]"][2]
    assert second < found[0].line - 1 < third
    assert lines[found[0].line - 1].startswith(key)


def test_chapter_text_too_short_and_too_long(sample_copy: Path) -> None:
    chapter = sample_copy / "chapters" / "02-low-tide.md"
    chapter.write_text("Hi\n", encoding="utf-8")  # <p>Hi</p>: 9 characters
    found = archive.project_findings(Project.load(sample_copy))
    assert [(f.rule, f.file, f.line) for f in found] == [
        ("archive-too-short", "chapters/02-low-tide.md", 1)
    ]
    assert "needs at least 10" in found[0].message
    chapter.write_text(("word " * 20 + "\n\n") * 5000, encoding="utf-8")
    found = archive.project_findings(Project.load(sample_copy))
    assert [(f.rule, f.file) for f in found] == [("archive-too-long", "chapters/02-low-tide.md")]
    assert "at most 500,000" in found[0].message


def test_a_summary_is_counted_as_the_html_that_is_pasted(sample_copy: Path) -> None:
    # 1,243 characters of Markdown are 1,250 of HTML: "<p>" and "</p>" count too.
    assert findings_after(sample_copy, "work['summary'] = 'S' * 1243") == []
    found = findings_after(sample_copy, "work['summary'] = 'S' * 1244")
    assert [f.rule for f in found] == ["archive-too-long"]
    assert "1,251 characters as posted" in found[0].message
