"""Helpers for the store tests: the real `eventwire` command in a subprocess, small corpora, table snapshots."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

EVENTWIRE = Path(sys.executable).parent / "eventwire"  # the console script users run

COUNTRIES = ["Kenya", "Peru", "Norway", "Vietnam", "Ghana", "Chile", "Poland", "Jordan"]
ACTS = ["met the prime minister of {other} in the capital to discuss trade",
        "accused {other} of violating the border agreement",
        "sent aid convoys to flood victims in {other}",
        "recalled its ambassador from {other} after a diplomatic row"]


def records(n: int, start: int = 0, source: str = "Wire") -> list[dict]:
    """`n` short reports, each with an event between two countries."""
    out = []
    for i in range(start, start + n):
        country, other = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
        text = (f"The government of {country} {ACTS[i % 4].format(other=other)} on Tuesday, officials said.\n"
                f"Report number {i} was filed from the regional desk later that week.")
        out.append({"id": f"r{i}", "text": text, "published": f"2024-05-{1 + i % 28:02d}", "source": source})
    return out


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def eventwire(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the `eventwire` command to its end; stdout and stderr as text."""
    return subprocess.run([str(EVENTWIRE), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=900, **kwargs)


def start_eventwire(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([str(EVENTWIRE), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, **kwargs)


def kill_after_commits(child: subprocess.Popen, n: int) -> None:
    """Read a child's stdout until it has printed `n` lines starting with "committed", then SIGKILL its
    process group: the child and its forked workers, nothing else (start it with `start_new_session=True`).
    Returns once the child is gone; a child that ended before `n` commits was not killed (callers check
    `returncode == -signal.SIGKILL`)."""
    commits = 0
    for line in child.stdout:
        commits += line.startswith("committed")
        if commits == n:
            os.killpg(child.pid, signal.SIGKILL)
            break
    child.wait()
    wait_until_group_ends(child.pid)


def wait_until_group_ends(pgid: int, timeout: float = 30.0) -> None:
    """Wait until no live process of the group is left: the forked workers share the writer's lock (flock on
    an inherited descriptor) and the kernel takes a moment to end them after the parent is reaped."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _live_members(pgid):
        time.sleep(0.05)


def _live_members(pgid: int) -> list[int]:
    members = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # state, ppid, pgrp, ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry))
    return members


TABLES = {"articles": "* EXCLUDE (ingested_at)", "events": "*", "event_actors": "*", "mentions": "*",
          "clusters": "*", "cluster_members": "*", "learned_identities": "*"}


def snapshot(db: Path, tables: dict[str, str] = TABLES) -> dict[str, list]:
    """Every row of the store's tables, as sorted reprs (read with plain DuckDB, not the code under test)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT {cols} FROM {t}").fetchall())) for t, cols in tables.items()}
    finally:
        con.close()


def count(db: Path, table: str = "articles") -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    finally:
        con.close()
