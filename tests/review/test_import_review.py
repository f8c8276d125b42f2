"""`studio import-review`: an editor's document back as comments and suggestions.

The documents come from Studio's own review export, rewritten the way an editor's
office suite rewrites them: by the real LibreOffice (DOCX → ODT → DOCX), and by editing
the XML the way Word does when an editor types with or without tracking.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from studio.cli import main
from studio.review import load_review, save_review
from studio.review.importing import import_review
from studio.review.ooxml import XML_SPACE, w
from studio.story import Project
from tests.review.review_support import CH1, add_across, add_review

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt install libreoffice-writer-nogui",
)


def review_state(root: Path) -> set[tuple[object, ...]]:
    """Every comment and suggestion of the story as comparable facts, on its words."""
    project = Project.load(root)
    facts: set[tuple[object, ...]] = set()
    for chapter in project.chapters:
        text = project.read_chapter(chapter)
        review = load_review(project, chapter, text)
        for c in review.comments:
            a = c.anchor
            assert text[a.start : a.end] == a.exact and not a.detached
            replies = tuple((r.author, r.text) for r in c.replies)
            facts.add(
                ("comment", chapter.file, a.start, a.exact, c.author, c.text, c.resolved, replies)
            )
        for s in review.pending_suggestions():
            a = s.anchor
            assert text[a.start : a.end] == a.exact and not a.detached
            facts.add(("suggestion", chapter.file, a.start, a.exact, s.author, s.text))
    return facts


def clear_reviews(root: Path) -> None:
    shutil.rmtree(root / "reviews")


def soffice_convert(source: Path, fmt: str, out_dir: Path, profile: Path) -> Path:
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", fmt,
         "--outdir", str(out_dir), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    result = out_dir / f"{source.stem}.{fmt.split(':', maxsplit=1)[0]}"
    assert result.is_file()
    return result


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


def export_review(root: Path, out: Path) -> Path:
    assert main(["export", str(root), "--format", "docx", "--review", "-o", str(out)]) == 0
    return out


def test_the_same_document_back_adds_nothing(sample_copy: Path, tmp_path: Path) -> None:
    add_review(sample_copy)
    before = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    report = import_review(Project.load(sample_copy), sent)
    assert report.added == 0 and report.already > 0
    assert review_state(sample_copy) == before


def test_a_review_comes_back_on_its_words(sample_copy: Path, tmp_path: Path) -> None:
    add_review(sample_copy)
    expected = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    clear_reviews(sample_copy)
    chapters = {p: p.read_bytes() for p in (sample_copy / "chapters").iterdir()}
    report = import_review(Project.load(sample_copy), sent)
    assert review_state(sample_copy) == expected
    assert report.outside == 0
    assert {p: p.read_bytes() for p in (sample_copy / "chapters").iterdir()} == chapters


@needs_soffice
@pytest.mark.slow
def test_round_trip_through_libreoffice(
    sample_copy: Path, tmp_path: Path, lo_profile: Path
) -> None:
    """DOCX → ODT → DOCX by the real LibreOffice, as an editor's suite rewrites it; then
    the ODT itself. Every comment (with its reply and resolved state) and suggestion is
    back on its words."""
    add_review(sample_copy)
    add_across(sample_copy)
    expected = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    odt = soffice_convert(sent, "odt", tmp_path / "odt", lo_profile)
    again = soffice_convert(odt, "docx:MS Word 2007 XML", tmp_path / "docx", lo_profile)
    clear_reviews(sample_copy)
    import_review(Project.load(sample_copy), again)
    assert review_state(sample_copy) == expected
    clear_reviews(sample_copy)
    code = main(["import-review", str(sample_copy), str(odt)])
    assert code == 0
    assert review_state(sample_copy) == expected


# -- an editor's own work, written into the XML as Word writes it ------------------


def _edit_document(source: Path, out: Path, edit: object) -> Path:
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    edit(root)  # type: ignore[operator]
    parts["word/document.xml"] = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", standalone=True
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out


def _paragraph_with(root: etree._Element, words: str) -> etree._Element:
    for p in root.iter(w("p")):
        if words in "".join(t.text or "" for t in p.iter(w("t"))):
            return p
    raise AssertionError(words)


def _set_text(p: etree._Element, text: str) -> None:
    """Retype a paragraph: one run with the new text (as a suite re-saves it)."""
    runs = p.findall(w("r"))
    for run in runs[1:]:
        p.remove(run)
    for child in list(runs[0]):
        if child.tag != w("rPr"):
            runs[0].remove(child)
    t = etree.SubElement(runs[0], w("t"))
    t.text = text
    t.set(XML_SPACE, "preserve")


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def test_untracked_typing_comes_back_as_suggestions(sample_copy: Path, tmp_path: Path) -> None:
    """The editor retypes words, deletes a sentence, splits a paragraph and adds one, all
    without tracking. Each becomes a suggestion; accepting them all gives her text."""
    sent = export_review(sample_copy, tmp_path / "sent.docx")
    edited_texts: dict[str, str] = {}

    def edit(root: etree._Element) -> None:
        first = _paragraph_with(root, "Nobody called the station")
        new_first = (
            _text(first)
            .replace("Nobody called", "No one rang")
            .replace(" Mostly it was company.", "")
        )
        _set_text(first, new_first)
        second = _paragraph_with(root, "At ten past two")
        old = _text(second)
        cut = old.index(" It thinned")
        _set_text(second, old[:cut])
        split = copy.deepcopy(second)
        _set_text(split, old[cut + 1 :])
        second.addnext(split)
        added = copy.deepcopy(split)
        _set_text(added, "A brand new paragraph from the editor.")
        split.addnext(added)
        edited_texts.update(first=new_first, second=old[:cut], split=old[cut + 1 :])

    back = _edit_document(sent, tmp_path / "back.docx", edit)
    before = (sample_copy / CH1).read_text(encoding="utf-8")
    assert main(["import-review", str(sample_copy), str(back), "--author", "Cy Editor"]) == 0
    assert (sample_copy / CH1).read_text(encoding="utf-8") == before  # nothing applied
    project = Project.load(sample_copy)
    review = load_review(project, CH1)
    assert review.suggestions and all(s.author == "Cy Editor" for s in review.suggestions)
    after = review.accept_all(before)
    paragraphs = after.split("\n\n")
    assert edited_texts["first"] in paragraphs
    assert edited_texts["second"] in paragraphs
    assert edited_texts["split"] in paragraphs
    assert "A brand new paragraph from the editor." in paragraphs
    assert after.replace(edited_texts["first"], "").count("Nobody called") == 0


def test_tracked_changes_and_comments_typed_by_the_editor(
    sample_copy: Path, tmp_path: Path
) -> None:
    """A tracked deletion and insertion by an editor, and a comment added with
    python-docx (as Word does: ranges around runs)."""
    sent = export_review(sample_copy, tmp_path / "sent.docx")
    document = docx.Document(str(sent))
    target = next(p for p in document.paragraphs if "Who are you?" in p.text)
    document.add_comment(target.runs, text="Make this louder?", author="Cy Editor", initials="CE")
    document.save(str(tmp_path / "commented.docx"))

    def track(root: etree._Element) -> None:
        p = _paragraph_with(root, "Maren sat up so fast")
        text = _text(p)
        cut = text.index("so fast")
        run = p.findall(w("r"))[0]
        _set_text(p, text[:cut])
        deleted = etree.SubElement(
            p,
            w("del"),
            {w("id"): "901", w("author"): "Cy Editor", w("date"): "2026-12-01T10:00:00Z"},
        )
        gone = etree.SubElement(deleted, w("r"))
        dt = etree.SubElement(gone, w("delText"))
        dt.text = "so fast"
        inserted = etree.SubElement(
            p,
            w("ins"),
            {w("id"): "902", w("author"): "Cy Editor", w("date"): "2026-12-01T10:00:00Z"},
        )
        new = etree.SubElement(inserted, w("r"))
        nt = etree.SubElement(new, w("t"))
        nt.text = "so quickly"
        rest = copy.deepcopy(run)
        for child in list(rest):
            if child.tag != w("rPr"):
                rest.remove(child)
        t = etree.SubElement(rest, w("t"))
        t.text = text[cut + len("so fast") :]
        t.set(XML_SPACE, "preserve")
        p.append(rest)

    back = _edit_document(tmp_path / "commented.docx", tmp_path / "back.docx", track)
    report = import_review(Project.load(sample_copy), back)
    assert (report.comments, report.tracked, report.untracked) == (1, 1, 0)
    project = Project.load(sample_copy)
    text = project.read_chapter(project.chapters[0])
    review = load_review(project, CH1, text)
    [suggestion] = review.suggestions
    assert (suggestion.anchor.exact, suggestion.text, suggestion.author) == (
        "so fast",
        "so quickly",
        "Cy Editor",
    )
    assert suggestion.created == "2026-12-01T10:00:00Z"
    [comment] = review.comments
    assert comment.anchor.exact == '"Who are you?" she asked the radio, which did not answer.'
    assert (comment.author, comment.text) == ("Cy Editor", "Make this louder?")


def test_the_author_kept_writing_after_sending(sample_copy: Path, tmp_path: Path) -> None:
    add_review(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    clear_reviews(sample_copy)
    chapter = sample_copy / CH1
    chapter.write_text(
        "A new opening line.\n\n" + chapter.read_text(encoding="utf-8"), encoding="utf-8"
    )
    import_review(Project.load(sample_copy), sent)
    facts = review_state(sample_copy)  # asserts every anchor is on its words
    assert ("Too long?", "ninety years") in {(f[5], f[3]) for f in facts if f[0] == "comment"}


def test_not_a_document_is_a_clear_error(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.docx"
    bad.write_text("not a zip", encoding="utf-8")
    assert main(["import-review", str(sample_copy), str(bad)]) == 2
    assert "is not a Word document" in capsys.readouterr().err
    assert main(["import-review", str(sample_copy), str(tmp_path / "story.pdf")]) == 2
    assert not (sample_copy / "reviews").exists()


@needs_soffice
@pytest.mark.slow
def test_libreoffice_renders_the_comments_and_changes(
    sample_copy: Path, tmp_path: Path, lo_profile: Path
) -> None:
    """LibreOffice lays the review DOCX out with its comments as PDF notes on their
    words (LibreOffice 7.4 has no comments-in-margin PDF option) and the tracked changes
    drawn as changes."""
    add_review(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    notes_on = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    pdf = soffice_convert(sent, notes_on, tmp_path / "pdf", lo_profile)
    data = pdf.read_bytes()
    notes = {
        bytes.fromhex(m.decode()).decode("utf-16")
        for m in re.findall(rb"/Subtype /Text .*?/Contents <([0-9A-F]+)>", data)
    }
    assert {"Too long?", "It's a lighthouse, they last.", "Across a scene break", "spelling"} <= {
        n.lstrip("\ufeff") for n in notes
    }
    text = (
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        if shutil.which("pdftotext")
        else ""
    )
    if text:  # both the old and the new words are drawn (struck through, underlined)
        assert "her self" in text and "herself" in text


def test_tracked_paragraph_split_and_join(sample_copy: Path, tmp_path: Path) -> None:
    """Word marks a split paragraph's mark as inserted, a join's as deleted."""
    sent = export_review(sample_copy, tmp_path / "sent.docx")
    stamp = {w("author"): "Cy Editor", w("date"): "2026-12-01T10:00:00Z"}

    def mark(p: etree._Element, kind: str, number: str) -> None:
        ppr = p.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            p.insert(0, ppr)
        rpr = etree.SubElement(ppr, w("rPr"))
        etree.SubElement(rpr, w(kind), {w("id"): number, **stamp})

    def edit(root: etree._Element) -> None:
        mark(_paragraph_with(root, "Nobody called the station"), "del", "801")
        p = _paragraph_with(root, "Maren sat up so fast")
        text = _text(p)
        cut = text.index("She turned")
        tail = copy.deepcopy(p)
        _set_text(p, text[:cut])
        _set_text(tail, text[cut:])
        mark(p, "ins", "802")
        p.addnext(tail)

    back = _edit_document(sent, tmp_path / "back.docx", edit)
    report = import_review(Project.load(sample_copy), back)
    assert (report.tracked, report.untracked) == (2, 0)
    project = Project.load(sample_copy)
    text = project.read_chapter(project.chapters[0])
    review = load_review(project, CH1, text)
    after = review.accept_all(text)
    assert "Mostly it was company.At ten past two" in after
    assert "the chair went over. \n\nShe turned the dial" in after
    assert {s.author for s in review.suggestions} == {"Cy Editor"}


def test_another_storys_document_is_refused(
    sample_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = docx.Document()
    for n in range(20):
        other.add_paragraph(f"Paragraph {n} of a story that is not this one at all.")
    path = tmp_path / "other.docx"
    other.save(str(path))
    assert main(["import-review", str(sample_copy), str(path)]) == 2
    assert "does not look like this story" in capsys.readouterr().err
    assert not (sample_copy / "reviews").exists()


def test_words_the_author_rewrote_since_sending_come_back_detached(
    sample_copy: Path, tmp_path: Path
) -> None:
    add_review(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    clear_reviews(sample_copy)
    chapter = sample_copy / CH1
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("for ninety years", "since the war"),
        encoding="utf-8",
    )
    report = import_review(Project.load(sample_copy), sent)
    assert report.detached == 1
    review = load_review(Project.load(sample_copy), CH1)
    [gone] = [c for c in review.comments if c.anchor.detached]
    assert (gone.text, gone.anchor.exact) == ("Too long?", "ninety years")


def test_suggestions_across_paragraphs_go_out_and_come_back(
    sample_copy: Path, tmp_path: Path
) -> None:
    """A join (the blank line deleted), a deletion from one paragraph into the next,
    and a new paragraph inserted: tracked changes of paragraph marks in Word."""
    add_across(sample_copy)
    expected = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    clear_reviews(sample_copy)
    report = import_review(Project.load(sample_copy), sent)
    assert report.outside == 0
    assert review_state(sample_copy) == expected


def _google_docs_style(source: Path, out: Path) -> Path:
    """The same review as a Google Docs download writes it: no thread part (replies are
    comments on the same words), every word its own run, bookmarks and proofing marks
    between runs, and the comments part under another name."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    del parts["word/commentsExtended.xml"]
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = re.sub(r"<Relationship[^>]*commentsExtended[^>]*/>", "", rels)
    parts["word/_rels/document.xml.rels"] = rels.replace(
        'Target="comments.xml"', 'Target="gcomments.xml"'
    ).encode()
    parts["word/gcomments.xml"] = parts.pop("word/comments.xml")
    types = (
        parts["[Content_Types].xml"].decode().replace("/word/comments.xml", "/word/gcomments.xml")
    )
    parts["[Content_Types].xml"] = re.sub(
        r"<Override[^>]*commentsExtended[^>]*/>", "", types
    ).encode()
    root = etree.fromstring(parts["word/document.xml"])
    for t in list(root.iter(w("t"), w("delText"))):
        run = t.getparent()
        words = re.findall(r"\S+\s*|\s+", t.text or "")
        if len(words) < 2:
            continue
        t.text = words[0]
        at = run
        for piece in words[1:]:
            new_run = copy.deepcopy(run)
            new_run.find(t.tag).text = piece
            at.addnext(new_run)
            at = new_run
        run.addnext(etree.Element(w("proofErr"), {w("type"): "spellStart"}))
    for n, p in enumerate(root.iter(w("p"))):
        p.insert(
            1, etree.Element(w("bookmarkStart"), {w("id"): str(5000 + n), w("name"): f"kix.{n}"})
        )
        p.append(etree.Element(w("bookmarkEnd"), {w("id"): str(5000 + n)}))
    parts["word/document.xml"] = etree.tostring(root)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out


