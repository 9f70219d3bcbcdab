"""``python -m eventwire.cli``: the ``eventwire`` command (the reliability tests and the hostile
ingest benchmark run the command this way)."""

from . import main

main()
