"""Generate large, realistic story projects for the benchmarks, deterministically from a seed.

The prose uses real English words with their natural frequencies (wordfreq's list,
kept to words the en_US dictionary accepts, so the planted typos are the only
misspellings), dialogue with speech tags, invented names with possessives, scene
breaks, lyrics blocks of invented songs, and about 0.5% planted typos. A manifest
(`benchmark.json`) records what was planted.

    python -m benchmarks.generate DEST --words 1000000 --chapters 200 --seed 1
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
from functools import lru_cache
from pathlib import Path

import tomlkit

from studio.story import paths
from studio.story.blocks import lyrics_fence

FIRST_NAMES = ("Maren", "Ezra", "Tamsin", "Corvin", "Isolde", "Bram", "Wren", "Odile", "Perrin")
SURNAMES = ("Holt", "Vance", "Marlowe", "Quill", "Ashdown", "Penhallow")
SAID = ("said", "asked", "whispered", "muttered", "called", "answered", "admitted")
SONG_TITLES = ("Harbour Lights", "Copper Moon", "Nine Mile Road", "Lantern Weather")
BANDS = ("The Tidewater Band", "Saltmarsh", "The Long Evenings", "Anna Fenwick")


@lru_cache(maxsize=1)
def vocabulary() -> tuple[tuple[str, ...], tuple[float, ...]]:
    """(words, cumulative weights): common English words the en_US dictionary accepts."""
    import enchant
    import wordfreq

    checker = enchant.Dict("en_US")
    words: list[str] = []
    weights: list[float] = []
    for listed in wordfreq.top_n_list("en", 40000):
        word = "I" if listed == "i" else listed
        if len(word) == 1 and word not in ("a", "I"):
            continue
        if not all(c.isalpha() or c == "'" for c in word) or not checker.check(word):
            continue
        words.append(word)
        weights.append(wordfreq.word_frequency(word.lower(), "en"))
    return tuple(words), tuple(itertools.accumulate(weights))


class _Writer:
    """Draws words, sentences and paragraphs from one seeded random stream."""

    def __init__(self, seed: int, typo_rate: float) -> None:
        self.rng = random.Random(seed)
        self.words, self.cumulative = vocabulary()
        self.known = frozenset(w.lower() for w in self.words)
        self.typo_rate = typo_rate
        self.typos: list[str] = []
        self.count = 0
        self._owed = 0  # typos rolled on words too short to misspell, planted on the next one

    def word(self) -> str:
        rng = self.rng
        point = rng.random() * self.cumulative[-1]
        word = self.words[bisect.bisect(self.cumulative, point)]
        self.count += 1
        if rng.random() < self.typo_rate:
            self._owed += 1
        if self._owed and len(word) >= 4 and word.isalpha():
            self._owed -= 1
            return self._typo(word)
        return word

    def _typo(self, word: str) -> str:
        rng = self.rng
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == 1:
            typo = word[:i] + word[i + 1 :]
        else:
            typo = word[:i] + word[i] + word[i:]
        if typo.lower() in self.known:
            return word
        self.typos.append(typo)
        return typo

    def name(self, possessive: bool = False) -> str:
        self.count += 1
        name = self.rng.choice(FIRST_NAMES)
        return f"{name}'s" if possessive else name

    def sentence(self) -> str:
        rng = self.rng
        length = rng.randint(4, 18)
        parts = [self.word() for _ in range(length)]
        if rng.random() < 0.35:
            parts.insert(rng.randrange(len(parts)), self.name(possessive=rng.random() < 0.3))
        if rng.random() < 0.3 and len(parts) > 6:
            cut = rng.randrange(2, len(parts) - 2)
            parts[cut] += ","
        if rng.random() < 0.1 and len(parts) > 5:
            i = rng.randrange(len(parts))
            parts[i] = f"*{parts[i]}*"
        text = " ".join(parts)
        return text[0].upper() + text[1:] + rng.choice(".....?!")

    def paragraph(self) -> str:
        rng = self.rng
        if rng.random() < 0.3:
            line = self.sentence().rstrip(".?!")
            tag = f"{self.name()} {rng.choice(SAID)}"
            self.count += 1
            return f'"{line}," {tag}. "{self.sentence()}"'
        return " ".join(self.sentence() for _ in range(rng.randint(2, 6)))

    def verse(self, length: int) -> list[str]:
        lines = []
        for _ in range(length):
            text = " ".join(self.word() for _ in range(self.rng.randint(4, 8)))
            lines.append(text[0].upper() + text[1:])
        return lines


def generate_project(
    dest: Path, *, words: int, chapters: int, seed: int = 1, typo_rate: float = 0.005
) -> Path:
    """Write a project of about `words` words in `chapters` chapters to `dest` (a new folder)."""
    if dest.exists() and any(dest.iterdir()):
        raise SystemExit(f"{dest} exists and is not empty")
    writer = _Writer(seed, typo_rate)
    songs = {
        f"song-{n}": (title, band, [writer.verse(4) for _ in range(2)])
        for n, (title, band) in enumerate(zip(SONG_TITLES, BANDS, strict=True), start=1)
    }
    per_chapter = max(1, words // chapters)
    (dest / paths.CHAPTERS_DIR).mkdir(parents=True)
    doc = _story_doc(seed, songs)
    for number in range(1, chapters + 1):
        target = writer.count + per_chapter
        blocks: list[str] = []
        while writer.count < target:
            blocks.append(_next_block(writer, songs, len(blocks)))
        file = f"{paths.CHAPTERS_DIR}/{number:03d}-chapter-{number}.md"
        (dest / file).write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
        entry = tomlkit.table()
        entry["file"] = file
        entry["title"] = f"Chapter {number}"
        doc["chapters"].append(entry)
    (dest / paths.STORY_FILE).write_text(tomlkit.dumps(doc), encoding="utf-8")
    (dest / paths.WORD_LIST_FILE).write_text("\n".join(SURNAMES) + "\n", encoding="utf-8")
    manifest = {"seed": seed, "words": writer.count, "chapters": chapters, "typos": writer.typos}
    (dest / "benchmark.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return dest


def _next_block(writer: _Writer, songs: dict[str, tuple[str, str, list[list[str]]]], n: int) -> str:
    rng = writer.rng
    roll = rng.random()
    if n and roll < 0.03:
        return "* * *"
    if n and roll < 0.05:
        song_id = rng.choice(sorted(songs))
        stanza = rng.choice(songs[song_id][2])
        writer.count += sum(len(line.split()) for line in stanza)
        return "\n".join([lyrics_fence(song_id), *stanza, ":::"])
    return writer.paragraph()


def _story_doc(
    seed: int, songs: dict[str, tuple[str, str, list[list[str]]]]
) -> tomlkit.TOMLDocument:
    doc = tomlkit.document()
    doc["format"] = 1
    work = tomlkit.table()
    work["title"] = f"Generated Story {seed}"
    work["authors"] = ["benchmark"]
    work["fandoms"] = ["Original Work"]
    work["rating"] = "Teen And Up Audiences"
    work["warnings"] = ["No Archive Warnings Apply"]
    work["characters"] = [f"{f} {s}" for f, s in zip(FIRST_NAMES, itertools.cycle(SURNAMES))]
    work["language"] = "en"
    work["summary"] = "A generated story for Studio's benchmarks."
    doc["work"] = work
    spelling = tomlkit.table()
    spelling["dictionary"] = "en_US"
    doc["spelling"] = spelling
    doc["chapters"] = tomlkit.aot()
    song_tables = tomlkit.table(is_super_table=True)
    for song_id, (title, artist, _) in songs.items():
        song = tomlkit.table()
        song["title"] = title
        song["artist"] = artist
        song_tables[song_id] = song
    doc["songs"] = song_tables
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--chapters", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate_project(args.dest, words=args.words, chapters=args.chapters, seed=args.seed)
    print(f"Wrote {args.dest}")


if __name__ == "__main__":
    main()
