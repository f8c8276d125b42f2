"""An AO3 download, as its HTML file or its EPUB: metadata, chapters, notes, text.

The download's layout (see tests/fixtures/import/ao3-*.html): a `#preface` with
the tags as a <dl>, the title in <h1>, the byline, the summary and notes each after
a <p> label; `#chapters` with, per chapter, a `.meta` block (heading, chapter
summary and notes), the text in `.userstuff`, and a `.meta` block of end notes;
an `#afterword` with the work's end notes. The EPUB holds the same markup split
over files in its spine. The archive's own words ("Posted originally on…",
"Chapter Notes") are labels, recorded in `consumed`, not part of the story.
"""

from __future__ import annotations

import itertools
import posixpath
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

from studio.errors import StudioError
from studio.importers.body import Line, fill_chapter
from studio.importers.html_tree import Element, parse_html
from studio.importers.language import language_code
from studio.importers.patterns import chapter_heading
from studio.importers.plan import Consumed, ImportPlan, PlannedChapter, SourceInfo, Unsure
from studio.importers.source import MAX_BYTES, Source, decode
from studio.story.ratings import ARCHIVE_RATINGS, archive_rating

_TAG_FIELDS = {
    "rating": "rating",
    "ratings": "rating",
    "archive warning": "warnings",
    "archive warnings": "warnings",
    "category": "categories",
    "categories": "categories",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "relationship": "relationships",
    "relationships": "relationships",
    "character": "characters",
    "characters": "characters",
    "additional tags": "tags",
    "freeform": "tags",
}
_SEE_END = re.compile(
    r"^\(?See the end of the (?:work|chapter) for (?:more )?notes\.?\)?\.?$", re.I
)
_INLINE_ITALIC = {"em", "i", "cite", "var", "dfn"}
_INLINE_BOLD = {"strong", "b"}
_BLOCKS = {
    "p", "div", "blockquote", "center", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "section",
    "article", "details", "summary", "pre", "figure", "figcaption", "body", "html",
}  # fmt: skip


def plan_html(plan: ImportPlan, source: Source) -> None:
    plan.sources.append(
        SourceInfo(source.path.name, "ao3-html", source.encoding, source.bom, source.line_ends)
    )
    _plan_document(plan, parse_html(source.text, path=source.path), source.path.name)


def plan_epub(plan: ImportPlan, path: Path, data: bytes) -> None:
    """The spine's documents in order, read as one AO3 download."""
    root = Element("#root", {}, 1)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            budget = [MAX_EPUB_BYTES]
            for name in _spine(archive, path):
                text = decode(path, _member(archive, name, path, budget)).text
                for child in parse_html(text, path=path).children:
                    if isinstance(child, Element):
                        root.children.extend(_body_of(child).children)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, EOFError) as exc:
        raise StudioError(
            f"is not an EPUB Studio can read ({exc})",
            path=path,
            hint="Download the work again from the archive, or import its HTML download",
        ) from None
    plan.sources.append(SourceInfo(path.name, "ao3-epub", "utf-8", False, "n/a"))
    _plan_document(plan, root, path.name)


# A fic's pages are kilobytes; a member that inflates past these is a zip bomb.
MAX_MEMBER_BYTES = MAX_BYTES
MAX_EPUB_BYTES = 4 * MAX_BYTES


def _member(archive: zipfile.ZipFile, name: str, path: Path, budget: list[int]) -> bytes:
    """A member's bytes, read no further than the limits (the zip's sizes may lie)."""
    limit = min(MAX_MEMBER_BYTES, budget[0])
    with archive.open(name) as member:
        data = member.read(limit + 1)
    if len(data) > limit:
        raise StudioError(
            f"has a page ({name}) that unpacks to more than {limit // (1024 * 1024)} MB",
            path=path,
            hint="This is not an ordinary fic download; download the work again",
        )
    budget[0] -= len(data)
    return data


