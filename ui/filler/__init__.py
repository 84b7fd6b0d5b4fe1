"""The form filler: pages, answer inputs, navigation, review and autosave of drafts."""
