"""Small real file systems for the write-failure tests (tmpfs, mounted as root)."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path


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
