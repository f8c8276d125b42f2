"""Make docs/screenshot-lyrics.png: a lyrics block in the editor and the Songs tab.

Run under Xvfb from the repository root:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/make_lyrics_screenshot.py dark

It works on a copy of the sample story in a temporary folder, with its own settings.
"""

# ruff: noqa: PLC0415 (imports after the settings folders are pointed at a scratch folder)
from __future__ import annotations

import shutil
import sys

from shots import ROOT, sample_copy, scratch_home


def main() -> int:
    scratch = scratch_home("studio-lyrics-shot-")
    from PySide6.QtCore import QTimer

    from studio.ui.app import application, create_window
    from studio.ui.lyrics.install import LyricsFeature
    from studio.ui.lyrics.textedit import move_to_line
    from studio.ui.theme import ThemeChoice

    story = sample_copy(scratch)
    app = application()
    theme = sys.argv[1] if len(sys.argv) > 1 else "dark"
    window = create_window()  # the window as `studio` shows it, every feature in
    lyrics = window.findChild(LyricsFeature)
    assert lyrics is not None
    window.prefs.theme = ThemeChoice(theme)
    window.shell.set_preferences(window.prefs)
    window.resize(1280, 800)
    window.open_project(story)
    window.show()
    window.show_chapter("chapters/02-low-tide.md")
    move_to_line(window.focused_pane().editor, 22)
    window.metadata.setCurrentIndex(lyrics.tab_index)
    tree = lyrics.songs_tab.tree
    song = tree.topLevelItem(0)
    if song is not None:
        tree.setCurrentItem(song.child(1))
    for _ in range(30):
        app.processEvents()
    QTimer.singleShot(300, app.quit)
    app.exec()
    target = ROOT / "docs" / "screenshot-lyrics.png"
    window.grab().save(str(target))
    print(target)
    window.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
