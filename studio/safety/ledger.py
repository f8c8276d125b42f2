"""What Studio last wrote or loaded for each project file, by content.

The watcher compares a file's content with this, not its timestamp, so Studio's own
saves (and an outside program touching a file without changing it) never count as a
change. Shared between the Qt thread (which records saves) and the watcher's thread.
"""

from __future__ import annotations

import hashlib
import threading

ABSENT = "absent"


def digest(data: bytes | str | None) -> str:
    if data is None:
        return ABSENT
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


class ContentLedger:
    """Relative path (`chapters/01-x.md`, `story.toml`) → digest of the content we know."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}
        self._lock = threading.Lock()

    def remember(self, file: str, data: bytes | str | None) -> None:
        with self._lock:
            self._known[file] = digest(data)

    def remember_if_unknown(self, file: str, data: bytes | str | None) -> None:
        with self._lock:
            self._known.setdefault(file, digest(data))

    def is_known(self, file: str, data: bytes | str | None) -> bool:
        """True when `data` is exactly what Studio last wrote or loaded for `file`."""
        with self._lock:
            return self._known.get(file, ABSENT) == digest(data)

    def digest_of(self, file: str) -> str:
        with self._lock:
            return self._known.get(file, ABSENT)

    def was_present(self, file: str) -> bool:
        with self._lock:
            return self._known.get(file, ABSENT) != ABSENT

    def update(self, file: str, data: bytes | None) -> tuple[bool, bool]:
        """Record `data` as seen; returns (changed, was_present) in one step."""
        new = digest(data)
        with self._lock:
            old = self._known.get(file, ABSENT)
            self._known[file] = new
        return old != new, old != ABSENT

    def files(self) -> list[str]:
        with self._lock:
            return [name for name, value in self._known.items() if value != ABSENT]
