"""One typed options object, built from the shipped ``default.toml``, a user file and overrides.

>>> options = load_options(overrides={"store.path": "x.duckdb"})
>>> options.store.path
'x.duckdb'
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = [
    "ActorOptions",
    "AnalysisOptions",
    "BriefOptions",
    "ChangeOptions",
    "DocumentOptions",
    "EventOptions",
    "Options",
    "PipelineOptions",
    "SparkOptions",
    "StoreOptions",
    "WebOptions",
    "load_options",
    "options_toml",
]


@dataclass(frozen=True)
class PipelineOptions:
    """The spaCy pipeline: model, batch size, processes, components ([pipeline])."""

    model: str
    batch_size: int
    n_process: int
    disable: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    prefilter: bool = True
    prefilter_context: int = 2
    prefilter_requirements: bool = False
    write_batch: int = 256
    indexed_attribute_ruler: bool = True
    cached_lemmatizer: bool = True
    actor_dictionaries: tuple[str, ...] = ()
    """The user's actor dictionaries for the ``eventwire_actors`` component: ``[actors]
    dictionaries``, copied here so that the workers, which get only these options, load them."""


@dataclass(frozen=True)
class DocumentOptions:
    """Reading inputs: size limits, encodings, languages, CSV columns, dedup ([documents])."""

    max_file_bytes: int
    encodings: tuple[str, ...]
    min_text_chars: int
    languages: tuple[str, ...]
    csv_text_column: str
    csv_title_column: str
    csv_date_column: str
    csv_url_column: str
    csv_id_column: str
    near_duplicate_threshold: float
    minhash_permutations: int
    # Limits checked before any expensive step (issue 15); the defaults are default.toml's.
    max_archive_bytes: int = 200_000_000
    max_article_chars: int = 1_000_000
    max_sentence_chars: int = 20_000
    max_records_per_file: int = 200_000


@dataclass(frozen=True)
class EventOptions:
    """Event coding thresholds ([events])."""

    min_confidence: float


@dataclass(frozen=True)
class AnalysisOptions:
    """What the analyses, exports and plots show by default ([analysis])."""

    min_confidence: float


@dataclass(frozen=True)
class ActorOptions:
    """The user's actor dictionaries layered over the shipped knowledge base ([actors])."""

    dictionaries: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChangeOptions:
    """The bands of the "what changed" table ([changes])."""

    large_change: float
    moderate_change: float
    min_baseline_events: float


@dataclass(frozen=True)
class BriefOptions:
    """``eventwire brief``: how stories are ranked and worded ([brief])."""

    weight_sources: float
    weight_novelty: float
    weight_intensity: float
    weight_treaty: float
    weight_first: float
    weight_lead: float
    weight_size: float
    full_size_events: int
    story_similarity: float
    baseline_days: int
    contact_gap_days: int
    intro_weight: float
    min_bullets: int
    max_bullets: int
    bullet_share: float
    max_bullet_chars: int
    novelty_phrases: tuple[str, ...]


@dataclass(frozen=True)
class WebOptions:
    """``eventwire serve``: address, page sizes, query time limit, how long the store stays
    open between requests, DuckDB's threads ([web])."""

    host: str
    port: int
    page_size: int
    max_page_size: int
    query_seconds: float
    hold_seconds: float = 30.0
    threads: int = 1


@dataclass(frozen=True)
class StoreOptions:
    """The DuckDB store: default path and the event merge window ([store])."""

    path: str
    merge_window_days: int
    merge_by_place: bool
    wait_seconds: float = 60.0
    search_index: bool = True


@dataclass(frozen=True)
class SparkOptions:
    """The Spark engine (``ingest --engine spark``): cluster, output, partitions ([spark])."""

    master: str
    output: str
    articles_per_partition: int
    task_max_failures: int
    shuffle_partitions: int = 0
    local_java_options: str = ""


