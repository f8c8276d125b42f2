"""`studio export --format docx --review`: the Word document with the review in it.

The document is the ordinary DOCX export (studio.export.docx), laid out by the same
code; this module only records which chapter characters each paragraph shows
(studio.review.textmap) and then marks the paragraphs: comments (with their replies as
a Word thread, and resolved ones marked done) become Word comments, pending suggestions
become tracked changes (`w:ins`/`w:del`) with their reviewer's name and date, so the
editor sees them in Word, LibreOffice or Google Docs as if made there. A copy of what
was sent is kept (studio.review.sent) so the document that comes back can be compared.
Detached comments and suggestions (whose words are gone) are left out: they have no
place in the text.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from docx.document import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.text.paragraph import Paragraph
from lxml import etree

from studio.export.docx import CREDIT_STYLE, DocxWriter, add_block, build_docx
from studio.export.parts import ChapterPart, Credits, clean
from studio.review.identity import author_name
from studio.review.model import ChapterReview, Comment, Suggestion
from studio.review.ooxml import (
    COMMENTS_EXTENDED_REL,
    COMMENTS_EXTENDED_TYPE,
    W15_NS,
    XML_SPACE,
    w,
    w14,
    w15,
)
from studio.review.sent import SentCopy, SentParagraph, save_sent
from studio.review.store import load_review
from studio.review.textmap import ShownParagraph, align, clean_offsets
from studio.story.blocks import BlockKind, source_lines
from studio.story.project import Project


def export_review_docx(project: Project, out: Path) -> list[Path]:
    """Write the review DOCX to `out` and keep a copy of what was sent."""
    writer, sent = build_review_docx(project)
    writer.save(out)
    save_sent(project.root, sent)
    return [out]


def build_review_docx(project: Project) -> tuple[ReviewWriter, SentCopy]:
    """The marked-up document (not saved) and the record of what it shows."""
    texts = {c.file: project.read_chapter(c) for c in project.chapters}
    writer = build_docx(
        project,
        make_writer=ReviewWriter,
        add_chapter=lambda w_, part, credit: _add_chapter(w_, part, credit, texts),
    )
    assert isinstance(writer, ReviewWriter)
    writer.document.core_properties.last_modified_by = author_name()
    marks = _Marks(writer.document)
    for file, layout in writer.layouts.items():
        review = load_review(project, file, texts[file])
        marks.place(layout, review)
    marks.finish()
    return writer, SentCopy(_sent_paragraphs(writer), texts, _stamp(datetime.now(UTC)))


class ReviewWriter(DocxWriter):
    """The DOCX writer, noting the paragraphs each chapter block is laid out as."""

    def __init__(self, document: Document) -> None:
        super().__init__(document)
        self.recording: list[Paragraph] | None = None
        self.layouts: dict[str, list[tuple[etree._Element, ShownParagraph]]] = {}

    def paragraph(self, style: str | None = None, text: str = "") -> Paragraph:
        paragraph = super().paragraph(style, text)
        if self.recording is not None and style != CREDIT_STYLE:
            self.recording.append(paragraph)
        return paragraph


def _add_chapter(
    writer: DocxWriter, part: ChapterPart, credit: Credits, texts: dict[str, str]
) -> None:
    """Lay the chapter out as the plain export does, mapping each paragraph's text."""
    assert isinstance(writer, ReviewWriter)
    raw = texts[part.chapter.file]
    cleaned = clean(raw)
    to_raw = clean_offsets(raw)
    starts = _line_starts(cleaned)
    layout = writer.layouts.setdefault(part.chapter.file, [])
    for block in part.blocks:
        writer.recording = []
        add_block(writer, block, credit)
        made, writer.recording = writer.recording, None
        if block.kind is BlockKind.SCENE_BREAK:
            continue
        at = starts[min(block.content_start, len(starts) - 1)]
        end = starts[block.end] if block.end < len(starts) else len(cleaned)
        for paragraph in made:
            shown = paragraph_text(paragraph._p)
            if not shown:
                continue
            offsets = align(shown, cleaned, at, end)
            at = offsets[-1] + 1
            if to_raw is not None:
                offsets = [to_raw[o] for o in offsets]
            layout.append((paragraph._p, ShownParagraph(shown, offsets)))


