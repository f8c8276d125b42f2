"""FanFiction.Net's rules, and the language by name in DOCX and Markdown prefaces."""

from __future__ import annotations

from pathlib import Path

import docx

from studio.export import EXPORTERS
from studio.export.ffn import CHARACTERS_MAX, POSTING_NOTES, ffn_warnings
from studio.export.languages import language_name
from studio.story import Project
from tests.export_support import copy_sample


def _notes(project: Project, tmp_path: Path) -> str:
    EXPORTERS["ffn"](project, tmp_path / "ffn")
    return (tmp_path / "ffn" / POSTING_NOTES).read_text(encoding="utf-8")


def test_more_than_four_characters_is_a_warning(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    names = ["Maren", "Ezra", "Tamsin", "The Harbourmaster", "Gull"]
    project.work.characters = names
    warnings = ffn_warnings(project)
    assert any(f"at most {CHARACTERS_MAX} characters" in w and "lists 5" in w for w in warnings)
    notes = _notes(project, tmp_path)
    assert f"Characters: {', '.join(names[:CHARACTERS_MAX])}\n" in notes
    project.work.characters = names[:CHARACTERS_MAX]
    assert not any("characters;" in w for w in ffn_warnings(project))


def test_summary_is_plain_text_and_language_a_name(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    project.work.summary = "She hears *it* **again**, and [a link](https://example.org).\n\nTwo."
    project.work.language = "de"
    notes = _notes(project, tmp_path)
    assert "Summary: She hears it again, and a link. Two.\n" in notes
    assert f"Language: {language_name('de')}\n" in notes and language_name("de") == "Deutsch"


def test_docx_and_markdown_prefaces_name_the_language(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    out = EXPORTERS["docx"](project, tmp_path / "s.docx")[0]
    fields = [p.text for p in docx.Document(str(out)).paragraphs if p.text.startswith("Language")]
    assert fields == ["Language: English"]
    markdown = EXPORTERS["markdown"](project, tmp_path / "s.md")[0].read_text(encoding="utf-8")
    assert 'lang: "en"' in markdown  # pandoc's metadata keeps the code
    assert "Language: English" in markdown.replace("**", "")


def test_docx_with_a_title_and_author_over_255_characters(tmp_path: Path) -> None:
    project = copy_sample(tmp_path)
    long_title = "A Very Long Title " * 20
    project.work.title = long_title
    project.work.authors = ["Pen " * 70]
    out = EXPORTERS["docx"](project, tmp_path / "long.docx")[0]
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == " ".join(long_title.split())
    assert document.core_properties.title == " ".join(long_title.split())[:255]
    assert len(document.core_properties.author) == 255


def test_language_names_beyond_the_archives_common_table() -> None:
    assert language_name("en-GB") == "English"  # the Archive's own spelling first
    assert language_name("fr") == "Français"
    assert language_name("eo") == "Esperanto"  # from CLDR through langcodes
    assert language_name("la") == "Lingua latina"
    assert language_name("xx") == "xx"  # not a language: the code as written
    assert language_name("") == ""
