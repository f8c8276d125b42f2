"""Emphasis inside a paragraph or verse line, as runs of text every exporter can render.

Exporters turn these spans into <em>/<strong>, DOCX runs, or plain text, so the
Markdown is read one way everywhere. Raw HTML in the text is kept as text (never as
markup), so a story that contains `<script>` exports those characters literally.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with one style. `line_break` spans carry no text: a hard break."""

    text: str
    italic: bool = False
    bold: bool = False
    href: str | None = None
    line_break: bool = False


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def parse_inline(text: str) -> list[Span]:
    """Spans of one paragraph or line; a soft line break inside a paragraph is a space."""
    spans: list[Span] = []
    italic = bold = 0
    href: str | None = None
    for token in _children(text):
        kind = token.type
        if kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind == "link_open":
            href = str(token.attrGet("href") or "") or None
        elif kind == "link_close":
            href = None
        elif kind == "hardbreak":
            spans.append(Span("", line_break=True))
        else:
            content = " " if kind == "softbreak" else _token_text(token)
            if content:
                spans.append(Span(content, italic > 0, bold > 0, href))
    return _merge(spans)


def plain_text(text: str) -> str:
    """The words without their marks: "*Hold* it" → "Hold it"."""
    return "".join("\n" if s.line_break else s.text for s in parse_inline(text))


def _children(text: str) -> list[Token]:
    tokens = _parser().parseInline(text)
    return tokens[0].children or [] if tokens else []


def _token_text(token: Token) -> str:
    if token.type == "image":
        return "".join(_token_text(child) for child in token.children or []) or token.content
    return token.content


def _merge(spans: list[Span]) -> list[Span]:
    """Join neighbouring runs of the same style (markdown-it splits text at every mark)."""
    merged: list[Span] = []
    for span in spans:
        last = merged[-1] if merged else None
        if (
            last is not None
            and not span.line_break
            and not last.line_break
            and (last.italic, last.bold, last.href) == (span.italic, span.bold, span.href)
        ):
            merged[-1] = Span(last.text + span.text, span.italic, span.bold, span.href)
        else:
            merged.append(span)
    return merged
