"""Item 13 (core): a chapter's bytes that the author did not edit survive a save:
mixed CRLF/LF, lone CR, U+2028/U+2029 and a leading BOM."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from studio.errors import StudioError
from studio.story import Project
from studio.story.file_form import decode_text, encode_text

ENDS = ["\n", "\r\n", "\r", "\u2028", "\u2029"]
_SPLIT = re.compile("(\r\n|\r|\n|\u2028|\u2029)")

line_text = st.text(
    alphabet=st.characters(blacklist_characters="\r\n\u2028\u2029", blacklist_categories=("Cs",)),
    max_size=30,
)
files = st.builds(
    lambda bom, lines, ends, final: (
        ("\ufeff" if bom else "")
        + "".join(line + end for line, end in zip(lines, ends, strict=False))
        + final
    ),
    st.booleans(),
    st.lists(line_text, max_size=25),
    st.lists(st.sampled_from(ENDS), min_size=25, max_size=25),
    line_text,
)


def _pieces(text: str) -> list[str]:
    """Lines and their endings, alternating, as on disk."""
    return _SPLIT.split(text)


@settings(max_examples=400, deadline=None)
@given(files)
def test_decode_then_encode_gives_the_same_bytes(text: str) -> None:
    data = text.encode("utf-8")
    editor, form = decode_text(data)
    assert not set(editor) & {"\r", "\u2028", "\u2029"}
    assert encode_text(editor, form)[0] == data


@settings(max_examples=300, deadline=None)
@given(files, st.data())
def test_editing_one_line_changes_only_that_lines_bytes(text: str, data: st.DataObject) -> None:
    raw = text.encode("utf-8")
    editor, form = decode_text(raw)
    lines = editor.split("\n")
    k = data.draw(st.integers(0, len(lines) - 1))
    new = data.draw(line_text.filter(lambda s: s != lines[k]))
    edited = "\n".join([*lines[:k], new, *lines[k + 1 :]])
    out, _ = encode_text(edited, form)
    body = text[1:] if text.startswith("\ufeff") else text
    pieces = _pieces(body)
    had_final = _has_final_end(pieces)
    pieces[2 * k] = new  # the line's text; every ending stays
    _end_file(pieces, form.usual_end, had_final=had_final, last_touched=k == len(lines) - 1)
    expected = ("\ufeff" if form.bom else "") + _joined(pieces)
    assert out == expected.encode("utf-8")
    assert decode_text(out)[0] == edited


def _has_final_end(pieces: list[str]) -> bool:
    """Whether the file ends in a line ending (which is not an editor line)."""
    return len(pieces) > 1 and pieces[-1] == ""


def _end_file(pieces: list[str], usual: str, *, had_final: bool, last_touched: bool) -> None:
    """The ending encode_text adds after the last line: the file's own while the author
    leaves the last line alone; once she changes it, or an empty last line would read
    back as the file's end, the usual ending."""
    if had_final or pieces == [""]:
        return
    if last_touched or (len(pieces) > 1 and pieces[-1] == ""):
        pieces += [usual, ""]


def _joined(pieces: list[str]) -> str:
    """Lines and endings joined as encode_text writes them: a lone CR that would read
    back as one CRLF with an empty LF line after it is written as CRLF."""
    pieces = list(pieces)
    for i in range(1, len(pieces) - 2, 2):
        if pieces[i] == "\r" and pieces[i + 1] == "" and pieces[i + 2] == "\n":
            pieces[i] = "\r\n"
    return "".join(pieces)


