"""What every exporter reads from a project, read one way: the preface, the chapters
with their blocks, the song credits, and text made safe for any file format.

Exporters differ only in how they lay these parts out, so a story reads the same in
DOCX, Markdown, plain text and on FanFiction.Net.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from studio.export.languages import language_name
from studio.export.links import allowed_href
from studio.export.selection import chapter_numbers
from studio.lyrics.credit import block_credit_line, credit_placement, notes_credit
from studio.story.blocks import Block, BlockKind, parse_blocks
from studio.story.inline import Span, parse_inline
from studio.story.model import Chapter, Song
from studio.story.paths import slugify
from studio.story.project import Project

# C0 controls but tab and newline, DEL, C1 controls, and the two XML non-characters.
# None is ever meant in prose, and XML (DOCX, HTML, EPUB) cannot hold the C0 ones.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text without control characters; CRLF and CR become LF."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@lru_cache(maxsize=4096)
def clean_spans(text: str) -> tuple[Span, ...]:
    """The emphasis runs of one paragraph or verse line, with clean text.

    Cached: the FanFiction.Net export writes each chapter twice (DOCX and HTML).
    """
    return tuple(
        Span(span.text, span.italic, span.bold, safe_href(span.href), span.line_break)
        for span in parse_inline(clean(text))
    )


def safe_href(href: str | None) -> str | None:
    """Keep web, mail and relative links only: a `javascript:` link is markup, not a link."""
    return allowed_href(clean(href) if href else None)


def paragraphs(text: str) -> list[str]:
    """A free-text field (summary, notes) as paragraphs: blank lines part them and
    the line breaks inside one are soft, as in Markdown, except a hard break (a line
    ending in a backslash or two spaces), which stays a backslash break."""
    parts = re.split(r"\n\s*\n", clean(text).strip())
    return [_join_lines(part.splitlines()) for part in parts if part.strip()]


BACKSLASH = "\\"


def _join_lines(lines: list[str]) -> str:
    out = ""
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        hard = not last and (line.endswith("  ") or line.rstrip(" ").endswith(BACKSLASH))
        piece = line.strip()
        if hard:
            out += piece.rstrip(BACKSLASH).rstrip() + BACKSLASH + "\n"
        else:
            out += piece + ("" if last else " ")
    return out.strip()


def one_line(text: str) -> str:
    """A field shown on one line (a title, a tag): inner line breaks become spaces."""
    return " ".join(clean(text).split())


@dataclass(frozen=True, slots=True)
class ChapterPart:
    """One chapter, ready to lay out."""

    number: int
    chapter: Chapter
    blocks: list[Block]

    @property
    def title(self) -> str:
        return one_line(self.chapter.title)

    @property
    def heading(self) -> str:
        """ "Chapter 1: The Signal", or "Chapter 1" when it has no title."""
        return f"Chapter {self.number}: {self.title}" if self.title else f"Chapter {self.number}"

    @property
    def slug(self) -> str:
        return f"{self.number:02d}-{slugify(self.title or 'chapter')}"


def chapter_parts(project: Project) -> list[ChapterPart]:
    """Every chapter (of a selection: the chosen ones), read and parsed, in story
    order, each numbered as in the whole story."""
    return [
        ChapterPart(number, chapter, parse_blocks(clean(project.read_chapter(chapter))))
        for number, chapter in zip(chapter_numbers(project), project.chapters, strict=True)
    ]


def lyrics_blocks(parts: list[ChapterPart]) -> Iterator[Block]:
    for part in parts:
        yield from (b for b in part.blocks if b.kind is BlockKind.LYRICS)


def quoted_songs(project: Project, parts: list[ChapterPart]) -> list[Song]:
    """The songs the story quotes, each once, in order of first quotation."""
    songs = project.songs
    ids = dict.fromkeys(b.song or "" for b in lyrics_blocks(parts))
    return [songs[song_id] for song_id in ids if song_id in songs]


@dataclass(frozen=True, slots=True)
class Credits:
    """Where the song credits go, rendered once by studio.lyrics.credit."""

    project: Project
    notes_line: str  # "Lyrics from “Harbour Lights” by The Tidewater Band." or ""
    under_blocks: bool

    def block_line(self, block: Block) -> str:
        """The line under a lyrics block, or "" when credits go in the notes only."""
        if not self.under_blocks:
            return ""
        song_id = block.song or ""
        return clean(block_credit_line(self.project.songs.get(song_id), song_id))


def credits(project: Project, parts: list[ChapterPart]) -> Credits:
    placement = credit_placement(project)
    line = notes_credit(quoted_songs(project, parts)) if placement.in_notes else ""
    return Credits(project, clean(line), placement.under_blocks)


def work_notes(project: Project, credit: Credits) -> list[str]:
    """The work's notes as paragraphs, with the song credit after them when it goes there."""
    notes = paragraphs(project.work.notes)
    return [*notes, credit.notes_line] if credit.notes_line else notes


