"""Progress in the window: the Statistics window's charts."""
