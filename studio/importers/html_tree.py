"""A small, forgiving element tree built with the standard library's html.parser.

Enough for an AO3 download: elements with attributes, text, and the source line
of each element, so the importer can say where it found something.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_SKIP = {"script", "style", "title"}  # <title> repeats the h1; scripts are not text


@dataclass(slots=True)
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]

    def iter(self) -> Iterator[Element]:
        yield self
        for child in self.elements():
            yield from child.iter()

    def find(self, tag: str | None = None, *, id: str = "", cls: str = "") -> Element | None:
        return next(self.find_all(tag, id=id, cls=cls), None)

    def find_all(self, tag: str | None = None, *, id: str = "", cls: str = "") -> Iterator[Element]:
        for element in self.iter():
            if (
                (tag is None or element.tag == tag)
                and (not id or element.id == id)
                and (not cls or cls in element.classes)
            ):
                yield element

    def text(self) -> str:
        """All the text inside, whitespace collapsed."""
        parts: list[str] = []
        _collect(self, parts)
        return re.sub(r"\s+", " ", "".join(parts)).strip()


def _collect(element: Element, parts: list[str]) -> None:
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append(" ")
        else:
            _collect(child, parts)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, 1)
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
            return
        if self.skipping:
            return
        element = Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        if tag == "p" and self.stack[-1].tag == "p":
            self.stack.pop()  # <p> cannot hold a <p>: the first one ended
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            return
        if not self.skipping:
            element = Element(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
            self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root