def _spine(archive: zipfile.ZipFile, path: Path) -> list[str]:
    container = ElementTree.fromstring(
        _member(archive, "META-INF/container.xml", path, [MAX_BYTES])
    )
    rootfile = next(
        (e.get("full-path") for e in container.iter() if e.tag.endswith("rootfile")), None
    )
    if not rootfile:
        raise StudioError("is an EPUB without a package file", path=path)
    opf = ElementTree.fromstring(_member(archive, rootfile, path, [MAX_BYTES]))
    base = posixpath.dirname(rootfile)
    manifest = {e.get("id"): e.get("href", "") for e in opf.iter() if e.tag.endswith("}item")}
    names = []
    for ref in (e for e in opf.iter() if e.tag.endswith("}itemref")):
        href = manifest.get(ref.get("idref"))
        if href and ref.get("linear", "yes") != "no":
            names.append(posixpath.normpath(posixpath.join(base, href)))
    return names


def _body_of(element: Element) -> Element:
    return element.find("body") or element


# -- the document ----------------------------------------------------------------------

# The Archive's labels over a blockquote, and the field each fills.
_LABEL_FIELDS = {
    "summary": "summary",
    "notes": "notes",
    "end notes": "end_notes",
    "chapter summary": "chapter_summary",
    "chapter notes": "chapter_notes",
    "chapter end notes": "chapter_end_notes",
}
# The preface's lines about related works: "Inspired by …", "A translation of …".
_ASSOCIATION = re.compile(r"^(?:Inspired by|A translation of|Translation into|Translated)\b", re.I)
_LABEL_TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "dt", "b", "strong"}
_POSTED = re.compile(r"^(?P<title>.*?)\s*Posted originally on the Archive of Our Own at \S+ ?\.$")
_FEEDBACK = re.compile(r"^Please drop by the archive and comment to let the creator know", re.I)
_WRAPPERS = {"#root", "html", "body", "div", "section", "article", "main", "center", "a"}
_ZONES = {"preface", "chapters", "afterword"}


def _tags(plan: ImportPlan, dl: Element, file: str) -> None:
    """The preface's tag list: each <dt> label names the field of the <dd> after it."""
    term = ""
    for item in dl.elements():
        if item.tag == "dt":
            term = item.text()
            continue
        if item.tag != "dd":
            continue
        label = term.rstrip(":").strip().casefold()
        plan.consumed.append(Consumed("label", term, file, item.line))
        links = [a.text() for a in item.find_all("a")]
        values = links or [v.strip() for v in item.text().split(",") if v.strip()]
        key = _TAG_FIELDS.get(label)
        if key == "rating":
            value = " ".join(values)
            plan.work["rating"] = archive_rating(value)
            if value not in ARCHIVE_RATINGS:
                plan.work["source_rating"] = value
        elif key:
            plan.add_items(key, values)
        elif label == "language":
            _language(plan, item.text(), file, item.line)
        elif label == "stats":
            stats = item.text()
            plan.consumed.append(Consumed("boilerplate", stats, file, item.line))
            done = re.search(r"Chapters:\s*(\d+)/(\d+|\?)", stats)
            if done:
                complete = done.group(1) == done.group(2)
                plan.work["status"] = "complete" if complete else "in-progress"
        elif label == "series":
            _series(plan, item, file)
        elif label in ("collections", "collection"):
            plan.add_items("collections", values)
        else:  # Translation, Inspired by…: kept as written in the notes
            plan.add_text("notes", f"{term} {item.text()}")


def _flat(element: Element) -> list[Element | str]:
    """The texts and links inside `element`, in order, at any depth."""
    out: list[Element | str] = []
    stack: list[Element | str] = list(reversed(element.children))
    while stack:
        node = stack.pop()
        if isinstance(node, str) or node.tag == "a":
            out.append(node)
        else:
            stack.extend(reversed(node.children))
    return out


def _language(plan: ImportPlan, name: str, file: str, line: int) -> None:
    """The Archive's language name ("Русский", "Deutsch", "日本語") → a BCP 47 code."""
    code = language_code(name)
    plan.consumed.append(Consumed("language", name, file, line))
    if code is None:
        plan.unsure.append(
            Unsure(f"language “{name}” is not one Studio knows: set the language by hand", file)
        )
        return
    plan.work["language"] = code


_PLAIN_SERIES = re.compile(r"Part\s+(\d+)\s+of\s+(.+?)\s*(?=,\s*Part\s+\d+\s+of\s|$)", re.I)


