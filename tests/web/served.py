"""Helpers for the server's tests: the real CLI in a subprocess and a running `eventwire serve` process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "src" / "eventwire" / "data" / "samples" / "ukraine_crisis_2021_2022.jsonl"
HOSTILE = ROOT / "tests" / "data" / "web" / "hostile.jsonl"
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TOKEN = "test-token-" + "x" * 20
EVENTWIRE = str(Path(sys.executable).with_name("eventwire"))  # the console script users run


def eventwire(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess, as a user runs it."""
    return subprocess.run([EVENTWIRE, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, **kwargs)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A running `eventwire serve` process and its base URL."""

    def __init__(self, db: Path, token: str | None = TOKEN, *extra: str):
        self.db = db
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = db.with_suffix(".serve.log")
        env = {**os.environ, "EVENTWIRE_TOKEN": token or ""}
        self.proc = subprocess.Popen([EVENTWIRE, "serve", "--db", str(db), "--port",
                                      str(self.port), "--log-level", "warning", *extra],
                                     stdout=self.log.open("w"), stderr=subprocess.STDOUT, env=env)
        self.wait_ready()

    def wait_ready(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"eventwire serve exited with {self.proc.returncode}: {self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"eventwire serve did not answer within {timeout} s: {self.log.read_text()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
