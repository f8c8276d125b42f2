"""Word classes for the context checks, read from the installed Hunspell en_US word list.

The context checks (`context_checks`) need to know a little about a word: is it in the
dictionary at all, can it take a plural, is it a verb's past form. Hunspell's `.dic`
lists every stem with its affix flags (en_US, SCOWL: S plural or -s, D -ed, G -ing,
M possessive); that is enough for the few questions asked, and the file is a run-time
package Studio already needs (hunspell-en-us), so nothing is downloaded or bundled.
Irregular pasts and the function words come from `resources/rules/lexicon.toml`.

It is the same file Enchant's Hunspell provider reads for en_US (Studio asks Hunspell
first, see `studio.spelling.dictionary`), and `bootstrap` installs it (RUNTIME_PACKAGES).
Without it every question answers "unknown", the checks that need it stay quiet
(precision over recall) and `problem()` says what to install; a warning is logged once.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from studio.resources import resource_path

_LOG = logging.getLogger(__name__)
DIC_PACKAGE = "hunspell-en-us"
DIC_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")


@dataclass(frozen=True)
class Lexicon:
    """Stems and their flags (lower case), and the curated word lists."""

    flags: dict[str, str]
    past: frozenset[str]  # irregular past forms: went, saw, knew
    participles: frozenset[str]  # irregular past participles: gone, seen, known
    function: frozenset[str]  # pronouns, determiners, prepositions, particles, adverbs
    adjuncts: frozenset[str]  # plurals used before a noun as they are: sports, arms, sales
    bases: frozenset[str]  # irregular verbs' plain forms: run, go, see

    def can_be_verb(self, word: str) -> bool:
        """Could this word be a verb's plain or -s form ("bark", "logs", "run")?"""
        lower = word.lower()
        stem = self.stem_of_plural(lower) or lower
        return any(
            w in self.bases or any(f in self.flags.get(w, "") for f in "DG") for w in (lower, stem)
        )

    def known(self, word: str) -> bool:
        return word.lower() in self.flags or self.stem_of_plural(word) is not None

    def stem_of_plural(self, word: str) -> str | None:
        """The singular of a regular plural the list knows ("captains" → "captain")."""
        lower = word.lower()
        if not lower.endswith("s") or len(lower) < 4:
            return None
        candidates = [lower[:-1]]
        if lower.endswith("es"):
            candidates.append(lower[:-2])
        if lower.endswith("ies"):
            candidates.append(lower[:-3] + "y")
        for stem in candidates:
            if "S" in self.flags.get(stem, ""):
                return stem
        return None

    def is_noun(self, word: str) -> bool:
        """Takes a plural or a possessive (flags S, M): "log", "wrist"; not "depend"."""
        flags = self.flags.get(word.lower(), "")
        return "S" in flags or "M" in flags

    def is_adjective(self, word: str) -> bool:
        """Takes -est or -ness (en_US flags T, P): "thin", "old", "simple"."""
        flags = self.flags.get(word.lower(), "")
        return "T" in flags or "P" in flags

    def is_past(self, word: str) -> bool:
        """A past form: irregular (went, knew) or a verb's regular -ed (wanted, listened)."""
        lower = word.lower()
        if lower in self.past:
            return True
        if not lower.endswith("ed") or len(lower) < 4:
            return False
        if lower in self.bases or "D" in self.flags.get(lower, ""):
            return False  # a plain verb that ends in -ed: need, feed, shed
        stem = lower[:-2]
        stems = [stem, stem + "e", lower[:-1]]  # wanted, hoped (hope+d), agreed
        if len(stem) > 2 and stem[-1] == stem[-2]:
            stems.append(stem[:-1])  # stopped
        if stem.endswith("i"):
            stems.append(stem[:-1] + "y")  # tried
        return any("D" in self.flags.get(s, "") for s in stems)


def dictionary_file(tag: str = "en_US") -> Path | None:
    for folder in DIC_DIRS:
        path = Path(folder) / f"{tag}.dic"
        if path.is_file():
            return path
    return None


def _read_flags(path: Path | None) -> dict[str, str]:
    flags: dict[str, str] = {}
    if path is None:
        _LOG.warning("no Hunspell en_US word list: possessive-apostrophe checks are off")
        return flags
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[1:]
    except OSError as error:
        _LOG.warning("cannot read %s (%s): possessive-apostrophe checks are off", path, error)
        return flags
    for line in lines:
        word, _, flag = line.partition("/")
        word = word.strip().lower()
        if word:
            flags[word] = flags.get(word, "") + flag.strip()
    return flags


def problem(lex: Lexicon | None = None) -> str:
    """Why the context checks that need word classes are off, or "" when they are on."""
    if (lex or lexicon()).flags:
        return ""
    return (
        "Possessive-apostrophe checks are off: the Hunspell en_US word list "
        f"(en_US.dic in {', '.join(DIC_DIRS)}) is missing. "
        f"Install it with: sudo apt-get install {DIC_PACKAGE}"
    )


@cache
def lexicon() -> Lexicon:
    """The word classes, read once per process (about 50,000 stems)."""
    return load_lexicon(dictionary_file())


def load_lexicon(dic: Path | None) -> Lexicon:
    """Word classes from the Hunspell word list `dic` (None: none, every check quiet)."""
    data = tomllib.loads(resource_path("rules", "lexicon.toml").read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in str(data[key]).split())

    return Lexicon(
        flags=_read_flags(dic),
        past=words("irregular_past"),
        participles=words("irregular_participles"),
        function=words("function_words"),
        adjuncts=words("plural_adjuncts"),
        bases=words("irregular_bases"),
    )
