"""What every export puts in the work's notes, decided once.

When the story credits songs in its notes (`[lyrics] credit = "notes"` or "both"), the
credit sentence from `studio.lyrics.credit.notes_credit` is added to the work's notes
for each quoted song the notes do not already name, so an author who credited the
song by hand is not credited twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from studio.lyrics.credit import credit_placement, notes_credit
from studio.story.blocks import Block, BlockKind
from studio.story.model import Song
from studio.story.project import Project


def lyrics_song_ids(blocks: Iterable[Block]) -> list[str]:
    """The song ids the lyrics blocks name, in order (repeats kept)."""
    return [b.song for b in blocks if b.kind is BlockKind.LYRICS and b.song]


def quoted_songs(project: Project, song_ids: Iterable[str]) -> list[Song]:
    """The songs quoted, each once, in order of first quotation (unknown ids skipped)."""
    songs = project.songs
    return [songs[i] for i in dict.fromkeys(song_ids) if i in songs]


def work_notes(project: Project, songs: list[Song]) -> str:
    """The work's notes as exported: the author's, then any credit they do not give."""
    notes = project.work.notes.strip()
    if not credit_placement(project).in_notes:
        return notes
    folded = notes.casefold()
    missing = [s for s in songs if (s.title.strip() or s.id).casefold() not in folded]
    credit = notes_credit(missing)
    return f"{notes}\n\n{credit}".strip() if credit else notes
