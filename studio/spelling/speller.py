"""Is this word spelt right? A dictionary, the words a story accepts, and a cache.

Fiction repeats its words: a million-word project has only tens of thousands of
distinct ones, so every answer is cached (bounded, least recently used first out)
and callers check distinct words, never token by token (about ten times faster).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from studio.spelling.dictionary import Dictionary
from studio.spelling.tokens import is_shouting

CACHE_SIZE = 100_000


def normalise(word: str) -> str:
    """Curly apostrophes become straight ones: the dictionaries know didn't, not didn’t."""
    return word.replace("’", "'")


class Speller:
    """A dictionary plus accepted words (story list, personal list, names).

    Thread-safe: the editor checks in a worker thread while the menu asks for
    suggestions on the GUI thread.
    """

    def __init__(
        self,
        dictionary: Dictionary,
        accepted: Iterable[str] = (),
        *,
        check_caps: bool = False,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.dictionary = dictionary
        self.check_caps = check_caps
        self._accepted: set[str] = set()
        self._lock = threading.RLock()
        self._cached = lru_cache(maxsize=cache_size)(self._check)
        self.accept_all(accepted)

    @property
    def available(self) -> bool:
        return self.dictionary.available

    def accept_all(self, words: Iterable[str]) -> None:
        with self._lock:
            for raw in words:
                word = normalise(raw.strip())
                if word:
                    self._accepted.add(word)
                    self._accepted.add(word.lower())
            self._cached.cache_clear()

    def accept(self, word: str) -> None:
        self.accept_all([word])

    def is_correct(self, word: str) -> bool:
        with self._lock:
            return self._cached(word)

    def misspelled(self, words: Iterable[str]) -> set[str]:
        """The words among `words` (any iterable, repeats fine) that are not correct."""
        distinct = words if isinstance(words, set) else set(words)
        with self._lock:
            cached = self._cached
            return {w for w in distinct if w and not cached(w)}

    def suggest(self, word: str, limit: int = 8) -> list[str]:
        with self._lock:
            return self.dictionary.suggest(normalise(word))[:limit]

    def cache_info(self) -> tuple[int, int]:
        """(hits, misses) of the word cache, for tests and benchmarks."""
        info = self._cached.cache_info()
        return info.hits, info.misses

    def _check(self, word: str) -> bool:
        if not self.check_caps and is_shouting(word):
            return True
        word = normalise(word)
        if self._known(word):
            return True
        base = _possessive_base(word)
        return base is not None and self._known(base)

    def _known(self, word: str) -> bool:
        accepted = self._accepted
        return word in accepted or word.lower() in accepted or self.dictionary.check(word)


_CLITICS = ("'s", "'S", "'ll", "'d", "'ve", "'re")


def _possessive_base(word: str) -> str | None:
    """ "Maren's" → "Maren", "council'll" → "council", "there'd" → "there": a known word
    with a possessive or a spoken contraction (fiction's dialogue makes them of any noun)."""
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 1:
            return word[: -len(clitic)]
    return None
