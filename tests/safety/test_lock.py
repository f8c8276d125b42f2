"""The project lock: who holds it and since when, stale locks taken over, races lost cleanly."""

from __future__ import annotations

import getpass
import json
import os
import socket
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studio.safety import LockInfo, ProjectLock, ProjectLockedError
from studio.safety.lock import read_lock


def _write_lock(root: Path, **fields: object) -> None:
    now = datetime.now(UTC).isoformat()
    data = {
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "user": "maren",
        "since": now,
        "refreshed": now,
        "token": "theirs",
        "proc_start": None,
    }
    data.update(fields)
    (root / ".studio").mkdir(exist_ok=True)
    (root / ".studio" / "lock").write_text(json.dumps(data), encoding="utf-8")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_lock_records_host_pid_user_and_since(story: Path) -> None:
    lock = ProjectLock.acquire(story)
    info = read_lock(story)
    assert info is not None
    assert info.host == socket.gethostname()
    assert info.pid == os.getpid()
    assert info.user == getpass.getuser()
    assert abs(datetime.now(UTC) - info.since) < timedelta(seconds=5)
    assert lock.is_held()
    lock.release()
    assert not (story / ".studio" / "lock").exists()


def test_a_second_studio_is_told_who_holds_it(story: Path) -> None:
    _write_lock(
        story,
        user="maren",
        host="harbour-laptop",
        since="2026-11-20T09:30:00+00:00",
        refreshed=datetime.now(UTC).isoformat(),
        pid=4242,
    )
    with pytest.raises(ProjectLockedError) as caught:
        ProjectLock.acquire(story)
    assert caught.value.holder.user == "maren"
    assert "maren on harbour-laptop (process 4242), since 2026-11-20" in str(caught.value)
    assert "read-only" in str(caught.value)
    assert read_lock(story).token == "theirs"  # type: ignore[union-attr]


def test_a_lock_left_by_a_dead_process_on_this_host_is_taken_over(story: Path) -> None:
    dead = _dead_pid()
    _write_lock(story, pid=dead)
    lock = ProjectLock.acquire(story)
    assert lock.took_over is not None and lock.took_over.pid == dead
    assert read_lock(story).pid == os.getpid()  # type: ignore[union-attr]


def test_a_very_old_lock_from_another_machine_is_stale_a_fresh_one_is_not(story: Path) -> None:
    old = (datetime.now(UTC) - timedelta(days=2)).isoformat()
    _write_lock(story, host="elsewhere", pid=1, since=old, refreshed=old)
    assert read_lock(story).is_stale()  # type: ignore[union-attr]
    _write_lock(story, host="elsewhere", pid=1)
    assert not read_lock(story).is_stale()  # type: ignore[union-attr]
    with pytest.raises(ProjectLockedError):
        ProjectLock.acquire(story)


def test_a_reused_pid_is_recognised_by_its_start_time(story: Path) -> None:
    _write_lock(story, pid=os.getpid(), proc_start="1")
    assert read_lock(story).is_stale()  # type: ignore[union-attr]
    mine = LockInfo.for_this_process()
    assert not mine.is_stale()


def test_release_leaves_a_lock_someone_else_took_over(story: Path) -> None:
    first = ProjectLock.acquire(story)
    second = ProjectLock.take_over(story)
    assert second.took_over is not None and second.took_over.token == first.info.token
    assert not first.is_held() and second.is_held()
    first.release()
    first.refresh()
    assert read_lock(story).token == second.info.token  # type: ignore[union-attr]


def test_refresh_keeps_since_and_moves_refreshed(story: Path) -> None:
    lock = ProjectLock.acquire(story)
    since = lock.info.since
    lock.refresh()
    info = read_lock(story)
    assert info is not None and info.since == since.replace(microsecond=0)
    assert info.refreshed >= info.since


def test_two_studios_starting_together_cannot_both_win(story: Path) -> None:
    results: list[str] = []
    barrier = threading.Barrier(8)

    def contend() -> None:
        barrier.wait()
        try:
            ProjectLock.acquire(story)
            results.append("won")
        except ProjectLockedError:
            results.append("lost")

    threads = [threading.Thread(target=contend) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["lost"] * 7 + ["won"]
    assert not list((story / ".studio").glob(".lock.*"))


def test_a_damaged_lock_is_taken(story: Path) -> None:
    (story / ".studio").mkdir()
    (story / ".studio" / "lock").write_text("{half", encoding="utf-8")
    assert ProjectLock.acquire(story).is_held()
