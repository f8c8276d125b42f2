"""Pandoc Markdown: a YAML metadata block, chapters as headings, lyrics as fenced divs.

The text is written out again from the parsed spans, never copied from the chapter
files, so every character that pandoc would read as markup (`<`, `&`, `*`, `@`, `$`…)
is escaped and a story that contains `<script>` converts to those characters.
Verse lines are pandoc line blocks (`| `), which keep each line of a song.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from studio.export.parts import (
    ChapterPart,
    Credits,
    ListItems,
    chapter_parts,
    clean,
    clean_spans,
    credits,
    heading_text,
    list_items,
    one_line,
    other_lines,
    paragraphs,
    preface_fields,
    title,
    work_notes,
)
from studio.storage import atomic_write_text
from studio.story.blocks import Block, BlockKind
from studio.story.project import Project

SCENE_BREAK = "* * *"

# Backslash-escapable punctuation that pandoc can read as markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]{}<>&$~^@])")
# What only means something at the start of a line: lists, quotes, headings, divs.
_LINE_START = re.compile(r"^(\s*)([-+=%#:|]|\d+(?=[.)]))")


def export_markdown(project: Project, out: Path) -> list[Path]:
    atomic_write_text(out, render_markdown(project))
    return [out]


def render_markdown(project: Project) -> str:
    parts = chapter_parts(project)
    credit = credits(project, parts)
    sections = [_metadata(project), _preface(project, credit)]
    sections += [_chapter(part, credit) for part in parts]
    end_notes = paragraphs(project.work.end_notes)
    if end_notes:
        sections.append(_div("afterword", [_labelled("End Notes", end_notes)]))
    return clean("\n\n".join(s for s in sections if s)) + "\n"


def escape(text: str) -> str:
    """Plain text as pandoc Markdown that reads back as exactly that text."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = re.sub(r"(?<=-)-", r"\\-", text)  # "--" stays two hyphens, not a smart dash
    match = _LINE_START.match(text)
    if match:
        lead, mark = match.groups()
        text = (
            f"{lead}{mark}\\{text[match.end() :]}"
            if mark[0].isdigit()
            else (f"{lead}\\{text[len(lead) :]}")
        )
    return text


def inline(text: str) -> str:
    """A paragraph's spans as Markdown on one line: *italics*, **bold**, [links](url)."""
    out = []
    for span in clean_spans(text):
        if span.line_break:
            out.append("\\\n")
            continue
        piece = escape(span.text)
        if span.href:
            piece = f"[{piece}]({_url(span.href)})"
        mark = ("**" if span.bold else "") + ("*" if span.italic else "")
        if mark and piece.strip():
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            piece = f"{lead}{mark}{piece.strip()}{mark[::-1]}{trail}"
        out.append(piece)
    return "".join(out).strip()


def _url(href: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in " ()<>\\" else c for c in href)


def _yaml(value: str) -> str:
    """A YAML double-quoted string (JSON's are) holding Markdown, as pandoc reads it."""
    return json.dumps(escape(one_line(value)), ensure_ascii=False)


def _metadata(project: Project) -> str:
    work = project.work
    lines = ["---", f"title: {_yaml(title(project))}"]
    authors = [a for a in work.authors if one_line(a)]
    if authors:
        lines.append("author:")
        lines += [f"- {_yaml(a)}" for a in authors]
    language = one_line(work.language)
    if language:
        lines.append(f"lang: {json.dumps(language)}")
    lines.append(f"rating: {_yaml(work.rating)}")
    for key, given in (
        ("warnings", work.warnings),
        ("categories", work.categories),
        ("fandoms", work.fandoms),
        ("relationships", work.relationships),
        ("characters", work.characters),
        ("tags", work.tags),
    ):
        values = [v for v in given if one_line(v)]
        if values:
            lines.append(f"{key}:")
            lines += [f"- {_yaml(v)}" for v in values]
    lines.append(f"status: {_yaml(work.status)}")
    lines.append("---")
    return "\n".join(lines)


def _preface(project: Project, credit: Credits) -> str:
    work = project.work
    fields = [f"**{escape(label)}:** {escape(value)}\\" for label, value in preface_fields(project)]
    if fields:
        fields[-1] = fields[-1].removesuffix("\\")
    body = ["\n".join(fields)] if fields else []
    for label, texts in (
        ("Summary", paragraphs(work.summary)),
        ("Spoilers", paragraphs(work.spoilers)),
        ("Disclaimer", paragraphs(work.disclaimer)),
        ("Notes", work_notes(project, credit)),
    ):
        if texts:
            body.append(_labelled(label, texts))
    return _div("preface", body)


def _labelled(label: str, texts: list[str]) -> str:
    first, *rest = [inline(text) for text in texts]
    return "\n\n".join([f"**{label}:** {first}", *rest])


def _div(name: str, body: list[str]) -> str:
    body = [b for b in body if b]
    return "\n\n".join([f"::: {name}", *body, ":::"]) if body else ""


def _chapter(part: ChapterPart, credit: Credits) -> str:
    out = [f"# {escape(part.heading)}"]
    for name, label, text in (
        ("summary", "Summary", part.chapter.summary),
        ("notes", "Notes", part.chapter.notes),
    ):
        out.append(_div(name, [_labelled(label, paragraphs(text))] if paragraphs(text) else []))
    out += [_block(block, credit) for block in part.blocks]
    end = paragraphs(part.chapter.end_notes)
    out.append(_div("end-notes", [_labelled("End Notes", end)] if end else []))
    return "\n\n".join(s for s in out if s)


def _block(block: Block, credit: Credits) -> str:
    if block.kind is BlockKind.SCENE_BREAK:
        return SCENE_BREAK
    if block.kind is BlockKind.LYRICS:
        return _lyrics(block, credit.block_line(block))
    if block.kind is BlockKind.HEADING:
        first = block.lines[0].lstrip() if block.lines else ""
        level = min(len(first) - len(first.lstrip("#")), 4) or 1
        return f"{'#' * (level + 1)} {inline(heading_text(block))}"
    if block.kind is BlockKind.PARAGRAPH:
        return inline(block.text)
    items = list_items(block)
    if items is not None:
        return _list(items)
    return "\n\n".join(inline(line) for line in other_lines(block))


def _list(items: ListItems) -> str:
    """A list stays a list: `- item` or `1. item`, numbered from its own start."""
    lines = []
    for number, item in enumerate(items.items, start=items.start):
        mark = f"{number}." if items.ordered else "-"
        lines.append(f"{mark} {inline(item)}".rstrip())
    return "\n".join(lines)


def _lyrics(block: Block, credit_line: str) -> str:
    song = block.song or ""
    attrs = f' song="{song}"' if re.fullmatch(r"[\w.:-]+", song) else ""
    stanzas = ["\n".join(f"| {inline(line)}" for line in s) for s in block.stanzas]
    if credit_line:
        stanzas.append(f"[{escape(credit_line)}]{{.credit}}")
    return "\n\n".join([f"::: {{.lyrics{attrs}}}", *stanzas, ":::"])
