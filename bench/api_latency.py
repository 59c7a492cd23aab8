"""Latency of the REST API on a store of ~2,000 real articles, through a running `eventwire serve`.

    python bench/api_latency.py [--db /tmp/eventwire-bench-bbc.duckdb] [--requests 200] [--rounds 3]

The store is the BBC corpus in ../shared (2,127 distinct articles) coded by `eventwire ingest`; building it
takes several minutes, so it is kept at --db and reused by later runs. The server is the real command in its
own process, reached over HTTP on 127.0.0.1 with one keep-alive client, as a dashboard reaches it.
Each route is asked --requests times per round after a warm-up, the rounds interleave the routes (so a noisy
spell on a shared machine hits all of them), and the table shows the median over all requests, the range of
the rounds' medians and the 90th percentile. The target is `GET /api/events` under 50 ms (median).
The server's own CPU time per request (from /proc, all its threads) is shown beside the wall time: on a
machine shared with other work the wall time also counts the time the server waited for a core, and the
load average is printed so the two can be read together.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "news" / "bbc_news_2225.jsonl"
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))
TARGET_MS = 50.0


def build_store(db: Path) -> None:
    print(f"coding {BBC.name} into {db} (several minutes; kept for later runs)", flush=True)
    subprocess.run([EVENTWIRE, "ingest", str(BBC), "--db", str(db), "-j", "2"], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([EVENTWIRE, "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
                            env={**os.environ, "EVENTWIRE_TOKEN": ""})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("the server did not start within 300 s")


def routes(client: httpx.Client) -> dict[str, str]:
    """The requests to time: the default page of events, filtered pages, a second page, one event's evidence."""
    first = client.get("/api/events").json()
    top = client.get("/api/dyads", params={"limit": 1}).json()[0]
    event = first["events"][0]
    return {
        "GET /api/events": "/api/events",
        "GET /api/events?source&target": f"/api/events?source={top['source']}&target={top['target']}",
        "GET /api/events?q": "/api/events?q=minister",
        "GET /api/events?since&until&counted": "/api/events?since=2004-06-01&until=2004-12-31&counted=true",
        "GET /api/events?cursor (page 2)": f"/api/events?cursor={first['next_cursor']}",
        "GET /api/events/{id}": f"/api/events/{event['event_id']}?doc_hash={event['doc_hash']}",
        "GET /api/dyads": "/api/dyads",
        "GET /api/actors?q": "/api/actors?q=gb",
    }


def cpu_ms(pid: int) -> float:
    """CPU time the process has used so far (user + system, all threads), in ms."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def time_once(client: httpx.Client, path: str) -> float:
    started = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.text[:300]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-bench-bbc.duckdb"))
    parser.add_argument("--requests", type=int, default=200, help="requests per route and round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.db.exists():
        if not BBC.exists():
            print(f"skipped: {BBC} is absent (the benchmark needs ../shared)")
            return
        build_store(args.db)
    proc, url = start_server(args.db)
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            health = client.get("/healthz").json()
            print(f"store {args.db}: {health['articles']:,} articles, {health['events']:,} events; "
                  f"{args.requests} requests per route, {args.rounds} rounds")
            paths = routes(client)
            for path in paths.values():  # warm-up: first connection, DuckDB's caches
                for _ in range(10):
                    time_once(client, path)
            samples: dict[str, list[list[float]]] = {name: [] for name in paths}
            cpu: dict[str, float] = dict.fromkeys(paths, 0.0)
            for _ in range(args.rounds):
                for name, path in paths.items():
                    used = cpu_ms(proc.pid)
                    samples[name].append([time_once(client, path) for _ in range(args.requests)])
                    cpu[name] += cpu_ms(proc.pid) - used
    finally:
        proc.terminate()
        proc.wait(30)
    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"\n| route | median ms | range of round medians | p90 ms | median / {TARGET_MS:g} ms target | "
          "server CPU ms per request |")
    print("|---|---|---|---|---|---|")
    for name, rounds in samples.items():
        every = sorted(t for r in rounds for t in r)
        medians = [statistics.median(r) for r in rounds]
        median = statistics.median(every)
        p90 = every[int(0.9 * (len(every) - 1))]
        print(f"| {name} | {median:.1f} | {min(medians):.1f}–{max(medians):.1f} | {p90:.1f} | "
              f"{median / TARGET_MS:.2f} | {cpu[name] / (args.rounds * args.requests):.1f} |")
    events_median = statistics.median(t for r in samples["GET /api/events"] for t in r)
    verdict = "meets" if events_median < TARGET_MS else "MISSES"
    print(f"\nGET /api/events median {events_median:.1f} ms: {verdict} the {TARGET_MS:g} ms target")


if __name__ == "__main__":
    main()
