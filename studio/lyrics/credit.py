"""How a song is credited: written once here, rendered the same in every export.

Where the credit goes is a per-story choice in story.toml:

    [lyrics]
    credit = "block"   # under each lyrics block; "notes": once in the work's notes; "both";
                       # "none": the author credits the songs in their own words
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

import tomlkit

from studio.lyrics.library import all_quotations
from studio.story.model import Song
from studio.story.project import Project


class CreditPlacement(StrEnum):
    BLOCK = "block"
    NOTES = "notes"
    BOTH = "both"
    NONE = "none"

    @property
    def under_blocks(self) -> bool:
        return self in (CreditPlacement.BLOCK, CreditPlacement.BOTH)

    @property
    def in_notes(self) -> bool:
        return self in (CreditPlacement.NOTES, CreditPlacement.BOTH)


def credit_placement(project: Project) -> CreditPlacement:
    """The story's choice; "both" when unset or unknown, so nothing goes uncredited."""
    table = project.doc.get("lyrics", {})
    value = str(table.get("credit", CreditPlacement.BOTH)) if hasattr(table, "get") else ""
    value = value.strip().lower()
    try:
        return CreditPlacement(value)
    except ValueError:
        return CreditPlacement.BOTH


def set_credit_placement(project: Project, placement: CreditPlacement) -> None:
    """Write `[lyrics] credit` into the tomlkit document (the caller saves the project)."""
    if "lyrics" not in project.doc or not hasattr(project.doc["lyrics"], "get"):
        if "lyrics" in project.doc:
            del project.doc["lyrics"]
        project.doc["lyrics"] = tomlkit.table()
    table = project.doc["lyrics"]
    if table.get("credit") != str(placement):
        table["credit"] = str(placement)


def song_credit(song: Song | None, song_id: str = "") -> str:
    """“Harbour Lights” by The Tidewater Band: the song's own `credit` text wins if given.

    A song with no title is named by its artist ("a song by The Tidewater Band"), never
    by a made-up title; with neither, its id stands in, as a label for the author only.
    """
    if song is None:
        return f"“{song_id}”" if song_id else ""
    return published_credit(song) or f"“{song.id}”"


def published_credit(song: Song) -> str:
    """The credit a reader sees, or "" when the song has no title, artist or credit yet:
    an export then credits nothing rather than print the id the importer made up."""
    if song.credit.strip():
        return song.credit.strip()
    title, artist = song.title.strip(), song.artist.strip()
    if not title:
        return f"a song by {artist}" if artist else ""
    return f"“{title}” by {artist}" if artist else f"“{title}”"


def block_credit_line(song: Song | None, song_id: str = "") -> str:
    """The line under a lyrics block: — “Harbour Lights” by The Tidewater Band."""
    credit = published_credit(song) if song is not None else song_credit(None, song_id)
    return f"— {credit}" if credit else ""


def notes_credit(songs: Iterable[Song]) -> str:
    """The sentence for the work's notes, each song once, in the order given (songs with
    nothing to credit yet are left out)."""
    credits = [c for c in dict.fromkeys(published_credit(song) for song in songs) if c]
    if not credits:
        return ""
    if len(credits) == 1:
        return f"Lyrics from {credits[0]}."
    return f"Lyrics from {', '.join(credits[:-1])} and {credits[-1]}."


def quoted_songs(project: Project, texts: Mapping[str, str] | None = None) -> list[Song]:
    """The library's songs that the story quotes, each once, in order of first quotation.

    `texts` (chapter file → text) stands in for chapters not yet saved.
    """
    songs = project.songs
    order: dict[str, Song] = {}
    for quotation in all_quotations(project, texts):
        if quotation.song_id in songs:
            order.setdefault(quotation.song_id, songs[quotation.song_id])
    return list(order.values())


def work_notes_credit(project: Project, texts: Mapping[str, str] | None = None) -> str:
    """The credit sentence an export adds to the work's notes, or "" when none is due."""
    if not credit_placement(project).in_notes:
        return ""
    return notes_credit(quoted_songs(project, texts))
