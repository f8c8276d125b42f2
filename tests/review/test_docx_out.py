"""`studio export --format docx --review`: Word comments and tracked changes on their words."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from studio.cli import main
from studio.review.ooxml import w, w15
from studio.review.sent import load_sent, sent_copies
from studio.story import Project
from tests.review.review_support import add_review, document_xml, texts_of


def export(root: Path, out: Path, *extra: str) -> None:
    assert main(["export", str(root), "--format", "docx", "-o", str(out), *extra]) == 0


def test_comments_and_suggestions_become_word_review_marks(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_review(sample_copy)
    out = tmp_path / "review.docx"
    export(sample_copy, out, "--review")
    body = document_xml(out)
    assert sorted(texts_of(body, "del")) == sorted([" the the", "definately", "her self"])
    assert sorted(texts_of(body, "ins")) == sorted([" the", "definitely", "herself", "Suddenly "])
    authors = {e.get(w("author")) for e in body.iter(w("ins"), w("del"))}
    assert authors == {"Ada Beta", "Bo Editor"}
    comments = document_xml(out, "word/comments.xml")
    by_author = {c.get(w("author")): c for c in comments.iter(w("comment"))}
    assert set(by_author) == {"Ada Beta", "quillfeather", "Bo Editor", "Bo"}
    # Each comment's range holds its words: the text between its start and end marks.
    ranges = _comment_ranges(body)
    text_of = {
        c.get(w("id")): "".join(t.text or "" for t in c.iter(w("t")))
        for c in comments.iter(w("comment"))
    }
    quoted = {text_of[cid]: words for cid, words in ranges.items()}
    assert quoted["Too long?"] == "ninety years"
    assert quoted["It's a lighthouse, they last."] == "ninety years"
    assert quoted["Nice"] == "Mostly it was company."
    assert quoted["Across a scene break"].startswith("At ten past two")
    assert quoted["Across a scene break"].endswith("She knew the song")
    # The reply is threaded under its comment; the resolved comment is marked done.
    extended = document_xml(out, "word/commentsExtended.xml")
    items = list(extended.iter(w15("commentEx")))
    assert sum(1 for i in items if i.get(w15("paraIdParent"))) == 1
    assert sum(1 for i in items if i.get(w15("done")) == "1") == 1
    # What was sent is kept, so the document that comes back can be compared.
    copies = sent_copies(sample_copy)
    assert len(copies) == 1
    sent = load_sent(copies[0])
    assert sent is not None
    project = Project.load(sample_copy)
    assert sent.chapters == {c.file: project.read_chapter(c) for c in project.chapters}
    assert any(p.chapter for p in sent.paragraphs)


def test_without_review_the_docx_has_no_review_marks(sample_copy: Path, tmp_path: Path) -> None:
    add_review(sample_copy)
    out = tmp_path / "plain.docx"
    export(sample_copy, out)
    with zipfile.ZipFile(out) as archive:
        assert "word/comments.xml" not in archive.namelist()
    body = document_xml(out)
    assert list(body.iter(w("ins"), w("del"), w("commentRangeStart"))) == []


def test_review_is_for_docx_only(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["export", str(sample_copy), "--format", "epub", "--review", "-o", str(tmp_path / "x.epub")]
    )
    assert code == 2
    assert "--review is for DOCX" in capsys.readouterr().err


def _comment_ranges(body: object) -> dict[str, str]:
    """Comment id → the text (without deletions) between its range marks."""
    open_ids: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for node in body.iter():  # type: ignore[attr-defined]
        if node.tag == w("commentRangeStart"):
            open_ids[node.get(w("id"))] = []
        elif node.tag == w("commentRangeEnd"):
            done[node.get(w("id"))] = "".join(open_ids.pop(node.get(w("id"))))
        elif node.tag == w("t"):
            for words in open_ids.values():
                words.append(node.text or "")
        elif node.tag == w("p"):
            for words in open_ids.values():
                if words:
                    words.append("\n")
    return done
