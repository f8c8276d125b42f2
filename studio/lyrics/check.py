"""The lyrics findings of `studio check` and the proofreading panel (kind `lyrics`).

- a quoted line that differs from the song (see studio.lyrics.consistency);
- a lyrics block that names no song, or a song the library does not have;
- a song credited nowhere: in the library but never quoted, or quoted while the story
  credits lyrics by hand (`[lyrics] credit = "none"`) and no notes name it;
- a story that quotes most of a song whose lyric is known (the Archive of Our Own's
  terms FAQ does not allow posting a substantial portion of a song's lyrics);
- a chapter with more words of lyrics than of prose (a gentle note).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from difflib import get_close_matches

from studio.findings import Finding, Kind
from studio.lyrics.consistency import mismatch_findings, quoted_share
from studio.lyrics.credit import CreditPlacement, credit_placement, song_credit
from studio.lyrics.library import Quotation, chapter_texts, is_public_domain, quotations_in
from studio.story.blocks import Block, BlockKind, parse_blocks
from studio.story.model import Song
from studio.story.project import Project
from studio.story.words import count_words

# Over this share of a song's distinct lines quoted is "most of" the song.
SUBSTANTIAL_SHARE = 0.5


def project_findings(project: Project, texts: Mapping[str, str] | None = None) -> list[Finding]:
    """Every lyrics finding of the story; `texts` stands in for unsaved chapters."""
    songs = project.songs
    quotations: list[Quotation] = []
    findings: list[Finding] = []
    for index, chapter, text in chapter_texts(project, texts):
        blocks = parse_blocks(text)
        found = quotations_in(index, chapter.file, text, blocks)
        quotations += found
        findings += _chapter_balance(blocks, found)
    by_song: dict[str, list[Quotation]] = {song_id: [] for song_id in songs}
    for quotation in quotations:
        if quotation.song_id in by_song:
            by_song[quotation.song_id].append(quotation)
        else:
            findings.append(_unknown_song(quotation, list(songs)))
    placement = credit_placement(project)
    for song_id, song in songs.items():
        quoted = by_song[song_id]
        if not quoted:
            findings.append(_never_quoted(project, song))
            continue
        findings += mismatch_findings(song, quoted)
        if placement is CreditPlacement.NONE and not _named_in_notes(project, song):
            findings.append(_uncredited(song, quoted[0]))
        if not is_public_domain(song):
            findings += _substantial(song, quoted)
    return sorted(findings, key=lambda f: f.sort_key)


def _fence_finding(quotation: Quotation, rule: str, message: str, target: str = "") -> Finding:
    """A finding on a block's opening fence, covering `target` in it (else the whole line)."""
    fence = quotation.fence
    at = fence.find(target) if target else -1
    start, end = (at, at + len(target)) if at >= 0 else (0, len(fence))
    return Finding(
        quotation.file,
        quotation.line,
        start + 1,
        end + 1,
        Kind.LYRICS,
        rule,
        fence[start:end],
        message,
    )


def _unknown_song(quotation: Quotation, song_ids: list[str]) -> Finding:
    song_id = quotation.song_id
    if not song_id:
        return _fence_finding(
            quotation,
            "lyrics-no-song",
            'this lyrics block names no song, so it cannot be credited: add song="<id>"'
            " or mark it again for a song",
        )
    close = tuple(get_close_matches(song_id, song_ids, n=3, cutoff=0.6))
    finding = _fence_finding(
        quotation,
        "lyrics-unknown-song",
        f"this lyrics block quotes `{song_id}`, which is not in the song library:"
        " add the song, or name one that is",
        song_id,
    )
    return replace(finding, suggestions=close)


def _never_quoted(project: Project, song: Song) -> Finding:
    lines = project.toml_text().splitlines()
    header = re.compile(rf"""^\s*\[\s*songs\s*\.\s*["']?{re.escape(song.id)}["']?\s*\]""")
    number = next((i for i, line in enumerate(lines) if header.match(line)), None)
    text = lines[number].strip() if number is not None else ""
    return Finding(
        "story.toml",
        (number or 0) + 1,
        1,
        len(text) + 1,
        Kind.LYRICS,
        "lyrics-never-quoted",
        text,
        f"{song_credit(song)} is in the song library but no lyrics block quotes it,"
        " so no export credits it: quote it or remove it",
    )


def _named_in_notes(project: Project, song: Song) -> bool:
    """Whether the author's own notes name the song (how a story crediting by hand does it)."""
    work = project.work
    notes = [work.notes, work.end_notes, work.disclaimer]
    notes += [text for c in project.chapters for text in (c.notes, c.end_notes)]
    title = song.title.strip().lower()
    return bool(title) and any(title in text.lower() for text in notes)


def _uncredited(song: Song, first: Quotation) -> Finding:
    return _fence_finding(
        first,
        "lyrics-uncredited",
        f"{song_credit(song)} is quoted but credited nowhere: the story sets"
        ' [lyrics] credit = "none" and no notes name the song.'
        " Credit it in the notes, or let Studio add the credit",
    )


def _substantial(song: Song, quoted: list[Quotation]) -> list[Finding]:
    count, total = quoted_share(song, quoted)
    if not total or count / total <= SUBSTANTIAL_SHARE:
        return []
    share = round(100 * count / total)
    return [
        _fence_finding(
            quoted[0],
            "lyrics-substantial",
            f"the story quotes {count} of the {total} lines of {song_credit(song)} ({share}%):"
            " the Archive of Our Own's terms FAQ does not allow posting a substantial portion"
            " of a song's lyrics, even broken up by your own text",
        )
    ]


def _chapter_balance(blocks: list[Block], quotations: list[Quotation]) -> list[Finding]:
    if not quotations:
        return []
    lyrics = sum(count_words(q.block.text) for q in quotations)
    prose = 0
    for block in blocks:
        if block.kind not in (BlockKind.LYRICS, BlockKind.SCENE_BREAK):
            prose += count_words(block.text)
            if prose >= lyrics:  # enough prose: no need to count the rest
                return []
    return [
        _fence_finding(
            quotations[0],
            "lyrics-more-than-prose",
            f"this chapter has more words of lyrics ({lyrics:,}) than of prose ({prose:,});"
            " the archives look for your own writing to carry a songfic",
        )
    ]
