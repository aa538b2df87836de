"""Shared helpers for the endpoint tests: fixture data, free ports, a real server process."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "rdf"
RELATIONS = FIXTURES / "relations.trig"
PYTHON = sys.executable

CCR = "https://w3id.org/china-russia-kg/ontology#"
RES = "https://w3id.org/china-russia-kg/resource/"
GRAPH = "https://w3id.org/china-russia-kg/graph/"
PREFIXES = f"PREFIX ccr: <{CCR}>\nPREFIX res: <{RES}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"

# A query that keeps a core busy for far longer than any test deadline on the small fixture.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout_s: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    """Poll `url` until it answers (any HTTP status), with a bounded loop."""
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                r.read()
                return
        except urllib.error.HTTPError:
            return
        except OSError as exc:
            last = exc
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout_s} s ({last})")


@contextlib.contextmanager
def running_server(env_extra: dict | None = None, dev: bool = False, **settings):
    """`server.run(Settings(...))` in a child process on a free 127.0.0.1 port; yields the base URL."""
    port = free_port()
    overrides = {"host": "127.0.0.1", "port": port, "web_workers": 1, "web_threads": 8, **settings}
    code = (
        "import sys; from pathlib import Path; from kg.settings import Settings; from server import run; "
        f"kw = {overrides!r}; "
        "kw = {k: (Path(v) if k in ('data_file', 'data_dir') else v) for k, v in kw.items()}; "
        f"run(Settings.from_env(**kw), dev={dev!r})"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env_extra or {})}
    log = tempfile.TemporaryFile()  # a pipe nobody reads would fill up and block the server's logging
    proc = subprocess.Popen([PYTHON, "-c", code], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=log, start_new_session=True)
    proc.log = log  # type: ignore[attr-defined]
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/healthz", proc=proc)
        yield base, proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server we started (its whole process group: gunicorn, zygote, query workers)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    log = getattr(proc, "log", None)
    if log is not None:
        log.close()


def server_log(proc: subprocess.Popen) -> str:
    """What the server wrote to stderr so far (for assertion messages)."""
    log = proc.log  # type: ignore[attr-defined]
    log.seek(0)
    return log.read().decode("utf-8", "replace")
