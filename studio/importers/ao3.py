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

import posixpath
import re
import zipfile
from io import BytesIO
from pathlib import Path
from xml.etree import ElementTree

from studio.errors import StudioError
from studio.importers.body import Line, fill_chapter
from studio.importers.html_tree import Element, parse_html
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
_LANGUAGES = {"english": "en", "español": "es", "français": "fr", "deutsch": "de"}
_LABELS = {"summary", "notes", "end notes", "chapter summary", "chapter notes", "chapter end notes"}
_SEE_END = re.compile(r"^\(?See the end of the (?:work|chapter) for more notes\.?\)?\.?$", re.I)
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


def _plan_document(plan: ImportPlan, root: Element, file: str) -> None:
    """Preface, chapters, afterword. An EPUB split by its maker may repeat the wrappers
    (`#chapters` once per file), so every copy is read, in order."""
    prefaces = list(root.find_all(id="preface"))
    afterwords = list(root.find_all(id="afterword"))
    if not prefaces and root.find(id="chapters") is None:
        plan.unsure.append(Unsure("not laid out like an AO3 download: read as plain HTML", file))
    for preface in prefaces:
        _preface(plan, preface, file)
    _chapters(plan, _outside(root, [*prefaces, *afterwords]), file)
    for afterword in afterwords:
        _afterword(plan, afterword, file)


_WRAPPERS = ("html", "body", "section", "article", "main")


def _outside(root: Element, skip: list[Element]) -> list[Element | str]:
    """The document's content other than the preface and afterword, wrappers opened."""
    nodes: list[Element | str] = []
    for child in root.children:
        if isinstance(child, Element) and (child.tag == "head" or any(child is s for s in skip)):
            continue
        if isinstance(child, Element) and (child.tag in _WRAPPERS or child.id == "chapters"):
            nodes.extend(_outside(child, skip))
        else:
            nodes.append(child)
    return nodes


def _preface(plan: ImportPlan, preface: Element, file: str) -> None:
    for message in preface.find_all("p", cls="message"):
        bold = message.find("b")
        if bold is not None:
            plan.consumed.append(Consumed("repeat", bold.text(), file, bold.line))
        plan.consumed.append(Consumed("boilerplate", _without(message, bold), file, message.line))
    for dl in preface.find_all("dl"):
        _tags(plan, dl, file)
    title = preface.find("h1") or preface.find("h2", cls="title")
    if title is not None:
        plan.work["title"] = title.text()
    byline = preface.find(cls="byline")
    if byline is not None:
        authors = [a.text() for a in byline.find_all("a")] or [byline.text()]
        plan.add_items("authors", authors)
        plan.consumed.append(Consumed("boilerplate", _without_links(byline), file, byline.line))
    for label, quote in _labelled(plan, preface, file):
        key = {"summary": "summary", "end notes": "end_notes"}.get(label, "notes")
        plan.add_text(key, _markdown(quote))


def _tags(plan: ImportPlan, dl: Element, file: str) -> None:
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
            language = item.text()
            plan.work["language"] = _LANGUAGES.get(language.casefold(), "en")
            plan.consumed.append(Consumed("boilerplate", language, file, item.line))
        elif label == "stats":
            stats = item.text()
            plan.consumed.append(Consumed("boilerplate", stats, file, item.line))
            done = re.search(r"Chapters:\s*(\d+)/(\d+)", stats)
            if done:
                complete = done.group(1) == done.group(2)
                plan.work["status"] = "complete" if complete else "in-progress"
        else:  # Series, Collections…: kept as written in the notes
            plan.add_text("notes", f"{term} {item.text()}")


def _labelled(plan: ImportPlan, root: Element, file: str) -> list[tuple[str, Element]]:
    """(label, blockquote) for each `<p>Summary</p><blockquote>…` pair in `root` and the
    <div>s inside it. Paragraphs that are neither come back as ("", paragraph), so the
    caller keeps them: the archive's layout changes, the author's words must not go."""
    found: list[tuple[str, Element]] = []
    for container in _containers(root):
        label = ""
        for item in container.elements():
            if item.tag not in ("p", "blockquote") or "message" in item.classes:
                continue
            text = item.text()
            if item.tag == "p" and text.casefold().rstrip(":") in _LABELS:
                label = text.casefold().rstrip(":")
                plan.consumed.append(Consumed("label", text, file, item.line))
            elif item.tag == "p" and _SEE_END.match(text):
                plan.consumed.append(Consumed("boilerplate", text, file, item.line))
            elif item.tag == "blockquote" and label:
                found.append((label, item))
                label = ""
            elif text:
                found.append(("", item))
    return found


_META_CLASSES = {"meta", "endnotes", "notes", "summary", "end"}


def _is_meta(node: Element) -> bool:
    return bool(node.classes & _META_CLASSES) or node.id.endswith("endnotes")


