"""Songs in a fic: attribution lines under lyrics, credits in the header note, refrains.

A lyrics block takes its song from the attribution line below it; a block without
one is the song whose earlier (or later) block has the same lines word for word
(a refrain); failing that, the song the header note credits; failing that, a new
untitled song the author is asked to fill in.
"""

from __future__ import annotations

import difflib
import re

from studio.importers.plan import ImportPlan, LyricsBlock, PlannedSong, Unsure
from studio.story.paths import slugify

_OPEN = "“\"‘'«"
_CLOSE = "”\"’'»"
# A quoted title: an apostrophe between letters ("I'll", "Don’t") is part of it, not a quote.
_QUOTED = (
    rf"(?<!\w)[{_OPEN}*_](?P<title>(?:[^{_OPEN}{_CLOSE}*_\n]|(?<=\w)['’](?=\w)){{1,80}}?)"
    rf"[{_CLOSE}*_](?!\w)"
)
_ARTIST = r"(?P<artist>[^\n]{1,60}?)"
_DASH = re.compile(r"^\s*[-–—~]+\s*")
_WRAP = re.compile(r"^\s*([*_/])(?P<inner>.*)\1\s*$")

# After the dash (or with none): “Song”, Artist / “Song” by Artist / Artist - “Song”.
_ATTRIBUTION_QUOTED = (
    re.compile(rf"^{_QUOTED}\s*(?:,|[-–—:]|\bby\b|\bfrom\b)\s*(?:by\s+)?{_ARTIST}[.!]?\s*$", re.I),
    re.compile(rf"^{_ARTIST}\s*(?:,|[-–—:])\s*{_QUOTED}[.!]?\s*$", re.I),
)
_ATTRIBUTION_PLAIN = (
    re.compile(rf"^(?P<title>[^\n]{{1,80}}?)\s+by\s+{_ARTIST}[.!]?\s*$", re.I),
    re.compile(rf"^(?P<title>[^,\n]{{1,80}}?)\s*[,–—]\s*{_ARTIST}[.!]?\s*$"),
)
# In a note: ...the lyrics are from “Song” by Artist. / lyrics: “Song” - Artist
_CREDIT = re.compile(
    rf"{_QUOTED}\s*,?\s*(?:\bby\b|[-–—])\s*(?P<artist>[^\n.,;:!?()“”\"]{{1,60}}?)"
    r"(?=\s*(?:[.,;:!?()\n“”\"]|\band\b|$))",
    re.I,
)
# Studio's own credit for a song with no title: "a song by Artist".
_ARTIST_ONLY = re.compile(rf"^an?\s+(?:song|tune)\s+by\s+{_ARTIST}[.!]?\s*$", re.I)
_SONG_WORDS = re.compile(
    r"\b(?:lyrics?|songs?|sung|sings?|music|soundtrack|quot(?:e|es|ed|ing)|track|album)\b", re.I
)


def parse_attribution(line: str) -> tuple[str, str, bool] | None:
    """(title, artist, sure) for an attribution line such as `- “Song”, Artist`."""
    text = line.strip()
    wrapped = _WRAP.match(text)
    if wrapped:
        text = wrapped.group("inner").strip()
    dash = _DASH.match(text)
    rest = text[dash.end() :] if dash else text
    if not rest or len(rest.split()) > 14:
        return None
    artist_only = _ARTIST_ONLY.match(rest)
    if artist_only:
        return "", _clean(artist_only["artist"]), True
    for pattern in _ATTRIBUTION_QUOTED:
        match = pattern.match(rest)
        if match:
            return _clean(match["title"]), _clean(match["artist"]), True
    if dash:
        for pattern in _ATTRIBUTION_PLAIN:
            match = pattern.match(rest)
            if match:
                return _clean(match["title"]), _clean(match["artist"]), False
    elif len(rest.split()) <= 10:
        match = _ATTRIBUTION_PLAIN[0].match(rest)
        if match and not rest.endswith((".", "?", "!")):
            return _clean(match["title"]), _clean(match["artist"]), False
    return None


