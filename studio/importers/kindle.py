"""Kindle books (AZW3, MOBI), as the Archive builds them with calibre: read through
calibre's own `ebook-convert` into an EPUB, then as any EPUB.

The Kindle formats are calibre's to read (their records, compression and markup are
its code, not a parser to copy), so the conversion uses the installed calibre, in a
private folder, with a time limit and no network. Without calibre the file is
refused with a clear error saying what to do instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from studio.errors import StudioError

TIMEOUT = 120  # seconds; a fic converts in one or two


def is_kindle(data: bytes) -> bool:
    """A Mobipocket database (MOBI, AZW, AZW3): "BOOKMOBI" at byte 60."""
    return data[60:68] == b"BOOKMOBI"


def to_epub(path: Path) -> bytes:
    """The book as EPUB bytes, converted by calibre."""
    convert = shutil.which("ebook-convert")
    if convert is None:
        raise StudioError(
            "is a Kindle book (AZW3 or MOBI), which Studio reads with calibre",
            path=path,
            hint="Install calibre (ebook-convert), or download the work as EPUB or HTML",
        )
    with tempfile.TemporaryDirectory(prefix="studio-kindle-") as folder:
        work = Path(folder)
        source = work / ("book" + (path.suffix.lower() or ".azw3"))
        shutil.copyfile(path, source)
        target = work / "book.epub"
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(work),
            "LANG": "C.UTF-8",
            "CALIBRE_CONFIG_DIRECTORY": str(work / "calibre"),
        }
        try:
            done = subprocess.run(
                [convert, str(source), str(target)],
                capture_output=True,
                timeout=TIMEOUT,
                env=env,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StudioError(f"calibre could not convert it ({exc})", path=path) from None
        if done.returncode != 0 or not target.is_file():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise StudioError(
                f"calibre could not read this Kindle book ({tail[0]})",
                path=path,
                hint="Download the work again, or as EPUB or HTML",
            )
        return target.read_bytes()
