"""The story's song library: `[songs.<id>]` tables in story.toml, and where each is quoted.

Songs are added, edited and removed through the project's tomlkit document, so the
author's comments, key order and unknown keys survive; the caller saves the project.
A song's id is what lyrics blocks name (`song="<id>"`), so it is slugged once from the
title and never changes when the title is edited later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import tomlkit
from tomlkit.items import String, StringType, Trivia

from studio.errors import StudioError
from studio.story.blocks import Block, BlockKind, parse_blocks
from studio.story.model import Chapter, Song
from studio.story.paths import slugify
from studio.story.project import Project

SONG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

# Optional keys in the order they are added to a new table (title and artist come first).
_OPTIONAL_TEXT = ("album", "url", "lyrics", "credit")


@dataclass(frozen=True, slots=True)
class SongDetails:
    """Everything an author fills in for a song; what the Songs tab's dialog edits."""

    title: str
    artist: str = ""
    album: str = ""
    year: str = ""
    writers: tuple[str, ...] = ()
    url: str = ""
    lyrics: str = ""
    credit: str = ""
    public_domain: bool = False

    @classmethod
    def of(cls, song: Song) -> SongDetails:
        return cls(
            title=song.title,
            artist=song.artist,
            album=song.album,
            year=song.year,
            writers=tuple(song.writers),
            url=song.url,
            lyrics=song.lyrics,
            credit=song.credit,
            public_domain=is_public_domain(song),
        )


def is_public_domain(song: Song) -> bool:
    """`public_domain = true` marks a song the archives' lyric rules do not cover."""
    return song.table.get("public_domain") is True


@dataclass(frozen=True, slots=True)
class Quotation:
    """One lyrics block in a chapter. `line` is the 1-based line of its opening fence."""

    chapter_index: int
    file: str
    line: int
    fence: str  # the opening fence line as written
    block: Block = field(compare=False)

    @property
    def song_id(self) -> str | None:
        return self.block.song


# -- ids -----------------------------------------------------------------------------


def new_song_id(project: Project, title: str) -> str:
    """An unused id slugged from the title: "Harbour Lights" → "harbour-lights" (then -2, -3…)."""
    base = slugify(title, fallback="song")
    existing = set(project.songs)
    candidate, suffix = base, 2
    while candidate in existing:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    return candidate


# -- add, edit, remove ---------------------------------------------------------------


def add_song(project: Project, details: SongDetails, song_id: str | None = None) -> Song:
    """Add `[songs.<id>]` (id slugged from the title unless given) and return the new song."""
    _check_details(details)
    song_id = song_id or new_song_id(project, details.title)
    if not SONG_ID.match(song_id):
        raise StudioError(
            f"song id `{song_id}` may use only letters, digits, '-' and '_'",
            hint="Start it with a letter or digit, e.g. harbour-lights",
        )
    if song_id in project.songs:
        raise StudioError(
            f"there is already a song with the id `{song_id}`",
            path=project.story_file,
            hint="Edit that song, or choose another id",
        )
    if "songs" not in project.doc:
        project.doc["songs"] = tomlkit.table(is_super_table=True)
    table = tomlkit.table()
    project.doc["songs"][song_id] = table
    song = project.songs[song_id]
    _write(song, details)
    return project.songs[song_id]


def update_song(project: Project, song_id: str, details: SongDetails) -> Song:
    """Write changed fields only; an emptied optional field's key is removed."""
    _check_details(details)
    _write(get_song(project, song_id), details)
    return project.songs[song_id]


def remove_song(project: Project, song_id: str, *, even_if_quoted: bool = False) -> None:
    """Drop `[songs.<id>]`. A song still quoted is refused unless `even_if_quoted`.

    The window asks the author first (listing `quotations_of`) and then passes True.
    """
    get_song(project, song_id)
    if not even_if_quoted:
        places = quotations_of(project, song_id)
        if places:
            where = ", ".join(f"{q.file}:{q.line}" for q in places[:5])
            more = f" and {len(places) - 5} more" if len(places) > 5 else ""
            raise StudioError(
                f"song `{song_id}` is still quoted ({where}{more})",
                path=project.story_file,
                hint="Unmark or re-assign those lyrics blocks first, or confirm the removal",
            )
    songs = project.doc["songs"]
    del songs[song_id]
    if not songs:
        del project.doc["songs"]


