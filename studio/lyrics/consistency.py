"""Do the quotations of a song agree with the song? Line by line, word by word.

Each quoted line is matched with the reference line it is closest to: a line of the
song's canonical `lyrics` when the library has them, otherwise the form most of the
song's quotations agree on. A line that differs in its words ("til" for "till",
"Ill" for "I'll") is a finding covering the differing words, with the reference's
words as the suggestion. Punctuation and emphasis marks are not compared (quotations
often end a line differently), and straight and curly apostrophes count as the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from studio.findings import Finding, Kind
from studio.lyrics.credit import song_credit
from studio.lyrics.library import Quotation
from studio.story.model import Song
from studio.story.words import WORD

# How alike (0..1, by words) a quoted line and a reference line must be to be the same line.
SAME_LINE = 0.6


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # apostrophes made straight
    start: int  # 0-based character offsets in the line
    end: int


@dataclass(frozen=True, slots=True)
class Verse:
    """One line of a lyric: a quoted line (with its place) or a reference line."""

    text: str
    tokens: tuple[Token, ...]
    file: str = ""
    line: int = 0  # 1-based source line
    quotation: int = 0  # the 1-based fence line of the block it is quoted in

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(t.word for t in self.tokens)

    @property
    def key(self) -> tuple[str, ...]:
        """What decides which line of the song this is: its words, lowercased."""
        return tuple(t.word.lower() for t in self.tokens)


def verse(text: str, file: str = "", line: int = 0, quotation: int = 0) -> Verse:
    tokens = tuple(
        Token(m.group().replace("’", "'").replace("‘", "'"), m.start(), m.end())
        for m in WORD.finditer(text)
    )
    return Verse(text, tokens, file, line, quotation)


def quoted_verses(quotation: Quotation) -> list[Verse]:
    """The non-blank lines of a lyrics block, with their 1-based source lines."""
    first = quotation.block.content_start + 1
    verses = (
        verse(text, quotation.file, first + offset, quotation.line)
        for offset, text in enumerate(quotation.block.lines)
    )
    return [v for v in verses if v.tokens]


def canonical_verses(lyrics: str) -> list[Verse]:
    return [verse(line) for line in lyrics.splitlines() if verse(line).tokens]


def similarity(a: Verse, b: Verse) -> float:
    return SequenceMatcher(None, a.key, b.key, autojunk=False).ratio()


def closest(line: Verse, references: Sequence[Verse]) -> Verse | None:
    """The reference line `line` quotes, or None when it is like none of them."""
    best, best_score = None, SAME_LINE
    for reference in references:
        score = similarity(line, reference)
        if score > best_score or (best is None and score >= SAME_LINE):
            best, best_score = reference, score
    return best


def majority_pairs(verses: Sequence[Verse]) -> list[tuple[Verse, Verse]]:
    """Where the song has no canonical lyric: each quoted line with its reference, the
    form most often quoted of the same line of the song (quoted lines grouped by
    likeness). Lines whose group has no leading form are left out.

    Two different forms inside one quotation are two lines of the song ("finds the
    water" and "finds the river" in one chorus), never a line and its slip.
    """
    groups: list[list[Verse]] = []
    for line in verses:
        group = next((g for g in groups if _belongs(line, g)), None)
        if group is None:
            groups.append([line])
        else:
            group.append(line)
    pairs = []
    for group in groups:
        counts = Counter(line.words for line in group).most_common()
        if len(counts) == 1 or counts[0][1] > counts[1][1]:
            leader = next(line for line in group if line.words == counts[0][0])
            pairs += [(line, leader) for line in group]
    return pairs


def _belongs(line: Verse, group: list[Verse]) -> bool:
    if similarity(line, group[0]) < SAME_LINE:
        return False
    return not any(
        other.file == line.file and other.quotation == line.quotation and other.words != line.words
        for other in group
    )


def mismatch_findings(song: Song, quotations: Sequence[Quotation]) -> list[Finding]:
    """A finding for each quoted line whose words differ from the song's line."""
    verses = [v for q in quotations for v in quoted_verses(q)]
    canonical = canonical_verses(song.lyrics)
    if canonical:
        pairs = [(line, closest(line, canonical)) for line in verses]
    else:
        pairs = [(line, reference) for line, reference in majority_pairs(verses)]
    return [
        _mismatch(song, line, reference, bool(canonical))
        for line, reference in pairs
        if reference is not None and reference.words != line.words
    ]


def quoted_share(song: Song, quotations: Sequence[Quotation]) -> tuple[int, int]:
    """(distinct lines of the canonical lyric the story quotes, distinct lines it has)."""
    distinct = {v.key: v for v in canonical_verses(song.lyrics)}
    quoted = {
        reference.key
        for q in quotations
        for line in quoted_verses(q)
        if (reference := closest(line, list(distinct.values()))) is not None
    }
    return len(quoted), len(distinct)


def _mismatch(song: Song, line: Verse, reference: Verse, known: bool) -> Finding:
    start, end, replacement = differing_span(line, reference)
    source = "the song's lyric" if known else "how the other quotations have it"
    return Finding(
        file=line.file,
        line=line.line,
        column=start + 1,
        end_column=end + 1,
        kind=Kind.LYRICS,
        rule="lyrics-mismatch",
        text=line.text[start:end],
        message=f"this line of {song_credit(song)} differs from {source}: “{reference.text}”",
        suggestions=(replacement,) if replacement else (),
    )


def differing_span(line: Verse, reference: Verse) -> tuple[int, int, str]:
    """(start, end) offsets in `line` covering the words that differ, and the reference's
    words for that span. A missing word widens the span to its neighbours so that
    replacing the span with the suggestion restores the line.
    """
    opcodes = SequenceMatcher(None, line.words, reference.words, autojunk=False).get_opcodes()
    changed = [op for op in opcodes if op[0] != "equal"]
    i1, j1 = changed[0][1], changed[0][3]
    i2, j2 = changed[-1][2], changed[-1][4]
    if i1 == i2 or j1 == j2:  # a word left out or added: take an unchanged neighbour along
        if i1 > 0 and j1 > 0:
            i1, j1 = i1 - 1, j1 - 1
        elif i2 < len(line.tokens) and j2 < len(reference.tokens):
            i2, j2 = i2 + 1, j2 + 1
    start, end = line.tokens[i1].start, line.tokens[max(i1, i2 - 1)].end
    if j1 >= j2:
        return start, end, ""
    replacement = reference.text[reference.tokens[j1].start : reference.tokens[j2 - 1].end]
    return start, end, replacement