def _series(plan: ImportPlan, item: Element, file: str) -> None:
    """ "Part 2 of <a>Salt Roads</a>, Part 1 of <a>…</a>" → (name, part) pairs; without
    links (Studio's own EPUB, which knows no series address), the names as written."""
    if not any(True for _ in item.find_all("a")):
        for pair in _PLAIN_SERIES.finditer(item.text().strip()):
            plan.series.append((pair.group(2), int(pair.group(1))))
            plan.consumed.append(Consumed("boilerplate", pair.group(0), file, item.line))
        return
    part: int | None = None
    for child in _flat(item):
        if isinstance(child, str):
            found = re.search(r"Part\s+(\d+)\s+of", child, re.I)
            if found:
                part = int(found.group(1))
                plan.consumed.append(Consumed("boilerplate", found.group(0), file, item.line))
        elif child.tag == "a":
            plan.series.append((child.text(), part or 1))
            part = None


def _plan_document(plan: ImportPlan, root: Element, file: str) -> None:
    """Read the download in order, by its structure and the Archive's labels.

    calibre renames every class (`meta group` → `calibre1`, every <p> → `message`) and
    splits the book into files, so classes are never relied on: the preface is what
    comes before the first chapter (a tag list, <h1>, "by …", Summary and Notes over
    blockquotes), chapters start at "Chapter N" headings (or, in a one-chapter work,
    the heading that repeats the title), and labels say which blockquote is which."""
    from studio.importers import fff  # noqa: PLC0415  (fff reads with this module's parts)

    if fff.is_fanficfare(root):
        source = plan.sources[-1]
        kind = source.kind.replace("ao3", "fanficfare")
        plan.sources[-1] = SourceInfo(
            source.file, kind, source.encoding, source.bom, source.line_ends
        )
        fff.plan_document(plan, root, file)
        return
    reader = _Reader(plan, file)
    leaves = _leaves(root)
    contents = _contents_pages(leaves)
    for n, leaf in enumerate(leaves):
        if n in contents:
            node = leaf.node
            text = node.text() if isinstance(node, Element) else node
            plan.consumed.append(Consumed("toc", text, file, getattr(node, "line", None)))
            continue
        reader.feed(leaf)
    reader.close()
    if not reader.archive:
        plan.unsure.append(Unsure("not laid out like an AO3 download: read as plain HTML", file))


def _contents_pages(leaves: list[_Leaf]) -> set[int]:
    """Indexes of calibre's table of contents pages (in the book's language, so found by
    their entries, never their heading): a short line, then two or more entries that are
    each "Preface", "Afterword" or a chapter heading, at least one of them the first two."""
    found: set[int] = set()
    for start in range(len(leaves) - 2):
        head = leaves[start].node
        head_text = head.text() if isinstance(head, Element) else head.strip()
        if not head_text or len(head_text) > 40:
            continue
        end = start + 1
        if _leaf_text(leaves[end]) == "Preface":
            # Preface … Afterword: every entry between them is a part's heading.
            last = next(
                (
                    i
                    for i in range(end + 1, min(len(leaves), end + 500))
                    if _leaf_text(leaves[i]) == "Afterword" or len(_leaf_text(leaves[i])) > 120
                ),
                None,
            )
            if last is not None and _leaf_text(leaves[last]) == "Afterword":
                middle = [_leaf_text(leaves[i]) for i in range(end + 1, last)]
                elsewhere = {
                    _leaf_text(leaf) for i, leaf in enumerate(leaves) if not start <= i <= last
                }
                # Chapter headings, or a one-shot's title (which the book also has as
                # its heading): never a run of the story's own short lines.
                if all(_toc_entry(t) for t in middle) or (
                    len(middle) == 1 and middle[0] in elsewhere
                ):
                    found.update(range(start, last + 1))
                    continue
        while end < len(leaves) and _toc_entry(leaves[end].node):
            end += 1
        entries = [leaves[i].node for i in range(start + 1, end)]
        texts = [e.text() if isinstance(e, Element) else e.strip() for e in entries]
        if len(entries) >= 2 and {"Preface", "Afterword"} & set(texts):
            found.update(range(start, end))
    return found


