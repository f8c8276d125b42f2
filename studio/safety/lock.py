"""The project lock, `.studio/lock`: one Studio edits a project at a time.

The lock file records the host, process id, user and since when; a running Studio
refreshes it now and then. A second Studio is told who holds it (and may open the
project read-only). A lock is stale, and is taken over, when its process is gone on
this host, or when it has not been refreshed for a long time (a crash on another
machine sharing a synced folder). A lock that cannot be read (garbage, a timestamp
without a time zone, a pid no system has, a host that is not text) is damaged: it
names nobody who could still be editing, so it is stale too, and is taken over with
a notice (`ProjectLock.notice`) rather than ever being a reason to run without one.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import socket
import stat
import tempfile
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from studio.errors import StudioError
from studio.safety.state import lock_path
from studio.storage import atomic_write_text

STALE_AFTER = timedelta(hours=12)
REFRESH_EVERY = timedelta(minutes=10)
MAX_PID = 1 << 22  # Linux's pid_max ceiling; macOS and BSDs stay far below it
MAX_LOCK_BYTES = 64 * 1024  # a lock is a few hundred bytes


@dataclass(frozen=True)
class LockInfo:
    host: str
    pid: int
    user: str
    since: datetime
    refreshed: datetime
    token: str
    proc_start: str | None = None

    @classmethod
    def for_this_process(cls) -> LockInfo:
        now = datetime.now(UTC)
        return cls(
            host=socket.gethostname(),
            pid=os.getpid(),
            user=_user(),
            since=now,
            refreshed=now,
            token=uuid.uuid4().hex,
            proc_start=process_start(os.getpid()),
        )

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "host": self.host,
                    "pid": self.pid,
                    "user": self.user,
                    "since": self.since.isoformat(timespec="seconds"),
                    "refreshed": self.refreshed.isoformat(timespec="seconds"),
                    "token": self.token,
                    "proc_start": self.proc_start,
                },
                indent=1,
            )
            + "\n"
        )

    @classmethod
    def from_json(cls, text: str) -> LockInfo | None:
        """The lock's fields, or None when any of them is damaged (see the module doc)."""
        try:
            data = json.loads(text)
            since = _aware(datetime.fromisoformat(data["since"]))
            refreshed = _aware(datetime.fromisoformat(data.get("refreshed") or data["since"]))
            host, pid, proc_start = data["host"], data["pid"], data.get("proc_start")
            if not isinstance(host, str) or isinstance(pid, bool) or not isinstance(pid, int):
                return None
            if not 0 < pid <= MAX_PID or not isinstance(proc_start, str | None):
                return None
            return cls(
                host=host,
                pid=pid,
                user=str(data.get("user", "")),
                since=since,
                refreshed=refreshed,
                token=str(data.get("token", "")),
                proc_start=proc_start,
            )
        except (ValueError, KeyError, TypeError, AttributeError, OverflowError, RecursionError):
            return None

    def is_stale(self, now: datetime | None = None) -> bool:
        """The holder is gone: a dead process on this host, or no sign of life for long."""
        now = now or datetime.now(UTC)
        try:
            if now - self.refreshed > STALE_AFTER:
                return True
        except (OverflowError, TypeError):  # a time no clock shows: the lock is damaged
            return True
        if self.host != socket.gethostname():
            return False
        if not pid_alive(self.pid):
            return True
        # The pid is alive but may belong to another program now (pids are reused).
        current = process_start(self.pid)
        return bool(self.proc_start and current and current != self.proc_start)

    def describe(self) -> str:
        try:
            since = f"{self.since.astimezone():%Y-%m-%d %H:%M}"
        except (OverflowError, ValueError, OSError):  # a time at the edge of the calendar
            since = self.since.isoformat()
        return f"{self.user or 'someone'} on {self.host} (process {self.pid}), since {since}"


class ProjectLockedError(StudioError):
    """Another Studio holds the project; `holder` says who and since when."""

    def __init__(self, path: Path, holder: LockInfo) -> None:
        self.holder = holder
        super().__init__(
            f"this story is open in another Studio: {holder.describe()}",
            path=path,
            hint="Open it read-only, or close it there first",
        )


