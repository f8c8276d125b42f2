"""The chapter editor: the text widget, its highlighter and its typing aids."""

from studio.ui.editor.chapter_editor import ChapterEditor
from studio.ui.editor.highlighter import BlockState, ChapterHighlighter, HighlightLayer

__all__ = ["BlockState", "ChapterEditor", "ChapterHighlighter", "HighlightLayer"]
