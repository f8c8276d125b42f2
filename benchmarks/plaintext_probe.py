"""Run in Studio's environment: a bare QPlainTextEdit, offscreen, on one text file.

    python plaintext_probe.py open FILE STARTED_AT
    python plaintext_probe.py type FILE KEYS

The floor under Studio's editor (it is a QPlainTextEdit): the same file in Qt's plain
text editor with nothing added, no highlighter, no features, measured as
studio_probe.py measures Studio. `open` reports the seconds from STARTED_AT until the
text is in the editor and painted; `type` the time to handle each of KEYS
keystrokes at the end of the block holding the middle of the text, painting included.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def _editor(file: Path) -> tuple[object, object]:
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    app = QApplication.instance() or QApplication(["plaintext"])
    editor = QPlainTextEdit()
    editor.resize(1280, 800)
    editor.show()
    editor.setPlainText(file.read_text(encoding="utf-8"))
    app.processEvents()
    return app, editor


def open_file(file: Path, started_at: float) -> dict[str, float]:
    app, _ = _editor(file)
    app.processEvents()  # type: ignore[attr-defined]
    return {"first_editable_s": time.time() - started_at}


def type_keys(file: Path, keys: int) -> dict[str, float]:
    from studio_probe import time_keys

    app, editor = _editor(file)
    return time_keys(app, editor, keys)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    mode, *args = sys.argv[1:]
    if mode == "open":
        print(json.dumps(open_file(Path(args[0]), float(args[1]))))
    elif mode == "type":
        print(json.dumps(type_keys(Path(args[0]), int(args[1]))))
    else:
        raise SystemExit(f"unknown mode {mode}")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
