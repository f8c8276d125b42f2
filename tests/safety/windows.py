"""The safety feature in a test's window, installed as the application installs it,
and the one way the fault tests open a story in it (`opened_story`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pytestqt.qtbot import QtBot

from studio.story.file_form import decode_text
from studio.ui.main_window import MainWindow
from studio.ui.pane import EditorPane
from studio.ui.safety.controller import ProjectSafety, install
from tests.ui_helpers import feature


def with_safety(window: MainWindow) -> ProjectSafety:
    """Install safety through its contract (`install(shell, session)`), before the
    window opens a story, and return it as the window's feature."""
    install(window.shell, window.session)
    return feature(window, ProjectSafety)


@dataclass
class Opened:
    """A story open in a shown window with safety on."""

    window: MainWindow
    safety: ProjectSafety
    story: Path

    @property
    def pane(self) -> EditorPane:
        return self.window.all_panes[0]

    def disk(self, file: str | None = None) -> str:
        """What `file` (by default the first chapter's) holds on disk now."""
        if file is None:
            assert self.window.project is not None
            file = self.window.project.chapters[0].file
        return (self.story / file).read_text(encoding="utf-8")

    def disk_as_edited(self, file: str | None = None) -> str:
        """The file's text as the editor shows it (its final line ending is no line)."""
        return decode_text(self.disk(file).encode("utf-8"))[0]


@contextmanager
def opened_story(
    qtbot: QtBot, story: Path, *, autosave_ms: int = 150, settle: bool = True
) -> Iterator[Opened]:
    """Open `story` in a real, shown window with safety installed, autosave every
    `autosave_ms`; afterwards settle what waits for a choice (`settle`: take the file's
    version of every open conflict, so closing asks nothing), stop safety (backup,
    journal, lock) and close the window."""
    window = MainWindow()  # closed here, once settled (qtbot would close it first)
    window.prefs.autosave_ms = autosave_ms
    safety = with_safety(window)
    try:
        assert window.open_project(story), window.start_page.error.text()
        window.show()
        qtbot.waitExposed(window)
        yield Opened(window, safety, story)
    finally:
        if settle:
            for file in list(safety.outside.conflicts):
                safety.outside.take_file(file)
        safety.finish()
        window.close()
        window.deleteLater()
