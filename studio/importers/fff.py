"""A FanFicFare download (its EPUB or HTML): title page fields, chapters, text.

FanFicFare starts every book with a title page: "Title by Author" as a heading
(links to the story and the author), then labelled fields, as table rows in its
HTML (`<tr><td><b>Rating:</b></td><td>T</td></tr>`) and as lines in its EPUB
(`<b>Rating:</b> T<br/>`). Story fields (Category, Genre, Characters, Relationships,
Rating, Warnings, Status, Summary, Language, Series) go into the metadata; its own
bookkeeping (Packaged, Publisher, Words, Chapters, Published, Updated, the story's
address) is recorded as consumed, never story text; a field Studio does not know is
kept in the notes. Then an optional "Table of Contents" and, for each chapter, a
heading outside the chapter's text box, followed by the text.
"""

from __future__ import annotations

import re

from studio.importers.ao3 import _Leaf, _leaves, _lines, _markdown
from studio.importers.body import Line, fill_chapter
from studio.importers.fields import _NO_WARNINGS
from studio.importers.html_tree import Element
from studio.importers.language import language_code
from studio.importers.patterns import chapter_heading
from studio.importers.plan import Consumed, ImportPlan, PlannedChapter, Unsure
from studio.story.ratings import ARCHIVE_RATINGS, ARCHIVE_WARNINGS, CATEGORIES, archive_rating

# Title page label (lower case, no colon) → the work field it fills.
FIELDS = {
    "category": "fandoms",
    "categories": "fandoms",
    "fandom": "fandoms",
    "fandoms": "fandoms",
    "genre": "tags",
    "genres": "tags",
    "freeform": "tags",
    "tags": "tags",
    "additional tags": "tags",
    "characters": "characters",
    "character": "characters",
    "relationships": "relationships",
    "relationship": "relationships",
    "pairing": "relationships",
    "pairings": "relationships",
    "ships": "relationships",
    "rating": "rating",
    "rated": "rating",
    "warnings": "warnings",
    "warning": "warnings",
    "status": "status",
    "summary": "summary",
    "description": "summary",
    "language": "language",
    "series": "series",
    "collections": "collections",
    "author": "authors",
    "authors": "authors",
}
# FanFicFare's own record of the download: not the story's words.
BOOKKEEPING = {
    "packaged",
    "publisher",
    "words",
    "chapters",
    "published",
    "updated",
    "completed",
    "site",
    "story url",
    "source",
    "comments",
    "kudos",
    "hits",
    "bookmarks",
    "favs",
    "follows",
    "reviews",
    "id",
}
_COMPLETE = {"completed", "complete", "finished"}
_IN_PROGRESS = {"in-progress", "in progress", "incomplete", "ongoing", "wip", "hiatus"}


def title_page_fields(element: Element) -> list[tuple[str, Element]]:
    """(label as written, value) pairs of a title page block, in either of its shapes."""
    found: list[tuple[str, Element]] = []
    for row in element.find_all("tr"):
        cells = [c for c in row.elements() if c.tag in ("td", "th")]
        if len(cells) >= 2 and cells[0].text().endswith(":"):
            found.append((cells[0].text(), Element("span", {}, cells[1].line, cells[1].children)))
    if found:
        return found
    for container in element.iter():
        label = ""
        value: list[Element | str] = []
        for child in [*container.children, Element("br", {}, 0)]:
            is_label = (
                isinstance(child, Element)
                and child.tag in ("b", "strong")
                and child.text().endswith(":")
            )
            if is_label or (isinstance(child, Element) and child.tag == "br"):
                if label:
                    found.append((label, Element("span", {}, container.line, value)))
                label, value = (
                    (child.text(), []) if is_label and isinstance(child, Element) else ("", [])
                )
            elif label:
                value.append(child)
    return found


def is_fanficfare(root: Element) -> bool:
    """A title page with FanFicFare's bookkeeping labels (Packaged, Publisher…)."""
    labels: set[str] = set()
    for block in root.iter():
        if block.tag in ("table", "div", "body", "p"):
            labels.update(_key(label) for label, _ in title_page_fields(block))
            if len(labels & BOOKKEEPING) >= 2 and len(labels & set(FIELDS)) >= 2:
                return True
    return False


def _key(label: str) -> str:
    return " ".join(label.rstrip(":").split()).casefold()


def plan_document(plan: ImportPlan, root: Element, file: str) -> None:
    reader = _Reader(plan, file)
    for leaf in _leaves(root):
        reader.feed(leaf)
    reader.close()


