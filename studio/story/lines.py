"""What each line of a chapter is, one line at a time: the one reading of the format.

`parse_blocks` (markdown-it) is what every export, check and count reads; the editor
highlights one line at a time while the author types and cannot re-parse a chapter
per key. This module reads a line given only the *state* the line before left,
a small int (a `QSyntaxHighlighter` block state can carry it), and agrees with
`parse_blocks` about what every line is: a lyrics fence, a verse, a scene break, a
heading, code, prose (a hypothesis test holds the two equal on random chapters).

    state = START
    for line in lines:
        state = classify(line, state)
        kind = kind_of(state)

Two things it cannot know from the lines above: that a paragraph's lines are a
setext heading (the `===` / `---` underline comes after them; the underline itself
is a HEADING line), and whether the blank lines in an indented code block are
inside it (they are BLANK). `classify_text` reads a whole text and settles the first.

A colon fence line (`:::`) is a fence at any indentation, tabs included: a writer
who indents a lyrics block means a lyrics block, never a code block, so
`parse_blocks` reads it that way too (docs/project-format.md).

Lists, block quotes and raw HTML are not part of the chapter format; their lines are
OTHER, and where they end is followed in the common shapes (a blank line, or a fence,
scene break or heading after them), not in every corner of CommonMark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import IntEnum

from markdown_it.rules_block.html_block import HTML_SEQUENCES


class LineKind(IntEnum):
    """What a line is; the low four bits of a state."""

    BLANK = 0  # only spaces and tabs, outside a colon fence
    PARAGRAPH = 1
    HEADING = 2  # an ATX heading, or a setext heading's text or underline
    SCENE_BREAK = 3  # a thematic break: `* * *`, `---`, `___`
    LYRICS_OPEN = 4  # `::: {.lyrics song="…"}`
    LYRICS_BODY = 5  # a verse line, or a blank line between stanzas
    LYRICS_CLOSE = 6  # the `:::` that ends a lyrics block
    DIV_OPEN = 7  # a colon fence that is not lyrics
    DIV_BODY = 8
    DIV_CLOSE = 9
    CODE = 10  # a code fence line, its content, an indented code line
    OTHER = 11  # lists, block quotes, raw HTML


FENCE_KINDS = frozenset(
    {
        LineKind.LYRICS_OPEN,
        LineKind.LYRICS_CLOSE,
        LineKind.DIV_OPEN,
        LineKind.DIV_CLOSE,
    }
)
LYRICS_KINDS = frozenset({LineKind.LYRICS_OPEN, LineKind.LYRICS_BODY, LineKind.LYRICS_CLOSE})

# Lines the spell checker reads (fence lines and code are not prose), and of those
# the lines the proofreading rules read (verse bends grammar on purpose).
UNCHECKED_KINDS = frozenset(FENCE_KINDS | {LineKind.CODE})
VERSE_KINDS = frozenset({LineKind.LYRICS_BODY, LineKind.DIV_BODY})

START = 0  # the state before a text's first line

# A state is kind | mode << 4 | flag << 7 | extra << 8 | count << 12.
_NONE, _PARA, _COLON, _FENCED, _HTML, _QUOTE, _LIST, _LIST_GAP = range(8)
_MAX_COUNT = (1 << 19) - 1  # longer fences than this are read as this long

_PARAGRAPH = int(LineKind.PARAGRAPH) | _PARA << 4
_COLON_LINE = re.compile(r"[ \t]*(:{3,})(.*)", re.DOTALL)
_HR = re.compile(r"([*\-_])(?:[ \t]*\1){2,}[ \t]*")
_SETEXT = re.compile(r"(=+|-+)[ \t]*")
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_CODE_FENCE = re.compile(r"(`{3,}|~{3,})(.*)", re.DOTALL)
_BULLET = re.compile(r"[*+-](?:[ \t]|$)")
_ORDERED = re.compile(r"(\d{1,9})[.)](?:[ \t]|$)")


# First characters of a line that may be more than a line of prose.
_MAY_START = frozenset(" \t:`~>#*-_+=<")


def _state(kind: LineKind, mode: int = _NONE, flag: int = 0, extra: int = 0, count: int = 0) -> int:
    return int(kind) | mode << 4 | flag << 7 | extra << 8 | min(count, _MAX_COUNT) << 12


def kind_of(state: int) -> LineKind:
    """The kind of the line that left `state` (a block's state, -1 for none: BLANK)."""
    return LineKind(state & 0xF) if state > 0 else LineKind.BLANK


def _indent(line: str) -> tuple[int, int]:
    """(columns, characters) of the leading spaces and tabs, tabs to the next 4th column."""
    columns = chars = 0
    for ch in line:
        if ch == " ":
            columns += 1
        elif ch == "\t":
            columns += 4 - columns % 4
        else:
            break
        chars += 1
    return columns, chars


def classify(line: str, previous: int = START) -> int:
    """The state after `line` (no line end), given the state the line before left.

    `previous` < 0 (Qt's "no state" for the first block) is START.
    """
    if previous < 0:
        previous = START
    mode = previous >> 4 & 0x7
    if mode <= _PARA and line and line[0] not in _MAY_START and not line[0].isdigit():
        return _PARAGRAPH  # the common case: a line of prose, read without a regex
    if mode == _COLON:
        return _in_colon_fence(line, previous)
    if mode == _FENCED:
        return _in_code_fence(line, previous)
    if mode == _HTML:
        return _in_html(line, previous)
    columns, chars = _indent(line)
    rest = line[chars:]
    if not rest:
        if mode in (_LIST, _LIST_GAP):  # the item may go on after blank lines
            return previous & ~0xFF | _LIST_GAP << 4
        return _state(LineKind.BLANK)
    if mode == _PARA:
        return _in_paragraph(line, columns, rest)
    if mode in (_QUOTE, _LIST, _LIST_GAP):
        state = _in_container(line, columns, rest, mode, previous)
        if state is not None:
            return state
    return _start(line, columns, rest, paragraph=False)


def _colon_open(line: str) -> int | None:
    match = _COLON_LINE.fullmatch(line)
    if match is None:
        return None
    colons, info = match.groups()
    lyrics = "lyrics" in _classes(info)
    kind = LineKind.LYRICS_OPEN if lyrics else LineKind.DIV_OPEN
    return _state(kind, _COLON, int(lyrics), 0, len(colons))


def _start(line: str, columns: int, rest: str, *, paragraph: bool) -> int:
    """A line that starts a block (or, with `paragraph`, would interrupt one)."""
    state = _colon_open(line)
    if state is not None:
        return state
    if columns >= 4:
        return _state(LineKind.PARAGRAPH, _PARA) if paragraph else _state(LineKind.CODE)
    first = rest[0]
    if first in "`~":
        match = _CODE_FENCE.fullmatch(rest)
        if match and not (first == "`" and "`" in match.group(2)):
            return _state(LineKind.CODE, _FENCED, int(first == "~"), 0, len(match.group(1)))
    if first == ">":
        return _state(LineKind.OTHER, _QUOTE, int(not rest[1:].strip(" \t")))
    if first in "*-_" and _HR.fullmatch(rest):
        return _state(LineKind.SCENE_BREAK)
    if first in "*+-" and _BULLET.match(rest):
        if not paragraph or rest[1:].strip(" \t"):
            return _list_item(line, columns, rest) or 0
    elif first.isdigit() and (ordered := _ORDERED.match(rest)):
        body = rest[ordered.end() :].strip(" \t")
        if not paragraph or (body and int(ordered.group(1)) == 1):
            return _list_item(line, columns, rest) or 0
    if first == "<":
        html = _html_start(rest, paragraph)
        if html is not None:
            return html
    if first == "#" and _ATX.match(rest):
        return _state(LineKind.HEADING)
    return _state(LineKind.PARAGRAPH, _PARA)


def _in_paragraph(line: str, columns: int, rest: str) -> int:
    if columns >= 4 and _COLON_LINE.fullmatch(line) is None:
        return _state(LineKind.PARAGRAPH, _PARA)  # lazy continuation, never code
    if rest[0] in "=-" and _SETEXT.fullmatch(rest):
        return _state(LineKind.HEADING, _NONE, 1)  # flag: a setext underline
    return _start(line, columns, rest, paragraph=True)


def _in_colon_fence(line: str, previous: int) -> int:
    lyrics = previous >> 7 & 1
    opened = previous >> 12
    match = _COLON_LINE.fullmatch(line)
    if match and len(match.group(1)) >= opened and not match.group(2).strip(" \t"):
        return _state(LineKind.LYRICS_CLOSE if lyrics else LineKind.DIV_CLOSE)
    body = LineKind.LYRICS_BODY if lyrics else LineKind.DIV_BODY
    return _state(body, _COLON, lyrics, 0, opened)


def _in_code_fence(line: str, previous: int) -> int:
    marker = "~" if previous >> 7 & 1 else "`"
    opened = previous >> 12
    columns, chars = _indent(line)
    rest = line[chars:]
    if columns < 4 and rest.startswith(marker * opened):
        closing = len(rest) - len(rest.lstrip(marker))
        if closing >= opened and not rest[closing:].strip(" \t"):
            return _state(LineKind.CODE)
    return previous & ~0xF | (LineKind.CODE if rest else LineKind.BLANK)


def _html_start(rest: str, paragraph: bool) -> int | None:
    for number, (opening, closing, interrupts) in enumerate(HTML_SEQUENCES, start=1):
        if opening.search(rest):
            if paragraph and not interrupts:
                return None
            if closing.search(rest):
                return _state(LineKind.OTHER)
            return _state(LineKind.OTHER, _HTML, 0, number)
    return None


def _in_html(line: str, previous: int) -> int:
    number = previous >> 8 & 0xF
    closing = HTML_SEQUENCES[number - 1][1]
    rest = line[_indent(line)[1] :]
    if closing.search(rest):
        return _state(LineKind.OTHER) if rest else _state(LineKind.BLANK)
    return previous & ~0xF | (LineKind.OTHER if rest else LineKind.BLANK)


def _in_container(line: str, columns: int, rest: str, mode: int, previous: int) -> int | None:
    """The line inside (or lazily after) a list or block quote, None when it ends there."""
    if _colon_open(line) is not None:
        return None
    lazy = previous >> 7 & 1
    if mode == _QUOTE:
        if rest[0] == ">" and columns < 4:
            return _state(LineKind.OTHER, _QUOTE, int(not rest[1:].strip(" \t")))
        if lazy or _terminates(line, columns, rest) or _list_item(line, columns, rest):
            return None
        return _state(LineKind.OTHER, _QUOTE)
    indent = previous >> 8 & 0xF
    if columns >= indent:  # the item's own content
        content = line[_indent(line)[1] :]
        if columns - indent >= 4:  # code, or a lazy line of the item's paragraph
            return _state(LineKind.OTHER, _LIST, lazy, indent)
        if lazy and _SETEXT.fullmatch(content):  # the item's paragraph became a heading
            return _state(LineKind.OTHER, _LIST, 0, indent)
        prose = _start(content, 0, content, paragraph=bool(lazy)) & 0xF == LineKind.PARAGRAPH
        return _state(LineKind.OTHER, _LIST, int(prose), indent)
    if _terminates(line, columns, rest):
        return None
    if mode == _LIST_GAP:
        return _list_item(line, columns, rest)
    item = _list_item(line, columns, rest)
    if item is not None:
        return item
    if lazy:  # lazy continuation of the item's paragraph
        return _state(LineKind.OTHER, _LIST, 1, indent)
    return None


def _list_item(line: str, columns: int, rest: str) -> int | None:
    """The state of a list item's first line, None if `line` is not one."""
    if columns >= 4:
        return None
    marker = _BULLET.match(rest) or _ORDERED.match(rest)
    if marker is None:
        return None
    width = len(rest[: marker.end()].rstrip(" \t"))
    body = rest[width:]
    spaces, _ = _indent(body)
    body_columns = columns + width
    gap = 1 if not body.strip(" \t") or spaces > 4 else spaces
    content = min(body_columns + gap, 15)
    text = body.lstrip(" \t")
    prose = bool(text) and _start(text, 0, text, paragraph=False) & 0xF == LineKind.PARAGRAPH
    return _state(LineKind.OTHER, _LIST, int(prose), content)


def _terminates(line: str, columns: int, rest: str) -> bool:
    """Does this line end a paragraph (a fence, quote, scene break, heading, HTML)?"""
    if columns >= 4:
        return False
    state = _start(line, columns, rest, paragraph=True)
    kind = state & 0xF
    if kind == LineKind.OTHER:
        return rest[0] in "<>"
    return kind != LineKind.PARAGRAPH


def _classes(info: str) -> tuple[str, ...]:
    return parse_attributes(info)[0]


_LINE_END = re.compile(r"\r\n|\r|\n")


def source_lines(text: str) -> list[str]:
    """The lines as markdown-it numbers them: only CR, LF and CRLF end a line.

    (`str.splitlines` also breaks at form feeds and U+2028, which would shift every
    later block's lines against markdown-it's line numbers.)
    """
    return _LINE_END.split(text)


_ATTR = re.compile(r"""([.#]?)([\w:-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s}]+)))?""")


def parse_attributes(info: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """Pandoc attributes of a fenced div: `{.lyrics song="x"}` or a bare `lyrics`."""
    inner = info.strip()
    if inner.startswith("{"):
        inner = inner[1:].rstrip("}")
        classes: list[str] = []
        attrs: dict[str, str] = {}
        for match in _ATTR.finditer(inner):
            prefix, name = match.group(1), match.group(2)
            value = next((g for g in match.groups()[2:] if g is not None), None)
            if prefix == ".":
                classes.append(name)
            elif prefix == "#":
                attrs["id"] = name
            elif value is not None:
                attrs[name] = value
        return tuple(classes), attrs
    word = inner.split()[0] if inner.split() else ""
    return ((word,) if word else ()), {}


def classify_lines(lines: Iterable[str]) -> list[LineKind]:
    """The kind of every line, setext headings settled (they need the line after)."""
    kinds: list[LineKind] = []
    state = START
    paragraph_from = -1  # where the open paragraph began
    for line in lines:
        previous, state = state, classify(line, state)
        kind = LineKind(state & 0xF)
        if kind is LineKind.HEADING and state >> 7 & 1:
            for n in range(paragraph_from, len(kinds)):  # a setext underline
                kinds[n] = LineKind.HEADING
        if kind is LineKind.PARAGRAPH and previous >> 4 & 0x7 != _PARA:
            paragraph_from = len(kinds)
        kinds.append(kind)
    return kinds


def classify_text(text: str) -> list[LineKind]:
    """`classify_lines` of a text split as markdown-it splits it (CR, LF, CRLF).

    After a final line end the text has one more, empty, piece (as `source_lines`
    gives it): no line, so BLANK whatever block was open.
    """
    lines = source_lines(text)
    kinds = classify_lines(lines)
    if len(lines) > 1 and not lines[-1]:
        kinds[-1] = LineKind.BLANK
    return kinds


def closes_fence(line: str, colons: int = 3) -> bool:
    """Would this line close a fence opened with `colons` colons (`:::`, `  ::::`)?"""
    match = _COLON_LINE.fullmatch(line)
    return match is not None and len(match.group(1)) >= colons and not match.group(2).strip(" \t")


def lyrics_song_id(line: str) -> str | None:
    """The song id of a lyrics fence line, "" if it names none, None if it is not one."""
    match = _COLON_LINE.fullmatch(line)
    if match is None:
        return None
    classes, attrs = parse_attributes(match.group(2))
    if "lyrics" not in classes:
        return None
    return attrs.get("song", "")
