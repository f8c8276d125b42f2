"""Checks that look at the words around a word, with the word classes of `lexicon`.

A pattern can list "the captains log" but not every noun a writer might use, so these
checks ask what kind of word stands where: a possessive written as a plural ("my sisters
car", "Rooks wrist") is a determiner or a name, a plural, then a noun that is not a
verb, an adverb or a function word; "did/does + past" ("didn't saw", "does your mum
knew") is an auxiliary, a subject, then a past form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from studio.findings import Finding
from studio.proofread.lexicon import Lexicon, lexicon
from studio.proofread.rules import Rule
from studio.proofread.text import ChapterText

_DETERMINER = r"(?:[Tt]he|[Mm]y|[Yy]our|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir|[Aa]n?|[Ee]very|[Ww]hose)"
_PLURAL_THEN_WORD = re.compile(
    r"(?<![\w'’-])" + _DETERMINER + r" (?P<x>[a-z]{3,}s) (?P<y>[a-z]+)(?![\w'’-])(?P<z>\S*)"
)
_NAME_THEN_WORD = re.compile(
    r"(?<![\w'’-])(?P<x>[A-Z][a-z]{2,}s) (?P<y>[a-z]+)(?![\w'’-])(?P<z>\S*)"
)
_NAME_MID_SENTENCE = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}(?![\w'’-])")
_AFTER_VERB_NOUN = frozenset((
    "was", "is", "had", "has", "were", "are", "would", "could", "will", "looked", "seemed",
    "lay", "sat", "stood", "hung", "felt", "smelled", "stayed", "remained", "went", "came",
))  # fmt: skip

_AUX_PAST = re.compile(
    r"(?<![\w'’-])(?:(?P<neg>(?:[Dd]id|[Dd]oes|[Dd]o)(?:n['’]t| not))"
    r"|(?P<aux>[Dd]id|[Dd]oes|[Dd]o)"
    r"(?= (?:I|you|he|she|it|we|they|(?:my|your|his|her|our|their|the) [a-z]+) ))"
    r"(?: (?:I|you|he|she|it|we|they|(?:my|your|his|her|our|their|the) [a-z]+))?"
    r"(?: (?:really|even|ever|actually|just|never|honestly|seriously|truly|already|still))?"
    r" (?P<verb>[a-z]+)(?![\w'’-])"
)


def _lines(chapters: Sequence[ChapterText]) -> Iterator[tuple[ChapterText, int, str]]:
    for chapter in chapters:
        for number, line in enumerate(chapter.lines):
            if chapter.prose[number] and line.strip():
                yield chapter, number, line


def _finding(
    rule: Rule, chapter: ChapterText, line: int, start: int, end: int, *, suggestion: str
) -> Finding:
    return Finding(
        file=chapter.file,
        line=line + 1,
        column=start + 1,
        end_column=end + 1,
        kind=rule.kind,
        rule=rule.id,
        text=chapter.lines[line][start:end],
        message=rule.message,
        suggestions=(suggestion,) if suggestion else (),
    )


_PAST_MARKS = re.compile(r"(?<![\w'’])(?:was|were|had|said|did)(?![\w'’])")
_PRESENT_MARKS = re.compile(r"(?<![\w'’])(?:is|are|has|says|does)(?![\w'’])")


def told_in_past(chapter: ChapterText) -> bool:
    """Is the chapter told in the past tense? Then "the dogs bark." is not its
    narration, and a plural before a word that could be a verb reads as a possessive."""
    past = len(_PAST_MARKS.findall(chapter.text))
    return past > 2 * len(_PRESENT_MARKS.findall(chapter.text))


def _possessed(lex: Lexicon, line: str, match: re.Match[str], past: bool) -> bool:
    """Is the match's `y` the thing a possessive owns?

    Not a function word, adverb, -ing or past form. A word that could also be a verb
    ("the dogs bark") only when a verb that needs a subject follows ("…bowl was
    empty"), or, in a chapter told in the past, when no function word follows
    ("…took my sisters car." but not "the dogs bark at night").
    """
    y, z = match.group("y"), match.group("z")
    if y in lex.function or y.endswith(("ly", "ing")) or lex.is_past(y):
        return False
    if y in lex.participles or not lex.known(y) or lex.is_adjective(y):
        return False  # "the shutters thin and cold"
    if not lex.can_be_verb(y):
        return True
    after = re.match(r" ([a-z]+)", line[match.end() :])
    if not z and after is not None and after.group(1) in _AFTER_VERB_NOUN:
        return True
    if not past:
        return False
    return bool(z) or after is None or after.group(1) not in lex.function


def possessive_plural(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "the captains log", "my sisters car": a possessive's apostrophe left out."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    tenses = {chapter.file: told_in_past(chapter) for chapter in chapters}
    for chapter, number, line in _lines(chapters):
        for match in _PLURAL_THEN_WORD.finditer(line):
            x = match.group("x")
            if x in lex.adjuncts or x in lex.function or x in lex.flags:
                continue
            stem = lex.stem_of_plural(x)
            if stem is None or not stem.isalpha():
                continue
            if _possessed(lex, line, match, tenses[chapter.file]):
                start, end = match.span("x")
                findings.append(
                    _finding(rule, chapter, number, start, end, suggestion=x[:-1] + "’s")
                )
    return findings


def _names(chapter: ChapterText) -> frozenset[str]:
    """Capitalised words used mid-sentence in the chapter: its names."""
    return frozenset(m.group() for m in _NAME_MID_SENTENCE.finditer(chapter.text))


def name_possessive(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "Rooks wrist": a name used elsewhere in the chapter, an s, then a noun."""
    lex = lex or lexicon()
    if not lex.flags:
        return []
    findings = []
    names = {chapter.file: _names(chapter) for chapter in chapters}
    tenses = {chapter.file: told_in_past(chapter) for chapter in chapters}
    for chapter, number, line in _lines(chapters):
        known = names[chapter.file]
        for match in _NAME_THEN_WORD.finditer(line):
            x = match.group("x")
            if x[:-1] not in known or x.lower() in lex.function:
                continue
            if _possessed(lex, line, match, tenses[chapter.file]):
                start, end = match.span("x")
                findings.append(
                    _finding(rule, chapter, number, start, end, suggestion=x[:-1] + "’s")
                )
    return findings


def auxiliary_past(
    rule: Rule, chapters: Sequence[ChapterText], tag: str, *, lex: Lexicon | None = None
) -> list[Finding]:
    """ "didn't saw", "does your mum knew", "did you really listened": after do, does or
    did the verb takes its plain form."""
    lex = lex or lexicon()
    findings = []
    for chapter, number, line in _lines(chapters):
        if "d" not in line.lower():
            continue
        for match in _AUX_PAST.finditer(line):
            verb = match.group("verb")
            if verb in ("was", "were") or not lex.is_past(verb):
                continue
            start, end = match.span("verb")
            findings.append(_finding(rule, chapter, number, start, end, suggestion=""))
    return findings


CONTEXT_CHECKS = {
    "possessive-plural": possessive_plural,
    "name-possessive": name_possessive,
    "auxiliary-past": auxiliary_past,
}
