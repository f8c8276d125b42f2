"""How a song is credited: written once here, rendered the same in every export.

Where the credit goes is a per-story choice in story.toml:

    [lyrics]
    credit = "block"   # under each lyrics block; "notes": once in the work's notes; "both"
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from studio.story.model import Song
from studio.story.project import Project


class CreditPlacement(StrEnum):
    BLOCK = "block"
    NOTES = "notes"
    BOTH = "both"

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
    try:
        return CreditPlacement(value)
    except ValueError:
        return CreditPlacement.BOTH


def song_credit(song: Song | None, song_id: str = "") -> str:
    """“Harbour Lights” by The Tidewater Band: the song's own `credit` text wins if given."""
    if song is None:
        return f"“{song_id}”" if song_id else ""
    if song.credit.strip():
        return song.credit.strip()
    title = song.title.strip() or song.id
    credit = f"“{title}”"
    if song.artist.strip():
        credit += f" by {song.artist.strip()}"
    return credit


def block_credit_line(song: Song | None, song_id: str = "") -> str:
    """The line under a lyrics block: — “Harbour Lights” by The Tidewater Band."""
    credit = song_credit(song, song_id)
    return f"— {credit}" if credit else ""


def notes_credit(songs: Iterable[Song]) -> str:
    """The sentence for the work's notes, each song once, in the order given."""
    credits = list(dict.fromkeys(song_credit(song) for song in songs))
    if not credits:
        return ""
    if len(credits) == 1:
        return f"Lyrics from {credits[0]}."
    return f"Lyrics from {', '.join(credits[:-1])} and {credits[-1]}."
