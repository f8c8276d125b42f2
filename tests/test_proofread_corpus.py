"""The proofreading corpus parses: every marker is well formed and both versions are usable."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.proofread_corpus import validate


def test_corpus_is_well_formed() -> None:
    texts, problems = validate.load_corpus()
    assert problems == []
    for text in texts:
        for slip in text.chapter.slips:
            assert text.chapter.slipped[slip.slipped_start : slip.slipped_end] == slip.wrong
            assert text.chapter.clean[slip.clean_start : slip.clean_end] == slip.right
        assert "{{" not in text.chapter.clean
        assert "{{" not in text.chapter.slipped


def test_corpus_meets_the_amounts_asked_for() -> None:
    texts, _ = validate.load_corpus()
    assert validate.target_problems(texts) == []


def test_held_out_texts_do_not_repeat_dev_sentences() -> None:
    """A held-out text shares no paragraph with a dev text (it measures unseen material)."""
    texts, _ = validate.load_corpus()
    dev = {p.strip() for t in texts if t.split == "dev" for p in t.chapter.clean.split("\n\n")}
    for text in texts:
        if text.split in validate.HELD_OUT_SPLITS:
            paragraphs = {p.strip() for p in text.chapter.clean.split("\n\n") if len(p) > 40}
            assert paragraphs.isdisjoint(dev), text.name


def test_every_split_has_texts() -> None:
    """Each split, heldout2 (another author's texts) included, is present and scored."""
    texts, _ = validate.load_corpus()
    assert {t.split for t in texts} == set(validate.SPLITS)


def test_markers_give_both_versions(tmp_path: Path) -> None:
    source = "She {{the =>|doubled-word}}could {{of=>have|verb-form}} {{gone=>gone|spelling}}.\n"
    problems: list[str] = []
    parsed = validate.parse(source, tmp_path / "t.md", problems)
    assert parsed.clean == "She could have gone.\n"
    assert parsed.slipped == "She the could of gone.\n"
    assert [s.cls for s in parsed.slips] == ["doubled-word", "verb-form", "spelling"]
    assert any("the same" in p for p in problems)


def test_broken_files_are_reported(tmp_path: Path) -> None:
    for split in validate.SPLITS:
        (tmp_path / split).mkdir()
    dev = tmp_path / "dev"
    (dev / "a.md").write_text("It {{its=>it's|nonsense}} {{half=>open.\n", encoding="utf-8")
    (dev / "a.toml").write_text('[work]\ntitle = "{{Teh=>The|spelling}}"\n', encoding="utf-8")
    (dev / "a.dialect").write_text("en_NZ\n", encoding="utf-8")
    (dev / "b.md").write_text('::: {.lyrics song="x"}\nla\n', encoding="utf-8")
    (dev / "orphan.toml").write_text("", encoding="utf-8")
    _, problems = validate.load_corpus(tmp_path)
    joined = "\n".join(problems)
    for expected in ("unknown class", "stray", "field-<class>", "dialect", "not closed", "orphan"):
        assert expected in joined


def test_validator_prints_counts(capsys: pytest.CaptureFixture[str]) -> None:
    assert validate.main(["--targets"]) == 0
    out = capsys.readouterr().out
    for cls in validate.CLASSES:
        assert cls in out
