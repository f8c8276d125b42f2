"""Small real file systems for the write-failure tests (tmpfs, mounted as root)."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def can_mount() -> bool:
    if os.environ.get("STUDIO_TEST_NO_MOUNT"):
        return False  # to exercise the injected-error path on a machine that can mount
    return os.geteuid() == 0 and Path("/proc/filesystems").read_text().find("tmpfs") >= 0


@contextlib.contextmanager
def tmpfs(where: Path, size_kb: int) -> Iterator[Path | None]:
    """A size-limited tmpfs at `where`, or None when this machine will not mount one."""
    where.mkdir(parents=True, exist_ok=True)
    if not can_mount():
        yield None
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def remount_read_only(where: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)


def fill(folder: Path) -> int:
    """Fill the disk under `folder` until it refuses another byte; returns bytes written."""
    written = 0
    chunk = b"\0" * 4096
    with (folder / "filler.bin").open("wb", buffering=0) as handle:
        try:
            while True:
                written += handle.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    with contextlib.suppress(OSError), (folder / "filler2.bin").open("wb", buffering=0) as h:
        while h.write(b"\0"):
            written += 1
    return written


@contextlib.contextmanager
def refused_writes(root: Path, code: int) -> Iterator[None]:
    """Where no small disk can be mounted: the OS refuses every new file under `root`
    (as a full or read-only disk would), with the errno `code`. Only Studio's temporary
    files are created this way (atomic writes, journal entries, backups)."""
    real_mkstemp = tempfile.mkstemp

    def refusing_mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        folder = Path(kwargs.get("dir") or ".").resolve()
        if folder.is_relative_to(root.resolve()):
            raise OSError(code, os.strerror(code))
        return real_mkstemp(*args, **kwargs)

    tempfile.mkstemp = refusing_mkstemp  # type: ignore[assignment]
    try:
        yield
    finally:
        tempfile.mkstemp = real_mkstemp


@contextlib.contextmanager
def trouble(disk: Path | None, root: Path, kind: str) -> Iterator[None]:
    """A full (`kind="full"`) or read-only disk under `root` for the time of the block:
    the real thing on a tmpfs when `disk` is one, else the injected error."""
    if disk is None:
        with refused_writes(root, errno.ENOSPC if kind == "full" else errno.EROFS):
            yield
        return
    if kind == "full":
        fill(disk)
    else:
        remount_read_only(disk)
    try:
        yield
    finally:
        if kind == "full":
            for filler in disk.glob("filler*.bin"):
                filler.unlink()
        else:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
