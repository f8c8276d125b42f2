"""Notices review sidecars (`reviews/*.toml`) changed outside Studio and reads them again.

The story's folder watcher (studio.safety.watcher) watches story.toml and chapters/
only; the review sidecars are watched here, with Qt's own file watcher on `reviews/`
(and its sub-folders, and the story folder for `reviews/` itself coming and going).
Events are only hints: once they pause, `ReviewState.check_outside` compares each
sidecar with what Studio last loaded or wrote, so Studio's own atomic saves are never
taken for outside changes, and the Review panel and the marks follow what was read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from studio.story import Project
from studio.story.paths import REVIEWS_DIR
from studio.ui.review.state import ReviewState
from studio.ui.session import StorySession

QUIET_MS = 200  # an atomic save is several events: read once they pause


class SidecarWatcher(QObject):
    """Watches the open story's review sidecars (see module docstring)."""

    def __init__(self, session: StorySession, state: ReviewState) -> None:
        super().__init__(state)
        self.session = session
        self.state = state
        self.watcher: QFileSystemWatcher | None = None
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self.check)
        session.on_open(self._opened)
        session.closing.connect(self._stop)

    def _opened(self, project: Project) -> None:
        self._stop()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self._quiet.start())
        self.watcher.fileChanged.connect(lambda _path: self._quiet.start())
        self._watch(project)

    def _stop(self) -> None:
        self._quiet.stop()
        if self.watcher is not None:
            self.watcher.deleteLater()
            self.watcher = None

    def _watch(self, project: Project) -> None:
        """Watch the story folder, reviews/ with its sub-folders, and every sidecar."""
        watcher = self.watcher
        if watcher is None:
            return
        folder = project.root / REVIEWS_DIR
        wanted = [str(project.root)]
        if folder.is_dir():
            wanted.append(str(folder))
            wanted += [str(p) for p in folder.rglob("*") if p.is_dir() or p.suffix == ".toml"]
        watched = set(watcher.directories()) | set(watcher.files())
        new = [p for p in wanted if p not in watched and Path(p).exists()]
        if new:
            watcher.addPaths(new)

    def check(self) -> list[str]:
        """Read again what changed outside (and watch what appeared); the chapters read
        again."""
        project = self.session.project
        if project is None or self.watcher is None:
            return []
        self._watch(project)
        return self.state.check_outside()
