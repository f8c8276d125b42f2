"""The features the application adds to the window, in the order they plug in.

Safety comes first: its `opening` handler takes the lock before any document loads.
Every feature here takes only `(shell, session)`, as features/format.py does.
"""

from __future__ import annotations

from studio.ui import importer, proofread, spelling
from studio.ui.features import Install
from studio.ui.lyrics import install as lyrics
from studio.ui.safety.controller import install as install_safety

APP_FEATURES: tuple[Install, ...] = (
    install_safety,  # first: it takes the lock when a story opens, before any document
    lyrics.install,
    importer.install,
    spelling.install,
    proofread.install,
)