def _chapters(plan: ImportPlan, nodes: list[Element | str], file: str) -> None:
    current: PlannedChapter | None = None
    body: list[Line] = []

    def close() -> None:
        if current is not None:
            fill_chapter(current, body, plan=plan, file=file, wrapped=True)
            plan.chapters.append(current)

    for node in nodes:
        if isinstance(node, str):
            if node.strip():
                if current is None:
                    current = PlannedChapter(file=file)
                body.extend(_paragraph_lines(Element("p", {}, 0, [node])))
            continue
        heading = _heading_of(node)
        if heading is not None:
            close()
            current, body = _new_chapter(plan, heading, file), []
        if _is_meta(node) and node.tag == "div":
            if current is None:
                current = PlannedChapter(file=file, line=node.line)
            for label, quote in _labelled(plan, node, file):
                text = _markdown(quote)
                if label == "chapter summary":
                    current.summary = _join(current.summary, text)
                elif label == "chapter end notes" or (label == "" and current.notes and body):
                    current.end_notes = _join(current.end_notes, text)
                else:  # chapter notes, and any other text the archive put up there
                    current.notes = _join(current.notes, text)
            continue
        if heading is not None or (not node.text() and node.tag != "hr"):
            continue
        if current is None:
            current = PlannedChapter(file=file, line=node.line)
        body.extend(_lines(node))
    close()


def _heading_of(node: Element) -> Element | None:
    if node.tag in ("h2", "h3") and node.classes & {"heading", "toc-heading", "title"}:
        return node
    if "meta" in node.classes:
        return node.find("h2") or node.find("h3")
    return None


def _new_chapter(plan: ImportPlan, heading: Element, file: str) -> PlannedChapter:
    text = heading.text()
    found = chapter_heading(text)
    if found is None:
        return PlannedChapter(title=text, file=file, line=heading.line)
    if found.label:
        plan.consumed.append(Consumed("heading", found.label, file, heading.line))
    return PlannedChapter(title=found.title, file=file, line=heading.line)


def _afterword(plan: ImportPlan, afterword: Element, file: str) -> None:
    for _label, quote in _labelled(plan, afterword, file):
        plan.add_text("end_notes", _markdown(quote))
    for heading in afterword.find_all("h2"):
        plan.consumed.append(Consumed("boilerplate", heading.text(), file, heading.line))
    for message in afterword.find_all("p", cls="message"):
        plan.consumed.append(Consumed("boilerplate", message.text(), file, message.line))


def _join(a: str, b: str) -> str:
    return f"{a}\n\n{b}" if a and b else (a or b)


def _containers(element: Element) -> list[Element]:
    """The element and every <div> inside it, each once."""
    return [element, *(d for d in element.find_all("div") if d is not element)]


def _without(element: Element, skip: Element | None) -> str:
    parts = [c.text() if isinstance(c, Element) else c for c in element.children if c is not skip]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _without_links(element: Element) -> str:
    return _without_all(element, "a")


def _without_all(element: Element, tag: str) -> str:
    parts = [
        c if isinstance(c, str) else ("" if c.tag == tag else c.text()) for c in element.children
    ]
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


# -- HTML text → lines -----------------------------------------------------------------


def _lines(node: Element) -> list[Line]:
    """A block of the text as lines, a blank line between paragraphs."""
    if node.tag == "hr":
        return [Line(node.line, "* * *"), Line(node.line, "")]
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


def _paragraph_lines(node: Element) -> list[Line]:
    rows: list[list[tuple[str, bool, bool]]] = [[]]
    _inline(node, rows, italic=False, bold=False)
    texts = [_render(row) for row in rows]
    while texts and not texts[-1]:
        texts.pop()
    while texts and not texts[0]:
        texts.pop(0)
    if not texts:
        return []
    return [*(Line(node.line, text) for text in texts), Line(node.line, "")]


def _inline(
    node: Element, rows: list[list[tuple[str, bool, bool]]], *, italic: bool, bold: bool
) -> None:
    for child in node.children:
        if isinstance(child, str):
            rows[-1].append((child, italic, bold))
        elif child.tag == "br":
            rows.append([])
        else:
            _inline(
                child,
                rows,
                italic=italic or child.tag in _INLINE_ITALIC,
                bold=bold or child.tag in _INLINE_BOLD,
            )


def _render(row: list[tuple[str, bool, bool]]) -> str:
    """Runs of text → one Markdown line: `*italic*`, `**bold**`, literal marks escaped."""
    runs: list[tuple[str, bool, bool]] = []
    for raw, italic, bold in row:
        text = re.sub(r"\s+", " ", raw)
        text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
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
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _markdown(quote: Element) -> str:
    """A notes or summary blockquote as Markdown paragraphs."""
    lines = _lines(quote)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.text:
            paragraphs[-1].append(line.text)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)