def test_a_google_docs_style_document(sample_copy: Path, tmp_path: Path) -> None:
    add_review(sample_copy)
    add_across(sample_copy)
    project = Project.load(sample_copy)
    for chapter in project.chapters:  # Google Docs keeps no resolved state in a DOCX
        review = load_review(project, chapter)
        for comment in review.comments:
            comment.resolved = False
        save_review(project, review)
    expected = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    back = _google_docs_style(sent, tmp_path / "google.docx")
    clear_reviews(sample_copy)
    report = import_review(Project.load(sample_copy), back)
    assert report.replies == 1
    assert review_state(sample_copy) == expected


def test_a_suggestion_the_editor_accepted_in_word_is_not_added_twice(
    sample_copy: Path, tmp_path: Path
) -> None:
    add_review(sample_copy)
    before = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")

    def accept_in_word(root: etree._Element) -> None:
        for deleted in list(root.iter(w("del"))):
            if "".join(t.text or "" for t in deleted.iter(w("delText"))) == "her self":
                inserted = deleted.getnext()
                deleted.getparent().remove(deleted)
                for run in list(inserted):
                    inserted.addprevious(run)
                inserted.getparent().remove(inserted)

    back = _edit_document(sent, tmp_path / "back.docx", accept_in_word)
    report = import_review(Project.load(sample_copy), back, author="Cy Editor")
    assert report.added == 0
    assert review_state(sample_copy) == before


