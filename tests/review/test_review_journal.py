"""What a journaled review becomes after a crash, and detached anchors found again only
when their words are back exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from studio.review import ChapterReview
from studio.review.anchor import Edit, make_anchor, refind, shift
from studio.review.journal import recovered, review_journal
from studio.review.store import dump_review
from studio.safety import JournalEntry

TEXT = "The lamp turned above her head. The radio hissed in her lap. She told her self so."
FILE = "chapters/01-x.md"


def _entry(text: str, base: str | None, source: Path) -> JournalEntry:
    return JournalEntry(FILE, text, base, datetime.now(UTC), source)


def _review() -> ChapterReview:
    review = ChapterReview(FILE)
    at = TEXT.index("her self")
    review.add_comment(TEXT, 4, 8, "Which lamp?", "Ada Beta")
    review.add_suggestion(TEXT, at, at + len("her self"), "herself", "Ada Beta")
    return review


def test_an_entry_on_an_unchanged_sidecar_is_the_review(tmp_path: Path) -> None:
    saved = _review()
    base = dump_review(saved)
    mine = _review()
    mine.comments = [saved.comments[0]]
    mine.resolve(saved.comments[0].id)
    mine.suggestions = []  # deleted before the crash: stays deleted
    got = recovered(_entry(dump_review(mine), base, tmp_path / "e.json"), base, FILE, tmp_path)
    assert dump_review(got) == dump_review(mine)


def test_a_sidecar_changed_since_keeps_its_items_and_gains_the_new_ones(tmp_path: Path) -> None:
    base_review = _review()
    base = dump_review(base_review)
    theirs = _review()
    theirs.comments = [base_review.comments[0]]
    theirs.reply(theirs.comments[0].id, "The big one.", "quillfeather")
    mine = ChapterReview(FILE, list(base_review.comments), list(base_review.suggestions))
    new = mine.add_suggestion(TEXT, 0, 3, "A", "Ada Beta")
    got = recovered(
        _entry(dump_review(mine), base, tmp_path / "e.json"), dump_review(theirs), FILE, tmp_path
    )
    assert [c.replies[0].text for c in got.comments] == ["The big one."]  # the file's version
    assert [s.id for s in got.suggestions] == [s.id for s in theirs.suggestions] + [new.id]


def test_a_sidecar_deleted_since_keeps_only_what_was_new(tmp_path: Path) -> None:
    mine = _review()
    base = dump_review(mine)
    got = recovered(_entry(dump_review(mine), base, tmp_path / "e.json"), None, FILE, tmp_path)
    assert got.is_empty  # mine holds nothing the base did not: the deletion stands


def test_the_review_journal_is_apart_from_the_chapter_journal(tmp_path: Path) -> None:
    journal = review_journal(tmp_path)
    assert journal.record("reviews/01-x.toml", "format = 1\n", None)
    assert [e.file for e in journal.entries()] == ["reviews/01-x.toml"]
    assert not (tmp_path / ".studio" / "journal").exists()


def test_refind_puts_a_detached_anchor_back_only_on_its_exact_words() -> None:
    at = TEXT.index("radio")
    anchor = make_anchor(TEXT, at, at + len("radio"))
    gone = TEXT.replace("The radio hissed", "Static")
    detached = shift(anchor, Edit(0, len(TEXT), len(gone)), gone)
    assert detached.detached
    assert refind(detached, gone).detached  # not there: stays detached
    elsewhere = "A radio. " + gone  # the word, but not its context
    assert refind(detached, elsewhere).detached
    back = "Prologue. " + TEXT
    found = refind(detached, back)
    assert not found.detached and back[found.start : found.end] == "radio"
    assert found.start == at + len("Prologue. ")