@dataclass(frozen=True)
class Options:
    """Every setting, by section; built by ``load_options`` and passed whole to the library."""

    pipeline: PipelineOptions
    documents: DocumentOptions
    events: EventOptions
    store: StoreOptions
    analysis: AnalysisOptions
    changes: ChangeOptions
    web: WebOptions
    brief: BriefOptions
    actors: ActorOptions = field(default=ActorOptions())
    spark: SparkOptions = field(default=SparkOptions("local[2]", "eventwire-spark", 128, 4))
    sources: tuple[str, ...] = field(default=())

    def digest(self) -> str:
        """A hash of every setting an ingest reads, recorded with each run so results can be
        traced to config; ``[analysis]`` is left out, as it changes what the reads show, not
        what a run stores (``[changes]``, ``[web]`` and ``[brief]`` likewise)."""
        payload = {
            f.name: dataclasses.asdict(getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name not in ("sources", "analysis", "changes", "web", "brief", "spark")
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


_SECTIONS: dict[str, type[Any]] = {
    "pipeline": PipelineOptions,
    "documents": DocumentOptions,
    "events": EventOptions,
    "store": StoreOptions,
    "analysis": AnalysisOptions,
    "changes": ChangeOptions,
    "web": WebOptions,
    "brief": BriefOptions,
    "actors": ActorOptions,
    "spark": SparkOptions,
}
# Settings that are not read from their own section but copied from another one.
_DERIVED = {("pipeline", "actor_dictionaries")}


def _default_table() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath("default.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], update: Mapping[str, Any], origin: str) -> None:
    for section, values in update.items():
        if section not in base or not isinstance(values, Mapping):
            raise ConfigError(f"{origin}: unknown section [{section}]")
        for key, value in values.items():
            if key not in base[section]:
                raise ConfigError(f"{origin}: unknown setting {section}.{key}")
            base[section][key] = value


def load_options(
    config_file: str | Path | None = None, overrides: Mapping[str, Any] | None = None
) -> Options:
    """Build the options: shipped defaults, then ``config_file``, then dotted ``overrides``."""
    table = _default_table()
    sources = ["default.toml"]
    if config_file is not None:
        path = Path(config_file)
        try:
            user = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        _merge(table, user, str(path))
        sources.append(str(path))
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        section, _, key = dotted.partition(".")
        _merge(table, {section: {key: value}}, "command line")
    return _build(table, tuple(sources))


def _build(table: dict[str, Any], sources: tuple[str, ...]) -> Options:
    built: dict[str, Any] = {}
    for section, cls in _SECTIONS.items():
        values = dict(table[section])
        for f in dataclasses.fields(cls):
            if (section, f.name) in _DERIVED:
                continue
            if f.name not in values:
                raise ConfigError(f"missing setting {section}.{f.name}")
            expected = str(f.type)
            value = values[f.name]
            if expected.startswith("tuple") and isinstance(value, list):
                values[f.name] = tuple(value)
            elif expected == "int" and not (isinstance(value, int) and not isinstance(value, bool)):
                raise ConfigError(f"{section}.{f.name} must be an integer, not {value!r}")
            elif expected == "float" and not isinstance(value, int | float):
                raise ConfigError(f"{section}.{f.name} must be a number, not {value!r}")
            elif expected == "bool" and not isinstance(value, bool):
                raise ConfigError(f"{section}.{f.name} must be true or false, not {value!r}")
            elif expected == "str" and not isinstance(value, str):
                raise ConfigError(f"{section}.{f.name} must be a string, not {value!r}")
        built[section] = cls(**values)
    built["pipeline"] = dataclasses.replace(
        built["pipeline"], actor_dictionaries=built["actors"].dictionaries
    )
    return Options(**built, sources=sources)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise ConfigError(f"cannot write {value!r} as TOML")


def options_toml(options: Options) -> str:
    """Every setting of ``options`` as TOML that ``load_options`` reads back to the same
    options (``eventwire config --config FILE`` prints it: the effective settings).

    >>> "[store]" in options_toml(load_options())
    True
    """
    lines = [f"# effective settings ({' + '.join(options.sources)})"]
    for section in _SECTIONS:
        lines.append(f"\n[{section}]")
        for f in dataclasses.fields(getattr(options, section)):
            if (section, f.name) in _DERIVED:
                continue
            lines.append(f"{f.name} = {_toml_value(getattr(getattr(options, section), f.name))}")
    return "\n".join(lines) + "\n"
