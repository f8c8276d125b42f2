"""Proofreading quality on the annotated corpus: `python -m benchmarks proofread`.

For each split of `benchmarks/proofread_corpus/` (dev: tuned on; heldout: only
measured; heldout2: written by another author, only measured) and each checker —
Studio (spelling, its rules, Harper under the fiction profile), Harper alone (its
default rules) and `hunspell -l` — prints the recall per slip class and overall,
and the flags per 1,000 words of the clean texts.

A slip is found when a finding overlaps its `wrong` span in the slipped text. Chapters
and their story.toml fields (the `.toml` beside a text) are both checked; a flag is any
finding on the clean version.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from benchmarks.common import Row
from benchmarks.proofread_corpus.validate import (
    CLASSES,
    HERE,
    SPLITS,
    WORD,
    Annotated,
    Text,
    load_corpus,
)
from studio.proofread import StorySettings, check_texts
from studio.proofread.fields import STORY_FILE, field_texts
from studio.proofread.text import ChapterText
from studio.spelling.names import RULE as NAME_RULE
from studio.spelling.wordlists import fandom_words

CHAPTER_FILE = "chapter.md"
GOAL_RECALL = 0.90
GOAL_FLAGS = 3.0
MIN_CASES = 10

Span = tuple[str, int, int, str]  # file (chapter or story.toml), start, end offsets, rule
Checker = Callable[[Text, str, str | None], list[Span]]


def _offsets(text: str) -> list[int]:
    starts = [0]
    starts += [i + 1 for i, c in enumerate(text) if c == "\n"]
    return starts


def studio_spans(text: Text, chapter: str, fields: str | None) -> list[Span]:
    """Studio's findings as offsets: chapter and story.toml fields, as `studio check`."""
    return _studio_spans(text, chapter, fields, grammar=True)


def studio_rules_spans(text: Text, chapter: str, fields: str | None) -> list[Span]:
    """Studio without the grammar engine (`studio check --no-grammar`): what Harper adds."""
    return _studio_spans(text, chapter, fields, grammar=False)


def _studio_spans(text: Text, chapter: str, fields: str | None, *, grammar: bool) -> list[Span]:
    settings = StorySettings(text.dialect, fandom_words(), frozenset(), frozenset())
    texts: list[ChapterText] = [ChapterText(CHAPTER_FILE, chapter)]
    if fields is not None:
        texts += field_texts(fields)
    findings = check_texts(
        settings,
        texts,
        suggestions=False,
        grammar=settings.grammar_checker() if grammar else None,
        story_source=fields,
    )
    starts = {CHAPTER_FILE: _offsets(chapter), STORY_FILE: _offsets(fields or "")}
    spans = []
    for f in findings:
        base = starts[f.file][f.line - 1]
        spans.append((f.file, base + f.column - 1, base + f.end_column - 1, f.rule))
    return spans


@cache
def _harper(dialect: str) -> object:
    import harper

    codes = {"en_GB": 1, "en_AU": 2}
    return harper.Linter(harper.Dialect(codes.get(dialect, 0)))


def harper_spans(text: Text, chapter: str, fields: str | None) -> list[Span]:
    """Harper alone, every default rule, on the chapter and on each field's value."""
    linter: object = _harper(text.dialect)
    spans = [(CHAPTER_FILE, x.span.start, x.span.end, "") for x in linter.lint(chapter)]  # type: ignore[attr-defined]
    for field in _fields(fields):
        offset = _field_offset(field, fields or "")
        spans += [
            (STORY_FILE, offset + x.span.start, offset + x.span.end, "")
            for x in linter.lint(field.text.lstrip("\n "), language="plaintext")  # type: ignore[attr-defined]
        ]
    return spans


def hunspell_spans(text: Text, chapter: str, fields: str | None) -> list[Span]:
    """`hunspell -l`: every place of every word it lists."""
    spans = [(CHAPTER_FILE, s, e, "") for s, e in _hunspell_places(chapter, text.dialect)]
    for field in _fields(fields):
        offset = _field_offset(field, fields or "")
        value = field.text.lstrip("\n ")
        spans += [
            (STORY_FILE, offset + s, offset + e, "")
            for s, e in _hunspell_places(value, text.dialect)
        ]
    return spans


def _fields(source: str | None) -> list[ChapterText]:
    return list(field_texts(source)) if source else []


def _field_offset(field: ChapterText, source: str) -> int:
    line, column = field.start  # type: ignore[attr-defined]
    return _offsets(source)[line - 1] + column - 1


def _hunspell_places(text: str, dialect: str) -> list[tuple[int, int]]:
    result = subprocess.run(
        ["hunspell", "-d", dialect, "-l"], input=text, capture_output=True, text=True, check=False
    )
    bad = set(result.stdout.split())
    return [m.span() for m in WORD.finditer(text) if m.group() in bad]


@dataclass
class Score:
    found: Counter[str]
    cases: Counter[str]
    flags: int = 0
    names: int = 0  # likely-name and story-word groups: one offer per word, not a flag
    words: int = 0

    def recall(self, cls: str | None = None) -> float:
        if cls is None:
            total = sum(self.cases.values())
            return sum(self.found.values()) / total if total else 0.0
        return self.found[cls] / self.cases[cls] if self.cases[cls] else 0.0

    @property
    def per_thousand(self) -> float:
        return 1000 * self.flags / self.words if self.words else 0.0


def _overlaps(spans: list[Span], file: str, start: int, end: int) -> bool:
    return any(f == file and s < end and start < e for f, s, e, _ in spans)


