"""Run inside novelWriter's own virtual environment (benchmarks/.envs/novelwriter).

    python novelwriter_probe.py build STUDIO_PROJECT NW_PROJECT CONFIG_DIR
    python novelwriter_probe.py open NW_PROJECT CONFIG_DIR STARTED_AT
    python novelwriter_probe.py type NW_PROJECT CONFIG_DIR KEYS

`build` turns a Studio project into a novelWriter project with the same chapter text
(one document per chapter, in order, under the Novel root). `open` starts the real
novelWriter window offscreen (its own `main()`), opens the project and reports, as
JSON, the seconds from STARTED_AT (a time.time() taken by the caller just before it
started this process) until the first chapter is in the editor and editable, and the
process's peak memory after startup work has settled. `type` reports the time to
handle each of KEYS keystrokes in the middle of the first chapter.

Only novelWriter's message boxes are replaced (they would wait for a click offscreen).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import statistics
import sys
import time
import tomllib
from pathlib import Path

SETTLE_S = 2.0


def _quiet_dialogs() -> None:
    from novelwriter import SHARED

    def _say(*args: object, **kwargs: object) -> None:
        return None

    def _yes(*args: object, **kwargs: object) -> bool:
        return True

    SHARED.info = _say  # type: ignore[method-assign]
    SHARED.warn = _say  # type: ignore[method-assign]
    SHARED.error = _say  # type: ignore[method-assign]
    SHARED.question = _yes  # type: ignore[method-assign]


def build(studio: Path, target: Path, config: Path) -> None:
    from novelwriter import CONFIG, SHARED
    from novelwriter.core.project import NWProject
    from novelwriter.enum import nwItemClass
    from novelwriter.gui.theme import GuiTheme
    from PyQt6.QtWidgets import QApplication

    CONFIG.initConfig(str(config), str(config / "data"))
    app = QApplication([])
    CONFIG.loadConfig()
    SHARED.initTheme(GuiTheme())
    _quiet_dialogs()
    story = tomllib.loads((studio / "story.toml").read_text(encoding="utf-8"))
    project = NWProject()
    project.storage.createNewProject(target)
    project.data.setName(story["work"]["title"])
    project.data.setAuthor(", ".join(story["work"].get("authors", [])))
    project.setDefaultStatusImport()
    root = project.newRoot(nwItemClass.NOVEL)
    for entry in story["chapters"]:
        text = (studio / entry["file"]).read_text(encoding="utf-8")
        handle = project.newFile(entry.get("title") or entry["file"], root)
        project.writeNewFile(handle, 2, True, text)
    project.saveProject()
    project.closeProject()
    del app


def _launch(project: Path, config: Path, on_ready: object) -> None:
    """novelWriter's own main(), with the event loop replaced by `on_ready(window)`."""
    import novelwriter
    from PyQt6.QtWidgets import QApplication

    class _Probe(QApplication):
        def exec(self) -> int:  # type: ignore[override]
            from novelwriter import SHARED

            on_ready(SHARED.mainGui)  # type: ignore[operator]
            return 0

    def create() -> QApplication:
        app = _Probe([novelwriter.CONFIG.appName])
        app.setStyle("Fusion")
        return app

    novelwriter._createApp = create
    _quiet_dialogs()
    with contextlib.suppress(SystemExit):  # main() ends with sys.exit()
        novelwriter.main([f"--config={config}", f"--data={config / 'data'}", str(project)])


def _editor_ready(window: object) -> bool:
    editor = window.docEditor  # type: ignore[attr-defined]
    return bool(editor.document().characterCount() > 100 and not editor.isReadOnly())


def open_project(project: Path, config: Path, started_at: float) -> dict[str, float]:
    from PyQt6.QtWidgets import QApplication

    result: dict[str, float] = {}

    def ready(window: object) -> None:
        app = QApplication.instance()
        assert app is not None
        give_up = time.monotonic() + 300
        while not _editor_ready(window):
            if time.monotonic() > give_up:
                raise SystemExit("novelWriter never showed an editable chapter")
            app.processEvents()
        app.processEvents()
        result["first_editable_s"] = time.time() - started_at
        end = time.monotonic() + SETTLE_S
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        window.closeProject(True)  # type: ignore[attr-defined]

    _launch(project, config, ready)
    return result


def type_keys(project: Path, config: Path, keys: int) -> dict[str, float]:
    from PyQt6.QtCore import Qt
    from PyQt6.QtGui import QTextCursor
    from PyQt6.QtTest import QTest
    from PyQt6.QtWidgets import QApplication

    result: dict[str, float] = {}

    def ready(window: object) -> None:
        app = QApplication.instance()
        assert app is not None
        editor = window.docEditor  # type: ignore[attr-defined]
        cursor = editor.textCursor()
        cursor.setPosition(editor.document().characterCount() // 2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        editor.setTextCursor(cursor)
        editor.setFocus()
        app.processEvents()
        times = []
        for n in range(keys):
            key = Qt.Key.Key_Space if n % 6 == 5 else Qt.Key.Key_A
            start = time.perf_counter()
            QTest.keyClick(editor, key)
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
        result["p50_ms"] = statistics.median(times)
        result["p95_ms"] = statistics.quantiles(times, n=20)[-1]
        result["max_ms"] = max(times)
        window.closeProject(True)  # type: ignore[attr-defined]

    _launch(project, config, ready)
    return result


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode, *args = sys.argv[1:]
    if mode == "build":
        build(Path(args[0]), Path(args[1]), Path(args[2]))
        print(json.dumps({"built": args[1]}))
    elif mode == "open":
        print(json.dumps(open_project(Path(args[0]), Path(args[1]), float(args[2]))))
    elif mode == "type":
        print(json.dumps(type_keys(Path(args[0]), Path(args[1]), int(args[2]))))
    else:
        raise SystemExit(f"unknown mode {mode}")
    sys.stdout.flush()
    os._exit(0)  # skip Qt teardown: nothing more to measure


if __name__ == "__main__":
    main()
