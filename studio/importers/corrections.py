"""The author's corrections to what the importer found, applied to the plan before it
is written: a block marked as lyrics or prose, a block's song picked or named,
chapters joined or split, a paragraph moved to the chapter's notes. No Qt.

Every correction moves text, it never drops any: the no-word-lost guarantee holds
for the corrected plan as for the detected one. Songs no block uses any more are
taken out of the plan (a song the author named and then unmarked is not written).
"""

from __future__ import annotations

import re

from studio.errors import StudioError
from studio.importers.plan import ImportPlan, LyricsBlock, PlannedChapter, PlannedSong
from studio.importers.songs import song_for

SCENE_BREAK = "* * *"


def part_at(plan: ImportPlan, chapter: int, part: int) -> str | LyricsBlock:
    try:
        return plan.chapters[chapter].parts[part]
    except IndexError:
        raise StudioError(f"there is no block {part + 1} in chapter {chapter + 1}") from None


_LIST_ITEM = re.compile(r"^\s*(?:[-+*]|\d{1,9}[.)])\s")


def kind_of(part: str | LyricsBlock) -> str:
    """ "lyrics", "break", "list" or "prose"."""
    if isinstance(part, LyricsBlock):
        return "lyrics"
    if part == SCENE_BREAK:
        return "break"
    return "list" if all(_LIST_ITEM.match(line) for line in part.split("\n")) else "prose"


def mark_lyrics(plan: ImportPlan, chapter: int, part: int, song: str = "") -> LyricsBlock:
    """A prose block becomes lyrics: each of its lines (hard breaks) a verse line."""
    found = part_at(plan, chapter, part)
    if isinstance(found, LyricsBlock):
        if song:
            set_song(plan, chapter, part, song)
        return found
    if found == SCENE_BREAK:
        raise StudioError("a scene break cannot be lyrics")
    lines = [re.sub(r"\\$", "", line) for line in found.split("\n")]
    source = plan.chapters[chapter]
    block = LyricsBlock(lines, source.file, source.line, raw=lines)
    source.parts[part] = block
    set_song(plan, chapter, part, song or _untitled(plan))
    return block


def mark_prose(plan: ImportPlan, chapter: int, part: int) -> str:
    """A lyrics block becomes a paragraph that keeps its lines (hard breaks)."""
    found = part_at(plan, chapter, part)
    if not isinstance(found, LyricsBlock):
        return found
    stanzas = "\n".join(found.lines).split("\n\n")
    text = "\n\n".join("\\\n".join(s.split("\n")) for s in stanzas if s.strip())
    plan.chapters[chapter].parts[part] = text
    _prune_songs(plan)
    return text


def set_song(plan: ImportPlan, chapter: int, part: int, song: str, artist: str = "") -> str:
    """Tie a lyrics block to a song: an id the plan has, or a new song's title."""
    found = part_at(plan, chapter, part)
    if not isinstance(found, LyricsBlock):
        raise StudioError("only a lyrics block has a song", hint="Mark the block as lyrics first")
    if song in plan.songs:
        found.song = song
    else:
        if not song.strip():
            raise StudioError("a song needs a title", hint="Type the song's title")
        found.song = song_for(plan, song.strip(), artist.strip(), "author")
    _prune_songs(plan)
    return found.song


def join_chapters(plan: ImportPlan, chapter: int) -> PlannedChapter:
    """The chapter after `chapter` is appended to it; its title (if it had one) and notes
    join the first chapter's notes, so no word is lost."""
    if not 0 <= chapter < len(plan.chapters) - 1:
        raise StudioError("there is no next chapter to join")
    first, second = plan.chapters[chapter], plan.chapters.pop(chapter + 1)
    if second.title:
        first.notes = _join(first.notes, second.title)
    first.summary = _join(first.summary, second.summary)
    first.notes = _join(first.notes, second.notes)
    first.end_notes = _join(first.end_notes, second.end_notes)
    first.parts.extend(second.parts)
    return first


def split_chapter(plan: ImportPlan, chapter: int, part: int, title: str = "") -> PlannedChapter:
    """A new chapter starts at block `part` of `chapter`; the end notes go with it."""
    source = plan.chapters[chapter]
    if not 0 < part < len(source.parts):
        raise StudioError("a chapter is split between two of its blocks")
    new = PlannedChapter(title=title.strip(), file=source.file, line=source.line)
    new.parts = source.parts[part:]
    del source.parts[part:]
    while new.parts and new.parts[0] == SCENE_BREAK:
        new.parts.pop(0)
    while source.parts and source.parts[-1] == SCENE_BREAK:
        source.parts.pop()
    new.end_notes, source.end_notes = source.end_notes, ""
    plan.chapters.insert(chapter + 1, new)
    return new


def move_to_notes(plan: ImportPlan, chapter: int, part: int, *, end: bool = False) -> str:
    """A paragraph of the text was the author's note: it goes to the chapter's notes
    (or end notes), with its line breaks."""
    found = part_at(plan, chapter, part)
    if isinstance(found, LyricsBlock):
        found = mark_prose(plan, chapter, part)
    if found == SCENE_BREAK:
        raise StudioError("a scene break is not a note")
    target = plan.chapters[chapter]
    del target.parts[part]
    if end:
        target.end_notes = _join(target.end_notes, found)
    else:
        target.notes = _join(target.notes, found)
    _prune_songs(plan)
    return found


def _untitled(plan: ImportPlan) -> str:
    number = 1
    while f"untitled-song-{number}" in plan.songs:
        number += 1
    song_id = f"untitled-song-{number}"
    plan.songs[song_id] = PlannedSong(song_id, "", "", "none")
    return song_id


def _prune_songs(plan: ImportPlan) -> None:
    used = {b.song for c in plan.chapters for b in c.lyrics_blocks}
    for song_id in [s for s in plan.songs if s not in used]:
        del plan.songs[song_id]
    if not used:
        plan.lyrics_credit = ""


def _join(a: str, b: str) -> str:
    return f"{a}\n\n{b}" if a and b else (a or b)
