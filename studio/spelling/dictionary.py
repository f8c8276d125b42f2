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
# Which Enchant provider answers, the same on every machine. Debian's enchant.ordering
# prefers Aspell for en_AU/en_CA/en_GB/en_US, so a machine that also has aspell-en would
# check English with Aspell (which accepts "til", say) and one without it with Hunspell.
# Studio asks Hunspell first everywhere; the other providers answer only for languages
# Hunspell has no dictionary for.
PROVIDER_ORDER = "hunspell,nuspell,aspell"
_broker: Any = None
# Hunspell is not safe to call from two threads at once, and the broker hands out one
# shared Dict per tag: the window checks spelling on two workers (the spelling layer's
# and proofreading's underlines), and two checks at once crashed the process. Every
# call into a Dict holds this one lock. A check takes microseconds; a suggestion can take
# tens of milliseconds, so one caller's suggestions can delay another's checks that long.
_DICT_CALLS = threading.Lock()


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
        with _DICT_CALLS:
            return bool(self._dict.check(word))

    def suggest(self, word: str) -> list[str]:
        with _DICT_CALLS:
            return [str(s) for s in self._dict.suggest(word)]

    @property
    def provider(self) -> str:
        with _DICT_CALLS:
            return str(self._dict.provider.name)


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
            return EnchantDictionary(tag, _studio_broker(enchant, tag).request_dict(tag))
    except enchant.errors.DictNotFoundError:
        installed = ", ".join(installed_tags()) or "none"
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
        return sorted(str(t) for t in _studio_broker(enchant).list_languages())


def _studio_broker(enchant: Any, tag: str = "") -> Any:
    """Studio's own Enchant broker, with PROVIDER_ORDER for every tag (call under _BROKER).

    A tag-specific line in the system's enchant.ordering overrides the "*" line, so the
    order is set for the requested tag too.
    """
    global _broker  # noqa: PLW0603  (one broker per process, made on first use)
    if _broker is None:
        _broker = enchant.Broker()
        _broker.set_ordering("*", PROVIDER_ORDER)
    if tag:
        _broker.set_ordering(tag, PROVIDER_ORDER)
    return _broker


def provider_name(dictionary: Dictionary) -> str:
    """The Enchant provider behind a dictionary ("hunspell"), or "" when there is none."""
    if isinstance(dictionary, EnchantDictionary):
        return str(dictionary.provider)
    return ""
