"""What the window loads at start-up: the heavy parts a feature needs only when used
(python-docx, the exporters, the importers, the story-wide checks) wait for that use.

Each check runs a fresh interpreter, since this process has loaded everything.
The features themselves are exercised where they are tested (test_ui_import.py,
tests/review/test_ui_import.py, test_ui_proofread_window.py, test_export_window.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFERRED = (
    "docx",  # Review ▸ Import Review, the DOCX export
    "studio.export",  # the Export dialog, the archive checks
    "studio.importers",  # File ▸ Import Fic
    "studio.checks",  # the Proofreading panel's whole-story check
    "langcodes",  # the exporters' language names
)

_PROBE = """
import json, sys
from pathlib import Path
from studio.ui.app import application, create_window
app = application()
window = create_window()
window.resize(1280, 800)
window.show()
assert window.open_project(Path(sys.argv[1])), window.start_page.error.text()
for _ in range(20):
    app.processEvents()
editor = window.focused_pane().editor
print(json.dumps({
    "loaded": sorted(m for m in sys.modules if m.split(".")[0] in %r or m in %r),
    "editable": not editor.isReadOnly() and editor.document().characterCount() > 1,
}))
"""


def _modules_after_open(story: Path, config: Path) -> dict[str, object]:
    names = sorted({name.split(".")[0] for name in DEFERRED})
    code = _PROBE % (names, list(DEFERRED))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(config))
    env["XDG_DATA_HOME"] = str(config / "data")
    result = subprocess.run(
        [sys.executable, "-c", code, str(story)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    line = [x for x in result.stdout.splitlines() if x.startswith("{")][-1]
    data: dict[str, object] = json.loads(line)
    return data


def test_opening_a_story_loads_no_feature_that_waits_for_use(
    sample_copy: Path, tmp_path: Path
) -> None:
    found = _modules_after_open(sample_copy, tmp_path / "config")
    assert found["editable"] is True
    loaded = found["loaded"]
    assert isinstance(loaded, list)
    early = [m for m in loaded for d in DEFERRED if m == d or m.startswith(d + ".")]
    assert early == []
