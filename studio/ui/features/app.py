"""The features the application adds to the window, in the order they plug in.

Safety comes first: its `opening` handler takes the lock before any document loads.
Lyrics and import take only `(shell, session)`, as features/format.py does; safety,
spelling and proofreading still take the window (`shell.legacy_window`).
"""

from __future__ import annotations

from studio.ui import importer
from studio.ui.features import Install
from studio.ui.lyrics import install as lyrics
from studio.ui.proofread import ProofreadFeature
from studio.ui.safety.controller import ProjectSafety
from studio.ui.spelling import SpellingFeature

APP_FEATURES: tuple[Install, ...] = (
    lambda shell, _session: ProjectSafety(shell.legacy_window),
    lyrics.install,
    importer.install,
    lambda shell, _session: SpellingFeature(shell.legacy_window),
    lambda shell, _session: ProofreadFeature(shell.legacy_window),
)
