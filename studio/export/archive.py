"""The Archive of Our Own's posting form: its fields in order, its limits, its required fields.

`posting_form(project)` lists every field as it will be pasted (summaries, notes and
chapter text as the HTML from `studio.export.ao3`, since that is what the Archive
counts); `project_findings(project)` turns what the Archive would refuse into
findings of kind `archive`, located at the key in story.toml (or the chapter file),
for `studio check`, the posting sheet and the export dialog alike.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from studio.export import ao3
from studio.export.languages import language_name
from studio.export.notes import lyrics_song_ids, quoted_songs, work_notes
from studio.export.render_html import chapter_blocks, clean_text
from studio.export.selection import chapter_numbers, story_chapter_count
from studio.findings import Finding, Kind
from studio.story.blocks import Block
from studio.story.model import Chapter
from studio.story.project import Project
from studio.story.ratings import (
    ARCHIVE_RATINGS,
    ARCHIVE_WARNINGS,
    CATEGORIES,
    CHOSE_NOT_TO_WARN,
    archive_rating,
    archive_warning,
)

TITLE_MAX = 255
SUMMARY_MAX = 1250
NOTES_MAX = 5000
TEXT_MIN = 10
TEXT_MAX = 500_000
TAG_MAX = 150
TAGS_TOTAL_MAX = 75
# The characters the Archive refuses in a tag (the two last are the full-width and
# ideographic commas, which it treats as commas).
TAG_FORBIDDEN = ",^*<>{}=`\\%，、"
# The warning checkboxes as the form lists them (by name), and the label of the first.
FORM_WARNING_LABEL = "Choose Not To Use Archive Warnings"
FORM_WARNINGS: tuple[str, ...] = tuple(
    sorted(FORM_WARNING_LABEL if w == CHOSE_NOT_TO_WARN else w for w in ARCHIVE_WARNINGS)
)
WORK_SKIN_TITLE = "Studio Lyrics"
WORK_SKIN_FILE = "workskin.css"
STORY_FILE = "story.toml"

_TAG_NOUNS = {
    "fandoms": "fandom",
    "relationships": "relationship",
    "characters": "character",
    "tags": "additional",
}
_TAG_FIELDS = (
    ("fandoms", "Fandoms"),
    ("relationships", "Relationships"),
    ("characters", "Characters"),
    ("tags", "Additional Tags"),
)


# The fields as the Archive's forms lay them out; the sheet shows each by its kind.
TEXT = "text"  # a box to paste into (Copy button)
SELECT = "select"  # one choice from a list: the one to select is marked
CHECKS = "checks"  # tick boxes: the ones to tick are marked
CHECKBOX = "checkbox"  # one tick box, ticked or not
AFTER = "after"  # no field on this form: add it by editing the chapter after posting

NEW_WORK = "New Work"  # the section of the new-work form (works/new)
AFTER_POSTING = "After posting: edit Chapter 1"


@dataclass(frozen=True, slots=True)
class FormField:
    """One field of a posting form, with exactly what to paste, select or tick.

    `table` and `key` say where it lives in story.toml (`table` "work" or
    "chapters#2" for the second chapter); `file` is the chapter file for chapter text.
    `kind` is how the form asks for it (TEXT, SELECT, CHECKS, CHECKBOX, AFTER);
    `options` are a SELECT's or CHECKS' choices and `chosen` the ones to pick.
    """

    id: str
    section: str
    label: str
    value: str
    limit: int | None = None
    minimum: int = 0
    table: str = "work"
    key: str = ""
    file: str = STORY_FILE
    kind: str = TEXT
    options: tuple[str, ...] = ()
    chosen: tuple[str, ...] = ()
    hint: str = ""

    @property
    def count(self) -> int:
        return len(self.value)


@dataclass(frozen=True, slots=True)
class PostingForm:
    """The fields in order, what must be fixed, and which field each problem is about.

    `problems` maps a field's id to the messages about it (a tag's problem is about
    its tag field, a missing rating about the rating field).
    """

    fields: list[FormField]
    findings: list[Finding]
    problems: dict[str, list[str]]
    tag_count: int = 0


def chapter_heading(number: int, title: str) -> str:
    """ "Chapter 2: Low Tide", or "Chapter 2" for an untitled chapter."""
    return f"Chapter {number}: {title.strip()}" if title.strip() else f"Chapter {number}"


def squish(name: str) -> str:
    """A tag as the Archive stores it: inner runs of spaces squeezed, ends trimmed."""
    return " ".join(name.split())


def counted_tags(project: Project) -> list[str]:
    """The fandom, relationship, character and additional tags the Archive counts
    towards its 75: squished, blanks dropped, each name once (the Archive's tag names
    are one table, matched without regard to case)."""
    seen: dict[str, str] = {}
    for key, _label in _TAG_FIELDS:
        for name in getattr(project.work, key):
            tag = squish(name)
            if tag:
                seen.setdefault(tag.casefold(), tag)
    return list(seen.values())


def posting_form(project: Project, blocks: list[list[Block]] | None = None) -> PostingForm:
    """Every field of the forms in the Archive's order, and what must be fixed first.

    Chapter 1 is posted with the new-work form (works/new); every later chapter with
    the Add Chapter form (chapters/new). A selection without chapter 1 (chapters that
    follow a posted work) gives the Add Chapter forms only. `blocks` are the chapters'
    parsed blocks when the caller has them already.
    """
    if blocks is None:
        blocks = [chapter_blocks(project.read_chapter(c)) for c in project.chapters]
    numbers = chapter_numbers(project)
    chapters = list(zip(numbers, project.chapters, blocks, strict=True))
    fields: list[FormField] = []
    if not chapters or chapters[0][0] == 1:
        fields += _new_work_fields(project, blocks, chapters[0] if chapters else None)
        chapters = chapters[1:]
    for number, chapter, chapter_text in chapters:
        fields += _add_chapter_fields(project, number, chapter, chapter_text)
    checker = _Checker(project)
    findings = checker.required() + checker.tags() + checker.lengths(fields)
    return PostingForm(
        fields, sorted(findings, key=lambda f: f.sort_key), checker.problems, checker.tag_count
    )


def project_findings(project: Project) -> list[Finding]:
    """The archive readiness findings `studio check` lists."""
    return posting_form(project).findings


def planned_chapters(project: Project) -> str:
    """What goes in "Chapter 1 of _": the count for a complete work, else "?" (the
    Archive's own "unknown")."""
    total = story_chapter_count(project)
    return str(total) if project.work.status.strip() == "complete" else "?"


def _with_labelled(disclaimer: str, spoilers: str, notes: str) -> str:
    """The work's notes headed by its disclaimer and spoilers, labelled: the Archive has no
    fields for them, so they go where authors put them (the importer reads them back)."""
    labelled = [
        f"{label}: {text.strip()}"
        for label, text in (("Disclaimer", disclaimer), ("Spoilers", spoilers))
        if text.strip()
    ]
    return "\n\n".join([*labelled, notes] if notes else labelled)


def _new_work_fields(
    project: Project,
    blocks: list[list[Block]],
    first: tuple[int, Chapter, list[Block]] | None,
) -> list[FormField]:
    """The new-work form, top to bottom (see docs/export.md for the otwarchive files)."""
    work = project.work
    ids = [song for chapter in blocks for song in lyrics_song_ids(chapter)]
    notes = _with_labelled(
        work.disclaimer, work.spoilers, work_notes(project, quoted_songs(project, ids))
    )
    language = str(project.doc.get("work", {}).get("language", "")).strip()
    authors = [squish(a) for a in work.authors if squish(a)]
    total = story_chapter_count(project)
    chaptered = total > 1 or work.status.strip() != "complete"
    hidden = (
        ""
        if chaptered
        else "A one-shot: these show only when the box above is ticked, so leave them"
    )

    def field(key: str, label: str, value: str, limit: int | None = None, **kw: Any) -> FormField:
        kw["chosen"] = tuple(clean_text(c) for c in kw.get("chosen", ()))
        return FormField(
            f"work-{key}", NEW_WORK, label, clean_text(value).strip(), limit, key=key, **kw
        )

    warnings = tuple(dict.fromkeys(archive_warning(w) or squish(w) for w in work.warnings))
    fields = [
        field(
            "rating",
            "Rating",
            work.rating,
            kind=SELECT,
            options=ARCHIVE_RATINGS,
            chosen=(squish(work.rating),),
        ),
        field(
            "warnings",
            "Archive Warnings",
            ", ".join(warnings),
            kind=CHECKS,
            options=FORM_WARNINGS,
            chosen=tuple(_form_warning(w) for w in warnings),
        ),
        field("fandoms", "Fandoms", ", ".join(work.fandoms)),
        field(
            "categories",
            "Categories",
            ", ".join(work.categories),
            kind=CHECKS,
            options=CATEGORIES,
            chosen=tuple(squish(c) for c in work.categories),
        ),
        field("relationships", "Relationships", ", ".join(work.relationships)),
        field("characters", "Characters", ", ".join(work.characters)),
        field("tags", "Additional Tags", ", ".join(work.tags)),
        field("title", "Work Title", work.title.strip(), TITLE_MAX),
        field(
            "creators",
            "Creator/Pseud(s)",
            authors[0] if authors else "",
            kind=SELECT,
            chosen=tuple(authors[:1]),
            hint="Your pseud (the form shows this choice only when you have more than one)",
        ),
        field(
            "co-creators",
            "Add co-creators?",
            ", ".join(authors[1:]),
            kind=CHECKBOX,
            chosen=("yes",) if authors[1:] else (),
            hint="Tick it and enter their pseuds: each is invited and must accept",
        ),
        field("summary", "Summary", ao3.summary_html(project, work.summary), SUMMARY_MAX),
        field(
            "notes",
            "Notes: at the beginning",
            ao3.field_html(project, notes),
            NOTES_MAX,
        ),
        field(
            "end_notes",
            "Notes: at the end",
            ao3.field_html(project, work.end_notes),
            NOTES_MAX,
        ),
        field(
            "chaptered",
            "This work has multiple chapters",
            "",
            kind=CHECKBOX,
            chosen=("yes",) if chaptered else (),
        ),
        field("chapter-count", "Chapter 1 of", planned_chapters(project), hint=hidden),
    ]
    if first is not None:
        number, chapter, chapter_text = first
        fields.append(
            _chapter_field(
                number,
                chapter,
                "title",
                "Chapter Title:",
                chapter.title.strip(),
                section=NEW_WORK,
                limit=TITLE_MAX,
                hint=hidden,
            )
        )
    fields.append(
        field(
            "language",
            "Choose a language",
            language_name(work.language) if language else "",
            kind=SELECT,
            chosen=(language_name(work.language),) if language else (),
        )
    )
    if ids:
        fields.append(
            field(
                "skin",
                "Select Work Skin",
                WORK_SKIN_TITLE,
                kind=SELECT,
                chosen=(WORK_SKIN_TITLE,),
                hint=f"Create it once from {WORK_SKIN_FILE} (see its steps), then select it",
            )
        )
    if first is None:
        return fields
    number, chapter, chapter_text = first
    fields.append(
        _chapter_field(
            number,
            chapter,
            "text",
            "Work Text",
            ao3.chapter_html(project, chapter_text),
            section=NEW_WORK,
            limit=TEXT_MAX,
            minimum=TEXT_MIN,
            file=chapter.file,
        )
    )
    for key, label, value in (
        ("summary", "Chapter Summary", ao3.summary_html(project, chapter.summary)),
        ("notes", "Chapter Notes", ao3.field_html(project, chapter.notes)),
        ("end_notes", "Chapter End Notes", ao3.field_html(project, chapter.end_notes)),
    ):
        if value:
            limit = SUMMARY_MAX if key == "summary" else NOTES_MAX
            fields.append(
                _chapter_field(
                    number,
                    chapter,
                    key,
                    label,
                    value,
                    section=AFTER_POSTING,
                    limit=limit,
                    kind=AFTER,
                    hint="The new-work form has no field for it: after posting, choose "
                    "Edit Chapter on chapter 1 and paste it there",
                )
            )
    return fields


def _chapter_field(
    number: int,
    chapter: Chapter,
    key: str,
    label: str,
    value: str,
    *,
    section: str,
    limit: int | None = None,
    **kw: Any,
) -> FormField:
    return FormField(
        f"chapter-{number}-{key}",
        section,
        label,
        clean_text(value).strip(),
        limit,
        table=f"chapters#{number}",
        key=key,
        **kw,
    )


def _add_chapter_fields(
    project: Project, number: int, chapter: Chapter, blocks: list[Block]
) -> list[FormField]:
    """The Add Chapter form (chapters/_chapter_form.html.erb), top to bottom."""
    section = "Add " + chapter_heading(number, chapter.title)

    def field(key: str, label: str, value: str, limit: int | None = None, **kw: Any) -> FormField:
        return _chapter_field(
            number, chapter, key, label, value, section=section, limit=limit, **kw
        )

    return [
        field("title", "Chapter Title", chapter.title.strip(), TITLE_MAX),
        field(
            "number",
            "Chapter Number",
            f"{number} of {planned_chapters(project)}",
            hint="The form fills in the number; keep it, and the total if you know it",
        ),
        field(
            "summary", "Chapter Summary", ao3.summary_html(project, chapter.summary), SUMMARY_MAX
        ),
        field(
            "notes",
            "Chapter Notes: at the beginning",
            ao3.field_html(project, chapter.notes),
            NOTES_MAX,
        ),
        field(
            "end_notes",
            "Chapter Notes: at the end",
            ao3.field_html(project, chapter.end_notes),
            NOTES_MAX,
        ),
        field(
            "text",
            "Chapter Text",
            ao3.chapter_html(project, blocks),
            TEXT_MAX,
            minimum=TEXT_MIN,
            file=chapter.file,
        ),
    ]


def _form_warning(warning: str) -> str:
    """The warning as its checkbox on the form is labelled."""
    return FORM_WARNING_LABEL if warning == CHOSE_NOT_TO_WARN else warning


class _Checker:
    """Builds findings located at the key (and the tag) in story.toml."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.lines = project.toml_text().splitlines()
        self.problems: dict[str, list[str]] = {}
        self.tag_count = 0
        raw = project.doc.get("work", {})
        self.raw: dict[str, object] = dict(raw) if hasattr(raw, "items") else {}

    def finding(
        self,
        rule: str,
        message: str,
        *,
        table: str = "work",
        key: str = "",
        needle: str = "",
        file: str = STORY_FILE,
        suggestions: tuple[str, ...] = (),
    ) -> Finding:
        name, _, number = table.partition("#")
        field_id = f"work-{key}" if name == "work" else f"chapter-{number}-{key}"
        self.problems.setdefault(field_id, []).append(message)
        if file != STORY_FILE:
            return Finding(file, 1, 1, 1, Kind.ARCHIVE, rule, "", message, suggestions)
        line, column, end = key_position(self.lines, table, key, needle)
        text = self.lines[line - 1][column - 1 : end - 1] if line <= len(self.lines) else ""
        return Finding(
            STORY_FILE, line, column, end, Kind.ARCHIVE, rule, text, message, suggestions
        )

    def required(self) -> list[Finding]:
        work = self.project.work
        found: list[Finding] = []
        if not work.title.strip():
            found.append(self.finding("archive-required", "The Archive needs a title", key="title"))
        if not [f for f in work.fandoms if f.strip()]:
            found.append(
                self.finding(
                    "archive-required",
                    "The Archive needs at least one fandom",
                    key="fandoms",
                    suggestions=("Original Work",),
                )
            )
        found += self._rating() + self._warnings() + self._categories()
        if not str(self.raw.get("language", "")).strip():
            found.append(
                self.finding(
                    "archive-required",
                    "The Archive needs the work's language",
                    key="language",
                    suggestions=("en",),
                )
            )
        return found

    def _rating(self) -> list[Finding]:
        rating = str(self.raw.get("rating", "")).strip()
        if not rating:
            return [
                self.finding(
                    "archive-required",
                    f"The Archive needs exactly one rating: {', '.join(ARCHIVE_RATINGS)}",
                    key="rating",
                    suggestions=ARCHIVE_RATINGS,
                )
            ]
        if rating in ARCHIVE_RATINGS:
            return []
        mapped = archive_rating(rating)
        return [
            self.finding(
                "archive-rating",
                f"“{rating}” is not one of the Archive's ratings; choose exactly one of "
                f"{', '.join(ARCHIVE_RATINGS)}",
                key="rating",
                needle=rating,
                suggestions=(mapped,) if mapped != "Not Rated" else ARCHIVE_RATINGS,
            )
        ]

    def _warnings(self) -> list[Finding]:
        warnings = [w.strip() for w in self.project.work.warnings if w.strip()]
        if not warnings:
            return [
                self.finding(
                    "archive-required",
                    "The Archive needs at least one archive warning",
                    key="warnings",
                    suggestions=ARCHIVE_WARNINGS[:2],
                )
            ]
        return [
            self.finding(
                "archive-warning",
                f"“{w}” is not an archive warning; the Archive's are: "
                f"{', '.join(ARCHIVE_WARNINGS)}",
                key="warnings",
                needle=w,
            )
            for w in warnings
            if archive_warning(w) is None
        ]

    def _categories(self) -> list[Finding]:
        return [
            self.finding(
                "archive-category",
                f"“{c}” is not a category; the Archive's are: {', '.join(CATEGORIES)}",
                key="categories",
                needle=c,
            )
            for c in self.project.work.categories
            if c.strip() not in CATEGORIES
        ]

    def tags(self) -> list[Finding]:
        work = self.project.work
        found: list[Finding] = []
        for key, label in _TAG_FIELDS:
            names: list[str] = getattr(work, key)
            for name in names:
                found += self._tag(key, label, name)
        total = self.tag_count = len(counted_tags(self.project))
        if total > TAGS_TOTAL_MAX:
            found.append(
                self.finding(
                    "archive-too-many-tags",
                    f"The work has {total} fandom, relationship, character and additional tags; "
                    f"the Archive allows at most {TAGS_TOTAL_MAX} together",
                    key="tags",
                )
            )
        return found

    def _tag(self, key: str, label: str, name: str) -> list[Finding]:
        found: list[Finding] = []
        kind = _TAG_NOUNS[key]
        if not name.strip():
            found.append(
                self.finding("archive-tag", f"An empty {kind} tag: remove it", key=key, needle='""')
            )
        if len(name) > TAG_MAX:
            found.append(
                self.finding(
                    "archive-tag-too-long",
                    f"The {kind} tag “{name[:40]}…” is {len(name)} characters; "
                    f"the Archive allows at most {TAG_MAX}",
                    key=key,
                    needle=name,
                )
            )
        bad = sorted({c for c in name if c in TAG_FORBIDDEN})
        if bad:
            shown = " ".join(bad)
            found.append(
                self.finding(
                    "archive-tag-characters",
                    f"The {kind} tag “{name}” has characters the Archive refuses in tags: {shown}",
                    key=key,
                    needle=name,
                    suggestions=(re.sub(f"[{re.escape(TAG_FORBIDDEN)}]", " ", name).strip(),),
                )
            )
        return found

    def lengths(self, fields: list[FormField]) -> list[Finding]:
        found: list[Finding] = []
        for field in fields:
            where = (
                f"{field.section.removeprefix('Add ')}: {field.label}"
                if field.table != "work"
                else field.label
            )
            if field.limit is not None and field.count > field.limit:
                found.append(
                    self.finding(
                        "archive-too-long",
                        f"{where} is {field.count:,} characters as posted; "
                        f"the Archive allows at most {field.limit:,}",
                        table=field.table,
                        key=field.key,
                        file=field.file,
                    )
                )
            if field.minimum and field.count < field.minimum:
                found.append(
                    self.finding(
                        "archive-too-short",
                        f"{where} is {field.count:,} characters as posted; "
                        f"the Archive needs at least {field.minimum:,}",
                        table=field.table,
                        key=field.key,
                        file=field.file,
                    )
                )
        return found


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]\s]+)\s*\]\]?\s*(#.*)?$")


def key_position(lines: list[str], table: str, key: str, needle: str = "") -> tuple[int, int, int]:
    """(line, column, end column), 1-based, of `needle` in `key`'s value, or of the key.

    `table` is "work" or "chapters#N". Best effort on hand-written TOML: a missing key
    points at its table's header, a missing table at line 1.
    """
    name, _, nth = table.partition("#")
    wanted = int(nth) if nth else 1
    start, seen = -1, 0
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
        if header and header.group(1) == name:
            seen += 1
            if seen == wanted:
                start = i
                break
    if start < 0:
        return 1, 1, 1
    key_line = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for i in range(start + 1, len(lines)):
        if _HEADER.match(lines[i]):
            break
        if key and key_line.match(lines[i]):
            return _needle_position(lines, i, needle)
    return start + 1, 1, len(lines[start]) + 1


def _needle_position(lines: list[str], key_index: int, needle: str) -> tuple[int, int, int]:
    """The needle within the key's value (which may run over several lines)."""
    if needle:
        for i in range(key_index, min(len(lines), key_index + 200)):
            if i > key_index and (
                _HEADER.match(lines[i]) or re.match(r"^\s*[\w\"'-]+\s*=", lines[i])
            ):
                break
            for spelled in (needle, json.dumps(needle, ensure_ascii=False)[1:-1]):
                column = lines[i].find(spelled)
                if column >= 0:
                    return i + 1, column + 1, column + 1 + len(spelled)
    return key_index + 1, 1, len(lines[key_index]) + 1
