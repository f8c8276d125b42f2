"""Outside writers for the fault-injection tests: another process, as an editor would be."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path

# How the other program writes: in place, or to a temporary file renamed over it.
_WRITE_FILE = """
import os


def write(path, data, how):
    if how == "replace":
        tmp = path + ".other-editor~"
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
        os.replace(tmp, path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(data)
"""

_WRITE = (
    _WRITE_FILE
    + """
import sys, time
path, data, delay, how = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
time.sleep(delay)
write(path, data, how)
"""
)


def write_outside(path: Path, text: str, *, how: str = "in-place") -> None:
    """Another program writes `text` to `path` (in place, or by rename), and is done."""
    subprocess.run([sys.executable, "-c", _WRITE, str(path), text, "0", how], check=True)


def write_outside_later(path: Path, text: str, delay: float) -> subprocess.Popen[bytes]:
    """Start another program that writes `text` to `path` after `delay` seconds."""
    return subprocess.Popen([sys.executable, "-c", _WRITE, str(path), text, str(delay), "plain"])


# A writer started ahead of time (Python's start-up is no part of the offset): it reads
# "<monotonic time> <how> <path>" and a line of JSON text, sleeps until that moment on
# the machine's monotonic clock (the same clock in every process: CLOCK_MONOTONIC),
# writes, and answers with the monotonic time its write was complete.
_TIMED = (
    _WRITE_FILE
    + """
import json, sys, time
print("ready", flush=True)
for line in sys.stdin:
    at, how, path = line.rstrip("\\n").split(" ", 2)
    data = json.loads(sys.stdin.readline())
    at = float(at)
    while (left := at - time.monotonic()) > 0.002:
        time.sleep(left - 0.001)
    while time.monotonic() < at:
        pass
    write(path, data, how)
    print(time.monotonic(), flush=True)
"""
)


class TimedWriter:
    """Another program that writes a file at a chosen moment, while the test's event
    loop keeps running (`write_at` returns at once; `done()` says when it wrote)."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _TIMED],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert self._process.stdout is not None
        assert self._process.stdout.readline() == "ready\n"  # started: no start-up later
        self.written_at: float | None = None

    def write_at(self, at: float, path: Path, text: str, *, how: str = "replace") -> None:
        """Write `text` to `path` at monotonic time `at` (`how`: "replace" by rename, as
        most editors save, or "in-place", truncating and writing the file itself)."""
        assert self._process.stdin is not None
        self.written_at = None
        self._process.stdin.write(f"{at!r} {how} {path}\n{json.dumps(text)}\n")
        self._process.stdin.flush()

    def done(self) -> bool:
        """True once the write is complete (its moment is then `written_at`)."""
        if self.written_at is None:
            assert self._process.stdout is not None
            ready, _, _ = select.select([self._process.stdout], [], [], 0)
            if ready:
                self.written_at = float(self._process.stdout.readline())
        return self.written_at is not None

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
