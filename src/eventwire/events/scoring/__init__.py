"""Stage 5 of the coder: how sure (the rule recipe, the calibrated model, off-topic relevance)."""
