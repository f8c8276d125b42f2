"""The features the application adds to the window, in the order they plug in.

Safety comes first: its `opening` handler takes the lock before any document loads.
Lyrics, import, spelling and proofreading take only `(shell, session)`, as
features/format.py does; safety still takes the window (`shell.legacy_window`).
"""

from __future__ import annotations

from studio.ui import importer, proofread, spelling
from studio.ui.features import Install
from studio.ui.lyrics import install as lyrics
from studio.ui.safety.controller import ProjectSafety

APP_FEATURES: tuple[Install, ...] = (
    lambda shell, _session: ProjectSafety(shell.legacy_window),
    lyrics.install,
    importer.install,
    spelling.install,
    proofread.install,
)
