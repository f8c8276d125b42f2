"""Check the proofreading corpus and count its slips.

Run: `python benchmarks/proofread_corpus/validate.py`.

Every text carries its planted slips inline as `{{wrong=>right|class}}` (see README.md), so one
file holds both the clean text (each marker replaced by `right`) and the slipped text (by
`wrong`). This module parses that format for the validator and for any scorer: `load_corpus()`
gives every text with its slips and their offsets in both versions. It only reads; it writes
nothing.

Exit status 0 when every file is well formed (and, with `--targets`, when the corpus meets the
amounts the issue asks for), 1 otherwise, with one line per problem.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "heldout", "heldout2", "heldout3")
# heldout2 and heldout3 were written later by other authors (see README.md); a corpus without
# them is whole.
OPTIONAL_SPLITS = ("heldout2", "heldout3")
HELD_OUT_SPLITS = ("heldout", "heldout2", "heldout3")
DIALECTS = ("en_US", "en_GB", "en_AU")
DEFAULT_DIALECT = "en_US"

CLASSES = (
    "spelling",
    "confusion",
    "a-an",
    "verb-form",
    "apostrophe-nonword",
    "apostrophe-context",
    "lowercase-i",
    "sentence-case",
    "real-word",
    "doubled-word",
    "punctuation",
)
FIELD_PREFIX = "field-"

# wrong and right hold no braces or bars; wrong may hold spaces, right may be empty.
MARKER = re.compile(r"\{\{(?P<wrong>[^{}|]*?)=>(?P<right>[^{}|]*)\|(?P<cls>[a-z][a-z-]*)\}\}")
WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*")
LYRICS_OPEN = re.compile(r'^::: \{\.lyrics song="[a-z0-9]+(?:-[a-z0-9]+)*"\}$')

# The amounts the brief asks for (checked with --targets).
MIN_TEXTS = 12
MIN_WORDS, MAX_WORDS = 1500, 2500
MIN_SLIPS = 350
MIN_PER_CLASS = 20
MIN_PER_SMALL_CLASS = 15
SMALL_CLASSES = ("apostrophe-context", "lowercase-i", "sentence-case")
MIN_TOML_FILES = 4
MIN_FIELD_SLIPS = 15


@dataclass(frozen=True)
class Slip:
    """One planted slip, with where it sits in the slipped and in the clean text.

    `slipped_start:slipped_end` is `wrong` in the slipped text; `clean_start:clean_end` is
    `right` in the clean text (empty for a doubled word). `line` is 1-based in the source file.
    """

    cls: str
    wrong: str
    right: str
    line: int
    slipped_start: int
    slipped_end: int
    clean_start: int
    clean_end: int

    @property
    def base_class(self) -> str:
        """The class without the `field-` prefix that story.toml slips carry."""
        return self.cls.removeprefix(FIELD_PREFIX)


@dataclass(frozen=True)
class Annotated:
    """One annotated file: its two versions and its slips, in order."""

    path: Path
    clean: str
    slipped: str
    slips: tuple[Slip, ...]


@dataclass
class Text:
    """One corpus text: the chapter, its optional story.toml fields, and its dialect."""

    name: str
    split: str
    chapter: Annotated
    fields: Annotated | None = None
    dialect: str = DEFAULT_DIALECT
    problems: list[str] = field(default_factory=list)

    @property
    def words(self) -> int:
        """Words in the clean chapter text."""
        return len(WORD.findall(self.chapter.clean))

    def all_slips(self) -> Iterator[Slip]:
        """Chapter slips, then field slips."""
        yield from self.chapter.slips
        if self.fields is not None:
            yield from self.fields.slips


def parse(source: str, path: Path, problems: list[str]) -> Annotated:
    """Split annotated text into clean and slipped versions; report malformed markers."""
    clean: list[str] = []
    slipped: list[str] = []
    slips: list[Slip] = []
    clean_len = slipped_len = 0
    pos = 0
    for m in MARKER.finditer(source):
        between = source[pos : m.start()]
        _check_plain(between, path, source, pos, problems)
        clean.append(between)
        slipped.append(between)
        clean_len += len(between)
        slipped_len += len(between)
        wrong, right, cls = m["wrong"], m["right"], m["cls"]
        line = source.count("\n", 0, m.start()) + 1
        where = f"{path}:{line}"
        if "=>" in right:
            problems.append(f"{where}: marker has two '=>': {m[0]!r}")
        if not wrong:
            problems.append(f"{where}: empty wrong side (include a neighbouring word): {m[0]!r}")
        if wrong == right:
            problems.append(f"{where}: wrong and right are the same: {m[0]!r}")
        if "\n" in wrong or "\n" in right:
            problems.append(f"{where}: marker spans a line break: {m[0]!r}")
        slips.append(
            Slip(
                cls=cls,
                wrong=wrong,
                right=right,
                line=line,
                slipped_start=slipped_len,
                slipped_end=slipped_len + len(wrong),
                clean_start=clean_len,
                clean_end=clean_len + len(right),
            )
        )
        clean.append(right)
        slipped.append(wrong)
        clean_len += len(right)
        slipped_len += len(wrong)
        pos = m.end()
    tail = source[pos:]
    _check_plain(tail, path, source, pos, problems)
    clean.append(tail)
    slipped.append(tail)
    return Annotated(path, "".join(clean), "".join(slipped), tuple(slips))


def _check_plain(chunk: str, path: Path, source: str, offset: int, problems: list[str]) -> None:
    """Text between markers must not hold a broken marker."""
    for token in ("{{", "}}", "=>"):
        at = chunk.find(token)
        if at >= 0:
            line = source.count("\n", 0, offset + at) + 1
            problems.append(f"{path}:{line}: stray {token!r} outside a well-formed marker")


def check_chapter(text: Annotated, problems: list[str]) -> None:
    """Classes are known chapter classes; both versions have balanced lyrics blocks."""
    for slip in text.slips:
        if slip.cls not in CLASSES:
            problems.append(f"{text.path}:{slip.line}: unknown class {slip.cls!r}")
    for version_name, version in (("clean", text.clean), ("slipped", text.slipped)):
        open_at: int | None = None
        for number, line in enumerate(version.splitlines(), 1):
            if line.startswith(":::"):
                if line == ":::":
                    if open_at is None:
                        problems.append(f"{text.path}: {version_name} line {number}: stray ':::'")
                    open_at = None
                elif LYRICS_OPEN.match(line):
                    if open_at is not None:
                        problems.append(f"{text.path}: {version_name} line {number}: nested block")
                    open_at = number
                else:
                    problems.append(
                        f"{text.path}: {version_name} line {number}: bad fence {line!r}"
                    )
        if open_at is not None:
            problems.append(f"{text.path}: {version_name}: lyrics block at {open_at} not closed")
    if not text.clean.strip():
        problems.append(f"{text.path}: empty text")


def check_fields(text: Annotated, problems: list[str]) -> None:
    """Field slips carry `field-<class>`; both versions are valid TOML of the expected shape."""
    for slip in text.slips:
        if not slip.cls.startswith(FIELD_PREFIX) or slip.base_class not in CLASSES:
            problems.append(
                f"{text.path}:{slip.line}: field slips need 'field-<class>': {slip.cls}"
            )
    for version_name, version in (("clean", text.clean), ("slipped", text.slipped)):
        try:
            data = tomllib.loads(version)
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{text.path}: {version_name} version is not TOML: {exc}")
            continue
        work = data.get("work", {})
        if not isinstance(work, dict):
            problems.append(f"{text.path}: [work] must be a table")
        chapters = data.get("chapters", [])
        if not isinstance(chapters, list) or not all(isinstance(c, dict) for c in chapters):
            problems.append(f"{text.path}: [[chapters]] must be an array of tables")
        if not isinstance(work.get("tags", []), list):
            problems.append(f"{text.path}: work.tags must be a list")


def load_text(md: Path, split: str) -> Text:
    """One text and its optional companions (NAME.toml, NAME.dialect)."""
    problems: list[str] = []
    chapter = parse(md.read_text(encoding="utf-8"), md, problems)
    check_chapter(chapter, problems)
    text = Text(md.stem, split, chapter, problems=problems)
    toml_path = md.with_suffix(".toml")
    if toml_path.exists():
        text.fields = parse(toml_path.read_text(encoding="utf-8"), toml_path, problems)
        check_fields(text.fields, problems)
    dialect_path = md.with_suffix(".dialect")
    if dialect_path.exists():
        text.dialect = dialect_path.read_text(encoding="utf-8").strip()
        if text.dialect not in DIALECTS:
            problems.append(f"{dialect_path}: dialect must be one of {', '.join(DIALECTS)}")
    return text


def load_corpus(root: Path = HERE) -> tuple[list[Text], list[str]]:
    """Every text of every split, and the problems found in the corpus as a whole."""
    texts: list[Text] = []
    problems: list[str] = []
    for split in SPLITS:
        folder = root / split
        if not folder.is_dir():
            if split not in OPTIONAL_SPLITS:
                problems.append(f"{folder}: missing split folder")
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix == ".md":
                texts.append(load_text(path, split))
            elif path.suffix in {".toml", ".dialect"}:
                if not path.with_suffix(".md").exists():
                    problems.append(f"{path}: no {path.stem}.md beside it")
            elif path.name != ".gitkeep":
                problems.append(f"{path}: unexpected file")
    names = Counter(t.name for t in texts)
    problems += [f"text name {n!r} used in more than one split" for n, c in names.items() if c > 1]
    for text in texts:
        problems += text.problems
    return texts, problems


def target_problems(texts: list[Text]) -> list[str]:
    """Where the corpus falls short of the amounts the brief asks for."""
    problems: list[str] = []
    if len(texts) < MIN_TEXTS:
        problems.append(f"{len(texts)} texts, want at least {MIN_TEXTS}")
    for text in texts:
        if not MIN_WORDS <= text.words <= MAX_WORDS:
            problems.append(f"{text.name}: {text.words} words, want {MIN_WORDS}-{MAX_WORDS}")
        if not text.chapter.slips:
            problems.append(f"{text.name}: no slips")
    slips = [s for t in texts for s in t.all_slips()]
    if len(slips) < MIN_SLIPS:
        problems.append(f"{len(slips)} slips, want at least {MIN_SLIPS}")
    per_class = Counter(s.base_class for s in slips)
    for cls in CLASSES:
        want = MIN_PER_SMALL_CLASS if cls in SMALL_CLASSES else MIN_PER_CLASS
        if per_class[cls] < want:
            problems.append(f"class {cls}: {per_class[cls]} slips, want at least {want}")
    tomls = [t for t in texts if t.fields is not None]
    if len(tomls) < MIN_TOML_FILES:
        problems.append(f"{len(tomls)} .toml files, want at least {MIN_TOML_FILES}")
    field_slips = sum(len(t.fields.slips) for t in tomls if t.fields is not None)
    if field_slips < MIN_FIELD_SLIPS:
        problems.append(f"{field_slips} field slips, want at least {MIN_FIELD_SLIPS}")
    splits = Counter(t.split for t in texts)
    held_out = sum(splits[s] for s in HELD_OUT_SPLITS)
    if texts and not held_out * 4 >= len(texts):
        problems.append(f"only {held_out} of {len(texts)} texts held out, want about 1/3")
    return problems


def report(texts: list[Text]) -> str:
    """Per-text words and slips, then slips per class and split."""
    lines = [f"{'text':<28} {'split':<8} {'dialect':<7} {'words':>6} {'slips':>6} {'fields':>6}"]
    for t in texts:
        n_fields = len(t.fields.slips) if t.fields is not None else 0
        lines.append(
            f"{t.name:<28} {t.split:<8} {t.dialect:<7} {t.words:>6} "
            f"{len(t.chapter.slips):>6} {n_fields:>6}"
        )
    lines.append("")
    header = f"{'class':<20}" + "".join(f"{s:>9}" for s in SPLITS) + f"{'total':>9}"
    lines.append(header)
    counts = {
        s: Counter(x.base_class for t in texts if t.split == s for x in t.all_slips())
        for s in SPLITS
    }
    for cls in CLASSES:
        row = [counts[s][cls] for s in SPLITS]
        lines.append(f"{cls:<20}" + "".join(f"{n:>9}" for n in row) + f"{sum(row):>9}")
    fields = {
        s: sum(
            1
            for t in texts
            if t.split == s
            for x in t.all_slips()
            if x.cls.startswith(FIELD_PREFIX)
        )
        for s in SPLITS
    }
    lines.append(
        f"{'(of which in fields)':<20}"
        + "".join(f"{fields[s]:>9}" for s in SPLITS)
        + f"{sum(fields.values()):>9}"
    )
    totals = [sum(counts[s].values()) for s in SPLITS]
    lines.append(f"{'all slips':<20}" + "".join(f"{n:>9}" for n in totals) + f"{sum(totals):>9}")
    words = [sum(t.words for t in texts if t.split == s) for s in SPLITS]
    lines.append(f"{'words (clean)':<20}" + "".join(f"{n:>9}" for n in words) + f"{sum(words):>9}")
    chapter_slips = [sum(len(t.chapter.slips) for t in texts if t.split == s) for s in SPLITS]
    per = [w / n if n else 0.0 for w, n in zip(words, chapter_slips, strict=True)]
    lines.append(f"{'words per slip':<20}" + "".join(f"{p:>9.1f}" for p in per))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Validate, print the counts, and exit 1 on any problem."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", type=Path, default=HERE, help="corpus folder")
    parser.add_argument("--targets", action="store_true", help="also check the corpus amounts")
    parser.add_argument("--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)
    texts, problems = load_corpus(args.root)
    if args.targets:
        problems += target_problems(texts)
    if not args.quiet:
        print(report(texts))
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
