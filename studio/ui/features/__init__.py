"""Window features, each joining through `install(shell, session)` (docs/architecture.md).

The order is the order they plug in. `WINDOW_FEATURES` (here) are part of every
MainWindow; `APP_FEATURES` (features/app.py, which may build on the window module) are
added by `studio.ui.app.create_window` (the application, the screenshots and the
benchmarks), safety first: it takes the lock when a story opens, before any document
loads.
"""

from __future__ import annotations

from collections.abc import Callable

from studio.ui.export import feature as export_feature
from studio.ui.features import (
    chapters,
    editing,
    find,
    focus_mode,
    help,
    layout,
    posting,
    preferences,
    progress,
    side_panels,
    split_view,
    statistics,
    status,
    story_files,
    trash,
)
from studio.ui.features import format as format_feature
from studio.ui.review import install as review_install
from studio.ui.session import StorySession
from studio.ui.shell import Shell

Install = Callable[[Shell, StorySession], object]

WINDOW_FEATURES: tuple[Install, ...] = (
    status.install,  # first: its labels lead the status bar
    preferences.install,
    story_files.install,
    editing.install,
    split_view.install,
    focus_mode.install,
    side_panels.install,
    chapters.install,
    trash.install,
    find.install,
    help.install,
    format_feature.install,
    statistics.install,
    posting.install,
    progress.install,
    review_install,
    export_feature.install,
    layout.install,  # last: it restores the docks the features above added
)
