"""Pages shown inside the main window."""
