"""Hard line breaks, links and lists, as the importer writes them, in every exporter.

The story uses both Markdown hard breaks (backslash and two spaces), links of every
kind the Archive keeps (http, https, mailto, relative) and one it does not
(`javascript:`), and bullet and numbered lists; each format must render them as its
own line breaks, links and lists (FanFiction.Net, which strips links, with a warning).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from lxml import html as lxml_html

from studio.export import EXPORTERS
from studio.export.ffn import POSTING_NOTES, ffn_warnings
from studio.story import Project, create_project
from tests.export_helpers import as_html5ever_writes, clean_with_archive_allowlist, epubcheck

LINKS = {
    "the archive": "https://archiveofourown.org/works/1",
    "an old site": "http://example.com/page?a=1&b=2",
    "write to me": "mailto:someone@example.org",
    "the next part": "../part-two.html",
}
BAD = "javascript:alert(1)"
LETTER = ["Dear Sam,", "I miss the harbour.", "Yours, Alex"]
BULLETS = ["buy bread", "feed the *cat*"]
NUMBERED = ["wake up", "leave"]


def _chapter() -> str:
    link_text = " and ".join(f"[{text}]({href})" for text, href in LINKS.items())
    letter = f"{LETTER[0]}\\\n{LETTER[1]}  \n{LETTER[2]}"
    bullets = "\n".join(f"- {item}" for item in BULLETS)
    numbered = "\n".join(f"{n}. {item}" for n, item in enumerate(NUMBERED, start=3))
    return (
        f"{letter}\n\nSee {link_text}, but never [this]({BAD}).\n\n"
        f"{bullets}\n\nThen a paragraph.\n\n{numbered}\n"
    )


@pytest.fixture
def story(tmp_path: Path) -> Project:
    project = create_project(tmp_path / "story", title="Letters Home", author="Tester")
    work = project.work
    work.fandoms = ["Original Work"]
    work.rating = "General Audiences"
    work.warnings = ["No Archive Warnings Apply"]
    project.write_chapter(project.chapters[0], _chapter())
    project.save()
    return Project.load(project.root)


def _hrefs(tree: etree._Element) -> dict[str, str]:
    return {"".join(a.itertext()): a.get("href") for a in tree.iter("{*}a", "a")}


def _check_html(markup: str, tree: etree._Element, *, relative: bool = True) -> None:
    expected = {k: v for k, v in LINKS.items() if relative or ":" in v}
    assert _hrefs(tree) == expected
    assert 'href="javascript' not in markup  # kept as text, never as a link
    paragraph = next(p for p in tree.iter("{*}p", "p") if "".join(p.itertext()).startswith("Dear"))
    assert len(list(paragraph.iter("{*}br", "br"))) == len(LETTER) - 1
    lists = [e for e in tree.iter() if isinstance(e.tag, str) and e.tag.split("}")[-1] in "ul ol"]
    names = [e.tag.split("}")[-1] for e in lists]
    assert names == ["ul", "ol"]
    items = ["".join(li.itertext()).strip() for e in lists for li in e]
    assert items == [i.replace("*", "") for i in BULLETS + NUMBERED]


def test_ao3_html_keeps_links_breaks_and_lists(story: Project, tmp_path: Path) -> None:
    chapter = EXPORTERS["ao3"](story, tmp_path / "ao3")[0].read_text(encoding="utf-8")
    assert clean_with_archive_allowlist(chapter) == as_html5ever_writes(chapter)
    assert "<br />" in chapter and 'rel="' not in chapter  # the Archive adds nofollow itself
    _check_html(chapter, lxml_html.fromstring(f"<div>{chapter}</div>"))


def test_epub_keeps_links_breaks_and_lists(story: Project, tmp_path: Path) -> None:
    out = EXPORTERS["epub"](story, tmp_path / "book.epub")[0]
    with zipfile.ZipFile(out) as book:
        name = next(n for n in book.namelist() if "chapter-" in n)
        page = book.read(name)
    # A relative link would point at a file the book does not hold: text and address.
    _check_html(page.decode(), etree.fromstring(page), relative=False)
    assert "the next part (../part-two.html)" in page.decode()
    report = epubcheck(out)[0]
    assert "0 fatals / 0 errors / 0 warnings" in report, report


def test_docx_has_real_hyperlinks_breaks_and_lists(story: Project, tmp_path: Path) -> None:
    out = EXPORTERS["docx"](story, tmp_path / "story.docx")[0]
    document = docx.Document(str(out))
    rels = {r.rId: r.target_ref for r in document.part.rels.values() if r.is_external}
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    links = {
        "".join(t.text or "" for t in link.iter(f"{w}t")): rels[link.get(r_id)]
        for link in document.element.body.iter(f"{w}hyperlink")
    }
    assert links == LINKS
    letter = next(p for p in document.paragraphs if p.text.startswith("Dear"))
    assert len(letter._p.findall(f".//{w}br")) == len(LETTER) - 1
    paragraphs = document.paragraphs
    styled = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("List")]
    assert styled == [("List Bullet", "buy bread"), ("List Bullet", "feed the cat")] + [
        ("List Number", item) for item in NUMBERED
    ]
    markdown = subprocess.run(
        ["pandoc", str(out), "-t", "commonmark"], capture_output=True, text=True, check=True
    ).stdout
    assert re.search(r"^3\.\s+wake up$", markdown, re.MULTILINE)  # counts from its own start


def test_markdown_keeps_links_breaks_and_lists(story: Project, tmp_path: Path) -> None:
    out = EXPORTERS["markdown"](story, tmp_path / "story.md")[0]
    page = subprocess.run(
        ["pandoc", str(out), "-f", "markdown", "-t", "html"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    _check_html(page, lxml_html.fromstring(f"<div>{page}</div>"))


def test_text_keeps_lines_and_addresses(story: Project, tmp_path: Path) -> None:
    text = EXPORTERS["text"](story, tmp_path / "story.txt")[0].read_text(encoding="utf-8")
    assert "\n".join(LETTER) in text
    for label, href in LINKS.items():
        assert f"{label} <{href}>" in text
    assert "- buy bread\n- feed the *cat*" in text and "3. wake up\n4. leave" in text


def test_ffn_keeps_breaks_drops_links_and_warns(story: Project, tmp_path: Path) -> None:
    files = EXPORTERS["ffn"](story, tmp_path / "ffn")
    page = next(f for f in files if f.suffix == ".html").read_text(encoding="utf-8")
    assert "<br />".join(LETTER) in page
    assert "<a " not in page and "archiveofourown.org" not in page
    assert all(label in page for label in LINKS)
    document = docx.Document(str(next(f for f in files if f.suffix == ".docx")))
    assert not [r for r in document.part.rels.values() if r.is_external]
    warnings = ffn_warnings(story)
    assert any(f"{len(LINKS)} links" in w for w in warnings)
    notes = (tmp_path / "ffn" / POSTING_NOTES).read_text(encoding="utf-8")
    assert f"FanFiction.Net removes links: the story has {len(LINKS)} links" in notes


def test_hard_breaks_in_notes_stay_breaks(story: Project, tmp_path: Path) -> None:
    """Notes in story.toml use the same Markdown: a hard break is a break there too."""
    story.work.notes = f"{LETTER[0]}\\\n{LETTER[1]}  \n{LETTER[2]}\nstill the last line."
    text = EXPORTERS["text"](story, tmp_path / "n.txt")[0].read_text(encoding="utf-8")
    assert "\n".join(LETTER) + " still the last line." in text
    assert "\\" not in text
    document = docx.Document(str(EXPORTERS["docx"](story, tmp_path / "n.docx")[0]))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    note = next(p for p in document.paragraphs if p.text.startswith(LETTER[0]))
    assert len(note._p.findall(f".//{w}br")) == len(LETTER) - 1
    files = EXPORTERS["ffn"](story, tmp_path / "ffn")
    page = next(f for f in files if f.suffix == ".html").read_text(encoding="utf-8")
    assert "<br />".join(LETTER) in page
