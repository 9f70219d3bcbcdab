"""``eventwire watch DIR...``: ingest files as they appear or change, a thin adapter over
``eventwire.watch.watch`` that prints one line per batch and its rejections."""

from __future__ import annotations

import click

from ..config import load_options
from ..errors import EventwireError
from .output import error_console

__all__ = ["watch"]


@click.command("watch")
@click.argument("directories", nargs=-1, required=True)
@click.option("--db", help="DuckDB file to write (default: [store] path, eventwire.duckdb).")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="Seconds a file must stay unchanged before it is read (and between polls).",
)
@click.option("--poll", is_flag=True, help="Look every --interval instead of file events.")
@click.pass_context
def watch(
    ctx: click.Context, directories: tuple[str, ...], db: str | None, interval: float, poll: bool
) -> None:
    """Ingest files under DIRECTORIES as they appear or change, until Ctrl-C.

    A file is read once it has stayed unchanged for --interval seconds (a half-written file is
    not read). Stopping and restarting loses and doubles nothing. One line per batch.

    Example: eventwire watch inbox/ --db eventwire.duckdb
    """
    from ..watch import watch as run_watch

    config = ctx.obj.get("config") if isinstance(ctx.obj, dict) else None
    err = error_console()
    try:
        options = load_options(config, {"store.path": db})
        click.echo(f"watching {', '.join(directories)} into {options.store.path} (Ctrl-C stops)")
        for batch in run_watch(directories, options, interval=interval, poll=poll):
            click.echo(batch.describe())
            for rejection in batch.summary.rejected:
                err.print(f"rejected {rejection.path}: {rejection.reason}", highlight=False)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        click.echo("stopped")