class ProjectLock:
    """Holds `.studio/lock` for one open project."""

    def __init__(self, root: Path, info: LockInfo) -> None:
        self.root = root
        self.path = lock_path(root)
        self.info = info
        self.took_over: LockInfo | None = None
        self.took_over_damaged = False  # the lock found was unreadable, and was replaced

    @property
    def notice(self) -> str | None:
        """What the author should be told about taking this lock, or None."""
        if self.took_over is not None:
            return f"Took over the lock of a Studio that stopped: {self.took_over.describe()}."
        if self.took_over_damaged:
            return (
                f"The story's lock ({self.path}) was damaged and could not be read;"
                " Studio treated it as stale and took it over."
            )
        return None

    @classmethod
    def acquire(cls, root: Path, *, take_over_stale: bool = True) -> ProjectLock:
        """Take the lock, or raise ProjectLockedError naming the holder.

        A stale lock is taken over (and `took_over` says whose it was).
        """
        path = lock_path(root)
        lock = cls(root, LockInfo.for_this_process())
        if _create_exclusive(path, lock.info.to_json()):
            return lock
        holder = read_lock(root)
        if holder is None:
            # Gone meanwhile, or damaged: it names nobody still editing; take it, and say so.
            lock.took_over_damaged = path.exists() or path.is_symlink()
            lock._replace()
            return lock
        if take_over_stale and holder.is_stale():
            lock.took_over = holder
            lock._replace()
            return lock
        raise ProjectLockedError(root, holder)

    @classmethod
    def take_over(cls, root: Path) -> ProjectLock:
        """Take the lock whoever holds it (the author said the other Studio is gone)."""
        lock = cls(root, LockInfo.for_this_process())
        lock.took_over = read_lock(root)
        lock.took_over_damaged = lock.took_over is None and lock.path.exists()
        lock._replace()
        return lock

    def is_held(self) -> bool:
        """Still ours (another Studio may have taken it over meanwhile)."""
        current = read_lock(self.root)
        return current is not None and current.token == self.info.token

    def refresh(self) -> None:
        """Show we are alive, so other machines do not think the lock stale."""
        if not self.is_held():
            return
        self.info = replace(self.info, refreshed=datetime.now(UTC))
        self._replace()

    def release(self) -> None:
        if self.is_held():
            with contextlib.suppress(OSError):
                self.path.unlink()

    def _replace(self) -> None:
        atomic_write_text(self.path, self.info.to_json())


def read_lock(root: Path) -> LockInfo | None:
    """The lock's holder; None when there is no lock or it is damaged.

    Only a small regular file is read: a FIFO, a device or a huge file put there is a
    damaged lock, never a reason to hang or fill memory.
    """
    path = lock_path(root)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_LOCK_BYTES:
            return None
        data = os.read(fd, MAX_LOCK_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    try:
        return LockInfo.from_json(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _aware(moment: datetime) -> datetime:
    """A lock's times must say their zone; one that does not is damaged (ValueError)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a lock time without a time zone")
    return moment.astimezone(UTC)  # OverflowError for a time no clock can show


def pid_alive(pid: int) -> bool:
    if not 0 < pid <= MAX_PID:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def process_start(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), to spot reused pids."""
    try:
        record = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = record.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else None


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _create_exclusive(path: Path, text: str) -> bool:
    """Create `path` holding `text` only if it does not exist, never half-written.

    The text goes to a temporary file first, then `os.link` puts it in place; link
    fails if the lock exists, so two Studios starting together cannot both win.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".lock.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _lock_error(path, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            return False
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            return _create_exclusive_without_links(path, text)
        return True
    except OSError as exc:
        raise _lock_error(path, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)


_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


def _create_exclusive_without_links(path: Path, text: str) -> bool:
    """For file systems without hard links (FAT, some synced folders): O_EXCL create."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def _lock_error(path: Path, exc: OSError) -> StudioError:
    folder = path.parent
    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        return StudioError(
            "is not a folder, so Studio cannot keep the story's lock, journal and backups",
            path=folder,
            hint="Move that file aside and open the story again",
        )
    return StudioError(
        f"could not lock the story ({exc.strerror or exc})",
        path=path,
        hint="Check that you may write to the story's folder, or open it read-only",
    )