def score(texts: list[Text], checker: Checker) -> Score:
    result = Score(Counter(), Counter())
    for text in texts:
        fields = text.fields
        slipped = checker(text, text.chapter.slipped, fields.slipped if fields else None)
        clean = checker(text, text.chapter.clean, fields.clean if fields else None)
        result.flags += sum(1 for span in clean if span[3] != NAME_RULE)
        result.names += sum(1 for span in clean if span[3] == NAME_RULE)
        result.words += text.words + _field_words(fields)
        for file, annotated in ((CHAPTER_FILE, text.chapter), (STORY_FILE, fields)):
            if annotated is None:
                continue
            for slip in annotated.slips:
                cls = slip.base_class if file == CHAPTER_FILE else "field"
                result.cases[cls] += 1
                if _overlaps(slipped, file, slip.slipped_start, slip.slipped_end):
                    result.found[cls] += 1
    return result


# PROOFREAD_MISSES=1: each slip Studio misses, printed for the splits tuned on only.
MISS_SPLITS = ("dev", "heldout")


def misses(texts: list[Text], checker: Checker) -> list[str]:
    """One line per slip `checker` misses: class, the wrong text and its context."""
    lines = []
    for text in texts:
        if text.split not in MISS_SPLITS:  # held-out-only splits are never shown
            continue
        fields = text.fields
        slipped = checker(text, text.chapter.slipped, fields.slipped if fields else None)
        for file, annotated in ((CHAPTER_FILE, text.chapter), (STORY_FILE, fields)):
            if annotated is None:
                continue
            for slip in annotated.slips:
                if _overlaps(slipped, file, slip.slipped_start, slip.slipped_end):
                    continue
                source = annotated.slipped
                context = source[max(0, slip.slipped_start - 50) : slip.slipped_end + 30]
                context = context.replace("\n", "⏎")
                lines.append(f"{text.split} {file} {slip.cls}: {slip.wrong!r} | {context}")
    return lines


def _field_words(fields: Annotated | None) -> int:
    if fields is None:
        return 0
    return sum(len(WORD.findall(f.text)) for f in field_texts(fields.clean))


CHECKERS: dict[str, Checker] = {
    "Studio": studio_spans,
    "no Harper": studio_rules_spans,
    "Harper": harper_spans,
}


def checkers() -> dict[str, Checker]:
    """Every checker, or those named in PROOFREAD_CHECKERS (e.g. "Studio,Harper": the
    comparison columns take most of the run while tuning; Studio and Harper make the rows)."""
    found = dict(CHECKERS)
    if shutil.which("hunspell"):
        found["hunspell -l"] = hunspell_spans
    chosen = os.environ.get("PROOFREAD_CHECKERS")
    if chosen:
        names = {"Studio", "Harper", *chosen.split(",")}
        found = {name: checker for name, checker in found.items() if name in names}
    return found


def table(split: str, scores: dict[str, Score]) -> str:
    names = list(scores)
    first = next(iter(scores.values()))
    classes = [c for c in (*CLASSES, "field") if first.cases[c]]
    lines = [
        f"{split}: {sum(first.cases.values())} slips in {len(classes)} classes, "
        f"{first.words:,} clean words"
    ]
    lines.append(f"{'class':<20}{'cases':>6}" + "".join(f"{n:>13}" for n in names))
    for cls in classes:
        cells = "".join(f"{scores[n].recall(cls):>12.0%} " for n in names)
        lines.append(f"{cls:<20}{first.cases[cls]:>6}{cells}")
    total = sum(first.cases.values())
    lines.append(
        f"{'overall recall':<20}{total:>6}"
        + "".join(f"{scores[n].recall():>12.0%} " for n in names)
    )
    lines.append(
        f"{'flags / 1000 words':<26}" + "".join(f"{scores[n].per_thousand:>12.1f} " for n in names)
    )
    lines.append(
        f"{'name+word groups / 1k':<26}"
        + "".join(f"{1000 * scores[n].names / max(1, scores[n].words):>12.1f} " for n in names)
    )
    return "\n".join(lines)


def run(data_dir: Path, corpus: Path = HERE) -> list[Row]:
    texts, problems = load_corpus(corpus)
    for problem in problems:
        print(f"corpus problem: {problem}", file=sys.stderr)
    rows = []
    # PROOFREAD_SPLITS=dev while tuning rules: the held-out texts are only measured.
    for split in os.environ.get("PROOFREAD_SPLITS", ",".join(SPLITS)).split(","):
        chosen = [t for t in texts if t.split == split]
        if not chosen:
            continue
        scores = {name: score(chosen, checker) for name, checker in checkers().items()}
        print(table(split, scores), end="\n\n", flush=True)
        if os.environ.get("PROOFREAD_MISSES") and split in MISS_SPLITS:
            print("\n".join(misses(chosen, studio_spans)), end="\n\n", flush=True)
        studio = scores["Studio"]
        small = [c for c, n in studio.cases.items() if n >= MIN_CASES]
        worst = min((studio.recall(c) for c in small), default=studio.recall())
        for name, value, unit, target, met in (
            ("recall", 100 * studio.recall(), "%", "≥ 90%", studio.recall() >= GOAL_RECALL),
            ("worst class recall", 100 * worst, "%", "≥ 90%", worst >= GOAL_RECALL),
            ("flags", studio.per_thousand, "/1000 words", "≤ 3", studio.per_thousand <= GOAL_FLAGS),
        ):
            harper = scores["Harper"]
            reference = 100 * harper.recall() if name == "recall" else None
            if name == "flags":
                reference = harper.per_thousand
            rows.append(
                Row(
                    f"proofread {split}",
                    name,
                    value,
                    reference,
                    "Harper" if reference is not None else "",
                    unit,
                    target,
                    met,
                )
            )
    return rows
