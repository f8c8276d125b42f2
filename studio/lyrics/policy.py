"""Archive policies about lyrics that an export warns of before the author posts."""

from __future__ import annotations

from collections.abc import Mapping

from studio.lyrics.credit import song_credit
from studio.lyrics.library import all_quotations, is_public_domain
from studio.story.project import Project


def ffn_lyrics_warning(project: Project, texts: Mapping[str, str] | None = None) -> str | None:
    """The warning for a FanFiction.Net export of a story that quotes lyrics, else None.

    That archive's guidelines forbid lyrics that are not in the public domain, so every
    lyrics block counts unless its song is marked `public_domain = true`.
    """
    songs = project.songs
    counts: dict[str, int] = {}
    for quotation in all_quotations(project, texts):
        song = songs.get(quotation.song_id or "")
        if song is not None and is_public_domain(song):
            continue
        name = song_credit(song, quotation.song_id or "") or "a song not named"
        counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    quoted = "; ".join(f"{name}, {n} time{'s' if n != 1 else ''}" for name, n in counts.items())
    return (
        f"This story quotes song lyrics ({quoted}). FanFiction.Net's guidelines forbid"
        " lyrics that are not in the public domain, and stories that break them can be"
        " removed: take the lyrics blocks out of the FanFiction.Net version, or post the"
        " story where lyrics are allowed."
    )
