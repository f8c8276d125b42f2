"""Hostile HTML and EPUB inputs: deep nesting, zip bombs. Each imports whole or is
refused with StudioError, never a traceback or a half-read fic."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from studio.errors import StudioError
from studio.importers import detect, import_fic
from tests.import_support import assert_no_word_lost, input_text


def _html(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("tag", ["div", "b", "em", "span", "blockquote"])
def test_hundreds_of_unclosed_tags_import_with_no_word_lost(tag: str, tmp_path: Path) -> None:
    words = [f"word{n}" for n in range(600)]
    body = "<p>The first paragraph is here.</p>" + "".join(f"<{tag}>{w} " for w in words)
    source = tmp_path / "deep.html"
    source.write_text(_html(body), encoding="utf-8")
    plan, project = import_fic([source], tmp_path / "story")
    assert_no_word_lost(plan, project, input_text(source))
    text = project.read_chapter(project.chapters[0])
    assert "word0" in text and "word599" in text


def test_nesting_deeper_than_the_parser_reads_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "abyss.html"
    source.write_text(_html("<div>" * 5000 + "the bottom"), encoding="utf-8")
    with pytest.raises(StudioError, match="nested too deeply"):
        detect([source])


def _epub(path: Path, page: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as epub:
        epub.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        epub.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:'
            'container" version="1.0"><rootfiles><rootfile full-path="content.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        epub.writestr(
            "content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
            '<manifest><item id="p" href="page.xhtml" media-type="application/xhtml+xml"/>'
            '</manifest><spine><itemref idref="p"/></spine></package>',
        )
        epub.writestr("page.xhtml", page)


def test_an_epub_page_that_inflates_past_the_limit_is_refused(tmp_path: Path) -> None:
    from studio.importers.ao3 import MAX_MEMBER_BYTES

    bomb = tmp_path / "bomb.epub"
    _epub(bomb, b"<html><body><p>" + b" " * (MAX_MEMBER_BYTES + 10) + b"</p></body></html>")
    assert bomb.stat().st_size < 1024 * 1024  # small on disk, huge inflated
    with pytest.raises(StudioError, match="unpacks to more than"):
        detect([bomb])


def test_an_ordinary_epub_page_still_reads(tmp_path: Path) -> None:
    book = tmp_path / "small.epub"
    _epub(book, b"<html><body><p>A small page of prose, read whole.</p></body></html>")
    plan = detect([book])
    assert plan.chapters and "read whole" in plan.chapters[0].markdown()