def _leaf_text(leaf: _Leaf) -> str:
    node = leaf.node
    return node.text() if isinstance(node, Element) else node.strip()


def _toc_entry(node: Element | str) -> bool:
    text = node if isinstance(node, str) else node.text()
    text = text.strip()
    heading = chapter_heading(text)
    return text in ("Preface", "Afterword") or (heading is not None and bool(heading.number))


def _is_block(node: Element | str) -> bool:
    return isinstance(node, Element) and node.tag in _BLOCKS | {"hr", "dl"}


@dataclass(frozen=True, slots=True)
class _Leaf:
    node: Element | str
    zone: str  # "preface", "chapters", "afterword", or "" outside them
    depth: int  # wrappers opened between the zone's own wrapper and this block
    chain: tuple[int, ...]  # id() of every wrapper opened around it, outermost first
    tags: tuple[str, ...] = ()  # the tags of those wrappers


def _leaves(root: Element) -> list[_Leaf]:
    """The document's blocks in order, wrappers opened.

    A wrapper (div, section…) holding blocks is opened; one holding only inline content
    (the byline's `<div>by <a>…</a></div>`) is a block itself. The zone is the id of the
    preface, chapters or afterword wrapper around it ("" when there is none)."""
    out: list[_Leaf] = []
    stack: list[_Leaf] = [_Leaf(root, "", 0, ())]
    while stack:
        leaf = stack.pop()
        node = leaf.node
        if isinstance(node, str):
            if node.strip():
                out.append(leaf)
            continue
        if node.tag in _WRAPPERS and any(_is_block(c) for c in node.children):
            zone = node.id if node.id in _ZONES else leaf.zone
            depth = 0 if node.id in _ZONES else leaf.depth + 1
            chain = (*leaf.chain, id(node))
            tags = (*leaf.tags, node.tag)
            for child in reversed(node.children):
                stack.append(_Leaf(child, zone, depth, chain, tags))
        elif node.tag not in ("head", "script", "style") and (node.text() or node.tag == "hr"):
            out.append(leaf)
    return out


