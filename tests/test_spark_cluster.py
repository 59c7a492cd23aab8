"""Spark beyond one process: `spark-submit` to a one-worker standalone cluster started from the pyspark
distribution (as docs/spark.md shows) codes the same events as local mode; and a local master listens on
the loopback address only, with no web UI unless asked for."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("pyspark")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime")]

MASTER_CLASS = "org.apache.spark.deploy.master.Master"
WORKER_CLASS = "org.apache.spark.deploy.worker.Worker"


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_sockets(pids: set[int]) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket the processes listen on, read from /proc."""
    inodes: set[str] = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and inode in inodes:  # LISTEN
                    address, port = local.split(":")
                    found.append((_address(address, width), int(port, 16)))
    return found


def _address(hex_address: str, width: int) -> str:
    raw = bytes.fromhex(hex_address)
    if width == 8:
        return socket.inet_ntop(socket.AF_INET, raw[::-1])
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def process_tree(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo += children.get(pid, [])
    return tree


LOOPBACK = ("127.0.0.1", "::1", "::ffff:127.0.0.1")


def test_local_master_listens_on_loopback_only_and_serves_no_ui():
    from eventwire import spark

    session = spark.session("local[1]")
    try:
        jvm = session.sparkContext._gateway.proc.pid
        sockets = listening_sockets(process_tree(jvm))
        assert sockets, "the driver listens on some port (its RPC endpoint and block manager)"
        assert all(address in LOOPBACK for address, _ in sockets), sockets
        assert session.sparkContext.uiWebUrl is None  # no web UI
        assert session.sparkContext.getConf().get("spark.driver.host") == "127.0.0.1"
    finally:
        session.stop()


REPORTS = [
    "Russian troops shelled the city of Kharkiv on Monday, killing three civilians, regional officials said.",
    "The French president met the German chancellor in Paris on Tuesday to discuss energy prices.",
    "Thousands of teachers protested outside parliament in Nairobi, demanding higher pay.",
    "China accused the United States of interfering in its internal affairs over Taiwan.",
    "Police arrested 40 opposition supporters in Dhaka after clashes on Sunday.",
    "Turkey and Greece agreed to resume talks on maritime borders next month.",
]


def write_corpus(path: Path) -> Path:
    import json

    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(REPORTS * 3):
            fh.write(json.dumps({"id": f"r{i}", "text": text, "published": f"2023-0{1 + i % 3}-1{i % 10}",
                                 "source": "Test Wire"}) + "\n")
    return path


class StandaloneCluster:
    """A master and one worker on 127.0.0.1, started and stopped with the distribution's `spark-daemon.sh`
    (what `start-master.sh`/`start-worker.sh` run), all state in a folder of their own."""

    def __init__(self, folder: Path):
        self.port, self.ui, worker_ui = free_port(), free_port(), free_port()
        self.url = f"spark://127.0.0.1:{self.port}"
        self.daemon = str(spark_home() / "sbin" / "spark-daemon.sh")
        self.env = {**os.environ, "SPARK_HOME": str(spark_home()), "SPARK_LOCAL_IP": "127.0.0.1",
                    "SPARK_PID_DIR": str(folder / "pids"), "SPARK_LOG_DIR": str(folder / "logs"),
                    "SPARK_WORKER_DIR": str(folder / "work"), "SPARK_IDENT_STRING": f"eventwire-{uuid.uuid4().hex[:8]}"}
        self.master_args = [MASTER_CLASS, "1", "--host", "127.0.0.1", "--port", str(self.port),
                            "--webui-port", str(self.ui)]
        self.worker_args = [WORKER_CLASS, "1", "--host", "127.0.0.1", "--webui-port", str(worker_ui), "--cores", "2",
                            "--memory", "2g", self.url]

    def __enter__(self) -> StandaloneCluster:
        try:
            subprocess.run([self.daemon, "start", *self.master_args], env=self.env, check=True, capture_output=True)
            subprocess.run([self.daemon, "start", *self.worker_args], env=self.env, check=True, capture_output=True)
            self._wait(lambda state: state.get("aliveworkers", 0) >= 1, "a worker to register")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for cls in (WORKER_CLASS, MASTER_CLASS):
            subprocess.run([self.daemon, "stop", cls, "1"], env=self.env, capture_output=True)

    def state(self) -> dict:
        """The master's own account of the cluster (its web UI's JSON)."""
        import json
        import urllib.request

        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.ui}/json/", timeout=5) as response:
                return json.load(response)
        except OSError:
            return {}

    def _wait(self, done, what: str, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if done(self.state()):
                return
            time.sleep(1.0)
        logs = "\n".join(p.read_text()[-2000:] for p in Path(self.env["SPARK_LOG_DIR"]).glob("*.out"))
        raise TimeoutError(f"waited {timeout:.0f} s for {what}:\n{logs}")


def submit(master: str, corpus: Path, output: Path, extra: list[str] = ()) -> subprocess.CompletedProcess:
    import eventwire.spark_main as entry

    command = [str(spark_home() / "bin" / "spark-submit"), "--master", master,
               "--conf", f"spark.pyspark.python={sys.executable}",
               "--conf", f"spark.pyspark.driver.python={sys.executable}", *extra,
               entry.__file__, str(corpus), "--output", str(output), "--partitions", "3"]
    return subprocess.run(command, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "SPARK_HOME": str(spark_home())})


def events(output: Path) -> list[str]:
    rows = duckdb.connect().execute(f"SELECT record FROM read_parquet('{output}/events/*/*.parquet')").fetchall()
    return sorted(r[0] for r in rows)


def test_spark_submit_to_a_standalone_cluster_codes_what_local_mode_codes(tmp_path: Path):
    corpus = write_corpus(tmp_path / "reports.jsonl")
    local = submit("local[2]", corpus, tmp_path / "local")
    assert local.returncode == 0, local.stderr[-3000:]
    with StandaloneCluster(tmp_path / "cluster") as cluster:
        done = submit(cluster.url, corpus, tmp_path / "cluster-out",
                      ["--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                       "--conf", "spark.ui.enabled=false", "--executor-memory", "1g", "--total-executor-cores", "2"])
        finished = cluster.state().get("completedapps", [])
    assert done.returncode == 0, done.stderr[-3000:]
    assert [app["name"] for app in finished] == ["eventwire"]  # the run went through the cluster's master
    assert f"{len(REPORTS) * 3} article(s)" in done.stdout + done.stderr  # PythonRunner merges the two
    assert (tmp_path / "cluster-out" / "_SUCCESS").exists()
    coded = events(tmp_path / "cluster-out")
    assert coded and coded == events(tmp_path / "local")
