"""Extraction stages: per sentence, who acts, what kind of act, and what it names."""
