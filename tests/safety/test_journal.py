"""The recovery journal: unsaved text journaled atomically with its base, recoverable."""

from __future__ import annotations

import json
from pathlib import Path

from studio.safety import Journal
from studio.safety.journal import fallback_dir

CHAPTER = "chapters/01-the-signal.md"


def test_unsaved_text_is_journaled_with_its_base_and_offered_back(story: Path) -> None:
    on_disk = (story / CHAPTER).read_text(encoding="utf-8")
    typed = on_disk + "\nMaren’s new line — with “quotes”.\n"
    journal = Journal(story)
    assert journal.record(CHAPTER, typed, on_disk)

    entry_file = journal.entry_path(CHAPTER)
    assert entry_file.parent == story / ".studio" / "journal"
    data = json.loads(entry_file.read_text(encoding="utf-8"))
    assert data["file"] == CHAPTER and data["text"] == typed and data["base"] == on_disk

    # A new Studio (after a crash) finds it.
    [entry] = Journal(story).recoverable()
    assert entry.file == CHAPTER
    assert entry.text == typed
    assert entry.base == on_disk


def test_nothing_unsaved_means_no_entry(story: Path) -> None:
    text = (story / CHAPTER).read_text(encoding="utf-8")
    journal = Journal(story)
    journal.record(CHAPTER, text + "x", text)
    assert journal.entry_path(CHAPTER).exists()
    assert not journal.record(CHAPTER, text, text)
    assert not journal.entry_path(CHAPTER).exists()
    assert journal.entries() == []


def test_the_same_text_is_not_written_twice(story: Path) -> None:
    journal = Journal(story)
    assert journal.record(CHAPTER, "one", "base")
    assert not journal.record(CHAPTER, "one", "base")
    assert journal.record(CHAPTER, "one two", "base")
    assert [e.text for e in journal.entries()] == ["one two"]


def test_an_entry_already_saved_to_disk_is_not_offered(story: Path) -> None:
    journal = Journal(story)
    journal.record(CHAPTER, "saved after all", "old")
    (story / CHAPTER).write_text("saved after all", encoding="utf-8")
    assert Journal(story).recoverable() == []
    assert not journal.entry_path(CHAPTER).exists()


def test_a_damaged_entry_is_set_aside_and_the_rest_still_load(story: Path) -> None:
    journal = Journal(story)
    journal.record(CHAPTER, "kept", "old")
    bad = journal.folder / "0000.json"
    bad.write_text("{not json", encoding="utf-8")
    escaping = journal.folder / "1111.json"
    escaping.write_text(
        json.dumps({"file": "../../etc/passwd", "text": "x", "base": None, "saved_at": "x"}),
        encoding="utf-8",
    )
    assert [e.text for e in Journal(story).entries()] == ["kept"]
    assert bad.with_suffix(".damaged").exists()
    assert escaping.with_suffix(".damaged").exists()


def test_when_the_project_folder_refuses_the_journal_the_user_folder_takes_it(
    story: Path, private_state: Path
) -> None:
    journal = Journal(story)
    # .studio/journal is a file here, so nothing can be written under it.
    (story / ".studio").mkdir()
    (story / ".studio" / "journal").write_text("in the way", encoding="utf-8")
    assert journal.record(CHAPTER, "rescued text", "old")
    fallback = fallback_dir(story)
    assert fallback.is_relative_to(private_state)
    assert journal.entry_path(CHAPTER, folder=fallback).exists()
    [entry] = Journal(story).recoverable()
    assert entry.text == "rescued text"
    journal.discard(CHAPTER)
    assert Journal(story).entries() == []
