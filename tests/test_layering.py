"""The import-linter contract lists every core module, so none can quietly import Qt."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPOSITION_ROOT = {"ui", "cli", "__main__", "__init__", "_resources", "_projects"}


def test_every_core_module_is_in_the_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    listed = set(contract["source_modules"])
    present = {
        f"studio.{p.stem}"
        for p in (ROOT / "studio").iterdir()
        if (p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists()))
        and p.stem not in COMPOSITION_ROOT
    }
    assert present - listed == set(), "add these to the import-linter contract in pyproject.toml"
    assert "PySide6" in contract["forbidden_modules"]
    assert "studio.ui" in contract["forbidden_modules"]


def test_core_does_not_import_qt_at_run_time() -> None:
    import subprocess
    import sys

    code = (
        "import sys, studio.story, studio.checks, studio.lyrics.credit, studio.commands;"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'studio.ui'))])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]"
