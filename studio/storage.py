"""Safe file reads and atomic file writes.

Reads: `read_regular_file` reads only regular files (never a FIFO, a device or a
socket, which could block forever or never end) and only up to a size limit, so a
hostile or mistaken file gives a StudioError instead of a hang or a full memory.

Writes: a crash or power cut leaves the old file or the new one.

The new content goes to a temporary file in the same folder, is flushed and
fsynced, and is renamed over the target; the folder is fsynced so the rename itself
survives a power cut. A failure (disk full, permission denied) removes the
temporary file, leaves the old file untouched and raises StudioError.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from studio.errors import StudioError, printable

MAX_TEXT_BYTES = 256 * 1024 * 1024  # a million-word story is ~6 MB; this is not a story


def read_regular_file(path: Path, *, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of the regular file at `path` (links followed), or StudioError.

    Refused with a clear StudioError: FIFOs, devices, sockets and folders, files over
    `limit` bytes (also one that grows past it while being read), link loops, names
    too long for the file system, names holding NUL. The file is opened without
    blocking, so a FIFO is refused at once rather than waiting for a writer.
    FileNotFoundError is raised as it is, for callers that treat "gone" specially.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except ValueError:  # NUL in the name
        raise StudioError("has a NUL character in its name", path=printable(str(path))) from None
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _read_error(path, exc) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise StudioError("is a folder, not a file", path=path)
        if not stat.S_ISREG(info.st_mode):
            raise StudioError(
                f"is {_kind(info.st_mode)}, not a regular file; Studio reads only regular files",
                path=path,
                hint="Replace it with a plain text file",
            )
        if info.st_size > limit:
            raise _too_big(path, limit)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise _too_big(path, limit)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _read_error(path, exc) from None
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """Whether `path` is a regular file (links followed); never raises, never blocks."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _too_big(path: Path, limit: int) -> StudioError:
    return StudioError(
        f"is larger than {limit / (1 << 20):g} MB; that is not a story file",
        path=path,
        hint="Check this is the right file",
    )


def _read_error(path: Path, exc: OSError) -> StudioError:
    if exc.errno == errno.ELOOP:
        return StudioError(
            "is a link that leads back to itself (a link loop)",
            path=path,
            hint="Replace the link with the file it should point to",
        )
    if exc.errno == errno.ENAMETOOLONG:
        return StudioError(
            "has a name too long for the file system (over 255 bytes)",
            path=printable(str(path)),
            hint="Give it a shorter name",
        )
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StudioError("Studio may not read this file", path=path, hint="Check its permissions")
    return StudioError(f"could not be read ({exc.strerror or exc})", path=path)


def atomic_write_bytes(
    path: Path, data: bytes, *, just_before: Callable[[], None] | None = None
) -> None:
    """Replace `path` with `data` so that readers only ever see old or new.

    `just_before()` runs when the new file is complete and on disk, immediately before
    the rename: whatever it raises, nothing is replaced (the compare-with-disk of the
    window's session runs there, so no fsync lies between the compare and the rename).
    """
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
        if just_before is not None:
            just_before()
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from exc
        raise
    _fsync_folder(folder)


def atomic_write_text(
    path: Path, text: str, *, just_before: Callable[[], None] | None = None
) -> None:
    """Write `text` as UTF-8, exactly as given (no newline translation)."""
    atomic_write_bytes(path, text.encode("utf-8"), just_before=just_before)


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
