"""Opening a 1,000,000-word, 200-chapter story in the real window, against novelWriter.

Studio is measured as `studio` starts it (every feature installed: Songs tab, safety)
and as the main window alone, to show what the features add. Both programs start in a
fresh process, offscreen, with their own empty settings, and
open the same text (novelWriter's copy is built once with its own project code, one
document per chapter). Measured: seconds from starting the process until the first
chapter is in the editor and editable, and peak memory once startup work has settled.
Then typing: the time to handle a keystroke (key event, highlighting, painting) in the
middle of a 50,000-word chapter.

novelWriter is installed from PyPI into its own virtual environment under
benchmarks/.envs/novelwriter the first time this runs (it uses PyQt6, Studio PySide6).
The probes are benchmarks/studio_probe.py and benchmarks/novelwriter_probe.py.
"""

from __future__ import annotations

import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Row, generated_project

HERE = Path(__file__).resolve().parent
NW_ENV = HERE / ".envs" / "novelwriter"
WORDS, CHAPTERS = 1_000_000, 200
TYPING_WORDS = 50_000
RUNS = 5
KEYS = 400
TYPING_TARGET_MS = 16.0


def run(workdir: Path) -> list[Row]:
    nw_python = novelwriter_python()
    _compile_studio()
    version = _run_json([str(nw_python), "-c", _VERSION_CODE])["version"]
    reference = f"novelWriter {version}"
    scratch = workdir / "bench-open"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)

    big = _copies(generated_project(WORDS, CHAPTERS), scratch / "open", nw_python)
    first: dict[str, list[float]] = {"studio": [], "bare": [], "nw": []}
    memory: dict[str, list[float]] = {"studio": [], "bare": [], "nw": []}
    for attempt in range(RUNS + 1):  # the first round warms the disk cache and configs
        for name, python, probe, mode, project in (
            ("studio", Path(sys.executable), "studio_probe.py", "open", big.studio),
            ("bare", Path(sys.executable), "studio_probe.py", "open-bare", big.studio),
            ("nw", nw_python, "novelwriter_probe.py", "open", big.nw),
        ):
            config = scratch / f"config-{name}"
            result = _run_json(
                [str(python), str(HERE / probe), mode, str(project), str(config), "{now}"]
            )
            if attempt:
                first[name].append(result["first_editable_s"])
                memory[name].append(result["peak_rss_mib"])

    small = _copies(generated_project(TYPING_WORDS, 1), scratch / "type", nw_python)
    typing = {
        name: _run_json(
            [str(python), str(HERE / probe), "type", str(project), str(config), str(KEYS)]
        )
        for name, python, probe, project, config in (
            ("studio", Path(sys.executable), "studio_probe.py", small.studio, scratch / "c-s"),
            ("nw", nw_python, "novelwriter_probe.py", small.nw, scratch / "c-n"),
        )
    }
    open_s = {k: statistics.median(v) for k, v in first.items()}
    peak = {k: max(v) for k, v in memory.items()}
    rows = [
        Row(
            "open",
            "1M words, 200 ch: first editable chapter",
            open_s["studio"],
            open_s["nw"],
            reference,
            target="faster than novelWriter",
            met=open_s["studio"] < open_s["nw"],
        ),
        Row(
            "open",
            "1M words, 200 ch: peak memory",
            peak["studio"],
            peak["nw"],
            reference,
            unit="MiB",
        ),
        Row(
            "open",
            "same, main window alone: first editable",
            open_s["bare"],
            open_s["nw"],
            reference,
        ),
        Row(
            "open",
            "same, main window alone: peak memory",
            peak["bare"],
            peak["nw"],
            reference,
            unit="MiB",
        ),
    ]
    for key, label in (("p50_ms", "median"), ("p95_ms", "95th percentile"), ("max_ms", "worst")):
        target = key == "p95_ms"
        rows.append(
            Row(
                "open",
                f"keystroke in a 50,000-word chapter, {label}",
                typing["studio"][key],
                typing["nw"][key],
                reference,
                unit="ms",
                target=f"< {TYPING_TARGET_MS:.0f} ms" if target else "",
                met=typing["studio"][key] < TYPING_TARGET_MS if target else None,
            )
        )
    return rows


def _compile_studio() -> None:
    """Byte-compile Studio's modules once, as installing it does (pip compiles what it
    installs; novelWriter's copy here is compiled so). Where bytecode is never
    written (PYTHONDONTWRITEBYTECODE, as on the shared build machine) every start of
    the probe compiled all of Studio's sources again: 0.3 s that no installed Studio
    spends."""
    compileall.compile_dir(HERE.parent / "studio", quiet=1)


class _Pair:
    def __init__(self, studio: Path, nw: Path) -> None:
        self.studio, self.nw = studio, nw


def _copies(source: Path, dest: Path, nw_python: Path) -> _Pair:
    """A private copy of the Studio project, and the same text as a novelWriter project."""
    studio = dest / "studio"
    shutil.copytree(source, studio)
    nw = dest / "novelwriter"
    probe = str(HERE / "novelwriter_probe.py")
    _run_json([str(nw_python), probe, "build", str(source), str(nw), str(dest / "nw-config")])
    return _Pair(studio, nw)


def novelwriter_python() -> Path:
    """novelWriter's interpreter, installing it from PyPI into its own venv if needed."""
    python = NW_ENV / "bin" / "python"
    if not python.exists():
        print("installing novelWriter into benchmarks/.envs/novelwriter …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(NW_ENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "novelWriter"], check=True)
    return python


_VERSION_CODE = "import json, novelwriter; print(json.dumps({'version': novelwriter.__version__}))"


def _run_json(argv: list[str]) -> dict[str, float]:
    """Run a probe; "{now}" in argv becomes time.time() just before the process starts."""
    started = time.time()
    argv = [a.replace("{now}", repr(started)) for a in argv]
    result = subprocess.run(
        argv, capture_output=True, text=True, timeout=600, check=False, env=_env()
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(
            f"probe failed ({result.returncode}): {' '.join(argv[:3])}\n{result.stderr[-2000:]}"
        )
    data: dict[str, float] = json.loads(lines[-1])
    return data


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPATH", None)
    return env
