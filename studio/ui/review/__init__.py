"""Review in the window: comments, Suggest mode, the Review panel, Import Review.

Joins through `install(shell, session)` (docs/architecture.md). The review itself
(anchors, threads, accepting) is `studio.review`; this package shows it and turns the
author's and the editor's gestures into calls on it. See docs/review.md.
"""

from __future__ import annotations

from studio.ui.review.feature import ReviewFeature
from studio.ui.session import StorySession
from studio.ui.shell import Shell


def install(shell: Shell, session: StorySession) -> ReviewFeature:
    return ReviewFeature(shell, session)
