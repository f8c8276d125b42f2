"""HTML and XHTML parsed with lxml, kept as a small plain tree the importers walk.

lxml (libxml2's HTML parser) is a real, forgiving parser: unclosed tags, `<p>`
inside `<p>`, XHTML with namespaces and entities all come out the way browsers
read them, fast on large files. Its tree is copied into `Element`s (tag, attributes,
source line, children that are text or elements) so the rest of the importer does
not depend on lxml's API.

Depth: libxml2 refuses documents nested more than 2048 deep even with its "huge"
option, and would silently stop reading there; that is reported as a StudioError,
never a half-read fic. Elements nested deeper than `FLAT_DEPTH` are opened into
their ancestor (their text kept, their markup dropped), so no importer code that
walks the tree can run out of stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import lxml.etree
import lxml.html

from studio.errors import StudioError

_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_SKIP = {"script", "style", "title", "head"}  # <title> repeats the h1; scripts are not text
FLAT_DEPTH = 120
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


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
        """This element and every element inside it, in document order (no recursion)."""
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(element.elements()))

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
        """All the text inside, whitespace collapsed (a <br> counts as a space)."""
        parts: list[str] = []
        stack: list[Element | str] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            elif node.tag == "br":
                parts.append(" ")
            else:
                stack.extend(reversed(node.children))
        return re.sub(r"\s+", " ", "".join(parts)).strip()


def parse_html(text: str, *, path: Path | None = None) -> Element:
    """The document as a tree of Elements under a "#root" element."""
    markup = _XML_DECLARATION.sub("", text, count=1)
    if not markup.strip():
        return Element("#root", {}, 1)
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        document = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise StudioError(
            f"is HTML Studio cannot read ({exc})",
            path=path,
            hint="Open it in a browser and save it again, or import its text",
        ) from None
    for error in parser.error_log:
        if error.level_name == "FATAL":
            raise StudioError(
                f"is HTML nested too deeply to read whole ({error.message})",
                path=path,
                line=error.line or None,
                hint="Its tags are nested thousands deep; save it again as plain text",
            )
    return _convert(document)


def _convert(document: lxml.html.HtmlElement) -> Element:
    """Copy lxml's tree without recursion; text and tails land where a browser shows them."""
    root = Element("#root", {}, 1)
    # Work items: an lxml element to copy into an Element, or a text to append there.
    stack: list[tuple[lxml.html.HtmlElement | str, Element, int]] = [(document, root, 0)]
    while stack:
        source, parent, depth = stack.pop()
        if isinstance(source, str):
            parent.children.append(source)
            continue
        tag = source.tag.rsplit("}", 1)[-1].lower() if isinstance(source.tag, str) else ""
        if not tag or tag in _SKIP:
            continue
        if depth >= FLAT_DEPTH and tag not in _VOID:
            target = parent  # too deep: its content joins its ancestor
        else:
            attrs = {str(k).rsplit("}", 1)[-1]: str(v) for k, v in source.attrib.items()}
            target = Element(tag, attrs, source.sourceline or 1)
            parent.children.append(target)
        if source.text and tag not in _VOID:
            target.children.append(source.text)
        for child in reversed(list(source)):
            if child.tail:
                stack.append((child.tail, target, depth + 1))
            stack.append((child, target, depth + 1))
    return root
