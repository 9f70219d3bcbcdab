"""`eventwire code` end to end: output validates against the documented JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.coding import LineRejected, code_lines

from .conftest import REPO

SCHEMAS = REPO / "docs" / "schemas"


def schema(name: str) -> dict[str, object]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def seed_lines(seeds_dir: Path) -> list[str]:
    dates = {"000": "2024-12-05", "003": "2024-09-14"}
    return [
        json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8"), "date": dates[p.name[:3]]})
        for p in sorted(seeds_dir.glob("*.txt"))
    ]


def test_schemas_are_valid_json_schemas() -> None:
    for name in ("code-input.schema.json", "code-event.schema.json"):
        jsonschema.Draft202012Validator.check_schema(schema(name))


@pytest.mark.slow
def test_code_output_on_the_seeds_validates(nlp, seeds_dir: Path) -> None:  # type: ignore[no-untyped-def]
    lines = seed_lines(seeds_dir)
    input_validator = jsonschema.Draft202012Validator(schema("code-input.schema.json"))
    for line in lines:
        input_validator.validate(json.loads(line))
    validator = jsonschema.Draft202012Validator(schema("code-event.schema.json"))
    results = list(code_lines(nlp, lines))
    events = [r.to_json() for r in results if not isinstance(r, LineRejected)]
    assert len(events) >= 10, "the seeds hold dozens of events; the coder found almost none"
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in lines}
    for event in events:
        validator.validate(json.loads(json.dumps(event)))
        text = texts[event["doc_id"]]
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        for role in ("source", "target"):
            if event[role] is not None:
                assert text[event[role]["start"] : event[role]["end"]] == event[role]["text"]


@pytest.mark.slow
def test_cli_code_reports_bad_lines_and_codes_the_rest(nlp) -> None:  # type: ignore[no-untyped-def]
    good = {
        "id": "g",
        "date": "2024-12-05",
        "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow.",
    }
    stdin = "\n".join([json.dumps(good), "{broken", json.dumps({"id": "x"})]) + "\n"
    result = CliRunner().invoke(cli, ["code"], input=stdin)
    assert result.exit_code == 3
    out_lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    err_lines = [json.loads(x) for x in result.stderr.splitlines() if x.strip()]
    assert [e["line"] for e in err_lines] == [2, 3]
    assert all(e["doc_id"] == "g" for e in out_lines)
    assert out_lines, "the good line produced no event"


@pytest.mark.slow
def test_relation_mode_returns_at_most_one_event_between_the_marked_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The United States accused North Korea of supplying missiles to Russia, "
        "and Japan condemned the launch."
    )
    line = json.dumps(
        {
            "id": "r",
            "text": text,
            "date": "2024-09-14",
            "source": "The United States",
            "target": "North Korea",
        }
    )
    events = [e for e in code_lines(nlp, [line]) if not isinstance(e, LineRejected)]
    assert len(events) <= 1
    for event in events:
        assert event.source is not None and event.target is not None
        # The returned actors are the marked ones (the mention may leave out "The").
        assert event.source.start < len("The United States") <= event.source.end
        assert text[event.target.start : event.target.end] in "North Korea"
