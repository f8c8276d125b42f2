"""Plain text laid out the way fics circulate: a header of fields, then the chapters.

    Title: Salt and Static
    Rating: Teen And Up Audiences
    Summary: ...

    Chapter 1: The Signal

Paragraphs are one line each with a blank line between (readers' apps wrap them);
italics stay visible as *asterisks*, lyrics are indented lines, scene breaks "* * *".
"""

from __future__ import annotations

from pathlib import Path

from studio.export.parts import (
    ChapterPart,
    Credits,
    authors_line,
    chapter_parts,
    clean,
    clean_spans,
    credits,
    heading_text,
    one_line,
    other_lines,
    paragraphs,
    title,
    work_notes,
)
from studio.storage import atomic_write_text
from studio.story.blocks import Block, BlockKind
from studio.story.project import Project

SCENE_BREAK = "* * *"
VERSE_INDENT = "    "
RULE = "=" * 40


def export_text(project: Project, out: Path) -> list[Path]:
    atomic_write_text(out, render_text(project))
    return [out]


def render_text(project: Project) -> str:
    parts = chapter_parts(project)
    credit = credits(project, parts)
    sections = [_header(project, credit), RULE]
    for part in parts:
        sections.append(_chapter(part, credit))
    end_notes = paragraphs(project.work.end_notes)
    if end_notes:
        sections += [RULE, _field("End Notes", end_notes)]
    return clean("\n\n".join(s for s in sections if s)) + "\n"


def _header(project: Project, credit: Credits) -> str:
    work = project.work
    lines = [_field("Title", [title(project)])]
    one_liners = [
        ("Author", authors_line(project)),
        ("Fandom", ", ".join(work.fandoms)),
        ("Rating", work.rating),
        ("Warnings", ", ".join(work.warnings)),
        ("Category", ", ".join(work.categories)),
        ("Relationships", ", ".join(work.relationships)),
        ("Characters", ", ".join(work.characters)),
        ("Tags", ", ".join(work.tags)),
    ]
    lines += [_field(label, [one_line(value)]) for label, value in one_liners if one_line(value)]
    for label, texts in (
        ("Summary", paragraphs(work.summary)),
        ("Spoilers", paragraphs(work.spoilers)),
        ("Disclaimer", paragraphs(work.disclaimer)),
        ("Note", work_notes(project, credit)),
    ):
        if texts:
            lines.append(_field(label, texts))
    return "\n".join(lines)


def _field(label: str, texts: list[str]) -> str:
    """ "Label: first paragraph", further paragraphs on their own lines below it."""
    first, *rest = [_inline(text) for text in texts]
    return "\n".join([f"{label}: {first}", *rest])


def _chapter(part: ChapterPart, credit: Credits) -> str:
    out = [_inline(part.heading)]
    for label, text in (("Summary", part.chapter.summary), ("Note", part.chapter.notes)):
        texts = paragraphs(text)
        if texts:
            out.append(_field(label, texts))
    out += [_block(block, credit) for block in part.blocks]
    end_notes = paragraphs(part.chapter.end_notes)
    if end_notes:
        out.append(_field("End Note", end_notes))
    return "\n\n".join(s for s in out if s)


def _block(block: Block, credit: Credits) -> str:
    if block.kind is BlockKind.SCENE_BREAK:
        return SCENE_BREAK
    if block.kind is BlockKind.LYRICS:
        stanzas = ["\n".join(VERSE_INDENT + _inline(line) for line in s) for s in block.stanzas]
        credit_line = credit.block_line(block)
        if credit_line:
            stanzas.append(VERSE_INDENT + credit_line)
        return "\n\n".join(stanzas)
    if block.kind is BlockKind.HEADING:
        return _inline(heading_text(block))
    if block.kind is BlockKind.PARAGRAPH:
        return _inline(block.text)
    return "\n".join(_inline(line) for line in other_lines(block))


def _inline(text: str) -> str:
    """A paragraph on one line, emphasis kept visible: *italics*, **bold**."""
    out = []
    for span in clean_spans(text):
        if span.line_break:
            out.append("\n")
            continue
        piece = span.text
        if span.href and span.href != piece:
            piece = f"{piece} <{span.href}>"
        mark = ("**" if span.bold else "") + ("*" if span.italic else "")
        if mark and piece.strip():
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            piece = f"{lead}{mark}{piece.strip()}{mark[::-1]}{trail}"
        out.append(piece)
    return "".join(out).strip()
