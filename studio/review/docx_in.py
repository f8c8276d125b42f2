"""Read a DOCX that came back from an editor: paragraphs, tracked changes, comments.

Word, LibreOffice and Google Docs all write OOXML; what differs is how runs are split,
which is why this reads characters, never runs. Each paragraph is read as the text that
was there before the editor's tracked changes (deleted text kept, inserted text left
out), so it can be compared with what was sent; the tracked changes and the comment
ranges are positions in that text.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from studio.errors import StudioError
from studio.review.ooxml import COMMENTS_EXTENDED_REL, COMMENTS_REL, w, w14, w15

_DOCUMENT_TYPE = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_MAX_PART = 256 << 20  # a story's document.xml is megabytes; more is not a story


@dataclass(slots=True)
class Revision:
    """A tracked change in a paragraph: an insertion at `start` (start == end) or a
    deletion of `[start, end)`, in the paragraph's text before the changes."""

    kind: str  # "ins" | "del"
    start: int
    end: int
    text: str
    author: str
    date: str


@dataclass(slots=True)
class BackParagraph:
    text: str
    revisions: list[Revision] = field(default_factory=list)
    comment_starts: dict[str, int] = field(default_factory=dict)
    comment_ends: dict[str, int] = field(default_factory=dict)
    references: dict[str, int] = field(default_factory=dict)  # where Word shows the mark
    mark_inserted: Revision | None = None  # the editor split the paragraph here
    mark_deleted: Revision | None = None  # the editor joined it with the next one


@dataclass(slots=True)
class BackComment:
    id: str
    author: str
    date: str
    text: str
    para_id: str = ""
    parent: str = ""  # the para_id of the comment this one answers
    done: bool | None = None  # None: the document does not say (no commentsExtended)
    order: int = 0  # its place in the comments part (replies come after their comment)


@dataclass(slots=True)
class BackDocument:
    paragraphs: list[BackParagraph]
    comments: dict[str, BackComment]
    modified_by: str = ""
    modified: str = ""


def read_docx(path: Path) -> BackDocument:
    """The editor's document, or a clear StudioError if it is not a readable DOCX."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise StudioError("no such file", path=path) from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise StudioError(
            f"is not a Word document ({exc})", path=path, hint="Save it as .docx and try again"
        ) from None
    with archive:
        parts = _Parts(archive, path)
        document_name = parts.target("", _DOCUMENT_TYPE) or "word/document.xml"
        document = parts.xml(document_name)
        if document is None:
            raise StudioError("is not a Word document (no document part)", path=path)
        paragraphs = [read_paragraph(p) for p in _body_paragraphs(document)]
        comments = _comments(parts, document_name)
        modified_by, modified = _core(parts)
    return BackDocument(paragraphs, comments, modified_by, modified)


class _Parts:
    def __init__(self, archive: zipfile.ZipFile, path: Path) -> None:
        self.archive, self.path = archive, path
        self.names = set(archive.namelist())

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        info = self.archive.getinfo(name)
        if info.file_size > _MAX_PART:
            raise StudioError(f"{name} is too large to be a story", path=self.path)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        try:
            return etree.fromstring(self.archive.read(name), parser)
        except etree.XMLSyntaxError as exc:
            raise StudioError(f"{name} is not valid XML ({exc})", path=self.path) from None

    def target(self, source: str, rel_type: str) -> str | None:
        """The part a relationship of `source` ("" for the package) points to."""
        folder, name = posixpath.split(source)
        rels = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        if rels is None:
            return None
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External":
                target = rel.get("Target") or ""
                joined = posixpath.normpath(posixpath.join(folder, target.lstrip("/")))
                return target.lstrip("/") if target.startswith("/") else joined
        return None


_CONTAINERS = {w(t) for t in ("body", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")}
_CONTAINERS |= {w("ins"), w("del"), w("moveTo"), w("moveFrom")}


def _body_paragraphs(document: etree._Element) -> list[etree._Element]:
    body = document.find(w("body"))
    found: list[etree._Element] = []
    stack = [body] if body is not None else []
    while stack:
        node = stack.pop()
        for child in reversed(node):
            if child.tag == w("p"):
                found.append(child)
            elif child.tag in _CONTAINERS:
                stack.append(child)
    # The stack walk visits children last-first; put paragraphs back in document order.
    order = {id(p): i for i, p in enumerate(body.iter(w("p")))} if body is not None else {}
    return sorted(found, key=lambda p: order[id(p)])


_INSERTED = {w("ins"), w("moveTo")}
_DELETED = {w("del"), w("moveFrom")}
_SKIPPED = {w("pPr"), w("rPrChange"), w("pPrChange"), w("instrText"), w("delInstrText")}


def read_paragraph(p: etree._Element) -> BackParagraph:
    """A paragraph's text before the tracked changes, with changes and comment marks."""
    reader = _ParagraphReader()
    reader.walk(p, None)
    back = reader.back
    back.text = "".join(reader.text)
    ppr = p.find(w("pPr"))
    mark = ppr.find(w("rPr")) if ppr is not None else None
    if mark is not None:
        inserted, deleted = mark.find(w("ins")), mark.find(w("del"))
        if inserted is not None:
            back.mark_inserted = _revision("ins", reader.pos, inserted)
        if deleted is not None:
            back.mark_deleted = _revision("del", reader.pos, deleted)
    return back


