"""The grammar tier: Harper over each prose paragraph, cached, merged with Studio's rules.

Each paragraph is linted alone and its lints are kept by the hash of its text (see
`GrammarCache`), so an unchanged story re-checks from the cache and an edited chapter
re-lints only its changed paragraphs.

The merge keeps one finding per span: where Studio's own rule (or the spelling tier)
and Harper both flag overlapping text, Studio's message and suggestion win, since
they were written for fiction.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from studio.findings import Finding
from studio.proofread.grammar_cache import GrammarCache
from studio.proofread.harper_lints import HarperChecker, Lint
from studio.proofread.text import ChapterText


def paragraph_texts(chapter: ChapterText) -> list[tuple[int, int, str]]:
    """(first line, indent, text) of each prose paragraph: its lines joined by newlines,
    the first line's indent left out (Markdown would take it for code)."""
    lines, found = chapter.lines, []
    for first, end in chapter.paragraphs:
        text = "\n".join(lines[first:end])
        body = text.lstrip(" \t")
        found.append((first, len(text) - len(body), body))
    return found


def grammar_findings(
    chapters: Sequence[ChapterText], checker: HarperChecker, cache: GrammarCache | None = None
) -> list[Finding]:
    """Harper's findings over every prose paragraph of `chapters`."""
    cache = cache if cache is not None else GrammarCache(checker.digest)
    findings: list[Finding] = []
    for chapter in chapters:
        if not chapter.grammar:
            continue
        for first, lead, text in paragraph_texts(chapter):
            lints = cache.get(text)
            if lints is None:
                lints = checker.lint(text)
                cache.put(text, lints)
            if lints:
                findings += _located(chapter.file, first, lead, text, lints)
    return findings


def _located(
    file: str, first: int, lead: int, paragraph: str, lints: Iterable[Lint]
) -> list[Finding]:
    """Findings at chapter lines and columns for lints at paragraph offsets (`lead`: the
    first line's indent, left out of `paragraph`)."""
    starts = [0]
    starts += [i + 1 for i, c in enumerate(paragraph) if c == "\n"]
    found = []
    for lint in lints:
        line = bisect_right(starts, lint.start) - 1
        line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(paragraph)
        end = min(lint.end, line_end)  # a lint across a line break is shown on its first line
        if end <= lint.start:
            continue
        shift = lead if line == 0 else 0
        found.append(
            Finding(
                file=file,
                line=first + line + 1,
                column=lint.start - starts[line] + 1 + shift,
                end_column=end - starts[line] + 1 + shift,
                kind=lint.kind,
                rule=lint.rule,
                text=paragraph[lint.start : end],
                message=lint.message,
                suggestions=lint.suggestions,
            )
        )
    return found


def merge(ours: Sequence[Finding], theirs: Iterable[Finding]) -> list[Finding]:
    """`ours` and those of `theirs` that overlap none of ours nor an earlier one of theirs."""
    taken: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for f in ours:
        taken.setdefault((f.file, f.line), []).append((f.column, f.end_column))
    kept = list(ours)
    for f in sorted(theirs, key=lambda x: x.sort_key):
        spans = taken.setdefault((f.file, f.line), [])
        if any(f.column < end and start < f.end_column for start, end in spans):
            continue
        spans.append((f.column, f.end_column))
        kept.append(f)
    return kept
