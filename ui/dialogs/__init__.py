"""Dialogs of the staff side: participant add/edit, consent, withdrawal, password, users."""
