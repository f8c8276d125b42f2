"""Review: editors' comments and suggested changes, kept beside the chapters. No Qt.

- `studio.review.anchor`: text-quote anchors that find their words again after edits.
- `studio.review.model`: `ChapterReview`, the comments and suggestions of one chapter.
- `studio.review.store`: the `reviews/*.toml` sidecars (docs/project-format.md).
- `studio.review.identity`: the reviewer's name.
"""

from __future__ import annotations

from studio.review.anchor import Anchor, Edit, locate, make_anchor, shift
from studio.review.identity import author_name, reviewer_name, set_reviewer_name
from studio.review.model import ChapterReview, Comment, Kind, Reply, Status, Suggestion
from studio.review.store import (
    accept,
    load_review,
    save_review,
    sidecar_file,
    sidecar_path,
    story_reviews,
)

__all__ = [
    "Anchor",
    "ChapterReview",
    "Comment",
    "Edit",
    "Kind",
    "Reply",
    "Status",
    "Suggestion",
    "accept",
    "author_name",
    "load_review",
    "locate",
    "make_anchor",
    "reviewer_name",
    "save_review",
    "set_reviewer_name",
    "shift",
    "sidecar_file",
    "sidecar_path",
    "story_reviews",
]
