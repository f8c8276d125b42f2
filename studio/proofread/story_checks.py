"""Checks that need more than one line: paragraphs, or the whole story at once.

Each takes its rule (for id, kind and message), every chapter of the story and the
story's dictionary tag, and returns findings. Mixed styles flag only the minority
style, and only when both are present: a story that uses "..." throughout is the
author's choice, not a slip.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from studio.findings import Finding
from studio.proofread.apostrophe_checks import APOSTROPHE_CHECKS
from studio.proofread.articles import a_an
from studio.proofread.context_checks import CONTEXT_CHECKS
from studio.proofread.context_checks import finding as _finding
from studio.proofread.pronoun_checks import PRONOUN_CHECKS
from studio.proofread.rules import Rule, british_american_pairs
from studio.proofread.soundalike_checks import SOUNDALIKE_CHECKS
from studio.proofread.text import ChapterText

StoryCheck = Callable[[Rule, Sequence[ChapterText], str], list[Finding]]

_STRAIGHT = re.compile(r'"')
_CURLY = re.compile(r"[“”]")
_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_ELLIPSIS = re.compile(r"…")
_QUOTE = re.compile(r'["“”]')
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_LETTERS = re.compile(r"[^\W\d_]+")
_OPENS_AFTER = " \t([{—–-/'‘"


Place = tuple[ChapterText, int, int, int]  # chapter, 0-based line, start, end


def _prose_matches(pattern: re.Pattern[str], chapters: Sequence[ChapterText]) -> list[Place]:
    """(chapter, line, start, end) of every match on a prose line."""
    found: list[Place] = []
    for chapter in chapters:
        if not pattern.search(chapter.text):
            continue
        for number, line in enumerate(chapter.lines):
            if chapter.prose[number]:
                found.extend((chapter, number, *m.span()) for m in pattern.finditer(line))
    return found


def _minority(a: list[Place], b: list[Place], prefer_a: bool) -> tuple[bool, list[Place]]:
    """(is the minority `a`?, its matches); ties go against the non-preferred side."""
    if len(a) < len(b) or (len(a) == len(b) and not prefer_a):
        return True, a
    return False, b


def _both_used(chapters: Sequence[ChapterText], a: str, *b: str) -> bool:
    """A quick C-speed look before the slower, line by line one."""
    return any(a in c.text for c in chapters) and any(x in c.text for c in chapters for x in b)


def mixed_quotes(rule: Rule, chapters: Sequence[ChapterText], tag: str) -> list[Finding]:
    if not _both_used(chapters, '"', "“", "”"):
        return []
    straight = _prose_matches(_STRAIGHT, chapters)
    curly = _prose_matches(_CURLY, chapters)
    if not straight or not curly:
        return []
    straight_is_odd, odd = _minority(straight, curly, prefer_a=False)
    findings = []
    for chapter, line, start, end in odd:
        text = chapter.lines[line]
        opening = start == 0 or text[start - 1] in _OPENS_AFTER
        if straight_is_odd:
            fix, other = ("“" if opening else "”"), "curly"
        else:
            fix, other = '"', "straight"
        message = f"{rule.message}: the rest of the story uses {other} quotes"
        findings.append(_finding(rule, chapter, line, start, end, fix, message=message))
    return findings


def mixed_ellipsis(rule: Rule, chapters: Sequence[ChapterText], tag: str) -> list[Finding]:
    if not _both_used(chapters, "...", "…"):
        return []
    dots = _prose_matches(_THREE_DOTS, chapters)
    single = _prose_matches(_ELLIPSIS, chapters)
    if not dots or not single:
        return []
    dots_are_odd, odd = _minority(dots, single, prefer_a=False)
    fix = "…" if dots_are_odd else "..."
    return [
        _finding(rule, chapter, line, start, end, fix, message=f"{rule.message}; most are “{fix}”")
        for chapter, line, start, end in odd
    ]


def unclosed_quote(rule: Rule, chapters: Sequence[ChapterText], tag: str) -> list[Finding]:
    """A paragraph that opens a quotation and never closes it.

    Fiction's convention: a speech that runs on into the next paragraph leaves its
    quotation open and the next paragraph opens again, so that is not flagged.
    Paragraphs are found with one regex and counted with str.count (C speed); only
    an unbalanced one is looked at closely.
    """
    findings = []
    for chapter in chapters:
        text = chapter.text
        if '"' not in text and "“" not in text:
            continue
        paragraphs = _paragraph_spans(text)
        for index, (start, end) in enumerate(paragraphs):
            body = text[start:end]
            curly_open = body.count("“") - body.count("”")
            if curly_open <= 0 and body.count('"') % 2 == 0:
                continue
            if index + 1 < len(paragraphs) and text[paragraphs[index + 1][0]] in {'"', "“", ":"}:
                continue  # the speech runs on, or a lyrics block (sung) comes in between
            offset = start + _unclosed_opener(body)
            line, column = chapter.position(offset)
            if chapter.prose[line]:
                findings.append(_finding(rule, chapter, line, column, column + 1))
    return findings


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, leading blanks left out."""
    spans = []
    start = 0
    for gap in _BLANK_LINES.finditer(text):
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        body = text[begin:end]
        stripped = len(body) - len(body.lstrip())
        if stripped < len(body):
            result.append((begin + stripped, end))
    return result


