"""Spelling findings for chapter texts and whole projects.

The fast path: collect each line's words with one C-speed `findall`, check the
distinct words once, and only re-scan (with positions) the lines that hold a
misspelling. A million words take well under a second this way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from studio.findings import Finding, Kind
from studio.spelling.dictionary import open_dictionary
from studio.spelling.speller import Speller
from studio.spelling.text import TextLines
from studio.spelling.tokens import TOKEN, WORD, may_skip
from studio.spelling.wordlists import accepted_words, checks_caps
from studio.story.project import Project

RULE = "spelling"

# Suggestions cost about a third of a millisecond per misspelt word: `studio check
# --no-suggestions` lists findings without them, as `aspell list` does.
_SUGGESTIONS: ContextVar[bool] = ContextVar("spelling_suggestions", default=True)


def suggestions_enabled() -> bool:
    return _SUGGESTIONS.get()


@contextmanager
def without_suggestions() -> Iterator[None]:
    token = _SUGGESTIONS.set(False)
    try:
        yield
    finally:
        _SUGGESTIONS.reset(token)


def project_speller(project: Project, tag: str | None = None) -> Speller:
    """A speller for the story's dictionary (or `tag`) that accepts the story's words."""
    dictionary = open_dictionary(tag or project.spelling.dictionary)
    return Speller(dictionary, accepted_words(project), check_caps=checks_caps(project))


class SpellingPass:
    """Spelling findings with suggestions, each misspelling's suggestions asked once."""

    def __init__(self, speller: Speller, *, suggestions: bool = True) -> None:
        self.speller = speller
        self.suggestions = suggestions
        self._suggested: dict[str, tuple[str, ...]] = {}

    def text_findings(self, file: str, text: str) -> list[Finding]:
        return self.lines_findings(TextLines(file, text))

    def lines_findings(self, text: TextLines) -> list[Finding]:
        """Check the distinct words once; then find the misspelt ones' places (only on
        the lines that hold one, found with str.find)."""
        return self.locate(text, self.speller.misspelled(text.words))

    def locate(self, text: TextLines, bad: set[str]) -> list[Finding]:
        """Findings for the places of the misspelt words `bad` in `text`."""
        bad = bad & text.words
        if not bad:
            return []
        findings = []
        checked = text.checked
        for number in text.lines_holding(bad, lower=False):
            if checked[number]:
                for start, word in token_places(text.lines[number], bad):
                    findings.append(self._finding(text.file, number, start, word))
        return findings

    def _finding(self, file: str, line: int, start: int, word: str) -> Finding:
        return Finding(
            file=file,
            line=line + 1,
            column=start + 1,
            end_column=start + 1 + len(word),
            kind=Kind.SPELLING,
            rule=RULE,
            text=word,
            message=f"“{word}” is not in the {self.speller.dictionary.tag} dictionary",
            suggestions=self.suggest(word),
        )

    def suggest(self, word: str) -> tuple[str, ...]:
        if not self.suggestions:
            return ()
        if word not in self._suggested:
            self._suggested[word] = tuple(self.speller.suggest(word, limit=5))
        return self._suggested[word]


def token_places(line: str, words: set[str]) -> list[tuple[int, str]]:
    """(0-based column, word) of each token of `line` that is one of `words`, in order."""
    if may_skip(line):  # URLs, digits, code: the full tokenizer decides
        return [(m.start(1), m.group(1)) for m in TOKEN.finditer(line) if m.group(1) in words]
    places = []
    for word in words:
        start = line.find(word)
        while start != -1:
            if _is_token(line, start, word):
                places.append((start, word))
            start = line.find(word, start + 1)
    return sorted(places)


def _is_token(line: str, start: int, word: str) -> bool:
    """Is `word` at `start` a whole token, as WORD.findall would split the line?"""
    if start > 0:
        before = line[start - 1]
        if before.isalpha() or (before in "'’" and start > 1 and line[start - 2].isalpha()):
            return False
    match = WORD.match(line, start)
    return match is not None and match.end() == start + len(word)


def project_spelling(
    project: Project, *, tag: str | None = None, suggestions: bool = True
) -> list[Finding]:
    """Every spelling finding in the project's chapters."""
    spelling = SpellingPass(project_speller(project, tag), suggestions=suggestions)
    return [
        finding
        for chapter in project.chapters
        for finding in spelling.text_findings(chapter.file, project.read_chapter(chapter))
    ]
