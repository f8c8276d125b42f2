"""What every benchmark shares: result rows, timing, and cached generated projects."""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / ".data"


@dataclass(frozen=True)
class Row:
    """One measurement: Studio's number, the reference tool's, and the goal."""

    benchmark: str
    measure: str
    studio: float
    reference: float | None = None
    reference_name: str = ""
    unit: str = "s"
    target: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float | None:
        """Reference over Studio: above 1 means Studio is faster (or smaller)."""
        if self.reference is None or self.studio == 0:
            return None
        return self.reference / self.studio


def best_of(runs: int, action: Callable[[], object]) -> float:
    """The fastest of `runs` wall-clock timings (seconds): the least disturbed run."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def alternating(
    runs: int,
    actions: dict[str, Callable[[], object]],
    summary: Callable[[list[float]], float] = statistics.median,
) -> dict[str, float]:
    """Seconds of each action (the median, or `summary=min` for the fastest run), the
    actions run in turn so machine load hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: summary(values) for name, values in times.items()}


def run_command(argv: Sequence[str | Path], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(a) for a in argv], check=False, capture_output=True, **kwargs)  # type: ignore[call-overload, no-any-return]


def python_command(*args: str | Path) -> list[str]:
    """This interpreter running a module, so benchmarks use the checkout's Studio."""
    return [sys.executable, *(str(a) for a in args)]


def require_tool(name: str, install: str) -> str:
    """The tool's path, or a clear SystemExit naming the command that installs it."""
    path = shutil.which(name)
    if path is None:
        raise SystemExit(f"benchmark needs `{name}`: install it with `{install}`")
    return path


def peak_rss_mib_of_children() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def generated_project(words: int, chapters: int, seed: int = 1) -> Path:
    """A generated project, made once and kept under benchmarks/.data/."""
    from benchmarks.generate import generate_project

    dest = DATA_DIR / f"project-{words}w-{chapters}c-s{seed}"
    if not (dest / "story.toml").is_file():
        if dest.exists():
            shutil.rmtree(dest)
        generate_project(dest, words=words, chapters=chapters, seed=seed)
    return dest
