"""Review changes not saved yet, kept for crash recovery as chapter text is.

Suggest-mode typing changes only a chapter's review (the chapter's text stays the
author's), and the review is saved once typing pauses; what was typed before a crash
(`kill -9`, a power cut) would otherwise be lost. The window journals each changed
review's sidecar text (`dump_review`) within a second, as it journals chapter text, in
`.studio/review/journal/` (the recovery journal's format, one entry per sidecar; kept
apart from `.studio/journal/` because a review is put back by the review feature, not
offered as a chapter's text). When the story opens again, `recovered` says what the
review becomes.
"""

from __future__ import annotations

from pathlib import Path

from studio.errors import StudioError
from studio.review.model import ChapterReview, Comment, Suggestion
from studio.review.store import parse_review
from studio.safety.journal import Journal, JournalEntry, fallback_dir
from studio.safety.state import state_dir, sweep_temp_files
from studio.story.paths import REVIEWS_DIR


def review_journal_dir(root: Path) -> Path:
    return state_dir(root) / "review" / "journal"


def review_journal(root: Path) -> Journal:
    """The story's review journal (its fallback beside the chapter journal's own)."""
    return Journal(root, folder=review_journal_dir(root), fallback=fallback_dir(root) / "review")


def sweep_review_temp_files(root: Path) -> list[Path]:
    """Temporary files a killed save left in `reviews/` (its sub-folders too) and in the
    review journal: a sidecar lives in git, where a stray `.name.xxxxxxxx.tmp` would
    show. Call it while holding the project lock (the story just opened)."""
    reviews = root / REVIEWS_DIR
    folders = [review_journal_dir(root)]
    if reviews.is_dir():
        folders += [reviews, *(p for p in reviews.rglob("*") if p.is_dir())]
    return sweep_temp_files(root, extra=folders)


def recovered(
    entry: JournalEntry, on_disk: str | None, chapter_file: str, path: Path
) -> ChapterReview:
    """The review to put back from `entry`, given what the sidecar holds now.

    When the sidecar is still what the entry was based on, the entry is the review
    (its replies, resolutions and deletions too). When it changed since (a git pull,
    a co-editor's save), the file's version stands and the entry's items that the
    base did not have are added beside it, as for an outside change while unsaved.
    Raises StudioError when the entry cannot be read as a review."""
    mine = parse_review(entry.text, chapter_file, entry.source)
    if on_disk == entry.base:
        return mine
    theirs = ChapterReview(chapter_file)
    if on_disk is not None:
        theirs = parse_review(on_disk, chapter_file, path)
    have = {c.id for c in theirs.comments} | {s.id for s in theirs.suggestions}
    for item in added_since(mine, entry.base, chapter_file, path):
        if item.id in have:
            continue
        if isinstance(item, Comment):
            theirs.comments.append(item)
        else:
            theirs.suggestions.append(item)
    return theirs


def added_since(
    mine: ChapterReview | None, base: str | None, file: str, path: Path
) -> list[Comment | Suggestion]:
    """The items of `mine` that the sidecar as last loaded (`base`) did not have."""
    if mine is None:
        return []
    known: set[str] = set()
    if base is not None:
        try:
            before = parse_review(base, file, path)
        except StudioError:
            before = ChapterReview(file)
        known = {c.id for c in before.comments} | {s.id for s in before.suggestions}
    items: list[Comment | Suggestion] = [*mine.comments, *mine.suggestions]
    return [i for i in items if i.id not in known]
