"""The window's style sheet: quiet panels, a calm page for the text."""

from __future__ import annotations


def window_style_sheet(dark: bool) -> str:
    """The colours of the window's panels. The chapter text's font is not set here but
    by `studio.ui.editor.chapter_editor.apply_typography` (a style sheet font would
    override the one the writer chose)."""
    panel = "#262523" if dark else "#ece8e1"
    border = "#3a3835" if dark else "#d8d2c8"
    header = "#9a938a" if dark else "#7d756b"
    accent = "#8fb3f0" if dark else "#3f6fb5"
    dirty = "#e0b15a" if dark else "#a86b00"
    failed = "#ff6b5b" if dark else "#c0392b"
    hover = "#302e2b" if dark else "#e3ded6"
    return f"""
    #chaptersBox, #chapterList {{ background: {panel}; }}
    #chapterList {{ border: none; outline: none; }}
    #chapterList::item {{ border-radius: 6px; margin: 1px 6px; }}
    #chapterList::item:hover {{ background: {hover}; }}
    #chapterList::item:selected {{ background: palette(highlight); }}
    #sectionTitle {{ color: {header}; font-weight: bold; letter-spacing: 1px; }}
    #paneHeader {{ color: {header}; background: palette(base);
                   border-bottom: 1px solid {border}; }}
    #paneHeader[focusedPane="true"] {{ color: {accent}; border-bottom: 2px solid {accent}; }}
    #findBar {{ background: {panel}; border-top: 1px solid {border}; }}
    #metadataPanel::pane {{ border: none; }}
    #metadataPanel QTabBar::tab {{ padding: 6px 18px; }}
    #metadataForm {{ background: palette(window); }}
    #fieldLabel {{ font-weight: bold; color: {header}; }}
    #hint {{ color: {header}; }}
    #saveState[state="saved"] {{ color: {header}; }}
    #saveState[state="dirty"] {{ color: {dirty}; }}
    #saveState[state="failed"] {{ color: {failed}; font-weight: bold; }}
    #wordCounts {{ color: {header}; padding-right: 12px; }}
    #startTitle {{ font-size: 28pt; font-weight: bold; }}
    #startError {{ color: {failed}; border-left: 4px solid {failed};
                   padding: 8px 12px; background: palette(alternate-base); }}
    QSplitter::handle {{ background: {border}; }}
    QSplitter::handle:horizontal {{ width: 1px; }}
    QStatusBar {{ border-top: 1px solid {border}; }}
    """
