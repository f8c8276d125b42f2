"""Everything a reader sees in story.toml, as texts the proofreader checks in place.

A reader sees more than chapters: the work's title, summary, notes and end notes, each
chapter's title, summary, notes and end notes, and the tags. Each of these becomes a
`FieldText`: a ChapterText whose file is `story.toml` and whose text is the field's
value at its own line and column (the lines before it empty, the columns before it
blank), so every finding points at the place in story.toml with no mapping step. Tags
are checked for spelling only (they are labels, not sentences).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from studio.proofread.text import ChapterText

STORY_FILE = "story.toml"
WORK_KEYS = ("title", "summary", "notes", "end_notes")
CHAPTER_KEYS = ("title", "summary", "notes", "end_notes")
TAG_KEYS = ("tags",)
_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-]+)\s*\]\]?", re.MULTILINE)


class FieldText(ChapterText):
    """One field's value, placed where it sits in story.toml."""

    def __init__(self, key: str, source_offset: int, value: str, source: str, *, prose: bool):
        line = source.count("\n", 0, source_offset)
        column = source_offset - (source.rfind("\n", 0, source_offset) + 1)
        super().__init__(STORY_FILE, "\n" * line + " " * column + value)
        self.key = key
        self.grammar = prose
        last = value.rfind("\n")
        end_column = len(value) - last - 1 if last >= 0 else column + len(value)
        self.start = (line + 1, column + 1)
        self.end = (line + 1 + value.count("\n"), end_column + 1)

    @cached_property
    def _line_kinds(self) -> tuple[list[bool], list[bool]]:
        """Every line is the field's plain text: the padding that places the value at its
        column in story.toml must not read as an indented code block."""
        every = [True] * len(self.lines)
        return every, every


@dataclass(frozen=True)
class _Place:
    key: str
    table_start: int
    name: str
    value: str
    prose: bool


def field_texts(source: str) -> list[FieldText]:
    """The reader-visible fields of a story.toml `source`, in file order.

    Values are found in the source text itself; a one-line value written with escapes
    (\\n, \\") is checked in place, each escape shown as its character; any other value
    that cannot be found verbatim is placed at its key, close enough to point at.
    """
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError:
        return []
    headers = [
        (m.start(), m.group(1), m.group(0).lstrip().startswith("[["))
        for m in _HEADER.finditer(source)
    ]
    cursors: dict[tuple[int, str], int] = {}
    return [_located(place, source, cursors) for place in _places(data, headers)]


def _places(data: dict[str, Any], headers: list[tuple[int, str, bool]]) -> list[_Place]:
    places: list[_Place] = []
    work = data.get("work", {})
    start = next((at for at, name, _ in headers if name == "work"), 0)
    if isinstance(work, dict):
        places += _table_places("work", start, work, WORK_KEYS, TAG_KEYS)
    chapter_starts = [at for at, name, many in headers if name == "chapters" and many]
    chapters = data.get("chapters", [])
    if isinstance(chapters, list):
        for index, (table, at) in enumerate(zip(chapters, chapter_starts, strict=False)):
            if isinstance(table, dict):
                places += _table_places(f"chapters[{index}]", at, table, CHAPTER_KEYS, ())
    return places


def _table_places(
    prefix: str, start: int, table: dict[str, Any], prose: tuple[str, ...], tags: tuple[str, ...]
) -> list[_Place]:
    places = []
    for name in prose:
        value = table.get(name)
        if isinstance(value, str) and value.strip():
            places.append(_Place(f"{prefix}.{name}", start, name, value, True))
    for name in tags:
        values = table.get(name)
        if isinstance(values, list):
            for index, value in enumerate(values):
                if isinstance(value, str) and value.strip():
                    places.append(_Place(f"{prefix}.{name}[{index}]", start, name, value, False))
    return places


def _located(place: _Place, source: str, cursors: dict[tuple[int, str], int]) -> FieldText:
    """The field at its value's place, searched from its key (or the previous tag)."""
    slot = (place.table_start, place.name)
    at = cursors.get(slot)
    if at is None:
        key = re.compile(rf"^[ \t]*{re.escape(place.name)}[ \t]*=", re.MULTILINE)
        match = key.search(source, place.table_start)
        at = match.end() if match else place.table_start
    found = source.find(place.value, at)
    if found < 0 or "\n[" in source[at:found]:
        escaped = _escaped_value(place.value, source, at)
        if escaped is not None:  # "says \"no\"": the value's own place, column by column
            start, text = escaped
            cursors[slot] = start + len(text)
            return FieldText(place.key, start, text, source, prose=place.prose)
        found = at  # not found: checked at its key, columns approximate
    else:
        cursors[slot] = found + len(place.value)
    return FieldText(place.key, found, place.value, source, prose=place.prose)


_BASIC_STRING = re.compile(r'[ \t]*"(?!"")((?:[^"\\\n]|\\.)*)"')
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_FILLER = "\u2060"  # WORD JOINER: invisible, not a letter, so no word is split or joined
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "e": "\x1b"}


def _escaped_value(value: str, source: str, at: int) -> tuple[int, str] | None:
    """(offset, text) of a one-line basic string written with escapes (\\", \\n) right
    after `at`: the value with each escape as its character (a space for a control
    character) padded by fillers to the escape's width, so that every column of the text
    is the column of the source it came from. None when the string there is not `value`."""
    match = _BASIC_STRING.match(source, at)
    if match is None:
        return None
    raw = match.group(1)
    decoded: list[str] = []
    shown: list[str] = []
    last = 0
    for escape in _ESCAPE.finditer(raw):
        decoded.append(raw[last : escape.start()])
        shown.append(raw[last : escape.start()])
        code = escape.group(1)
        char = chr(int(code[1:], 16)) if code[0] in "uU" and len(code) > 1 else code
        char = _CONTROL.get(char, char) if len(code) == 1 else char
        decoded.append(char)
        shown_char = " " if char.isspace() or not char.isprintable() else char
        filler = _FILLER * (len(escape.group()) - 1)
        opening = raw[escape.end() : escape.end() + 1].isalnum()  # \"the: an opening quote
        shown.append(filler + shown_char if opening else shown_char + filler)
        last = escape.end()
    decoded.append(raw[last:])
    shown.append(raw[last:])
    if "".join(decoded) != value:
        return None
    return match.start(1), "".join(shown)


def field_of(fields: list[FieldText], line: int, column: int) -> str:
    """The key ("work.summary", "chapters[2].title") of the field at story.toml's
    1-based `line` and `column`, or "" when none is there."""
    for field in fields:
        if field.start <= (line, column) < field.end:
            return field.key
    return ""
