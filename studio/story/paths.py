"""Where a project's files are, and the rule that chapter files stay inside `chapters/`."""

from __future__ import annotations

import errno
import re
import unicodedata
from pathlib import Path, PurePosixPath

from studio.errors import StudioError, printable

NAME_MAX_BYTES = 255  # the longest file name (one path part) ext4, APFS and NTFS allow

STORY_FILE = "story.toml"
CHAPTERS_DIR = "chapters"
WORD_LIST_FILE = "dictionary.txt"
STATE_DIR = ".studio"


def chapter_file_path(root: Path, file: str, *, story_file: Path) -> Path:
    """The absolute path of a chapter's `file`, refusing anything outside `chapters/`.

    Refused: absolute paths, `..`, backslashes, and links that lead out of the folder;
    names no file system can hold (NUL, a part over 255 bytes) and link loops, each as
    a StudioError naming story.toml, the entry and what to do.
    """
    shown = printable(file)
    refusal = StudioError(
        f"chapter file `{shown}` is outside the project's chapters/ folder",
        path=story_file,
        hint="Chapter files must be inside chapters/, written like chapters/01-title.md",
    )
    fix = f"Rename the file and its [[chapters]] entry in {STORY_FILE}, or remove the entry"
    if "\0" in file:
        raise StudioError(
            f"chapter file `{shown}` has a NUL character in its name", path=story_file, hint=fix
        )
    if any(len(part.encode("utf-8", "surrogatepass")) > NAME_MAX_BYTES for part in file.split("/")):
        raise StudioError(
            f"chapter file `{shown}` has a name over {NAME_MAX_BYTES} bytes,"
            " longer than file systems allow",
            path=story_file,
            hint=fix,
        )
    pure = PurePosixPath(file)
    if "\\" in file or pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise refusal
    if pure.parts[0] != CHAPTERS_DIR or len(pure.parts) < 2:
        raise refusal
    path = root.joinpath(*pure.parts)
    try:
        chapters_dir = (root / CHAPTERS_DIR).resolve()
        resolved = path.resolve()
    except (RuntimeError, OSError) as exc:  # 3.11 raises RuntimeError for a link loop
        raise StudioError(
            f"chapter file `{shown}` is a link that leads back to itself (a link loop)"
            if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP
            else f"chapter file `{shown}` cannot be found ({exc})",
            path=story_file,
            hint=f"Replace the link with the chapter's file, or remove its entry in {STORY_FILE}",
        ) from None
    if not resolved.is_relative_to(chapters_dir):
        raise refusal
    return path


def slugify(title: str, *, fallback: str = "chapter") -> str:
    """A file-name-friendly form of a title: "The Signal!" → "the-signal"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:48].rstrip("-") or fallback