class _Reader:
    """The state of a read: where we are (preface, a chapter, the afterword)."""

    def __init__(self, plan: ImportPlan, file: str) -> None:
        self.plan, self.file = plan, file
        self.chapter: PlannedChapter | None = None
        self.body: list[Line] = []
        self.pending: tuple[str, Element] | None = None  # a label waiting for its quote
        self.after = False  # past the last chapter (the afterword)
        self.archive = False  # the Archive's own marks were seen
        self.posted = False  # its "Posted originally on the Archive of Our Own" message
        self.in_toc = False  # inside calibre's table of contents page
        self.leaf = _Leaf("", "", 0, ())
        self.meta: int | None = None  # the box holding this chapter's heading
        self.text_box: int | None = None  # the box holding this chapter's text

    def consume(self, kind: str, text: str, line: int | None) -> None:
        self.plan.consumed.append(Consumed(kind, text, self.file, line))

    # -- one block at a time

    def feed(self, leaf: _Leaf) -> None:
        node, zone, depth = leaf.node, leaf.zone, leaf.depth
        self.leaf = leaf
        if isinstance(node, str):
            self.flush_label()
            self.text(Element("p", {}, 0, [node]))
            return
        text = node.text()
        if self.pending is not None:
            label, label_node = self.pending
            self.pending = None
            if node.tag == "blockquote" and label == "tag":
                dt = Element("dt", {}, label_node.line, [label_node.text()])
                _tags(
                    self.plan,
                    Element("dl", {}, node.line, [dt, Element("dd", {}, node.line, [node])]),
                    self.file,
                )
                self.archive = True
                return
            if node.tag == "blockquote":
                self.labelled(label, label_node.text(), node)
                return
            if _SEE_END.match(text):  # "Chapter Notes" holding only the pointer to the end
                self.consume("boilerplate", label_node.text(), label_node.line)
                self.consume("boilerplate", text, node.line)
                return
            self.text(label_node)  # a paragraph that only looked like a label
        if zone == "afterword" and self.chapter is not None and not self.after:
            self.end_chapters()
        if zone == "afterword":
            self.after = True
        if self.toc(node, text):
            return
        term = text.rstrip(":").strip().casefold()
        if node.tag == "p" and text.endswith(":") and term in _KNOWN_TERMS and not self.chapter:
            # A Kindle (MOBI) download: each tag's label is a paragraph over a blockquote.
            self.pending = ("tag", node)
            return
        if node.tag == "p" and _bold_only(node):
            heading = Element("h2", {}, node.line, node.children)
            if self.heading(heading, text, zone, depth):
                return
        if node.tag in _LABEL_TAGS and text.casefold().rstrip(":").strip() in _LABEL_FIELDS:
            self.pending = (text.casefold().rstrip(":").strip(), node)
            return
        if self.boilerplate(node, text):
            return
        if node.tag == "dl" and self.chapter is None and self.tags(node):
            return
        if node.tag in ("h1", "h2", "h3") and self.heading(node, text, zone, depth):
            return
        if self.chapter is None and zone in ("preface", "") and self.preface(node, text, zone):
            return
        self.text(node)

    def toc(self, node: Element, text: str) -> bool:
        """calibre's table of contents page (Kindle books): the heading, then one entry
        per part of the book (Preface, each chapter's heading, Afterword)."""
        if text.casefold() == "table of contents" and self.chapter is None:
            self.consume("boilerplate", text, node.line)
            self.in_toc = True
            return True
        if not self.in_toc:
            return False
        entries = [e.text() for e in node.find_all("a")] or [text]
        title = str(self.plan.work.get("title", ""))
        if all(e in ("Preface", "Afterword", title) or chapter_heading(e) for e in entries):
            self.consume("toc", text, node.line)
            return True
        self.in_toc = False
        return False

    def flush_label(self) -> None:
        if self.pending is not None:
            self.text(self.pending[1])
            self.pending = None

    def boilerplate(self, node: Element, text: str) -> bool:
        posted = _POSTED.match(text)
        if posted:
            self.archive = self.posted = True
            if posted["title"]:
                self.plan.work.setdefault("title", posted["title"])
                self.consume("repeat", posted["title"], node.line)
            self.consume("boilerplate", text[len(posted["title"]) :].strip(), node.line)
            return True
        if _SEE_END.match(text) or _FEEDBACK.match(text):
            self.consume("boilerplate", text, node.line)
            return True
        return False

    def tags(self, dl: Element) -> bool:
        terms = [e for e in dl.elements() if e.tag == "dt"]
        if not terms or not any(t.text().rstrip(":").casefold() in _KNOWN_TERMS for t in terms):
            return False
        self.archive = True
        _tags(self.plan, dl, self.file)
        return True

    def heading(self, node: Element, text: str, zone: str, depth: int) -> bool:
        if (self.chapter is None and text.casefold() in ("preface",)) or text == "Afterword":
            self.consume("boilerplate", text, node.line)
            if text == "Afterword":
                self.end_chapters()
                self.after = True
            return True
        if node.tag == "h1" and self.chapter is None and not self.after:
            self.plan.work["title"] = text
            return True
        if self.chapter is None and not self.after and text == self.plan.work.get("title"):
            self.consume("repeat", text, node.line)  # the title again, over the byline
            return True
        found = chapter_heading(text)
        title = str(self.plan.work.get("title", ""))
        numbered = found is not None and bool(found.number)
        structural = (zone == "chapters" and depth <= 2) or zone == ""
        if numbered and structural:
            assert found is not None
            self.start(
                PlannedChapter(title=found.title, file=self.file, line=node.line), heading=True
            )
            if found.label:
                self.consume("heading", found.label, node.line)
            return True
        if zone == "chapters" and depth <= 1 and self.chapter is None:
            # A one-chapter work: the heading repeats the work's title (the chapter
            # has none of its own), or names the chapter when it differs.
            own = "" if text == title else text
            self.start(PlannedChapter(title=own, file=self.file, line=node.line))
            if not own:
                self.consume("repeat", text, node.line)
            return True
        return False

    def preface(self, node: Element, text: str, zone: str) -> bool:
        """The byline under the title; any other text there is kept in the notes."""
        if re.match(r"^by\s", text) and "authors" not in self.plan.work:
            links = [a.text() for a in node.find_all("a")]
            authors = links or [a.strip() for a in re.split(r",|&| and ", text[3:]) if a.strip()]
            self.plan.add_items("authors", authors)
            self.consume("boilerplate", "by", node.line)
            rest = _without_all(node, "a") if links else ""
            leftover = re.sub(r"^by\b|[,&\s]|\band\b", "", rest)
            if leftover:
                self.plan.add_text("notes", rest)
            return True
        if zone == "preface" or (
            "title" in self.plan.work and self.archive and _ASSOCIATION.match(text)
        ):
            self.work_notes(_markdown(node), node.line)
            return True
        return False

    def labelled(self, label: str, written: str, quote: Element) -> None:
        key = _LABEL_FIELDS[label]
        self.consume("label", written, quote.line)
        value = _markdown(quote)
        if key.startswith("chapter_") and self.chapter is None:
            self.start(PlannedChapter(file=self.file, line=quote.line))
        if key == "end_notes" and self.posted and self.chapter is not None:
            # The Archive labels a chapter's "Chapter End Notes"; "End Notes" are the
            # work's, even where the afterword's heading was lost (a Kindle book).
            self.end_chapters()
            self.after = True
        if self.chapter is not None and not self.after and not key.startswith("chapter_"):
            # Inside a chapter a plain "Summary:" or "End Notes:" is the chapter's own.
            key = {"summary": "chapter_summary", "end_notes": "chapter_end_notes"}.get(key, key)
        if key == "chapter_summary" and self.chapter is not None:
            self.chapter.summary = _join(self.chapter.summary, value)
        elif key == "chapter_notes" and self.chapter is not None:
            self.chapter.notes = _join(self.chapter.notes, value)
        elif key == "chapter_end_notes" and self.chapter is not None:
            self.chapter.end_notes = _join(self.chapter.end_notes, value)
        elif key == "notes" and self.chapter is not None and not self.after:
            target = "end_notes" if self.body else "notes"
            setattr(self.chapter, target, _join(getattr(self.chapter, target), value))
        elif key == "end_notes" and self.chapter is not None and not self.after and self.body:
            self.chapter.end_notes = _join(self.chapter.end_notes, value)
        elif key == "notes":
            self.work_notes(value, quote.line)
        else:
            self.plan.add_text(key.removeprefix("chapter_"), value)

    def work_notes(self, value: str, line: int) -> None:
        """The work's notes; a paragraph headed "Disclaimer:" or "Spoilers:" (the Archive
        has no such fields, so authors and Studio's exports put them here) is that field."""
        kept = []
        for paragraph in value.split("\n\n"):
            found = re.match(r"^[*_]*(Disclaimer|Spoilers):[*_]*\s+(\S.*)$", paragraph, re.S)
            field = found.group(1).casefold() if found else ""
            if found and field not in self.plan.work:
                self.consume("label", found.group(1), line)
                self.plan.work[field] = found.group(2)
            else:
                kept.append(paragraph)
        self.plan.add_text("notes", "\n\n".join(kept))

    def text(self, node: Element) -> None:
        """A block of text: the chapter's own, or (by where it sits) its notes."""
        if self.after:
            self.plan.add_text("end_notes", _markdown(node))
            return
        if self.chapter is None:
            self.start(PlannedChapter(file=self.file, line=node.line))
        assert self.chapter is not None
        chain = self.leaf.chain
        if self.leaf.zone == "chapters":
            if self.meta is not None and self.meta in chain:
                # Beside the chapter's heading, unlabelled: the Archive's notes area.
                self.chapter.notes = _join(self.chapter.notes, _markdown(node))
                return
            top = (
                chain[self.zone_depth(chain) + 1]
                if len(chain) > self.zone_depth(chain) + 1
                else None
            )
            if self.text_box is None:
                self.text_box = top
            elif top is not None and top != self.text_box and self.body:
                # A box after the chapter's text: its end notes.
                self.chapter.end_notes = _join(self.chapter.end_notes, _markdown(node))
                return
        self.body.extend(_lines(node))

    def zone_depth(self, chain: tuple[int, ...]) -> int:
        """Index in `chain` of the wrapper whose id names the zone."""
        return len(chain) - 1 - self.leaf.depth

    # -- chapters

    def start(self, chapter: PlannedChapter, *, heading: bool = False) -> None:
        self.end_chapters()
        self.chapter = chapter
        chain = self.leaf.chain
        # A heading inside a box of its own (the Archive's `meta group`) has its notes there.
        self.meta = chain[-1] if heading and self.leaf.depth >= 1 and chain else None
        self.text_box = None

    def end_chapters(self) -> None:
        self.meta = self.text_box = None
        if self.chapter is not None:
            fill_chapter(
                self.chapter,
                self.body,
                plan=self.plan,
                file=self.file,
                wrapped=True,
                breaks=True,
                notes=not self.posted,
            )
            self.plan.chapters.append(self.chapter)
        self.chapter, self.body = None, []

    def close(self) -> None:
        self.flush_label()
        self.end_chapters()