def get_song(project: Project, song_id: str) -> Song:
    song = project.songs.get(song_id)
    if song is None:
        raise StudioError(
            f"there is no song `{song_id}` in the song library",
            path=project.story_file,
            hint="Add it in the Songs tab, or check the id",
        )
    return song


def _check_details(details: SongDetails) -> None:
    if not details.title.strip():
        raise StudioError("a song needs a title", hint="Give the song's title")
    year = details.year.strip()
    if year and not re.fullmatch(r"\d{1,4}|[\w .,/?'–-]{1,40}", year):
        raise StudioError(f"“{year}” is not a year", hint="Write a year such as 1987")


def _write(song: Song, details: SongDetails) -> None:
    table = song.table
    _set(table, "title", details.title.strip(), keep_empty=True)
    _set(table, "artist", details.artist.strip(), keep_empty=True)
    _set(table, "album", details.album.strip())
    year = details.year.strip()
    _set(table, "year", int(year) if year.isdigit() else year)
    writers = [w.strip() for w in details.writers if w.strip()]
    if writers != song.writers:
        if writers:
            array = tomlkit.array()
            array.extend(writers)
            table["writers"] = array
        elif "writers" in table:
            del table["writers"]
    _set(table, "url", details.url.strip())
    _set(table, "lyrics", _normalise_lyrics(details.lyrics))
    _set(table, "credit", details.credit.strip())
    if details.public_domain != is_public_domain(song):
        if details.public_domain:
            table["public_domain"] = True
        else:
            del table["public_domain"]


def _set(table: Any, key: str, value: str | int, *, keep_empty: bool = False) -> None:
    """Set one key, leaving the exact bytes alone when the value is unchanged."""
    current = table.get(key)
    if value == "" and not keep_empty:
        if key in table:
            del table[key]
        return
    if current is not None and current == value:
        return
    table[key] = _multiline(value) if isinstance(value, str) and "\n" in value else value


def _normalise_lyrics(text: str) -> str:
    """Lyrics as lines with one trailing newline; line endings unified, outer blanks dropped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _multiline(value: str) -> String:
    """A multi-line string opening on its own line, the way the sample writes lyrics."""
    rendered = tomlkit.string(value, multiline=True).as_string()
    inner = rendered[3:-3]
    return String(StringType.MLB, value, "\n" + inner, Trivia())


# -- where songs are quoted ----------------------------------------------------------


def chapter_texts(
    project: Project, texts: Mapping[str, str] | None = None
) -> list[tuple[int, Chapter, str]]:
    """Each chapter with its text; `texts` (chapter file → text) overrides the disk copy.

    The window passes the unsaved text of its open editors so what it lists is what
    the author sees.
    """
    overrides = texts or {}
    result = []
    for index, chapter in enumerate(project.chapters):
        text = overrides.get(chapter.file)
        result.append((index, chapter, project.read_chapter(chapter) if text is None else text))
    return result


def quotations_in(
    chapter_index: int, file: str, text: str, blocks: list[Block] | None = None
) -> list[Quotation]:
    """The chapter's lyrics blocks; pass `blocks` when the text is already parsed."""
    if blocks is None:
        return list(_quotations_cached(chapter_index, file, text))
    lines = text.splitlines()
    return [
        Quotation(chapter_index, file, block.start + 1, lines[block.start], block)
        for block in blocks
        if block.kind is BlockKind.LYRICS
    ]


@lru_cache(maxsize=256)
def _quotations_cached(chapter_index: int, file: str, text: str) -> tuple[Quotation, ...]:
    """The Songs tab lists quotations again as the author types: unchanged chapters are
    not parsed again."""
    return tuple(quotations_in(chapter_index, file, text, parse_blocks(text)))


def all_quotations(project: Project, texts: Mapping[str, str] | None = None) -> list[Quotation]:
    """Every lyrics block of the story, in reading order."""
    return [
        quotation
        for index, chapter, text in chapter_texts(project, texts)
        for quotation in quotations_in(index, chapter.file, text)
    ]


def quotations_of(
    project: Project, song_id: str, texts: Mapping[str, str] | None = None
) -> list[Quotation]:
    """Where `song_id` is quoted: chapter file and 1-based fence line, in reading order."""
    return [q for q in all_quotations(project, texts) if q.song_id == song_id]
