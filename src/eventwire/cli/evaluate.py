"""The ``evaluate`` and ``calibrate`` commands: thin adapters over ``eventwire.evaluate``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import EventwireError
from ._context import options

__all__ = ["COMMANDS", "calibrate", "evaluate"]

F = TypeVar("F", bound=Callable[..., Any])


def _corpora_option(help_text: str) -> Callable[[F], F]:
    """``--corpora``: where the corpora our real-news gold files name are."""
    return click.option(
        "--corpora",
        type=click.Path(exists=True, file_okay=False),
        default="../shared/corpora",
        show_default=True,
        help=help_text,
    )


@click.command()
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True),
    help="Gold data: a PLV TSV (plv), a directory of our real-news YAML files (realnews), or a"
    " TIMEX3 JSONL file (timex).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["plv", "realnews", "timex"]),
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
@_corpora_option("realnews: the folder holding the corpora the gold files name.")
@click.option(
    "--split",
    type=click.Choice(["all", "studied", "held-out"]),
    default="all",
    show_default=True,
    help="realnews, timex: score every article or document (and each part), or one part of the"
    " fixed split.",
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    help="realnews: score only events at or above this confidence (default: [analysis]"
    " min_confidence, what analysts see).",
)
@click.option(
    "--findings",
    is_flag=True,
    help="realnews: list spurious, missed and trap events, and wrong dates; timex: list the"
    " studied misses.",
)
@click.option("--json", "as_json", is_flag=True, help="realnews, timex: the figures as JSON.")
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
    real-news articles, modality and date accuracy, and the traps violated.
    timex: TIMEX3 value accuracy of the time normaliser, overall, on expressions resolvable from
    the document date and per kind of expression."""
    from pathlib import Path

    settings = options(ctx)
    try:
        if fmt == "timex":
            from ..evaluate.timex import evaluate_timex_file

            if Path(gold).is_dir():
                raise click.UsageError("--format timex takes a JSONL file, not a directory")
            timex_report = evaluate_timex_file(Path(gold), split=split)  # type: ignore[arg-type]
            if as_json:
                click.echo(json.dumps(timex_report.to_json(), indent=2))
            else:
                click.echo(timex_report.format(misses=findings))
            return
        if fmt == "realnews":
            from ..evaluate.realnews import evaluate_realnews

            threshold = (
                settings.analysis.min_confidence if min_confidence is None else min_confidence
            )
            news = evaluate_realnews(
                Path(gold),
                Path(corpora),
                settings,
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
        result = evaluate_gold(Path(gold), settings, mode=mode)  # type: ignore[arg-type]
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.format())


@click.command()
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True),
    help="Our real-news gold set (a directory of YAML files; only its studied part is used).",
)
@_corpora_option("The folder holding the corpora the gold files name.")
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
    default=None,
    help="Inverse L2 regularisation strength of the logistic regression (default: chosen"
    " among 0.1-8 by cross-validation grouped by article).",
)
@click.option(
    "--candidates",
    type=click.Path(exists=True, dir_okay=False),
    help="Our right/wrong labels of candidate events of other studied articles (JSON lines;"
    " tests/eval/candidates.jsonl), added to the gold set's.",
)
@click.option(
    "--drop-feature",
    "drop",
    multiple=True,
    help="Leave out the features whose names start with this (repeatable; e.g."
    " 'source_via=' to measure what a feature group buys).",
)
@click.pass_context
def calibrate(
    ctx: click.Context,
    gold: str,
    corpora: str,
    out: str,
    strength: float | None,
    candidates: str | None,
    drop: tuple[str, ...],
) -> None:
    """Fit the confidence model on the studied part of our real-news gold set (and labelled
    candidates), report its cross-validated AUC and precision/recall by threshold (grouped by
    article), and write it as JSON coefficients (the shipped one is
    src/eventwire/events/data/confidence_model.json). Needs scikit-learn (pip install
    'eventwire[calibrate]')."""
    from pathlib import Path

    from ..evaluate.calibrate import fit_confidence_model

    settings = options(ctx)
    try:
        result = fit_confidence_model(
            Path(gold),
            Path(corpora),
            settings,
            c=strength,
            candidates=Path(candidates) if candidates else None,
            drop=drop,
        )
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    Path(out).write_text(json.dumps(result.model.to_json(), indent=1) + "\n", encoding="utf-8")
    click.echo(result.format())
    click.echo(f"wrote {out}")


COMMANDS: tuple[click.Command, ...] = (evaluate, calibrate)