@settings(max_examples=300, deadline=None)
@given(files, st.data())
def test_inserting_and_deleting_lines_keeps_every_other_ending(
    text: str, data: st.DataObject
) -> None:
    raw = text.encode("utf-8")
    editor, form = decode_text(raw)
    lines = editor.split("\n")
    k = data.draw(st.integers(0, len(lines) - 1))
    # delete line k (when there is more than one): the other lines keep their endings.
    # (Deleting one of two equal neighbours is the same text either way, so which
    # ending goes is not defined; such lines are left out here.)
    if len(lines) > 1 and k < len(lines) - 1 and lines.count(lines[k]) == 1:
        out, _ = encode_text("\n".join(lines[:k] + lines[k + 1 :]), form)
        body = text[1:] if form.bom else text
        pieces = _pieces(body)
        del pieces[2 * k : 2 * k + 2]
        assert out == (("\ufeff" if form.bom else "") + _joined(pieces)).encode()
        assert decode_text(out)[0] == "\n".join(lines[:k] + lines[k + 1 :])
    # insert a new line before line k: it takes the file's usual ending
    fresh = "A new line the author typed"
    out, written = encode_text("\n".join([*lines[:k], fresh, *lines[k:]]), form)
    body = text[1:] if form.bom else text
    pieces = _pieces(body)
    had_final = _has_final_end(pieces)
    pieces[2 * k : 2 * k] = [fresh, form.usual_end]
    _end_file(pieces, form.usual_end, had_final=had_final, last_touched=False)
    assert out == (("\ufeff" if form.bom else "") + _joined(pieces)).encode()
    # what was written reads back as the editor's text, and its form is the one the
    # next save works from
    assert decode_text(out)[0] == "\n".join([*lines[:k], fresh, *lines[k:]])
    assert encode_text(decode_text(out)[0], written)[0] == out


def test_usual_end_is_the_most_common_one() -> None:
    _, form = decode_text(b"a\r\nb\r\nc\nd")
    assert form.usual_end == "\r\n"
    assert decode_text(b"one line")[1].usual_end == "\n"


def test_bad_utf8_is_a_studio_error_naming_the_line() -> None:
    with pytest.raises(StudioError) as caught:
        decode_text(b"fine\nfine\n\xff bad", Path("x.md"))
    assert caught.value.line == 3


MIXED = (
    "\ufeffFirst paragraph, written on Windows.\r\n\r\n"
    "Second, pasted from a Mac:\rwith a lone CR.\n\n"
    "Third has a line\u2028separator and ends a\u2029paragraph.\n"
    "Last line, no ending"
).encode()


def test_project_reads_and_writes_a_chapter_keeping_its_form(sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    chapter = project.chapters[0]
    path = project.chapter_path(chapter)
    path.write_bytes(MIXED)
    text, form = project.read_chapter_form(chapter)
    assert text.startswith("First paragraph") and "\r" not in text
    form = project.write_chapter_form(chapter, text, form)
    assert path.read_bytes() == MIXED  # an unchanged save writes the same bytes
    project.write_chapter_form(chapter, text.replace("Second, pasted", "Second, typed"), form)
    assert path.read_bytes() == MIXED.replace(b"Second, pasted", b"Second, typed")


def test_an_edit_in_a_real_editor_changes_only_that_paragraph(qtbot: QtBot) -> None:
    """Through Qt's own plain-text editor, as the window holds the text."""
    text, form = decode_text(MIXED)
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text)
    assert editor.toPlainText() == text
    cursor = QTextCursor(editor.document().findBlockByNumber(3))  # "with a lone CR."
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertText(" Edited")
    out, _ = encode_text(editor.toPlainText(), form)
    assert out == MIXED.replace(b"lone CR.", b"lone CR. Edited")


def test_a_large_chapter_with_an_edit_in_the_middle_is_fast_and_exact() -> None:
    lines = [f"Paragraph {i} of a long chapter." for i in range(60_000)]
    ends = ["\r\n" if i % 3 else "\n" for i in range(60_000)]
    raw = "".join(a + b for a, b in zip(lines, ends, strict=True)).encode()
    text, form = decode_text(raw)
    edited = text.replace("Paragraph 30000 of", "Paragraph 30000, edited, of")
    out, _ = encode_text(edited, form)
    assert out == raw.replace(b"Paragraph 30000 of", b"Paragraph 30000, edited, of")
