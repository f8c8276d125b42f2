"""Where a project's files are, and the rule that chapter files stay inside `chapters/`."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from slugify import slugify as _slugify

from studio.errors import StudioError

STORY_FILE = "story.toml"
CHAPTERS_DIR = "chapters"
WORD_LIST_FILE = "dictionary.txt"
STATE_DIR = ".studio"


def chapter_file_path(root: Path, file: str, *, story_file: Path) -> Path:
    """The absolute path of a chapter's `file`, refusing anything outside `chapters/`.

    Refused: absolute paths, `..`, backslashes, and links that lead out of the folder.
    """
    refusal = StudioError(
        f"chapter file `{file}` is outside the project's chapters/ folder",
        path=story_file,
        hint="Chapter files must be inside chapters/, written like chapters/01-title.md",
    )
    pure = PurePosixPath(file)
    if "\\" in file or pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise refusal
    if pure.parts[0] != CHAPTERS_DIR or len(pure.parts) < 2:
        raise refusal
    path = root.joinpath(*pure.parts)
    chapters_dir = (root / CHAPTERS_DIR).resolve()
    if not path.resolve().is_relative_to(chapters_dir):
        raise refusal
    return path


def slugify(title: str, *, fallback: str = "chapter") -> str:
    """A file-name-friendly form of a title that keeps its word boundaries:
    "The Signal!" → "the-signal", "Johnlock—A Random Day" → "johnlock-a-random-day",
    "Don't Stop" → "dont-stop", "Соль и шум" → "sol-i-shum" (python-slugify, which
    spells other scripts in Latin letters with text-unidecode)."""
    text = re.sub(r"(?<=\w)['’ʼ](?=\w)", "", title)  # an apostrophe joins, never splits
    slug = _slugify(text, max_length=48, word_boundary=True, save_order=True)
    return slug or fallback
