"""Quoted song lyrics: the song library, credits, and consistency of quotations. No Qt."""

from studio.lyrics.check import project_findings
from studio.lyrics.credit import (
    CreditPlacement,
    block_credit_line,
    credit_placement,
    notes_credit,
    quoted_songs,
    set_credit_placement,
    song_credit,
    work_notes_credit,
)
from studio.lyrics.library import (
    Quotation,
    SongDetails,
    add_song,
    all_quotations,
    new_song_id,
    quotations_of,
    remove_song,
    update_song,
)
from studio.lyrics.markup import mark_as_lyrics, unmark_lyrics, verse_lines
from studio.lyrics.policy import ffn_lyrics_warning

__all__ = [
    "CreditPlacement",
    "Quotation",
    "SongDetails",
    "add_song",
    "all_quotations",
    "block_credit_line",
    "credit_placement",
    "ffn_lyrics_warning",
    "mark_as_lyrics",
    "new_song_id",
    "notes_credit",
    "project_findings",
    "quotations_of",
    "quoted_songs",
    "remove_song",
    "set_credit_placement",
    "song_credit",
    "unmark_lyrics",
    "update_song",
    "verse_lines",
    "work_notes_credit",
]
