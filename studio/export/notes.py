"""What every export puts in the work's notes, decided once.

When the story credits songs in its notes (`[lyrics] credit = "notes"` or "both"), the
credit sentence from `studio.lyrics.credit.notes_credit` follows the author's notes,
as in every other format (`studio/export/parts.py`). The songs come from the blocks
the exporter has parsed already, so the chapters are not read twice.
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
    """The work's notes as exported: the author's, then the credit when it goes there."""
    notes = project.work.notes.strip()
    credit = notes_credit(songs) if credit_placement(project).in_notes else ""
    return f"{notes}\n\n{credit}".strip() if credit else notes
