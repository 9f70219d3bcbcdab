"""Stage 4 of the coder: when (the date attached to an event; its place: ``events/placing.py``)."""