_KNOWN_TERMS = set(_TAG_FIELDS) | {
    "language",
    "stats",
    "series",
    "collections",
    "collection",
    "additional tag",
}


def _join(a: str, b: str) -> str:
    return f"{a}\n\n{b}" if a and b else (a or b)


def _without_all(element: Element, tag: str) -> str:
    parts = [
        c if isinstance(c, str) else ("" if c.tag == tag else c.text()) for c in element.children
    ]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


# -- HTML text → lines -----------------------------------------------------------------

_LISTS = {"ul", "ol"}
_BLOCK_START = re.compile(r"^(?:#|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$)|:::|```|~~~|<|=+\s*$)")
_SAFE_URL = re.compile(r"^(?:https?://|mailto:|#)[^\s<>()]*$", re.I)

# One run of inline text: (text, italic, bold, link address or "").
_Run = tuple[str, bool, bool, str]


def _lines(node: Element) -> list[Line]:
    """A block of the text as Markdown lines, a blank line between paragraphs."""
    if node.tag == "hr":
        return [Line(node.line, "* * *", "md"), Line(node.line, "")]
    if node.tag in _LISTS:
        return [*_list_lines(node, 0), Line(node.line, "")]
    if node.tag in _BLOCKS and any(
        isinstance(c, Element) and (c.tag in _BLOCKS or c.tag == "hr") for c in node.children
    ):
        lines: list[Line] = []
        loose: list[Element | str] = []
        for child in node.children:
            if isinstance(child, Element) and (child.tag in _BLOCKS or child.tag == "hr"):
                if loose:
                    lines += _paragraph_lines(Element("p", {}, node.line, loose))
                    loose = []
                lines += _lines(child)
            else:
                loose.append(child)
        if loose:
            lines += _paragraph_lines(Element("p", {}, node.line, loose))
        return lines
    return _paragraph_lines(node)


