"""Chapter Markdown to HTML, shared by every HTML-family export (AO3, EPUB, FanFiction.Net).

One renderer so a story reads the same everywhere: paragraphs are `<p>`, italics `<em>`,
bold `<strong>`, scene breaks `<hr />`, lyrics a `<blockquote class="lyrics">` with one
`<p>` per stanza (verse lines joined by `<br />`) and the song's credit from
`studio.lyrics.credit`, so a credit is written once.

Everything the author wrote is text, never markup: `<script>` and `&` come out escaped,
and control characters (which no HTML or XML reader accepts) are removed first.

Speed matters (a million-word EPUB must build in well under a second), so a paragraph
with no inline Markdown at all skips the inline parser; `plain_run` says exactly when
that is safe, and a test holds the fast path to the parser's output.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from studio.export.links import allowed_href, is_absolute
from studio.lyrics.credit import block_credit_line
from studio.story.blocks import Block, BlockKind, parse_blocks
from studio.story.inline import Span, parse_inline
from studio.story.model import Song

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates and the two
# noncharacters XML forbids. Carriage returns go too: line ends are "\n" once parsed.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Characters that can start inline Markdown (emphasis, code, links, entities, escapes,
# autolinks) or change how whitespace is read. A paragraph without any is plain text.
_INLINE_SYNTAX = re.compile(r"[*_`\[\]<&\\\t]| \n|\n ")
# The same without `*`: text whose only Markdown is simple `*italics*` (see `_simple_em`).
_INLINE_SYNTAX_BUT_STAR = re.compile(r"[_`\[\]<&\\\t]| \n|\n ")
# `*words*` opened after a space or an opening quote and closed before a space or
# punctuation, with a letter or digit inside each star: CommonMark reads exactly these
# as emphasis (each star flanks on one side only), so no parser is needed for them.
_SIMPLE_EM = re.compile(r"""(?:^|(?<=[\s"'(]))\*([^\W_](?:[^*]*?[^\W_])?)\*(?=$|[\s.,;:?!"')])""")

_MAX_NESTING = 16  # blockquotes inside blockquotes deeper than this are kept as text

_ORDERED_ITEM = re.compile(r"^\s{0,3}\d{1,9}[.)](\s+|$)")
_BULLET_ITEM = re.compile(r"^\s{0,3}[-*+](\s+|$)")
_QUOTE_MARK = re.compile(r"^\s{0,3}> ?")
_HEADING_MARK = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")


def clean_text(text: str) -> str:
    """The text without the control characters that no HTML or XML reader accepts."""
    return _CONTROL.sub("", text)


_LINE_ENDS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n\n"})


def chapter_blocks(text: str) -> list[Block]:
    """A chapter's blocks, control characters removed first (every renderer wants both).

    Old Mac line ends and the Unicode line and paragraph separators become newlines,
    so a reader sees the break the author saw. An unchanged text is the same string
    that the other checks parse, so inside `shared_parses` it is parsed once.
    """
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = text.replace("\r\n", "\n").translate(_LINE_ENDS)
    return parse_blocks(clean_text(text))


def escape(text: str, *, xhtml: bool = False) -> str:
    """Text as HTML text content, serialized the way html5ever (and so nh3) writes it.

    Only `&`, `<`, `>` are escaped (and a no-break space as `&nbsp;` in HTML), so
    the Archive's sanitizer gives back exactly what we wrote. XHTML has no `&nbsp;`
    entity, so there the character stays as it is.
    """
    return _escape_clean(clean_text(text), xhtml)


def _escape_clean(text: str, xhtml: bool) -> str:
    """`escape` of text whose control characters are gone already (the renderer's)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text if xhtml else text.replace("\u00a0", "&nbsp;")


def escape_attribute(text: str) -> str:
    """Text as a double-quoted attribute value."""
    return escape(text, xhtml=True).replace('"', "&quot;")


def plain_run(text: str) -> bool:
    """True when `text` has no inline Markdown, so it renders as itself (escaped)."""
    return _INLINE_SYNTAX.search(text) is None


@dataclass(frozen=True, slots=True)
class HtmlRenderer:
    """Renders chapters and notes of one story.

    `xhtml`: output for EPUB (XML-safe: no `&nbsp;` entity). `links`: keep links as
    `<a href>` (http, https, mailto and relative, as the Archive does); otherwise a
    link is written as its text and the address.
    `credit_blocks`: put the song credit under each lyrics block.
    `heading_offset`: a `#` heading in a chapter becomes `<h{1 + offset}>`, below the
    chapter's own heading. `relative_links`: keep `../x.html` and `#x` as links (not in
    an EPUB, where they would point at files the book does not hold). `classes`: mark
    lyrics and credits with `class` (the Archive keeps no `class` in a summary).
    """

    songs: Mapping[str, Song]
    xhtml: bool = False
    links: bool = True
    credit_blocks: bool = True
    heading_offset: int = 2
    classes: bool = True
    relative_links: bool = True

    # -- whole texts ---------------------------------------------------------------

    def markdown(self, text: str) -> str:
        """A chapter or a note, Markdown to HTML, one block per line."""
        return self.blocks(chapter_blocks(text))

    def blocks(self, blocks: list[Block], depth: int = 0) -> str:
        """Blocks from `parse_blocks` of already cleaned text."""
        return "\n".join(self.block(block, depth) for block in blocks)

    def block(self, block: Block, depth: int = 0) -> str:
        kind = block.kind
        if kind is BlockKind.PARAGRAPH:
            return f"<p>{self.inline(block.text)}</p>"
        if kind is BlockKind.SCENE_BREAK:
            return "<hr />"
        if kind is BlockKind.LYRICS:
            return self.lyrics(block)
        if kind is BlockKind.HEADING:
            return self.heading(block)
        return self.other(block, depth)

    # -- blocks --------------------------------------------------------------------

    def lyrics(self, block: Block) -> str:
        parts = ['<blockquote class="lyrics">' if self.classes else "<blockquote>"]
        for stanza in block.stanzas:
            lines = "<br />".join(self.inline(line) for line in stanza)
            parts.append(f"<p>{lines}</p>")
        if self.credit_blocks and block.song:
            credit = block_credit_line(self.songs.get(block.song), block.song)
            mark = ' class="credit"' if self.classes else ""
            parts.append(f"<p{mark}>{escape(credit, xhtml=self.xhtml)}</p>")
        parts.append("</blockquote>")
        return "\n".join(parts)

    def heading(self, block: Block) -> str:
        first = block.lines[0] if block.lines else ""
        atx = _HEADING_MARK.match(first)
        if atx:
            level, text = len(atx.group(1)), atx.group(2)
        else:  # setext: text lines, then a line of = (level 1) or - (level 2)
            underline = _SETEXT_UNDERLINE.match(block.lines[-1])
            level = 1 if underline and underline.group(1)[0] == "=" else 2
            text = "\n".join(block.lines[:-1])
        tag = f"h{min(6, level + self.heading_offset)}"
        return f"<{tag}>{self.inline(text)}</{tag}>"

    def other(self, block: Block, depth: int) -> str:
        """Block quotes, lists, code and raw HTML: kept readable, and always as text."""
        lines = list(block.lines)
        first = lines[0] if lines else ""
        if block.start != block.content_start:  # a fenced div that is not lyrics
            inner = self.blocks(parse_blocks("\n".join(lines)), depth + 1)
            return f"<div>\n{inner}\n</div>" if depth < _MAX_NESTING else self.verbatim(lines)
        if _QUOTE_MARK.match(first) and depth < _MAX_NESTING:
            inner_text = "\n".join(_QUOTE_MARK.sub("", line, count=1) for line in lines)
            inner = self.blocks(parse_blocks(inner_text), depth + 1)
            return f"<blockquote>\n{inner}\n</blockquote>"
        if _BULLET_ITEM.match(first) or _ORDERED_ITEM.match(first):
            return self.list_block(lines)
        if first.lstrip().startswith(("```", "~~~")) or first.startswith(("    ", "\t")):
            return f"<pre><code>{escape(chr(10).join(lines), xhtml=self.xhtml)}</code></pre>"
        return self.verbatim(lines)

    def verbatim(self, lines: list[str]) -> str:
        """Lines as they were written, one per line (raw HTML lands here, as text)."""
        joined = "<br />".join(_escape_clean(line.strip(), self.xhtml) for line in lines)
        return f"<p>{joined}</p>"

    def list_block(self, lines: list[str]) -> str:
        ordered = _ORDERED_ITEM.match(lines[0]) is not None
        marker = _ORDERED_ITEM if ordered else _BULLET_ITEM
        items: list[list[str]] = []
        for line in lines:
            if marker.match(line) or not items:
                items.append([marker.sub("", line, count=1)])
            elif line.strip():
                items[-1].append(line.strip())
        tag = "ol" if ordered else "ul"
        body = "\n".join(f"<li>{self.inline(chr(10).join(item))}</li>" for item in items)
        return f"<{tag}>\n{body}\n</{tag}>"

    # -- inline --------------------------------------------------------------------

    def inline(self, text: str) -> str:
        """One paragraph or verse line: emphasis as <em>/<strong>, the rest escaped."""
        text = text.strip()
        if plain_run(text):
            return _escape_clean(text.replace("\n", " "), self.xhtml)
        if _INLINE_SYNTAX_BUT_STAR.search(text) is None:
            simple = self._simple_em(text.replace("\n", " "))
            if simple is not None:
                return simple
        return "".join(self.span(span) for span in parse_inline(text))

    def _simple_em(self, text: str) -> str | None:
        """Text whose only Markdown is simple `*italics*`, or None to use the parser."""
        parts: list[str] = []
        last = 0
        for match in _SIMPLE_EM.finditer(text):
            parts.append(_escape_clean(text[last : match.start()], self.xhtml))
            parts.append(f"<em>{_escape_clean(match.group(1), self.xhtml)}</em>")
            last = match.end()
        parts.append(_escape_clean(text[last:], self.xhtml))
        html = "".join(parts)
        return None if "*" in html else html

    def span(self, span: Span) -> str:
        if span.line_break:
            return "<br />"
        html = _escape_clean(span.text, self.xhtml)
        if span.bold:
            html = f"<strong>{html}</strong>"
        if span.italic:
            html = f"<em>{html}</em>"
        if span.href:
            href = allowed_href(span.href)
            if href and not self.relative_links and not is_absolute(href):
                href = None
            if self.links and href:
                html = f'<a href="{escape_attribute(href)}">{html}</a>'
            elif span.href != span.text:
                html += f" ({_escape_clean(span.href, self.xhtml)})"
        return html
