"""Stage 1 of the coder: which words of a sentence are events (the lexicon, its PETRARCH importer,
the matcher, and events carried by reports of speech)."""
