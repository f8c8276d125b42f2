"""Start the Qt application on a story folder."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
)

from studio.errors import StudioError
from studio.recent import remember_project
from studio.story import Project


def run(path: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Studio")
    try:
        project = Project.load(path)
    except StudioError as exc:
        QMessageBox.critical(None, "Studio cannot open this story", str(exc))
        return 2
    remember_project(project.root)
    window = QMainWindow()
    window.setWindowTitle(f"{project.work.title} — Studio")
    chapters = QListWidget()
    editor = QPlainTextEdit()
    editor.setReadOnly(True)
    for chapter in project.chapters:
        chapters.addItem(chapter.title or chapter.file)
    entries = project.chapters
    chapters.currentRowChanged.connect(
        lambda row: editor.setPlainText(project.read_chapter(entries[row]))
    )
    splitter = QSplitter()
    splitter.addWidget(chapters)
    splitter.addWidget(editor)
    splitter.setSizes([240, 1040])
    window.setCentralWidget(splitter)
    window.resize(1280, 800)
    if entries:
        chapters.setCurrentRow(0)
    window.show()
    return int(app.exec())
