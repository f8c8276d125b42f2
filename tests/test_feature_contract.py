"""Every window feature module is held to the shell-and-session contract, and joins
through one `install(shell, session)` listed in WINDOW_FEATURES (docs/architecture.md)."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

from studio.ui.features import WINDOW_FEATURES

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ROOT / "studio" / "ui" / "features"
NOT_FEATURES = {"__init__", "app"}  # the lists themselves (app: the older features)


def _feature_modules() -> set[str]:
    return {
        f"studio.ui.features.{p.stem}" for p in FEATURES.glob("*.py") if p.stem not in NOT_FEATURES
    }


def _contract() -> dict[str, list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    found = [c for c in contracts if c["name"].startswith("Window features use the shell")]
    assert len(found) == 1
    contract: dict[str, list[str]] = found[0]
    return contract


def test_every_feature_module_is_in_the_contract() -> None:
    contract = _contract()
    missing = _feature_modules() - set(contract["source_modules"])
    assert missing == set(), "add these to the window-features contract in pyproject.toml"
    for internal in ("studio.ui.main_window", "studio.ui.pane", "studio.ui.window"):
        assert internal in contract["forbidden_modules"]


def test_every_feature_module_installs_and_is_listed() -> None:
    listed = {install.__module__ for install in WINDOW_FEATURES}
    for name in _feature_modules():
        module = importlib.import_module(name)
        assert callable(getattr(module, "install", None)), f"{name} has no install()"
        assert name in listed, f"{name} is not in WINDOW_FEATURES"
