"""Training code. Imports torch lazily: nothing here is needed at run time."""
