"""Chapter Markdown split into blocks with source lines, shared by proofreader and exporters.

Only block structure is parsed here (markdown-it-py with its inline rule off), which
is what every consumer needs first and keeps a million words well under a second;
consumers that need emphasis parse a block's lines themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin

from studio.story.lines import closes_fence, parse_attributes, source_lines


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    SCENE_BREAK = "scene_break"
    LYRICS = "lyrics"
    HEADING = "heading"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block. `start`/`end` are 0-based source lines, `end` exclusive.

    `content_start` is the source line of `lines[0]`: for a lyrics block the line after
    its opening fence; for other blocks the same as `start`.
    """

    kind: BlockKind
    start: int
    end: int
    content_start: int
    lines: tuple[str, ...]
    song: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    classes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def stanzas(self) -> list[list[str]]:
        """Verse lines grouped by the blank lines between stanzas (lyrics blocks)."""
        groups: list[list[str]] = [[]]
        for line in self.lines:
            if line.strip():
                groups[-1].append(line)
            elif groups[-1]:
                groups.append([])
        return [g for g in groups if g]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").use(colon_fence_plugin)
    # No inline parse here; and no link reference definitions: `[A/N]: thanks!` is a
    # line of the story, not a definition that would vanish from every export.
    md.disable(["inline", "reference"])
    return md


# A colon fence line is a fence at any indentation (tabs too): see studio/story/lines.py.
_INDENTED_FENCE = re.compile(r"^[ \t]+(?=:::)", re.MULTILINE)
_NEWLINE = re.compile(r"\r\n?")  # as markdown-it normalises line ends, before the above


_TOP_LEVEL_OPENERS = {
    "paragraph_open": BlockKind.PARAGRAPH,
    "heading_open": BlockKind.HEADING,
    "hr": BlockKind.SCENE_BREAK,
    "colon_fence": BlockKind.OTHER,  # refined to LYRICS by its attributes
    "bullet_list_open": BlockKind.OTHER,
    "ordered_list_open": BlockKind.OTHER,
    "blockquote_open": BlockKind.OTHER,
    "fence": BlockKind.OTHER,
    "code_block": BlockKind.OTHER,
    "html_block": BlockKind.OTHER,
}


_shared: ContextVar[dict[str, tuple[Block, ...]] | None] = ContextVar("shared_parses", default=None)


@contextmanager
def shared_parses() -> Iterator[None]:
    """Inside this block, a text parsed twice is parsed once.

    A project check runs several checkers over every chapter (proofreading, lyrics,
    archive readiness); each asks for the same chapter's blocks. The memo lives only
    for the block, so nothing holds old chapter texts after the check (the editor
    parses as it types and must not fill a cache).
    """
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def parse_blocks(text: str) -> list[Block]:
    """The chapter's top-level blocks in order."""
    memo = _shared.get()
    if memo is None:
        return list(_parse_blocks(text))
    blocks = memo.get(text)
    if blocks is None:
        blocks = memo[text] = _parse_blocks(text)
    return list(blocks)


def _parse_blocks(text: str) -> tuple[Block, ...]:
    lines = source_lines(text)
    blocks: list[Block] = []
    # mdit-py-plugins' colon fence reads past the end of a last line with no newline
    # ("> :::\n>" raises IndexError); a final newline changes no block or line number.
    source = text if text.endswith("\n") else text + "\n"
    source = _INDENTED_FENCE.sub("", _NEWLINE.sub("\n", source))
    for token in _parser().parse(source):
        if token.level != 0 or token.map is None or token.type not in _TOP_LEVEL_OPENERS:
            continue
        start, end = token.map
        if token.type == "colon_fence":
            blocks.append(_fence_block(token.info, len(token.markup), start, end, lines))
            continue
        kind = _TOP_LEVEL_OPENERS[token.type]
        blocks.append(Block(kind, start, end, start, tuple(lines[start:end])))
    return tuple(blocks)


def _fence_block(info: str, colons: int, start: int, end: int, lines: list[str]) -> Block:
    classes, attrs = parse_attributes(info)
    # Closed by its last line, unless the fence ran to the end of the text unclosed.
    closed = end - 1 > start and closes_fence(lines[end - 1], colons)
    content_end = end - 1 if closed else end
    content = tuple(lines[start + 1 : content_end])
    kind = BlockKind.LYRICS if "lyrics" in classes else BlockKind.OTHER
    song = attrs.get("song") if kind is BlockKind.LYRICS else None
    return Block(kind, start, end, start + 1, content, song, attrs, classes)


def lyrics_fence(song: str) -> str:
    """The opening fence line of a lyrics block for `song`."""
    return f'::: {{.lyrics song="{song}"}}'
