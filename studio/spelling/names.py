"""Likely names: a capitalised word the dictionary lacks that a story uses mid-sentence.

Fiction is full of invented names. Flagging every "Kessler" as a misspelling buries the
real slips, so the spelling findings of such a word become one grouped finding at its
first use ("Kessler — 5 times"), which the panel offers to add to the story's
dictionary at once. A word counts as a likely name when it starts with a capital, is
otherwise lower case (or CamelCase like McKay), and at least one of its uses stands
mid-sentence, where only a name is capitalised. A typo at a sentence start ("Teh")
never qualifies by that use alone.

A lower-case word the dictionary lacks that the story uses at least three times, spelled
the same way each time ("holo", "wyrdlight"), is grouped the same way: a world's own word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from studio.findings import Finding, Kind

RULE = "likely-name"
_NAME_SHAPE = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:['’]s)?$")
# What may come before a capital that starts something (a sentence, a quotation).
_SENTENCE_END = frozenset(".!?…:;\"“”'‘’—–([")
_TITLES = ("Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Mx.", "Capt.", "Prof.", "Sgt.", "Lt.", "Col.")

LineSource = Callable[[str, int], str]


@dataclass(frozen=True)
class LikelyName:
    """One name-like word, every place it is used (its spelling findings)."""

    word: str
    uses: tuple[Finding, ...]
    story_word: bool = False  # a lower-case word of the story's own, not a name

    @property
    def count(self) -> int:
        return len(self.uses)

    def finding(self) -> Finding:
        """The one grouped finding, at the first use."""
        first = self.uses[0]
        times = "once" if self.count == 1 else f"{self.count} times"
        what = "word of the story's own" if self.story_word else "name"
        return Finding(
            file=first.file,
            line=first.line,
            column=first.column,
            end_column=first.end_column,
            kind=Kind.SPELLING,
            rule=RULE,
            text=first.text,
            message=f"{self.word} — {times} — likely a {what}: add it to the story dictionary",
        )


def _base(word: str) -> str:
    return word[:-2] if word[-2:] in ("'s", "’s") else word


def _mid_sentence(line: str, column: int) -> bool:
    """Is the word at 1-based `column` of `line` inside a sentence (not its first word)?"""
    before = line[: column - 1].rstrip().rstrip("*_")  # *Gullwing* is still mid-sentence
    if before.endswith(_TITLES):
        return True
    return bool(before) and before[-1] not in _SENTENCE_END and not before.endswith("* * *")


def likely_names(
    spelling: Sequence[Finding], line_of: LineSource
) -> tuple[list[LikelyName], list[Finding]]:
    """(the likely names and story words, the spelling findings that are not theirs)."""
    by_word: dict[str, list[Finding]] = {}
    for f in spelling:
        if _NAME_SHAPE.match(f.text):
            by_word.setdefault(_base(f.text), []).append(f)
    names = {
        word
        for word, uses in by_word.items()
        if any(_mid_sentence(line_of(f.file, f.line), f.column) for f in uses)
    }
    groups = [LikelyName(w, tuple(by_word[w])) for w in sorted(names)]
    rest = [f for f in spelling if not (_NAME_SHAPE.match(f.text) and _base(f.text) in names)]
    words, rest = _story_words(rest)
    return sorted(groups + words, key=lambda g: g.word.lower()), rest


_WORD_SHAPE = re.compile(r"^[a-z]{3,}(?:['’]s)?$")
STORY_WORD_USES = 3


def _story_words(spelling: Sequence[Finding]) -> tuple[list[LikelyName], list[Finding]]:
    """A lower-case word the dictionary lacks that the story spells the same way at least
    STORY_WORD_USES times ("holo", "sheeter", "wyrdlight") is the story's own word, not a
    slip: a typo is seldom made alike three times. Grouped like a name."""
    by_word: dict[str, list[Finding]] = {}
    for f in spelling:
        if _WORD_SHAPE.match(f.text):
            by_word.setdefault(_base(f.text), []).append(f)
    chosen = {w for w, uses in by_word.items() if len(uses) >= STORY_WORD_USES}
    groups = [LikelyName(w, tuple(by_word[w]), story_word=True) for w in sorted(chosen)]
    rest = [f for f in spelling if not (_WORD_SHAPE.match(f.text) and _base(f.text) in chosen)]
    return groups, rest
