"""The corpus scorer (`python -m benchmarks proofread`) on a tiny corpus of its own."""

from __future__ import annotations

from pathlib import Path

from benchmarks.bench_proofread import hunspell_spans, score, studio_spans, table
from benchmarks.proofread_corpus.validate import load_corpus

TEXT = """\
The lamp turned over the harbour, and Maren watched it {{tern=>turn|spelling}} again.

She could {{of=>have|verb-form}} gone home. {{Their=>They're|confusion}} not coming, she thought.
"""
FIELDS = """\
[work]
title = "Salt"
summary = "A keeper listens to the {{raido=>radio|field-spelling}} all night."
tags = ["Slow Burn"]
"""


def corpus(root: Path) -> Path:
    for split in ("dev", "heldout"):
        (root / split).mkdir(parents=True)
    (root / "dev" / "lamp.md").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "lamp.toml").write_text(FIELDS, encoding="utf-8")
    (root / "dev" / "lamp.dialect").write_text("en_GB\n", encoding="utf-8")
    return root


def test_studio_finds_each_planted_slip_and_flags_nothing_clean(tmp_path: Path) -> None:
    texts, problems = load_corpus(corpus(tmp_path))
    assert problems == []
    result = score(texts, studio_spans)
    assert dict(result.cases) == {"spelling": 1, "verb-form": 1, "confusion": 1, "field": 1}
    # "tern" is a real word: only context could tell, and Studio has no rule for it.
    assert dict(result.found) == {"verb-form": 1, "confusion": 1, "field": 1}
    assert result.flags == 0
    assert "overall recall" in table("dev", {"Studio": result})


def test_hunspell_finds_only_non_words(tmp_path: Path) -> None:
    texts, _ = load_corpus(corpus(tmp_path))
    result = score(texts, hunspell_spans)
    assert dict(result.found) == {"field": 1}
