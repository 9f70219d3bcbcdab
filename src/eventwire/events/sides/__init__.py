"""Stage 2 of the coder: who did it to whom (source and target of a trigger, from the parse and the
actor mentions; unnamed actors; the story's country)."""
