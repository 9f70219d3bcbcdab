"""Stage 4 of the coder: when and where (the date and place attached to an event)."""
