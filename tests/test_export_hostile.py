"""Hostile text (markup, `&`, control characters, a 280,000-character line) exports
safely to every format: as text, never as markup, and never as invalid XML."""

from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from studio.export import EXPORTERS
from studio.export.bundle import extract_bundle
from studio.story import Project
from tests.export_support import CONTROL, HOSTILE_TITLE, hostile_project
from tests.test_export_markdown_text import pandoc

CONTROLS = set(CONTROL)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _no_controls(text: str) -> None:
    assert not CONTROLS & set(text)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return hostile_project(tmp_path_factory.mktemp("hostile"))


def test_docx(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.docx"
    EXPORTERS["docx"](hostile, out)
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    _no_controls(text)
    assert document.paragraphs[0].text == '<script>alert("t")</script> & Sons'
    assert "Before <script>alert(1)</script> & & after." in text
    assert "<img src=x onerror=alert(1)> sings & shouts" in text
    assert max(len(p.text) for p in document.paragraphs) >= 280_000
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_text(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.txt"
    EXPORTERS["text"](hostile, out)
    text = out.read_text(encoding="utf-8")
    _no_controls(text)
    assert text.startswith('Title: <script>alert("t")</script> & Sons\n')
    assert "\n    <img src=x onerror=alert(1)> sings & shouts\n" in text


def test_markdown_converts_to_text_not_markup(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.md"
    EXPORTERS["markdown"](hostile, out)
    markdown = out.read_text(encoding="utf-8")
    _no_controls(markdown)
    html = pandoc(markdown, "html")
    parsed = _Collect()
    parsed.feed(html)
    allowed = {"div", "p", "h1", "h2", "em", "strong", "br", "hr", "span", "ul", "ol", "li"}
    assert set(parsed.tags) <= allowed  # lists stay lists
    assert set(parsed.attrs) <= {"class", "id", "data-song", "type"}  # ol type="1"
    body = "".join(parsed.text)
    assert "Before <script>alert(1)</script> & & after." in body
    assert "<img src=x onerror=alert(1)> sings & shouts" in body
    assert "@cite $math$ ~sub~ ^sup^ [brackets]{.x}" in body
    assert "word&<i>x</i> " * 100 in body


def test_ffn_html_and_docx(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = EXPORTERS["ffn"](hostile, tmp_path / "ffn")
    html_file = next(f for f in files if f.suffix == ".html")
    html = html_file.read_text(encoding="utf-8")
    _no_controls(html)
    parsed = _Collect()
    parsed.feed(html)
    assert set(parsed.tags) <= {
        "html",
        "head",
        "meta",
        "title",
        "body",
        "p",
        "em",
        "strong",
        "br",
        "hr",
    }
    assert set(parsed.attrs) <= {"lang", "charset"}
    assert "Before <script>alert(1)</script> & & after." in "".join(parsed.text)
    docx_file = next(f for f in files if f.suffix == ".docx")
    assert docx.Document(str(docx_file)).paragraphs


def test_bundle_keeps_the_hostile_text_byte_for_byte(hostile, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.zip"
    EXPORTERS["bundle"](hostile, out)
    copy = extract_bundle(out, tmp_path / "copy")
    chapter = hostile.chapters[0].file
    assert (copy / chapter).read_bytes() == (hostile.root / chapter).read_bytes()
    assert (copy / "story.toml").read_bytes() == (hostile.root / "story.toml").read_bytes()
    assert Project.load(copy).work.title == HOSTILE_TITLE
