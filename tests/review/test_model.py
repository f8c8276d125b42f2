"""Comments and suggestions: the API, the sidecar on disk, and that nothing else sees them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.checks import all_findings
from studio.errors import StudioError
from studio.export.bundle import export_bundle
from studio.export.markdown import render_markdown
from studio.export.text import render_text
from studio.review import (
    ChapterReview,
    Edit,
    Kind,
    Status,
    accept,
    author_name,
    load_review,
    reviewer_name,
    save_review,
    set_reviewer_name,
    sidecar_file,
    sidecar_path,
)
from studio.review.from_finding import suggest_fix
from studio.review.store import dump_review, parse_review
from studio.safety.backups import create_backup
from studio.safety.journal import Journal
from studio.story import Project
from studio.story.stats import story_stats

CHAPTER = "chapters/01-the-signal.md"


def chapter_text(project: Project) -> str:
    return project.read_chapter(project.chapters[0])


def span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(words, at + 1)
    return at, at + len(words)


def reviewed(sample_copy: Path) -> tuple[Project, ChapterReview, str]:
    """The sample story with one comment (and a reply) and three suggestions."""
    project = Project.load(sample_copy)
    text = chapter_text(project)
    review = load_review(project, CHAPTER)
    comment = review.add_comment(text, *span(text, "ninety years"), "Too long?", "Ada Beta")
    review.reply(comment.id, "It's a lighthouse, they last.", "quillfeather")
    review.add_suggestion(text, *span(text, "her self"), "herself", "Ada Beta")
    review.add_suggestion(text, *span(text, "with out"), "without", "Ada Beta")
    review.add_suggestion(text, *span(text, "the the"), "the", "Ada Beta")
    save_review(project, review)
    return project, review, text


def test_the_sidecar_round_trips_and_is_plain_toml(sample_copy: Path) -> None:
    project, review, _ = reviewed(sample_copy)
    path = sidecar_path(project, CHAPTER)
    assert path == sample_copy / "reviews" / "01-the-signal.toml"
    assert sidecar_file("chapters/part-1/02-x.md") == "reviews/part-1/02-x.toml"
    body = path.read_text(encoding="utf-8")
    assert 'exact = "ninety years"' in body and "[[comments.replies]]" in body
    again = load_review(project, CHAPTER)
    assert again == review
    assert [s.kind for s in again.suggestions] == [Kind.REPLACE] * 3


def test_multiline_text_survives_the_sidecar(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    text = chapter_text(project)
    review = load_review(project, CHAPTER)
    odd = ["two\nlines", "'''quotes'''\nand more", "\nleading", "tab\tand \\ slash\n", 'q "x"']
    for body in odd:
        review.add_comment(text, 0, 3, body, "A")
    save_review(project, review)
    assert [c.text for c in load_review(project, CHAPTER).comments] == odd


def test_resolve_reopen_and_reply(sample_copy: Path) -> None:
    _, review, _ = reviewed(sample_copy)
    comment = review.comments[0]
    review.resolve(comment.id)
    assert review.open_comments() == []
    review.reopen(comment.id)
    assert review.open_comments() == [comment]
    assert [r.author for r in comment.replies] == ["quillfeather"]
    with pytest.raises(StudioError, match="no comment"):
        review.resolve("c-nothing")


def test_accept_writes_the_chapter_and_moves_the_other_anchors(sample_copy: Path) -> None:
    project, review, text = reviewed(sample_copy)
    first = review.suggestions[0]
    new_text = accept(project, CHAPTER, first.id)
    assert chapter_text(project) == new_text == text.replace("her self", "herself", 1)
    again = load_review(project, CHAPTER)
    assert again.suggestions[0].status is Status.ACCEPTED
    for item in [again.comments[0], *again.pending_suggestions()]:
        assert new_text[item.anchor.start : item.anchor.end] == item.anchor.exact
        assert not item.anchor.detached
    again.reject(again.suggestions[1].id)
    with pytest.raises(StudioError, match="already rejected"):
        again.reject(again.suggestions[1].id)


def test_accept_all_applies_every_pending_change(sample_copy: Path) -> None:
    _, review, text = reviewed(sample_copy)
    new_text = review.accept_all(text)
    expected = text.replace("her self", "herself").replace("with out", "without")
    assert new_text == expected.replace("the the", "the", 1)
    assert review.pending_suggestions() == []
    comment = review.comments[0]
    assert new_text[comment.anchor.start : comment.anchor.end] == "ninety years"


def test_typing_in_studio_moves_anchors(sample_copy: Path) -> None:
    _, review, text = reviewed(sample_copy)
    typed = "Prologue. "
    new_text = typed + text
    review.edited(Edit(0, 0, len(typed)), new_text)
    for item in review.live_anchors():
        assert new_text[item.anchor.start : item.anchor.end] == item.anchor.exact


def test_an_outside_edit_reanchors_or_detaches_never_drops(sample_copy: Path) -> None:
    project, review, text = reviewed(sample_copy)
    edited = "A new first line.\n\n" + text.replace("with out knowing", "not knowing")
    (sample_copy / CHAPTER).write_text(edited, encoding="utf-8")
    again = load_review(project, CHAPTER)
    assert len(again.comments) == 1 and len(again.suggestions) == 3
    ninety = again.comments[0].anchor
    assert edited[ninety.start : ninety.end] == "ninety years"
    gone = again.suggestions[1].anchor
    assert gone.detached and gone.exact == "with out"
    # Reading wrote nothing: the sidecar still holds the old offsets.
    stored = load_review(project, CHAPTER, text).comments[0].anchor
    assert stored.start == review.comments[0].anchor.start


def test_exports_checks_and_counts_ignore_review_marks(sample_copy: Path) -> None:
    before_project = Project.load(sample_copy)
    before = (
        render_text(before_project),
        render_markdown(before_project),
        story_stats(before_project).as_json(),
        [f.as_json() for f in all_findings(before_project)],
    )
    project, _, _ = reviewed(sample_copy)
    after = (
        render_text(project),
        render_markdown(project),
        story_stats(project).as_json(),
        [f.as_json() for f in all_findings(project)],
    )
    assert after == before
    # The slips the suggestions fix are still found: the author's text is what is checked.
    assert {"her self", "with out", "the the"} <= {f["text"] for f in after[3]}


def test_bundle_and_backups_carry_the_reviews(sample_copy: Path, tmp_path: Path) -> None:
    project, _, _ = reviewed(sample_copy)
    out = tmp_path / "bundle.zip"
    export_bundle(project, out)
    with zipfile.ZipFile(out) as archive:
        assert f"{sample_copy.name}/reviews/01-the-signal.toml" in archive.namelist()
    backup = create_backup(sample_copy, reason="test")
    assert "reviews/01-the-signal.toml" in backup.files


def test_a_broken_sidecar_is_a_clear_error(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    path = sidecar_path(project, CHAPTER)
    path.parent.mkdir()
    path.write_text("[[comments]]\nid = 3\n", encoding="utf-8")
    with pytest.raises(StudioError, match="must be text") as caught:
        load_review(project, CHAPTER)
    assert caught.value.path == path
    path.write_text("not = [toml", encoding="utf-8")
    with pytest.raises(StudioError, match="not valid TOML"):
        load_review(project, CHAPTER)


def test_an_empty_review_leaves_no_file(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    review = load_review(project, CHAPTER)
    text = chapter_text(project)
    comment = review.add_comment(text, 0, 3, "x", "A")
    save_review(project, review)
    assert sidecar_path(project, CHAPTER).is_file()
    review.remove_comment(comment.id)
    save_review(project, review)
    assert not sidecar_path(project, CHAPTER).exists()


def test_reviewer_name_is_asked_once_and_kept() -> None:
    assert reviewer_name() is None
    assert author_name()  # the login name until one is chosen
    set_reviewer_name("  Ada   Beta ")
    assert reviewer_name() == author_name() == "Ada Beta"
    with pytest.raises(ValueError):
        set_reviewer_name("  ")


@given(st.lists(st.text(max_size=30), min_size=1, max_size=6))
@settings(max_examples=200, deadline=None)
def test_any_text_survives_the_sidecar(texts: list[str]) -> None:
    """Whatever an editor types (quotes, backslashes, control characters, newlines)."""
    source = "".join(texts) + "tail"
    review = ChapterReview(CHAPTER)
    for body in texts:
        comment = review.add_comment(source, 0, min(3, len(source)), body, body or "A")
        review.reply(comment.id, body + "'", body)
        review.add_suggestion(source, 0, 1, body + "\n", body)
    assert parse_review(dump_review(review), CHAPTER, Path("x.toml")) == review


def test_a_proofreading_fix_in_suggest_mode_is_a_suggestion(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    text = chapter_text(project)
    finding = next(
        f for f in all_findings(project) if f.file == CHAPTER and f.rule == "doubled-word"
    )
    review = load_review(project, CHAPTER, text)
    suggestion = suggest_fix(review, text, finding, finding.suggestions[0], "Ada Beta")
    assert suggestion.anchor.exact == finding.text == "the the"
    assert review.accept(suggestion.id, text).count("the the") == text.count("the the") - 1


def test_an_unsaved_review_is_kept_by_the_recovery_journal(sample_copy: Path) -> None:
    """The window journals a review it has not saved yet, as it journals chapter text."""
    project = Project.load(sample_copy)
    text = chapter_text(project)
    review = load_review(project, CHAPTER, text)
    review.add_comment(text, 0, 3, "unsaved thought", "Ada Beta")
    file = sidecar_file(CHAPTER)
    Journal(sample_copy).record(file, dump_review(review), None)
    [entry] = [e for e in Journal(sample_copy).entries() if e.file == file]
    assert parse_review(entry.text, CHAPTER, sample_copy / file) == review