class _Reader:
    def __init__(self, plan: ImportPlan, file: str) -> None:
        self.plan, self.file = plan, file
        self.chapter: PlannedChapter | None = None
        self.body: list[Line] = []
        self.title_done = False
        self.fields_done = False
        self.in_toc = False

    def consume(self, kind: str, text: str, line: int | None) -> None:
        self.plan.consumed.append(Consumed(kind, text, self.file, line))

    def feed(self, leaf: _Leaf) -> None:
        node = leaf.node
        if isinstance(node, str):
            node = Element("p", {}, 0, [node])
        text = node.text()
        if node.tag in ("h1", "h2", "h3", "h4") and self.heading(node, text, leaf):
            return
        if self.chapter is None:
            self.front(node, text)
            return
        self.body.extend(_lines(node))

    def heading(self, node: Element, text: str, leaf: _Leaf) -> bool:
        if not self.title_done:
            self.title_line(node, text)
            return True
        if text.casefold() == "table of contents":
            self.consume("boilerplate", text, node.line)
            self.in_toc = True
            return True
        inside_text = any(t in ("div", "blockquote", "section") for t in leaf.tags[1:])
        if inside_text and self.chapter is not None and "body" in leaf.tags:
            return False  # the author's own heading, inside the chapter's text
        self.in_toc = False
        self.end_chapter()
        found = chapter_heading(text)
        work_title = str(self.plan.work.get("title", ""))
        if found is not None:
            title = found.title
            if found.label:
                self.consume("heading", found.label, node.line)
        elif text == work_title:
            title = ""  # a one-shot's chapter, named for the work
            self.consume("repeat", text, node.line)
        else:
            title = text
        self.chapter = PlannedChapter(title=title, file=self.file, line=node.line)
        return True

    def title_line(self, node: Element, text: str) -> None:
        """ "Title by Author": the first link is the story, the links after "by" its authors."""
        self.title_done = True
        links = list(node.find_all("a"))
        match = re.match(r"^(?P<title>.*?)\s+by\s+(?P<authors>.+)$", text)
        if links and match:
            title = links[0].text()
            authors = [a.text() for a in links[1:]] or [match["authors"]]
        elif match:
            title, authors = match["title"], [match["authors"]]
        else:
            title, authors = text, []
        self.plan.work["title"] = title
        if authors:
            self.plan.add_items("authors", authors)
        self.consume("boilerplate", "by", node.line)

    def front(self, node: Element, text: str) -> None:
        """Before the first chapter: the title page's fields, the table of contents."""
        if self.in_toc and all(c.tag in ("a", "br") for c in node.elements()):
            self.consume("toc", text, node.line)
            return
        fields = title_page_fields(node)
        if fields and not self.fields_done:
            self.fields_done = True
            for label, value in fields:
                self.field(label, value)
            return
        if text:
            self.plan.add_text("notes", _markdown(node))
            self.plan.unsure.append(
                Unsure("text on the title page: kept in the work's notes", self.file, node.line)
            )

    def field(self, label: str, value: Element) -> None:
        key = _key(label)
        text = value.text()
        line = value.line
        target = FIELDS.get(key)
        if key in BOOKKEEPING:
            self.consume("label", label, line)
            self.consume("boilerplate", text, line)
            return
        if target is None:
            self.plan.add_text("notes", f"{label} {_markdown(value)}")
            return
        self.consume("label", label, line)
        items = [v.strip() for v in re.split(r",\s*", text) if v.strip()]
        if target == "rating":
            self.plan.work["rating"] = archive_rating(text)
            if text not in ARCHIVE_RATINGS:
                self.plan.work["source_rating"] = text
        elif target == "status":
            status = text.casefold()
            if status in _COMPLETE or status in _IN_PROGRESS:
                self.plan.work["status"] = "complete" if status in _COMPLETE else "in-progress"
                self.consume("status", text, line)
            else:
                self.plan.add_text("notes", f"{label} {text}")
        elif target == "summary":
            self.plan.add_text("summary", _markdown(value))
        elif target == "language":
            code = language_code(text)
            if code is None:
                self.plan.add_text("notes", f"{label} {text}")
                self.plan.unsure.append(
                    Unsure(f"language “{text}” is not one Studio knows", self.file)
                )
            else:
                self.plan.work["language"] = code
                self.consume("language", text, line)
        elif target == "series":
            found = re.match(r"^(?P<name>.*?)\s*\[(?P<part>\d+)\]$", text)
            if found:
                self.plan.series.append((found["name"], int(found["part"])))
                self.consume("boilerplate", f"[{found['part']}]", line)
            else:
                self.plan.series.append((text, 1))
        elif target in ("warnings",):
            self.warnings(items, line)
        elif target == "fandoms":
            self.plan.add_items("fandoms", items)
        elif target == "tags":
            for item in items:
                match = next((c for c in CATEGORIES if c == item), None)
                self.plan.add_items("categories" if match else "tags", [item])
        else:
            self.plan.add_items(target, items)

    def warnings(self, items: list[str], line: int) -> None:
        """Archive warnings by name; "None" is none; anything else is kept as a tag."""
        for item in items:
            match = next((w for w in ARCHIVE_WARNINGS if w.casefold() == item.casefold()), None)
            if match is None and _NO_WARNINGS.match(item):
                match = "No Archive Warnings Apply"
                self.consume("value", item, line)
            elif match is None:
                self.plan.unsure.append(
                    Unsure(f"warning “{item}” is not an Archive warning: kept as a tag", self.file)
                )
            self.plan.add_items("warnings" if match else "tags", [match or item])

    def end_chapter(self) -> None:
        if self.chapter is not None:
            fill_chapter(
                self.chapter, self.body, plan=self.plan, file=self.file, wrapped=True, breaks=True
            )
            self.plan.chapters.append(self.chapter)
        self.chapter, self.body = None, []

    def close(self) -> None:
        self.end_chapter()