def _line_starts(text: str) -> list[int]:
    starts, at = [], 0
    for line in source_lines(text):
        starts.append(at)
        at += len(line) + 1
    return starts


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's text as sent: runs' text and breaks (Studio writes nothing else)."""
    parts: list[str] = []
    for node in p.iter(w("t"), w("br"), w("tab")):
        parts.append(
            node.text or "" if node.tag == w("t") else "\n" if node.tag == w("br") else "\t"
        )
    return "".join(parts)


def _sent_paragraphs(writer: ReviewWriter) -> list[SentParagraph]:
    chapter_of = {
        id(p): (file, shown) for file, layout in writer.layouts.items() for p, shown in layout
    }
    sent = []
    for p in writer.document.element.body.iter(w("p")):
        found = chapter_of.get(id(p))
        if found is None:
            sent.append(SentParagraph(_original_text(p)))
        else:
            sent.append(SentParagraph(found[1].text, found[0], found[1]))
    return sent


def _original_text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(w("t"), w("delText"), w("br"), w("tab")):
        if node.tag == w("br"):
            parts.append("\n")
        elif node.tag == w("tab"):
            parts.append("\t")
        elif not _inside(node, w("ins")):
            parts.append(node.text or "")
    return "".join(parts)


def _inside(node: etree._Element, tag: str) -> bool:
    parent = node.getparent()
    while parent is not None and parent.tag != w("p"):
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _date(stamp: str) -> datetime:
    try:
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return datetime.now(UTC)


# -- marking the paragraphs -----------------------------------------------------------


@dataclass(slots=True)
class _ParagraphMarks:
    """What goes into one paragraph, at shown positions."""

    starts: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    ends: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    inserts: dict[int, list[tuple[str, Suggestion]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    deletes: list[tuple[int, int, Suggestion]] = field(default_factory=list)
    mark_deleted: Suggestion | None = None

    def cuts(self) -> set[int]:
        found = set(self.starts) | set(self.ends) | set(self.inserts)
        for start, end, _ in self.deletes:
            found |= {start, end}
        return found


class _Marks:
    """Collects the review's marks paragraph by paragraph, then writes them."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.paragraphs: dict[int, tuple[etree._Element, _ParagraphMarks]] = {}
        self.threads: list[tuple[etree._Element, etree._Element | None, bool]] = []
        self.revision = 1

    def place(
        self, layout: list[tuple[etree._Element, ShownParagraph]], review: ChapterReview
    ) -> None:
        if not layout:
            return
        firsts = [shown.first for _, shown in layout]
        ends = [shown.end for _, shown in layout]

        def start_index(offset: int) -> int:  # the paragraph a range starting here is in
            return min(bisect_left(ends, offset), len(layout) - 1)

        def end_index(offset: int) -> int:  # the paragraph a range ending here is in
            return max(bisect_left(firsts, offset) - 1, 0)

        for comment in review.comments:
            if comment.anchor.detached:
                continue
            a = comment.anchor
            ks = start_index(a.start)
            ke = max(ks, end_index(a.end)) if a.end > a.start else ks
            ps = layout[ks][1].shown_at(a.start)
            pe = layout[ke][1].shown_at(a.end) if a.end > a.start else ps
            if ke == ks:
                pe = max(pe, ps)
            self._comment(layout[ks][0], ps, layout[ke][0], pe, comment)
        for suggestion in review.pending_suggestions():
            a = suggestion.anchor
            if a.detached:
                continue
            ks = start_index(a.start)
            ke = max(ks, end_index(a.end)) if a.end > a.start else ks
            for k in range(ks, ke + 1):
                shown = layout[k][1]
                local_start = shown.shown_at(a.start) if k == ks else 0
                local_end = shown.shown_at(a.end) if k == ke else len(shown.text)
                marks = self._marks(layout[k][0])
                if local_end > local_start:
                    marks.deletes.append((local_start, local_end, suggestion))
                if a.end > shown.end and k + 1 < len(layout):  # the break after it too
                    marks.mark_deleted = suggestion
            if suggestion.text:
                end_shown = layout[ke][1]
                at = end_shown.shown_at(a.end) if a.end > a.start else end_shown.shown_at(a.start)
                self._marks(layout[ke][0]).inserts[at].append((suggestion.text, suggestion))

    def _marks(self, p: etree._Element) -> _ParagraphMarks:
        if id(p) not in self.paragraphs:
            self.paragraphs[id(p)] = (p, _ParagraphMarks())
        return self.paragraphs[id(p)][1]

    def _comment(
        self, p_start: etree._Element, at: int, p_end: etree._Element, end: int, comment: Comment
    ) -> None:
        root = self._new_comment(comment.author, comment.created, comment.text)
        ids = [int(root.get(w("id")) or 0)]
        self.threads.append((root, None, comment.resolved))
        for reply in comment.replies:
            element = self._new_comment(reply.author, reply.created, reply.text)
            ids.append(int(element.get(w("id")) or 0))
            self.threads.append((element, root, comment.resolved))
        for comment_id in ids:
            self._marks(p_start).starts[at].append(comment_id)
            self._marks(p_end).ends[end].append(comment_id)

    def _new_comment(self, author: str, created: str, text: str) -> etree._Element:
        added = self.document.comments.add_comment(text=clean(text), author=clean(author) or "?")
        initials = "".join(word[0] for word in author.split()[:3]).upper()
        added.initials = initials or None
        element = added._comment_elm
        element.date = _date(created)
        return element

    def finish(self) -> None:
        for p, marks in self.paragraphs.values():
            self._rewrite(p, marks)
        if self.threads:
            self._comments_extended()

    # -- writing one paragraph ---------------------------------------------------

    def _rewrite(self, p: etree._Element, marks: _ParagraphMarks) -> None:
        atoms = _atoms(p)
        cuts = sorted(marks.cuts())
        pieces: list[tuple[int, str, etree._Element | None, bool]] = []
        pos = 0
        for text, rpr, is_break in atoms:
            if is_break:
                pieces.append((pos, text, rpr, True))
                pos += 1
                continue
            start = pos
            inner = [c - start for c in cuts if start < c < start + len(text)]
            for a, b in zip([0, *inner], [*inner, len(text)], strict=True):
                pieces.append((start + a, text[a:b], rpr, False))
            pos += len(text)
        for run in [c for c in p if c.tag == w("r")]:
            p.remove(run)
        out: list[etree._Element] = []
        last_rpr: etree._Element | None = None
        open_delete: tuple[Suggestion, etree._Element] | None = None
        for at, text, rpr, is_break in pieces:
            self._events(out, marks, at, last_rpr if at else rpr)
            if open_delete and out and out[-1] is not open_delete[1]:
                open_delete = None
            owner = next((s for a, b, s in marks.deletes if a <= at < b), None)
            run = _run(rpr, text, is_break, deleted=owner is not None)
            if owner is None:
                out.append(run)
                open_delete = None
            else:
                if open_delete is None or open_delete[0] is not owner:
                    wrapper = self._revision("del", owner)
                    out.append(wrapper)
                    open_delete = (owner, wrapper)
                open_delete[1].append(run)
            last_rpr = rpr
        self._events(out, marks, pos, last_rpr)
        for element in out:
            p.append(element)
        if marks.mark_deleted is not None:
            ppr = p.find(w("pPr"))
            if ppr is None:
                ppr = etree.SubElement(p, w("pPr"))
                p.insert(0, ppr)
            rpr = ppr.find(w("rPr"))
            if rpr is None:
                rpr = etree.SubElement(ppr, w("rPr"))
            rpr.append(self._revision("del", marks.mark_deleted))

    def _events(
        self,
        out: list[etree._Element],
        marks: _ParagraphMarks,
        at: int,
        rpr: etree._Element | None,
    ) -> None:
        for comment_id in marks.ends.pop(at, []):
            out.append(_element("commentRangeEnd", comment_id))
            reference = etree.Element(w("r"))
            reference.append(_element("commentReference", comment_id))
            out.append(reference)
        for text, suggestion in marks.inserts.pop(at, []):
            wrapper = self._revision("ins", suggestion)
            for index, line in enumerate(clean(text).split("\n")):
                if index:
                    wrapper.append(_run(rpr, "\n", True, deleted=False))
                if line:
                    wrapper.append(_run(rpr, line, False, deleted=False))
            out.append(wrapper)
        for comment_id in marks.starts.pop(at, []):
            out.append(_element("commentRangeStart", comment_id))

    def _revision(self, tag: str, suggestion: Suggestion) -> etree._Element:
        element = etree.Element(w(tag))
        element.set(w("id"), str(self.revision))
        element.set(w("author"), clean(suggestion.author) or "?")
        element.set(w("date"), _stamp(_date(suggestion.created)))
        self.revision += 1
        return element

    # -- threads -----------------------------------------------------------------

    def _comments_extended(self) -> None:
        """Word's threads: each reply names its parent's last paragraph (w15:paraIdParent);
        `w15:done` marks a resolved thread."""
        root = etree.Element(w15("commentsEx"), nsmap={"w15": W15_NS})
        para_ids: dict[int, str] = {}
        for index, (element, _, _) in enumerate(self.threads, start=1):
            last = element.findall(w("p"))[-1]
            para_ids[id(element)] = f"{index:08X}"
            last.set(w14("paraId"), para_ids[id(element)])
        for element, parent, done in self.threads:
            item = etree.SubElement(root, w15("commentEx"))
            item.set(w15("paraId"), para_ids[id(element)])
            if parent is not None:
                item.set(w15("paraIdParent"), para_ids[id(parent)])
            item.set(w15("done"), "1" if done else "0")
        blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        package = self.document.part.package
        part = Part(PackURI("/word/commentsExtended.xml"), COMMENTS_EXTENDED_TYPE, blob, package)
        self.document.part.relate_to(part, COMMENTS_EXTENDED_REL)


def _atoms(p: etree._Element) -> list[tuple[str, etree._Element | None, bool]]:
    """The paragraph's runs as (text, run properties, is a line break)."""
    atoms: list[tuple[str, etree._Element | None, bool]] = []
    for run in p:
        if run.tag != w("r"):
            continue
        rpr = run.find(w("rPr"))
        for child in run:
            if child.tag == w("t") and child.text:
                atoms.append((child.text, rpr, False))
            elif child.tag == w("br"):
                atoms.append(("\n", rpr, True))
            elif child.tag == w("tab"):
                atoms.append(("\t", rpr, False))
    return atoms


def _run(rpr: etree._Element | None, text: str, is_break: bool, *, deleted: bool) -> etree._Element:
    run = etree.Element(w("r"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    if is_break:
        etree.SubElement(run, w("br"))
        return run
    node = etree.SubElement(run, w("delText" if deleted else "t"))
    node.text = text
    node.set(XML_SPACE, "preserve")
    return run


def _element(tag: str, comment_id: int) -> etree._Element:
    element = etree.Element(w(tag))
    element.set(w("id"), str(comment_id))
    return element
