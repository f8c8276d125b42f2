"""The command registry: each listed name is its module's NAME, and running one command
imports only what it needs (`studio review` must not load the grammar engine, the
exporters or python-docx that `studio check` and `studio export` use)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from studio.commands import COMMANDS, load_command

ROOT = Path(__file__).resolve().parents[1]


def test_every_listed_command_is_its_modules_name() -> None:
    for name in COMMANDS:
        assert name == load_command(name).NAME


def _modules_after(argv: list[str]) -> set[str]:
    probe = (
        "import json, sys\n"
        "from studio.cli import main\n"
        f"code = main({argv!r})\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_studio_review_imports_no_other_commands_machinery(sample_copy: Path) -> None:
    loaded = _modules_after(["review", str(sample_copy)])
    assert "studio.commands.review" in loaded
    heavy = {"studio.checks", "studio.export", "docx", "studio.commands.check"}
    assert not heavy & loaded, sorted(heavy & loaded)


def test_studio_help_still_lists_every_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "studio", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    for name in COMMANDS:
        assert name in done.stdout