def _unclosed_opener(paragraph: str) -> int:
    """Offset of the quotation mark left open in an unbalanced paragraph."""
    straight: list[int] = []
    curly_open: list[int] = []
    for match in _QUOTE.finditer(paragraph):
        char = match.group()
        if char == '"':
            straight.append(match.start())
        elif char == "“":
            curly_open.append(match.start())
        elif curly_open:
            curly_open.pop()
    return curly_open[-1] if curly_open else straight[-1]


@cache
def _variant_forms() -> tuple[dict[str, str], dict[str, str]]:
    """British form → American form and back, with -s, -ed, -ing, -er, -ers endings, in
    lower, Capitalised and UPPER case."""
    british: dict[str, str] = {}
    american: dict[str, str] = {}
    for gb, us in british_american_pairs():
        for ending in ("", "s", "ed", "ing", "er", "ers"):
            for case in (str.lower, str.capitalize, str.upper):
                b, a = case(gb + ending), case(us + ending)
                british[b], american[a] = a, b
    return british, american


@cache
def _variant_words() -> frozenset[str]:
    british, american = _variant_forms()
    return frozenset(british) | frozenset(american)


def mixed_spelling(rule: Rule, chapters: Sequence[ChapterText], tag: str) -> list[Finding]:
    british, american = _variant_forms()
    either = _variant_words()
    gb_hits: list[Place] = []
    us_hits: list[Place] = []
    for chapter in chapters:
        used = either & chapter.words
        if not used:
            continue
        for number in chapter.lines_holding({w.lower() for w in used}):
            if not chapter.prose[number]:
                continue
            for match in _LETTERS.finditer(chapter.lines[number]):
                word = match.group()
                if word in british:
                    gb_hits.append((chapter, number, *match.span()))
                elif word in american:
                    us_hits.append((chapter, number, *match.span()))
    if not gb_hits or not us_hits:
        return []
    british_is_odd, odd = _minority(gb_hits, us_hits, prefer_a=tag.startswith("en_GB"))
    other, variants = ("American", british) if british_is_odd else ("British", american)
    return [
        _finding(
            rule,
            chapter,
            line,
            start,
            end,
            variants[chapter.lines[line][start:end]],
            message=f"{rule.message}: most of it uses {other} spelling",
        )
        for chapter, line, start, end in odd
    ]


STORY_CHECKS: dict[str, StoryCheck] = {
    "a-an": a_an,
    "mixed-quotes": mixed_quotes,
    "unclosed-quote": unclosed_quote,
    "mixed-ellipsis": mixed_ellipsis,
    "mixed-spelling": mixed_spelling,
    **CONTEXT_CHECKS,
    **PRONOUN_CHECKS,
    **SOUNDALIKE_CHECKS,
    **APOSTROPHE_CHECKS,
}
