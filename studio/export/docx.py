"""A Word document for editors: real Title, Heading and Quote styles, a page per chapter.

Editors who work in Word expect to see the story's structure in the style list and
the navigation pane, and to comment on real paragraphs, so everything is a styled
paragraph (no manual formatting): "Lyrics" is a paragraph style based on Word's
Quote, so an editor can restyle every quotation at once.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Inches, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from studio.errors import StudioError
from studio.export.parts import (
    ChapterPart,
    Credits,
    authors_line,
    chapter_parts,
    clean,
    clean_spans,
    credits,
    heading_text,
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
    build_docx(project).save(out)
    return [out]


def build_docx(
    project: Project,
    *,
    make_writer: Callable[[Document], DocxWriter] | None = None,
    add_chapter: Callable[[DocxWriter, ChapterPart, Credits], None] | None = None,
) -> DocxWriter:
    """The document, not yet saved. The hooks let the review export
    (studio.review.docx_out) lay out chapter text with comments and tracked changes."""
    parts = chapter_parts(project)
    credit = credits(project, parts)
    writer = (make_writer or DocxWriter)(new_document(project))
    add_chapter = add_chapter or add_blocks
    add_preface(writer, project, credit)
    for part in parts:
        heading = writer.paragraph("Heading 1", part.heading)
        heading.paragraph_format.page_break_before = True
        add_notes(writer, "Summary", paragraphs(part.chapter.summary))
        add_notes(writer, "Notes", paragraphs(part.chapter.notes))
        add_chapter(writer, part, credit)
        add_notes(writer, "End Notes", paragraphs(part.chapter.end_notes))
    end_notes = paragraphs(project.work.end_notes)
    if end_notes:
        heading = writer.paragraph("Heading 1", "Afterword")
        heading.paragraph_format.page_break_before = True
        add_notes(writer, "End Notes", end_notes)
    return writer


class DocxWriter:
    """Appends styled paragraphs to a document, fast enough for a million words.

    python-docx's `Document.add_paragraph` looks for the section properties at the end
    of the body and looks each style up by name, every time: quadratic in the length of
    the story (10 s for a million words). Inserting before one anchor paragraph at the
    end, with each style's id looked up once, is linear; the anchor is removed on save.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self._anchor = document.add_paragraph()
        self._style_ids: dict[str, str] = {}

    def paragraph(self, style: str | None = None, text: str = "") -> Paragraph:
        paragraph = self._anchor.insert_paragraph_before()
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.document.styles[style].style_id
            # What `paragraph.style = …` does, without its scan for the default style.
            paragraph._p.get_or_add_pPr().style = self._style_ids[style]
        if text:
            add_text(paragraph, clean(text))
        return paragraph

    def save(self, out: Path) -> None:
        anchor = self._anchor._p  # python-docx has no public way to delete a paragraph
        parent = anchor.getparent()
        if parent is not None:
            parent.remove(anchor)
        save(self.document, out)


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
    _set_paper(document, project)
    return document


# Where Letter paper is the norm; everywhere else prints on A4.
_LETTER_REGIONS = {"US", "CA", "MX", "PH", "CL", "CO", "VE"}


def _set_paper(document: Document, project: Project) -> None:
    """A4 or Letter after the story's region (its dictionary, else its language tag)."""
    tag = project.spelling.dictionary or project.work.language
    region = re.split(r"[-_]", tag)[1].upper() if re.search(r"[-_]", tag) else ""
    width, height = (Inches(8.5), Inches(11)) if region in _LETTER_REGIONS else (Mm(210), Mm(297))
    for section in document.sections:
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)


def add_preface(writer: DocxWriter, project: Project, credit: Credits) -> None:
    """The title page: title, authors, the work's fields, summary, spoilers, notes."""
    writer.paragraph("Title", title(project))
    authors = authors_line(project)
    if authors:
        writer.paragraph("Subtitle", f"by {authors}")
    for label, value in preface_fields(project):
        paragraph = writer.paragraph(FIELD_STYLE)
        add_text(paragraph, f"{label}: ").bold = True
        add_text(paragraph, value)
    add_notes(writer, "Summary", paragraphs(project.work.summary))
    add_notes(writer, "Spoilers", paragraphs(project.work.spoilers))
    add_notes(writer, "Disclaimer", paragraphs(project.work.disclaimer))
    add_notes(writer, "Notes", work_notes(project, credit))


def add_notes(writer: DocxWriter, label: str, texts: list[str]) -> None:
    """A labelled section (Summary, Notes, End Notes), left out when empty."""
    if not texts:
        return
    writer.paragraph("Heading 2", label)
    for text in texts:
        add_spans(writer.paragraph(), text)


def add_blocks(writer: DocxWriter, part: ChapterPart, credit: Credits) -> None:
    for block in part.blocks:
        add_block(writer, block, credit)


def add_block(writer: DocxWriter, block: Block, credit: Credits) -> None:
    if block.kind is BlockKind.PARAGRAPH:
        add_spans(writer.paragraph(), block.text)
    elif block.kind is BlockKind.SCENE_BREAK:
        writer.paragraph(SCENE_BREAK_STYLE, SCENE_BREAK)
    elif block.kind is BlockKind.LYRICS:
        add_lyrics(writer, block, credit.block_line(block))
    elif block.kind is BlockKind.HEADING:
        add_spans(writer.paragraph("Heading 3"), heading_text(block))
    else:
        for line in other_lines(block):
            add_spans(writer.paragraph(), line)


def add_lyrics(writer: DocxWriter, block: Block, credit_line: str) -> None:
    """One paragraph per stanza, a line break between its lines, the credit below."""
    for stanza in block.stanzas:
        paragraph = writer.paragraph(LYRICS_STYLE)
        for index, line in enumerate(stanza):
            if index:
                paragraph.add_run().add_break()
            add_spans(paragraph, line)
    if credit_line:
        writer.paragraph(CREDIT_STYLE, credit_line)


def add_spans(paragraph: Paragraph, text: str) -> None:
    """Italics and bold as runs; a hard line break as a break."""
    for span in clean_spans(text):
        if span.line_break:
            paragraph.add_run().add_break()
            continue
        run = add_text(paragraph, span.text)
        if span.italic:
            run.italic = True
        if span.bold:
            run.bold = True


def add_text(paragraph: Paragraph, text: str) -> Run:
    """A run holding `text` (already clean: no line breaks, no control characters).

    `Paragraph.add_run(text)` reads the text one character at a time to turn tabs and
    line breaks into elements; prose has neither, and this is five times faster.
    """
    run = paragraph.add_run()
    run._r.add_t(text)
    return run


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