def test_a_hostile_document_reads_no_other_file(sample_copy: Path, tmp_path: Path) -> None:
    """An external entity in the XML is never resolved (no file read, no network)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET WORDS", encoding="utf-8")
    sent = export_review(sample_copy, tmp_path / "sent.docx")
    with zipfile.ZipFile(sent) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode()
    body = body.replace(
        "<w:document", f'<!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]><w:document', 1
    )
    body = body.replace("Nobody called", "&x; Nobody called", 1)
    parts["word/document.xml"] = body.split("?>", 1)[1].encode()
    hostile = tmp_path / "hostile.docx"
    with zipfile.ZipFile(hostile, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    import_review(Project.load(sample_copy), hostile, author="X")
    for chapter in Project.load(sample_copy).chapters:
        review = load_review(Project.load(sample_copy), chapter)
        assert all("SECRET" not in s.text for s in review.suggestions)


def test_a_chapter_with_windows_line_ends(sample_copy: Path, tmp_path: Path) -> None:
    """Offsets are into the file as on disk, CRs included, there and back."""
    chapter = sample_copy / CH1
    chapter.write_bytes(chapter.read_bytes().replace(b"\n", b"\r\n"))
    add_review(sample_copy)
    add_across(sample_copy)
    expected = review_state(sample_copy)
    sent = export_review(sample_copy, tmp_path / "review.docx")
    clear_reviews(sample_copy)
    import_review(Project.load(sample_copy), sent)
    assert review_state(sample_copy) == expected
