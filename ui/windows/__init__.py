"""Top-level windows and dialogs: set-up, unlock, main window."""
