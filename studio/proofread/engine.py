"""Running pattern rules over a chapter's prose.

A pattern runs over the whole chapter text at once (one C-speed scan per rule, not
one per line); matches on lines that are not prose are dropped. Word boundaries at
the edges of a match are checked here, so patterns may start with a literal, which
the regex engine searches for far faster than a leading \\b.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from studio.findings import Finding
from studio.proofread.rules import Rule
from studio.proofread.text import ChapterText

_WORDISH = re.compile(r"[\w'’]")


def _matches(rule: Rule, chapter: ChapterText) -> Iterator[re.Match[str]]:
    """The rule's matches: over the whole text, or only on lines holding a needle."""
    assert rule.pattern is not None
    if not rule.needles:
        yield from rule.pattern.finditer(chapter.text)
        return
    starts, size = chapter.line_starts, len(chapter.text)
    for line in chapter.lines_holding(rule.needles):
        end = starts[line + 1] if line + 1 < len(starts) else size
        yield from rule.pattern.finditer(chapter.text, starts[line], end)


def pattern_findings(rule: Rule, chapter: ChapterText) -> list[Finding]:
    assert rule.pattern is not None
    text, prose = chapter.text, chapter.prose
    findings = []
    flags = [g for g in ("flag", "flag2", "flag3") if g in rule.pattern.groupindex]
    for match in _matches(rule, chapter):
        if _allowed(rule, match):
            continue
        span: str | int = next((g for g in flags if match.start(g) >= 0), 0)
        start, end = match.span(span)
        match_start = match.start()
        if rule.before is not None:
            before = rule.before.search(text, max(0, start - 40), start)
            if before is None:
                continue
            start = match_start = before.start()
        if not _at_word_edges(text, match_start, match.end()):
            continue
        line, column = chapter.position(start)
        if not prose[line]:
            continue
        suggestion = match.expand(rule.suggestion) if rule.suggestion else ""
        if span and suggestion and "\\" not in rule.suggestion and text[start].isupper():
            suggestion = suggestion[0].upper() + suggestion[1:]  # "Their here" → "They’re"
        if rule.before is not None:
            suggestion = suggestion.replace("{before}", text[start : match.start(span)])
        findings.append(
            Finding(
                file=chapter.file,
                line=line + 1,
                column=column + 1,
                end_column=column + 1 + (end - start),
                kind=rule.kind,
                rule=rule.id,
                text=text[start:end],
                message=rule.message,
                suggestions=(suggestion,) if suggestion else (),
            )
        )
    return findings


def _at_word_edges(text: str, start: int, end: int) -> bool:
    """False when the match starts or ends inside a word ("zealot" is not "a lot"). A
    single quote after a space opens a quotation ('Its not fair,' in British dialogue),
    not a contraction, so a match may start after it."""
    if start > 0 and _WORDISH.match(text, start) and _WORDISH.match(text, start - 1):
        opening = text[start - 1] in "'’‘" and (start < 2 or not text[start - 2].isalnum())
        if not opening:
            return False
    return not (end < len(text) and _WORDISH.match(text, end - 1) and _WORDISH.match(text, end))


def _allowed(rule: Rule, match: re.Match[str]) -> bool:
    return bool(rule.allow) and match.re.groups > 0 and match.group(1).lower() in rule.allow
