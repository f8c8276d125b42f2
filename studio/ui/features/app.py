"""The features the application adds to the window, in the order they plug in.

Safety comes first: its `opening` handler takes the lock before any document loads.
These older features still take the window (`shell.legacy_window`); a new feature
takes only `(shell, session)`, as features/format.py does.
"""

from __future__ import annotations

from studio.ui import importer, proofread, spelling
from studio.ui.features import Install
from studio.ui.lyrics.install import install_lyrics
from studio.ui.safety.controller import ProjectSafety

APP_FEATURES: tuple[Install, ...] = (
    lambda shell, _session: ProjectSafety(shell.legacy_window),
    lambda shell, _session: install_lyrics(shell.legacy_window),
    lambda shell, _session: importer.install(shell.legacy_window),
    spelling.install,
    proofread.install,
)
