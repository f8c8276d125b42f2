"""What every screenshot script in docs/ shares: a scratch home and a copy of the sample.

Call `scratch_home()` before importing Qt or Studio, so the settings, word lists and
journal the window writes land in a throwaway folder, never in the user's own.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scratch_home(prefix: str = "studio-shots-") -> Path:
    """A new scratch folder that the XDG folders point into; Studio importable from ROOT."""
    scratch = Path(tempfile.mkdtemp(prefix=prefix))
    for name in ("CONFIG", "DATA", "STATE"):
        os.environ[f"XDG_{name}_HOME"] = str(scratch / name.lower())
    sys.path.insert(0, str(ROOT))
    return scratch


def sample_copy(scratch: Path, name: str = "salt-and-static") -> Path:
    """A copy of the sample story inside `scratch`, safe to type into."""
    story = scratch / name
    shutil.copytree(ROOT / "projects" / "salt-and-static", story)
    return story
