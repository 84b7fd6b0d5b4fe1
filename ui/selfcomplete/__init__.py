"""Self-complete mode: the questionnaire for a young person, full screen, trauma-informed."""
