"""Random untracked typing by an editor, all over the story: accepting every suggestion
it becomes gives exactly the editor's document (the mapping back to Markdown is right)."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from studio.cli import main
from studio.export.docx import build_docx
from studio.review import load_review, save_review
from studio.review.importing import import_review
from studio.review.ooxml import w
from studio.review.sent import load_sent, sent_copies
from studio.story import Project

NEW_WORDS = ["lantern", "gull", "brine", "quietly", "north", "and", "the", "kelp"]


def paragraph_texts(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(w("t"))) for p in root.iter(w("p"))]


def retype(root: etree._Element, rng: random.Random, edits: int, chapters: set[str]) -> int:
    """Replace, delete or insert words in runs of chapter paragraphs, at a run's edges
    too (next to the Markdown marks the document does not show)."""
    runs = [
        t
        for t in root.iter(w("t"))
        if len((t.text or "").split(" ")) >= 5
        and t.getparent().getparent().tag == w("p")
        and "".join(x.text or "" for x in t.getparent().getparent().iter(w("t"))) in chapters
    ]
    done = 0
    for t in rng.sample(runs, min(edits, len(runs))):
        words = (t.text or "").split(" ")
        i = rng.randrange(0, len(words))
        choice = rng.choice(["replace", "delete", "insert"])
        if choice == "replace":
            words[i] = rng.choice(NEW_WORDS)
        elif choice == "delete":
            del words[i]
        else:
            words.insert(i, rng.choice(NEW_WORDS))
        t.text = " ".join(words)
        done += 1
    return done


@pytest.mark.parametrize("seed", range(12))
def test_accepting_every_suggestion_gives_the_editors_text(
    sample_copy: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    sent = tmp_path / "sent.docx"
    assert main(["export", str(sample_copy), "-f", "docx", "--review", "-o", str(sent)]) == 0
    with zipfile.ZipFile(sent) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    # Only the chapters' own paragraphs: the title page, notes and credits are not
    # chapter text, and are left out by the import.
    [kept] = sent_copies(sample_copy)
    sent_copy = load_sent(kept)
    assert sent_copy is not None
    chapter_texts = {p.text for p in sent_copy.paragraphs if p.chapter}
    count = retype(root, rng, rng.randint(3, 25), chapter_texts)
    expected = paragraph_texts(root)
    parts["word/document.xml"] = etree.tostring(root)
    back = tmp_path / "back.docx"
    with zipfile.ZipFile(back, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)

    project = Project.load(sample_copy)
    report = import_review(project, back, author="Cy")
    assert report.untracked >= 1 and report.untracked <= count
    for chapter in project.chapters:
        review = load_review(project, chapter)
        text = project.read_chapter(chapter)
        project.write_chapter(chapter, review.accept_all(text))
        save_review(project, review)
    rebuilt = build_docx(Project.load(sample_copy))
    got = [
        "".join(t.text or "" for t in p.iter(w("t")))
        for p in rebuilt.document.element.body.iter(w("p"))
    ]
    assert [t for t in got if t] == [t for t in expected if t]
