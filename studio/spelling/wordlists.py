"""The words a story accepts besides the dictionary's.

- the story's own list (`dictionary.txt` in the project, see docs/project-format.md),
- the author's personal list, `dictionary.txt` in Studio's user data folder
  (platformdirs; honours XDG_DATA_HOME), shared by every story,
- names from the metadata: characters, relationships, fandoms, authors, and the
  titles and artists of the story's songs.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from platformdirs import user_data_path

from studio.errors import StudioError
from studio.resources import resource_path
from studio.spelling.tokens import TOKEN
from studio.storage import atomic_write_text
from studio.story.project import Project, read_utf8

PERSONAL_FILE = "dictionary.txt"


def personal_word_list_file() -> Path:
    return user_data_path("studio", appauthor=False) / PERSONAL_FILE


def personal_words() -> list[str]:
    path = personal_word_list_file()
    if not path.is_file():
        return []
    text = read_utf8(path)
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


def add_personal_word(word: str) -> None:
    """Append `word` to the personal list (created on first use); repeats are skipped."""
    word = word.strip()
    if re.search(r"\s", word) or not word:
        raise StudioError(f"“{word}” is not one word; the word list takes one word per line")
    if word in personal_words():
        return
    path = personal_word_list_file()
    old = read_utf8(path) if path.is_file() else ""
    if old and not old.endswith("\n"):
        old += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, f"{old}{word}\n")


def metadata_names(project: Project) -> set[str]:
    """Every word of the names in the story's metadata ("Maren Holt/Ezra Vance" → 4)."""
    work = project.work
    phrases = [
        *work.characters,
        *work.relationships,
        *work.fandoms,
        *work.authors,
    ]
    for song in project.songs.values():
        phrases += [song.title, song.artist, song.album, *song.writers]
    return {word for phrase in phrases for word in TOKEN.findall(phrase) if word}


def checks_caps(project: Project) -> bool:
    """`[spelling] check_caps = true`: check ALL-CAPS words too (skipped by default,
    since shouting in fiction is mostly "NO" and "STOP", and acronyms)."""
    table = project.doc.get("spelling", {})
    return bool(table.get("check_caps", False))


@cache
def fandom_words() -> frozenset[str]:
    """Words of fan fiction every story accepts (`resources/rules/fandom-words.txt`):
    songfic, drabble, WIP, headcanon… They are in tags and notes of every fic."""
    text = resource_path("rules", "fandom-words.txt").read_text(encoding="utf-8")
    words = {line.strip() for line in text.splitlines() if line.strip()}
    return frozenset(w for w in words if not w.startswith("#"))


def accepted_words(project: Project) -> set[str]:
    return {*project.word_list(), *personal_words(), *metadata_names(project), *fandom_words()}
