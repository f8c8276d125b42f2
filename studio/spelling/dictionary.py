"""Enchant behind a small interface, with a null object when it cannot be had.

Studio must run without spell checking when the Enchant library or the story's
dictionary is missing; `open_dictionary` then returns a `MissingDictionary` whose
`problem` says exactly what to install.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Protocol

DEFAULT_TAG = "en_US"
# Enchant's broker (shared by every Dict) is not safe to use from two threads at once;
# the window opens dictionaries on worker threads.
_BROKER = threading.Lock()


class Dictionary(Protocol):
    """What the spell checker needs from a dictionary."""

    @property
    def tag(self) -> str: ...

    @property
    def available(self) -> bool: ...

    @property
    def problem(self) -> str: ...

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


class EnchantDictionary:
    """An installed Enchant dictionary."""

    def __init__(self, tag: str, enchant_dict: Any) -> None:
        self.tag = tag
        self._dict = enchant_dict

    @property
    def available(self) -> bool:
        return True

    @property
    def problem(self) -> str:
        return ""

    def check(self, word: str) -> bool:
        return bool(self._dict.check(word))

    def suggest(self, word: str) -> list[str]:
        return [str(s) for s in self._dict.suggest(word)]


@dataclass(frozen=True)
class MissingDictionary:
    """Stands in when spell checking cannot run: accepts every word, suggests nothing."""

    tag: str
    problem: str

    @property
    def available(self) -> bool:
        return False

    def check(self, word: str) -> bool:
        return True

    def suggest(self, word: str) -> list[str]:
        return []


def debian_package(tag: str) -> str:
    """The Debian/Ubuntu package with the Hunspell dictionary for an Enchant tag."""
    lang, _, region = tag.replace("-", "_").partition("_")
    return f"hunspell-{lang.lower()}-{region.lower()}" if region else f"hunspell-{lang.lower()}"


def open_dictionary(tag: str | None = None) -> Dictionary:
    """The Enchant dictionary for `tag` (en_US when empty), or a MissingDictionary."""
    tag = (tag or DEFAULT_TAG).replace("-", "_")
    try:
        import enchant  # noqa: PLC0415  (optional at run time: Studio runs without it)
    except ImportError as error:  # pyenchant raises ImportError when libenchant is missing
        return MissingDictionary(
            tag,
            f"Spell checking is off: the Enchant library could not be loaded ({error}). "
            f"Install it with: sudo apt-get install libenchant-2-2 {debian_package(tag)}",
        )
    try:
        with _BROKER:
            return EnchantDictionary(tag, enchant.Dict(tag))
    except enchant.errors.DictNotFoundError:
        installed = ", ".join(sorted(enchant.list_languages())) or "none"
        return MissingDictionary(
            tag,
            f"Spell checking is off: there is no {tag} dictionary (installed: {installed}). "
            f"Install it with: sudo apt-get install {debian_package(tag)}",
        )


def installed_tags() -> list[str]:
    """Tags of the installed Enchant dictionaries (empty when Enchant is missing)."""
    try:
        import enchant  # noqa: PLC0415
    except ImportError:
        return []
    with _BROKER:
        return sorted(str(t) for t in enchant.list_languages())
