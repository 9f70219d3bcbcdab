"""``eventwire serve``: the REST API and dashboard over one store (registered by ``cli``)."""

from __future__ import annotations

import click

from ..config import load_options
from ..errors import EventwireError

__all__ = ["serve"]


@click.command()
@click.option("--db", help="DuckDB file to serve, read-only (default: [store] path).")
@click.option("--host", help="Address to bind (default: [web] host, 127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default: [web] port, 8000).")
@click.option(
    "--watch",
    "watched",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Also ingest files appearing in this directory (repeatable), as `eventwire watch`.",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="With --watch: seconds a file must stay unchanged before it is read.",
)
@click.option("--poll", is_flag=True, help="With --watch: look every --interval, not on events.")
@click.pass_context
def serve(
    ctx: click.Context,
    db: str | None,
    host: str | None,
    port: int | None,
    watched: tuple[str, ...],
    interval: float,
    poll: bool,
) -> None:
    """Serve the REST API (/api, OpenAPI at /openapi.json, forms at /api-docs) and the web
    dashboard over the database, read-only, until interrupted (Ctrl-C).

    With --watch DIR the same command also ingests the files that appear in DIR (a watcher in
    a child process, taking turns with the server's readers: docs/concurrency.md); new
    articles and events show in the dashboard as each batch is stored.

    Example: eventwire serve --db eventwire.duckdb, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from ..store import open_store
    from ..watch import watch_in_background
    from .app import create_app

    config_file = ctx.obj.get("config") if isinstance(ctx.obj, dict) else None
    try:
        options = load_options(config_file, {"store.path": db, "web.host": host, "web.port": port})
        if watched:
            open_store(options.store.path).close()  # the watcher's store exists before serving
        open_store(options.store.path, read_only=True).close()  # a clear error before serving
        background = (
            watch_in_background(watched, options, interval=interval, poll=poll) if watched else None
        )
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    app = create_app(options.store.path, options)
    click.echo(
        f"serving {options.store.path} at http://{options.web.host}:{options.web.port}/"
        + (f", watching {', '.join(watched)}" if watched else ""),
        err=True,
    )
    try:
        uvicorn.run(app, host=options.web.host, port=options.web.port, log_level="warning")
    finally:
        app.state.reader.close()
        if background is not None:
            background.stop()
