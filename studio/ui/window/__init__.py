"""Parts of the window that are the shell's own (the editor panes, …), kept out of
main_window.py so it stays the place where they are put together."""
