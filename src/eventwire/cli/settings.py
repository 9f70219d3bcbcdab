"""The ``config`` command: the shipped, commented defaults, or the effective settings as TOML
that ``--config`` reads back."""

from __future__ import annotations

import click

from ._context import options

__all__ = ["COMMANDS", "config_cmd"]


@click.command("config")
@click.pass_context
def config_cmd(ctx: click.Context) -> None:
    """Print the shipped, commented default configuration (copy it to make your own); with
    --config FILE, the effective settings as TOML that --config accepts back."""
    from importlib import resources

    from ..config import options_toml

    if ctx.obj.get("config"):
        click.echo(options_toml(options(ctx)), nl=False)
        return
    click.echo(resources.files("eventwire").joinpath("default.toml").read_text("utf-8"), nl=False)


COMMANDS: tuple[click.Command, ...] = (config_cmd,)
