"""The session quality index: its parts, fitted weights (index.json), fitting script, card."""
