"""Harper (harper-py) as the grammar engine under Studio's own rules, with a fiction profile.

Harper is an in-process grammar checker with about 900 rules. Fiction bends grammar on
purpose and Harper was built for technical prose, so Studio runs it with a profile
(`resources/rules/harper.toml`): style and readability rules off, its spell checker off
(Studio's spelling tier, with the story's words, does spelling), and the lint kinds
that matter to an editor kept.

Harper lints one paragraph at a time: a paragraph is the unit the grammar cache keys on
(`grammar_cache`), and Harper's sentence logic never spans paragraphs anyway. A Linter
is not thread-safe, so each thread gets its own.
"""

from __future__ import annotations

import hashlib
import re
import threading
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from typing import Any

from studio.errors import StudioError
from studio.findings import Kind
from studio.proofread.lexicon import lexicon
from studio.resources import resource_path

RULE_PREFIX = "harper:"
_DIALECTS = {"en_GB": 1, "en_AU": 2, "en_CA": 3, "en_IN": 4}


@dataclass(frozen=True)
class Profile:
    """Which Harper rules run, and what kind of finding each lint kind becomes."""

    off: frozenset[str]
    kinds: dict[str, Kind]
    dialogue_off: frozenset[str] = frozenset()
    keep: dict[str, Kind] = field(default_factory=dict)  # rule -> kind, whatever its lint kind

    @property
    def digest(self) -> str:
        """Changes when the profile or Harper's version does: part of every cache key."""
        parts = (
            sorted(self.off),
            sorted(self.dialogue_off),
            sorted(self.kinds.items()),
            sorted(self.keep.items()),
        )
        text = repr((parts, harper_version()))
        return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Lint:
    """One Harper lint kept by the profile, in code points of the linted paragraph."""

    start: int
    end: int
    rule: str
    kind: Kind
    message: str
    suggestions: tuple[str, ...]


def harper_version() -> str:
    try:
        return metadata.version("harper-py")
    except metadata.PackageNotFoundError:
        return ""


def available() -> bool:
    """Is harper-py installed? Studio runs without it (its own rules still do)."""
    return bool(harper_version())


@cache
def fiction_profile() -> Profile:
    path = resource_path("rules", "harper.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        off = frozenset(str(name) for name in data["off"])
        kinds = {str(k): Kind(v) for k, v in data["kinds"].items()}
        dialogue = frozenset(str(name) for name in data.get("dialogue_off", []))
        keep = {str(k): Kind(v) for k, v in data.get("keep", {}).items()}
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError) as error:
        raise StudioError(f"cannot read the Harper profile: {error}", path=path) from None
    return Profile(off, kinds, dialogue, keep)


_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")


def dialogue_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation in a paragraph (one left open runs to its end)."""
    return [m.span() for m in _QUOTED.finditer(paragraph)]


_DASHES = "—–"


# "had had" is grammar (the past perfect of "have"); Harper's RepeatedWords already tells
# "that that" and the like apart, and finds "much much" and "is is", which Studio's own
# doubled-word rule allows for fear of emphasis.
_REPEATS_MEANT = frozenset({"had"})


def meant(rule: str, paragraph: str, start: int, end: int) -> bool:
    """Is this lint something fiction does on purpose? A spaced dash ("sideways —",
    a speech cut off with " —") is a house style, not a stray space; a word doubled
    by grammar is not a slip; "every one of" is not "everyone"; an irregular past after a
    pronoun ("she lent him") agrees in every person."""
    text = paragraph[start:end]
    if rule == "Spaces" and text == " ":
        return paragraph[end : end + 1] in _DASHES or paragraph[start - 1 : start] in _DASHES
    if rule == "Everyone":  # "every one of them" is right; "every one" alone is the slip
        return paragraph[end : end + 3] == " of"
    if rule == "RepeatedWords":
        words = text.lower().split()
        return len(set(words)) == 1 and words[0] in _REPEATS_MEANT
    if rule == "PronounVerbAgreement":  # "she lent him", "he spun": read as present forms
        return text.lower() in lexicon().past
    return False


class HarperChecker:
    """One Harper Linter per thread, set up with the profile and the story's words."""

    def __init__(self, tag: str, words: frozenset[str] = frozenset()) -> None:
        self.tag = tag
        self.words = words
        self.profile = fiction_profile()
        self._local = threading.local()

    @property
    def digest(self) -> str:
        """The engine's part of every cache key: Harper, the profile and the dialect."""
        return f"{self.profile.digest}-{self.tag}"

    def _linter(self) -> Any:
        linter = getattr(self._local, "linter", None)
        if linter is None:
            import harper  # noqa: PLC0415  (optional: about a second to build, on first use)

            linter = harper.Linter(harper.Dialect(_DIALECTS.get(self.tag[:5], 0)))
            config = linter.get_default_lint_config()
            linter.set_lint_config({name: name not in self.profile.off for name in config})
            if self.words:
                linter.import_words(sorted(self.words))
            self._local.linter = linter
        return linter

    def lint(self, paragraph: str) -> list[Lint]:
        """The profile's lints of one paragraph (plain text: Markdown marks are kept
        as they are, so positions match the chapter's own)."""
        found = []
        kinds, dialogue_off, keep = self.profile.kinds, self.profile.dialogue_off, self.profile.keep
        organised = self._linter().organized_lints(paragraph, language="markdown")
        quoted: list[tuple[int, int]] | None = None
        for rule, lints in organised.items():
            for lint in lints:
                kind = keep.get(rule) or kinds.get(lint.lint_kind)
                if kind is None or meant(rule, paragraph, lint.span.start, lint.span.end):
                    continue
                if rule in dialogue_off:
                    quoted = dialogue_spans(paragraph) if quoted is None else quoted
                    start = lint.span.start
                    if any(a <= start < b for a, b in quoted):
                        continue
                found.append(
                    Lint(
                        start=lint.span.start,
                        end=lint.span.end,
                        rule=RULE_PREFIX + rule,
                        kind=kind,
                        message=lint.message,
                        suggestions=tuple(
                            dict.fromkeys(s.replacement_text for s in lint.suggestions[:4])
                        ),
                    )
                )
        return sorted(found, key=lambda x: (x.start, x.end, x.rule))