def _list_lines(node: Element, level: int) -> list[Line]:
    """`<ul>`/`<ol>` → "- item" / "1. item" lines, nested lists indented under their item."""
    lines: list[Line] = []
    number = int(node.attrs.get("start", "1") or 1) if node.attrs.get("start", "").isdigit() else 1
    for item in node.children:
        if isinstance(item, str) or item.tag != "li":
            # Text straight inside the list (no <li>), as browsers show it: its own line.
            loose = _paragraph_lines(Element("p", {}, node.line, [item]))
            lines += [line for line in loose if line.text]
            continue
        inline = [c for c in item.children if not (isinstance(c, Element) and c.tag in _LISTS)]
        rows: list[list[_Run]] = [[]]
        for child in inline:
            _inline(Element("span", {}, item.line, [child]), rows, False, False, "")
        text = " ".join(t for t in (_render(r) for r in rows) if t)
        marker = f"{number}." if node.tag == "ol" else "-"
        lines.append(Line(item.line, f"{'   ' * level}{marker} {text}".rstrip(), "list"))
        number += 1
        for sub in item.elements():
            if sub.tag in _LISTS:
                lines += _list_lines(sub, level + 1)
    return lines


def _paragraph_lines(node: Element) -> list[Line]:
    rows: list[list[_Run]] = [[]]
    _inline(node, rows, False, False, "")
    texts = [_render(row) for row in rows]
    while texts and not texts[-1]:
        texts.pop()
    while texts and not texts[0]:
        texts.pop(0)
    if not texts:
        return []
    return [*(Line(node.line, text, "md") for text in texts), Line(node.line, "")]


