"""Item 6: a damaged lock is stale (and Studio says so); it never turns safety off.

Each lock below is written by a separate process, the way another program or a sync
tool would leave it, then taken with the real ProjectLock on real files.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studio.safety import ProjectLock
from studio.safety.lock import read_lock


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _fields(**changes: object) -> bytes:
    data: dict[str, object] = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "user": "maren",
        "since": _now(),
        "refreshed": _now(),
        "token": "theirs",
        "proc_start": None,
    }
    data.update(changes)
    return json.dumps(data).encode()


NAIVE = datetime.now().replace(tzinfo=None).isoformat()
DAMAGED: dict[str, bytes] = {
    "naive since": _fields(since=NAIVE, refreshed=NAIVE),
    "naive refreshed": _fields(refreshed=NAIVE),
    "pid too large": _fields(pid=2**80),
    "pid negative": _fields(pid=-5),
    "pid zero": _fields(pid=0),
    "pid as text": _fields(pid="12"),
    "pid as bool": _fields(pid=True),
    "pid as float": _fields(pid=1e300),
    "host a list": _fields(host=["a"]),
    "time at the calendar's edge": _fields(
        since="0001-01-01T00:00:00+14:00", refreshed="0001-01-01T00:00:00+14:00"
    ),
    "time a number": _fields(since=5, refreshed=5),
    "proc_start a dict": _fields(proc_start={"a": 1}),
    "not json": b"\x00\xff garbage {{{",
    "json list": b"[1, 2, 3]",
    "empty": b"",
    "deep nesting": b"[" * 100_000,
    "not utf-8": b'{"host": "\xff"}',
}


def _write_from_another_process(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    code = "import sys; open(sys.argv[1], 'wb').write(sys.stdin.buffer.read())"
    subprocess.run([sys.executable, "-c", code, str(path)], input=data, check=True)


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_a_damaged_lock_is_stale_and_taken_over_with_a_notice(tmp_path: Path, kind: str) -> None:
    lock_file = tmp_path / ".studio" / "lock"
    _write_from_another_process(lock_file, DAMAGED[kind])
    lock = ProjectLock.acquire(tmp_path)
    assert lock.is_held()
    assert lock.notice is not None and "damaged" in lock.notice
    assert str(lock_file) in lock.notice
    holder = read_lock(tmp_path)
    assert holder is not None and holder.token == lock.info.token
    lock.release()
    assert not lock_file.exists()


def test_a_fifo_as_the_lock_is_damaged_and_never_blocks(tmp_path: Path) -> None:
    lock_file = tmp_path / ".studio" / "lock"
    lock_file.parent.mkdir()
    os.mkfifo(lock_file)
    assert read_lock(tmp_path) is None  # returns at once: no writer will ever come
    lock = ProjectLock.acquire(tmp_path)
    assert lock.is_held() and lock.notice is not None
    assert lock_file.is_file()


def test_a_huge_lock_file_is_damaged(tmp_path: Path) -> None:
    lock_file = tmp_path / ".studio" / "lock"
    lock_file.parent.mkdir()
    with open(lock_file, "wb") as handle:
        handle.truncate(1 << 33)  # sparse 8 GB
    lock = ProjectLock.acquire(tmp_path)
    assert lock.is_held() and lock.notice is not None


def test_a_sound_lock_of_a_dead_process_still_names_its_holder(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    _write_from_another_process(tmp_path / ".studio" / "lock", _fields(pid=child.pid))
    lock = ProjectLock.acquire(tmp_path)
    assert lock.took_over is not None and lock.notice is not None
    assert "Took over the lock" in lock.notice and "damaged" not in lock.notice


def test_a_fresh_lock_has_no_notice(tmp_path: Path) -> None:
    lock = ProjectLock.acquire(tmp_path)
    assert lock.notice is None and not lock.took_over_damaged
