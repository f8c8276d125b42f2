"""Chapter-text offsets ↔ Qt document positions, checked against Qt's own counting."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument

from studio.ui.review.positions import Positions

TEXTS = [
    "plain ascii text\nwith lines\n",
    "curly “quotes” and an em dash — here\n",
    "emoji 😀 in the middle, 🎵 twice\nand a line\n",
    "windows\r\nline ends 😀\r\n\r\nend",
]


def test_every_index_maps_to_the_documents_position_and_back() -> None:
    for text in TEXTS:
        positions = Positions(text)
        document = QTextDocument()
        document.setPlainText(text.replace("\r\n", "\n"))
        # Qt's own count of the whole text agrees (characterCount adds the final block end)
        assert positions.to_qt(len(text)) == document.characterCount() - 1
        for index in range(len(text) + 1):
            if text[index - 1 : index] == "\r" and text[index : index + 1] == "\n":
                continue  # between \\r and \\n: not a place in the document
            position = positions.to_qt(index)
            shown = text[:index].replace("\r\n", "\n")
            assert position == len(shown.encode("utf-16-le")) // 2
            assert positions.to_py(position) == index