def _inline(node: Element, rows: list[list[_Run]], italic: bool, bold: bool, href: str) -> None:
    for child in node.children:
        if isinstance(child, str):
            rows[-1].append((child, italic, bold, href))
        elif child.tag == "br":
            rows.append([])
        else:
            link = child.attrs.get("href", "").strip() if child.tag == "a" else ""
            _inline(
                child,
                rows,
                italic or child.tag in _INLINE_ITALIC or _styled(child, "italic"),
                bold or child.tag in _INLINE_BOLD or _styled(child, "bold"),
                link if _SAFE_URL.match(link) and not link.startswith("#") else href,
            )


def _styled(element: Element, how: str) -> bool:
    """A <span> styled italic or bold (calibre writes Kindle books' emphasis so)."""
    if element.tag != "span":
        return False
    style = element.attrs.get("style", "").replace(" ", "").casefold()
    css = "font-style:italic" if how == "italic" else "font-weight:bold"
    return how in element.classes or css in style


def _bold_only(node: Element) -> bool:
    """A paragraph whose text is all bold: a heading in a Kindle book's markup."""
    text = node.text()
    if not text or len(text) > 200:
        return False
    bold = [
        e
        for e in node.iter()
        if e is not node and (e.tag in _INLINE_BOLD or _styled(e, "bold")) and e.text() == text
    ]
    return bool(bold)


def _escape(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    for mark in ("\\", "*", "_", "[", "]", "`"):
        text = text.replace(mark, "\\" + mark)
    return text


def _render(row: list[_Run]) -> str:
    """Runs of text → one Markdown line: `*italic*`, `**bold**`, `[text](address)`,
    literal marks escaped, and a line Markdown would read as a heading or list escaped."""
    links: list[tuple[str, list[tuple[str, bool, bool]]]] = []
    for raw, italic, bold, href in row:
        if links and links[-1][0] == href:
            links[-1][1].append((raw, italic, bold))
        else:
            links.append((href, [(raw, italic, bold)]))
    out = []
    for href, runs in links:
        text = _emphasis(runs)
        if href and text.strip():
            lead = " " if text[0] == " " else ""
            tail = " " if text[-1] == " " else ""
            out.append(f"{lead}[{text.strip()}]({href}){tail}")
        else:
            out.append(text)
    line = re.sub(r" {2,}", " ", "".join(out)).strip()
    return "\\" + line if _BLOCK_START.match(line) else line


def _emphasis(row: list[tuple[str, bool, bool]]) -> str:
    runs: list[tuple[str, bool, bool]] = []
    for raw, italic, bold in row:
        text = _escape(raw)
        if runs and runs[-1][1:] == (italic, bold):
            runs[-1] = (runs[-1][0] + text, italic, bold)
        else:
            runs.append((text, italic, bold))
    out = []
    for text, italic, bold in runs:
        core = text.strip()
        if not core or not (italic or bold):
            out.append(text)
            continue
        mark = ("*" if italic else "") + ("**" if bold else "")
        lead = " " if text[0] == " " else ""
        tail = " " if text[-1] == " " else ""
        out.append(f"{lead}{mark}{core}{mark[::-1]}{tail}")
    return "".join(out)


def _markdown(quote: Element) -> str:
    """A notes or summary blockquote as Markdown paragraphs."""
    lines = _lines(quote)
    paragraphs: list[list[Line]] = [[]]
    for line in lines:
        if line.text:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(_joined(p) for p in paragraphs if p)


def _joined(paragraph: list[Line]) -> str:
    """A paragraph's lines: list items one a line, other lines with hard breaks."""
    out = paragraph[0].text
    for before, line in itertools.pairwise(paragraph):
        out += ("\n" if "list" in (before.style, line.style) else "\\\n") + line.text
    return out
