"""Hostile inputs (issue 15), written into one directory beside good files.

Used by tests/test_reliability.py (scaled down, with limits lowered by a config file) and by
benchmarks/hostile_ingest.py (the acceptance run, at the issue's sizes). Each hostile input
is listed in ``HostileSet.expected`` with a piece of the rejection reason it must get (by the
name it is stored under), or in ``HostileSet.stored`` when it must be stored despite its
damage (replaced characters, a bad date).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GOOD_STORY", "HostileSet", "Scale", "write_hostile_inputs"]

GOOD_STORY = (
    "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed the treaty in "
    "Pyongyang on Wednesday, the Kremlin said. The two leaders met for talks in the capital. "
)


@dataclass(frozen=True)
class Scale:
    """Sizes of the bombs: the issue's own (``Scale()``) or scaled down for a test."""

    member_bytes: int = 190_000_000  # each member of the zip bomb (six of them)
    members: int = 6
    long_line_chars: int = 50_000_000  # the JSONL line with one huge text
    sentence_chars: int = 100_000  # a "sentence" without any end
    records: int = 50_000  # bad lines in one JSONL file (the rejection path's cost)


@dataclass
class HostileSet:
    """What was written: reason fragments expected per rejected input, and inputs that must
    be stored (with a note)."""

    directory: Path
    expected: dict[str, str] = field(default_factory=dict)
    stored: dict[str, str] = field(default_factory=dict)
    extra_paths: list[str] = field(default_factory=list)  # given on the command line


def _story(number: int) -> str:
    return f"Story {number}. " + GOOD_STORY * 2


def write_hostile_inputs(directory: Path, scale: Scale, good: list[Path]) -> HostileSet:
    """Write the hostile inputs and copy of nothing: ``good`` files are read where they are
    (given on the command line by the caller). Returns what each input must become."""
    directory.mkdir(parents=True, exist_ok=True)
    found = HostileSet(directory)
    name = str(directory)

    # A file name that is not UTF-8: stored, its name kept as given (with a \xff escape).
    raw = os.fsencode(name) + b"/caf\xff.txt"
    Path(os.fsdecode(raw)).write_text(_story(1), encoding="utf-8")
    found.stored[f"{name}/caf\\xff.txt"] = ""

    # Half an emoji in a JSONL title, a lone surrogate in a text, valid lines after them.
    lines = [
        json.dumps({"title": "Talks \ud83d", "text": _story(2)}),
        json.dumps({"text": _story(3) + " \ud800 end."}),
        json.dumps({"text": _story(4)}),
    ]
    (directory / "surrogates.jsonl").write_text("\n".join(lines), encoding="utf-8")
    found.stored[f"{name}/surrogates.jsonl"] = "replaced_characters"

    # UTF-8 with one invalid byte: read as UTF-8 with that byte replaced, not as cp1252.
    damaged = ("“Quoted” — " + _story(5)).encode() + b"\xff tail."
    (directory / "damaged.txt").write_bytes(damaged)
    found.stored[f"{name}/damaged.txt"] = "replaced_characters"

    # Record dates that are not dates, or placeholders at the edge of the calendar.
    dates = ["0000-00-00", "2024-02-30", "yesterday", "9999-12-31"]
    (directory / "dates.jsonl").write_text(
        "\n".join(
            json.dumps({"date": d, "text": _story(10 + i) + " It ends tomorrow."})
            for i, d in enumerate(dates)
        ),
        encoding="utf-8",
    )
    found.stored[f"{name}/dates.jsonl"] = "date"

    # A zip bomb: members of zeros that expand far past the limits.
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        zeros = b"\0" * scale.member_bytes
        for number in range(scale.members):
            archive.writestr(f"member{number}.txt", zeros)
        del zeros
    (directory / "bomb.zip").write_bytes(bomb.getvalue())
    found.expected[f"{name}/bomb.zip::member0.txt"] = "max_"

    # A gzip bomb.
    with gzip.open(directory / "bomb.txt.gz", "wb") as handle:
        chunk = b"\0" * 1_000_000
        for _ in range(max(1, scale.member_bytes // len(chunk))):
            handle.write(chunk)
    found.expected[f"{name}/bomb.txt.gz"] = "max_"

    # One JSONL line holding a huge text.
    with (directory / "long_line.jsonl").open("w", encoding="utf-8") as handle:
        handle.write('{"text": "')
        word = "word " * 200
        for _ in range(scale.long_line_chars // len(word)):
            handle.write(word)
        handle.write('"}\n')
    found.expected[f"{name}/long_line.jsonl"] = "max_"

    # A sentence without an end.
    (directory / "endless.txt").write_text(
        "Talks " + "and more talks " * (scale.sentence_chars // 15), encoding="utf-8"
    )
    found.expected[f"{name}/endless.txt"] = "max_sentence_chars"

    # Many bad lines (the rejection path's cost), then a good one.
    with (directory / "many_bad.jsonl").open("w", encoding="utf-8") as handle:
        for _ in range(scale.records):
            handle.write("{not json\n")
        handle.write(json.dumps({"text": _story(20)}) + "\n")
    found.expected[f"{name}/many_bad.jsonl"] = "malformed JSON line"

    # Markup and control characters in names.
    (directory / "[bold]markup.csv").write_text("[/bold],x\n1,2\n", encoding="utf-8")
    found.expected[f"{name}/[bold]markup.csv"] = "no column 'text'"
    member = io.BytesIO()
    with zipfile.ZipFile(member, "w") as archive:
        archive.writestr("[/bold].txt", "short")
        archive.writestr("\x1b[31mred\x1b[0m.txt", "")
    (directory / "markup.zip").write_bytes(member.getvalue())
    found.expected[f"{name}/markup.zip::[/bold].txt"] = "shorter than"
    found.expected[f"{name}/markup.zip::\x1b[31mred\x1b[0m.txt"] = "empty file"
    (directory / "\x1b[2Jclear.txt").write_text("", encoding="utf-8")
    found.expected[f"{name}/\x1b[2Jclear.txt"] = "empty file"
    ansi = json.dumps({"title": "\x1b[31mRed title\x1b[0m", "text": _story(21)})
    (directory / "ansi_title.jsonl").write_text(ansi, encoding="utf-8")
    found.stored[f"{name}/ansi_title.jsonl"] = ""

    # Binary content, an empty file.
    (directory / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    found.expected[f"{name}/image.txt"] = "binary content"

    # Special files and links: a FIFO, a link to /dev/zero, a loop, a dangling link.
    os.mkfifo(directory / "pipe.txt")
    found.expected[f"{name}/pipe.txt"] = "named pipe"
    os.symlink("/dev/zero", directory / "zero.txt")
    found.expected[f"{name}/zero.txt"] = "character device"
    sub = directory / "sub"
    sub.mkdir()
    os.symlink("..", sub / "loop")
    found.expected[f"{name}/sub/loop"] = "symbolic link loop"
    os.symlink("missing.txt", directory / "dangling.txt")
    found.expected[f"{name}/dangling.txt"] = "dangling symbolic link"
    os.symlink("self.txt", directory / "self.txt")
    found.expected[f"{name}/self.txt"] = "symbolic link loop"

    # And /dev/zero given as a path of its own.
    found.extra_paths.append("/dev/zero")
    found.expected["/dev/zero"] = "character device"
    _ = good
    return found