def note_credits(text: str) -> list[tuple[str, str]]:
    """Songs a note credits: “Song” by Artist, when the note talks about lyrics or songs."""
    if not _SONG_WORDS.search(text):
        return []
    found: list[tuple[str, str]] = []
    for match in _CREDIT.finditer(text):
        pair = (_clean(match["title"]), _clean(match["artist"]))
        if all(pair) and pair not in found:
            found.append(pair)
    return found


def _clean(text: str) -> str:
    return text.strip().strip(f"{_OPEN}{_CLOSE}*_").strip().rstrip(".!").strip()


def song_for(plan: ImportPlan, title: str, artist: str, source: str) -> str:
    """The id of the song with this title and artist, adding it to the plan if new."""
    for song in plan.songs.values():
        if song.title.casefold() == title.casefold() and (
            song.artist.casefold() == artist.casefold() or not song.artist or not artist
        ):
            if not song.artist and artist:
                song.artist = artist
            return song.id
    if not title:
        return _untitled(plan, artist, source)
    base = slugify(title, fallback="song")
    song_id, n = base, 2
    while song_id in plan.songs:
        song_id, n = f"{base}-{n}", n + 1
    plan.songs[song_id] = PlannedSong(song_id, title, artist, source)
    return song_id


def assign_songs(plan: ImportPlan, credits: list[tuple[str, str]]) -> None:
    """Give every lyrics block its song (see the module's docstring for the order)."""
    blocks = [b for chapter in plan.chapters for b in chapter.lyrics_blocks]
    for block in blocks:
        if block.attribution:
            block.song = song_for(plan, *block.attribution, source="attribution")
    credited = [song_for(plan, title, artist, "header note") for title, artist in credits]
    known: dict[str, set[str]] = {}
    for block in blocks:
        if block.song:
            known.setdefault(block.song, set()).update(block.key)
    for block in blocks:
        if block.song:
            continue
        lines = set(block.key)
        exact = [sid for sid, sung in known.items() if lines and lines <= sung]
        if exact:
            block.song = exact[0]
        else:
            block.song = _near(plan, block, known) or _credited(plan, block, credited)
        known.setdefault(block.song, set()).update(block.key)


def _near(plan: ImportPlan, block: LyricsBlock, known: dict[str, set[str]]) -> str:
    """A song whose lines this block nearly repeats (a slip in the words)."""
    text = " / ".join(line for line in block.lines if line.strip())
    for song_id, lines in known.items():
        for line in block.key:
            close = difflib.get_close_matches(line, list(lines), n=1, cutoff=0.8)
            if close and line not in lines:
                plan.unsure.append(
                    Unsure(
                        f"lyrics “{_short(text)}” nearly repeat a refrain of"
                        f" “{_title(plan, song_id)}”; taken as the same song (check the words)",
                        block.file,
                        block.line,
                    )
                )
                return song_id
    return ""


def _credited(plan: ImportPlan, block: LyricsBlock, credited: list[str]) -> str:
    text = " / ".join(line for line in block.lines if line.strip())
    if len(credited) == 1:
        return credited[0]
    if credited:
        plan.unsure.append(
            Unsure(
                f"lyrics “{_short(text)}” have no attribution and the header note credits"
                f" {len(credited)} songs; taken as “{_title(plan, credited[0])}”",
                block.file,
                block.line,
            )
        )
        return credited[0]
    song_id = _untitled(plan, "", "none")
    plan.unsure.append(
        Unsure(
            f"lyrics “{_short(text)}” are not credited anywhere: added as song `{song_id}`;"
            " fill in its title and artist",
            block.file,
            block.line,
        )
    )
    return song_id


def _untitled(plan: ImportPlan, artist: str, source: str) -> str:
    """A new song with no title yet, `untitled-song-N`, as Studio names one."""
    number = sum(1 for s in plan.songs.values() if not s.title) + 1
    song_id = f"untitled-song-{number}"
    while song_id in plan.songs:
        number += 1
        song_id = f"untitled-song-{number}"
    plan.songs[song_id] = PlannedSong(song_id, "", artist, source)
    return song_id


def _title(plan: ImportPlan, song_id: str) -> str:
    return plan.songs[song_id].title or song_id


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