def preface_fields(project: Project) -> list[tuple[str, str]]:
    """The work's one-line fields, labelled as the archives label them; empty ones left out."""
    work = project.work
    fields = [
        ("Rating", work.rating),
        ("Archive Warnings", ", ".join(work.warnings)),
        ("Category", ", ".join(work.categories)),
        ("Fandoms", ", ".join(work.fandoms)),
        ("Relationships", ", ".join(work.relationships)),
        ("Characters", ", ".join(work.characters)),
        ("Additional Tags", ", ".join(work.tags)),
        ("Language", language_name(work.language) if work.language.strip() else ""),
    ]
    return [(label, one_line(value)) for label, value in fields if one_line(value)]


def authors_line(project: Project) -> str:
    return one_line(", ".join(project.work.authors))


def title(project: Project) -> str:
    return one_line(project.work.title) or "Untitled"


def project_slug(project: Project) -> str:
    return slugify(project.work.title, fallback="") or slugify(
        Path(project.root).name, fallback="story"
    )


def other_lines(block: Block) -> list[str]:
    """The text lines of a block that is neither prose nor lyrics (a list, a quote, code,
    raw HTML, an unknown fenced div), shown as text: its marks stripped, never as markup."""
    lines = list(block.lines)
    if block.kind is BlockKind.OTHER and lines and re.match(r"^\s*(```|~~~|:::)", lines[0]):
        lines = lines[1:]
        if lines and re.match(r"^\s*(```|~~~|:::)", lines[-1]):
            lines = lines[:-1]
    stripped = [re.sub(r"^\s{0,3}(>\s?)+", "", line) for line in lines]
    return [line for line in stripped if line.strip()]


_ORDERED_ITEM = re.compile(r"^\s{0,3}\d{1,9}[.)](\s+|$)")
_BULLET_ITEM = re.compile(r"^\s{0,3}[-*+](\s+|$)")


@dataclass(frozen=True, slots=True)
class ListItems:
    """A Markdown list block as its items (each item's Markdown, lines joined)."""

    ordered: bool
    items: list[str]
    start: int = 1


def list_items(block: Block) -> ListItems | None:
    """The items of a list block (`- a`, `1. b`), or None when the block is no list.

    Every exporter reads lists this one way, so a list stays a list everywhere.
    """
    if block.kind is not BlockKind.OTHER or not block.lines:
        return None
    first = block.lines[0]
    ordered = _ORDERED_ITEM.match(first) is not None
    if not ordered and _BULLET_ITEM.match(first) is None:
        return None
    marker = _ORDERED_ITEM if ordered else _BULLET_ITEM
    items: list[list[str]] = []
    for line in block.lines:
        if marker.match(line) or not items:
            items.append([marker.sub("", line, count=1).strip()])
        elif line.strip():
            items[-1].append(line.strip())
    start = int(re.match(r"\s*(\d+)", first).group(1)) if ordered else 1  # type: ignore[union-attr]
    return ListItems(ordered, ["\n".join(item) for item in items], start)


def heading_text(block: Block) -> str:
    """The words of a heading inside a chapter, ATX (`## Text ##`) or setext (underlined)."""
    lines = [line for line in block.lines if line.strip()]
    if len(lines) > 1 and re.fullmatch(r"\s*(=+|-+)\s*", lines[-1]):
        lines = lines[:-1]
    return re.sub(r"^\s*#+\s*|\s+#+\s*$|^#+$", "", " ".join(lines)).strip()
