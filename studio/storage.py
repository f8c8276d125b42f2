"""Atomic file writes: a crash or power cut leaves the old file or the new one.

The new content goes to a temporary file in the same folder, is flushed and
fsynced, and is renamed over the target; the folder is fsynced so the rename itself
survives a power cut. A failure (disk full, permission denied) removes the
temporary file, leaves the old file untouched and raises StudioError.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from studio.errors import StudioError


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers only ever see old or new."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _write_error(path, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _write_error(path, exc) from exc
    _fsync_folder(folder)


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` as UTF-8, exactly as given (no newline translation)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0o666 & ~umask."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot open folders, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_error(path: Path, exc: OSError) -> StudioError:
    reason = exc.strerror or str(exc)
    hints = {
        28: "Free some space on that disk; your text is still in Studio",
        13: "Check that you may write to this folder; your text is still in Studio",
        30: "The disk is read-only; save the project somewhere else",
    }
    hint = hints.get(exc.errno or 0, "Your text is still in Studio; try saving again")
    return StudioError(f"could not save ({reason})", path=path, hint=hint)
