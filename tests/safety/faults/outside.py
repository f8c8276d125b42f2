"""Outside writers for the fault-injection tests: another process, as an editor would be."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_WRITE = """
import os, sys, time
path, data, delay, how = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
time.sleep(delay)
if how == "replace":
    tmp = path + ".other-editor~"
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(data)
    os.replace(tmp, path)
else:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(data)
"""


def write_outside(path: Path, text: str, *, how: str = "in-place") -> None:
    """Another program writes `text` to `path` (in place, or by rename), and is done."""
    subprocess.run([sys.executable, "-c", _WRITE, str(path), text, "0", how], check=True)


def write_outside_later(path: Path, text: str, delay: float) -> subprocess.Popen[bytes]:
    """Start another program that writes `text` to `path` after `delay` seconds."""
    return subprocess.Popen([sys.executable, "-c", _WRITE, str(path), text, str(delay), "plain"])
