"""The Archive posting package: chapter HTML files and a posting sheet (HTML and JSON).

The sheet lists every field of the Archive's posting form in the form's order, with
exactly what to paste, its character count against the Archive's limit, a copy
button, and what must be fixed before posting (the `archive` findings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from studio.export.archive import (
    AFTER,
    NEW_WORK,
    TAGS_TOTAL_MAX,
    TEXT,
    WORK_SKIN_FILE,
    WORK_SKIN_TITLE,
    FormField,
    PostingForm,
    posting_form,
)
from studio.export.render_html import clean_text
from studio.export.selection import story_chapter_count
from studio.resources import resource_path
from studio.storage import atomic_write_text
from studio.story.project import Project

SHEET_HTML = "posting-sheet.html"
SHEET_JSON = "posting-sheet.json"


@dataclass(frozen=True, slots=True)
class SheetField:
    """A form field as the page shows it: a box to copy from, or the choices to
    select or tick (`kind`, `options`, `chosen`), or a note for after posting."""

    id: str
    label: str
    value: str
    count_text: str
    over: bool
    rows: int
    problems: list[str]
    kind: str
    options: tuple[str, ...]
    chosen: tuple[str, ...]
    hint: str


@dataclass(frozen=True, slots=True)
class SheetSection:
    name: str
    fields: list[SheetField]


def export_ao3(project: Project, out: Path) -> list[Path]:
    """Write the Archive package into the folder `out` (created if missing).

    Files: `chapter-NN.html` (each chapter's text for the posting form's HTML editor),
    `workskin.css` when the chapters quote lyrics, `posting-sheet.html` and
    `posting-sheet.json`. Returns them in that order.
    """
    form = posting_form(project)
    written: list[Path] = []
    texts = [f for f in form.fields if f.id.endswith("-text")]
    width = max(2, len(str(story_chapter_count(project))))
    for field in texts:
        number = int(field.id.split("-")[1])
        path = out / f"chapter-{number:0{width}d}.html"
        atomic_write_text(path, field.value + "\n")
        written.append(path)
    if any(f.id == "work-skin" for f in form.fields) or _quotes_lyrics(form):
        skin = out / WORK_SKIN_FILE
        atomic_write_text(skin, work_skin_css())
        written.append(skin)
    sheet = out / SHEET_HTML
    atomic_write_text(sheet, render_sheet(project, form))
    data = out / SHEET_JSON
    atomic_write_text(data, json.dumps(sheet_json(form), ensure_ascii=False, indent=2) + "\n")
    return [*written, sheet, data]


WORK_SKIN_STEPS = (
    "Once: on the Archive, open Dashboard → Skins → My Work Skins → Create Work Skin.",
    f"Type: Work Skin. Title: {WORK_SKIN_TITLE}. Paste all of {WORK_SKIN_FILE} into CSS.",
    "Submit. The Archive checks the CSS and saves the skin to your account.",
    f"On the posting form, choose {WORK_SKIN_TITLE} in Select Work Skin (for a work already "
    "posted: Edit, Select Work Skin, Update).",
    "Readers see the skin unless they turn off creator's style; the text reads well without it.",
)


def work_skin_css() -> str:
    """The work skin that styles `class="lyrics"` and `class="credit"` on the Archive."""
    return resource_path("styles", "ao3-workskin.css").read_text(encoding="utf-8")


def _quotes_lyrics(form: PostingForm) -> bool:
    """A chapter of the form's quotes lyrics (an Add Chapter sheet has no skin field)."""
    return any('class="lyrics"' in f.value for f in form.fields if f.id.endswith("-text"))


def sheet_json(form: PostingForm) -> dict[str, object]:
    """The sheet as data: every field in order, its count and limit, and the fixes."""
    return {
        "fields": [
            {
                "id": f.id,
                "section": f.section,
                "label": f.label,
                "value": f.value,
                "characters": f.count,
                "limit": f.limit,
                "minimum": f.minimum,
                "ok": _within(f) and not form.problems.get(f.id),
                "problems": form.problems.get(f.id, []),
                "kind": f.kind,
                **({"options": list(f.options)} if f.options else {}),
                **({"chosen": list(f.chosen)} if f.kind != TEXT else {}),
                **({"hint": f.hint} if f.hint else {}),
            }
            for f in form.fields
        ],
        "tags_counted": form.tag_count,
        "tags_limit": TAGS_TOTAL_MAX,
        "fixes": [finding.as_json() for finding in form.findings],
        "ready": not form.findings,
    }


def render_sheet(project: Project, form: PostingForm) -> str:
    sections: list[SheetSection] = []
    for field in form.fields:
        if not sections or sections[-1].name != field.section:
            sections.append(SheetSection(field.section, []))
        sections[-1].fields.append(_sheet_field(field, form.problems.get(field.id, [])))
    title = clean_text(project.work.title.strip()) or "Untitled"
    return (
        _environment()
        .get_template("posting-sheet.html.j2")
        .render(
            title=title,
            language=clean_text(project.work.language.strip()) or "en",
            sections=sections,
            fixes=form.findings,
            tag_count=form.tag_count,
            tag_limit=TAGS_TOTAL_MAX,
            new_work=any(f.section == NEW_WORK for f in form.fields),
            skin_steps=WORK_SKIN_STEPS if _quotes_lyrics(form) else (),
            skin_file=WORK_SKIN_FILE,
            skin_css=work_skin_css() if _quotes_lyrics(form) else "",
        )
    )


def _within(field: FormField) -> bool:
    return field.minimum <= field.count and (field.limit is None or field.count <= field.limit)


# Boxes for the chapter text stop growing here (it scrolls); every other box shows
# its whole text, so a summary is read in full before it is pasted.
TEXT_ROWS_MAX = 14
_CHARACTERS_PER_ROW = 90


def _sheet_field(field: FormField, problems: list[str]) -> SheetField:
    if field.limit is not None:
        count_text = f"{field.count:,} / {field.limit:,} characters"
    elif field.kind in (TEXT, AFTER):
        count_text = f"{field.count:,} character{'' if field.count == 1 else 's'}"
    else:
        count_text = ""
    rows = sum(1 + len(line) // _CHARACTERS_PER_ROW for line in field.value.split("\n"))
    if field.id.endswith("-text"):
        rows = min(rows, TEXT_ROWS_MAX)
    rows = max(1, rows) if field.value else 1
    over = not _within(field)
    return SheetField(
        field.id,
        field.label,
        field.value,
        count_text,
        over,
        rows,
        problems,
        field.kind,
        field.options,
        field.chosen,
        field.hint,
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(resource_path("templates")),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
