"""One module per layout revision, oldest first (0001_initial)."""
