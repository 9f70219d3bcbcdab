from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import load_options
from eventwire.errors import ConfigError


def test_defaults_load_and_are_typed() -> None:
    options = load_options()
    assert options.store.path == "eventwire.duckdb"
    assert options.pipeline.batch_size > 0
    assert "eventwire_coder" in options.pipeline.components
    assert isinstance(options.documents.encodings, tuple)
    assert options.analysis.min_confidence == 0.3


def test_user_file_then_overrides_take_precedence(tmp_path: Path) -> None:
    user = tmp_path / "my.toml"
    user.write_text('[store]\npath = "from-file.duckdb"\n[pipeline]\nbatch_size = 8\n')
    options = load_options(user, {"store.path": "from-cli.duckdb"})
    assert options.store.path == "from-cli.duckdb"
    assert options.pipeline.batch_size == 8
    assert options.sources == ("default.toml", str(user))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[store]\nnope = 1\n", "unknown setting store.nope"),
        ("[nowhere]\nx = 1\n", "unknown section [nowhere]"),
        ("[pipeline]\nbatch_size = 'many'\n", "must be an integer"),
        ("[store\n", "not valid TOML"),
    ],
)
def test_bad_user_files_are_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(content)
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_options(user)


def test_missing_config_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_options(tmp_path / "absent.toml")


def test_digest_changes_with_settings() -> None:
    assert load_options().digest() == load_options().digest()
    assert load_options().digest() != load_options(overrides={"pipeline.batch_size": 3}).digest()


def test_analysis_threshold_is_set_by_file_and_left_out_of_the_run_digest(tmp_path: Path) -> None:
    user = tmp_path / "show-all.toml"
    user.write_text("[analysis]\nmin_confidence = 0\n")
    options = load_options(user)
    assert options.analysis.min_confidence == 0
    # The threshold changes what the reads show, not what an ingest stores.
    assert options.digest() == load_options().digest()
