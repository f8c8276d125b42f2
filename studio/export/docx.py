"""A Word document for editors: real Title, Heading and Quote styles, a page per chapter.

Editors who work in Word expect to see the story's structure in the style list and
the navigation pane, and to comment on real paragraphs, so everything is a styled
paragraph (no manual formatting): "Lyrics" is a paragraph style based on Word's
Quote, so an editor can restyle every quotation at once.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

from studio.errors import StudioError
from studio.export.parts import (
    ChapterPart,
    Credits,
    authors_line,
    chapter_parts,
    clean,
    clean_spans,
    credits,
    other_lines,
    paragraphs,
    preface_fields,
    title,
    work_notes,
)
from studio.storage import atomic_write_bytes
from studio.story.blocks import Block, BlockKind
from studio.story.project import Project

LYRICS_STYLE = "Lyrics"
CREDIT_STYLE = "Lyrics Credit"
SCENE_BREAK_STYLE = "Scene Break"
FIELD_STYLE = "Preface Field"
SCENE_BREAK = "* * *"


def export_docx(project: Project, out: Path) -> list[Path]:
    """The whole story as one .docx at `out`: preface, chapters, afterword."""
    parts = chapter_parts(project)
    credit = credits(project, parts)
    document = new_document(project)
    add_preface(document, project, credit)
    for part in parts:
        heading = document.add_paragraph(clean(part.heading), style="Heading 1")
        heading.paragraph_format.page_break_before = True
        add_notes(document, "Summary", paragraphs(part.chapter.summary))
        add_notes(document, "Notes", paragraphs(part.chapter.notes))
        add_blocks(document, part, credit)
        add_notes(document, "End Notes", paragraphs(part.chapter.end_notes))
    end_notes = paragraphs(project.work.end_notes)
    if end_notes:
        heading = document.add_paragraph("Afterword", style="Heading 1")
        heading.paragraph_format.page_break_before = True
        add_notes(document, "End Notes", end_notes)
    save(document, out)
    return [out]


def new_document(project: Project) -> Document:
    """An empty document with Studio's styles, the story's language and properties."""
    document = docx.Document()
    _define_styles(document)
    _set_language(document, clean(project.work.language).strip() or "en")
    props = document.core_properties
    props.title = title(project)
    props.author = authors_line(project)
    props.subject = clean(", ".join(project.work.fandoms))[:255]
    props.keywords = clean(", ".join(project.work.tags))[:255]
    props.comments = " ".join(paragraphs(project.work.summary))[:255]
    props.language = clean(project.work.language).strip()
    return document


def add_preface(document: Document, project: Project, credit: Credits) -> None:
    """The title page: title, authors, the work's fields, summary, spoilers, notes."""
    document.add_paragraph(title(project), style="Title")
    authors = authors_line(project)
    if authors:
        document.add_paragraph(f"by {authors}", style="Subtitle")
    for label, value in preface_fields(project):
        paragraph = document.add_paragraph(style=FIELD_STYLE)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    add_notes(document, "Summary", paragraphs(project.work.summary))
    add_notes(document, "Spoilers", paragraphs(project.work.spoilers))
    add_notes(document, "Disclaimer", paragraphs(project.work.disclaimer))
    add_notes(document, "Notes", work_notes(project, credit))


def add_notes(document: Document, label: str, texts: list[str]) -> None:
    """A labelled section (Summary, Notes, End Notes), left out when empty."""
    if not texts:
        return
    document.add_paragraph(label, style="Heading 2")
    for text in texts:
        add_spans(document.add_paragraph(), text)


def add_blocks(document: Document, part: ChapterPart, credit: Credits) -> None:
    for block in part.blocks:
        add_block(document, block, credit)


def add_block(document: Document, block: Block, credit: Credits) -> None:
    if block.kind is BlockKind.PARAGRAPH:
        add_spans(document.add_paragraph(), block.text)
    elif block.kind is BlockKind.SCENE_BREAK:
        document.add_paragraph(SCENE_BREAK, style=SCENE_BREAK_STYLE)
    elif block.kind is BlockKind.LYRICS:
        add_lyrics(document, block, credit.block_line(block))
    elif block.kind is BlockKind.HEADING:
        text = re.sub(r"^\s*#+\s*|\s*#+\s*$", "", " ".join(block.lines))
        add_spans(document.add_paragraph(style="Heading 3"), text)
    else:
        for line in other_lines(block):
            add_spans(document.add_paragraph(), line)


def add_lyrics(document: Document, block: Block, credit_line: str) -> None:
    """One paragraph per stanza, a line break between its lines, the credit below."""
    for stanza in block.stanzas:
        paragraph = document.add_paragraph(style=LYRICS_STYLE)
        for index, line in enumerate(stanza):
            if index:
                paragraph.add_run().add_break()
            add_spans(paragraph, line)
    if credit_line:
        document.add_paragraph(credit_line, style=CREDIT_STYLE)


def add_spans(paragraph: Paragraph, text: str) -> None:
    """Italics and bold as runs; a hard line break as a break."""
    for span in clean_spans(text):
        if span.line_break:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(span.text)
        if span.italic:
            run.italic = True
        if span.bold:
            run.bold = True


def save(document: Document, out: Path) -> None:
    buffer = io.BytesIO()
    try:
        document.save(buffer)
    except ValueError as exc:  # lxml refuses text that XML cannot hold
        raise StudioError(f"could not write the DOCX ({exc})", path=out) from exc
    atomic_write_bytes(out, buffer.getvalue())


def _define_styles(document: Document) -> None:
    styles = document.styles
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(8)
    normal.line_spacing = 1.15

    lyrics = styles.add_style(LYRICS_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    lyrics.base_style = styles["Quote"]
    lyrics.quick_style = True
    lyrics.font.italic = True
    lyrics.paragraph_format.left_indent = Inches(0.6)
    lyrics.paragraph_format.right_indent = Inches(0.6)
    lyrics.paragraph_format.space_after = Pt(8)
    lyrics.paragraph_format.keep_together = True

    credit = styles.add_style(CREDIT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    credit.base_style = lyrics
    credit.quick_style = True
    credit.font.italic = False
    credit.font.size = Pt(10)
    credit.paragraph_format.space_after = Pt(12)

    scene = styles.add_style(SCENE_BREAK_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    scene.base_style = styles["Normal"]
    scene.quick_style = True
    scene.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    scene.paragraph_format.space_before = Pt(12)
    scene.paragraph_format.space_after = Pt(12)

    field = styles.add_style(FIELD_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    field.base_style = styles["Normal"]
    field.paragraph_format.space_after = Pt(2)


def _set_language(document: Document, language: str) -> None:
    """The default language of every run, so Word spell-checks in the story's language."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
