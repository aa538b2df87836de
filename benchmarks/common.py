"""Shared benchmark plumbing: free ports, process groups that never outlive the script, memory of a
process tree, CPU settling, medians and the JSON output folder.

Why here: every benchmark starts servers or worker pools; one place makes sure they are killed by
process group in `finally`, even when a run is interrupted.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = Path(__file__).resolve().parent / "out"
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the OS picks it; never a fixed default like 7878)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Proc:
    """A child started in its own session so that the whole group can be killed at once."""

    def __init__(self, argv: list[str], *, cwd: Path | None = None, env: dict | None = None, log: Path | None = None):
        self.argv = argv
        self.log_path = log
        self._log = open(log, "ab") if log else subprocess.DEVNULL
        self.popen = subprocess.Popen(argv, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL, start_new_session=True)
        _LIVE.add(self)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM the leader (a server shuts its own workers down), SIGKILL the whole group after `grace` s."""
        _LIVE.discard(self)
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        # children may survive their leader: kill whatever is left of the group, and wait until it is gone
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(5)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and _group_alive(self.popen.pid):
            time.sleep(0.02)
        if self._log is not subprocess.DEVNULL:
            self._log.close()

    def tail(self, n: int = 20) -> str:
        if not self.log_path or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])


_LIVE: set[Proc] = set()


def _group_alive(pgid: int) -> bool:
    """True while a process of the group is still running (zombies awaiting reaping do not count)."""
    for p in psutil.process_iter(["pid"]):
        with contextlib.suppress(psutil.Error):
            if os.getpgid(p.pid) == pgid and p.status() != psutil.STATUS_ZOMBIE:
                return True
    return False


def stop_all() -> None:
    """Kill every Proc still running (used in finally blocks and at exit)."""
    for p in list(_LIVE):
        p.stop(grace=2.0)


def _on_signal(signum, frame):  # turn SIGTERM/SIGINT into an exception so finally blocks run
    raise KeyboardInterrupt(f"signal {signum}")


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _on_signal)


def tree(pid: int) -> list[psutil.Process]:
    """The process and all its descendants (those still alive)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def tree_memory(pid: int, *, pss: bool = False) -> int:
    """Sum of RSS (or PSS, which does not double-count pages shared after fork) over the tree, bytes."""
    total = 0
    for p in tree(pid):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            total += p.memory_full_info().pss if pss else p.memory_info().rss
    return total


def tree_cpu_seconds(pid: int) -> float:
    total = 0.0
    for p in tree(pid):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            t = p.cpu_times()
            total += t.user + t.system
    return total


class MemorySampler:
    """Samples a process tree's RSS and PSS in a thread; keeps the peaks (bytes)."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            self.peak_rss = max(self.peak_rss, tree_memory(self.pid))
            if n % 4 == 0:  # PSS reads smaps: slower, sample less often
                self.peak_pss = max(self.peak_pss, tree_memory(self.pid, pss=True))
            n += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> "MemorySampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(5)


def settle(pids: list[int], *, busy_below: float = 0.10, window: float = 0.5,
           max_wait: float = 30.0) -> tuple[float, list[int]]:
    """Wait until every tree in `pids` uses under `busy_below` of a core over `window` s.

    Why: a slow system keeps computing queries its clients gave up on; the next system measured
    must not share the cores with that leftover work. Returns (seconds waited, []) once idle, or
    (-1, pids still busy) after max_wait.
    """
    t0 = time.monotonic()
    busy = list(pids)
    while time.monotonic() - t0 < max_wait:
        before = {pid: tree_cpu_seconds(pid) for pid in pids}
        time.sleep(window)
        busy = [pid for pid in pids if (tree_cpu_seconds(pid) - before[pid]) / window >= busy_below]
        if not busy:
            return time.monotonic() - t0, []
    return -1.0, busy


def wait_for(predicate, *, timeout: float, interval: float = 0.1, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    last_exc = None
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception as exc:  # the server is still starting: connection refused etc.
            last_exc = exc
        time.sleep(interval)
    raise TimeoutError(f"{what} not reached within {timeout:.0f} s (last error: {last_exc})")


def median(values) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return a / b


def fmt_ratio(r: float | None) -> str:
    return "—" if r is None else (f"{r:.2f}x" if r < 100 else f"{r:.0f}x")


def machine_info() -> dict:
    """What the figures must be read against: cores, memory, load."""
    return {
        "cores": os.cpu_count(),
        "mem_total_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "python": sys.version.split()[0],
        "time": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def write_json(name: str, payload: dict) -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    (OUT_DIR / f"{name}-latest.json").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@dataclass
class Table:
    """A plain-text table for the console (and docs/benchmarks.md)."""

    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells) -> None:
        self.rows.append([str(c) for c in cells])

    def render(self, markdown: bool = False) -> str:
        widths = [max(len(h), *(len(r[i]) for r in self.rows)) if self.rows else len(h)
                  for i, h in enumerate(self.headers)]
        if markdown:
            lines = ["| " + " | ".join(self.headers) + " |", "|" + "|".join("---" for _ in self.headers) + "|"]
            lines += ["| " + " | ".join(r) + " |" for r in self.rows]
            return "\n".join(lines)
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        return "\n".join([fmt.format(*self.headers), fmt.format(*("-" * w for w in widths)),
                          *(fmt.format(*r) for r in self.rows)])
