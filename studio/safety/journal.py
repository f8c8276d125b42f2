"""The recovery journal: unsaved text of each open pane, kept under `.studio/journal/`.

Each entry is one JSON file, written atomically, holding the pane's text and the text
it was based on (what the file held when Studio loaded or last saved it), so that after
a crash Studio can offer the text back and show what differs. An entry whose text
equals its base holds nothing unsaved and is removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from platformdirs import user_state_path

from studio.errors import StudioError
from studio.safety.state import journal_dir
from studio.storage import MAX_TEXT_BYTES, atomic_write_text, read_regular_file

FORMAT = 1
DEFERRED_SUFFIX = ".later.json"
MAX_ENTRY_BYTES = 3 * MAX_TEXT_BYTES  # a chapter and its base, JSON-escaped

HANDOVER_PAUSE_S = 0.03
Text = str | Callable[[], str]  # a text, or a function making it (on the writer's thread)


@dataclass(frozen=True)
class JournalEntry:
    """Unsaved text for one project file (`file` is relative, like `chapters/01-x.md`)."""

    file: str
    text: str
    base: str | None
    saved_at: datetime
    source: Path

    def differs_from(self, on_disk: str | None) -> bool:
        return self.text != on_disk

    @property
    def deferred(self) -> bool:
        """Set aside by "Decide later": kept until the author decides, whatever is saved."""
        return self.source.name.endswith(DEFERRED_SUFFIX)


def fallback_dir(root: Path) -> Path:
    """Where entries go when the project folder cannot be written (full, read-only).

    In the user's state folder (platformdirs), one subfolder per project path.
    """
    key = hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16]
    return user_state_path("studio", appauthor=False) / "journal" / key


class Journal:
    """Unsaved text of a project's open panes, one atomic JSON file per project file.

    Entries live in the project's `.studio/journal/`; when that cannot be written (disk
    full, permission denied, read-only folder) they go to the user's state folder
    instead, so the text is kept even when the project's disk refuses it.
    """

    def __init__(
        self, root: Path, *, fallback: Path | None = None, folder: Path | None = None
    ) -> None:
        self.root = root
        self.folder = folder if folder is not None else journal_dir(root)
        self.fallback = fallback if fallback is not None else fallback_dir(root)
        self._written: dict[str, str] = {}

    def entry_path(self, file: str, *, folder: Path | None = None) -> Path:
        digest = hashlib.sha256(file.encode("utf-8")).hexdigest()[:20]
        return (folder or self.folder) / f"{digest}.json"

    def record(self, file: str, text: str, base: str | None) -> bool:
        """Journal `text` for `file`; drop the entry when nothing is unsaved.

        Returns True when the journal was written. Writing the same text twice is
        skipped, so a timer can call this every few seconds for free.
        """
        if text == base:
            self.discard(file)
            return False
        if self._written.get(file) == text:
            return False
        payload = {
            "format": FORMAT,
            "file": file,
            "saved_at": datetime.now(UTC).isoformat(),
            "pid": os.getpid(),
            "text": text,
            "base": base,
        }
        # ASCII escapes: four times faster to make than raw UTF-8 (the C encoder's
        # fast path), and it holds the interpreter while it runs, so typing notices.
        content = json.dumps(payload, indent=1) + "\n"
        try:
            atomic_write_text(self.entry_path(file), content)
        except StudioError as exc:
            try:
                atomic_write_text(self.entry_path(file, folder=self.fallback), content)
            except StudioError:
                raise exc from None
            self._written[file] = text
            return True
        self._written[file] = text
        with contextlib.suppress(OSError):
            self.entry_path(file, folder=self.fallback).unlink()
        return True

    def has(self, file: str) -> bool:
        """True when this Journal wrote an entry for `file` that is still there."""
        return file in self._written

    def discard(self, file: str) -> None:
        self._written.pop(file, None)
        with contextlib.suppress(OSError):
            self.entry_path(file, folder=self.fallback).unlink()
        path = self.entry_path(file)
        try:
            path.unlink()
        except (FileNotFoundError, NotADirectoryError):
            pass
        except OSError as exc:
            raise StudioError(
                f"could not clear the recovery journal ({exc.strerror})",
                path=path,
                hint="Check that you may write to the project's .studio folder",
            ) from exc

    def clear(self) -> None:
        """Drop every entry (after a clean close, or once the author has decided)."""
        for entry in self.entries():
            self.discard(entry.file)

    def entries(self) -> list[JournalEntry]:
        """Every readable entry, oldest first. A damaged entry is set aside, not lost.

        When both the project and the fallback folder hold an entry for a file, the
        newer one wins. A deferred entry (see `defer`) is listed beside a newer one.
        """
        newest: dict[tuple[str, bool], JournalEntry] = {}
        for folder in (self.folder, self.fallback):
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.json")):
                entry = _read_entry(path)
                if entry is None:
                    _set_aside(path)
                    continue
                key = (entry.file, entry.deferred)
                if key not in newest or entry.saved_at > newest[key].saved_at:
                    newest[key] = entry
        return sorted(newest.values(), key=lambda e: (e.saved_at, e.file))

    def remove(self, entry: JournalEntry) -> None:
        """Drop one entry the author has decided about."""
        if not entry.deferred:
            self._written.pop(entry.file, None)
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            entry.source.unlink()

    def defer(self, entry: JournalEntry) -> JournalEntry:
        """Keep an entry for later: new journaling and saves of its file leave it alone."""
        if entry.deferred:
            return entry
        target = entry.source.with_name(entry.source.stem + DEFERRED_SUFFIX)
        try:
            os.replace(entry.source, target)
        except OSError as exc:
            raise StudioError(
                f"could not keep the recovered text for later ({exc.strerror})",
                path=entry.source,
                hint="Restore or discard it now",
            ) from exc
        self._written.pop(entry.file, None)
        return JournalEntry(entry.file, entry.text, entry.base, entry.saved_at, target)

    def recoverable(self) -> list[JournalEntry]:
        """Entries whose text is not what the file on disk holds now (after a crash)."""
        result = []
        for entry in self.entries():
            on_disk = _read_text(self.root / entry.file)
            if entry.differs_from(on_disk):
                result.append(entry)
            else:
                self.remove(entry)
        return result


def _read_entry(path: Path) -> JournalEntry | None:
    try:
        data = json.loads(read_regular_file(path, limit=MAX_ENTRY_BYTES).decode("utf-8"))
    except (OSError, ValueError, StudioError, RecursionError):  # FIFOs, huge files: damaged
        return None
    if not isinstance(data, dict):
        return None
    file, text, base = data.get("file"), data.get("text"), data.get("base")
    if not isinstance(file, str) or not isinstance(text, str) or not _inside(file):
        return None
    if base is not None and not isinstance(base, str):
        return None
    try:
        saved_at = datetime.fromisoformat(str(data.get("saved_at")))
    except ValueError:
        saved_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return JournalEntry(file=file, text=text, base=base, saved_at=saved_at, source=path)


def _inside(file: str) -> bool:
    pure = PurePosixPath(file)
    return bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts


def _set_aside(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.rename(path.with_suffix(".damaged"))


def _read_text(path: Path) -> str | None:
    try:
        return read_regular_file(path).decode("utf-8")
    except (OSError, UnicodeDecodeError, StudioError):
        return None


class JournalWriter:
    """Writes journal entries on a thread of its own, so typing never waits for a disk.

    Writing a chapter's entry means an fsync, which can take tens of milliseconds on a
    laptop's disk; the window hands the text over and goes on. The text may be handed
    over as a function that makes it (`record(file, lambda: ..., base)`), called on the
    writer's thread, so the window pays only for a copy of what the editor holds, not
    for turning it into the file's form. Only the newest text of each file is written
    when several wait. `on_error` is called from the writer's thread when an entry
    cannot be written anywhere.
    """

    def __init__(
        self, journal: Journal, on_error: Callable[[StudioError], None] | None = None
    ) -> None:
        self.journal = journal
        self.on_error = on_error
        self._pending: dict[str, tuple[Text, str | None] | None] = {}  # None: discard
        self._journaled: set[str] = set()
        self._busy = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="studio-journal", daemon=True)
        self._thread.start()

    def record(self, file: str, text: Text, base: str | None) -> None:
        if isinstance(text, str) and text == base:
            self.discard(file)
            return
        with self._cond:
            self._pending[file] = (text, base)
            self._cond.notify_all()
        self._journaled.add(file)

    def discard(self, file: str) -> None:
        with self._cond:
            self._pending[file] = None
            self._cond.notify_all()
        self._journaled.discard(file)

    def has(self, file: str) -> bool:
        """True when an entry for `file` was handed over and not discarded since."""
        return file in self._journaled

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything handed over is written; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def close(self) -> None:
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._pending) or self._closed)
                if not self._pending:
                    return
                if not self._closed:
                    # Let the hand-over's caller (the GUI thread) finish before this
                    # thread takes the interpreter to encode the entry.
                    self._cond.wait(HANDOVER_PAUSE_S)
                file, op = next(iter(self._pending.items()))
                del self._pending[file]
                self._busy = True
            try:
                if op is None:
                    self.journal.discard(file)
                else:
                    text, base = op
                    self.journal.record(file, text if isinstance(text, str) else text(), base)
            except StudioError as exc:
                if self.on_error is not None:
                    self.on_error(exc)
            except Exception as exc:  # a text maker's bug must not end the journal
                if self.on_error is not None:
                    self.on_error(StudioError(f"could not journal {file} ({exc!r})"))
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
