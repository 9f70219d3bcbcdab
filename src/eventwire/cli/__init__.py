"""The command line: thin adapters that parse options, call one library function, and turn
domain errors into messages and exit codes.

One module per command group over a shared output layer (``output``) and shared plumbing
(``_context``): ``ingest`` (ingest, code), ``store`` (articles, event, stats), ``analysis``
(events, timeline, dyad, network, export, plot), ``treaties``, ``actors``, ``evaluate``
(evaluate, calibrate), ``settings`` (config), ``changes``, ``brief``, ``watch``; ``serve``
lives with the web app (``eventwire.web.command``). A new command group registers with one line in
``register_commands``.
"""

from __future__ import annotations

import sys

import click

# Exit codes: 0 all good; 1 a domain error stopped the command; 2 usage error (a value that
# cannot be answered); 3 the command finished but some inputs were rejected (listed on
# standard error).
from ._context import EXIT_REJECTED

__all__ = ["EXIT_REJECTED", "cli", "main", "register_commands"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    help="A TOML file overriding the shipped defaults (see `eventwire config`).",
)
@click.version_option(package_name="eventwire")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """eventwire: political event data from international news.

    Who did what to whom, when, where, how sure, and which sentence says so.
    """
    ctx.obj = {"config": config}


def register_commands(group: click.Group) -> None:
    """Add every command of eventwire to ``group``."""
    from ..web.command import serve
    from . import analysis, evaluate, ingest, settings, store
    from .actors import actors
    from .brief import brief
    from .changes import changes
    from .treaties import register_treaty_commands
    from .watch import watch

    for module in (ingest, store, analysis, evaluate, settings):
        for command in module.COMMANDS:
            group.add_command(command)
    register_treaty_commands(group)
    group.add_command(actors)
    group.add_command(serve)
    group.add_command(changes)
    group.add_command(brief)
    group.add_command(watch)


register_commands(cli)


def main() -> None:
    """Entry point of the ``eventwire`` command."""
    try:
        cli(prog_name="eventwire")
    except BrokenPipeError:  # `eventwire code … | head` closes our stdout early
        sys.stderr.close()
