"""Watch a project folder (watchdog) and report what changed, by content, once per burst.

Events are only hints: when the folder has been quiet for a moment, each hinted file is
read and compared with what Studio last wrote or loaded (the ContentLedger). That turns
the half a dozen events of one atomic save (temp file created, written, renamed) into
one change, ignores Studio's own writes, and classifies by what is on disk now:
chapter changed, added or removed, or story.toml changed.

Nothing here reads a file on the caller's thread: `start` only arranges the watches
(no file is opened), and the first scan, which records what every relevant file holds
when the watching begins, is the worker thread's first job (issue 14 item 9: a window
opening a story must never wait on its files, let alone on a FIFO or a slow disk).
Events that come during that scan wait for it and are compared after it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from studio.errors import StudioError
from studio.safety.ledger import ABSENT, ContentLedger
from studio.safety.state import is_temp_name
from studio.storage import read_regular_file
from studio.story.paths import CHAPTERS_DIR, STATE_DIR, STORY_FILE

log = logging.getLogger(__name__)

CHAPTER_SUFFIXES = (".md", ".markdown")


class ChangeKind(Enum):
    CHAPTER_CHANGED = "chapter-changed"
    CHAPTER_ADDED = "chapter-added"
    CHAPTER_REMOVED = "chapter-removed"
    STORY_CHANGED = "story-changed"


@dataclass(frozen=True)
class Change:
    """One file that is now different on disk from what Studio knew."""

    kind: ChangeKind
    file: str  # relative, with forward slashes: chapters/01-x.md, story.toml
    path: Path
    data: bytes | None  # the content now on disk; None when the file is gone
    old_digest: str = ABSENT  # digest of what Studio knew before (to spot renames)

    def text(self) -> str:
        """The new content as text, or a StudioError if it is not UTF-8."""
        if self.data is None:
            raise StudioError("the file is gone", path=self.path)
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = self.data.count(b"\n", 0, exc.start) + 1
            raise StudioError(
                "changed on disk and is no longer UTF-8 text",
                path=self.path,
                line=line,
                hint="Re-save it as UTF-8 in the other program",
            ) from None


def relevant(file: str) -> bool:
    """story.toml, or a chapter Markdown file under chapters/ (not a temporary file)."""
    pure = PurePosixPath(file)
    if file == STORY_FILE:
        return True
    return (
        len(pure.parts) >= 2
        and pure.parts[0] == CHAPTERS_DIR
        and pure.suffix.lower() in CHAPTER_SUFFIXES
        and not any(is_temp_name(part) for part in pure.parts)
    )


def scan(root: Path) -> dict[str, bytes]:
    """The content of every relevant file in the project now."""
    found: dict[str, bytes] = {}
    candidates = [root / STORY_FILE, *sorted((root / CHAPTERS_DIR).rglob("*"))]
    for path in candidates:
        file = path.relative_to(root).as_posix()
        if relevant(file):
            data = _read(path)
            if data is not None:
                found[file] = data
    return found


class ProjectWatcher:
    """Reports changes under `root` to `on_changes`, from the watcher's own thread."""

    def __init__(
        self,
        root: Path,
        on_changes: Callable[[list[Change]], None],
        *,
        ledger: ContentLedger | None = None,
        quiet: float = 0.15,
        max_wait: float = 0.6,
    ) -> None:
        self.root = root.resolve()
        self.on_changes = on_changes
        self.ledger = ledger or ContentLedger()
        self.quiet = quiet
        self.max_wait = max_wait
        self._pending: set[str] = set()
        self._rescan = False
        self._first_event = 0.0
        self._last_event = 0.0
        self._cond = threading.Condition()
        self._stopping = False
        self._reporting = False  # files taken from _pending, not yet reported
        self._observer: Observer | None = None  # type: ignore[valid-type]
        self._worker: threading.Thread | None = None
        self._handler = _Handler(self)
        self._chapters_watch: ObservedWatch | None = None
        self._scanned = threading.Event()  # the first scan is in the ledger

    # -- life cycle ----------------------------------------------------------------

    def start(self) -> None:
        """Begin watching; returns at once, without reading any file (see module)."""
        self._scanned.clear()
        self._stopping = False
        self._worker = threading.Thread(target=self._run, name="studio-watcher", daemon=True)
        self._worker.start()
        observer = Observer()
        observer.daemon = True
        # The root alone (story.toml, and chapters/ itself coming and going), then
        # chapters/ with its subfolders: never .studio/ or a big .git/ folder.
        observer.schedule(self._handler, str(self.root), recursive=False)
        observer.start()
        self._observer = observer
        self._watch_chapters()

    def _watch_chapters(self) -> None:
        """(Re)watch chapters/ after it was created, removed or replaced."""
        observer = self._observer
        if observer is None:
            return
        if self._chapters_watch is not None:
            with contextlib.suppress(KeyError, OSError):
                observer.unschedule(self._chapters_watch)
            self._chapters_watch = None
        folder = self.root / CHAPTERS_DIR
        if folder.is_dir():
            try:
                self._chapters_watch = observer.schedule(self._handler, str(folder), recursive=True)
            except OSError:
                log.exception("cannot watch %s", folder)

    def stop(self) -> None:
        observer, self._observer = self._observer, None
        self._chapters_watch = None
        if observer is not None:
            observer.stop()
            observer.join(timeout=2)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=2)
            self._worker = None

    @property
    def running(self) -> bool:
        return self._observer is not None

    @property
    def watching_chapters(self) -> bool:
        """Whether chapters/ is watched now (it is watched again once it comes back)."""
        return self._chapters_watch is not None

    @property
    def idle(self) -> bool:
        """The first scan is done, no event is waiting for its quiet period and no
        report is being made."""
        if not self._scanned.is_set():
            return False
        with self._cond:
            return not (self._pending or self._rescan or self._reporting)

    def wait_until_scanned(self, timeout: float | None = None) -> bool:
        """Block until the first scan is in the ledger (for callers that must know the
        baseline is taken before they change files; never the GUI thread)."""
        return self._scanned.wait(timeout)

    def _first_scan(self) -> None:
        """Record what every relevant file holds now, unless Studio already knows it
        (a chapter it loaded, story.toml): the worker's first job."""
        try:
            for file, data in scan(self.root).items():
                self.ledger.remember_if_unknown(file, data)
        except Exception:  # a folder that vanished mid-scan: the events will tell
            log.exception("the first scan of %s failed", self.root)
        finally:
            self._scanned.set()

    # -- events (watchdog's thread) ------------------------------------------------

    def hint(self, paths: Iterable[str], *, is_directory: bool = False) -> None:
        files = []
        for raw in paths:
            file = self._relative(raw)
            if file is None or file.split("/", 1)[0] == STATE_DIR:
                continue
            if is_directory or relevant(file):
                files.append(file)
        if not files:
            return
        now = time.monotonic()
        with self._cond:
            if not self._pending and not self._rescan:
                self._first_event = now
            self._last_event = now
            if is_directory:
                self._rescan = True
            self._pending.update(f for f in files if relevant(f))
            self._cond.notify_all()

    def _relative(self, raw: str) -> str | None:
        try:
            return Path(raw).relative_to(self.root).as_posix()
        except ValueError:
            return None

    # -- the worker: wait for quiet, then compare ---------------------------------

    def _run(self) -> None:
        self._first_scan()
        while True:
            with self._cond:
                while not (self._pending or self._rescan or self._stopping):
                    self._cond.wait()
                if self._stopping:
                    return
                while not self._stopping:
                    now = time.monotonic()
                    quiet_at = self._last_event + self.quiet
                    latest = self._first_event + self.max_wait
                    due = min(quiet_at, latest)
                    if now >= due:
                        break
                    self._cond.wait(due - now)
                if self._stopping:
                    return
                files, rescan = set(self._pending), self._rescan
                self._pending.clear()
                self._rescan = False
                self._reporting = True
            try:
                if rescan:
                    self._watch_chapters()
                changes = self.compare(files, rescan=rescan)
                if changes:
                    self.on_changes(changes)
            except Exception:  # the watcher must outlive one bad callback
                log.exception("reporting folder changes failed")
            finally:
                with self._cond:
                    self._reporting = False

    def compare(self, files: set[str], *, rescan: bool = False) -> list[Change]:
        """Read `files` (or everything, after a folder event) and report what differs."""
        if rescan:
            on_disk = scan(self.root)
            files = files | set(on_disk) | set(self.ledger.files())
        changes = []
        for file in sorted(files, key=lambda f: (f != STORY_FILE, f)):
            path = self.root / file
            data = _read(path)
            old_digest = self.ledger.digest_of(file)
            changed, was_present = self.ledger.update(file, data)
            if not changed:
                continue
            if file == STORY_FILE:
                if data is not None:
                    changes.append(Change(ChangeKind.STORY_CHANGED, file, path, data, old_digest))
                continue
            if data is None:
                kind = ChangeKind.CHAPTER_REMOVED
            elif was_present:
                kind = ChangeKind.CHAPTER_CHANGED
            else:
                kind = ChangeKind.CHAPTER_ADDED
            changes.append(Change(kind, file, path, data, old_digest))
        return changes


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: ProjectWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # every file created in a folder "modifies" it; the file's own event counts
        paths = [_as_str(event.src_path)]
        dest = getattr(event, "dest_path", "")
        if dest:
            paths.append(_as_str(dest))
        self.watcher.hint(paths, is_directory=event.is_directory)


def _as_str(path: str | bytes) -> str:
    return path.decode() if isinstance(path, bytes) else path


def _read(path: Path) -> bytes | None:
    """A relevant file's bytes; None for what is gone or is not a readable regular file
    (a FIFO put in chapters/ must never block the watcher, a device never fill memory)."""
    try:
        return read_regular_file(path)
    except (OSError, StudioError):
        return None
