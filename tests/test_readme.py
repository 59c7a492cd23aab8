"""The README's commands and figures, checked against real runs of the installed `eventwire`, so they cannot
go stale. When the coder changes what it finds, these tests fail with the lines to paste into the README."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXE = Path(sys.executable).with_name("eventwire")

pytestmark = pytest.mark.slow


def fenced_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def block_after(heading_words: str, language: str = "") -> str:
    """The first fenced block after the paragraph that contains `heading_words`."""
    start = README.index(heading_words)
    return re.search(rf"```{language}\n(.*?)```", README[start:], re.S).group(1)


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """A README command line as a user would type it (`eventwire` is the installed script)."""
    env_path = f"{EXE.parent}:/usr/bin:/bin"
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": env_path, "HOME": str(cwd), "LANG": "C.UTF-8"})


def table_rows(text: str) -> list[list[str]]:
    """The body rows of a Rich table ('│ a │ b │') as lists of cell strings."""
    return [[c.strip() for c in line.strip().strip("│").split("│")]
            for line in text.splitlines() if line.strip().startswith("│")]


def test_the_demo_prints_the_figures_the_readme_states(tmp_path):
    block = block_after("`eventwire demo` codes")
    stated_line = block.splitlines()[0]
    stated_dyads = table_rows(block.split("Top dyads", 1)[1])
    run = shell("eventwire demo --db eventwire-demo.duckdb", tmp_path)
    assert run.returncode == 0, run.stderr
    real_line = next(line for line in run.stderr.splitlines() if "sample article(s) coded" in line)
    dyads_table = run.stdout.split("Top dyads", 1)[1].split("RUS → UKR", 1)[0]
    real_dyads = table_rows(dyads_table)
    row_lines = [line.strip() for line in dyads_table.splitlines() if line.strip().startswith("│")]
    fresh = "\n".join([real_line, *row_lines[:len(stated_dyads)]])
    assert (stated_line, stated_dyads) == (real_line, real_dyads[:len(stated_dyads)]), \
        f"README's demo output is stale; the demo now prints:\n{fresh}"


def test_the_example_table_and_record_are_what_eventwire_prints(tmp_path):
    block = block_after("## Example", "console")
    commands = [line[2:] for line in block.splitlines() if line.startswith("$ ")]
    for command in commands[:-1]:
        assert shell(command, tmp_path).returncode == 0
    run = shell(commands[-1], tmp_path)
    assert run.returncode == 0, run.stderr
    assert table_rows(run.stdout) == table_rows(block), f"README's example table is stale; it now prints:\n{run.stdout}"
    record = json.loads(shell(commands[-1].replace("--format table", ""), tmp_path).stdout.splitlines()[0])
    shown = block_after("With `--format jsonl`", "json")
    for key in ("event_id", "doc_id", "span", "trigger", "cameo", "cameo_root", "plover", "plover_mode",
                "goldstein", "quad_class", "date", "date_precision", "date_text", "status", "reciprocal"):
        match = re.search(rf'"{key}": ("[^"]*"|\[[^\]]*\]|[-\d.]+|true|false|null)', shown)
        assert match, f"README's record does not show {key}"
        assert json.loads(match.group(1)) == record[key], f"README's record is stale: {key} is now {record[key]!r}"
    for side, field in (("source", "country"), ("source", "sector"), ("target", "org")):
        stated = re.search(rf'"{side}": \[\{{[^}}]*"{field}": "([^"]*)"', shown).group(1)
        assert stated == record[side][0][field]


STORY = "Russian troops shelled the city of Kharkiv on Tuesday, local officials said."


def runs_until_stopped(command: str) -> bool:
    """`watch` and `serve` run until stopped (and watch's feed is an example address): tests/test_watch.py and
    tests/web run them against local servers instead."""
    return command.startswith(("eventwire watch", "eventwire serve"))


def test_the_usage_commands_run(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    docs = [{"id": "n1", "text": STORY, "published": "2022-03-01"},
            {"id": "n2", "text": "Ukraine's foreign minister held talks with his Polish counterpart in Warsaw.",
             "published": "2022-03-02"}]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "a.txt").write_text("Police arrested protesters in Minsk on Monday.", encoding="utf-8")
    commands = [line.split("  #")[0].strip() for line in block_after("## Usage", "bash").splitlines()
                if (line.startswith("eventwire") or line.startswith("cat ")) and not runs_until_stopped(line)]
    assert len(commands) >= 7
    for command in commands:
        run = shell(command, tmp_path)
        assert run.returncode == 0, f"{command}: {run.stderr}"
        assert "Traceback" not in run.stderr
        if command.startswith("eventwire code story.txt"):
            assert json.loads(run.stdout.splitlines()[0])["doc_id"] == "story"
        if command.startswith("eventwire events"):
            assert [json.loads(r)["plover"] for r in run.stdout.splitlines()] == ["ASSAULT"]
    assert (tmp_path / "events.jsonl").stat().st_size > 0 and (tmp_path / "events.parquet").exists()