def _revision(kind: str, pos: int, element: etree._Element) -> Revision:
    return Revision(
        kind, pos, pos, "", element.get(w("author")) or "", element.get(w("date")) or ""
    )


class _ParagraphReader:
    """Walks one paragraph in document order, keeping the position in the old text."""

    def __init__(self) -> None:
        self.back = BackParagraph("")
        self.text: list[str] = []
        self.pos = 0
        self.last: tuple[etree._Element, Revision] | None = None  # the change of the last text

    def walk(self, node: etree._Element, change: etree._Element | None) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag in _INSERTED or tag in _DELETED:
                self.walk(child, child)
                continue
            piece = _piece(child)
            if piece is not None:
                self.characters(piece, change)
            elif tag in _MARKS:
                self.mark(tag, child.get(w("id")) or "")
            elif len(child):
                self.walk(child, change)

    def characters(self, piece: str, change: etree._Element | None) -> None:
        if change is None:
            self.text.append(piece)
            self.pos += len(piece)
            return
        kind = "ins" if change.tag in _INSERTED else "del"
        if self.last is not None and self.last[0] is change:
            revision = self.last[1]
        else:
            revision = _revision(kind, self.pos, change)
            self.back.revisions.append(revision)
            self.last = (id(change), revision)
        revision.text += piece
        if kind == "del":
            self.text.append(piece)
            self.pos += len(piece)
            revision.end = self.pos

    def mark(self, tag: str, comment_id: str) -> None:
        if tag == w("commentRangeStart"):
            self.back.comment_starts[comment_id] = self.pos
        elif tag == w("commentRangeEnd"):
            self.back.comment_ends[comment_id] = self.pos
        else:
            self.back.references.setdefault(comment_id, self.pos)


_MARKS = {w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")}


def _piece(node: etree._Element) -> str | None:
    """The characters a run child stands for, or None when it is not text."""
    tag = node.tag
    if tag in (w("t"), w("delText")):
        return node.text or ""
    if tag == w("br"):
        return "" if node.get(w("type")) in ("page", "column") else "\n"
    if tag == w("cr"):
        return "\n"
    if tag == w("tab"):
        return "\t"
    if tag == w("noBreakHyphen"):
        return "-"
    return None


def _comments(parts: _Parts, document_name: str) -> dict[str, BackComment]:
    name = parts.target(document_name, COMMENTS_REL) or "word/comments.xml"
    root = parts.xml(name)
    if root is None:
        return {}
    comments: dict[str, BackComment] = {}
    for order, element in enumerate(root.iter(w("comment"))):
        paragraphs = element.findall(f".//{w('p')}")
        text = "\n".join(
            "".join(_piece(n) or "" for n in p.iter() if isinstance(n.tag, str)) for p in paragraphs
        )
        para_id = paragraphs[-1].get(w14("paraId")) or "" if paragraphs else ""
        comment = BackComment(
            element.get(w("id")) or "",
            element.get(w("author")) or "",
            element.get(w("date")) or "",
            text.strip(),
            para_id,
            order=order,
        )
        comments[comment.id] = comment
    extended = parts.xml(parts.target(document_name, COMMENTS_EXTENDED_REL) or "")
    if extended is not None:
        by_para = {c.para_id: c for c in comments.values() if c.para_id}
        for item in extended.iter(w15("commentEx")):
            found = by_para.get(item.get(w15("paraId")) or "")
            if found is not None:
                found.parent = item.get(w15("paraIdParent")) or ""
                found.done = item.get(w15("done")) == "1"
    return comments


def _core(parts: _Parts) -> tuple[str, str]:
    name = parts.target("", _CORE_REL) or "docProps/core.xml"
    root = parts.xml(name)
    if root is None:
        return "", ""
    by = root.find(
        "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy"
    )
    when = root.find("{http://purl.org/dc/terms/}modified")
    return (by.text or "").strip() if by is not None else "", (
        when.text or ""
    ).strip() if when is not None else ""
