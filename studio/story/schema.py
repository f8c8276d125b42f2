"""Checks that a parsed story.toml has the shapes Studio reads, naming the line when not.

Unknown keys are allowed (and kept on save); known keys must have the right type,
so a typo such as `fandoms = "X"` is reported here rather than breaking a panel later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from studio.errors import StudioError

FORMAT_VERSION = 1

_TEXT = "text"
_LIST = "list of text"

WORK_KEYS: dict[str, str] = {
    "title": _TEXT,
    "authors": _LIST,
    "fandoms": _LIST,
    "rating": _TEXT,
    "source_rating": _TEXT,
    "warnings": _LIST,
    "categories": _LIST,
    "relationships": _LIST,
    "characters": _LIST,
    "tags": _LIST,
    "language": _TEXT,
    "summary": _TEXT,
    "spoilers": _TEXT,
    "disclaimer": _TEXT,
    "notes": _TEXT,
    "end_notes": _TEXT,
    "status": _TEXT,
}
CHAPTER_KEYS: dict[str, str] = {
    "file": _TEXT,
    "title": _TEXT,
    "summary": _TEXT,
    "notes": _TEXT,
    "end_notes": _TEXT,
}
SONG_KEYS: dict[str, str] = {
    "title": _TEXT,
    "artist": _TEXT,
    "album": _TEXT,
    "writers": _LIST,
    "url": _TEXT,
    "lyrics": _TEXT,
    "credit": _TEXT,
}
SPELLING_KEYS: dict[str, str] = {"dictionary": _TEXT}
PROOFREAD_KEYS: dict[str, str] = {"ignore_rules": _LIST}
IGNORE_KEYS: dict[str, str] = {"file": _TEXT, "rule": _TEXT, "text": _TEXT, "context": _TEXT}

_SONG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def validate(doc: Mapping[str, Any], text: str, path: Path) -> None:
    """Raise StudioError for the first value whose shape Studio cannot use."""
    checker = _Checker(text, path)
    version = doc.get("format", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        checker.fail("format", None, "`format` must be a whole number")
    if version > FORMAT_VERSION:
        checker.fail(
            "format",
            None,
            f"this project uses format {version}, newer than this Studio understands",
            "Update Studio to open it",
        )
    checker.table(doc, "work", WORK_KEYS)
    checker.table(doc, "spelling", SPELLING_KEYS)
    check_caps = doc.get("spelling", {}).get("check_caps")
    if check_caps is not None and not isinstance(check_caps, bool):
        checker.fail(
            "check_caps",
            "spelling",
            "`check_caps` must be true or false",
            "Write check_caps = true",
        )
    _proofread(doc, checker)
    chapters = doc.get("chapters", [])
    if not isinstance(chapters, list) or not all(isinstance(c, Mapping) for c in chapters):
        checker.fail("chapters", None, "`chapters` must be a list of [[chapters]] tables")
    for number, chapter in enumerate(chapters, start=1):
        section = f"chapters#{number}"
        checker.keys(chapter, CHAPTER_KEYS, section)
        if not str(chapter.get("file", "")).strip():
            checker.fail(
                "file", section, f"chapter {number} has no `file`", 'Add file = "chapters/…md"'
            )
    songs = doc.get("songs", {})
    if not isinstance(songs, Mapping):
        checker.fail("songs", None, "`songs` must be a table of [songs.<id>] tables")
    for song_id, song in songs.items():
        if not isinstance(song, Mapping):
            checker.fail(song_id, "songs", f"song `{song_id}` must be a [songs.{song_id}] table")
        if not _SONG_ID.match(song_id):
            checker.fail(
                song_id,
                "songs",
                f"song id `{song_id}` may use only letters, digits, '-' and '_'",
            )
        checker.keys(song, SONG_KEYS, f"songs.{song_id}")
        year = song.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int | str)):
            checker.fail("year", f"songs.{song_id}", "`year` must be a number or text")


def _proofread(doc: Mapping[str, Any], checker: _Checker) -> None:
    """`[proofread]`: the ignored rules and the `[[proofread.ignore]]` findings."""
    checker.table(doc, "proofread", PROOFREAD_KEYS)
    ignores = doc.get("proofread", {}).get("ignore", [])
    if not isinstance(ignores, list) or not all(isinstance(i, Mapping) for i in ignores):
        checker.fail(
            "ignore",
            "proofread",
            "`ignore` in [proofread] must be a list of [[proofread.ignore]] tables",
        )
    for number, entry in enumerate(ignores, start=1):
        checker.keys(entry, IGNORE_KEYS, f"proofread.ignore#{number}")


class _Checker:
    def __init__(self, text: str, path: Path) -> None:
        self.lines = text.splitlines()
        self.path = path

    def table(self, doc: Mapping[str, Any], name: str, keys: dict[str, str]) -> None:
        table = doc.get(name, {})
        if not isinstance(table, Mapping):
            self.fail(name, None, f"`{name}` must be a [{name}] table")
        self.keys(table, keys, name)

    def keys(self, table: Mapping[str, Any], keys: dict[str, str], section: str) -> None:
        for key, kind in keys.items():
            if key not in table:
                continue
            value = table[key]
            ok = isinstance(value, str) if kind == _TEXT else _is_text_list(value)
            if not ok:
                example = '"…"' if kind == _TEXT else '["…", "…"]'
                self.fail(key, section, f"`{key}` must be {kind}", f"Write it as {key} = {example}")

    def fail(self, key: str, section: str | None, what: str, hint: str | None = None) -> None:
        raise StudioError(
            what,
            path=self.path,
            line=self.line_of(key, section),
            hint=hint or "Fix it in a text editor, then open the project again",
        )

    def line_of(self, key: str, section: str | None) -> int | None:
        """Best-effort line of `key` after the header of `section` (1-based)."""
        start = 0
        if section is not None:
            name, _, nth = section.partition("#")
            headers = [
                i
                for i, line in enumerate(self.lines)
                if re.match(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?\s*(#.*)?$", line)
            ]
            index = int(nth) - 1 if nth else 0
            if index < len(headers):
                start = headers[index]
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for i in range(start, len(self.lines)):
            if pattern.match(self.lines[i]):
                return i + 1
        return start + 1 if section is not None and start else None


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
