"""Message boxes show the story's words as typed, never as rich text (issue 14 item 11).

A QMessageBox reads its text as HTML whenever it looks like HTML (Qt.AutoText), and
QMessageBox.warning/information/… give no way to say otherwise. Studio's messages
carry song credits, chapter file names and errors quoting paths, so every box that
may show them is plain text: checked in the real window on real failures, and over
the source, so a box added later cannot slip back to the static helpers.
"""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import studio.ui
from studio.lyrics import SongDetails, add_song
from studio.story import Project
from studio.story.trash import trash_dir
from studio.ui.features.trash import TrashFeature
from studio.ui.lyrics.songs_tab import SongsTab
from tests.lyrics.modal import answer_modal
from tests.ui_helpers import feature, open_window

UI = Path(studio.ui.__file__).parent
HOSTILE = '<b>Loud</b> <img src="nowhere.png">'
STATIC_HELPERS = {"warning", "information", "critical", "question"}


def _shown(box: QMessageBox) -> list[tuple[Qt.TextFormat, str]]:
    """(format, text) of the box's text labels, as the box shows them."""
    return [
        (label.textFormat(), label.text())
        for label in box.findChildren(QLabel)
        if label.text() and label.objectName() != "qt_msgboxex_icon_label"
    ]


def _plain_answer(seen: list[list[tuple[Qt.TextFormat, str]]]) -> object:
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(_shown(box))
        box.reject()

    return answer


def test_a_song_credit_with_markup_shows_as_typed(qtbot: QtBot, sample_copy: Path) -> None:
    project = Project.load(sample_copy)
    song = add_song(project, SongDetails(title=HOSTILE, artist="The <i>Band</i>")).id
    chapter = sample_copy / "chapters" / "02-low-tide.md"
    chapter.write_text(
        chapter.read_text(encoding="utf-8")
        + f'\n\n::: {{.lyrics song="{song}"}}\nA line we made up for the test,\n:::\n',
        encoding="utf-8",
    )
    tab = SongsTab(project, dict)
    qtbot.addWidget(tab)
    seen: list[list[tuple[Qt.TextFormat, str]]] = []
    answer_modal(QMessageBox, _plain_answer(seen))  # type: ignore[arg-type]
    assert not tab.remove_song(song)  # quoted: it asks; the answer is Cancel
    assert seen, "the question was asked"
    shown = seen[0]
    assert any(HOSTILE in text for _, text in shown), shown
    assert all(fmt == Qt.TextFormat.PlainText for fmt, _ in shown), shown


def test_a_failed_delete_names_the_story_folder_as_typed(qtbot: QtBot, sample_copy: Path) -> None:
    """The story lives in a folder whose name looks like markup, and its trash cannot
    be written (a file stands where the folder should be): the chapter stays, and the
    error quoting the path is plain text."""
    story = sample_copy.rename(sample_copy.with_name("<b>loud<b> story"))
    window = open_window(qtbot, story)
    chapter = story / "chapters" / "02-low-tide.md"
    before = chapter.read_text(encoding="utf-8")
    trash = trash_dir(Project.load(story))
    trash.parent.mkdir(parents=True, exist_ok=True)
    trash.write_text("not a folder", encoding="utf-8")
    seen: list[list[tuple[Qt.TextFormat, str]]] = []
    answer_modal(QMessageBox, _plain_answer(seen))  # type: ignore[arg-type]
    assert not feature(window, TrashFeature).delete("chapters/02-low-tide.md")
    assert seen, "the failure was shown"
    shown = seen[0]
    assert any("<b>loud<b> story" in text for _, text in shown), shown
    assert all(fmt == Qt.TextFormat.PlainText for fmt, _ in shown), shown
    assert chapter.read_text(encoding="utf-8") == before


def _calls(tree: ast.AST) -> list[tuple[ast.Call, ast.AST]]:
    """Each call with the function (or module) it is in."""
    found: list[tuple[ast.Call, ast.AST]] = []

    def walk(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else scope
            if isinstance(child, ast.Call):
                found.append((child, scope))
            walk(child, inner)

    walk(tree, tree)
    return found


def _is_constant_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _is_constant_text(node.left) and _is_constant_text(node.right)
    return False


def _sets_plain_text(scope: ast.AST) -> bool:
    return any(
        isinstance(call.func, ast.Attribute)
        and call.func.attr == "setTextFormat"
        and "PlainText" in ast.unparse(call)
        for call, _ in _calls(scope)
    )


def test_no_message_box_reads_story_text_as_markup() -> None:
    """The static helpers only with fixed text; a QMessageBox built by hand sets plain
    text in the function that builds it."""
    offenders: list[str] = []
    boxes = 0
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call, scope in _calls(tree):
            where = f"{path.relative_to(UI)}:{call.lineno}"
            func = call.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "QMessageBox"
                and func.attr in STATIC_HELPERS  # not `about`: its text is ours, rich
            ):
                text = call.args[2] if len(call.args) > 2 else None
                text = next((k.value for k in call.keywords if k.arg == "text"), text)
                if text is None or not _is_constant_text(text):
                    offenders.append(f"{where}: QMessageBox.{func.attr} with text from data")
            elif isinstance(func, ast.Name) and func.id == "QMessageBox":
                boxes += 1
                if not _sets_plain_text(scope):
                    offenders.append(f"{where}: QMessageBox() without PlainText")
    assert boxes >= 4, "the scan found the boxes it should"
    assert not offenders, "\n".join(offenders)
