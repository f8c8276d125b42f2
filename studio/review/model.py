"""Comments and suggested changes on one chapter, and what can be done with them.

A `ChapterReview` is everything the reviewers said about one chapter file. It works on
the chapter's text as a string and never touches the disk (`studio.review.store` reads
and writes it), so the window can keep one in memory and move its anchors as the author
types (`edited`), and the command line can read one without writing anything.

A suggestion never changes the chapter until it is accepted: until then the chapter file
is the author's text, which is what exports, word counts and checks read.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from studio.errors import StudioError
from studio.review.anchor import Anchor, Edit, locate, make_anchor, refind, shift


def now_stamp() -> str:
    """The time as ISO 8601 UTC to the second, as stored: 2026-12-02T05:41:56Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


@dataclass(slots=True)
class Reply:
    author: str
    created: str
    text: str


@dataclass(slots=True)
class Comment:
    """A note on a range (or a point) of the chapter, with its thread of replies."""

    id: str
    anchor: Anchor
    author: str
    created: str
    text: str
    replies: list[Reply] = field(default_factory=list)
    resolved: bool = False


class Status(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Kind(StrEnum):
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


@dataclass(slots=True)
class Suggestion:
    """A proposed change: the anchored words (`anchor.exact`) become `text`."""

    id: str
    anchor: Anchor
    author: str
    created: str
    text: str
    status: Status = Status.PENDING
    decided: str = ""  # when it was accepted or rejected

    @property
    def kind(self) -> Kind:
        if not self.anchor.exact:
            return Kind.INSERT
        return Kind.DELETE if not self.text else Kind.REPLACE

    @property
    def pending(self) -> bool:
        return self.status is Status.PENDING


@dataclass(slots=True)
class ChapterReview:
    """The comments and suggestions of one chapter file (`chapter`, as in story.toml)."""

    chapter: str
    comments: list[Comment] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)

    # -- reading -------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self.comments and not self.suggestions

    def open_comments(self) -> list[Comment]:
        return [c for c in self.comments if not c.resolved]

    def pending_suggestions(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.pending]

    def comment(self, comment_id: str) -> Comment:
        for comment in self.comments:
            if comment.id == comment_id:
                return comment
        raise StudioError(f"no comment “{comment_id}” on {self.chapter}")

    def suggestion(self, suggestion_id: str) -> Suggestion:
        for suggestion in self.suggestions:
            if suggestion.id == suggestion_id:
                return suggestion
        raise StudioError(f"no suggestion “{suggestion_id}” on {self.chapter}")

    # -- comments ------------------------------------------------------------------

    def add_comment(
        self, text: str, start: int, end: int, body: str, author: str, *, created: str = ""
    ) -> Comment:
        """Comment on `text[start:end]` (start == end: on a point)."""
        comment = Comment(
            new_id("c"), make_anchor(text, start, end), author, created or now_stamp(), body
        )
        self.comments.append(comment)
        return comment

    def reply(self, comment_id: str, body: str, author: str, *, created: str = "") -> Reply:
        reply = Reply(author, created or now_stamp(), body)
        self.comment(comment_id).replies.append(reply)
        return reply

    def resolve(self, comment_id: str) -> None:
        self.comment(comment_id).resolved = True

    def reopen(self, comment_id: str) -> None:
        self.comment(comment_id).resolved = False

    def remove_comment(self, comment_id: str) -> None:
        self.comments.remove(self.comment(comment_id))

    # -- suggestions ---------------------------------------------------------------

    def add_suggestion(
        self, text: str, start: int, end: int, replacement: str, author: str, *, created: str = ""
    ) -> Suggestion:
        """Propose that `text[start:end]` become `replacement` (an empty range inserts,
        an empty replacement deletes)."""
        if start == end and not replacement:
            raise StudioError("a suggestion must insert, delete or replace something")
        suggestion = Suggestion(
            new_id("s"), make_anchor(text, start, end), author, created or now_stamp(), replacement
        )
        self.suggestions.append(suggestion)
        return suggestion

    def accept(self, suggestion_id: str, text: str) -> str:
        """Apply the suggestion to `text` and return the new text; every other anchor
        moves with the change. The caller writes the text (the window into its editor,
        `studio.review.store.accept` into the chapter file)."""
        suggestion = self._pending(suggestion_id)
        anchor = locate(suggestion.anchor, text)
        if anchor.detached:
            raise StudioError(
                f"the words this suggestion changes (“{suggestion.anchor.exact}”) are no longer"
                " in the chapter",
                path=self.chapter,
                hint="Reject it, or make the change by hand",
            )
        new_text = text[: anchor.start] + suggestion.text + text[anchor.end :]
        suggestion.status, suggestion.decided = Status.ACCEPTED, now_stamp()
        suggestion.anchor = make_anchor(new_text, anchor.start, anchor.start + len(suggestion.text))
        self.edited(Edit(anchor.start, len(anchor.exact), len(suggestion.text)), new_text)
        return new_text

    def reject(self, suggestion_id: str) -> None:
        suggestion = self._pending(suggestion_id)
        suggestion.status, suggestion.decided = Status.REJECTED, now_stamp()

    def accept_all(self, text: str) -> str:
        """Accept every pending suggestion that can still be applied, last first."""
        for suggestion in sorted(
            self.pending_suggestions(), key=lambda s: s.anchor.start, reverse=True
        ):
            if not locate(suggestion.anchor, text).detached:
                text = self.accept(suggestion.id, text)
        return text

    def reject_all(self) -> None:
        for suggestion in self.pending_suggestions():
            self.reject(suggestion.id)

    def _pending(self, suggestion_id: str) -> Suggestion:
        suggestion = self.suggestion(suggestion_id)
        if not suggestion.pending:
            raise StudioError(f"suggestion “{suggestion_id}” was already {suggestion.status}")
        return suggestion

    # -- keeping anchors on their words ----------------------------------------------

    def live_anchors(self) -> list[Comment | Suggestion]:
        """What still follows the text: every comment, and the pending suggestions."""
        return [*self.comments, *self.pending_suggestions()]

    def edited(self, edit: Edit, new_text: str) -> None:
        """The text was edited in Studio: move every anchor with the edit."""
        for item in self.live_anchors():
            item.anchor = shift(item.anchor, edit, new_text)

    def relocate(self, text: str, *, detached_too: bool = False) -> bool:
        """The text changed outside Studio: find every anchor again (or detach it);
        `detached_too`: a detached one whose words are back with their context is put
        back on them (`refind`). True when any anchor moved, detached or came back."""
        changed = False
        find = refind if detached_too else locate
        for item in self.live_anchors():
            found = find(item.anchor, text)
            if found != item.anchor:
                item.anchor, changed = found, True
        return changed

    def reattach(self, item_id: str, text: str, start: int, end: int) -> None:
        """Put a detached comment or suggestion on a range the author chose."""
        item: Comment | Suggestion = (
            self.comment(item_id) if item_id.startswith("c-") else self.suggestion(item_id)
        )
        item.anchor = replace(make_anchor(text, start, end), detached=False)
