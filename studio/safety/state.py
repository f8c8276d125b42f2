"""Where Studio keeps its own state inside a project: the `.studio/` folder."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path

from studio.story.paths import CHAPTERS_DIR, STATE_DIR

JOURNAL_DIR = "journal"
BACKUPS_DIR = "backups"
LOCK_FILE = "lock"


def state_dir(root: Path) -> Path:
    return root / STATE_DIR


def journal_dir(root: Path) -> Path:
    return state_dir(root) / JOURNAL_DIR


def backups_dir(root: Path) -> Path:
    return state_dir(root) / BACKUPS_DIR


def lock_path(root: Path) -> Path:
    return state_dir(root) / LOCK_FILE


def is_temp_name(name: str) -> bool:
    """Temporary files: ours (`.name.xxxx.tmp` from atomic writes) and common editors'."""
    return (
        name.startswith((".", "#"))
        or name.endswith(("~", ".tmp", ".swp", ".swx", ".part"))
        or name == "4913"  # vim's "can I write here" probe
    )


_OUR_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def sweep_temp_files(root: Path, extra: Iterable[Path] = ()) -> list[Path]:
    """Remove temporary files left by a write that was killed half-way.

    Only Studio's own pattern (`.name.XXXXXXXX.tmp` from tempfile.mkstemp), and only in
    the folders Studio writes to (and `extra` ones a feature writes to). Call it while
    holding the project lock, so no other Studio is in the middle of a write.
    """
    folders = [root, state_dir(root), journal_dir(root), backups_dir(root), *extra]
    chapters = root / CHAPTERS_DIR
    if chapters.is_dir():
        folders += [chapters, *(p for p in chapters.rglob("*") if p.is_dir())]
    removed = []
    for folder in folders:
        try:
            names = list(folder.iterdir())
        except OSError:
            continue
        for path in names:
            if _OUR_TEMP.match(path.name) and path.is_file():
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed
