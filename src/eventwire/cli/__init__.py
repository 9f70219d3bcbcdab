"""The command line: thin adapters that parse options, call one library function, and turn
domain errors into messages and exit codes."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

import click
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..config import Options, load_options
from ..errors import EventwireError
from .output import error_console, report_console

__all__ = ["main"]

# Exit codes: 0 all good; 1 a domain error stopped the command; 2 usage error (click's own);
# 3 the command finished but some inputs were rejected (listed on standard error).
EXIT_REJECTED = 3

_err = error_console()


def _options(ctx: click.Context, **overrides: Any) -> Options:
    config_file = ctx.obj.get("config") if ctx.obj else None
    try:
        return load_options(config_file, overrides)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


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


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help="DuckDB file to write (default: [store] path, eventwire.duckdb).")
@click.option("--date", "published", help="Date (YYYY-MM-DD) for articles that carry none.")
@click.option("--processes", type=int, help="Worker processes (0: one per core).")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    published: str | None,
    processes: int | None,
) -> None:
    """Read PATHS (files, directories, - for stdin), code events, store them in the database.

    Re-ingesting the same inputs changes nothing. Exits with 3 when some input was rejected.
    """
    from ..ingest import ingest as run_ingest

    options = _options(ctx, **{"store.path": db, "pipeline.n_process": processes})
    progress = Progress(
        SpinnerColumn(),
        TextColumn("ingesting: {task.completed} articles coded"),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
    )
    task = progress.add_task("ingest", total=None)
    try:
        with progress:
            summary = run_ingest(
                paths,
                options,
                published=_date(published),
                on_article=lambda _article: progress.advance(task),
            )
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    table = Table(title=f"ingest into {summary.db}", show_header=False)
    rows = [
        ("inputs given", summary.inputs_given),
        ("files read", summary.files_read),
        ("articles read", summary.articles_read),
        *((f"  via {name}", count) for name, count in summary.by_reader),
        ("articles new", summary.articles_new),
        ("  of which near-duplicates (linked)", summary.near_duplicates),
        ("duplicates / already stored", summary.already_stored),
        ("rejected", len(summary.rejected)),
        ("event mentions new", summary.event_mentions_new),
        ("events in store", summary.events_total),
        ("seconds", f"{summary.seconds:.1f}"),
    ]
    for key, value in rows:
        table.add_row(key, str(value))
    report_console().print(table)
    for rejection in summary.rejected:
        _err.print(f"[red]rejected[/red] {rejection}", highlight=False)
    if summary.rejected:
        ctx.exit(EXIT_REJECTED)


@cli.command()
@click.option("--db", help="DuckDB file to read (default: eventwire.duckdb).")
@click.pass_context
def articles(ctx: click.Context, db: str | None) -> None:
    """List the articles stored in the database."""
    from ..store import open_store

    options = _options(ctx, **{"store.path": db})
    try:
        with open_store(options.store.path, read_only=True) as store:
            frame = store.articles()
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    _print_frame(frame, f"articles in {options.store.path}")


@cli.command()
@click.option("--db", help="DuckDB file to read (default: eventwire.duckdb).")
@click.pass_context
def stats(ctx: click.Context, db: str | None) -> None:
    """Count the rows of each table, and list the rejected inputs."""
    from ..store import open_store

    options = _options(ctx, **{"store.path": db})
    try:
        with open_store(options.store.path, read_only=True) as store:
            counts = store.counts()
            rejected = store.rejected()
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    table = Table(title=options.store.path, show_header=False)
    for key, value in counts.items():
        table.add_row(key, str(value))
    report_console().print(table)
    if len(rejected):
        _print_frame(rejected, "rejected inputs")


@cli.command()
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"), default="-")
@click.pass_context
def code(ctx: click.Context, file: Any) -> None:
    """Code JSONL records from FILE (or standard input) into events as JSONL on standard output.

    Input lines: {"id", "text", optional "date" YYYY-MM-DD, "title", "source", "target"}.
    With "source" and "target" (substrings of "text") the single best event between them is
    returned, or nothing. Bad lines are reported on standard error with their line number;
    the exit code is 3 if any line was rejected. See docs/code-contract.md.
    """
    from ..coding import LineRejected, code_lines
    from ..nlp import build_pipeline

    options = _options(ctx)
    try:
        nlp = build_pipeline(options.pipeline)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    rejected = 0
    for result in code_lines(nlp, file):
        if isinstance(result, LineRejected):
            rejected += 1
            click.echo(json.dumps(result.to_json()), err=True)
        else:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    if rejected:
        ctx.exit(EXIT_REJECTED)


@cli.command()
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True),
    help="Gold data: a PLV TSV (plv), or a directory of our real-news YAML files (realnews).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plv", "realnews"]),
    default="plv",
    show_default=True,
    help="The gold data's format.",
)
@click.option(
    "--mode",
    type=click.Choice(["relation", "end-to-end", "both"]),
    default="both",
    show_default=True,
    help="plv: relation classifies the marked pair; end-to-end codes the sentence, finds the pair.",
)
@click.option(
    "--corpora",
    type=click.Path(exists=True, file_okay=False),
    default="../shared/corpora",
    show_default=True,
    help="realnews: the folder holding the corpora the gold files name.",
)
@click.option(
    "--split",
    type=click.Choice(["all", "studied", "held-out"]),
    default="all",
    show_default=True,
    help="realnews: score every article (and each part), or one part of the fixed split.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="realnews: score only events at or above this confidence (default: [analysis]"
    " min_confidence, what analysts see).",
)
@click.option("--findings", is_flag=True, help="realnews: list spurious, missed and trap events.")
@click.option("--json", "as_json", is_flag=True, help="realnews: the figures as JSON.")
@click.pass_context
def evaluate(
    ctx: click.Context,
    gold: str,
    fmt: str,
    mode: str,
    corpora: str,
    split: str,
    min_confidence: float | None,
    findings: bool,
    as_json: bool,
) -> None:
    """Score the coder on gold data.

    plv: accuracy, macro-F1, per-class scores and confusion matrix over the 15 PLV roots
    (CONCEDE and RETREAT count as YIELD); end to end, dyad recall and category accuracy.
    realnews: precision, recall and F1 at the dyad and dyad+category levels on our annotated
    real-news articles, modality and date accuracy, and the traps violated."""
    from pathlib import Path

    options = _options(ctx)
    try:
        if fmt == "realnews":
            from ..evaluate.realnews import evaluate_realnews

            threshold = (
                options.analysis.min_confidence if min_confidence is None else min_confidence
            )
            news = evaluate_realnews(
                Path(gold),
                Path(corpora),
                options,
                min_confidence=threshold,
                split=split,  # type: ignore[arg-type]
            )
            if as_json:
                click.echo(json.dumps(news.to_json(), indent=2))
            else:
                click.echo(news.format(findings=findings))
            return
        from ..evaluate.run import evaluate_gold

        if Path(gold).is_dir():
            raise click.UsageError("--format plv takes a TSV file, not a directory")
        result = evaluate_gold(Path(gold), options, mode=mode)  # type: ignore[arg-type]
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.format())


@cli.command()
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True),
    help="Our real-news gold set (a directory of YAML files; only its studied part is used).",
)
@click.option(
    "--corpora",
    type=click.Path(exists=True, file_okay=False),
    default="../shared/corpora",
    show_default=True,
    help="The folder holding the corpora the gold files name.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    required=True,
    help="Where to write the fitted model (JSON coefficients).",
)
@click.option(
    "--c",
    "strength",
    type=click.FloatRange(min=0.0, min_open=True),
    default=0.5,
    show_default=True,
    help="Inverse L2 regularisation strength of the logistic regression.",
)
@click.option(
    "--candidates",
    type=click.Path(exists=True, dir_okay=False),
    help="Our right/wrong labels of candidate events of other studied articles (JSON lines;"
    " tests/eval/candidates.jsonl), added to the gold set's.",
)
@click.pass_context
def calibrate(
    ctx: click.Context,
    gold: str,
    corpora: str,
    out: str,
    strength: float,
    candidates: str | None,
) -> None:
    """Fit the confidence model on the studied part of our real-news gold set and write it as
    JSON coefficients (the shipped one is src/eventwire/events/data/confidence_model.json).
    Needs scikit-learn (pip install 'eventwire[calibrate]')."""
    from pathlib import Path

    from ..evaluate.calibrate import fit_confidence_model

    options = _options(ctx)
    try:
        result = fit_confidence_model(
            Path(gold),
            Path(corpora),
            options,
            c=strength,
            candidates=Path(candidates) if candidates else None,
        )
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    Path(out).write_text(json.dumps(result.model.to_json(), indent=1) + "\n", encoding="utf-8")
    click.echo(result.format())
    click.echo(f"wrote {out}")


@cli.command("config")
@click.pass_context
def config_cmd(ctx: click.Context) -> None:
    """Print the shipped, commented default configuration (copy it to make your own)."""
    from importlib import resources

    if ctx.obj.get("config"):
        options = _options(ctx)
        click.echo(f"# effective settings ({' + '.join(options.sources)})")
        click.echo(json.dumps(_as_dict(options), indent=2))
        return
    click.echo(resources.files("eventwire").joinpath("default.toml").read_text("utf-8"), nl=False)


def _as_dict(options: Options) -> dict[str, Any]:
    import dataclasses

    return {k: v for k, v in dataclasses.asdict(options).items() if k != "sources"}


def _print_frame(frame: Any, title: str) -> None:
    table = Table(title=f"{title} ({len(frame)} rows)")
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for row in frame.itertuples(index=False):
        table.add_row(*("" if _missing(v) else str(v) for v in row))
    report_console().print(table)


def _missing(value: Any) -> bool:
    try:
        return bool(value is None or value != value)
    except (TypeError, ValueError):
        return False


from .actors import actors  # noqa: E402
from .analysis import COMMANDS as _ANALYSIS_COMMANDS  # noqa: E402 — after `cli` exists
from .treaties import register_treaty_commands  # noqa: E402

for _command in _ANALYSIS_COMMANDS:
    cli.add_command(_command)
register_treaty_commands(cli)
cli.add_command(actors)


def main() -> None:
    """Entry point of the ``eventwire`` command."""
    try:
        cli(prog_name="eventwire")
    except BrokenPipeError:  # `eventwire code … | head` closes our stdout early
        sys.stderr.close()


if __name__ == "__main__":  # pragma: no cover
    main()
